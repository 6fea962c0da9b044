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
  declaration stays after it on the same line; a block comment before a declaration on the
  same line stays there. Doc comments keep their
  declaration. A comment inside a declaration stays between the same two tokens, except
  that a comma is written before the comments that precede it (``int a, // why``) and a
  comment just after ``->`` moves before the arrow. If such a comment is a ``//`` comment
  or had a line break before or after it, the declaration is wrapped and the comment keeps
  those line breaks (own-line comments indented 4). Comment text is kept, except trailing
  whitespace and line-break style.
* Trailing comments are aligned as gofmt aligns them: a one-line comment that ends a line
  after code (after a declaration, or after a parameter, constraint or step of a wrapped
  one) is a trailing comment, and a run of consecutive lines with trailing comments puts
  them all in one column, one space after the longest code of the run. A blank line or a
  line without a trailing comment ends the run. Runs never cross a chunk cut (below): the
  line before a cut ends with a declaration.
* Widths are counted in code points.

``format_range`` reformats only the declarations that intersect a byte range, for the
language server's range formatting; it returns byte-offset edits in the document's own
line-break style and works even when other declarations have syntax errors.

Both take the tree of the text when the caller has one (``syntax=``: the language server's
incrementally parsed document) and reuse earlier work, so that formatting a large file again
after a small edit costs little more than the edit. ``format_text`` cuts the file into
*chunks* of about 32 top-level nodes, content-defined (a chunk ends after a declaration whose
length in bytes is a multiple of 32 and that a line break follows), so an edit changes the
text of one chunk and of no other. The layout never carries state across such a cut (the
next node starts a line, with a blank line before it when the input has one), so the output
is the outputs of the chunks, each computed from the chunk's text alone:

* A chunk's output is cached by its exact text (bounded LRU, shared by every document and
  thread), and only once it is **verified**: the output chunk, parsed on its own, has no
  syntax error and the input chunk's declarations in order, each of the same kind with the
  same doc comment and the same meaning. A declaration the formatter left byte-for-byte
  unchanged (and that parsed to a subtree of the same size) means the same; every other one
  is lowered on both sides and compared. The whole output then parses to the chunks'
  declarations one after the other — a chunk starts a line between two top-level nodes,
  after a declaration (so no doc comment spans a cut), and a top-level node parses the same
  wherever it stands, as the grammar has no context between them (the property tests check
  the whole output against the whole input). A chunk an edit changed is laid out and checked
  again: ~1 ms for its ~32 declarations. (Caching single declarations' layouts and checks
  as well saved no measurable time on top of the chunks, and cost memory.) A chunk already
  in the canonical layout needs no check: it is the same text.
* A whole text formatted recently (the same bytes: the same length and BLAKE2 digest) gives
  the same result at once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple

import tree_sitter

from . import ctypes
from .fmt_layout import MARK, align_comments, comment_text, render_declaration
from .lru import LRU
from .model import Declaration, Param, Program, Signature
from .syntax.errors import syntax_diagnostics
from .syntax.lower import Lowerer, lower_declaration, lowering
from .syntax.parse import SyntaxTree, parse, to_bytes
from .text import LineIndex, has_break, line_start, newlines

__all__ = ["FormatError", "FormatterBug", "RangeEdit", "clear_caches", "equivalent",
           "format_range", "format_text", "spell_type"]

Node = tree_sitter.Node

_LINE_BREAK = re.compile(r"\r\n?")

#: A chunk ends after a declaration whose length in bytes is a multiple of this (if a line
#: break follows it): chunks of about this many top-level nodes.
CHUNK = 32
#: Bounds of the caches, in entries: verified chunks (~6 KB each; a 10,000-line file has
#: ~250) and whole texts (~1 MB each).
CHUNK_CACHE_SIZE = 1_024
TEXT_CACHE_SIZE = 2


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


def format_text(text: str, syntax: SyntaxTree | None = None) -> str:
    """``text`` in the canonical layout; raises ``FormatError`` on a syntax error.
    ``syntax``, if given, is used when it is the tree of ``text`` (once line breaks are
    LF), which saves parsing it."""
    data = to_bytes(_LINE_BREAK.sub("\n", text) if "\r" in text else text)
    key = (render_declaration, len(data), hashlib.blake2b(data, digest_size=32).digest())
    done = _TEXTS.get(key)
    if done is not None:
        return done
    if syntax is None or syntax.data != data:
        syntax = parse(data)
    _raise_first_syntax_error(syntax)
    out = _format(syntax)
    _TEXTS.put(key, out)
    return out


