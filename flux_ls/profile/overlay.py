"""A profile laid over the program graph: traffic per edge, share of time per vertex.

``traffic(profile, graph)`` matches a profile to the graph it was recorded on (by graph
hash: ``stale`` when they differ, and then nothing is attached). ``decorate_dot`` adds edge
widths and node shading to the DOT of ``graph_render.render_dot`` (by the ``id="v…"`` /
``id="e…"`` attributes it writes), ``decorate_json`` adds the figures to its JSON — what
``flux graph --profile`` draws and what the language server's ``flux/flowGraph`` carries.
Pure: no IO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..graph import Graph
from .hashing import graph_hash
from .report import duration
from .schema import Profile

NODE_KINDS = ("concrete", "handler", "abstract", "unknown")


@dataclass(frozen=True)
class VertexTraffic:
    count: int
    wall_ns: int
    share: float | None          # of the flows' total latency (None: a source node)
    abstract: bool = False       # figures of the nodes inside it

    @property
    def mean_ns(self) -> float | None:
        return self.wall_ns / self.count if self.count else None


@dataclass(frozen=True)
class Traffic:
    stale: bool
    edges: dict[int, int] = field(default_factory=dict)
    vertices: dict[int, VertexTraffic] = field(default_factory=dict)

    @property
    def busiest_edge(self) -> int:
        return max(self.edges.values(), default=0)

    @property
    def top_share(self) -> float:
        """The largest share of a call (abstract nodes, which sum their insides, aside)."""
        return max((v.share or 0.0 for v in self.vertices.values() if not v.abstract),
                   default=0.0)


def traffic(profile: Profile, graph: Graph) -> Traffic:
    if profile.graph_hash != graph_hash(graph):
        return Traffic(stale=True)
    total = profile.flow_ns
    vertices = {}
    for v in profile.vertices:
        if v.kind not in (*NODE_KINDS, "source"):
            continue
        share = None if v.kind == "source" or not total else v.wall_ns / total
        vertices[v.id] = VertexTraffic(v.count, v.wall_ns, share, v.kind == "abstract")
    return Traffic(False, dict(profile.edges), vertices)


def _heat(fraction: float) -> str:
    """White (no time) to red (the node with most time)."""
    low, high = (0xff, 0xf5, 0xf0), (0xcb, 0x18, 0x1d)
    f = max(0.0, min(1.0, fraction))
    return "#" + "".join(f"{round(a + (b - a) * f):02x}" for a, b in zip(low, high, strict=True))


def _vertex_attrs(kind: str, t: VertexTraffic, top: float) -> str:
    base = {"concrete": "rounded,filled", "source": "rounded,bold,filled",
            "unknown": "rounded,dashed,filled"}.get(kind, "filled")
    share = t.share or 0.0
    fill = _heat(0.0 if t.abstract or not top else share / top)
    text = (f"{t.count:,} calls" if t.share is None
            else f"{100 * share:.1f}% · {duration(t.mean_ns)}")
    font = ' fontcolor="white"' if top and not t.abstract and share / top > 0.6 else ""
    return f'style="{base}" fillcolor="{fill}"{font} xlabel="{text}"'


def _edge_attrs(count: int, busiest: int) -> str:
    if not count:
        return 'penwidth=0.5 color="#ced4da"'
    width = 1 + 7 * count / busiest if busiest else 1
    return f'penwidth={width:.2f} xlabel="{count:,}"'


_ID = re.compile(r'\bid="([ve])(\d+)"')


def decorate_dot(dot: str, graph: Graph, t: Traffic) -> str:
    kinds = {v.id: v.kind for v in graph.vertices}
    top, busiest = t.top_share, t.busiest_edge
    out = []
    for line in dot.split("\n"):
        match = _ID.search(line)
        if match and line.rstrip().endswith("];"):
            kind, ident = match[1], int(match[2])
            extra = ""
            if kind == "e" and ident in t.edges:
                extra = _edge_attrs(t.edges[ident], busiest)
            elif kind == "v" and ident in t.vertices:
                extra = _vertex_attrs(kinds.get(ident, ""), t.vertices[ident], top)
            if extra:
                stripped = line.rstrip()
                line = stripped[:-2] + " " + extra + "];"
        out.append(line)
    return "\n".join(out)


def decorate_json(data: dict[str, Any], profile: Profile, t: Traffic) -> dict[str, Any]:
    data["profile"] = {"schema": "flux-profile/1", "stale": t.stale,
                       "graph_hash": profile.graph_hash, "runtime": profile.runtime,
                       "threads": profile.threads, "flows": sum(p.count for p in profile.paths),
                       "flow_ns": profile.flow_ns, "complete": profile.complete}
    if t.stale:
        return data
    for vertex in data["vertices"]:
        v = t.vertices.get(vertex["id"])
        vertex["count"] = None if v is None else v.count
        vertex["traffic"] = None if v is None else {
            "count": v.count, "wall_ns": v.wall_ns, "mean_ns": v.mean_ns, "share": v.share}
    for edge in data["edges"]:
        edge["count"] = t.edges.get(edge["id"])
    return data
