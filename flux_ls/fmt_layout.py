"""Layout of one Flux declaration for the formatter (``fmt``): tokens, comments, wrapping.

A declaration node of the tree becomes a stream of items: canonical tokens (each with the
*glue* written before it when it shares a line with the previous token), the comments inside
the declaration (with whether a line break surrounded them in the source), and the break
points of the wrapped layout. The stream is rendered flat, on one line, unless the flat line
is longer than ``WIDTH`` columns or a comment needs a line break; then it is rendered wrapped.
The rules themselves are documented in ``fmt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import tree_sitter

Node = tree_sitter.Node

WIDTH = 100
INDENT = 4

_NEWLINE = re.compile(rb"\r\n|\r|\n")
_ITEMS = frozenset({"parameter", "constraint"})          # one per line when wrapped
_LISTS = frozenset({"parameter_list", "atomic_declaration"})
_TIGHT = frozenset({",", ";", ")", "]", "}", "?", "!", ":"})  # no space before these
_OPENERS = frozenset({"(", "[", "{"})


@dataclass(frozen=True)
class Token:
    text: str
    glue: str  # written before the token when it follows another on the same line


@dataclass(frozen=True)
class Comment:
    text: str
    before: bool  # a line break separates it from the previous token in the source
    after: bool   # a line break separates it from the next token in the source

    @property
    def needs_break(self) -> bool:
        return self.before or self.after or self.text.startswith("//") or "\n" in self.text


@dataclass(frozen=True)
class Break:
    """Where the wrapped layout starts a new line, and that line's indentation."""

    indent: int


Item = Token | Comment | Break


def newlines(gap: bytes) -> int:
    """How many line breaks (LF, CRLF or a lone CR) ``gap`` holds."""
    return len(_NEWLINE.findall(gap))


def comment_text(raw: bytes) -> str:
    """A comment with LF line breaks and no trailing whitespace on any line."""
    text = raw.decode("utf-8", "replace")
    return "\n".join(line.rstrip() for line in re.split(r"\r\n|\r|\n", text))


def render_declaration(node: Node, data: bytes) -> str:
    """The canonical text of one declaration (no trailing newline)."""
    stream = _items(node, data)
    flat = _render(stream, wrap=False)
    if len(flat) > WIDTH or any(isinstance(i, Comment) and i.needs_break for i in stream):
        return _render(stream, wrap=True)
    return flat


def _walk(node: Node) -> Iterator[Node | Break]:
    """The leaves of ``node`` in source order, with the wrapped layout's break points."""
    if node.type in _ITEMS:
        yield Break(INDENT)
    has_items = node.type in _LISTS and any(c.type in _ITEMS for c in node.children)
    for child in node.children:
        if has_items and child.type in (")", "}"):
            yield Break(0)
        elif child.type == "->":
            yield Break(INDENT)
        if child.child_count == 0:
            yield child
        else:
            yield from _walk(child)


def _items(node: Node, data: bytes) -> list[Item]:
    walked = list(_walk(node))
    leaves = [w for w in walked if not isinstance(w, Break)]
    position = {(leaf.start_byte, leaf.end_byte): i for i, leaf in enumerate(leaves)}
    out: list[Item] = []
    prev: str | None = None
    for w in walked:
        if isinstance(w, Break):
            out.append(w)
        elif w.type == "comment":
            out.append(_comment(w, leaves, position[(w.start_byte, w.end_byte)], data))
        elif (text := _token_text(w, data)) is not None:
            out.append(Token(text, _glue(prev, w)))
            prev = "_" if text == "_" else w.type
    return _comments_before_arrows(_breaks_first(_commas_first(out)))


def _comment(node: Node, leaves: list[Node], index: int, data: bytes) -> Comment:
    before = index > 0 and newlines(data[leaves[index - 1].end_byte:node.start_byte]) > 0
    after = index + 1 < len(leaves) and newlines(
        data[node.end_byte:leaves[index + 1].start_byte]) > 0
    return Comment(comment_text(data[node.start_byte:node.end_byte]), before, after)


