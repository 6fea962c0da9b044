"""Source text helpers: line breaks, common ends of two texts, and byte offsets ↔ (line,
column) with columns in code points (or in LSP units, see ``lsp.positions``).

A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``: the LSP definition (which is also what
``bytes.splitlines`` splits on), and how the formatter and the lowering read line breaks, so
that ``flux check`` and the language server put a diagnostic on the same line.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Literal

#: How an LSP client counts ``character``: UTF-8 bytes, UTF-16 code units or code points.
Encoding = Literal["utf-8", "utf-16", "utf-32"]


def common_prefix(old: Sequence[object], new: Sequence[object]) -> int:
    """The length of the longest common prefix of ``old`` and ``new`` (bytes or lists). Each
    probe of the binary search compares only the part not yet known equal, in C: about
    ``len`` elements in all."""
    lo, hi = 0, min(len(old), len(new))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[lo:mid] == new[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(old: Sequence[object], new: Sequence[object], limit: int | None = None) -> int:
    """The length of the longest common suffix of ``old`` and ``new``, at most ``limit``
    (default: the length of the shorter one); searched as ``common_prefix``."""
    n, m = len(old), len(new)
    lo, hi = 0, min(n, m) if limit is None else limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[n - mid:n - lo] == new[m - mid:m - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_ends(old: Sequence[object], new: Sequence[object]) -> tuple[int, int]:
    """The lengths of the longest common prefix of ``old`` and ``new`` and of their longest
    common suffix not overlapping it."""
    prefix = common_prefix(old, new)
    return prefix, common_suffix(old, new, min(len(old), len(new)) - prefix)


# --- line breaks -----------------------------------------------------------------------------

def newlines(data: bytes, start: int = 0, end: int | None = None) -> int:
    """How many line breaks (LF, CRLF or a lone CR) ``data[start:end]`` holds."""
    stop = len(data) if end is None else end
    lf = data.count(b"\n", start, stop)
    cr = data.count(b"\r", start, stop)
    return lf + cr - data.count(b"\r\n", start, stop) if cr else lf


def has_break(data: bytes, start: int, end: int) -> bool:
    """Whether ``data[start:end]`` holds a line break."""
    return data.find(b"\n", start, end) >= 0 or data.find(b"\r", start, end) >= 0


def line_start(data: bytes, offset: int) -> int:
    """Where the line holding ``offset`` starts (after LF, CRLF or a lone CR)."""
    start = data.rfind(b"\n", 0, offset) + 1
    return max(start, data.rfind(b"\r", start, offset) + 1)


def line_starts(data: bytes, base: int = 0) -> list[int]:
    """Where the lines of ``data`` start, each plus ``base``: at 0 and after every line
    break (a text that ends with one has an empty last line: ``b"a\\n"`` has two lines, as
    ``b"a\\nb"`` has)."""
    starts = list(accumulate(map(len, data.splitlines(keepends=True)), initial=base))
    if len(starts) > 1 and not data.endswith((b"\n", b"\r")):
        starts.pop()  # the end of a last line without a line break starts no new line
    return starts


# --- columns ---------------------------------------------------------------------------------

def _decode(data: bytes) -> str:
    """Text of document bytes (which always come from ``str.encode(surrogatepass)``)."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # a slice ending inside a character
        return data.decode("utf-8", "ignore")


def units(prefix: bytes, encoding: Encoding) -> int:
    """The length of some UTF-8 bytes in ``encoding``'s units."""
    if encoding == "utf-8" or prefix.isascii():
        return len(prefix)
    text = _decode(prefix)
    if encoding == "utf-32":
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _prefix_chars(text: str, character: int, encoding: Encoding) -> int:
    """How many code points of ``text`` fit in ``character`` units (rounding down)."""
    if encoding == "utf-32":
        return min(character, len(text))
    count = 0
    for index, ch in enumerate(text):
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > character:
            return index
    return len(text)


class LineIndex:
    """The line starts of a text's UTF-8 bytes, and conversions between byte offsets and
    0-based (line, column) with columns in ``encoding`` units: code points unless told (the
    CLI reports them 1-based). Out-of-range positions are clamped: a column past the end of a
    line means the end of that line, a line past the end the end of the text, and a
    position inside a character (half of a UTF-16 surrogate pair, a byte inside a UTF-8
    sequence) rounds down to its start."""

    __slots__ = ("data", "encoding", "starts")

    def __init__(self, data: bytes, encoding: Encoding = "utf-32") -> None:
        self.data = data
        self.encoding: Encoding = encoding
        self.starts = line_starts(data)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Byte offsets of the start and end (before the line break) of a 0-based line."""
        start = self.starts[line]
        if line + 1 >= len(self.starts):
            return start, len(self.data)
        end = self.starts[line + 1]
        if self.data[end - 1] == 0x0A:  # \n
            end -= 1
        if end > start and self.data[end - 1] == 0x0D:  # \r of \r\n, or a lone \r
            end -= 1
        return start, end

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_text(self, line: int) -> str:
        """The text of a 0-based line, without its line break."""
        start, end = self.line_bounds(line)
        return self.data[start:end].decode("utf-8", "replace")

    def offset(self, line: int, column: int) -> int:
        """The byte offset of a 0-based line and column (clamped, never inside a character)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.data)
        start, end = self.line_bounds(line)
        column = max(column, 0)
        segment = self.data[start:end]
        if segment.isascii():
            return start + min(column, len(segment))
        if self.encoding == "utf-8":
            at = min(column, len(segment))
            while 0 < at < len(segment) and segment[at] & 0xC0 == 0x80:
                at -= 1
            return start + at
        text = _decode(segment)
        chars = _prefix_chars(text, column, self.encoding)
        return start + len(text[:chars].encode("utf-8", "surrogatepass"))

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based (line, column) of a byte offset (clamped to its line's end)."""
        offset = max(0, min(offset, len(self.data)))
        line = self.line_of(offset)
        start, end = self.line_bounds(line)
        return line, self.units(self.data[start:min(offset, end)])

    def units(self, prefix: bytes) -> int:
        """The length of some UTF-8 bytes in this index's units."""
        return units(prefix, self.encoding)
