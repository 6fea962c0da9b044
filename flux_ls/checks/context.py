"""The state the check passes share: the program's bindings and the diagnostics found so far.

Passes run in a fixed order (see ``checks/__init__.py``); each reads what earlier passes
recorded here (bindings, types, reachability) and adds its own conclusions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Fix, Related
from ..model import Atomic, FlowDef, Handler, Name, Program, Signature, Span, Typedef
from ..semantics import EffectiveConstraint, Types


@dataclass
class Context:
    program: Program
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: (index in ``diagnostics``, undefined name, "node" or "predicate") of each FLX101 and
    #: FLX102: their "did you mean" hints are drawn from every name of the file, which the
    #: context may hold only part of (``checks.islands.whole_file``)
    undefined: list[tuple[int, str, str]] = field(default_factory=list)
    # bindings (names pass)
    signatures: dict[str, Signature] = field(default_factory=dict)
    flows: dict[str, list[FlowDef]] = field(default_factory=dict)
    typedefs: dict[str, Typedef] = field(default_factory=dict)
    handlers: dict[str, Handler] = field(default_factory=dict)
    atomics: dict[str, list[Atomic]] = field(default_factory=dict)
    # types pass
    inputs: dict[str, Types] = field(default_factory=dict)
    outputs: dict[str, Types] = field(default_factory=dict)
    inferred: set[str] = field(default_factory=set)
    cyclic: set[str] = field(default_factory=set)
    # sources pass
    reachable: set[str] = field(default_factory=set)
    # constraints pass
    declared: dict[str, dict[str, EffectiveConstraint]] = field(default_factory=dict)
    effective: dict[str, dict[str, EffectiveConstraint]] = field(default_factory=dict)

    def emit(self, code: str, message: str, span: Span, related: tuple[Related, ...] = (),
             hint: str | None = None, fixes: tuple[Fix, ...] = ()) -> None:
        self.diagnostics.append(Diagnostic.make(code, message, span, related, hint, fixes))

    def is_node(self, name: str) -> bool:
        return name in self.signatures or name in self.flows

    def is_abstract(self, name: str) -> bool:
        return name in self.flows

    def children(self, name: str) -> list[Name]:
        """Every step of every flow of an abstract node, in source order."""
        return [step for flow in self.flows.get(name, ()) for step in flow.steps]

    def declaration_span(self, name: str) -> Span:
        """Where a node is declared: its signature's name, else its first flow's name."""
        if name in self.signatures:
            return self.signatures[name].name.span
        return self.flows[name][0].name.span
