"""Costs from a profile (``flux run --profile``, schema ``flux-profile/1``, docs/profile.md).

- per node name: mean CPU and wall time per call (``cpu_ns``/``wall_ns`` over ``count``),
  and the shape of the single-call latency **histogram**, scaled to mean 1, so a simulated
  call is drawn from the measured distribution (bucket by count, uniform inside it);
- per vertex: branch probabilities from the measured edge counts — an abstract vertex's
  dispatch edges (and "no match") and a node's error edge (its failure probability at that
  use).

A profile of another program graph (``graph_hash`` differs) is refused: its numbers would
be attached to the wrong vertices. Pure: the caller reads the file.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..graph import Graph
from .costs import CostError, Costs, Timing

SCHEMA = "flux-profile/1"
#: the upper bound assumed for an open last bucket (buckets are quarter powers of two wide)
LAST_BUCKET = 2 ** 0.25


def graph_hash(graph: Graph) -> str:
    """The profile's ``graph_hash`` of a graph, as the code generator emits it (the same
    recipe as the profiler's ``flux_ls.profile.hashing``, which replaces this once merged)."""
    vertices = [[v.id, v.kind, v.name, v.parent, v.reachable,
                 [[c.name, c.mode, c.scope] for c in v.effective]] for v in graph.vertices]
    edges = [[e.id, e.src, e.dst, e.kind, e.alternative, list(e.pattern or ())]
             for e in graph.edges]
    text = json.dumps({"vertices": vertices, "edges": edges}, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _field(where: str, data: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise CostError(f"{where}: missing field `{key}` (not a {SCHEMA} profile?)")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise CostError(f"{where}: field `{key}` has the wrong type")
    return value


def _shape(histogram: list[Any], where: str) -> tuple[tuple[float, float, int], ...]:
    buckets: list[tuple[float, float, int]] = []
    for bucket in histogram:
        if not (isinstance(bucket, list) and len(bucket) == 3
                and isinstance(bucket[0], int) and isinstance(bucket[2], int)
                and (bucket[1] is None or isinstance(bucket[1], int))):
            raise CostError(f"{where}: a histogram bucket is not [low, high, count]")
        low = float(bucket[0])
        high = float(bucket[1]) if bucket[1] is not None else low * LAST_BUCKET
        if bucket[2] > 0:
            buckets.append((low, max(high, low), bucket[2]))
    total = sum(n for _, _, n in buckets)
    mean = sum((lo + hi) / 2 * n for lo, hi, n in buckets) / total if total else 0.0
    if mean <= 0:
        return ()
    return tuple((lo / mean, hi / mean, n) for lo, hi, n in buckets)


def costs_of_profile(path: str, text: str, graph: Graph) -> Costs:
    """The costs a profile measured for this graph (``CostError`` if unreadable or stale)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CostError(f"{path}:{error.lineno}:{error.colno}: not a profile (not valid "
                        f"JSON: {error.msg})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise CostError(f"{path}: not a Flux profile (no \"schema\": \"{SCHEMA}\")")
    expected = graph_hash(graph)
    if _field(path, data, "graph_hash", str) != expected:
        raise CostError(f"{path}: this profile is of another program graph (graph_hash "
                        "differs: the flows changed since it was recorded); record a new one "
                        "with `flux run --profile`")
    nodes: dict[str, Timing] = {}
    for i, node in enumerate(_field(path, data, "nodes", list)):
        where = f"{path}: nodes[{i}]"
        name = _field(where, node, "name", str)
        kind = _field(where, node, "kind", str)
        count = _field(where, node, "count", int)
        if kind not in ("concrete", "source", "handler") or count <= 0:
            continue
        wall = _field(where, node, "wall_ns", int) / count / 1e9
        cpu = min(_field(where, node, "cpu_ns", int) / count / 1e9, wall)
        failures = node.get("failures", {})
        failed = sum(n for n in failures.values() if isinstance(n, int)) \
            if isinstance(failures, dict) else 0
        failed += node.get("failures_other", 0) if isinstance(node.get("failures_other"),
                                                                 int) else 0
        shape = _shape(node.get("histogram", []), where)
        nodes[name] = Timing(cpu, wall, min(failed / count, 1.0),
                             "histogram" if shape else "exponential", shape)
    counts: dict[int, int] = {}
    for i, edge in enumerate(_field(path, data, "edges", list)):
        where = f"{path}: edges[{i}]"
        counts[_field(where, edge, "id", int)] = _field(where, edge, "count", int)
    edges: dict[int, dict[int, float]] = {}
    for vertex in graph.vertices:
        out = graph.out_edges(vertex.id)
        if vertex.kind in ("abstract", "concrete", "source") and len(out) > 1:
            measured = {e.id: float(counts.get(e.id, 0)) for e in out}
            if sum(measured.values()) > 0:
                edges[vertex.id] = measured
    return Costs(f"profile {path}", nodes, edges=edges)