def format_range(text: str, start_byte: int, end_byte: int,
                 syntax: SyntaxTree | None = None) -> list[RangeEdit]:
    """Edits that reformat every whole declaration intersecting ``[start_byte, end_byte)``
    (an empty range: the declaration containing that point). Declarations with syntax
    errors are left alone; unchanged declarations produce no edit. ``syntax``, if given, is
    used when it is the tree of ``text``."""
    data = to_bytes(text)
    if syntax is None or syntax.data != data:
        syntax = parse(data)
    newline = "\r\n" if b"\r\n" in data else "\r" if b"\r" in data else "\n"
    edits = []
    for node in syntax.root.named_children:
        if node.start_byte > max(start_byte, end_byte):
            break
        if node.type in ("comment", "ERROR") or node.has_error:
            continue
        if not _intersects(node.start_byte, node.end_byte, start_byte, end_byte):
            continue
        new_text = align_comments(render_declaration(node, data)).replace("\n", newline)
        if new_text.encode("utf-8") != data[node.start_byte:node.end_byte]:
            edits.append(RangeEdit(node.start_byte, node.end_byte, new_text))
    return edits


def clear_caches() -> None:
    """Forget every cached layout, verification and result (tests compare the formatter
    with and without them)."""
    for cache in (_CHUNKS, _TEXTS):
        cache.clear()


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


# --- caches -------------------------------------------------------------------------------

#: (layout function, chunk text) -> its verified output.
_CHUNKS: LRU[tuple[Callable[..., str], bytes], str] = LRU(CHUNK_CACHE_SIZE)
#: (layout function, length and BLAKE2 digest of an LF text) -> its formatted text.
_TEXTS: LRU[tuple[Callable[..., str], int, bytes], str] = LRU(TEXT_CACHE_SIZE)

def _rendered(node: Node, data: bytes) -> list[str]:
    """The lines of ``render_declaration(node, data)``, each without trailing whitespace."""
    return [line.rstrip() for line in render_declaration(node, data).split("\n")]


# --- layout -------------------------------------------------------------------------------

def _format(syntax: SyntaxTree) -> str:
    """The formatted text of an error-free tree, chunk by chunk (see the module docstring)."""
    data = syntax.data
    render = render_declaration
    children = syntax.root.children
    parts: list[str] = []
    first = 0
    last = len(children) - 1
    for i, child in enumerate(children):
        end = child.end_byte
        if i < last and (end - child.start_byte) % CHUNK != 0:
            continue
        if i < last:
            if child.type == "comment":
                continue
            if not has_break(data, end, children[i + 1].start_byte):
                continue
        chunk = children[first:i + 1]
        start = chunk[0].start_byte
        if first > 0 and newlines(data, children[first - 1].end_byte, start) > 1:
            parts.append("\n")
        source = data[line_start(data, start):end]
        key = (render, source)
        out = _CHUNKS.get(key)
        if out is None:
            out = _layout(chunk, data)
            if out.encode("utf-8") != source + b"\n":  # else: the same text, the same program
                _check_chunk(data, chunk, children[first - 1] if first > 0 else None, out)
            _CHUNKS.put(key, out)
        parts.append(out)
        first = i + 1
    return "".join(parts)


def _layout(children: Sequence[Node], data: bytes) -> str:
    """Top-level nodes one per line, comments where they were, blank lines collapsed."""
    lines: list[str] = []
    prev_end = -1
    code_on_line = False  # the last line holds a declaration
    for child in children:
        is_comment = child.type == "comment"
        if is_comment:
            first, *rest = _top_comment(child, data).split("\n")
        else:
            first, *rest = _rendered(child, data)
        start = child.start_byte
        breaks = -1 if prev_end < 0 else newlines(data, prev_end, start)
        if breaks == 0 and (is_comment or not code_on_line):
            trailing = is_comment and code_on_line and not rest and MARK not in lines[-1]
            lines[-1] += (MARK if trailing else " ") + first
            code_on_line = not is_comment or (code_on_line and not rest)
        else:
            if breaks > 1:
                lines.append("")
            lines.append(first)
            code_on_line = not is_comment
        if rest:
            lines += rest
        prev_end = child.end_byte
    return align_comments("\n".join(lines)) + "\n" if lines else ""


