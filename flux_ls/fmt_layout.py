"""Layout of one Flux declaration for the formatter (``fmt``): tokens, comments, wrapping.

A declaration node of the tree becomes a stream of items: canonical tokens (each with the
*glue* written before it when it shares a line with the previous token), the comments inside
the declaration (with whether a line break surrounded them in the source), and the break
points of the wrapped layout. The stream is rendered flat, on one line, unless the flat line
is longer than ``WIDTH`` columns or a comment needs a line break; then it is rendered wrapped.
The rules themselves are documented in ``fmt``.

Trailing comments are aligned afterwards (``align_comments``), over whole lines: the layout
writes ``MARK`` in place of the space before a one-line comment that ends a line after code,
and ``align_comments`` turns every run of consecutive marked lines into one comment column.

This runs for every declaration of a file the first time it is formatted (``fmt`` caches the
result by the declaration's text), so it is written for speed: one recursive pass over the
tree collects the leaves as plain tuples, the comment passes run only when there are
comments, and rendering keeps its state in local variables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter

from .ctypes import space_after
from .text import has_break

Node = tree_sitter.Node

WIDTH = 100
INDENT = 4

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ITEMS = frozenset({"parameter", "constraint"})          # one per line when wrapped
_LISTS = frozenset({"parameter_list", "atomic_declaration"})
_CLOSERS = frozenset({")", "}"})                          # back to column 0 after items
_TIGHT = frozenset({",", ";", ")", "]", "}", "?", "!", ":"})  # no space before these
_OPENERS = frozenset({"(", "[", "{"})

#: Written instead of the space before a trailing comment, until ``align_comments``. A lone
#: surrogate: text decoded from UTF-8 (with "replace") never holds one.
MARK = "\udc00"


#: A token: its canonical text, and the *glue* written before it when it follows another
#: token on the same line. (A plain tuple: a 10,000-line file has ~150,000 of them.)
Token = tuple[str, str]


@dataclass(slots=True)
class Comment:
    text: str
    before: bool  # a line break separates it from the previous token in the source
    after: bool   # a line break separates it from the next token in the source

    @property
    def needs_break(self) -> bool:
        return self.before or self.after or self.text.startswith("//") or "\n" in self.text


@dataclass(frozen=True, slots=True)
class Break:
    """Where the wrapped layout starts a new line, and that line's indentation."""

    indent: int


Item = Token | Comment | Break
_BREAK_ITEM = Break(INDENT)
_BREAK_CLOSE = Break(0)

#: A leaf of the tree: its type, start and end byte, and its parent's type.
_Leaf = tuple[str, int, int, str]


def comment_text(raw: bytes) -> str:
    """A comment with LF line breaks and no trailing whitespace on any line."""
    text = raw.decode("utf-8", "replace")
    if "\n" not in text and "\r" not in text:
        return text.rstrip()
    return "\n".join(line.rstrip() for line in _LINE_BREAK.split(text))


def align_comments(text: str) -> str:
    """``text`` with every ``MARK`` replaced by the spaces that put the trailing comments of
    a run of consecutive marked lines in one column, one space after the longest code of
    the run (as gofmt does). A line without a mark (a blank one too) ends a run."""
    if MARK not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    run: list[tuple[str, str]] = []
    for line in lines:
        code, mark, comment = line.partition(MARK)
        if mark:
            run.append((code, comment))
            continue
        out += _aligned(run)
        run = []
        out.append(line)
    out += _aligned(run)
    return "\n".join(out)


def _aligned(run: list[tuple[str, str]]) -> list[str]:
    column = max((len(code) for code, _ in run), default=0) + 1
    return [code.ljust(column) + comment for code, comment in run]


def render_declaration(node: Node, data: bytes) -> str:
    """The canonical text of one declaration (no trailing newline), with ``MARK`` before its
    trailing comments (``align_comments`` aligns them)."""
    stream, flat, needs_break = _items(node, data)
    if flat is not None and len(flat) <= WIDTH:
        return flat
    if not needs_break:
        flat = _render(stream, wrap=False)
        if len(flat) <= WIDTH:
            return flat
    return _render(stream, wrap=True)


def _walk(node: Node, out: list[_Leaf | Break]) -> None:
    """The leaves of ``node`` in source order, with the wrapped layout's break points."""
    kind = node.type
    if kind in _ITEMS:
        out.append(_BREAK_ITEM)
    children = node.children
    has_items = kind in _LISTS and any(c.type in _ITEMS for c in children)
    for child in children:
        child_kind = child.type
        if has_items and child_kind in _CLOSERS:
            out.append(_BREAK_CLOSE)
        elif child_kind == "->":
            out.append(_BREAK_ITEM)
        if child.child_count == 0:
            out.append((child_kind, child.start_byte, child.end_byte, kind))
        else:
            _walk(child, out)


