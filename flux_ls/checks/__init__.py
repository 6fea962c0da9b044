"""The semantic checks, one module per concern, run in order over a shared ``Context``.

names (bind, FLX101–104, 106) → types (inference, FLX201–212, FLX401) → sources (reachability,
FLX105, FLX204/205/210) → dispatch (FLX206, 209, 301, 302) → handlers (FLX501–503) →
constraints (FLX601–605 and the effective constraint sets of
docs/language.md#effective-constraint-sets) → ``Semantics``.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Program
from ..semantics import EffectiveConstraint, NodeInfo, Semantics, lock_order
from . import constraints, dispatch, handlers, names, sources, types
from .context import Context


def run(program: Program, has_syntax_errors: bool = False) -> tuple[Semantics, list[Diagnostic]]:
    """Check a whole program at once (``analyze`` checks it island by island, see
    ``checks.islands``, with the same result; a test compares both). What needs the whole
    file is done as there (``islands.whole_file``)."""
    from .islands import whole_file  # (islands imports this module)

    ctx = check(program)
    undefined = [(ctx.diagnostics[i], name, kind) for i, name, kind in ctx.undefined]
    candidates = {"node": [*ctx.signatures, *ctx.flows], "predicate": list(ctx.typedefs)}
    found, _ = whole_file(ctx.diagnostics, undefined, candidates, has_syntax_errors, {}, {})
    scopes = {c.name.text: c.scope for a in ctx.program.atomics for c in a.constraints}
    return Semantics(node_infos(ctx), dict(ctx.typedefs), ctx.program.sources, scopes), found


def check(program: Program) -> Context:
    """Run every pass over ``program``; the conclusions are in the returned context. The
    hints of FLX101/FLX102 and the codes a syntax error silences are left to the caller
    (``islands.whole_file``): they depend on the whole file."""
    ctx = Context(program)
    names.bind(ctx)
    types.check(ctx)
    sources.check(ctx)
    dispatch.check(ctx)
    handlers.check(ctx)
    constraints.check(ctx)
    return ctx


def _canonical(constraints: dict[str, EffectiveConstraint]) -> tuple[EffectiveConstraint, ...]:
    if len(constraints) < 2:
        return tuple(constraints.values())
    return tuple(constraints[k] for k in sorted(constraints, key=lock_order))


def node_infos(ctx: Context) -> dict[str, NodeInfo]:
    """What the checks concluded about each node: signatures first, then abstract nodes
    without one, each in the order of its first declaration."""
    nodes = {}
    signatures, flows = ctx.signatures, ctx.flows
    for name in [*signatures, *(n for n in flows if n not in signatures)]:
        flow_defs = flows.get(name)
        declared = ctx.declared.get(name)
        effective = ctx.effective.get(name)
        atomics = ctx.atomics.get(name)
        nodes[name] = NodeInfo(
            name=name,
            kind="abstract" if flow_defs is not None else "concrete",
            signature=signatures.get(name),
            flows=tuple(flow_defs) if flow_defs else (),
            inputs=ctx.inputs.get(name),
            outputs=ctx.outputs.get(name),
            inferred=name in ctx.inferred,
            declared=_canonical(declared) if declared else (),
            effective=_canonical(effective) if effective else (),
            handler=ctx.handlers.get(name),
            atomics=tuple(atomics) if atomics else (),
            reachable=name in ctx.reachable,
        )
    return nodes