def _top_comment(node: Node, data: bytes) -> str:
    """A comment between declarations; an own-line block comment's continuation lines
    shift left with it when they were all indented at least as much as its start."""
    start = node.start_byte
    text = comment_text(data[start:node.end_byte])
    prefix = data[line_start(data, start):start].decode("utf-8", "replace")
    first, *rest = text.split("\n")
    if not prefix or prefix.strip() or not all(r.startswith(prefix) or not r for r in rest):
        return text
    return "\n".join([first] + [r[len(prefix):] for r in rest])


# --- equivalence ------------------------------------------------------------------------

_TYPE_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\*|\S")


def spell_type(text: str) -> str:
    """A C type spelled as the formatter writes it: ``char * const*`` → ``char *const *``."""
    return ctypes.spell(_TYPE_TOKEN.findall(text))


def _param(param: Param) -> Param:
    if param.type.canonical is not None:  # equality already compares the canonical form
        return param
    return replace(param, type=replace(param.type, text=spell_type(param.type.text)))


def _normalise(d: Declaration) -> Declaration:
    """``d`` with every malformed C type respelled the formatter's way (well-formed types
    compare by their canonical form, so only malformed ones, compared by text, need it)."""
    if not isinstance(d, Signature) or all(
            p.type.canonical is not None for p in (*d.inputs, *d.outputs)):
        return d
    return replace(d, inputs=tuple(map(_param, d.inputs)), outputs=tuple(map(_param, d.outputs)))


def equivalent(a: Program, b: Program) -> bool:
    """Whether two programs are equal once their C types are spelled the formatter's way
    (the model keeps the text of a type as written, which the formatter respells)."""
    return Program(tuple(map(_normalise, a.declarations))) == \
        Program(tuple(map(_normalise, b.declarations)))


# --- verification ---------------------------------------------------------------------------

def _check_chunk(data: bytes, chunk: Sequence[Node], prev: Node | None, out: str) -> None:
    """Raise ``FormatterBug`` unless ``out``, parsed on its own, has no syntax error and the
    declarations of ``chunk`` (top-level nodes of ``data``, after ``prev``), in order, each
    of the same kind, with the same doc comment and the same meaning."""
    out_data = to_bytes(out)
    formatted = parse(out_data)
    if formatted.root.has_error:
        raise FormatterBug("the formatted text is a different program")
    before = _declarations(chunk, prev)
    after = _declarations(formatted.root.named_children, None)
    if len(before) != len(after):
        raise FormatterBug("the formatted text is a different program")
    lower_before, lower_after = Lowerer(data), Lowerer(out_data)
    for (a, prev_a), (b, prev_b) in zip(before, after, strict=True):
        if a.type != b.type:
            raise FormatterBug("the formatted text is a different program")
        if (_is_comment(prev_a) or _is_comment(prev_b)) and \
                _doc(lower_before, a, prev_a) != _doc(lower_after, b, prev_b):
            raise FormatterBug("the formatted text moves a doc comment")
        text_a = data[a.start_byte:a.end_byte]
        text_b = out_data[b.start_byte:b.end_byte]
        if text_a == text_b and a.descendant_count == b.descendant_count:
            continue  # the same text, parsed to the same subtree: the same declaration
        method = lowering(a)
        if method is None or _lowered(lower_before, method, a, prev_a) != \
                _lowered(lower_after, method, b, prev_b):
            raise FormatterBug("the formatted text is a different program")


def _declarations(nodes: Sequence[Node], prev: Node | None) -> list[tuple[Node, Node | None]]:
    """The declarations among top-level ``nodes``, each with the named node before it (its
    doc comment, if any); ``prev`` is the one before the first."""
    out: list[tuple[Node, Node | None]] = []
    for node in nodes:
        if node.type != "comment":
            out.append((node, prev))
        prev = node
    return out


def _is_comment(node: Node | None) -> bool:
    return node is not None and node.type == "comment"


def _doc(lowerer: Lowerer, node: Node, prev: Node | None) -> str | None:
    lowerer.prev = prev
    return lowerer.doc(node)


def _lowered(lowerer: Lowerer, method: Callable[[Lowerer, Node], Declaration | None],
             node: Node, prev: Node | None) -> Declaration | None:
    decl, _ = lower_declaration(lowerer, method, node, prev)
    return None if decl is None else _normalise(decl)
