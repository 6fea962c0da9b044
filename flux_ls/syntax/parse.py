"""Parse Flux text with tree-sitter-flux, and re-parse incrementally after edits.

A ``SyntaxTree`` is a value: re-parsing returns a new one and leaves the old one usable.
Edits are byte-based (``TextEdit``); the language server converts LSP positions to bytes
with the negotiated encoding before calling ``reparse``. Parsing never fails: syntax
errors are ERROR/MISSING nodes in the tree (see ``syntax.errors``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import overload

import tree_sitter
import tree_sitter_flux

from .guard import Skipped, guard, needs_guard

#: A comment, as a regular expression over bytes (compile it with ``re.DOTALL``), for the
#: features that read tokens from the text itself: the grammar's ``comment`` token, except
#: that an unterminated block comment runs to the end of the text.
COMMENT_PATTERN = rb"//[^\r\n]*|/\*.*?(?:\*/|\Z)"


@lru_cache(maxsize=1)
def language() -> tree_sitter.Language:
    return tree_sitter.Language(tree_sitter_flux.language())


@lru_cache(maxsize=1)
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(language())


@dataclass(frozen=True)
class TextEdit:
    """Replace bytes ``[start, end)`` of the current text with ``new_text``."""

    start: int
    end: int
    new_text: bytes


@dataclass(frozen=True, eq=False)
class SyntaxTree:
    """The UTF-8 bytes of a document and its tree-sitter tree."""

    data: bytes
    tree: tree_sitter.Tree
    #: regions the parser was not given (``syntax.guard``): each is an FLX001
    skipped: tuple[Skipped, ...] = ()

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")

    @cached_property
    def top(self) -> TopLevel:
        """The children of the root, read once per tree: the re-parse, the lowering and the
        syntax diagnostics all need them, and a 10,000-line file has about 9,000."""
        root = self.tree.root_node
        nodes = root.children
        ranges = [node.byte_range for node in nodes]
        errors = [i for i, node in enumerate(nodes) if node.has_error] if root.has_error else []
        return TopLevel(nodes, ranges, errors)

    def broken(self) -> list[tree_sitter.Node]:
        """The top-level nodes with a syntax error inside (the root if it is an ERROR)."""
        root = self.tree.root_node
        if not root.has_error:
            return []
        if root.is_error:
            return [root]
        top = self.top
        return [top.nodes[i] for i in top.errors]


@dataclass(frozen=True)
class TopLevel:
    """The children of a tree's root, their byte ranges, and the indexes of those with a
    syntax error inside."""

    nodes: Sequence[tree_sitter.Node]
    ranges: list[tuple[int, int]]
    errors: list[int]

    def index_at(self, offset: int) -> int:
        """The index of the last child starting at or before byte ``offset``: the child
        holding it if one does (``ranges[i][1] > offset``), else the one before the gap it
        is in; -1 before the first child. (By bisection over ``ranges``: with hidden
        paragraphs, ``Node.first_child_for_byte`` crashes and
        ``TreeCursor.goto_first_child_for_byte`` finds nothing for a byte in a paragraph's
        closing blank line.)"""
        return bisect_right(self.ranges, offset, key=lambda r: r[0]) - 1


class Children(Sequence[tree_sitter.Node]):
    """The children of a root, each fetched when first asked for (``root.child(i)`` walks
    the balanced tree above the children: O(log n))."""

    __slots__ = ("_root", "_nodes")

    def __init__(self, root: tree_sitter.Node, count: int) -> None:
        self._root = root
        self._nodes: list[tree_sitter.Node | None] = [None] * count

    def __len__(self) -> int:
        return len(self._nodes)

    @overload
    def __getitem__(self, index: int) -> tree_sitter.Node: ...
    @overload
    def __getitem__(self, index: slice) -> list[tree_sitter.Node]: ...

    def __getitem__(self, index: int | slice) -> tree_sitter.Node | list[tree_sitter.Node]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        node = self._nodes[index]
        if node is None:
            found = self._root.child(index % len(self._nodes))
            assert found is not None
            node = self._nodes[index] = found
        return node


def _shifted_top(old: SyntaxTree, new: SyntaxTree) -> TopLevel | None:
    """The top level of ``new`` from that of ``old`` when neither tree has a syntax error:
    the children before the first changed byte and after the last are the old ones (those
    after moved), only the ones between are read. None when the trees do not line up so.

    Without errors, the children from any child boundary on are determined by the text
    from there (each declaration ends at its `;`, the grammar is LR(1)): so if the new tree
    has a child boundary where the unchanged suffix begins, all the children after it are
    the old ones; and the same holds for the prefix, read from the start."""
    known = old.__dict__.get("top")
    if not isinstance(known, TopLevel) or old.root.has_error or new.root.has_error:
        return None
    from ..text import common_ends

    prefix, suffix = common_ends(old.data, new.data)
    ranges = known.ranges
    delta = len(new.data) - len(old.data)
    # Old children kept: those ending before the first changed byte (a child ending at it
    # could grow: a line comment whose line break was deleted)...
    head = bisect_left(ranges, prefix, key=lambda r: r[1])
    # ...and those starting after the last changed byte (plus one: a token ending at the
    # change could have grown into them).
    tail_start = bisect_right(ranges, len(old.data) - suffix, key=lambda r: r[0])
    tail = len(ranges) - tail_start
    root = new.root
    count = root.child_count
    middle = count - head - tail
    if middle < 0:
        return None
    nodes = Children(root, count)
    if head and nodes[head - 1].byte_range != ranges[head - 1]:
        return None
    if tail:
        first = nodes[count - tail]
        start, end = ranges[tail_start]
        if first.byte_range != (start + delta, end + delta):
            return None
    window = [nodes[i].byte_range for i in range(head, head + middle)]
    moved = ranges[tail_start:] if not delta else [(a + delta, b + delta)
                                                   for a, b in ranges[tail_start:]]
    return TopLevel(nodes, ranges[:head] + window + moved, [])


def to_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")


def parse(text: str | bytes) -> SyntaxTree:
    data = to_bytes(text)
    shown, skipped = guard(data)
    return SyntaxTree(data, _parser().parse(shown), skipped)


def _point(data: bytes, offset: int) -> tuple[int, int]:
    row = data.count(b"\n", 0, offset)
    line_start = data.rfind(b"\n", 0, offset) + 1
    return row, offset - line_start


def _advance(point: tuple[int, int], text: bytes) -> tuple[int, int]:
    """The point just past ``text`` when it starts at ``point`` (rows count ``\n`` only, as
    tree-sitter counts them)."""
    rows = text.count(b"\n")
    if rows:
        return point[0] + rows, len(text) - text.rfind(b"\n") - 1
    return point[0], point[1] + len(text)


def reparse(old: SyntaxTree, edits: Iterable[TextEdit]) -> SyntaxTree:
    """Apply ``edits`` in order (each against the text the previous one produced) and re-parse
    incrementally, reusing the unchanged parts of ``old``'s tree.

    The result equals a fresh parse down to the parse states of the tokens in broken
    declarations, which the FLX001 messages read. Error recovery is not incremental-stable:
    a broken declaration that tree-sitter reuses, or re-parses around reused tokens, keeps
    states of the parse that built them, which can differ from a fresh parse of the same
    text. So the parse redoes from scratch (marked edited by an edit that changes nothing)
    every declaration that was broken before, and the declarations each edit touches with
    their neighbours; a declaration broken anywhere else afterwards is redone in a second
    pass (``_refresh_errors``). Everything else is reused."""
    if old.skipped:  # the guard's regions may move or go: the fresh parse decides again
        return parse(_applied(old.data, edits))
    data = old.data
    tree = old.tree.copy()
    guarded = False
    redone: list[list[int]] = []  # byte ranges re-parsed from scratch, in current coordinates
    if old.root.has_error:
        for node in old.broken():
            _mark(tree, node.start_byte, node.end_byte, node.start_point, node.end_point)
            redone.append([node.start_byte, node.end_byte])
    for edit in edits:
        start = max(0, min(edit.start, len(data)))
        end = max(start, min(edit.end, len(data)))
        wide_start, wide_end = _around(tree.root_node, start, end)
        new_text = data[wide_start:start] + edit.new_text + data[end:wide_end]
        start, end = wide_start, wide_end
        new_data = data[:start] + new_text + data[end:]
        new_end = start + len(new_text)
        start_point = _point(data, start)
        tree.edit(
            start_byte=start,
            old_end_byte=end,
            new_end_byte=new_end,
            start_point=start_point,
            old_end_point=_advance(start_point, data[start:end]),
            new_end_point=_advance(start_point, new_text),
        )
        _shift(redone, start, end, new_end)
        redone.append([start, new_end])
        data = new_data
        if needs_guard(data[max(0, start - _GUARD_CONTEXT):new_end + _GUARD_CONTEXT]):
            guarded = True  # pasted garbage: parsing it incrementally first would be slow
    if guarded:
        return parse(data)
    new = SyntaxTree(data, _parser().parse(data, old_tree=tree))
    if new.root.has_error and needs_guard(data):  # valid text never needs the guard
        return parse(data)
    top = _shifted_top(old, new)
    if top is not None:
        new.__dict__["top"] = top  # the cached_property's value, found without a full read
    broken = new.broken()
    if any(not _inside(redone, n.start_byte, n.end_byte) for n in broken):
        new = SyntaxTree(data, _refresh_errors(new.tree, data, broken))
    return new


_GUARD_CONTEXT = 4096  # bytes around an edit scanned for ``guard``'s shapes before parsing


def _applied(data: bytes, edits: Iterable[TextEdit]) -> bytes:
    """``data`` after ``edits``, each against the text the previous one produced."""
    for edit in edits:
        start = max(0, min(edit.start, len(data)))
        end = max(start, min(edit.end, len(data)))
        data = data[:start] + edit.new_text + data[end:]
    return data


def _mark(tree: tree_sitter.Tree, start: int, end: int, start_point: tuple[int, int],
          end_point: tuple[int, int]) -> None:
    """Mark ``[start, end)`` edited without changing it: the parser redoes it."""
    tree.edit(start_byte=start, old_end_byte=end, new_end_byte=end, start_point=start_point,
              old_end_point=end_point, new_end_point=end_point)


def _around(root: tree_sitter.Node, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` grown to the top-level declarations it touches and the one on either
    side (comments between them included)."""
    first = _unit_at(root, start - 1) if start > 0 else None
    last = _unit_at(root, end) if end < root.end_byte else None
    if first is not None:
        first = _sibling(first, forward=False) or first
        start = min(start, first.start_byte)
    if last is not None:
        last = _sibling(last, forward=True) or last
        end = max(end, last.end_byte)
    return start, end


