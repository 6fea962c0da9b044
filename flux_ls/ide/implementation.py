"""Go to the C implementation: which C function implements the symbol under the cursor, and
where the user's C sources define it.

``c_function_at(analysis, offset)`` names the C function (docs/language.md#the-c-interface) of
the symbol at a cursor: a concrete node's ``int N(…)``, a predicate type's (or predicate
function's) ``bool F(T v)``, an error handler's ``void H(…)``, a session function's
``uint64_t F(…)``. An abstract node has no C function (the runtime runs its flow).

The definitions come from a ``CIndex`` the caller builds by parsing the manifest's C sources
(``flux_ls.lsp.cindex``, which does the IO); ``implementation_note`` is the hover's line
saying where the function is implemented or that it is missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .index import index

if TYPE_CHECKING:
    from ..analysis import Analysis


@dataclass(frozen=True)
class CDefinition:
    """A C function definition: ``name`` at 0-based ``line``; ``prefix`` is the text of that
    line before the name (so a client's column can be counted in its own units); ``shown``
    is the file as the hover names it (relative to the manifest)."""

    name: str
    path: str
    shown: str
    line: int
    prefix: str


@dataclass(frozen=True)
class CIndex:
    """The C functions defined in a project's sources. ``sources`` are the files as shown,
    ``problems`` what could not be read (one sentence each)."""

    definitions: Mapping[str, Sequence[CDefinition]]
    sources: Sequence[str]
    problems: Sequence[str] = ()


@dataclass(frozen=True)
class CTarget:
    """The C function of a Flux symbol: its name and what it is (``node``, ``predicate``,
    ``error handler``, ``session function``)."""

    function: str
    what: str
    start: int
    end: int


def c_function_at(analysis: Analysis, offset: int) -> CTarget | None:
    occ = index(analysis).at(offset)
    if occ is None:
        return None
    if occ.kind == "node":
        info = analysis.semantics.node(occ.name)
        if info is None or info.kind != "concrete":
            return None
        return CTarget(occ.name, "node", occ.start, occ.end)
    if occ.kind == "predicate_type":
        typedef = analysis.semantics.typedefs.get(occ.name)
        if typedef is None:
            return None
        return CTarget(typedef.predicate.text, "predicate", occ.start, occ.end)
    if occ.kind == "function":
        what = {"predicate_function": "predicate", "handler_function": "error handler",
                "session_function": "session function"}.get(occ.role)
        return None if what is None else CTarget(occ.name, what, occ.start, occ.end)
    return None


def implementation(analysis: Analysis, offset: int, cindex: CIndex) -> list[CDefinition]:
    """The C definitions of the function of the symbol at ``offset`` (usually one; several
    when more than one source defines it, e.g. ``static`` ones)."""
    target = c_function_at(analysis, offset)
    if target is None:
        return []
    return list(cindex.definitions.get(target.function, ()))


def implementation_note(target: CTarget, cindex: CIndex | None, why_none: str = "") -> str:
    """Markdown: where ``target``'s C function is defined, or that no source defines it."""
    name = f"`{target.function}`"
    if cindex is None:
        return f"**C implementation** of {name}: not looked up — {why_none}"
    found = cindex.definitions.get(target.function, ())
    if found:
        where = ", ".join(f"`{d.shown}:{d.line + 1}`" for d in found)
        return f"**implemented** in C at {where}"
    sources = ", ".join(f"`{s}`" for s in cindex.sources) or "none"
    text = (f"**not implemented**: no C source of the manifest defines {name} "
            f"(sources: {sources})")
    if cindex.problems:
        text += "; " + "; ".join(cindex.problems)
    return text
