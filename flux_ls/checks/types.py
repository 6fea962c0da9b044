"""Types along flows (docs/language.md#flows, #c-types-in-signatures): malformed C types
(FLX211), cycles (FLX401), signature inference for abstract nodes (FLX212 when there is
nothing to infer from), and the flow checks FLX201–FLX203, FLX207, FLX208.

Unknown types (undefined nodes, malformed or incomplete signatures, cycles) unify with
anything, so one mistake is reported once.
"""

from __future__ import annotations

from ..diagnostics import Related
from ..model import FlowDef, Name, Param, Span
from ..semantics import Types, show_types, types_match, where_types_differ
from .context import Context


def _types(params: tuple[Param, ...]) -> tuple[str | None, ...]:
    return tuple(p.type.canonical for p in params)


def check(ctx: Context) -> None:
    _declared_types(ctx)
    _find_cycles(ctx)
    for name in ctx.flows:
        _infer(ctx, name, set())
    for flows in ctx.flows.values():
        for flow in flows:
            if not flow.incomplete:
                _check_flow(ctx, flow)


def _declared_types(ctx: Context) -> None:
    for sig in ctx.program.signatures:
        for param in (*sig.inputs, *sig.outputs):
            if param.type.canonical is None:
                ctx.emit("FLX211", f"malformed C type `{param.type.text}`", param.type.span,
                         hint="write the type words of a C type (`unsigned long`, "
                              "`const char *`) or a typedef name from your header")
    for name, sig in ctx.signatures.items():
        if sig.incomplete:
            ctx.inputs[name] = ctx.outputs[name] = None
        else:
            ctx.inputs[name], ctx.outputs[name] = _types(sig.inputs), _types(sig.outputs)