def _token_text(leaf: Node, data: bytes) -> str | None:
    parent = leaf.parent.type if leaf.parent is not None else ""
    if parent == "wildcard":
        return "_"          # `*` and `_` are the same wildcard
    if leaf.type == "!":
        return None         # `c!` is `c`: a writer is the default mode
    return data[leaf.start_byte:leaf.end_byte].decode("utf-8", "replace")


def _glue(prev: str | None, leaf: Node) -> str:
    """The spacing between the previous token (its node type) and ``leaf`` on one line."""
    kind = leaf.type
    if prev is None:
        return ""
    if kind == ";":
        return " " if prev == "=" else ""   # `A = ;`
    if kind in _TIGHT:
        return ""
    if kind in _OPENERS:
        parent = leaf.parent.type if leaf.parent is not None else ""
        return "" if prev == ":" or parent == "constraint" else " "
    if prev in _OPENERS or prev == "*":
        return ""                            # `(int`, `**argv`, `*const`
    return " "


def _commas_first(items: list[Item]) -> list[Item]:
    """Write a comma before the comments that precede it: ``a, // c`` not ``a // c\n,``."""
    for i in range(1, len(items)):
        item = items[i]
        if isinstance(item, Token) and item.text == ",":
            j = i
            while j > 0 and isinstance(items[j - 1], Comment):
                j -= 1
            items[j:i + 1] = [item, *items[j:i]]
    return items


def _breaks_first(items: list[Item]) -> list[Item]:
    """Start the new line before the own-line comments that precede a break."""
    for i in range(1, len(items)):
        if isinstance(items[i], Break):
            j = i
            while j > 0 and isinstance(c := items[j - 1], Comment) and c.before:
                j -= 1
            items[j:i + 1] = [items[i], *items[j:i]]
    return items


def _comments_before_arrows(items: list[Item]) -> list[Item]:
    """Move a comment written just after `->` before it, so arrows stay leading."""
    for i in range(2, len(items)):
        item, arrow, brk = items[i], items[i - 1], items[i - 2]
        if (isinstance(item, Comment) and isinstance(arrow, Token) and arrow.text == "->"
                and isinstance(brk, Break)):
            items[i - 2:i + 1] = [item, brk, arrow]
    return items


class _Writer:
    """Accumulates rendered text, tracking the indentation of the next line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.indent = 0
        self.after_comment = False
        self.line_claimed = False  # a break set the indentation of the coming line

    @property
    def at_line_start(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")

    def newline(self) -> None:
        if not self.at_line_start:
            self.parts.append("\n")

    def write(self, text: str, glue: str, indent: int) -> None:
        self.parts.append(" " * indent + text if self.at_line_start else glue + text)


def _render(items: list[Item], wrap: bool) -> str:
    out = _Writer()
    for item in items:
        if isinstance(item, Break):
            if wrap:
                out.newline()
                out.indent, out.line_claimed = item.indent, True
        elif isinstance(item, Token):
            out.write(item.text, " " if out.after_comment else item.glue, out.indent)
            out.after_comment = out.line_claimed = False
        else:
            _render_comment(out, item, wrap)
    return "".join(out.parts).rstrip("\n")


def _render_comment(out: _Writer, comment: Comment, wrap: bool) -> None:
    """Own-line comments are indented ``INDENT``; a line break after a comment continues
    at ``INDENT`` unless a break already set the next line's indentation."""
    if wrap and comment.before:
        out.newline()
        out.write(comment.text, " ", INDENT)
    else:
        out.write(comment.text, " ", out.indent)
    out.after_comment = True
    if wrap and (comment.after or comment.text.startswith("//")):
        out.newline()
        if not out.line_claimed:
            out.indent = INDENT
