"""The program graph of a Flux program (docs/language.md#the-program-graph): one value
shared by every back end.

The editors' flow-graph preview, the Ball–Larus path profiler and the discrete-event
simulator all read this graph; none walks the flows again. It is built by ``build(analysis)``
(the expansion lives in ``graph_build``), is made of frozen dataclasses with stable integer
ids (the same text always gives the same ids), and does no IO.

**Vertices.** ENTRY (id 0), EXIT (1) and ERROR (2); one ``handler`` vertex per
``handle error`` declaration; then one vertex per *use* of a node, created depth-first in
source order from each source (``source`` node, then its target):

- ``concrete`` (``source`` for a concrete source node, ``unknown`` for an undeclared name);
- an abstract node A becomes an ``abstract`` vertex (where its constraints are acquired and
  its dispatch is decided) followed by a ``return`` vertex (id + 1, where the sub-flow ends
  and A's constraints are released). The body of each alternative hangs between them.

**Abstract nodes used in several places are expanded once per use** (the graph is
context-sensitive), so a node used twice has two vertices with the same ``name``. This is
what keeps the graph acyclic whenever the program is: one shared vertex per node would make
``X = B -> Y; Z = Y -> B;`` cyclic although the program is legal, and would number paths
that no flow can take. An instrumented runtime walks vertex ids (not node names), so it
always knows which edge it takes. Per-node figures (time, arrivals) are the sums over the
vertices of that name; per-use figures come for free. ``parent`` is the enclosing abstract
vertex, so the profiler can attribute a whole sub-flow to an abstract node: everything from
its ``abstract`` vertex to its ``return`` vertex. An abstract node that contains itself (FLX401)
is not expanded again (``expanded=False``), and expansion stops at ``MAX_VERTICES``
(``Graph.truncated``), so building always terminates.

Nodes not used by any flow reachable from a source still appear (``reachable=False``):
unused abstract nodes are expanded as detached roots and unused concrete nodes as lone
vertices, so an editor can draw a program that has no source yet.

**Edges** (``kind``): ``source`` ENTRY → source node → target; ``flow`` between consecutive
steps (and from a ``return`` vertex to the step after the abstract node); ``dispatch`` from
an abstract vertex to the first step of each alternative, or straight to its ``return``
vertex for an empty alternative (``pattern``, ``alternative`` index in source order; plain
flows have ``pattern=None``, index 0); ``return`` from an alternative's last step to the
``return`` vertex; ``exit`` from the end of a source's flow to EXIT; ``error`` from every
node that can fail (concrete nodes, and abstract nodes whose dispatch has no all-wildcard
alternative: label ``no match``) to the handler of the innermost node that has one (the node
itself, then its enclosing abstract nodes), then handler → ERROR; with no handler anywhere
the error edge goes straight to ERROR with ``unhandled=True``.

Edge ids follow a walk of the graph (ordered by the topological rank of their source).
``subgraph(graph, node)`` is a view on one node for display (the LSP's flow-graph request).

**Ball–Larus.** Out-edges of a vertex are ordered by edge id (flow/dispatch edges before
error edges), ``num_paths(EXIT) = num_paths(ERROR) = 1``, and edge i of v weighs the number
of paths through v's earlier out-edges. The sum of weights along any ENTRY → EXIT|ERROR
path is a distinct id in ``[0, path_count(graph))``; ``decode_path`` inverts it
(``numbering(graph)`` computes it once for many decodes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from heapq import heapify, heappop, heappush
from typing import TYPE_CHECKING, Literal

from .model import Mode, Scope, Span
from .semantics import Types, constraint_text

if TYPE_CHECKING:
    from .analysis import Analysis

ENTRY, EXIT, ERROR = 0, 1, 2
#: Expansion stops (``Graph.truncated``) past this many vertices; real programs are far below.
MAX_VERTICES = 20_000

VertexKind = Literal["entry", "exit", "error", "concrete", "source", "abstract", "return",
                     "handler", "unknown"]
EdgeKind = Literal["source", "flow", "dispatch", "return", "exit", "error"]


@dataclass(frozen=True)
class ConstraintView:
    """One constraint of a vertex, as the checks decided it (never recomputed here)."""

    name: str
    mode: Mode
    scope: Scope
    origin: Span
    elevated: bool = False          # added by elevation (FLX603)
    upgraded: bool = False          # reader made writer (FLX604)
    reason: str | None = None

    @property
    def changed(self) -> bool:
        return self.elevated or self.upgraded

    def __str__(self) -> str:
        return constraint_text(self.name, self.mode, self.scope)


@dataclass(frozen=True)
class Vertex:
    id: int
    kind: VertexKind
    name: str
    span: Span | None = None        # the declaration's name, for navigation
    use: Span | None = None         # the flow step / source that put this use here
    parent: int | None = None       # enclosing abstract vertex (for ``return``: its own)
    reachable: bool = True          # on some path from ENTRY
    expanded: bool = True           # False: abstract node not expanded (FLX401 / truncated)
    handles: str | None = None      # handler vertices: the node whose errors it handles
    inputs: Types = None
    outputs: Types = None
    declared: tuple[ConstraintView, ...] = ()
    effective: tuple[ConstraintView, ...] = ()


@dataclass(frozen=True)
class Edge:
    id: int
    src: int
    dst: int
    kind: EdgeKind
    label: str = ""
    pattern: tuple[str, ...] | None = None
    alternative: int | None = None
    unhandled: bool = False         # error edge straight to ERROR: no handler anywhere
    span: Span | None = None        # the step, alternative, source or handler it comes from


@dataclass(frozen=True)
class Graph:
    vertices: tuple[Vertex, ...]
    edges: tuple[Edge, ...]
    truncated: bool = False

    @cached_property
    def by_id(self) -> dict[int, Vertex]:
        return {v.id: v for v in self.vertices}

    def vertex(self, vid: int) -> Vertex:
        return self.by_id[vid]

    @cached_property
    def _out(self) -> dict[int, tuple[Edge, ...]]:
        return _index(self, lambda e: e.src)

    @cached_property
    def _in(self) -> dict[int, tuple[Edge, ...]]:
        return _index(self, lambda e: e.dst)

    def out_edges(self, vid: int) -> tuple[Edge, ...]:
        """Out-edges in Ball–Larus order (ascending edge id)."""
        return self._out.get(vid, ())

    def in_edges(self, vid: int) -> tuple[Edge, ...]:
        return self._in.get(vid, ())

    def successors(self, vid: int) -> tuple[int, ...]:
        return tuple(e.dst for e in self.out_edges(vid))

    def predecessors(self, vid: int) -> tuple[int, ...]:
        return tuple(e.src for e in self.in_edges(vid))

    def named(self, name: str) -> tuple[Vertex, ...]:
        """Every use of a node (and the handlers named so), in id order."""
        return tuple(v for v in self.vertices if v.name == name)

    @cached_property
    def topological_order(self) -> tuple[int, ...]:
        """Vertex ids, every edge going forward (smallest id first among ready vertices).

        The graph is acyclic by construction; should a cycle ever appear the remaining
        vertices follow in id order, so the result always lists every vertex once.
        """
        indegree = {v.id: 0 for v in self.vertices}
        for edge in self.edges:
            indegree[edge.dst] += 1
        ready = [vid for vid, n in indegree.items() if n == 0]
        heapify(ready)
        order: list[int] = []
        while ready:
            vid = heappop(ready)
            order.append(vid)
            for succ in self.successors(vid):
                indegree[succ] -= 1
                if indegree[succ] == 0:
                    heappush(ready, succ)
        seen = set(order)
        return tuple(order) + tuple(v.id for v in self.vertices if v.id not in seen)


def _index(graph: Graph, key: Callable[[Edge], int]) -> dict[int, tuple[Edge, ...]]:
    table: dict[int, list[Edge]] = {}
    for edge in sorted(graph.edges, key=lambda e: e.id):
        table.setdefault(key(edge), []).append(edge)
    return {vid: tuple(edges) for vid, edges in table.items()}


def build(analysis: Analysis, max_vertices: int = MAX_VERTICES) -> Graph:
    """The program graph of an analysed file (whatever it can build when there are errors)."""
    from .graph_build import build_graph
    return build_graph(analysis.program, analysis.semantics, max_vertices)


def subgraph(graph: Graph, node: str) -> Graph:
    """Focus on one node (``KeyError`` if the graph has no such node); see ``graph_build``."""
    from .graph_build import focus
    return focus(graph, node)


@dataclass(frozen=True)
class Numbering:
    """Ball–Larus numbering of a graph: compute once, decode many path ids."""

    graph: Graph
    counts: dict[int, int]          # vertex id → number of paths from it to EXIT|ERROR
    weights: dict[int, int]         # edge id → weight

    @property
    def paths(self) -> int:
        return self.counts.get(ENTRY, 0)

    def decode(self, path_id: int) -> tuple[int, ...]:
        """The edge ids of the path with this id (``ValueError`` if out of range)."""
        if not 0 <= path_id < self.paths:
            raise ValueError(f"path id {path_id} out of range [0, {self.paths})")
        path: list[int] = []
        vid, rest = ENTRY, path_id
        while vid not in (EXIT, ERROR):
            edge = next(e for e in reversed(self.graph.out_edges(vid))
                        if self.counts.get(e.dst, 0) and self.weights[e.id] <= rest)
            path.append(edge.id)
            rest -= self.weights[edge.id]
            vid = edge.dst
        return tuple(path)


def numbering(graph: Graph) -> Numbering:
    counts: dict[int, int] = {}
    for vid in reversed(graph.topological_order):
        if vid in (EXIT, ERROR):
            counts[vid] = 1
        else:
            counts[vid] = sum(counts.get(e.dst, 0) for e in graph.out_edges(vid))
    weights: dict[int, int] = {}
    for vertex in graph.vertices:
        total = 0
        for edge in graph.out_edges(vertex.id):
            weights[edge.id] = total
            total += counts.get(edge.dst, 0)
    return Numbering(graph, counts, weights)


def ball_larus(graph: Graph) -> dict[int, int]:
    """Edge id → Ball–Larus weight: path sums are distinct ids in ``[0, path_count)``."""
    return numbering(graph).weights


def path_count(graph: Graph) -> int:
    """Number of distinct ENTRY → EXIT|ERROR paths (the profiler's ``NUMBER_OF_PATHS``)."""
    return numbering(graph).paths


def decode_path(graph: Graph, path_id: int) -> tuple[int, ...]:
    """The edge ids of the path with this Ball–Larus id (``ValueError`` if out of range)."""
    return numbering(graph).decode(path_id)
