"""Rename a node, predicate type, constraint name or C function everywhere in a file.

``prepare_rename(analysis, offset)`` says whether the name under the cursor can be renamed
(a ``RenameRange``: the bytes of the name and its text) or why not (``RenameRefused``);
``rename(analysis, offset, new_name)`` returns ``RenameEdits`` (every ``TextEdit``, sorted by
position, and a warning to confirm when a renamed constraint moves in the lock order) or a
``RenameRefused`` with a message for the user. A new name is refused when it is

- not a Flux identifier (``[A-Za-z_][A-Za-z0-9_]*``), or the wildcard ``_``;
- a reserved word of Flux (``typedef source handle error atomic program session``);
- a C keyword or a standard C type name (``size_t``, ``uint8_t``…): nodes and functions become
  C identifiers, and we keep predicate types and constraints to the same rule;
- for nodes and C functions: starting with ``flux_`` (the runtime's), ``X_in``/``X_out`` of
  a node ``X`` (the generated structs), or a type name used in a signature;
- already the name of a symbol of the same kind (nodes also clash with C functions and the
  reverse, since both are C functions).

Renaming is also refused while the name appears inside text that does not parse (those
occurrences are not in the model, so they would be missed). Comments are not edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..checks.names import C_KEYWORDS
from ..syntax.parse import COMMENT_PATTERN
from .completion import PRIMITIVE_TYPES
from .index import Symbol, SymbolIndex, cached, index

if TYPE_CHECKING:
    import tree_sitter

    from ..analysis import Analysis

FLUX_RESERVED = frozenset("typedef source handle error atomic program session".split())
#: Standard C type names the grammar knows (``size_t``, ``uint8_t``, …) that are not
#: keywords: a node or function of that name would not compile.
C_TYPE_NAMES = frozenset(PRIMITIVE_TYPES) - C_KEYWORDS
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

_WHAT = {"node": "node", "predicate_type": "predicate type", "constraint": "constraint",
         "function": "C function"}


@dataclass(frozen=True)
class RenameRange:
    """The name that would be renamed: bytes ``[start, end)`` holding ``placeholder``."""

    start: int
    end: int
    placeholder: str
    symbol: Symbol


@dataclass(frozen=True)
class RenameRefused:
    message: str


@dataclass(frozen=True)
class RenameEdits:
    """The edits of a rename, and a warning the user should confirm (``None`` if none): a
    renamed constraint can move in the lock order (ascending byte order of names), which
    changes which constraints get elevated (FLX603/FLX604)."""

    edits: tuple[TextEdit, ...]
    warning: str | None = None


@dataclass(frozen=True)
class TextEdit:
    """Replace bytes ``[start, end)`` of the file at ``path`` with ``new_text``."""

    path: str
    start: int
    end: int
    new_text: str


def prepare_rename(analysis: Analysis, offset: int) -> RenameRange | RenameRefused:
    occ = index(analysis).at(offset)
    if occ is None:
        return RenameRefused("Place the cursor on the name of a node, predicate type, "
                             "constraint or C function to rename it.")
    hidden = _in_broken_text(analysis, occ.name)
    if hidden is not None:
        line = analysis.lines.line_of(hidden) + 1
        return RenameRefused(f"`{occ.name}` also appears in text that does not parse (line "
                             f"{line}); fix the syntax error first so no use is missed.")
    return RenameRange(occ.start, occ.end, occ.name, occ.symbol)


def rename(analysis: Analysis, offset: int, new_name: str) -> RenameEdits | RenameRefused:
    target = prepare_rename(analysis, offset)
    if isinstance(target, RenameRefused):
        return target
    if new_name == target.placeholder:
        return RenameEdits(())
    idx = index(analysis)
    problem = name_problem(target.symbol, new_name) or _collision(analysis, idx, target.symbol,
                                                                    new_name)
    if problem is not None:
        return RenameRefused(problem)
    edits = tuple(TextEdit(analysis.path, o.start, o.end, new_name)
                  for o in idx.of(target.symbol))
    return RenameEdits(edits, _lock_order_warning(idx, target.symbol, new_name))


def _lock_order_warning(idx: SymbolIndex, symbol: Symbol, new_name: str) -> str | None:
    """A warning when renaming a constraint changes its place among the others."""
    if symbol.kind != "constraint":
        return None
    old, new = symbol.name.encode(), new_name.encode()
    passed = sorted(o.name for o in idx.symbols("constraint")
                    if o.name != symbol.name and (old < o.name.encode()) != (
                        new < o.name.encode()))
    if not passed:
        return None
    listed = ", ".join(f"`{n}`" for n in passed[:5]) + (" …" if len(passed) > 5 else "")
    return (f"Renaming `{symbol.name}` to `{new_name}` moves it past {listed} in the lock "
            "order (ascending byte order of names): constraints may be elevated differently "
            "(FLX603, FLX604).")


def name_problem(symbol: Symbol, new_name: str) -> str | None:
    """Why ``new_name`` cannot name a symbol of ``symbol.kind`` (None when it can)."""
    what = _WHAT[symbol.kind]
    if not IDENTIFIER.match(new_name):
        return (f"`{new_name}` is not a valid name: use letters, digits and `_`, not starting "
                "with a digit.")
    if new_name == "_":
        return "`_` is the wildcard and cannot name anything."
    if new_name in FLUX_RESERVED:
        return f"`{new_name}` is a reserved word of Flux and cannot name a {what}."
    if new_name in C_KEYWORDS:
        return f"`{new_name}` is a C keyword and cannot name a {what}."
    if new_name in C_TYPE_NAMES:
        return f"`{new_name}` is a standard C type name and cannot name a {what}."
    if symbol.kind in ("node", "function") and new_name.startswith("flux_"):
        return f"`{new_name}` starts with `flux_`, which is reserved for the runtime."
    return None


def _collision(analysis: Analysis, idx: SymbolIndex, symbol: Symbol, new_name: str) -> str | None:
    clashes = [Symbol(symbol.kind, new_name)]
    if symbol.kind == "node":
        clashes.append(Symbol("function", new_name))
    elif symbol.kind == "function":
        clashes.append(Symbol("node", new_name))
    for other in clashes:
        found = idx.of(other)
        if found:
            first = (idx.definitions(other) or found)[0]
            line = analysis.lines.line_of(first.start) + 1
            clash = "" if other.kind == symbol.kind else " (both would be C functions)"
            return f"A {_WHAT[other.kind]} named `{new_name}` already exists (line {line}){clash}."
    if symbol.kind in ("node", "function"):
        typed = _type_words(analysis).get(new_name)
        if typed is not None:
            line = analysis.lines.line_of(typed) + 1
            return (f"`{new_name}` is a C type in a signature (line {line}); a C function "
                    "cannot have its name.")
        for suffix in ("_in", "_out"):
            node = new_name.removesuffix(suffix)
            if node != new_name and Symbol("node", node) in idx:
                return (f"`{new_name}` is the name of the C struct generated for node `{node}`; "
                        "choose another name.")
    return None


def _type_words(analysis: Analysis) -> dict[str, int]:
    """Every word of a C type in a signature, with where it first occurs (cached)."""
    def build() -> dict[str, int]:
        words: dict[str, int] = {}
        for sig in analysis.program.signatures:
            for param in (*sig.inputs, *sig.outputs):
                for word in param.type.text.replace("*", " ").split():
                    words.setdefault(word, param.type.span.start)
        return words
    return cached(analysis, "flux_ls.ide.rename.type_words", dict, build)


def _in_broken_text(analysis: Analysis, name: str) -> int | None:
    """The offset of ``name`` as a whole word inside an ERROR node, if any."""
    root = analysis.syntax.root
    if not root.has_error:
        return None
    word = re.compile(rb"(?<![A-Za-z0-9_])" + re.escape(name.encode()) + rb"(?![A-Za-z0-9_])")
    for node in _error_nodes(root):
        match = word.search(_without_comments(analysis.data, node))
        if match is not None:
            return node.start_byte + match.start()
    return None


def _error_nodes(root: tree_sitter.Node) -> list[tree_sitter.Node]:
    found, todo = [], [root]
    while todo:
        node = todo.pop()
        if node.type == "ERROR":
            found.append(node)
        elif node.has_error:
            todo.extend(node.children)
    return found


_COMMENT = re.compile(COMMENT_PATTERN, re.DOTALL)


def _without_comments(data: bytes, node: tree_sitter.Node) -> bytes:
    """The bytes of ``node`` with comments blanked (same length, so offsets hold)."""
    return _COMMENT.sub(lambda m: b" " * len(m.group()), data[node.start_byte:node.end_byte])

