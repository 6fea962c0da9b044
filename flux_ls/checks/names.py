"""Bind names (FLX101–FLX104, FLX106): collect declarations, report duplicates (of
declarations, and of parameter names within one side of a signature), invalid C identifiers
and references to undefined nodes or predicate types."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

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
    _bind_first(ctx, ctx.program.signatures, lambda s: s.name, ctx.signatures,
                "signature of node")
    _bind_flows(ctx)
    _bind_first(ctx, ctx.program.typedefs, lambda t: t.type, ctx.typedefs, "predicate type")
    for handler in ctx.program.handlers:
        ctx.handlers.setdefault(handler.node.text, handler)
    for atomic in ctx.program.atomics:
        ctx.atomics.setdefault(atomic.node.text, []).append(atomic)
    c_names = _c_names(ctx)
    _check_identifiers(ctx, c_names)
    _check_function_clashes(ctx, c_names)
    _check_parameters(ctx)
    _check_references(ctx)


_D = TypeVar("_D")


def _bind_first(ctx: Context, decls: Iterable[_D], name_of: Callable[[_D], Name],
                bound: dict[str, _D], what: str) -> None:
    """Bind each declaration's name to the first declaration of it; FLX103 for the others."""
    for decl in decls:
        name = name_of(decl)
        first = bound.get(name.text)
        if first is None:
            bound[name.text] = decl
            continue
        first_name = name_of(first)
        ctx.emit("FLX103", f"duplicate {what} `{name}`", name.span,
                 (Related(first_name.span, f"`{first_name}` is first declared here"),))


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
    """The definition ``flow`` clashes with, if any. The definitions bound so far are one
    plain flow or only dispatch alternatives, so the first decides (checking it alone keeps
    25,000 alternatives linear)."""
    if not previous:
        return None
    name, other = flow.name.text, previous[0]
    if other.pattern is None and flow.pattern is None:
        return f"duplicate flow definition of `{name}`", other
    if (other.pattern is None) != (flow.pattern is None):
        return (f"`{name}` has both a plain flow definition and dispatch alternatives", other)
    return None


def _invalid_identifier(name: str) -> str | None:
    if name == "_":
        return "`_` is the wildcard and cannot name anything"
    if name in C_KEYWORDS:
        return f"`{name}` is a C keyword and cannot be used as a C identifier"
    if name.startswith("flux_"):
        return f"`{name}` starts with `flux_`, which is reserved for the runtime"
    return None


#: What each kind of C function is called in FLX104 (as a name) and FLX103 (as a clash).
_FUNCTIONS = {"predicate function": "predicate", "handler function": "handler",
              "session function": "session function"}


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


def _check_identifiers(ctx: Context, c_names: list[tuple[Name, str]]) -> None:
    for name, what in c_names:
        problem = _invalid_identifier(name.text)
        if problem:
            ctx.emit("FLX104", f"{what} name not allowed: {problem}", name.span)


def _check_parameters(ctx: Context) -> None:
    """FLX106: the parameters of one side of a signature become the fields of one C struct
    (``N_in`` or ``N_out``), so their names must differ."""
    for sig in ctx.program.signatures:
        for side, params in (("input", sig.inputs), ("output", sig.outputs)):
            first: dict[str, Name] = {}
            for param in params:
                seen = first.setdefault(param.name.text, param.name)
                if seen is not param.name:
                    ctx.emit("FLX106", f"two {side}s of `{sig.name}` are named `{param.name}`; "
                             f"they become fields of one C struct, so their names must differ",
                             param.name.span, (Related(seen.span, f"the first `{seen}`"),),
                             hint=f"rename one of them, e.g. `{param.name}2`")


def _check_function_clashes(ctx: Context, c_names: list[tuple[Name, str]]) -> None:
    """A node and a C function (predicate, handler, session) of one name clash in C."""
    for name, what in c_names:
        function = _FUNCTIONS.get(what)
        if function is not None and ctx.is_node(name.text):
            ctx.emit("FLX103", f"{function} `{name}` has the name of a node; both would be C "
                     "functions of one name", name.span,
                     (Related(ctx.declaration_span(name.text), f"node `{name}` is declared here"),))


def _undefined(ctx: Context, name: Name, where: str) -> None:
    if not ctx.is_node(name.text):
        ctx.undefined.append((len(ctx.diagnostics), name.text, "node"))
        ctx.emit("FLX101", f"undefined node `{name}` in {where}", name.span)


#: How close a name must be to another to be suggested for it (difflib's ratio).
CUTOFF = 0.75


def suggestion(name: str) -> str:
    return f"did you mean `{name}`?"


def _check_references(ctx: Context) -> None:
    for flow in ctx.program.flows:
        for step in flow.steps:
            _undefined(ctx, step, f"the flow of `{flow.name}`")
        for element in flow.pattern or ():
            if element.name is not None and element.name.text not in ctx.typedefs:
                ctx.undefined.append((len(ctx.diagnostics), element.name.text, "predicate"))
                ctx.emit("FLX102", f"undefined predicate type `{element.name}` in a pattern "
                         f"of `{flow.name}`", element.name.span)
    for source in ctx.program.sources:
        _undefined(ctx, source.node, "a source")
        _undefined(ctx, source.target, "a source")
    for handler in ctx.program.handlers:
        _undefined(ctx, handler.node, "an error handler declaration")
    for atomic in ctx.program.atomics:
        _undefined(ctx, atomic.node, "an atomic declaration")
