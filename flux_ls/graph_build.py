"""Expand a Flux program into its program graph (the model is in ``graph``).

Structure (flows, patterns, sources, handlers) comes from the syntactic model; types and
constraint sets come from the checked ``Semantics`` when it has the node, and are left empty
otherwise (never recomputed here). Expansion is depth-first in source order, which fixes the
ids; an abstract node already being expanded on the current path (FLX401) or past the vertex
budget is kept as one unexpanded vertex, so building always terminates.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from .graph import ENTRY, ERROR, EXIT, ConstraintView, Edge, EdgeKind, Graph, Vertex, VertexKind
from .model import FlowDef, Name, Program, Span
from .semantics import EffectiveConstraint, Semantics, constraint_reason

NODE_KINDS = ("concrete", "source", "abstract", "unknown")

#: One node that can fail: its vertex, the names that may handle it (innermost first), label.
_Failure = tuple[int, tuple[str, ...], str]


def build_graph(program: Program, semantics: Semantics, limit: int) -> Graph:
    builder = _Builder(program, semantics, limit)
    builder.run()
    return builder.graph()


def _views(constraints: tuple[EffectiveConstraint, ...]) -> tuple[ConstraintView, ...]:
    return tuple(ConstraintView(c.name, c.mode, c.scope, c.origin, elevated=not c.declared,
                                upgraded=c.upgrade is not None, reason=constraint_reason(c))
                 for c in constraints)


def _may_miss(flows: list[FlowDef]) -> bool:
    """True when a dispatch can find no matching alternative (no plain or catch-all flow)."""
    return not any(f.pattern is None or f.is_catch_all for f in flows)


def _pattern(flow: FlowDef) -> tuple[str, ...] | None:
    return None if flow.pattern is None else tuple(str(e) for e in flow.pattern)


class _Builder:
    def __init__(self, program: Program, semantics: Semantics, limit: int) -> None:
        self.program, self.semantics, self.limit = program, semantics, limit
        self.flows: dict[str, list[FlowDef]] = {}
        for flow in program.flows:
            self.flows.setdefault(flow.name.text, []).append(flow)
        self.decls: dict[str, Span] = {}
        for sig in program.signatures:
            self.decls.setdefault(sig.name.text, sig.name.span)
        for name, flows in self.flows.items():
            self.decls.setdefault(name, flows[0].name.span)
        self.vertices = [Vertex(ENTRY, "entry", "ENTRY"), Vertex(EXIT, "exit", "EXIT"),
                         Vertex(ERROR, "error", "ERROR")]
        self.edges: list[Edge] = []
        self.handler_of: dict[str, tuple[int, Span]] = {}
        self.failures: list[_Failure] = []
        self.used: set[str] = set()
        self.truncated = False

    # -- construction -------------------------------------------------------------------

    def run(self) -> None:
        for handler in self.program.handlers:
            vid = self.add("handler", handler.function.text, use=None, parent=None,
                           span=handler.function.span, handles=handler.node.text)
            self.handler_of.setdefault(handler.node.text, (vid, handler.span))
        for source in self.program.sources:
            s_first, s_last = self.use(source.node, None, (), frozenset(), source=True)
            self.edge(ENTRY, s_first, "source", span=source.span)
            t_first, t_last = self.use(source.target, None, (), frozenset())
            session = f"session: {source.session}" if source.session else ""
            self.edge(s_last, t_first, "source", session, span=source.span)
            self.edge(t_last, EXIT, "exit", span=source.target.span)
        self.detached()
        self.error_edges()

    def detached(self) -> None:
        """Nodes no source reaches: top-level abstract nodes first, then the rest."""
        inner = {s.text for f in self.program.flows for s in f.steps if s.text != f.name.text}
        names = [n for n in self.flows if n not in inner] + list(self.flows)
        names += [sig.name.text for sig in self.program.signatures]
        for name in names:
            if name not in self.used:
                self.use(Name(name, self.decls[name]), None, (), frozenset(), detached=True)

    def use(self, step: Name, parent: int | None, enclosing: tuple[str, ...],
            stack: frozenset[str], source: bool = False,
            detached: bool = False) -> tuple[int, int]:
        """Add one use of a node; return its first and last vertex."""
        name = step.text
        self.used.add(name)
        where = None if detached else step.span
        if name in self.flows:
            return self.abstract(name, where, parent, enclosing, stack)
        kind: VertexKind = "unknown"
        if name in self.decls:
            kind = "source" if source else "concrete"
        vid = self.add(kind, name, where, parent)
        self.failures.append((vid, (name, *enclosing), "error"))
        return vid, vid

    def abstract(self, name: str, where: Span | None, parent: int | None,
                 enclosing: tuple[str, ...], stack: frozenset[str]) -> tuple[int, int]:
        flows = self.flows[name]
        inner = (name, *enclosing)
        if name in stack or len(self.vertices) >= self.limit:
            self.truncated = self.truncated or name not in stack
            vid = self.add("abstract", name, where, parent, expanded=False)
            self.failures.append((vid, inner, "error"))
            return vid, vid
        top = self.add("abstract", name, where, parent)
        end = self.add("return", name, where, top, typed=False)
        for index, flow in enumerate(flows):
            self.alternative(top, end, index, flow, inner, stack | {name})
        if _may_miss(flows):
            self.failures.append((top, inner, "no match"))
        return top, end

    def alternative(self, top: int, end: int, index: int, flow: FlowDef,
                    enclosing: tuple[str, ...], stack: frozenset[str]) -> None:
        pattern = _pattern(flow)
        label = "[" + ", ".join(pattern) + "]" if pattern is not None else ""
        last: int | None = None
        for step in flow.steps:
            first, step_last = self.use(step, top, enclosing, stack)
            if last is None:
                self.edge(top, first, "dispatch", label, pattern, index, span=flow.span)
            else:
                self.edge(last, first, "flow", span=step.span)
            last = step_last
        if last is None:
            self.edge(top, end, "dispatch", label, pattern, index, span=flow.span)
        else:
            self.edge(last, end, "return", span=flow.span)

    def error_edges(self) -> None:
        for vid, names, label in self.failures:
            owner = next((n for n in names if n in self.handler_of), None)
            if owner is None:
                self.edge(vid, ERROR, "error", label, unhandled=True)
            else:
                handler, span = self.handler_of[owner]
                self.edge(vid, handler, "error", label, span=span)
        for vertex in self.vertices:
            if vertex.kind == "handler":
                self.edge(vertex.id, ERROR, "error")

    # -- primitives ---------------------------------------------------------------------

    def add(self, kind: VertexKind, name: str, use: Span | None, parent: int | None,
            span: Span | None = None, handles: str | None = None, expanded: bool = True,
            typed: bool = True) -> int:
        vid = len(self.vertices)
        info = self.semantics.nodes.get(name) if kind in NODE_KINDS and typed else None
        vertex = Vertex(vid, kind, name, span or self.decls.get(name), use, parent,
                        expanded=expanded, handles=handles)
        if info is not None:
            vertex = replace(vertex, inputs=info.inputs, outputs=info.outputs,
                             declared=_views(info.declared), effective=_views(info.effective))
        self.vertices.append(vertex)
        return vid

    def edge(self, src: int, dst: int, kind: EdgeKind, label: str = "",
             pattern: tuple[str, ...] | None = None, alternative: int | None = None,
             unhandled: bool = False, span: Span | None = None) -> None:
        self.edges.append(Edge(len(self.edges), src, dst, kind, label, pattern, alternative,
                               unhandled, span))

    def graph(self) -> Graph:
        """Freeze: mark reachability and number edges in walking order (by the topological
        rank of their source, creation order within one source, so error edges come last)."""
        seen = _reach(self.edges, len(self.vertices))
        vertices = tuple(replace(v, reachable=v.id in seen) for v in self.vertices)
        rank = {vid: i for i, vid in enumerate(Graph(vertices, tuple(self.edges))
                                                .topological_order)}
        ordered = sorted(self.edges, key=lambda e: (rank[e.src], e.id))
        edges = tuple(replace(e, id=i) for i, e in enumerate(ordered))
        return Graph(vertices, edges, self.truncated)


def _reach(edges: list[Edge] | tuple[Edge, ...], size: int) -> set[int]:
    """Vertices reachable from ENTRY."""
    succ: list[list[int]] = [[] for _ in range(size)]
    for edge in edges:
        succ[edge.src].append(edge.dst)
    seen, todo = {ENTRY}, deque([ENTRY])
    while todo:
        for nxt in succ[todo.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


# -- focusing on one node ---------------------------------------------------------------

def focus(graph: Graph, node: str) -> Graph:
    """The first use of ``node``: an abstract node with its whole sub-flow between ENTRY and
    EXIT, or every use of a concrete node with its neighbours. Ids are the full graph's
    (the two ENTRY/EXIT edges of an abstract focus get the next free edge ids), so a view
    can be matched with the whole graph; Ball–Larus ids belong to the full graph only."""
    uses = [v for v in graph.vertices if v.name == node and v.kind in NODE_KINDS]
    if not uses:
        raise KeyError(node)
    top = uses[0]
    if top.kind == "abstract" and top.expanded:
        return _focus_abstract(graph, top)
    members = {v.id for v in uses}
    edges = [e for e in graph.edges if e.src in members or e.dst in members]
    return _view(graph, members, edges, ())


def _focus_abstract(graph: Graph, top: Vertex) -> Graph:
    children: dict[int, list[int]] = {}
    for v in graph.vertices:
        if v.parent is not None:
            children.setdefault(v.parent, []).append(v.id)
    members, todo = {top.id}, [top.id]
    while todo:
        for child in children.get(todo.pop(), []):
            members.add(child)
            todo.append(child)
    edges = [e for e in graph.edges
             if e.src in members and (e.dst in members or e.kind == "error")]
    end = next(v.id for v in graph.vertices if v.kind == "return" and v.parent == top.id)
    free = max((e.id for e in graph.edges), default=-1) + 1
    extra = (Edge(free, ENTRY, top.id, "source"), Edge(free + 1, end, EXIT, "exit"))
    return _view(graph, members, edges, extra)


def _view(graph: Graph, members: set[int], edges: list[Edge],
          extra: tuple[Edge, ...]) -> Graph:
    handlers = {e.dst for e in edges if graph.vertex(e.dst).kind == "handler"}
    edges += [e for e in graph.edges if e.src in handlers]
    keep = members | handlers | {ENTRY, EXIT, ERROR} | {e.src for e in edges} | {
        e.dst for e in edges}
    vertices = tuple(v if v.parent in keep else replace(v, parent=None)
                     for v in graph.vertices if v.id in keep)
    return Graph(vertices, tuple(sorted(edges, key=lambda e: e.id)) + extra, graph.truncated)