def _items(node: Node, data: bytes) -> tuple[list[Item], str | None, bool]:
    """The item stream of a declaration; its one-line form if it has no comment (else None);
    whether a comment in it needs a line break."""
    walked: list[_Leaf | Break] = []
    _walk(node, walked)
    out: list[Item] = []
    flat: list[str] = []
    prev: str | None = None       # the previous token's type (``_`` for the wildcard)
    last_end = -1                 # where the previous leaf (comments included) ended
    waiting: Comment | None = None  # the last comment, until the next leaf sets ``after``
    waiting_end = 0
    comments = False
    for w in walked:
        if isinstance(w, Break):
            out.append(w)
            continue
        kind, start, end, parent = w
        if waiting is not None:
            waiting.after = has_break(data, waiting_end, start)
            waiting = None
        last_end, previous_end = end, last_end
        if kind == "comment":
            waiting = Comment(comment_text(data[start:end]),
                              previous_end >= 0 and has_break(data, previous_end, start), False)
            waiting_end = end
            out.append(waiting)
            comments = True
            continue
        if kind == "!":             # `c!` is `c`: a writer is the default mode
            continue
        # the glue: the spacing between the previous token and this one on one line
        if prev is None:
            glue = ""
        elif kind == ";":
            glue = " " if prev == "=" else ""   # `A = ;`
        elif kind in _TIGHT:
            glue = ""
        elif kind in _OPENERS:
            glue = "" if prev == ":" or parent == "constraint" else " "
        elif prev in _OPENERS:
            glue = ""                            # `(int`
        else:
            glue = space_after(prev)             # `int x`, `**argv`, `*const`
        if parent == "wildcard":    # `*` and `_` are the same wildcard
            text = prev = "_"
        else:
            text = data[start:end].decode("utf-8", "replace")
            prev = "_" if text == "_" else kind
        out.append((text, glue))
        flat.append(glue + text)
    if not comments:
        return out, "".join(flat), False
    out = _comments_before_arrows(_breaks_first(_commas_first(out)))
    return out, None, any(isinstance(i, Comment) and i.needs_break for i in out)


def _commas_first(items: list[Item]) -> list[Item]:
    """Write a comma before the comments that precede it: ``a, // c`` not ``a // c\n,``."""
    for i in range(1, len(items)):
        item = items[i]
        if isinstance(item, tuple) and item[0] == ",":
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
        if (isinstance(item, Comment) and isinstance(arrow, tuple) and arrow[0] == "->"
                and isinstance(brk, Break)):
            items[i - 2:i + 1] = [item, brk, arrow]
    return items


def _render(items: list[Item], wrap: bool) -> str:
    """The items as text, on one line or (``wrap``) at their break points. Own-line comments
    are indented ``INDENT``; a line break after a comment continues at ``INDENT`` unless a
    break already set the next line's indentation. A one-line comment that ends a line after
    a token is written after ``MARK`` (a trailing comment, aligned by ``align_comments``)."""
    parts: list[str] = []
    append = parts.append
    indent = 0
    at_start = True        # nothing written yet on the current line
    after_comment = False  # the last thing written is a comment
    line_claimed = False   # a break set the indentation of the coming line
    trailing = -1          # the part holding a comment after a token on this line, or -1
    for item in items:
        if isinstance(item, tuple):
            text, glue = item
            if at_start:
                append(" " * indent + text)
            else:
                append((" " if after_comment else glue) + text)
            at_start = after_comment = line_claimed = False
            trailing = -1
        elif isinstance(item, Break):
            if wrap:
                if not at_start:
                    if after_comment and trailing >= 0:
                        parts[trailing] = MARK + parts[trailing][1:]
                    append("\n")
                    at_start, trailing = True, -1
                indent, line_claimed = item.indent, True
        else:
            text = item.text
            if wrap and item.before:
                if not at_start:
                    if after_comment and trailing >= 0:
                        parts[trailing] = MARK + parts[trailing][1:]
                    append("\n")
                append(" " * INDENT + text)
                trailing = -1
            elif at_start:
                append(" " * indent + text)
                trailing = -1
            else:
                if trailing < 0 and not after_comment and "\n" not in text:
                    trailing = len(parts)   # the first comment after the line's last token
                append(" " + text)
            at_start, after_comment = False, True
            if wrap and (item.after or text.startswith("//")):
                if trailing >= 0:
                    parts[trailing] = MARK + parts[trailing][1:]
                append("\n")
                at_start, trailing = True, -1
                if not line_claimed:
                    indent = INDENT
    return "".join(parts).rstrip("\n")
