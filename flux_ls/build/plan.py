"""What the generated flow driver does at every vertex of the program graph.

Code generation walks the program graph (``flux_ls.graph``), so the generated driver has a
``case`` per graph vertex and names every edge it takes by its graph id — the path
profiler instruments exactly there. This module decides, per vertex, everything that is
not text:

- **acquisitions**: the vertex's effective constraints (from the checker, through the
  graph; never recomputed) minus those its enclosing abstract vertices already hold —
  reentrancy is settled here, statically — in canonical (byte) order, the checker's;
- **mark**: how many constraints the flow holds when it enters the vertex (released back
  to it when the vertex's node or sub-flow ends);
- **phase**: the vertices of each source's own flow (run by the source loop) and the edge
  that launches the target flow.

Pure: no IO. A plan error (``BuildError``) means the program cannot be generated.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..graph import ENTRY, ERROR, Edge, Graph, Vertex
from ..model import Program
from ..semantics import lock_order
from .errors import BuildError

NODE_KINDS = ("concrete", "source", "abstract")


@dataclass(frozen=True)
class Acquire:
    name: str
    index: int          # into the program's (or the session's) constraint table
    session: bool
    write: bool


@dataclass(frozen=True)
class SourcePlan:
    index: int
    name: str
    target: str
    session: str | None     # the session function
    entry: Edge             # ENTRY → the source's first vertex
    start_pc: int           # the pseudo-vertex that takes the entry edge


@dataclass(frozen=True)
class Plan:
    graph: Graph
    program_locks: tuple[str, ...]
    session_locks: tuple[str, ...]
    acquire: dict[int, tuple[Acquire, ...]]
    mark: dict[int, int]
    max_held: int
    sources: tuple[SourcePlan, ...]
    source_phase: dict[int, int]        # vertex id → index of the source whose loop runs it
    vertices: tuple[int, ...]           # reachable node vertices, in id order

    def flow_edge(self, vid: int) -> Edge:
        """The one non-error out-edge of a concrete or return vertex."""
        edges = [e for e in self.graph.out_edges(vid) if e.kind != "error"]
        if len(edges) != 1:
            raise BuildError(f"internal error: vertex {vid} has {len(edges)} successors")
        return edges[0]

    def error_edge(self, vid: int) -> Edge | None:
        return next((e for e in self.graph.out_edges(vid) if e.kind == "error"), None)

    def dispatch_edges(self, vid: int) -> tuple[Edge, ...]:
        return tuple(sorted((e for e in self.graph.out_edges(vid) if e.kind == "dispatch"),
                            key=lambda e: e.alternative or 0))

    def ancestors(self, vertex: Vertex) -> list[Vertex]:
        """Enclosing abstract vertices, innermost first."""
        out: list[Vertex] = []
        parent = vertex.parent
        while parent is not None:
            above = self.graph.vertex(parent)
            out.append(above)
            parent = above.parent
        return out


def make_plan(graph: Graph, program: Program) -> Plan:
    if graph.truncated:
        raise BuildError("the program graph is too large to generate (over "
                         f"{len(graph.vertices)} vertices)")
    vertices = tuple(v.id for v in graph.vertices if v.kind in NODE_KINDS and v.reachable)
    names = {c.name: c.scope for vid in vertices for c in graph.vertex(vid).effective}
    program_locks = tuple(sorted((n for n, s in names.items() if s == "program"), key=lock_order))
    session_locks = tuple(sorted((n for n, s in names.items() if s == "session"), key=lock_order))
    index = {n: i for i, n in enumerate(program_locks)} | {
        n: i for i, n in enumerate(session_locks)}
    acquire: dict[int, tuple[Acquire, ...]] = {}
    mark: dict[int, int] = {}
    builder = Plan(graph, program_locks, session_locks, acquire, mark, 0, (), {}, vertices)
    for vid in vertices:  # parents have smaller ids than their children
        vertex = graph.vertex(vid)
        enclosing = builder.ancestors(vertex)
        held: dict[str, str] = {}
        for above in enclosing:
            for c in above.effective:
                if held.get(c.name) != "write":
                    held[c.name] = c.mode
        wanted = []
        for c in vertex.effective:  # in canonical order, so `wanted` is too
            if c.name not in held:
                wanted.append(Acquire(c.name, index[c.name], c.scope == "session",
                                      c.mode == "write"))
            elif c.mode == "write" and held[c.name] == "read":
                raise BuildError(f"internal error: `{vertex.name}` writes `{c.name}` inside a "
                                 "reader of it; the checker should have upgraded the reader "
                                 "(FLX604); please report it")
        acquire[vid] = tuple(wanted)
        mark[vid] = sum(len(acquire[a.id]) for a in enclosing)
    max_held = max((mark[v] + len(acquire[v]) for v in vertices), default=0)
    sources, phase = _sources(graph, program, len(graph.vertices), acquire)
    return Plan(graph, program_locks, session_locks, acquire, mark, max_held, sources, phase,
                vertices)


def _sources(graph: Graph, program: Program, first_pc: int,
             acquire: dict[int, tuple[Acquire, ...]]
             ) -> tuple[tuple[SourcePlan, ...], dict[int, int]]:
    entries = graph.out_edges(ENTRY)
    if len(entries) != len(program.sources):
        raise BuildError("internal error: the graph's sources do not match the program's")
    plans: list[SourcePlan] = []
    phase: dict[int, int] = {}
    for i, (source, entry) in enumerate(zip(program.sources, entries, strict=True)):
        session = source.session.text if source.session is not None else None
        plans.append(SourcePlan(i, source.node.text, source.target.text, session, entry,
                                first_pc + i))
        todo = [entry.dst]
        while todo:
            vid = todo.pop()
            if vid in phase:
                continue
            phase[vid] = i
            if any(a.session for a in acquire.get(vid, ())):
                raise BuildError(f"source `{source.node}`: `{graph.vertex(vid).name}` takes a "
                                 "session-scoped constraint before the flow has a session "
                                 "(the session function runs when the source's flow starts)")
            todo += [e.dst for e in graph.out_edges(vid)
                     if e.kind not in ("source", "error") and e.dst != ERROR]
    return tuple(plans), phase
