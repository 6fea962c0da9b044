"""A bounded least-recently-used map that threads can share (the formatter's and the
semantic tokens' caches; the language server runs them in worker threads)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(OrderedDict[K, V]):
    """A bounded least-recently-used map, safe to share between threads."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.lock = threading.Lock()

    def get(self, key: K, default: V | None = None) -> V | None:  # type: ignore[override]
        with self.lock:
            value = super().get(key)
            if value is None:
                return default
            self.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self.lock:
            self[key] = value
            self.move_to_end(key)
            while len(self) > self.size:
                self.popitem(last=False)
