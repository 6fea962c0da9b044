"""The hash of a program graph that a profile carries (``graph_hash``).

Computed here, from the graph, and emitted into the generated server by the code generator,
so the server and every reader of its profile agree on it. It covers what a profile's
numbers are attached to — vertex ids, kinds, names and nesting, edge ids and ends, dispatch
alternatives, effective constraints — and not source positions: reformatting a program or
editing a comment keeps its profiles valid; changing a flow does not.
"""

from __future__ import annotations

import hashlib
import json

from ..graph import Graph


def graph_hash(graph: Graph) -> str:
    vertices = [[v.id, v.kind, v.name, v.parent, v.reachable,
                 [[c.name, c.mode, c.scope] for c in v.effective]] for v in graph.vertices]
    edges = [[e.id, e.src, e.dst, e.kind, e.alternative, list(e.pattern or ())]
             for e in graph.edges]
    text = json.dumps({"vertices": vertices, "edges": edges}, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()
