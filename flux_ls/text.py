"""Source text helpers: byte offsets ↔ (line, column) with columns in code points or bytes."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def common_ends(old: Sequence[object], new: Sequence[object]) -> tuple[int, int]:
    """The lengths of the longest common prefix of ``old`` and ``new`` (bytes or lists) and of
    their longest common suffix not overlapping it. Each probe of the binary searches compares
    only the part not yet known equal, in C: about ``len`` elements in all."""
    limit = min(len(old), len(new))
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[lo:mid] == new[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    lo, hi = 0, limit - prefix
    n, m = len(old), len(new)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[n - mid:n - lo] == new[m - mid:m - lo]:
            lo = mid
        else:
            hi = mid - 1
    return prefix, lo


class LineIndex:
    """Maps UTF-8 byte offsets of a text to 0-based lines and columns."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = [0]
        pos = data.find(b"\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = data.find(b"\n", pos + 1)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_text(self, line: int) -> str:
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.data)
        return self.data[start:end].decode("utf-8", "replace").rstrip("\r")

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column in Unicode code points) of a byte offset."""
        offset = max(0, min(offset, len(self.data)))
        line = self.line_of(offset)
        start = self.starts[line]
        return line, len(self.data[start:offset].decode("utf-8", "replace"))

    def offset(self, line: int, column: int) -> int:
        """Byte offset of a 0-based line and code-point column (clamped to the line)."""
        if line >= len(self.starts):
            return len(self.data)
        start = self.starts[max(line, 0)]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.data)
        text = self.data[start:end].decode("utf-8", "replace")
        return start + len(text[:column].encode("utf-8"))
