"""Checking a program island by island, and after an edit only the islands it touched.

An *island* is a group of declarations linked by the names they mention (node names,
predicate types and functions, handler and session functions, constraint names): the
connected components of that graph. Every check relates declarations only through names,
so what the checks conclude inside an island depends on that island's declarations (in
program order) alone, and checking islands one by one gives what checking the whole program
at once does (``checks.run``; a test compares both). Three things need the whole file and
are done here, after the islands:

- the "did you mean" hints of FLX101/FLX102, drawn from every name of the file
  (``Suggestions``, which also keeps them current across edits without rescoring);
- FLX105 and FLX501, which a file with a syntax error does not report (islands are always
  checked as if it had none, and those are dropped here);
- the order of ``Semantics``: nodes, predicate types, sources and constraint scopes in the
  order of the file.

After an edit (``previous`` given, with ``Lowered.change`` saying which declarations the
edit replaced and how far the others moved), an island that lies wholly before or wholly
after the replaced ones and that no new declaration names is not checked again: its
diagnostics and ``NodeInfo`` are those of its last check, relocated by the distance it
moved (``model.shifted``). Only the replaced declarations and the islands they touch are
partitioned and checked again. The ``Semantics`` are assembled when first read: a
keystroke's diagnostics need none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

from ..diagnostics import Diagnostic, Edit, Fix, Related
from ..model import (
    Atomic,
    Declaration,
    FlowDef,
    Handler,
    Program,
    Signature,
    Source,
    Span,
    Typedef,
    deferred,
    shifted,
)
from ..semantics import NodeInfo, Semantics
from ..syntax.units import Change, Lowered, Unit
from . import check, node_infos

if TYPE_CHECKING:
    from .suggest import CandidateIndex, Suggestions

#: Reported only when the file has no syntax error: dropped by ``whole_file``.
_NEED_CLEAN_SYNTAX = frozenset({"FLX105", "FLX501"})


@dataclass(frozen=True, eq=False)
class Island:
    """The declarations of one island and what the checks concluded about them, with the
    positions of the text they were checked in."""

    members: tuple[int, ...]          # the indexes of its units when checked
    decls: tuple[Declaration, ...]    # the declarations as checked (``infos`` refers to them)
    bounds: tuple[int, int]           # first and last byte of its declarations when checked
    names: frozenset[str]             # every name its declarations mention
    diagnostics: tuple[Diagnostic, ...]
    undefined: tuple[tuple[int, str, str], ...]  # deferred hints: (index, name, kind)
    infos: dict[str, NodeInfo]


@dataclass(frozen=True)
class Placement:
    """Where an island is now relative to where it was checked."""

    shift: int = 0        # bytes it moved
    moved: int = 0        # positions its units moved in the list of units


@dataclass(frozen=True, eq=False)
class Checked:
    """What the next analysis of an edited text can reuse."""

    placed: dict[Island, Placement]
    of_name: dict[str, Island]        # every name an island's declarations mention
    order: list[str]                  # the node names, in the order of ``Semantics.nodes``
    typedefs: list[tuple[str, int]]   # each predicate type and the unit of its first typedef
    kinds: dict[type, list[int]]      # the units declaring a Typedef, a Source, an Atomic
    suggestions: dict[str, Suggestions] = field(default_factory=dict)
    #: the candidates for hints, indexed; shared with the next analyses (``move_to``)
    indexes: dict[str, CandidateIndex] = field(default_factory=dict)


def check_program(lowered: Lowered, has_syntax_errors: bool, previous: Checked | None = None
                  ) -> tuple[Semantics, list[Diagnostic], Checked]:
    """Check ``lowered.program`` by islands, reusing the islands of ``previous`` (the check
    of the previous lowering, ``lowered.change`` says what changed since) that the change
    did not touch."""
    change = lowered.change
    if previous is None or change is None:
        placed: dict[Island, Placement] = {}
        pool: Iterable[int] = range(len(lowered.units))
        of_name: dict[str, Island] = {}
    else:
        placed, pool, of_name = _carry_over(lowered, change, previous)
    for members, names in _partition(lowered.units, pool):
        island = _check_island(lowered, members, names)
        placed[island] = Placement()
        for name in island.names:
            of_name[name] = island
    found, undefined = _diagnostics(placed)
    base = (previous, change) if previous is not None and change is not None else None
    order = _order(lowered, base)
    kinds: dict[type, list[int]] = {kind: _where(kind, lowered.units, base) for kind in _KINDS}
    typedefs = _typedefs(lowered, kinds[Typedef], base)
    semantics = _semantics(lowered, placed, of_name, order, typedefs, kinds)
    known = previous.suggestions if previous is not None else {}
    indexes = previous.indexes if previous is not None else {}
    candidates = {"node": order, "predicate": [name for name, _ in typedefs]}
    found, suggestions = whole_file(found, undefined, candidates, has_syntax_errors, indexes,
                                    known)
    return semantics, found, Checked(placed, of_name, order, typedefs, kinds, suggestions,
                                     indexes)


# --- what a change left alone ----------------------------------------------------------------

def _carry_over(lowered: Lowered, change: Change, previous: Checked
                ) -> tuple[dict[Island, Placement], list[int], dict[str, Island]]:
    """The islands of ``previous`` that ``change`` did not touch (where they are now), the
    indexes of the units to partition and check again, and the names of the islands kept."""
    units = lowered.units
    touched: set[Island] = set()
    of_name = previous.of_name
    news = [units[i] for i in range(change.first, change.new_end)]
    news += [units[i] for i in change.fresh if not change.first <= i < change.new_end]
    for unit in (*news, *change.replaced):
        touched.update(of_name[n] for n in links(unit.decl) if n in of_name)
    start, end = change.old_bytes
    moved = change.new_end - change.old_end
    placed: dict[Island, Placement] = {}
    for island, where in previous.placed.items():
        if island in touched:
            continue
        first, last = island.bounds[0] + where.shift, island.bounds[1] + where.shift
        if last <= start:
            placed[island] = where
        elif first >= end:
            placed[island] = Placement(where.shift + change.shift, where.moved + moved)
        else:
            touched.add(island)
    pool = set(range(change.first, change.new_end))
    pool.update(change.fresh)
    for island in touched:
        where = previous.placed[island]
        for member in island.members:
            at = member + where.moved
            if at < change.first:
                pool.add(at)
            elif at >= change.old_end:
                pool.add(at + moved)
    of_name = dict(of_name)
    for island in touched:
        for name in island.names:
            if of_name.get(name) is island:
                del of_name[name]
    return placed, sorted(pool), of_name


# --- islands ---------------------------------------------------------------------------------

def links(decl: Declaration) -> list[str]:
    """Every name a declaration mentions: what ties it to other declarations."""
    if isinstance(decl, Signature):
        return [decl.name.text]
    if isinstance(decl, FlowDef):
        out = [decl.name.text, *(step.text for step in decl.steps)]
        out.extend(e.name.text for e in decl.pattern or () if e.name is not None)
        return out
    if isinstance(decl, Source):
        out = [decl.node.text, decl.target.text]
        return out + [decl.session.text] if decl.session is not None else out
    if isinstance(decl, Typedef):
        return [decl.type.text, decl.predicate.text]
    if isinstance(decl, Handler):
        return [decl.node.text, decl.function.text]
    return [decl.node.text, *(c.name.text for c in decl.constraints)]


def _partition(units: Sequence[Unit], pool: Iterable[int]
               ) -> list[tuple[list[int], frozenset[str]]]:
    """The islands among the units at ``pool`` (ascending indexes), each in program order,
    with every name it mentions."""
    parent: dict[int, int] = {}
    owner: dict[str, int] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = i = parent[parent[i]]
        return i

    order = []
    for i in pool:
        order.append(i)
        parent[i] = i
        for name in links(units[i].decl):
            j = owner.setdefault(name, i)
            if j != i:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(find(i), []).append(i)
    names: dict[int, list[str]] = {}
    for name, i in owner.items():
        names.setdefault(find(i), []).append(name)
    return [(members, frozenset(names.get(root, ()))) for root, members in groups.items()]


def _check_island(lowered: Lowered, members: list[int], names: frozenset[str]) -> Island:
    decls = tuple(lowered.decl(i) for i in members)
    ctx = check(Program(decls))
    bounds = (decls[0].span.start, max(d.span.end for d in decls))
    return Island(tuple(members), decls, bounds, names, tuple(ctx.diagnostics),
                  tuple(ctx.undefined), node_infos(ctx))


# --- the whole file ----------------------------------------------------------------------------

def _diagnostics(placed: dict[Island, Placement]
                 ) -> tuple[list[Diagnostic], list[tuple[Diagnostic, str, str]]]:
    """The diagnostics of every island where it is now, and those waiting for a hint."""
    found: list[Diagnostic] = []
    undefined: list[tuple[Diagnostic, str, str]] = []
    for island, where in placed.items():
        start = len(found)
        found.extend(island.diagnostics if where.shift == 0 else
                     [shift_diagnostic(d, where.shift) for d in island.diagnostics])
        undefined.extend((found[start + i], name, kind) for i, name, kind in island.undefined)
    return found, undefined


_Base = tuple["Checked", Change]  # the previous check, and what changed since
_KINDS = (Typedef, Source, Atomic)


def _semantics(lowered: Lowered, placed: dict[Island, Placement], of_name: dict[str, Island],
               order: list[str], typedefs: list[tuple[str, int]], kinds: dict[type, list[int]]
               ) -> Semantics:
    """The semantics of the file from its islands, in the order of the file. Only the
    sources are made now; the rest when first read (a keystroke's diagnostics need none of
    it, and the ``NodeInfo`` of every island that moved would have to be relocated)."""
    decl, units = lowered.decl, lowered.units
    sources = tuple(cast(Source, decl(i)) for i in kinds[Source])
    return deferred(Semantics, lambda: {
        "nodes": _nodes(decl, placed, of_name, order),
        "typedefs": {name: cast(Typedef, decl(i)) for name, i in typedefs},
        "constraint_scopes": {c.name.text: c.scope for i in kinds[Atomic]
                              for c in cast(Atomic, units[i].decl).constraints},
    }, sources=sources)


def _nodes(decl: Callable[[int], Declaration], placed: dict[Island, Placement],
           of_name: dict[str, Island], order: list[str]) -> dict[str, NodeInfo]:
    """Every node's ``NodeInfo`` in ``order``: as its island concluded, relocated where the
    island moved, referring to the program's own declarations."""
    remaps: dict[Island, _Remap | None] = {}
    nodes = {}
    for name in order:
        island = of_name[name]
        if island not in remaps:
            remaps[island] = _Remap.of(island, placed[island], decl)
        remap = remaps[island]
        info = island.infos[name]
        nodes[name] = info if remap is None else shifted(info, placed[island].shift, remap)
    return nodes


