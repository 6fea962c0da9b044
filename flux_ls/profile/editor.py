"""What the editor shows of a profile: a lens per node, hot paths in hovers (pure).

``profile_lenses(analysis, profile, traffic)`` gives, over each node's declaration, its share
of the flows' time, mean latency and calls (a source: its calls; the time it waits for work
is not the flows'), or — when the profile's graph hash differs from the program's — one lens
over the first declaration saying the profile is stale, and nothing else. ``hover_section``
is the markdown the hover of a node gets: its figures and the hot paths through it.
"""

from __future__ import annotations

from ..analysis import Analysis
from ..ide.code_lens import FLOW_GRAPH_COMMAND, CodeLens
from .overlay import Traffic
from .report import duration, path_text
from .schema import Profile

STALE = ("profile is stale: the program changed since it was recorded "
         "(run the server again with --profile)")


def profile_lenses(analysis: Analysis, profile: Profile, traffic: Traffic) -> list[CodeLens]:
    path = analysis.path
    nodes = analysis.semantics.nodes
    if traffic.stale:
        spans = [info.name_span for info in nodes.values()]
        spans += [s.span for s in analysis.program.sources]
        if not spans:
            return []
        first = min(spans, key=lambda s: s.start)
        return [CodeLens(first.start, first.end, STALE, FLOW_GRAPH_COMMAND, (path, None))]
    total = profile.flow_ns
    out = []
    for name, info in nodes.items():
        stat = profile.node(name)
        if stat is None or stat.count == 0:
            continue
        mean = duration(stat.wall_ns / stat.count)
        if stat.kind == "source":
            title = f"profile: {stat.count:,} calls, mean {mean} (waiting for work)"
        else:
            share = f"{100 * stat.wall_ns / total:.1f}%" if total else "—"
            title = f"profile: {share} of time · mean {mean} · {stat.count:,} calls"
        span = info.name_span
        out.append(CodeLens(span.start, span.end, title, FLOW_GRAPH_COMMAND, (path, name)))
    return out


def hover_section(profile: Profile, traffic: Traffic, name: str, top: int = 5) -> str | None:
    if traffic.stale:
        return f"*{STALE}*"
    stat = profile.node(name)
    if stat is None or stat.count == 0:
        return None
    total = profile.flow_ns
    flows = sum(p.count for p in profile.paths)
    lines = [f"**Profile** ({profile.runtime} runtime, {flows:,} flows): "
             + (f"{stat.count:,} calls, mean {duration(stat.wall_ns / stat.count)}"
                if stat.kind == "source" else
                f"{100 * stat.wall_ns / total:.1f}% of the time, mean "
                f"{duration(stat.wall_ns / stat.count)} over {stat.count:,} calls"
                if total else f"{stat.count:,} calls")]
    if stat.failed:
        codes = ", ".join(f"{n:,}× error {c}" for c, n in stat.failures)
        lines.append(f"failed {stat.failed:,} times ({codes})")
    through = [p for p in profile.paths if name in p.nodes or stat.kind == "abstract"
               and _inside(profile, p.vertices, name)]
    through.sort(key=lambda p: (-p.total_ns, -p.count))
    if through:
        lines += ["", f"Hot paths through `{name}`:"]
        for i, p in enumerate(through[:top], 1):
            share = f", {100 * p.total_ns / total:.1f}% of time" if total else ""
            lines.append(f"{i}. `{path_text(p)}` — {p.count:,} flows "
                         f"({100 * p.count / flows:.1f}%){share}, mean {duration(p.mean_ns)}")
    return "\n".join(lines)


def _inside(profile: Profile, vertices: tuple[int, ...], name: str) -> bool:
    names = {v.id: v.name for v in profile.vertices}
    return any(names.get(v) == name for v in vertices)
