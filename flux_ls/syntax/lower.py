"""Lower a tree-sitter tree to the model (``model.Program``).

Lowering keeps whatever a broken declaration still says: a declaration with a syntax error
inside is lowered with ``incomplete=True`` so its name stays declared (no FLX101 cascade)
while its types count as unknown. Nodes the error swallowed whole are simply absent.

Each top-level declaration is lowered on its own (``lower_declaration``), which is what lets
``syntax.units`` reuse the lowering of the declarations an edit did not touch. Lowering sees
every name, so it also notes the names written with a reserved word (``syntax.errors``
reports them).
"""

from __future__ import annotations

from collections.abc import Callable

import tree_sitter

from .. import ctypes
from ..model import (
    Atomic,
    Constraint,
    CType,
    Declaration,
    FlowDef,
    Handler,
    Name,
    Param,
    PatternElement,
    Program,
    Signature,
    Source,
    Span,
    Typedef,
)
from ..text import newlines
from .parse import SyntaxTree

Node = tree_sitter.Node


def _span(node: Node) -> Span:
    return Span(*node.byte_range)


def _text(data: bytes, node: Node) -> str:
    start, end = node.byte_range
    return data[start:end].decode("utf-8", "replace")


#: Words that are keywords where the grammar expects them but parse as names elsewhere; a
#: name written with one is FLX001 (``syntax.errors``), and so is a lone ``_``.
RESERVED = frozenset({"typedef", "source", "handle", "error", "atomic", "program", "session"})
_NOT_A_NAME = RESERVED | {"_"}


def doc_comment(prev: Node | None, node: Node, data: bytes) -> Node | None:
    """The doc comment of top-level ``node``: ``prev`` (the named sibling before it) when
    it is a ``/**`` comment (not ``/**/``) with no blank line between it and ``node``.
    Lowering reads the declaration's ``doc`` from it; the editor features extend the
    declaration to it."""
    if prev is None or prev.type != "comment":
        return None
    start, end = prev.byte_range
    if not data.startswith(b"/**", start) or data[start:end] == b"/**/":
        return None
    return prev if newlines(data, end, node.start_byte) <= 1 else None  # else a blank line


