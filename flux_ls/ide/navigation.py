"""Go to definition / declaration, find references and document highlight.

All functions take an ``Analysis`` and a cursor (UTF-8 byte offset into ``analysis.data``)
and return ``Location``s (``path`` plus byte ``start``/``end`` of a name) or ``Highlight``s;
an empty tuple means there is nothing to show (no symbol under the cursor, or an undefined
name). What a "definition" is, per kind of symbol (see ``index``):

- node: its signature(s), then its flow definitions (plain or every dispatch alternative);
  ``declaration`` is the signature only (the flow definitions when the signature is inferred);
- predicate type: its ``typedef``;
- constraint: its declarations, i.e. every occurrence in an ``atomic`` set;
- C function (predicate, handler, session function): every declaration naming it.

``references(..., include_declaration=False)`` leaves out exactly what ``definition`` returns
(so for a constraint or a C function, whose occurrences are all declarations, nothing is
left). ``document_highlight`` marks definitions ``write`` and uses ``read``; a constraint is
``write`` where it is taken as a writer and ``read`` where it is taken as a reader; C
functions are ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..model import Atomic
from .index import Occurrence, index

if TYPE_CHECKING:
    from ..analysis import Analysis

HighlightKind = Literal["text", "read", "write"]


@dataclass(frozen=True)
class Location:
    """A name in a file: ``[start, end)`` are UTF-8 byte offsets into that file's text."""

    path: str
    start: int
    end: int


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: HighlightKind


def _locations(analysis: Analysis, occurrences: tuple[Occurrence, ...]) -> tuple[Location, ...]:
    return tuple(Location(analysis.path, o.start, o.end) for o in occurrences)


def definition_occurrences(analysis: Analysis, occ: Occurrence) -> tuple[Occurrence, ...]:
    """The occurrences ``definition`` goes to from ``occ``: signatures first, then flows."""
    defs = index(analysis).definitions(occ.symbol)
    if occ.kind == "node":
        return (tuple(o for o in defs if o.role == "signature")
                + tuple(o for o in defs if o.role == "flow"))
    return defs


def definition(analysis: Analysis, offset: int) -> tuple[Location, ...]:
    occ = index(analysis).at(offset)
    if occ is None:
        return ()
    return _locations(analysis, definition_occurrences(analysis, occ))


def declaration(analysis: Analysis, offset: int) -> tuple[Location, ...]:
    occ = index(analysis).at(offset)
    if occ is None:
        return ()
    defs = definition_occurrences(analysis, occ)
    if occ.kind == "node":
        signatures = tuple(o for o in defs if o.role == "signature")
        defs = signatures or defs
    return _locations(analysis, defs)


def references(analysis: Analysis, offset: int,
               include_declaration: bool = True) -> tuple[Location, ...]:
    occ = index(analysis).at(offset)
    if occ is None:
        return ()
    found = index(analysis).of(occ.symbol)
    if not include_declaration:
        found = tuple(o for o in found if not o.is_definition)
    return _locations(analysis, found)


def _highlight_kind(occ: Occurrence) -> HighlightKind:
    if occ.kind == "function":
        return "text"
    if occ.kind == "constraint" and isinstance(occ.declaration, Atomic) \
            and occ.position is not None:
        return "read" if occ.declaration.constraints[occ.position].mode == "read" else "write"
    return "write" if occ.is_definition else "read"


def document_highlight(analysis: Analysis, offset: int) -> tuple[Highlight, ...]:
    occ = index(analysis).at(offset)
    if occ is None:
        return ()
    return tuple(Highlight(o.start, o.end, _highlight_kind(o))
                 for o in index(analysis).of(occ.symbol))
