"""Parse Flux text with tree-sitter-flux, and re-parse incrementally after edits.

A ``SyntaxTree`` is a value: re-parsing returns a new one and leaves the old one usable.
Edits are byte-based (``TextEdit``); the language server converts LSP positions to bytes
with the negotiated encoding before calling ``reparse``. Parsing never fails: syntax
errors are ERROR/MISSING nodes in the tree (see ``syntax.errors``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import tree_sitter
import tree_sitter_flux


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

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


def to_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")


def parse(text: str | bytes) -> SyntaxTree:
    data = to_bytes(text)
    return SyntaxTree(data, _parser().parse(data))


def _point(data: bytes, offset: int) -> tuple[int, int]:
    row = data.count(b"\n", 0, offset)
    line_start = data.rfind(b"\n", 0, offset) + 1
    return row, offset - line_start


def reparse(old: SyntaxTree, edits: Iterable[TextEdit]) -> SyntaxTree:
    """Apply ``edits`` in order (each against the text the previous one produced) and re-parse
    incrementally, reusing the unchanged parts of ``old``'s tree. The result equals a fresh
    parse, down to the parse states of the tokens in broken declarations (``_refresh_errors``),
    which the syntax-error messages read."""
    data = old.data
    tree = old.tree.copy()
    for edit in edits:
        start = max(0, min(edit.start, len(data)))
        end = max(start, min(edit.end, len(data)))
        new_data = data[:start] + edit.new_text + data[end:]
        new_end = start + len(edit.new_text)
        tree.edit(
            start_byte=start,
            old_end_byte=end,
            new_end_byte=new_end,
            start_point=_point(data, start),
            old_end_point=_point(data, end),
            new_end_point=_point(new_data, new_end),
        )
        data = new_data
    new_tree = _parser().parse(data, old_tree=tree)
    if new_tree.root_node.has_error:
        new_tree = _refresh_errors(new_tree, data)
    return SyntaxTree(data, new_tree)


def _refresh_errors(tree: tree_sitter.Tree, data: bytes) -> tree_sitter.Tree:
    """Re-parse every top-level declaration that holds a syntax error as if it were new.

    Error recovery is not incremental-stable: a broken declaration that tree-sitter reused
    keeps the states (and so the FLX001 wording) of the parse that built it, which can differ
    from a fresh parse of the same text. Marking those declarations edited (an edit that
    changes nothing) makes the parser redo them; every other declaration is still reused."""
    root = tree.root_node
    broken = [c for c in root.children if c.has_error]
    if root.is_error or not broken:
        return _parser().parse(data)
    edited = tree.copy()
    for node in broken:
        end, point = node.end_byte, node.end_point
        edited.edit(start_byte=node.start_byte, old_end_byte=end, new_end_byte=end,
                    start_point=node.start_point, old_end_point=point, new_end_point=point)
    return _parser().parse(data, old_tree=edited)