def _order(lowered: Lowered, base: _Base | None) -> list[str]:
    """The node names: signatures first, then abstract nodes without one, each in the order
    of its first declaration."""
    if base is not None and not base[1].renames:
        return base[0].order
    signatures = dict.fromkeys([unit.signature for unit in lowered.units])
    flows = dict.fromkeys([unit.flow for unit in lowered.units])
    signatures.pop(None, None)
    flows.pop(None, None)
    return [n for n in (*signatures, *(n for n in flows if n not in signatures)) if n is not None]


def _typedefs(lowered: Lowered, where: list[int], base: _Base | None
              ) -> list[tuple[str, int]]:
    """Each predicate type with the index of the unit of its first typedef."""
    if base is not None and not base[1].touches((Typedef,)):
        previous, change = base
        return [(name, change.now(i)) for name, i in previous.typedefs]
    first: dict[str, int] = {}
    for i in where:
        first.setdefault(cast(Typedef, lowered.units[i].decl).type.text, i)
    return list(first.items())


def _where(kind: type, units: list[Unit], base: _Base | None) -> list[int]:
    """The indexes of the units that declare a ``kind``: from the previous check's unless
    the change may have added or removed one."""
    if base is None or base[1].touches((kind,)):
        return [i for i, unit in enumerate(units) if isinstance(unit.decl, kind)]
    previous, change = base
    first, moved = change.first + change.same_head, change.new_end - change.old_end
    return [i if i < first else i + moved for i in previous.kinds[kind]]