def _unit_at(root: tree_sitter.Node, offset: int) -> tree_sitter.Node | None:
    """The top-level node holding byte ``offset`` (None where only the root does)."""
    node = root.descendant_for_byte_range(offset, offset + 1)
    if node is None or node == root:
        return None
    while node.parent is not None and node.parent != root:
        node = node.parent
    return node


def _sibling(node: tree_sitter.Node, forward: bool) -> tree_sitter.Node | None:
    """The nearest top-level node before or after ``node`` that is not a comment."""
    other = node.next_sibling if forward else node.prev_sibling
    while other is not None and other.type == "comment":
        other = other.next_sibling if forward else other.prev_sibling
    return other


def _shift(ranges: list[list[int]], start: int, end: int, new_end: int) -> None:
    """Move ``ranges`` through the replacement of ``[start, end)`` by ``[start, new_end)``."""
    delta = new_end - end
    for r in ranges:
        if r[0] >= end:
            r[0] += delta
            r[1] += delta
        elif r[1] > start:  # overlaps the replaced bytes: it now spans the new ones too
            r[0] = min(r[0], start)
            r[1] = max(r[1] + delta, new_end)


def _inside(ranges: list[list[int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def _refresh_errors(tree: tree_sitter.Tree, data: bytes, broken: list[tree_sitter.Node]
                    ) -> tree_sitter.Tree:
    """Re-parse every top-level declaration that holds a syntax error (``broken``) as if it
    were new."""
    if tree.root_node.is_error:
        return _parser().parse(data)
    edited = tree.copy()
    for node in broken:
        _mark(edited, node.start_byte, node.end_byte, node.start_point, node.end_point)
    return _parser().parse(data, old_tree=edited)
