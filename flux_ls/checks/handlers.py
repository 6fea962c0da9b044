"""Error handlers (docs/language.md#errors-and-handlers): FLX501, FLX502, FLX503."""

from __future__ import annotations

from ..diagnostics import Related
from ..model import Handler
from ..semantics import show_types, types_match
from .context import Context
from .types import in_types


def check(ctx: Context) -> None:
    by_function: dict[str, Handler] = {}
    for handler in ctx.program.handlers:
        node, function = handler.node.text, handler.function.text
        first = ctx.handlers.get(node)
        if first is not None and first is not handler:
            ctx.emit("FLX502", f"`{node}` already has an error handler (`{first.function}`)",
                     handler.node.span, (Related(first.span, "the first handler is here"),))
            continue
        if ctx.is_node(node) and node not in ctx.reachable:
            ctx.emit("FLX501", f"handler `{function}` can never run: no flow reachable from a "
                     f"source uses `{node}`", handler.span)
        other = by_function.setdefault(function, handler)
        if other is not handler and ctx.is_node(node) and ctx.is_node(other.node.text):
            mine, theirs = in_types(ctx, node), in_types(ctx, other.node.text)
            if not types_match(mine, theirs):
                ctx.emit("FLX503", f"handler `{function}` is used for `{node}` with inputs "
                         f"{show_types(mine)} and for `{other.node}` with inputs "
                         f"{show_types(theirs)}; a C function has one prototype",
                         handler.function.span,
                         (Related(other.function.span,
                                  f"`{function}` handles `{other.node}` here"),))
