"""Costs from a profile (``flux run --profile``, schema ``flux-profile/1``, docs/profile.md).

- per node name: mean CPU and wall time per call (``cpu_ns``/``wall_ns`` over ``count``),
  and the shape of the single-call latency **histogram**, scaled to mean 1, so a simulated
  call is drawn from the measured distribution (bucket by count, uniform inside it);
- the runtime it was recorded under (the simulation's default runtime);
- per vertex: branch probabilities from the measured edge counts — an abstract vertex's
  dispatch edges (and "no match") and a node's error edge (its failure probability at that
  use).

A profile of another program graph (``graph_hash`` differs) is refused: its numbers would
be attached to the wrong vertices. The file is read by ``profile.schema.load``, the one
reader of the schema. Pure: the caller reads the file.
"""

from __future__ import annotations

from ..graph import Graph
from ..profile.hashing import graph_hash
from ..profile.schema import Bucket, ProfileError, load
from .costs import CostError, Costs, Timing
from .engine import RUNTIMES

#: the upper bound assumed for an open last bucket (buckets are quarter powers of two wide)
LAST_BUCKET = 2 ** 0.25


def _shape(histogram: tuple[Bucket, ...]) -> tuple[tuple[float, float, int], ...]:
    buckets = [(float(low), max(float(high) if high is not None else low * LAST_BUCKET,
                                float(low)), n)
               for low, high, n in histogram if n > 0]
    total = sum(n for _, _, n in buckets)
    mean = sum((lo + hi) / 2 * n for lo, hi, n in buckets) / total if total else 0.0
    if mean <= 0:
        return ()
    return tuple((lo / mean, hi / mean, n) for lo, hi, n in buckets)


def costs_of_profile(path: str, text: str, graph: Graph) -> Costs:
    """The costs a profile measured for this graph (``CostError`` if unreadable or stale)."""
    try:
        profile = load(text)
    except ProfileError as error:
        raise CostError(f"{path}: {error}") from None
    if profile.graph_hash != graph_hash(graph):
        raise CostError(f"{path}: this profile is of another program graph (graph_hash "
                        "differs: the flows changed since it was recorded); record a new one "
                        "with `flux run --profile`")
    nodes: dict[str, Timing] = {}
    for node in profile.nodes:
        if node.kind not in ("concrete", "source", "handler") or node.count <= 0:
            continue
        wall = node.wall_ns / node.count / 1e9
        cpu = min(node.cpu_ns / node.count / 1e9, wall)
        shape = _shape(node.histogram)
        nodes[node.name] = Timing(cpu, wall, min(node.failed / node.count, 1.0),
                                  "histogram" if shape else "exponential", shape)
    edges: dict[int, dict[int, float]] = {}
    for vertex in graph.vertices:
        out = graph.out_edges(vertex.id)
        if vertex.kind in ("abstract", "concrete", "source") and len(out) > 1:
            measured = {e.id: float(profile.edges.get(e.id, 0)) for e in out}
            if sum(measured.values()) > 0:
                edges[vertex.id] = measured
    runtime = profile.runtime if profile.runtime in RUNTIMES else None
    return Costs(f"profile {path}", nodes, edges=edges, runtime=runtime)
