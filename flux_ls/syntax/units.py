"""Top-level declarations as units, reused across edits: ``lower_units``.

Each top-level declaration is lowered on its own into a ``Unit``, keyed by its text and the
doc comment before it (what its model depends on). Given the lowering of the previous version
of a document, ``lower_units`` looks only at a *window* of the root's children: those before
it sit where they sat, with the same byte ranges in bytes both texts share; those after it
are the previous ones moved by the length the text changed by. They keep their units without
being looked at. In the window, each declaration is looked up by its key, and only one whose
text is new is lowered. A declaration with a syntax error inside is lowered afresh wherever
it is (error recovery depends on its surroundings, not only on its text). A unit that moved
reads as its first model relocated (``model.shifted``), made when first asked for
(``Lowered.decl``): the diagnostics of a keystroke need few of them.
"""

from __future__ import annotations

from _thread import allocate_lock
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import tree_sitter

from ..model import Declaration, FlowDef, Program, Signature, Span, deferred, shifted
from ..text import common_ends, common_suffix
from .lower import Lowerer, Lowering, lower_declaration, lowering
from .parse import SyntaxTree

Node = tree_sitter.Node


class Unit:
    """One top-level declaration, lowered: shared by the lowerings of successive versions of a
    text while its ``key`` (its text, and the doc comment before it) is unchanged.

    ``decl`` and ``reserved`` carry the spans of the place it was lowered at (``start``).
    ``key`` is None for a declaration with a syntax error inside: such a unit is lowered
    afresh in every version (error recovery depends on more than the declaration's text).
    """

    __slots__ = ("key", "start", "decl", "reserved", "signature", "flow")

    def __init__(self, key: object, start: int, decl: Declaration,
                 reserved: tuple[tuple[Span, str], ...]) -> None:
        self.key = key
        self.start = start
        self.decl = decl
        #: names written with a reserved word or `_` (FLX001 unless the unit has an error)
        self.reserved = reserved
        #: the node whose signature, or whose flow, it declares (for quick scans of a program)
        kind = type(decl)
        self.signature = decl.name.text if kind is Signature else None  # type: ignore[union-attr]
        self.flow = decl.name.text if kind is FlowDef else None  # type: ignore[union-attr]

    def at(self, start: int) -> Declaration:
        """The declaration as it reads when the unit starts at ``start``."""
        return shifted(self.decl, start - self.start)


@dataclass(frozen=True, eq=False)
class Change:
    """Where a lowering differs from the previous one (of an earlier version of the text):
    ``units[:first]`` are the previous ``units[:first]`` at the same places; the previous
    ``units[old_end:]`` are ``units[new_end:]``, moved by ``shift`` bytes; in between, the
    previous text's bytes ``old_bytes`` were re-read. Units with a syntax error are re-lowered
    wherever they are: those that came out different are in ``fresh``, their previous
    versions in ``replaced``."""

    first: int
    old_end: int
    new_end: int
    shift: int
    old_bytes: tuple[int, int]
    fresh: tuple[int, ...]
    replaced: tuple[Unit, ...]
    #: the units that went away and those that came (or moved past others), in order: the
    #: previous versions of ``replaced`` and the middle of the window, then the new ones
    removed: tuple[Unit, ...]
    added: tuple[Unit, ...]
    same_head: int                    # how many units the window starts with that stayed

    def now(self, index: int) -> int:
        """Where a unit of the previous lowering that the change kept (not ``removed``) is."""
        return index if index < self.first + self.same_head else (
            index + self.new_end - self.old_end)

    def touches(self, kinds: tuple[type, ...]) -> bool:
        """Whether a unit the change added, removed or reordered declares one of ``kinds``."""
        return any(isinstance(unit.decl, kinds) for unit in (*self.removed, *self.added))

    @property
    def renames(self) -> bool:
        """Whether the change may have added, removed or reordered node names declared by
        signatures and flows (rather than only changed what they say)."""
        return ([(u.signature, u.flow) for u in self.removed]
                != [(u.signature, u.flow) for u in self.added])


