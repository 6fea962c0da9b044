"""The Flux formatter: one canonical layout, comments kept (``flux fmt``, LSP formatting).

Pure: text in, text out. It works from the tree-sitter tree, so every comment is kept, and
checks its output against the model: ``lower(parse(out))`` must equal ``lower(parse(in))``
(C types compared in the spelling below) with the same doc comments, else it raises
``FormatterBug`` rather than return a changed program. A text with syntax errors is not
formatted: ``FormatError`` carries the first syntax error and its position.

The layout:

* One declaration per line, ending with ``;``. Blank lines between declarations are kept,
  collapsed to at most one; none at the start or end of the file. No trailing whitespace;
  LF line breaks (CRLF and lone CR input becomes LF); the file ends with one newline (an
  empty or blank file becomes empty).
* Spacing: ``Name (int socket, image_tag *request) => (int socket);``,
  ``Image = A -> B -> C;``, ``Handler:[_, _, hit] = A;``, ``A = ;``, ``source Listen => Image;``,
  ``source Listen {session: F} => Image;``, ``typedef hit TestInCache;``,
  ``handle error N => H;``, ``atomic N:{a, b?, c(session)};``.
* C types keep the user's words in the user's order (``long unsigned`` stays) with single
  spaces; stars go against the name, a pointer's ``const`` right after its star and a space
  after it: ``char **argv``, ``char *const *p``, ``char *const p``, ``const char *s``.
* Normalised spellings: the wildcard is written ``_`` (also when written ``*``); an explicit
  writer ``c!`` is written ``c`` (the default mode). An explicit ``(program)`` scope is kept.
* Wrapping: a declaration whose one-line form is longer than 100 columns is wrapped. A
  signature puts each parameter of both (non-empty) lists on its own line, indented 4, with
  the closing parenthesis back at column 0 (the grammar has no trailing comma)::

      Compress (
          int socket,
          bool close
      ) => (
          int socket
      );

  An atomic declaration wraps its constraints the same way (``atomic N:{`` … ``};``); a flow
  puts every ``->`` at the start of a continuation line indented 4. Other declarations
  never wrap. Trailing comments do not count towards the width.
* Comments: a comment on its own line stays on its own line (at column 0 between
  declarations, continuation lines of a block comment shifted with it); a comment after a
  declaration stays after it on the same line, one space before it (no alignment); a block
  comment before a declaration on the same line stays there. Doc comments keep their
  declaration. A comment inside a declaration stays between the same two tokens, except
  that a comma is written before the comments that precede it (``int a, // why``) and a
  comment just after ``->`` moves before the arrow. If such a comment is a ``//`` comment
  or had a line break before or after it, the declaration is wrapped and the comment keeps
  those line breaks (own-line comments indented 4). Comment text is kept, except trailing
  whitespace and line-break style.
* Widths are counted in code points.

``format_range`` reformats only the declarations that intersect a byte range, for the
language server's range formatting; it returns byte-offset edits in the document's own
line-break style and works even when other declarations have syntax errors.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

import tree_sitter

from .fmt_layout import comment_text, newlines, render_declaration
from .model import Declaration, Param, Program, Signature
from .syntax.errors import syntax_diagnostics
from .syntax.lower import lower
from .syntax.parse import SyntaxTree, parse
from .text import LineIndex

__all__ = ["FormatError", "FormatterBug", "RangeEdit", "equivalent", "format_range",
           "format_text", "spell_type"]


_LINE_BREAK = re.compile(r"\r\n?")


class FormatError(ValueError):
    """The text has a syntax error; ``line`` and ``column`` are 1-based (code points)."""

    def __init__(self, message: str, line: int, column: int, offset: int) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset


class FormatterBug(RuntimeError):
    """The formatted text would mean something else than the input: a bug in us."""


class RangeEdit(NamedTuple):
    """Replace UTF-8 bytes ``[start, end)`` of the document with ``new_text``."""

    start: int
    end: int
    new_text: str


def format_text(text: str) -> str:
    """``text`` in the canonical layout; raises ``FormatError`` on a syntax error."""
    syntax = parse(_LINE_BREAK.sub("\n", text))
    _raise_first_syntax_error(syntax)
    out = _layout(syntax)
    _check_same_program(syntax, out)
    return out


def format_range(text: str, start_byte: int, end_byte: int) -> list[RangeEdit]:
    """Edits that reformat every whole declaration intersecting ``[start_byte, end_byte)``
    (an empty range: the declaration containing that point). Declarations with syntax
    errors are left alone; unchanged declarations produce no edit."""
    syntax = parse(text)
    data = syntax.data
    newline = "\r\n" if b"\r\n" in data else "\r" if b"\r" in data else "\n"
    edits = []
    for node in syntax.root.named_children:
        if node.type in ("comment", "ERROR") or node.has_error:
            continue
        if not _intersects(node.start_byte, node.end_byte, start_byte, end_byte):
            continue
        new_text = render_declaration(node, data).replace("\n", newline)
        if new_text.encode("utf-8") != data[node.start_byte:node.end_byte]:
            edits.append(RangeEdit(node.start_byte, node.end_byte, new_text))
    return edits


def _intersects(start: int, end: int, range_start: int, range_end: int) -> bool:
    if range_start == range_end:
        return start <= range_start <= end
    return start < range_end and range_start < end


def _raise_first_syntax_error(syntax: SyntaxTree) -> None:
    if not syntax.root.has_error:
        return
    diagnostics = syntax_diagnostics(syntax)
    offset = diagnostics[0].span.start if diagnostics else 0
    message = diagnostics[0].message if diagnostics else "syntax error"
    line, column = LineIndex(syntax.data).position(offset)
    raise FormatError(message, line + 1, column + 1, offset)


def _layout(syntax: SyntaxTree) -> str:
    """Declarations one per line, comments where they were, blank lines collapsed."""
    data = syntax.data
    lines: list[str] = []
    prev_end: int | None = None
    code_on_line = False  # the last line holds a declaration
    for child in syntax.root.children:
        is_comment = child.type == "comment"
        first, *rest = (_top_comment(child, data) if is_comment
                        else render_declaration(child, data)).split("\n")
        breaks = None if prev_end is None else newlines(data[prev_end:child.start_byte])
        if breaks == 0 and (is_comment or not code_on_line):
            lines[-1] += " " + first
            code_on_line = not is_comment or (code_on_line and not rest)
        else:
            if breaks is not None and breaks > 1:
                lines.append("")
            lines.append(first)
            code_on_line = not is_comment
        lines += rest
        prev_end = child.end_byte
    return "".join(line.rstrip() + "\n" for line in lines)


def _top_comment(node: tree_sitter.Node, data: bytes) -> str:
    """A comment between declarations; an own-line block comment's continuation lines
    shift left with it when they were all indented at least as much as its start."""
    start = node.start_byte
    text = comment_text(data[start:node.end_byte])
    line_start = max(data.rfind(b"\n", 0, start), data.rfind(b"\r", 0, start)) + 1
    prefix = data[line_start:start].decode("utf-8", "replace")
    first, *rest = text.split("\n")
    if not prefix or prefix.strip() or not all(r.startswith(prefix) or not r for r in rest):
        return text
    return "\n".join([first] + [r[len(prefix):] for r in rest])


# --- equivalence ------------------------------------------------------------------------

_TYPE_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\*|\S")


def spell_type(text: str) -> str:
    """A C type spelled as the formatter writes it: ``char * const*`` → ``char *const *``."""
    out = ""
    for token in _TYPE_TOKEN.findall(text):
        out += token if not out else ("" if out.endswith("*") else " ") + token
    return out


def _param(param: Param) -> Param:
    if param.type.canonical is not None:  # equality already compares the canonical form
        return param
    return replace(param, type=replace(param.type, text=spell_type(param.type.text)))


def _normalised(program: Program) -> Program:
    """``program`` with every malformed C type respelled the formatter's way (well-formed
    types compare by their canonical form, so only malformed ones, compared by text, need it)."""
    def normalise(d: Declaration) -> Declaration:
        if not isinstance(d, Signature) or all(
                p.type.canonical is not None for p in (*d.inputs, *d.outputs)):
            return d
        return replace(d, inputs=tuple(map(_param, d.inputs)),
                       outputs=tuple(map(_param, d.outputs)))

    return Program(tuple(map(normalise, program.declarations)))


def equivalent(a: Program, b: Program) -> bool:
    """Whether two programs are equal once their C types are spelled the formatter's way
    (the model keeps the text of a type as written, which the formatter respells)."""
    return _normalised(a) == _normalised(b)


def _check_same_program(syntax: SyntaxTree, out: str) -> None:
    formatted = parse(out)
    before, after = lower(syntax), lower(formatted)
    if formatted.root.has_error or not equivalent(before, after):
        raise FormatterBug("the formatted text is a different program")
    if [d.doc for d in before.declarations] != [d.doc for d in after.declarations]:
        raise FormatterBug("the formatted text moves a doc comment")
