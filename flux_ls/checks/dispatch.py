"""Predicate types and dispatch (docs/language.md#dispatch): FLX206, FLX209, FLX301, FLX302."""

from __future__ import annotations

from ..diagnostics import Related
from ..model import FlowDef, Span
from .context import Context
from .types import in_types


def check(ctx: Context) -> None:
    predicate_uses: dict[str, tuple[str, Span]] = {}
    for flows in ctx.flows.values():
        alternatives = [f for f in flows if f.pattern is not None]
        if not alternatives:
            continue
        for alt in alternatives:
            _check_pattern(ctx, alt, predicate_uses)
        _check_order(ctx, alternatives)


def _check_pattern(ctx: Context, alt: FlowDef, uses: dict[str, tuple[str, Span]]) -> None:
    assert alt.pattern is not None
    inputs = in_types(ctx, alt.name.text)
    if inputs is not None and len(alt.pattern) != len(inputs) and not alt.incomplete:
        ctx.emit("FLX206", f"pattern has {len(alt.pattern)} element(s) but `{alt.name}` has "
                 f"{len(inputs)} input(s)", _pattern_span(alt),
                 hint="write one pattern element (`_` or a predicate type) per input")
        return
    for index, element in enumerate(alt.pattern):
        if element.name is None or element.name.text not in ctx.typedefs or inputs is None:
            continue
        field_type = inputs[index] if index < len(inputs) else None
        if field_type is None:
            continue
        function = ctx.typedefs[element.name.text].predicate.text
        first = uses.setdefault(function, (field_type, element.span))
        if first[0] != field_type:
            ctx.emit("FLX209", f"predicate function `{function}` (via `{element.name}`) is "
                     f"applied to a field of type `{field_type}`, but elsewhere to `{first[0]}`",
                     element.span, (Related(first[1], f"`{function}` tests a `{first[0]}` here"),))


def _pattern_span(alt: FlowDef) -> Span:
    assert alt.pattern
    return Span(alt.pattern[0].span.start - 1, alt.pattern[-1].span.end + 1)


def _check_order(ctx: Context, alternatives: list[FlowDef]) -> None:
    catch_all = next((a for a in alternatives if a.is_catch_all), None)
    if catch_all is None:
        last = alternatives[-1]
        wildcards = ", ".join("_" for _ in last.pattern or ())
        ctx.emit("FLX302", f"no alternative of `{last.name}` is all wildcards; when none "
                 "matches, the flow ends with FLUX_ENOMATCH", _pattern_span(last),
                 hint=f"add a catch-all alternative `{last.name}:[{wildcards}] = …;`")
        return
    for alt in alternatives[alternatives.index(catch_all) + 1:]:
        ctx.emit("FLX301", f"this alternative of `{alt.name}` can never match: an earlier "
                 "one is all wildcards", _pattern_span(alt),
                 (Related(_pattern_span(catch_all), "this alternative matches everything"),))