class _Remap:
    """The declarations an island was checked with → the program's ones now (built on first
    use: most relocated ``NodeInfo`` are never looked at)."""

    __slots__ = ("island", "moved", "decl", "_map")

    def __init__(self, island: Island, moved: int, decl: Callable[[int], Declaration]) -> None:
        self.island = island
        self.moved = moved
        self.decl = decl
        self._map: dict[int, Declaration] | None = None

    @staticmethod
    def of(island: Island, where: Placement, decl: Callable[[int], Declaration]
           ) -> _Remap | None:
        """None when the island's declarations are still the very objects it was checked
        with (it has not moved, or it moved back and nothing made new copies)."""
        if where.shift == 0 and all(
                decl(member + where.moved) is old
                for old, member in zip(island.decls, island.members, strict=True)):
            return None
        return _Remap(island, where.moved, decl)

    def get(self, key: int) -> Declaration | None:
        if self._map is None:
            self._map = {id(old): self.decl(member + self.moved) for old, member
                         in zip(self.island.decls, self.island.members, strict=True)}
        return self._map.get(key)


def shift_diagnostic(d: Diagnostic, delta: int) -> Diagnostic:
    """``d`` with every span moved by ``delta`` bytes."""
    return Diagnostic(d.code, d.message, _span(d.span, delta),
                      tuple(Related(_span(r.span, delta), r.message) for r in d.related),
                      d.severity, d.hint,
                      tuple(Fix(f.title, tuple(Edit(_span(e.span, delta), e.text)
                                               for e in f.edits)) for f in d.fixes))


