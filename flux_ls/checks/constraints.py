"""Atomicity constraints and deadlock freedom (docs/language.md#deadlock-freedom): FLX601,
FLX602, FLX605 and the elevation (FLX603) and reader→writer (FLX604) passes that give every
node its **effective constraint set**.

The walk follows every execution path from each source's node and target, expanding every
abstract node and every dispatch alternative (also abstract nodes without constraints of
their own), with the constraints held by the enclosing abstract nodes. Entering node N while
holding H, any constraint of N that is not held and is less than max(H) is out of order: the
first one (in canonical byte order) moves to N's parent on that path. A pass over all paths
applies every elevation it finds; passes repeat until one finds nothing, so no path is out
of order (constraints only move up, so this terminates; a restart after every single
elevation gives the same sets at a cost quadratic in the program). Then the mode pass
upgrades outer reader acquisitions that enclose an inner writer, again to a fixpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..diagnostics import Related
from ..model import Name, Span
from ..semantics import EffectiveConstraint, Elevation, Upgrade, constraint_text, lock_order
from .context import Context


@dataclass(frozen=True)
class _Held:
    constraint: EffectiveConstraint
    holder: str
    entered_at: Span


_Visit = Callable[[Context, str, Span, "str | None", dict[str, _Held]], bool]
_Seen = set[tuple[str, "str | None", frozenset[tuple[str, str]]]]


def check(ctx: Context) -> None:
    _declare(ctx)
    ctx.effective = {n: dict(cs) for n, cs in ctx.declared.items()}
    roots = [(n, s.span) for s in ctx.program.sources for n in (s.node, s.target)]
    _fixpoint(lambda: _walk_roots(ctx, roots, _elevate_step))
    _fixpoint(lambda: _walk_roots(ctx, roots, _upgrade_step))
    _check_sessions(ctx)


def _fixpoint(walk: Callable[[], bool]) -> None:
    """Repeat a pass over every path while it changes some effective set."""
    while walk():
        pass


def _declare(ctx: Context) -> None:
    """Merge the atomic declarations of each node; FLX601 for scope conflicts."""
    scopes: dict[str, tuple[str, Span]] = {}
    for atomic in ctx.program.atomics:
        node = atomic.node.text
        for c in atomic.constraints:
            first = scopes.setdefault(c.name.text, (c.scope, c.span))
            if first[0] != c.scope:
                ctx.emit("FLX601", f"constraint `{c.name}` is {c.scope}-scoped here but "
                         f"{first[0]}-scoped elsewhere; a constraint name has one scope",
                         c.span, (Related(first[1], f"`{c.name}` is {first[0]}-scoped here"),))
                continue
            if not ctx.is_node(node):
                continue
            merged = ctx.declared.setdefault(node, {})
            known = merged.get(c.name.text)
            if known is None or (known.mode == "read" and c.mode == "write"):
                merged[c.name.text] = EffectiveConstraint(c.name.text, c.mode, c.scope, c.span,
                                                          declared=True)


def _walk_roots(ctx: Context, roots: list[tuple[Name, Span]], visit: _Visit) -> bool:
    seen: _Seen = set()
    changed = False
    for name, _span in roots:
        if ctx.is_node(name.text):
            changed |= _walk(ctx, name.text, name.span, None, {}, [], seen, visit)
    return changed


def _walk(ctx: Context, node: str, entered_at: Span, parent: str | None,
          held: dict[str, _Held], stack: list[str], seen: _Seen, visit: _Visit) -> bool:
    """Visit ``node`` and, for an abstract node, every step of its flows; True if anything
    changed an effective set."""
    if node in stack or not ctx.is_node(node):
        return False  # cycles are FLX401; undefined nodes are FLX101
    key = (node, parent, frozenset((c, h.constraint.mode + h.holder) for c, h in held.items()))
    if key in seen:
        return False
    seen.add(key)
    changed = visit(ctx, node, entered_at, parent, held)
    if not ctx.is_abstract(node):
        return changed
    inner = dict(held)
    for name, c in sorted(ctx.effective.get(node, {}).items()):
        inner.setdefault(name, _Held(c, node, entered_at))
    stack.append(node)
    for step in ctx.children(node):
        changed |= _walk(ctx, step.text, step.span, node, inner, stack, seen, visit)
    stack.pop()
    return changed


def _elevate_step(ctx: Context, node: str, entered_at: Span, parent: str | None,
                  held: dict[str, _Held]) -> bool:
    if not held or parent is None:
        return False
    greatest = max(held, key=lock_order)
    wanted = ctx.effective.get(node, {})
    limit = lock_order(greatest)
    out_of_order = sorted((c for c in wanted if c not in held and lock_order(c) < limit),
                          key=lock_order)
    if not out_of_order or out_of_order[0] in ctx.effective.get(parent, {}):
        return False  # in order, or elevated to this parent on another path of this pass
    name = out_of_order[0]
    needed, holding = wanted[name], held[greatest]
    reason = Elevation(node, greatest, holding.holder, entered_at, needed.origin,
                       holding.constraint.origin)
    ctx.effective.setdefault(parent, {})[name] = EffectiveConstraint(
        name, needed.mode, needed.scope, needed.origin, declared=False, elevation=reason)
    related = [Related(needed.origin, f"`{node}` needs `{name}` here"),
               Related(holding.constraint.origin,
                       f"`{greatest}` is held by `{holding.holder}`")]
    if holding.entered_at != entered_at:
        related.append(Related(holding.entered_at, f"`{holding.holder}` is entered here"))
    wanted_text = constraint_text(name, needed.mode, needed.scope)
    ctx.emit("FLX603", f"constraint `{name}` elevated to `{parent}`: `{node}` would acquire "
             f"`{name}` while `{holding.holder}` holds `{greatest}` (lock order {name} < "
             f"{greatest}); deadlock avoided", entered_at, tuple(related),
             hint=f"write `atomic {parent}:{{{wanted_text}}};` to make this explicit")
    return True


def _upgrade_step(ctx: Context, node: str, entered_at: Span, parent: str | None,
                  held: dict[str, _Held]) -> bool:
    changed = False
    for name, c in sorted(ctx.effective.get(node, {}).items()):
        outer = held.get(name)
        if outer is None or c.mode != "write" or outer.constraint.mode != "read":
            continue
        holder = ctx.effective[outer.holder]
        if holder[name].mode == "write":
            continue  # already upgraded on another path of this pass
        holder[name] = replace(holder[name], mode="write",
                               upgrade=Upgrade(node, entered_at, c.origin))
        ctx.emit("FLX604", f"`{outer.holder}` acquires `{name}` as reader, but `{node}` inside "
                 f"it writes `{name}`: the acquisition by `{outer.holder}` becomes a writer",
                 outer.constraint.origin,
                 (Related(entered_at, f"`{node}` is entered here"),
                  Related(c.origin, f"`{node}` writes `{name}` here")))
        changed = True
    return changed


def _check_sessions(ctx: Context) -> None:
    """FLX605: a session constraint in a source's own flow, which runs before the session
    is chosen; FLX602: one in a flow whose source has no session function."""
    reported: set[Span] = set()
    for source in ctx.program.sources:
        for node in _flow_nodes(ctx, source.node.text):
            for c in ctx.effective.get(node, {}).values():
                if c.scope == "session" and c.origin not in reported:
                    reported.add(c.origin)
                    where = (f"`{node}` is the source" if node == source.node.text else
                             f"`{node}` is in the flow of the source `{source.node}`")
                    ctx.emit("FLX605", f"session-scoped constraint `{c.name}` of `{node}` is "
                             f"taken before the flow has a session: {where}, which runs "
                             "before the session function chooses a session from its output",
                             c.origin, (Related(source.span, "the source is declared here"),),
                             hint=f"make it program-scoped (`{c.name}(program)`), or move "
                                  f"`{node}` into the flow of `{source.target}`")
    for source in ctx.program.sources:
        if source.session is not None:
            continue
        for node in _flow_nodes(ctx, source.target.text):
            for c in ctx.effective.get(node, {}).values():
                if c.scope == "session" and c.origin not in reported:
                    reported.add(c.origin)
                    ctx.emit("FLX602", f"session-scoped constraint `{c.name}` of `{node}` is "
                             f"used in the flow of `{source.target}`, whose source `{source.node}` "
                             "has no session function", c.origin,
                             (Related(source.span, "the source is declared here"),),
                             hint=f"declare a session function: `source {source.node} "
                                  f"{{session: F}} => {source.target};`")


def _flow_nodes(ctx: Context, root: str) -> list[str]:
    order: list[str] = []
    todo, seen = [root], set()
    while todo:
        name = todo.pop()
        if name in seen or not ctx.is_node(name):
            continue
        seen.add(name)
        order.append(name)
        todo.extend(step.text for step in ctx.children(name))
    return order
