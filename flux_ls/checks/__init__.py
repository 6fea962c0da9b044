"""The semantic checks, one module per concern, run in order over a shared ``Context``.

names (bind, FLX101–104) → types (inference, FLX201–211, FLX401) → sources (reachability,
FLX105, FLX204/205/210) → dispatch (FLX206, 209, 301, 302) → handlers (FLX501–503) →
constraints (FLX601–604 and the effective constraint sets of §6) → ``Semantics``.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Program
from ..semantics import EffectiveConstraint, NodeInfo, Semantics
from . import constraints, dispatch, handlers, names, sources, types
from .context import Context


def run(program: Program, has_syntax_errors: bool = False) -> tuple[Semantics, list[Diagnostic]]:
    ctx = Context(program, has_syntax_errors)
    names.bind(ctx)
    types.check(ctx)
    sources.check(ctx)
    dispatch.check(ctx)
    handlers.check(ctx)
    constraints.check(ctx)
    return _semantics(ctx), ctx.diagnostics


def _canonical(constraints: dict[str, EffectiveConstraint]) -> tuple[EffectiveConstraint, ...]:
    return tuple(constraints[k] for k in sorted(constraints, key=lambda n: n.encode()))


def _semantics(ctx: Context) -> Semantics:
    nodes = {}
    for name in [*ctx.signatures, *(n for n in ctx.flows if n not in ctx.signatures)]:
        nodes[name] = NodeInfo(
            name=name,
            kind="abstract" if name in ctx.flows else "concrete",
            signature=ctx.signatures.get(name),
            flows=tuple(ctx.flows.get(name, ())),
            inputs=ctx.inputs.get(name),
            outputs=ctx.outputs.get(name),
            inferred=name in ctx.inferred,
            declared=_canonical(ctx.declared.get(name, {})),
            effective=_canonical(ctx.effective.get(name, {})),
            handler=ctx.handlers.get(name),
            atomics=tuple(ctx.atomics.get(name, ())),
            reachable=name in ctx.reachable,
        )
    scopes = {c.name.text: c.scope for a in ctx.program.atomics for c in a.constraints}
    return Semantics(nodes, dict(ctx.typedefs), ctx.program.sources, scopes)