@dataclass(frozen=True, eq=False)
class Lowered:
    """The program of one text, declaration by declaration (``program.declarations[i]`` is
    ``decl(i)``: ``units[i]`` placed at ``starts[i]``), with what the next lowering can reuse.

    After an edit, most declarations only moved; their relocated copies are made when first
    asked for (``decl``, or ``program.declarations``, which a keystroke's diagnostics do not
    need), once each: ``memo`` holds those made so far."""

    data: bytes
    program: Program
    units: list[Unit]
    starts: list[int]
    memo: list[Declaration | None]
    children: list[tuple[int, int]]   # the byte range of every child of the root
    child_unit: list[int]             # the index of each child's unit, -1 for none
    error_children: list[int]         # the children with a syntax error inside
    reserved_units: list[int]         # units without syntax errors with names in ``reserved``
    by_key: dict[object, Unit]        # every unit by key, for the next lowering
    change: Change | None             # None: nothing was reused

    def decl(self, index: int) -> Declaration:
        """The declaration of ``units[index]`` where it is now (always the same object)."""
        return _decl(self.units, self.starts, self.memo, index)


def _decl(units: list[Unit], starts: list[int], memo: list[Declaration | None],
          index: int) -> Declaration:
    found = memo[index]
    if found is None:
        made = units[index].at(starts[index])
        with _memo_lock:  # two threads asking at once must get the same object
            found = memo[index]
            if found is None:
                found = memo[index] = made
    return found


def _program(units: list[Unit], starts: list[int], memo: list[Declaration | None]) -> Program:
    """The program, its declarations made when first read (the function refers to the lists,
    not to the ``Lowered`` that holds the program: no reference cycle)."""
    return deferred(Program, lambda: {"declarations": tuple(
        _decl(units, starts, memo, i) for i in range(len(units)))})


_memo_lock = allocate_lock()


def lower_units(syntax: SyntaxTree, previous: Lowered | None = None) -> Lowered:
    """Lower every top-level declaration. With ``previous`` (the lowering of an earlier
    version of the same document), only the children of the root between the first and the
    last that differ are looked at; the others keep their units, moved if need be."""
    data = syntax.data
    nodes, ranges, errors = syntax.top.nodes, syntax.top.ranges, syntax.top.errors
    if previous is not None:
        reused = _reuse(previous, data, nodes, ranges, errors)
        if reused is not None:
            return reused
    table = _Table(data, nodes, ranges, errors, {}, {})
    table.read(0, len(nodes), 0)
    return table.lowered(None)