class Lowerer:
    """Reads declarations of one text into the model, one at a time."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.prev: Node | None = None  # the named sibling before the declaration (doc comment)
        self.reserved: list[tuple[Span, str]] = []  # names that are reserved words

    def name(self, node: Node | None) -> Name | None:
        if node is None:
            return None
        start, end = node.byte_range  # (one call instead of two: lowering reads many names)
        if start == end or node.is_missing:
            return None
        text = self.data[start:end].decode("utf-8", "replace")
        span = Span(start, end)
        if text in _NOT_A_NAME:
            self.reserved.append((span, text))
        return Name(text, span)

    def doc(self, node: Node) -> str | None:
        comment = doc_comment(self.prev, node, self.data)
        if comment is None:
            return None
        text = _text(self.data, comment)
        lines = [line.strip() for line in text[3:-2].splitlines()]
        lines = [line[1:].lstrip() if line.startswith("*") else line for line in lines]
        return "\n".join(lines).strip() or None

    def params(self, node: Node | None) -> tuple[Param, ...]:
        if node is None:
            return ()
        out = []
        for child in node.named_children:
            if child.type != "parameter":
                continue
            parts = child.children_by_field_name("type")
            name = self.name(child.child_by_field_name("name"))
            if not parts or name is None or any(p.is_missing for p in parts):
                continue
            text = self.type_text(parts)
            span = Span(parts[0].start_byte, parts[-1].end_byte)
            out.append(Param(CType(text, ctypes.canonical(text), span), name))
        return tuple(out)

    def type_text(self, parts: list[Node]) -> str:
        """The C type written by a parameter's type parts (words, `const`, pointers), with
        blanks (and any comment) between two parts as one space: `char **`, `char * const *`."""
        text = ""
        last = -1
        for part in parts:
            start, end = part.byte_range
            if 0 <= last < start:
                text += " "
            last = end
            word = self.data[start:end].decode("utf-8", "replace")
            if word in _NOT_A_NAME and part.type == "type_identifier":
                self.reserved.append((Span(start, end), word))
            text += " ".join(word.split())
        return text

    def signature(self, node: Node) -> Signature | None:
        name = self.name(node.child_by_field_name("name"))
        if name is None:
            return None
        return Signature(name, self.params(node.child_by_field_name("inputs")),
                         self.params(node.child_by_field_name("outputs")), _span(node),
                         self.doc(node), incomplete=node.has_error)

    def flow(self, node: Node) -> FlowDef | None:
        name = self.name(node.child_by_field_name("name"))
        if name is None:
            return None
        pattern_node = node.child_by_field_name("pattern")
        pattern = None
        if pattern_node is not None:
            pattern = tuple(
                PatternElement(None if c.type == "wildcard" else self.name(c), _span(c))
                for c in pattern_node.named_children if c.type in ("wildcard", "identifier"))
        flow_node = node.child_by_field_name("flow")
        steps: tuple[Name, ...] = ()
        if flow_node is not None:
            steps = tuple(n for c in flow_node.children_by_field_name("step")
                          if (n := self.name(c)) is not None)
        return FlowDef(name, pattern, steps, _span(node), self.doc(node),
                       incomplete=node.has_error)

    def source(self, node: Node) -> Source | None:
        src = self.name(node.child_by_field_name("node"))
        target = self.name(node.child_by_field_name("target"))
        if src is None or target is None:
            return None
        clause = node.child_by_field_name("session")
        session = self.name(clause.child_by_field_name("function")) if clause else None
        return Source(src, target, session, _span(node), self.doc(node))

    def typedef(self, node: Node) -> Typedef | None:
        type_ = self.name(node.child_by_field_name("type"))
        pred = self.name(node.child_by_field_name("predicate"))
        if type_ is None or pred is None:
            return None
        return Typedef(type_, pred, _span(node), self.doc(node))

    def handler(self, node: Node) -> Handler | None:
        target = self.name(node.child_by_field_name("node"))
        function = self.name(node.child_by_field_name("handler"))
        if target is None or function is None:
            return None
        return Handler(target, function, _span(node), self.doc(node))

    def atomic(self, node: Node) -> Atomic | None:
        target = self.name(node.child_by_field_name("node"))
        if target is None:
            return None
        constraints = tuple(c for child in node.named_children
                            if child.type == "constraint" and (c := self.constraint(child)))
        return Atomic(target, constraints, _span(node), self.doc(node))

    def constraint(self, node: Node) -> Constraint | None:
        name = self.name(node.child_by_field_name("name"))
        if name is None:
            return None
        mode_node = node.child_by_field_name("mode")
        mode_text = _text(self.data, mode_node) if mode_node else ""
        scope_node = node.child_by_field_name("scope")
        scope = _text(self.data, scope_node) if scope_node else "program"
        return Constraint(name, "read" if mode_text == "?" else "write",
                          "session" if scope == "session" else "program",
                          scope_node is not None, _span(node), explicit_writer=mode_text == "!")


_DISPATCH: dict[str, Callable[[Lowerer, Node], Declaration | None]] = {
    "node_declaration": Lowerer.signature,
    "flow_definition": Lowerer.flow,
    "source_declaration": Lowerer.source,
    "typedef_declaration": Lowerer.typedef,
    "handler_declaration": Lowerer.handler,
    "atomic_declaration": Lowerer.atomic,
}


def lower(syntax: SyntaxTree) -> Program:
    """The program of a tree (``units.lower_units`` gives the same, reusable across edits)."""
    lowerer = Lowerer(syntax.data)
    decls = []
    prev: Node | None = None
    for node in syntax.root.named_children:
        method = _DISPATCH.get(node.type)
        if method is not None:
            decl, _ = lower_declaration(lowerer, method, node, prev)
            if decl is not None:
                decls.append(decl)
        prev = node
    return Program(tuple(decls))


Lowering = Callable[[Lowerer, Node], Declaration | None]


def lowering(node: Node) -> Lowering | None:
    """How to lower a child of the root, if it is a declaration."""
    return _DISPATCH.get(node.type)


def lower_declaration(lowerer: Lowerer, method: Lowering, node: Node, prev: Node | None
                      ) -> tuple[Declaration | None, tuple[tuple[Span, str], ...]]:
    """One declaration (``prev``: the named sibling before it, which may be its doc comment),
    and its names written with a reserved word or `_`, in order."""
    lowerer.prev = prev
    lowerer.reserved = []
    decl = method(lowerer, node)
    return decl, tuple(sorted(set(lowerer.reserved))) if lowerer.reserved else ()