def _span(span: Span, delta: int) -> Span:
    return Span(span.start + delta, span.end + delta)


def whole_file(found: list[Diagnostic], undefined: list[tuple[Diagnostic, str, str]],
               candidates: dict[str, list[str]], has_syntax_errors: bool,
               indexes: dict[str, CandidateIndex], known: dict[str, Suggestions]
               ) -> tuple[list[Diagnostic], dict[str, Suggestions]]:
    """The diagnostics of a whole file from those of its parts: each FLX101/FLX102 (in
    ``undefined``) with its hint drawn from ``candidates``, every name of the file; FLX105
    and FLX501 dropped if the file has a syntax error."""
    found, suggestions = _fill_hints(found, undefined, candidates, indexes, known)
    if has_syntax_errors:
        found = [d for d in found if d.code not in _NEED_CLEAN_SYNTAX]
    return found, suggestions


# --- "did you mean" ------------------------------------------------------------------------------

def _fill_hints(found: list[Diagnostic], undefined: list[tuple[Diagnostic, str, str]],
                candidates: dict[str, list[str]], indexes: dict[str, CandidateIndex],
                known: dict[str, Suggestions]) -> tuple[list[Diagnostic], dict[str, Suggestions]]:
    """Give each FLX101/FLX102 its hint from every node or predicate type of the file."""
    if not undefined:
        return found, {}
    from .suggest import CandidateIndex, Suggestions  # only for files with undefined names
    suggestions: dict[str, Suggestions] = {}
    hinted: dict[int, Diagnostic] = {}
    for diagnostic, word, kind in undefined:
        key = f"{kind}:{word}"
        current = suggestions.get(key)
        if current is None:
            index = indexes.setdefault(kind, CandidateIndex())
            index.move_to(candidates[kind])
            earlier = known.get(key)
            current = earlier.update(index) if earlier is not None else Suggestions.of(word, index)
            suggestions[key] = current
        if current.hint is not None:
            hinted[id(diagnostic)] = replace(diagnostic, hint=current.hint)
    return [hinted.get(id(d), d) for d in found], suggestions