class _Table:
    """Units being collected for the children of the root (a window of them, or all)."""

    def __init__(self, data: bytes, nodes: Sequence[Node], ranges: list[tuple[int, int]],
                 errors: list[int], old: dict[object, Unit], by_key: dict[object, Unit]
                 ) -> None:
        self.data = data
        self.nodes = nodes
        self.ranges = ranges
        self.errors = set(errors)
        self.old = old
        self.by_key = by_key
        self.lowerer = Lowerer(data)
        self.units: list[Unit] = []
        self.starts: list[int] = []
        self.decls: list[Declaration] = []
        self.child_unit: list[int] = []
        self.fresh: list[int] = []

    def read(self, first: int, end: int, unit_base: int) -> None:
        """Find or lower the units of children ``first`` to ``end``."""
        nodes, units, child_unit = self.nodes, self.units, self.child_unit
        prev = self.prev_named(first)
        for i in range(first, end):
            node = nodes[i]
            unit, found = self.unit(node, i, prev)
            if node.is_named:
                prev = node
            if unit is None:
                child_unit.append(-1)
                continue
            if not found:
                self.fresh.append(unit_base + len(units))
            child_unit.append(unit_base + len(units))
            units.append(unit)
            start = self.ranges[i][0]
            self.starts.append(start)
            self.decls.append(unit.decl if start == unit.start else unit.at(start))

    def unit(self, node: Node, index: int, prev: Node | None) -> tuple[Unit | None, bool]:
        """The unit of child ``index`` (``prev``: the named child before it), and whether an
        earlier lowering had it."""
        method = lowering(node)
        if method is None:
            return None, False
        if index in self.errors:
            return _lower_unit(self.lowerer, method, node, prev, None), False
        start, end = self.ranges[index]
        text = self.data[start:end]
        key: object = text
        if prev is not None and self.data.startswith(b"/**", prev.start_byte) and (
                prev.type == "comment"):  # the doc comment is part of its model
            key = (self.data[prev.start_byte:start], text)
        unit = self.by_key.get(key)
        found = unit is not None
        if unit is None:
            unit = self.old.get(key)
            found = unit is not None
            if unit is None:
                unit = _lower_unit(self.lowerer, method, node, prev, key)
            if unit is not None:
                self.by_key[key] = unit
        return unit, found

    def prev_named(self, index: int) -> Node | None:
        for j in range(index - 1, -1, -1):
            if self.nodes[j].is_named:
                return self.nodes[j]
        return None

    def lowered(self, change: Change | None) -> Lowered:
        units = self.units
        reserved = [i for i, unit in enumerate(units) if unit.reserved and unit.key is not None]
        return Lowered(self.data, Program(tuple(self.decls)), units, self.starts,
                       list(self.decls), self.ranges, self.child_unit, sorted(self.errors),
                       reserved, self.by_key, change)


def _reuse(previous: Lowered, data: bytes, nodes: Sequence[Node], ranges: list[tuple[int, int]],
           errors: list[int]) -> Lowered | None:
    """The lowering of ``data`` built from ``previous`` and a window of re-read children; None
    when a child with a syntax error outside the window gained or lost its declaration."""
    first, end, old_end, shift = _window(previous, data, ranges)
    before = _units_before(previous.child_unit, first)
    old_stop = _units_before(previous.child_unit, old_end)
    by_key = dict(previous.by_key)
    if len(by_key) > 2 * len(previous.units) + 64:  # forget units of long-gone text
        by_key = {u.key: u for u in previous.units if u.key is not None}
    window = _Table(data, nodes, ranges, errors, by_key, by_key)
    window.read(first, end, before)
    stop = before + len(window.units)
    moved = stop - old_stop
    units = previous.units[:before] + window.units + previous.units[old_stop:]
    starts = previous.starts[:before] + window.starts
    memo = previous.memo[:before] + window.decls
    if shift:
        starts += [s + shift for s in previous.starts[old_stop:]]
        memo += [None] * (len(units) - stop)
    else:
        starts += previous.starts[old_stop:]
        memo += previous.memo[old_stop:]
    child_unit = previous.child_unit[:first] + window.child_unit + (
        [u + moved if u >= 0 else -1 for u in previous.child_unit[old_end:]] if moved
        else previous.child_unit[old_end:])
    replaced, replacements, redone = [], [], []
    redo = _outside_errors(previous, errors, first, end, old_end)
    for child in redo:
        at = child_unit[child]
        unit, _ = window.unit(nodes[child], child, window.prev_named(child))
        if (unit is None) != (at < 0):
            return None
        if unit is None or unit is units[at]:
            continue
        decl = unit.at(starts[at])
        if unit.key is None and units[at].key is None and repr(decl) == repr(
                _decl(units, starts, memo, at)):
            continue  # re-lowered to the very same declaration
        replaced.append(units[at])
        replacements.append(unit)
        units[at], memo[at] = unit, decl
        redone.append(at)
    reserved = _reserved_units(previous, units, before, old_stop, stop, redone)
    old_from = previous.children[first][0] if first < len(previous.children) else len(
        previous.data)
    old_to = previous.children[old_end - 1][1] if old_end > first else old_from
    head, gone, came = _middles(previous.units[before:old_stop], window.units)
    change = Change(before, old_stop, stop, shift, (old_from, max(old_from, old_to)),
                    tuple(sorted(window.fresh + redone)), tuple(replaced), (*replaced, *gone),
                    (*replacements, *came), head)
    return Lowered(data, _program(units, starts, memo), units, starts, memo, ranges,
                   child_unit, errors, reserved, by_key, change)


