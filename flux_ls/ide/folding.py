"""Folding ranges: what an editor may collapse.

``folding_ranges(analysis) -> list[FoldingRange]``, ordered by start. Folded are the node
types that ``tree-sitter-flux/queries/folds.scm`` captures when they span several lines —
declarations, parameter lists (of a wrapped signature), block comments — and, beyond the
query:

* runs of ``//`` comments on consecutive lines (kind ``comment``);
* runs of three or more consecutive declarations of one kind — the block of signatures at
  the top of a file, the typedefs, the ``atomic`` block — with the comments among them
  (kind ``region``, ``collapsed_text`` e.g. ``14 signatures``).

Lines do not depend on the position encoding, so each range carries its 0-based
``start_line``/``end_line`` (inclusive, as LSP wants them) besides its bytes. No two ranges
start on one line (editors keep only one): the outermost wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import tree_sitter

from ..analysis import Analysis
from ..syntax.lower import doc_comment

__all__ = ["DECLARATION_TYPES", "FoldingRange", "folding_ranges"]

FoldingKind = Literal["comment", "region"]

#: Top-level node types that are declarations (``folds.scm`` folds each of them).
DECLARATION_TYPES = ("node_declaration", "flow_definition", "source_declaration",
                     "typedef_declaration", "handler_declaration", "atomic_declaration")
_PLURAL = {"node_declaration": "signatures", "flow_definition": "flow definitions",
           "source_declaration": "sources", "typedef_declaration": "typedefs",
           "handler_declaration": "handlers", "atomic_declaration": "atomic declarations"}
#: A run of declarations of one kind folds from this many on.
MIN_RUN = 3


@dataclass(frozen=True)
class FoldingRange:
    start: int                  # bytes of ``analysis.data``: [start, end)
    end: int
    start_line: int             # 0-based, inclusive
    end_line: int
    kind: FoldingKind | None = None
    collapsed_text: str | None = None


def _range(node: tree_sitter.Node, kind: FoldingKind | None = None,
           text: str | None = None) -> FoldingRange | None:
    first, last = node.start_point[0], node.end_point[0]
    if node.end_point[1] == 0 and last > first:
        last -= 1          # a `//` comment's line break is not part of the next line
    if last <= first:
        return None
    return FoldingRange(node.start_byte, node.end_byte, first, last, kind, text)


def _is_block_comment(node: tree_sitter.Node, data: bytes) -> bool:
    return data.startswith(b"/*", node.start_byte)


class _Folder:
    def __init__(self, analysis: Analysis) -> None:
        self.data = analysis.data
        self.out: list[FoldingRange] = []
        # the current run of one declaration kind, and of line comments
        self.run: list[tree_sitter.Node] = []
        self.run_start: tree_sitter.Node | None = None   # a doc comment before the run
        self.comments: list[tree_sitter.Node] = []

    def add(self, fold: FoldingRange | None) -> None:
        if fold is not None:
            self.out.append(fold)

    def declaration(self, node: tree_sitter.Node) -> None:
        fold = _range(node)
        if fold is None:
            return
        self.add(fold)
        for child in node.named_children:
            if child.type == "parameter_list":
                self.add(_range(child))
            elif child.type == "comment" and _is_block_comment(child, self.data):
                self.add(_range(child, "comment"))

    def close_run(self) -> None:
        if len(self.run) >= MIN_RUN:
            first = self.run_start or self.run[0]
            last = self.run[-1]
            start_line, end_line = first.start_point[0], last.end_point[0]
            if end_line > start_line:
                text = f"{len(self.run)} {_PLURAL[self.run[0].type]}"
                self.add(FoldingRange(first.start_byte, last.end_byte, start_line, end_line,
                                      "region", text))
        self.run, self.run_start = [], None

    def close_comments(self) -> None:
        if len(self.comments) >= 2:
            first, last = self.comments[0], self.comments[-1]
            self.add(FoldingRange(first.start_byte, last.end_byte, first.start_point[0],
                                  last.start_point[0], "comment"))
        self.comments = []

    def comment(self, node: tree_sitter.Node) -> None:
        if _is_block_comment(node, self.data):
            self.close_comments()
            self.add(_range(node, "comment"))
            return
        own_line = node.prev_sibling is None or node.prev_sibling.end_point[0] < node.start_point[0]
        if not own_line:
            return
        if self.comments and self.comments[-1].start_point[0] + 1 != node.start_point[0]:
            self.close_comments()
        self.comments.append(node)

    def child(self, node: tree_sitter.Node, prev: tree_sitter.Node | None) -> None:
        """A child of the root (``prev``: the named child before it)."""
        if node.type == "comment":
            self.comment(node)
            return
        self.close_comments()
        if node.type not in DECLARATION_TYPES:
            self.close_run()
            return
        if self.run and self.run[0].type != node.type:
            self.close_run()
        if not self.run:
            self.run_start = doc_comment(prev, node, self.data)
        self.run.append(node)
        self.declaration(node)

    def run_all(self, root: tree_sitter.Node) -> list[FoldingRange]:
        prev: tree_sitter.Node | None = None
        for node in root.children:
            self.child(node, prev)
            if node.is_named:
                prev = node
        self.close_run()
        self.close_comments()
        return self.out


def folding_ranges(analysis: Analysis) -> list[FoldingRange]:
    """Every folding range of the file, ordered by start line, one per start line."""
    folds = _Folder(analysis).run_all(analysis.syntax.root)
    folds.sort(key=lambda f: (f.start_line, -f.end_line))
    out: list[FoldingRange] = []
    for fold in folds:
        if not out or out[-1].start_line != fold.start_line:
            out.append(fold)
    return out