def _find_cycles(ctx: Context) -> None:
    """FLX401: report each cycle of abstract nodes once, at the step that closes it."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for name in ctx.flows:
        if name not in state:
            _visit(ctx, state, name, [])


def _visit(ctx: Context, state: dict[str, int], name: str, stack: list[str]) -> None:
    # (not a closure: a recursive closure is a reference cycle, and it would keep the whole
    # analysis alive until a full garbage collection — which ``analyze`` defers)
    state[name] = 1
    stack.append(name)
    for step in ctx.children(name):
        if not ctx.is_abstract(step.text):
            continue
        if state.get(step.text) == 1:
            cycle = stack[stack.index(step.text):]
            ctx.cyclic.update(cycle)
            path = " -> ".join([*cycle, step.text])
            ctx.emit("FLX401", f"abstract node `{step}` contains itself: {path}",
                     step.span, (Related(ctx.declaration_span(step.text),
                                         f"`{step}` is defined here"),))
        elif step.text not in state:
            _visit(ctx, state, step.text, stack)
    stack.pop()
    state[name] = 2


def in_types(ctx: Context, name: str) -> Types:
    return ctx.inputs.get(name)


def out_types(ctx: Context, name: str) -> Types:
    return ctx.outputs.get(name)


def _infer(ctx: Context, name: str, visiting: set[str]) -> None:
    """Infer In/Out of an abstract node without a signature from its first non-empty flow."""
    if name in ctx.inputs or name not in ctx.flows:
        return
    if name in ctx.cyclic or name in visiting:
        ctx.inputs[name] = ctx.outputs[name] = None
        return
    visiting.add(name)
    ctx.inferred.add(name)
    flow = next((f for f in ctx.flows[name] if f.steps), None)
    if flow is None or flow.incomplete:
        ctx.inputs[name] = ctx.outputs[name] = None
        if flow is None and not any(f.incomplete for f in ctx.flows[name]):
            _untyped(ctx, name)
    else:
        first, last = flow.steps[0].text, flow.steps[-1].text
        _infer(ctx, first, visiting)
        _infer(ctx, last, visiting)
        ctx.inputs[name], ctx.outputs[name] = in_types(ctx, first), out_types(ctx, last)
    visiting.discard(name)


def _untyped(ctx: Context, name: str) -> None:
    """FLX212: every flow of ``name`` is empty and it has no signature, so nothing gives its
    types (a node has one C interface: its structs, handler and predicates need them)."""
    flows = ctx.flows[name]
    guess = _guess_signature(ctx, name)
    example = guess or f"{name} (int fd) => (int fd);"
    ctx.emit("FLX212", f"the types of `{name}` are unknown: every flow of it is empty and it "
             "has no signature, so nothing says what passes through it", flows[0].name.span,
             tuple(Related(f.span, f"an empty flow of `{name}`") for f in flows[1:]),
             hint=f"declare its signature{' (what reaches it here)' if guess else ''}: "
                  f"`{example}`")


def _guess_signature(ctx: Context, name: str) -> str | None:
    """A signature for ``name`` from what flows into or out of it where it is used."""
    def declared(node: str, side: str) -> str | None:
        sig = ctx.signatures.get(node)
        if sig is None or sig.incomplete:
            return None
        return "(" + ", ".join(str(p) for p in (sig.outputs if side == "out" else
                                                  sig.inputs)) + ")"
    for source in ctx.program.sources:
        if source.target.text == name and (params := declared(source.node.text, "out")):
            return f"{name} {params} => {params};"
    for flows in ctx.flows.values():
        for flow in flows:
            for i, step in enumerate(flow.steps):
                if step.text != name:
                    continue
                if i > 0 and (params := declared(flow.steps[i - 1].text, "out")):
                    return f"{name} {params} => {params};"
                if i + 1 < len(flow.steps) and (
                        params := declared(flow.steps[i + 1].text, "in")):
                    return f"{name} {params} => {params};"
    return None


def _where(ctx: Context, name: str) -> Span | None:
    if name in ctx.signatures:
        return ctx.signatures[name].span
    if name in ctx.flows:
        return ctx.flows[name][0].span
    return None


def _declared_at(ctx: Context, name: str, what: str) -> tuple[Related, ...]:
    span = _where(ctx, name)
    if span is None:
        return ()
    how = "inferred from its flow" if name in ctx.inferred else "declared here"
    return (Related(span, f"`{name}` {what} {how}"),)


def _check_flow(ctx: Context, flow: FlowDef) -> None:
    name = flow.name.text
    if not flow.steps:
        _check_empty(ctx, flow)
        return
    for left, right in zip(flow.steps, flow.steps[1:], strict=False):
        _check_arrow(ctx, left, right)
    source_of_inference = next((f for f in ctx.flows[name] if f.steps), None)
    declared = name in ctx.signatures and not ctx.signatures[name].incomplete
    if not declared and flow is source_of_inference:
        return
    first, last = flow.steps[0], flow.steps[-1]
    _check_boundary(ctx, flow, first, in_types(ctx, first.text), in_types(ctx, name),
                    "FLX202" if declared else "FLX207", "input")
    _check_boundary(ctx, flow, last, out_types(ctx, last.text), out_types(ctx, name),
                    "FLX203" if declared else "FLX207", "output")


def _check_arrow(ctx: Context, left: Name, right: Name) -> None:
    out, inp = out_types(ctx, left.text), in_types(ctx, right.text)
    if types_match(out, inp):
        return
    ctx.emit("FLX201",
             f"output of `{left}` {show_types(out)} does not match input of `{right}` "
             f"{show_types(inp)}{where_types_differ(out, inp)}",
             Span(left.span.start, right.span.end),
             _declared_at(ctx, left.text, f"outputs {show_types(out)}:")
             + _declared_at(ctx, right.text, f"takes {show_types(inp)}:"))


def _check_boundary(ctx: Context, flow: FlowDef, step: Name, got: Types, want: Types,
                    code: str, side: str) -> None:
    if types_match(got, want):
        return
    name = flow.name.text
    role = "first" if side == "input" else "last"
    what = "declared" if code != "FLX207" else "inferred from another alternative"
    verb = "takes" if side == "input" else "produces"
    message = (f"{role} node `{step}` of `{name}` {verb} {show_types(got)} but `{name}`'s "
               f"{side} is {show_types(want)} ({what})")
    ctx.emit(code, message, step.span, _declared_at(ctx, name, f"{side} {show_types(want)}:"))


def _check_empty(ctx: Context, flow: FlowDef) -> None:
    name = flow.name.text
    inp, out = in_types(ctx, name), out_types(ctx, name)
    if types_match(inp, out):
        return
    ctx.emit("FLX208",
             f"empty flow of `{name}` passes its input {show_types(inp)} through, but "
             f"`{name}` outputs {show_types(out)}", flow.span,
             _declared_at(ctx, name, "has its signature"))
