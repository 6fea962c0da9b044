"""Byte offsets ↔ LSP (line, character) in the negotiated position encoding. No LSP types.

The server keeps documents as UTF-8 bytes (what tree-sitter and the analysis use); a client
counts ``character`` in UTF-8 bytes, UTF-16 code units (the LSP default: VS Code) or code
points (UTF-32: Emacs). Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (the LSP definition):
``Lines`` is the line index that ``flux check`` places its diagnostics with
(``text.LineIndex``), counting in the client's encoding. Out-of-range positions are clamped
the way the specification asks: a character past the end of a line means the end of that
line, a line past the end of the document means the end of the document, and a position
inside a character (half of a UTF-16 surrogate pair, a byte inside a UTF-8 sequence) rounds
down to its start.
"""

from __future__ import annotations

import bisect

from ..text import Encoding, LineIndex, line_starts

__all__ = ["ENCODINGS", "Encoding", "Lines"]

ENCODINGS: tuple[Encoding, ...] = ("utf-8", "utf-16", "utf-32")


class Lines(LineIndex):
    """The line starts of one version of a document's bytes, and conversions in ``encoding``:
    a ``LineIndex`` in the LSP default encoding that ``edited`` carries to the next version
    of the text without splitting it all again."""

    __slots__ = ()

    def __init__(self, data: bytes, encoding: Encoding = "utf-16") -> None:
        super().__init__(data, encoding)

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
        if after < len(starts):  # the window ends at starts[after], moved, which stays
            window = line_starts(data[a:starts[after] + delta], a)
            new = starts[:first] + window[:-1] + [s + delta for s in starts[after:]]
        else:
            new = starts[:first] + line_starts(data[a:], a)
        lines = Lines.__new__(Lines)
        lines.data, lines.encoding, lines.starts = data, self.encoding, new
        return lines
