"""The grammar's tokens around a point of the text, for editor features.

Completion and signature help read the declaration the cursor is in — usually unfinished, so
an ERROR in the tree — as the tokens the tree-sitter parser lexed (the leaves of the tree,
with the grammar's token types: ``identifier``, ``->``, ``source``, ``unsigned``, …), never
with a lexer of their own. ``tokens_from(syntax, start)`` yields them from a top-level node
on; ``in_comment(syntax, offset)`` says whether an offset is inside a comment (a ``//``
comment runs to the end of its line, an unterminated ``/*`` to the end of the file).
The C type words are ``expected.c_type_words()``, read off the parse table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .expected import is_token, leaves, state_after, valid_symbols
from .lower import RESERVED
from .parse import SyntaxTree, language

__all__ = ["Token", "in_comment", "keywords_expected", "tokens_from"]


@dataclass(frozen=True)
class Token:
    kind: str         # the grammar's token type ("identifier", "->", "source", "int", …)
    text: str
    start: int        # UTF-8 bytes of the text
    end: int
    line_start: bool  # the first token on its line


def tokens_from(syntax: SyntaxTree, start: int) -> Iterator[Token]:
    """The tokens of the text from the top-level node holding byte ``start`` (or the first
    after it) to the end, comments left out, lazily."""
    top = syntax.top
    data = syntax.data
    index = max(0, top.index_at(start))
    last_row = -1
    for node in top.nodes[index:]:
        for leaf in leaves(node):
            if leaf.end_byte <= start or not is_token(leaf) or _is_comment(leaf, data):
                continue
            row = leaf.start_point.row
            yield Token(leaf.type, data[leaf.start_byte:leaf.end_byte].decode("utf-8",
                                                                             "replace"),
                        leaf.start_byte, leaf.end_byte, row != last_row)
            last_row = leaf.end_point.row


def keywords_expected(syntax: SyntaxTree, offset: int) -> tuple[str, ...]:
    """The keywords the parse table accepts right before byte ``offset`` (in the state after
    the last token before it, within its declaration): ``error`` after ``handle``,
    ``session`` after ``source L {``, ``program``/``session`` after ``c(``; none at the start
    of a declaration (the declaration keywords are offered with their snippets there)."""
    top = syntax.top
    index = top.index_at(max(0, offset - 1))
    if index < 0:
        return ()
    data = syntax.data
    last = None
    for leaf in leaves(top.nodes[index]):
        if leaf.end_byte > offset:
            break
        if is_token(leaf) and not _is_comment(leaf, data):
            last = leaf
    if last is None or last.type == ";":
        return ()
    lang = language()
    words = {lang.node_kind_for_id(s) or "" for s in valid_symbols(state_after(last, data))
             if lang.node_kind_is_visible(s)}
    return tuple(sorted(w for w in words if w in RESERVED))


def _is_comment(leaf: object, data: bytes) -> bool:
    from tree_sitter import Node

    assert isinstance(leaf, Node)
    return leaf.type == "comment" or (leaf.is_error and data.startswith(b"/*",
                                                                       leaf.start_byte))


def in_comment(syntax: SyntaxTree, offset: int) -> bool:
    """Whether byte ``offset`` is inside a comment: after ``//`` up to the end of its line,
    inside ``/* … */`` (not at its end), or after an unterminated ``/*``."""
    top = syntax.top
    index = top.index_at(max(0, offset - 1))
    if index < 0:
        return False
    node = top.nodes[index]
    found = node.descendant_for_byte_range(max(0, offset - 1), offset)
    while found is not None and found.type not in ("comment", "ERROR"):
        found = found.parent
    if found is None or not found.start_byte < offset <= found.end_byte:
        return False
    data = syntax.data
    if found.type == "ERROR":  # an unterminated block comment runs to the end of the file
        return data.startswith(b"/*", found.start_byte) and b"*/" not in data[
            found.start_byte + 2:offset]
    text = data[found.start_byte:found.end_byte]
    return text.startswith(b"//") or offset < found.end_byte or not text.endswith(b"*/") or \
        len(text) < 4
