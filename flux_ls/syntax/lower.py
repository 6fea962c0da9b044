"""Lower a tree-sitter tree to the model (``model.Program``).

Lowering keeps whatever a broken declaration still says: a declaration with a syntax error
inside is lowered with ``incomplete=True`` so its name stays declared (no FLX101 cascade)
while its types count as unknown. Nodes the error swallowed whole are simply absent.
"""

from __future__ import annotations

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
from .parse import SyntaxTree

Node = tree_sitter.Node


def _span(node: Node) -> Span:
    return Span(node.start_byte, node.end_byte)


def _text(data: bytes, node: Node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8", "replace")


class _Lowerer:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def name(self, node: Node | None) -> Name | None:
        if node is None or node.is_missing or node.start_byte == node.end_byte:
            return None
        return Name(_text(self.data, node), _span(node))

    def doc(self, node: Node) -> str | None:
        prev = node.prev_named_sibling
        if prev is None or prev.type != "comment":
            return None
        text = _text(self.data, prev)
        if not text.startswith("/**") or text == "/**/":
            return None
        between = self.data[prev.end_byte:node.start_byte]
        line_breaks = between.count(b"\n") + between.count(b"\r") - between.count(b"\r\n")
        if line_breaks > 1:  # a blank line separates the comment from the declaration
            return None
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
        for i, part in enumerate(parts):
            if i > 0 and part.start_byte > parts[i - 1].end_byte:
                text += " "
            text += " ".join(_text(self.data, part).split())
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


_DISPATCH = {
    "node_declaration": _Lowerer.signature,
    "flow_definition": _Lowerer.flow,
    "source_declaration": _Lowerer.source,
    "typedef_declaration": _Lowerer.typedef,
    "handler_declaration": _Lowerer.handler,
    "atomic_declaration": _Lowerer.atomic,
}


def lower(syntax: SyntaxTree) -> Program:
    lowerer = _Lowerer(syntax.data)
    decls: list[Declaration] = []
    for child in syntax.root.named_children:
        method = _DISPATCH.get(child.type)
        if method is not None and (decl := method(lowerer, child)) is not None:
            decls.append(decl)
    return Program(tuple(decls))
