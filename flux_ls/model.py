"""The syntactic model of a Flux program: frozen dataclasses carrying byte spans.

Lowering (``syntax.lower``) builds a ``Program`` from a tree-sitter tree. The model holds
no tree-sitter objects, so it can be compared, hashed and kept; ``str()`` of a program
prints it back as Flux (without comments; the formatter keeps those).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Mode = Literal["read", "write"]
Scope = Literal["program", "session"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range of UTF-8 byte offsets into the source text."""

    start: int
    end: int


@dataclass(frozen=True)
class Name:
    text: str
    span: Span = field(compare=False)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, eq=False)
class CType:
    """A C type as written (``text``) and in canonical form (None when malformed).

    Equality compares the canonical form only (or the text when the type is malformed), so
    respacing a type (`char*` → `char *`) leaves the program equal."""

    text: str = field(compare=False)
    canonical: str | None
    span: Span = field(compare=False)

    @property
    def key(self) -> str:
        return self.canonical if self.canonical is not None else f"?{self.text}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CType) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __str__(self) -> str:
        return self.canonical or self.text


@dataclass(frozen=True)
class Param:
    type: CType
    name: Name

    def __str__(self) -> str:
        sep = "" if str(self.type).endswith("*") else " "
        return f"{self.type}{sep}{self.name}"


def _params(params: tuple[Param, ...]) -> str:
    return "(" + ", ".join(str(p) for p in params) + ")"


@dataclass(frozen=True)
class Signature:
    """``N (inputs) => (outputs);``"""

    name: Name
    inputs: tuple[Param, ...]
    outputs: tuple[Param, ...]
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)
    incomplete: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.name} {_params(self.inputs)} => {_params(self.outputs)};"


@dataclass(frozen=True)
class PatternElement:
    """One element of a dispatch pattern: a wildcard (``name is None``) or a predicate type."""

    name: Name | None
    span: Span = field(compare=False)

    @property
    def is_wildcard(self) -> bool:
        return self.name is None

    def __str__(self) -> str:
        return "_" if self.name is None else self.name.text


@dataclass(frozen=True)
class FlowDef:
    """``N = A -> B;`` (pattern None) or ``N:[p, …] = A -> B;`` (one dispatch alternative)."""

    name: Name
    pattern: tuple[PatternElement, ...] | None
    steps: tuple[Name, ...]
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)
    incomplete: bool = field(default=False, compare=False)

    @property
    def is_catch_all(self) -> bool:
        return self.pattern is not None and all(e.is_wildcard for e in self.pattern)

    def __str__(self) -> str:
        head = self.name.text
        if self.pattern is not None:
            head += ":[" + ", ".join(str(e) for e in self.pattern) + "]"
        body = " -> ".join(s.text for s in self.steps)
        return f"{head} = {body};" if body else f"{head} = ;"


@dataclass(frozen=True)
class Source:
    """``source S => T;`` or ``source S {session: F} => T;``"""

    node: Name
    target: Name
    session: Name | None
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        session = f" {{session: {self.session}}}" if self.session else ""
        return f"source {self.node}{session} => {self.target};"


@dataclass(frozen=True)
class Typedef:
    """``typedef t F;`` — predicate type t decided by C function F."""

    type: Name
    predicate: Name
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"typedef {self.type} {self.predicate};"


@dataclass(frozen=True)
class Handler:
    """``handle error N => H;``"""

    node: Name
    function: Name
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"handle error {self.node} => {self.function};"


@dataclass(frozen=True)
class Constraint:
    """One element of an atomic set: ``c``, ``c?``, ``c!``, ``c(session)``, ``c?(program)``."""

    name: Name
    mode: Mode
    scope: Scope
    explicit_scope: bool
    span: Span = field(compare=False)
    explicit_writer: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        text = self.name.text + ("?" if self.mode == "read" else "")
        return text + (f"({self.scope})" if self.explicit_scope else "")


@dataclass(frozen=True)
class Atomic:
    """``atomic N:{c1, c2?, …};``"""

    node: Name
    constraints: tuple[Constraint, ...]
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"atomic {self.node}:{{" + ", ".join(str(c) for c in self.constraints) + "};"


Declaration = Signature | FlowDef | Source | Typedef | Handler | Atomic


@dataclass(frozen=True)
class Program:
    """Every declaration of a file, in source order."""

    declarations: tuple[Declaration, ...]

    def of(self, kind: type) -> tuple:  # type: ignore[type-arg]
        return tuple(d for d in self.declarations if isinstance(d, kind))

    @cached_property
    def signatures(self) -> tuple[Signature, ...]:
        return self.of(Signature)

    @cached_property
    def flows(self) -> tuple[FlowDef, ...]:
        return self.of(FlowDef)

    @cached_property
    def sources(self) -> tuple[Source, ...]:
        return self.of(Source)

    @cached_property
    def typedefs(self) -> tuple[Typedef, ...]:
        return self.of(Typedef)

    @cached_property
    def handlers(self) -> tuple[Handler, ...]:
        return self.of(Handler)

    @cached_property
    def atomics(self) -> tuple[Atomic, ...]:
        return self.of(Atomic)

    def __str__(self) -> str:
        return "".join(f"{d}\n" for d in self.declarations)
