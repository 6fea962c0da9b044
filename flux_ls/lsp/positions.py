"""Byte offsets ↔ LSP (line, character) in the negotiated position encoding. No LSP types.

The server keeps documents as UTF-8 bytes (what tree-sitter and the analysis use); a client
counts ``character`` in UTF-8 bytes, UTF-16 code units (the LSP default: VS Code) or code
points (UTF-32: Emacs). Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (the LSP definition,
which is also what ``bytes.splitlines`` splits on). Out-of-range positions are clamped the way
the specification asks: a character past the end of a line means the end of that line, a line
past the end of the document means the end of the document, and a position inside a character
(half of a UTF-16 surrogate pair, a byte inside a UTF-8 sequence) rounds down to its start.
"""

from __future__ import annotations

import bisect
from itertools import accumulate
from typing import Literal

Encoding = Literal["utf-8", "utf-16", "utf-32"]
ENCODINGS: tuple[Encoding, ...] = ("utf-8", "utf-16", "utf-32")


def _decode(data: bytes) -> str:
    """Text of document bytes (which always come from ``str.encode(surrogatepass)``)."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # a slice ending inside a character
        return data.decode("utf-8", "ignore")


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _prefix_chars(text: str, character: int, encoding: Encoding) -> int:
    """How many code points of ``text`` fit in ``character`` units (rounding down)."""
    if encoding == "utf-32":
        return min(character, len(text))
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > character:
            return index
    return len(text)


class Lines:
    """The line starts of one version of a document's bytes, and conversions in ``encoding``."""

    __slots__ = ("data", "encoding", "starts")

    def __init__(self, data: bytes, encoding: Encoding = "utf-16") -> None:
        self.data = data
        self.encoding: Encoding = encoding
        starts = [0]
        starts.extend(accumulate(map(len, data.splitlines(keepends=True))))
        if len(starts) > 1 and not data.endswith((b"\n", b"\r")):
            starts.pop()  # the end of a last line without a line break starts no new line
        self.starts = starts

    def edited(self, start: int, end: int, new_text: bytes, data: bytes) -> Lines:
        """The index of ``data``, this text with bytes ``[start, end)`` replaced by
        ``new_text``: the lines of the edit are re-read, the others kept or moved (a
        keystroke in a 10,000-line file then costs a list shift, not a re-split)."""
        starts = self.starts
        # Re-read from the line before the edit's (a CRLF can be split or joined at its
        # start) to the line start after the one just past it; the line breaks before and
        # after that window lie in bytes the edit did not touch, so they stay line breaks.
        first = max(bisect.bisect_right(starts, start) - 2, 0)
        after = bisect.bisect_right(starts, end + 1)
        delta = len(new_text) - (end - start)
        a = starts[first]
        b = starts[after] + delta if after < len(starts) else len(data)
        window = list(accumulate(map(len, data[a:b].splitlines(keepends=True)), initial=a))
        if after < len(starts):  # the window's last start is starts[after], moved
            new = starts[:first] + window[:-1] + [s + delta for s in starts[after:]]
        else:
            new = starts[:first] + window
            if len(new) > 1 and not data.endswith((b"\n", b"\r")):
                new.pop()  # as __init__: the end of a last line without a break starts none
        lines = Lines.__new__(Lines)
        lines.data, lines.encoding, lines.starts = data, self.encoding, new
        return lines

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

    def offset(self, line: int, character: int) -> int:
        """The byte offset of an LSP position (clamped, never inside a character)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.data)
        start, end = self.line_bounds(line)
        character = max(character, 0)
        segment = self.data[start:end]
        if segment.isascii():
            return start + min(character, len(segment))
        if self.encoding == "utf-8":
            column = min(character, len(segment))
            while 0 < column < len(segment) and segment[column] & 0xC0 == 0x80:
                column -= 1
            return start + column
        text = _decode(segment)
        chars = _prefix_chars(text, character, self.encoding)
        return start + len(text[:chars].encode("utf-8", "surrogatepass"))

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based LSP (line, character) of a byte offset (clamped to its line's end)."""
        offset = max(0, min(offset, len(self.data)))
        line = self.line_of(offset)
        start, end = self.line_bounds(line)
        prefix = self.data[start:min(offset, end)]
        return line, self.units(prefix)

    def units(self, prefix: bytes) -> int:
        """The length of some UTF-8 bytes in this encoding's units."""
        if self.encoding == "utf-8" or prefix.isascii():
            return len(prefix)
        text = _decode(prefix)
        return len(text) if self.encoding == "utf-32" else _utf16_units(text)

    def end(self) -> tuple[int, int]:
        """The position just past the last character of the document."""
        return self.position(len(self.data))
