"""Keep pathological syntax errors linear: skip what tree-sitter would recover from slowly.

Tree-sitter's error recovery merges every token it skips into one ERROR node, rebuilding that
node each time, so an error region of n tokens costs O(n²): 100,000 nested parentheses took
over a minute to parse. Valid Flux never nests brackets more than two deep (a constraint's
``(session)`` inside ``{…}``) and never has more than a handful of punctuation marks in a
row, so before parsing, the text is scanned for two shapes that are always errors:

- more than ``MAX_OPEN`` opening brackets (``(`` ``[`` ``{``) with no closing bracket or
  ``;`` between them: from the next one on, the text up to the next closing bracket or
  ``;`` is skipped;
- more than ``MAX_RUN`` punctuation marks in a row (whitespace, comments and ``*`` aside;
  ``->`` and ``=>`` count as one): the rest of the run is skipped.

Skipping replaces bytes with spaces (line breaks kept), so every offset, row and column stays
the same; the parser sees the text before the skipped part, which is already a syntax error,
and each skipped region gets an FLX001 of its own (``syntax.errors``). A cheap scan in C
(``needs_guard``) decides whether the token scan runs at all: it never does on valid text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_OPEN = 32
MAX_RUN = 64

_OPEN = b"([{"
_CLOSE = b")]};"
_MARKS = b",:=?!-"
_SPACE = b" \t\r\n\f\v"
# needs_guard's table: brackets and ``;`` to o/c, other marks to p, the rest to w; whitespace,
# ``*`` and ``>`` (of ``->``, ``=>``) deleted.
_TABLE = bytearray(b"w" * 256)
for _c in _OPEN:
    _TABLE[_c] = ord("o")
for _c in _CLOSE:
    _TABLE[_c] = ord("c")
for _c in _MARKS:
    _TABLE[_c] = ord("p")
_MARK_TABLE = bytes(_TABLE).translate(bytes.maketrans(b"oc", b"pp"))
_IGNORED = _SPACE + b"*>"
_TABLE_BYTES = bytes(_TABLE)
_NOT_BRACKETS = bytes(c for c in range(256) if c not in _OPEN + _CLOSE)

_TOKEN = re.compile(
    rb"(?P<comment>//[^\r\n]*|/\*.*?(?:\*/|\Z))"
    rb"|(?P<open>[(\[{])|(?P<close>[)\]};])|(?P<mark>->|=>|[,:=?!])"
    rb"|(?P<star>\*)|[^\s()\[\]{};,:=?!*/-]+|\S", re.DOTALL)


@dataclass(frozen=True)
class Skipped:
    """A region of the text the parser did not read, and why."""

    start: int
    end: int
    reason: str


def needs_guard(data: bytes) -> bool:
    """Whether ``data`` may hold a shape ``guard`` skips (false on every valid program)."""
    marks = data.translate(_MARK_TABLE, _IGNORED)
    if b"p" * (MAX_RUN + 1) in marks:
        return True
    brackets = data.translate(_TABLE_BYTES, _NOT_BRACKETS)
    return b"o" * (MAX_OPEN + 1) in brackets


def guard(data: bytes) -> tuple[bytes, tuple[Skipped, ...]]:
    """``data`` with the pathological regions blanked out, and those regions."""
    if not needs_guard(data):
        return data, ()
    regions: list[list[int]] = []
    reasons: list[str] = []
    opened = 0       # opening brackets since the last closing one or ``;``
    run = 0          # punctuation marks in a row
    skipping = False  # inside a region skipped for nesting (until a closing bracket or ``;``)

    def skip(start: int, end: int, reason: str) -> None:
        if regions and reasons[-1] == reason and not data[regions[-1][1]:start].strip():
            regions[-1][1] = end
        else:
            regions.append([start, end])
            reasons.append(reason)

    nesting = (f"brackets nested more than {MAX_OPEN} deep are not read (Flux never nests "
               "them), up to the next closing bracket or `;`")
    marks = f"more than {MAX_RUN} punctuation marks in a row: the rest of the run is not read"
    for token in _TOKEN.finditer(data):
        kind = token.lastgroup
        if kind == "star":  # ``*`` neither counts in a run nor ends it
            if skipping or run > MAX_RUN:
                skip(token.start(), token.end(), nesting if skipping else marks)
            continue
        if kind == "comment":
            if skipping:
                skip(token.start(), token.end(), nesting)
            run = 0
            continue
        is_mark = kind in ("open", "close", "mark")
        run = run + 1 if is_mark else 0
        if kind == "close":
            opened = 0
            skipping = False
        elif kind == "open":
            opened += 1
            skipping = skipping or opened > MAX_OPEN
        if skipping:
            skip(token.start(), token.end(), nesting)
        elif run > MAX_RUN:
            skip(token.start(), token.end(), marks)
    if not regions:
        return data, ()
    out = bytearray(data)
    for start, end in regions:
        blank = bytes(data[start:end]).translate(_BLANK)
        out[start:end] = blank
    return bytes(out), tuple(Skipped(s, e, r) for (s, e), r in zip(regions, reasons, strict=True))


# every byte but a line break to a space
_BLANK = bytes(b if b in b"\r\n" else 0x20 for b in range(256))