def _reserved_units(previous: Lowered, units: list[Unit], before: int, old_stop: int,
                    stop: int, redone: list[int]) -> list[int]:
    """``Lowered.reserved_units`` of ``units``: the previous ones outside the window (those
    before it in place, those after it moved), the window's, and the units re-lowered
    outside it (``redone``) looked at again."""
    moved = stop - old_stop
    reserved = [i for i in previous.reserved_units if i < before]
    reserved += [i for i in range(before, stop) if units[i].reserved and units[i].key is not None]
    reserved += [i + moved for i in previous.reserved_units if i >= old_stop]
    if not redone:
        return reserved
    again = set(redone)
    return sorted({i for i in reserved if i not in again}
                  | {i for i in again if units[i].reserved and units[i].key is not None})


def _middles(old: list[Unit], new: list[Unit]) -> tuple[int, list[Unit], list[Unit]]:
    """The length of the longest common prefix of two lists of units (by identity), and what
    is left of each without it and their longest common suffix: the units removed, and those
    added (or moved past one another)."""
    size = min(len(old), len(new))
    head = 0
    while head < size and old[head] is new[head]:
        head += 1
    tail = 0
    while tail < size - head and old[len(old) - 1 - tail] is new[len(new) - 1 - tail]:
        tail += 1
    return head, old[head:len(old) - tail], new[head:len(new) - tail]


def _outside_errors(previous: Lowered, errors: list[int], first: int, end: int,
                    old_end: int) -> list[int]:
    """Children outside the window that have, or had, a syntax error inside: re-read them."""
    moved = end - old_end
    had = [i if i < first else i + moved for i in previous.error_children
           if i < first or i >= old_end]
    return sorted({i for i in (*errors, *had) if i < first or i >= end})


def _window(previous: Lowered, data: bytes, ranges: list[tuple[int, int]]
            ) -> tuple[int, int, int, int]:
    """The children to re-read: ``ranges[first:end]``, which replace the previous
    ``children[first:old_end]``; the children after them moved by ``shift`` bytes.

    A child outside the window has the same byte range (moved by ``shift`` after it) as a
    child of the previous text, and that range lies in the bytes both texts share, so it
    reads the same. The child after the window is re-read too: its doc comment may be the
    last child in the window."""
    old, old_data = previous.children, previous.data
    prefix, suffix = common_ends(old_data, data)
    shift = len(data) - len(old_data)
    first = bisect_right(ranges, prefix, key=lambda r: r[1])
    first = min(first, len(old))
    if ranges[:first] != old[:first]:
        first = next(i for i, (a, b) in enumerate(zip(ranges, old, strict=False)) if a != b)
    # The children after the window: those starting in the common suffix that are, moved by
    # `shift`, the previous text's last ones.
    n, m = len(ranges), len(old)
    count = min(n - bisect_left(ranges, len(data) - suffix, key=lambda r: r[0]),
                n - first, m - first)
    tail = old[m - count:]
    if shift:
        tail = [(start + shift, stop + shift) for start, stop in tail]
    same = common_suffix(ranges[n - count:], tail)
    end, old_end = n - same, m - same
    if end < n and old_end < m:
        end += 1
        old_end += 1
    return first, end, old_end, shift


def _units_before(child_unit: list[int], child: int) -> int:
    """How many units the children before ``child`` have."""
    for i in range(min(child, len(child_unit)) - 1, -1, -1):
        if child_unit[i] >= 0:
            return child_unit[i] + 1
    return 0


def _lower_unit(lowerer: Lowerer, method: Lowering, node: Node, prev: Node | None,
                key: object) -> Unit | None:
    decl, reserved = lower_declaration(lowerer, method, node, prev)
    return None if decl is None else Unit(key, node.start_byte, decl, reserved)
