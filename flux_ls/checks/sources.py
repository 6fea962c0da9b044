"""Sources (docs/language.md#sources): FLX204, FLX205, FLX210; reachability from sources and the
unused-declaration warning FLX105 (dropped when the file has a syntax error, as FLX501:
``checks.islands.whole_file``)."""

from __future__ import annotations

from ..diagnostics import Edit, Fix, Related
from ..model import Span
from ..semantics import show_types, types_match
from .context import Context
from .types import in_types, out_types


def check(ctx: Context) -> None:
    for source in ctx.program.sources:
        node, target = source.node.text, source.target.text
        inp = in_types(ctx, node) if ctx.is_node(node) else None
        if inp:
            ctx.emit("FLX204", f"source `{node}` has inputs {show_types(inp)}; a source "
                     "takes `()`", source.node.span, _decl(ctx, node))
        out, want = out_types(ctx, node), in_types(ctx, target)
        if ctx.is_node(node) and ctx.is_node(target) and not types_match(out, want):
            ctx.emit("FLX205", f"source `{node}` outputs {show_types(out)} but its target "
                     f"`{target}` takes {show_types(want)}",
                     Span(source.node.span.start, source.target.span.end),
                     _decl(ctx, node) + _decl(ctx, target))
        end = out_types(ctx, target)
        if ctx.is_node(target) and end:
            ctx.emit("FLX210", f"the flow of `{target}` ends with outputs {show_types(end)}, "
                     "which are dropped at the end of every flow", source.target.span,
                     _decl(ctx, target),
                     hint="end the flow with a node whose output is `()`")
    _reach(ctx)
    _unused(ctx)


def _decl(ctx: Context, name: str) -> tuple[Related, ...]:
    if not ctx.is_node(name):
        return ()
    return (Related(ctx.declaration_span(name), f"`{name}` is declared here"),)


def _reach(ctx: Context) -> None:
    todo = [n.text for s in ctx.program.sources for n in (s.node, s.target)]
    while todo:
        name = todo.pop()
        if name in ctx.reachable or not ctx.is_node(name):
            continue
        ctx.reachable.add(name)
        todo.extend(step.text for step in ctx.children(name))



def _unused(ctx: Context) -> None:
    for sig in ctx.program.signatures:
        name = sig.name.text
        if name not in ctx.reachable and ctx.signatures.get(name) is sig:
            fix = Fix(f"Remove the unused declaration of `{name}`", (Edit(sig.span, ""),))
            ctx.emit("FLX105", f"node `{name}` is never used by a flow reachable from a "
                     "source", sig.name.span, fixes=() if name in ctx.flows else (fix,))
    for name, flows in ctx.flows.items():
        if name not in ctx.reachable and name not in ctx.signatures:
            ctx.emit("FLX105", f"node `{name}` is never used by a flow reachable from a "
                     "source", flows[0].name.span)
    used = {e.name.text for n in ctx.reachable for f in ctx.flows.get(n, ())
            for e in f.pattern or () if e.name is not None}
    for name, typedef in ctx.typedefs.items():
        if name not in used:
            fix = Fix(f"Remove the unused predicate type `{name}`", (Edit(typedef.span, ""),))
            ctx.emit("FLX105", f"predicate type `{name}` is never used by a flow reachable "
                     "from a source", typedef.type.span, fixes=(fix,))
