"""Bind names (FLX101–FLX104): collect declarations, report duplicates, invalid C
identifiers and references to undefined nodes or predicate types."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..diagnostics import Related
from ..model import FlowDef, Name
from .context import Context

C_KEYWORDS = frozenset("""
auto break case char const continue default do double else enum extern float for goto if
inline int long register restrict return short signed sizeof static struct switch typedef
union unsigned void volatile while _Alignas _Alignof _Atomic _Bool _Complex _Generic
_Imaginary _Noreturn _Static_assert _Thread_local alignas alignof bool constexpr false
nullptr static_assert thread_local true typeof typeof_unqual _BitInt _Decimal32 _Decimal64
_Decimal128
""".split())


def bind(ctx: Context) -> None:
    _bind_signatures(ctx)
    _bind_flows(ctx)
    _bind_typedefs(ctx)
    for handler in ctx.program.handlers:
        ctx.handlers.setdefault(handler.node.text, handler)
    for atomic in ctx.program.atomics:
        ctx.atomics.setdefault(atomic.node.text, []).append(atomic)
    _check_identifiers(ctx)
    _check_function_clashes(ctx)
    _check_references(ctx)


def _duplicate(ctx: Context, name: Name, first: Name, what: str) -> None:
    ctx.emit("FLX103", f"duplicate {what} `{name}`", name.span,
             (Related(first.span, f"`{first}` is first declared here"),))


def _bind_signatures(ctx: Context) -> None:
    for sig in ctx.program.signatures:
        first = ctx.signatures.get(sig.name.text)
        if first is not None:
            _duplicate(ctx, sig.name, first.name, "signature of node")
        else:
            ctx.signatures[sig.name.text] = sig


def _bind_flows(ctx: Context) -> None:
    for flow in ctx.program.flows:
        previous = ctx.flows.setdefault(flow.name.text, [])
        conflict = _flow_conflict(previous, flow)
        if conflict is not None:
            message, first = conflict
            ctx.emit("FLX103", message, flow.name.span,
                     (Related(first.name.span, "the other definition is here"),))
            continue
        previous.append(flow)


def _flow_conflict(previous: list[FlowDef], flow: FlowDef) -> tuple[str, FlowDef] | None:
    name = flow.name.text
    for other in previous:
        if other.pattern is None and flow.pattern is None:
            return f"duplicate flow definition of `{name}`", other
        if (other.pattern is None) != (flow.pattern is None):
            return (f"`{name}` has both a plain flow definition and dispatch alternatives",
                    other)
    return None


def _bind_typedefs(ctx: Context) -> None:
    for typedef in ctx.program.typedefs:
        first = ctx.typedefs.get(typedef.type.text)
        if first is not None:
            _duplicate(ctx, typedef.type, first.type, "predicate type")
        else:
            ctx.typedefs[typedef.type.text] = typedef


def _invalid_identifier(name: str) -> str | None:
    if name == "_":
        return "`_` is the wildcard and cannot name anything"
    if name in C_KEYWORDS:
        return f"`{name}` is a C keyword and cannot be used as a C identifier"
    if name.startswith("flux_"):
        return f"`{name}` starts with `flux_`, which is reserved for the runtime"
    return None


def _c_names(ctx: Context) -> list[tuple[Name, str]]:
    """Every name that becomes a C identifier, with what it names."""
    names: list[tuple[Name, str]] = []
    for sig in ctx.program.signatures:
        names.append((sig.name, "node"))
        names.extend((p.name, "parameter") for p in (*sig.inputs, *sig.outputs))
    names.extend((f.name, "node") for f in ctx.program.flows if f.name.text not in ctx.signatures)
    names.extend((t.predicate, "predicate function") for t in ctx.program.typedefs)
    names.extend((h.function, "handler function") for h in ctx.program.handlers)
    names.extend((s.session, "session function") for s in ctx.program.sources if s.session)
    return names


def _check_identifiers(ctx: Context) -> None:
    reported: set[tuple[int, int]] = set()
    for name, what in _c_names(ctx):
        problem = _invalid_identifier(name.text)
        key = (name.span.start, name.span.end)
        if problem and key not in reported:
            reported.add(key)
            ctx.emit("FLX104", f"{what} name not allowed: {problem}", name.span)


def _check_function_clashes(ctx: Context) -> None:
    """A node and a C function (predicate, handler, session) of one name clash in C."""
    functions = [(t.predicate, "predicate") for t in ctx.program.typedefs]
    functions += [(h.function, "handler") for h in ctx.program.handlers]
    functions += [(s.session, "session function") for s in ctx.program.sources if s.session]
    for name, what in functions:
        if ctx.is_node(name.text):
            ctx.emit("FLX103", f"{what} `{name}` has the name of a node; both would be C "
                     "functions of one name", name.span,
                     (Related(ctx.declaration_span(name.text), f"node `{name}` is declared here"),))


def _undefined(ctx: Context, name: Name, where: str) -> None:
    if not ctx.is_node(name.text):
        hint = _hint(ctx, name.text, "node", lambda: [*ctx.signatures, *ctx.flows])
        ctx.emit("FLX101", f"undefined node `{name}` in {where}", name.span, hint=hint)


def _hint(ctx: Context, name: str, kind: str, candidates: Callable[[], list[str]]) -> str | None:
    if ctx.defer_hints:
        ctx.undefined.append((len(ctx.diagnostics), name, kind))
        return None
    return did_you_mean(name, candidates())


#: How close a name must be to another to be suggested for it (difflib's ratio).
CUTOFF = 0.75


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=CUTOFF)
    return suggestion(close[0]) if close else None


def suggestion(name: str) -> str:
    return f"did you mean `{name}`?"


def _check_references(ctx: Context) -> None:
    for flow in ctx.program.flows:
        for step in flow.steps:
            _undefined(ctx, step, f"the flow of `{flow.name}`")
        for element in flow.pattern or ():
            if element.name is not None and element.name.text not in ctx.typedefs:
                hint = _hint(ctx, element.name.text, "predicate", lambda: list(ctx.typedefs))
                ctx.emit("FLX102", f"undefined predicate type `{element.name}` in a pattern "
                         f"of `{flow.name}`", element.name.span, hint=hint)
    for source in ctx.program.sources:
        _undefined(ctx, source.node, "a source")
        _undefined(ctx, source.target, "a source")
    for handler in ctx.program.handlers:
        _undefined(ctx, handler.node, "an error handler declaration")
    for atomic in ctx.program.atomics:
        _undefined(ctx, atomic.node, "an atomic declaration")
