"""The checked model: what the checks conclude about every node, predicate and constraint.

``Semantics`` is built by ``checks`` and is part of every ``Analysis``. Back ends (graph,
code generation, hovers, the simulator) read it — above all the **effective constraint set**
of each node with the reason for every elevation — and never recompute it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from .model import (
    Atomic,
    Deferred,
    FlowDef,
    Handler,
    Mode,
    Name,
    Relocatable,
    Scope,
    Signature,
    Source,
    Span,
    Typedef,
)

#: A list of canonical C types; an element is None where the type is malformed, and a whole
#: tuple is None where it is unknown (unknown unifies with anything: no cascades).
Types = tuple[str | None, ...] | None


def show_types(types: Types) -> str:
    if types is None:
        return "(?)"
    return "(" + ", ".join(t if t is not None else "?" for t in types) + ")"


def types_match(a: Types, b: Types) -> bool:
    """Positional equality of canonical types, where anything unknown matches."""
    if a is None or b is None:
        return True
    if len(a) != len(b):
        return False
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def where_types_differ(got: Types, want: Types) -> str:
    """For two known type lists of one length that do not match: ``: position 2 is `char *`,
    not `int``` (every differing position, 1-based); otherwise the empty string."""
    if got is None or want is None or len(got) != len(want):
        return ""
    differ = [(i + 1, a, b) for i, (a, b) in enumerate(zip(got, want, strict=True))
              if a is not None and b is not None and a != b]
    return ": " + "; ".join(f"position {i} is `{a}`, not `{b}`" for i, a, b in differ) \
        if differ else ""


@dataclass(frozen=True)
class Elevation(Relocatable):
    """Why a constraint was added to an abstract node (FLX603)."""

    from_node: str            # the inner node that needed the constraint
    held: str                 # the greater constraint already held on that path
    held_by: str              # the enclosing node that holds it
    entered_at: Span          # the flow step where the inner node is entered
    origin: Span              # the declaration of the constraint on the inner node
    held_origin: Span         # the declaration of the held constraint


@dataclass(frozen=True)
class Upgrade(Relocatable):
    """Why a reader acquisition became a writer (FLX604)."""

    writer: str               # the inner node that writes
    entered_at: Span
    writer_origin: Span


def lock_order(name: str) -> bytes:
    """The sort key of the canonical lock order (docs/language.md#deadlock-freedom): ascending
    byte order of the constraint's name. The checker, the effective sets and code generation
    all use it."""
    return name.encode("utf-8")


@dataclass(frozen=True)
class EffectiveConstraint(Relocatable):
    name: str
    mode: Mode
    scope: Scope
    origin: Span                          # the atomic constraint this one comes from
    declared: bool                        # False when it was added by elevation
    elevation: Elevation | None = None
    upgrade: Upgrade | None = None

    def __str__(self) -> str:
        return constraint_text(self.name, self.mode, self.scope)


def constraint_text(name: str, mode: Mode, scope: Scope) -> str:
    """A constraint as Flux writes it in ``atomic N:{…}``: ``c`` (writer), ``c?`` (reader),
    with ``(session)`` after the mode when session-scoped: ``players?(session)``. The one
    spelling of a constraint: diagnostics, hovers, the program graph and the comments of the
    generated C all use it."""
    return name + ("?" if mode == "read" else "") + ("(session)" if scope == "session" else "")


def constraint_reason(c: EffectiveConstraint, line: Callable[[Span], int] | None = None
                      ) -> str | None:
    """Why a node has ``c`` although it did not declare it so — elevated (from which inner
    node, the constraint held, who holds it) and/or upgraded to a writer (which inner node
    writes) — or None when it is as declared. ``line`` (a span → its 1-based line) adds where
    the inner node is entered. The one wording of these reasons: hovers and the program graph
    use it."""
    def at(span: Span) -> str:
        return f" (entered at line {line(span)})" if line is not None else ""

    parts = []
    if c.elevation is not None:
        e = c.elevation
        parts.append(f"elevated from `{e.from_node}`{at(e.entered_at)}, which needs `{c.name}` "
                     f"while `{e.held_by}` holds `{e.held}`; `{e.held}` comes after "
                     f"`{c.name}` in lock order")
    elif not c.declared:
        parts.append("elevated to keep the lock order")
    if c.upgrade is not None:
        u = c.upgrade
        parts.append(f"made a writer because `{u.writer}` writes it inside{at(u.entered_at)}")
    return "; ".join(parts) or None


NodeKind = Literal["concrete", "abstract"]


@dataclass(frozen=True)
class NodeInfo(Relocatable):
    name: str
    kind: NodeKind
    signature: Signature | None
    flows: tuple[FlowDef, ...]
    inputs: Types
    outputs: Types
    inferred: bool                         # signature inferred from the flows
    declared: tuple[EffectiveConstraint, ...]
    effective: tuple[EffectiveConstraint, ...]
    handler: Handler | None
    atomics: tuple[Atomic, ...]
    reachable: bool

    @property
    def name_span(self) -> Span:
        if self.signature is not None:
            return self.signature.name.span
        return self.flows[0].name.span

    @property
    def doc(self) -> str | None:
        if self.signature is not None and self.signature.doc:
            return self.signature.doc
        return next((f.doc for f in self.flows if f.doc), None)

    @property
    def elevated(self) -> tuple[EffectiveConstraint, ...]:
        return tuple(c for c in self.effective if not c.declared or c.upgrade is not None)


@dataclass(frozen=True)
class Semantics(Deferred):
    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    typedefs: dict[str, Typedef] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    constraint_scopes: dict[str, Scope] = field(default_factory=dict)

    def node(self, name: str | Name) -> NodeInfo | None:
        return self.nodes.get(name.text if isinstance(name, Name) else name)
