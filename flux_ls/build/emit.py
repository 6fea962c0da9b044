"""A tiny emit/indent helper for generated C (in the style of pegen's ``CallMakerVisitor``).

``Emitter.line`` appends one line at the current indentation; ``with out.indent():`` nests;
``Emitter.text()`` joins everything with a final newline.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class Emitter:
    def __init__(self, unit: str = "    ") -> None:
        self.lines: list[str] = []
        self.level = 0
        self.unit = unit

    def line(self, text: str = "") -> None:
        self.lines.append(self.unit * self.level + text if text else "")

    def lines_of(self, text: str) -> None:
        for line in text.splitlines():
            self.line(line)

    @contextmanager
    def indent(self) -> Iterator[None]:
        self.level += 1
        try:
            yield
        finally:
            self.level -= 1

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"
