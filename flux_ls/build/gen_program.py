"""``flux_program.c``: the flow driver of a program, shared by the three runtimes.

The generated ``flux_step(flow)`` is a ``switch`` on ``flux_fl->pc``, the graph vertex the flow
is at, with one ``case`` per reachable node vertex (plus one start case per source). A case
acquires the vertex's constraints (``flux_acquire`` may park the flow: FLUX_WAIT), then

- for a concrete node: calls it, releases its constraints, and on error releases every
  constraint, calls the innermost handler and ends the flow; on success copies its outputs
  by position into the next node's input and returns FLUX_CONTINUE (one node per event);
- for an abstract node: tries its alternatives in source order (first match) and goes on
  into the chosen one's first step; no match fails with FLUX_ENOMATCH.

Leaving an abstract node's sub-flow (its ``return`` vertex) releases its constraints.
Every edge taken is announced with ``FLUX_EDGE(flux_fl, edge_id, increment)`` (its
Ball–Larus increment, computed here once) and every node and handler call is wrapped in
``FLUX_NODE_BEGIN/END`` — graph ids, for the path profiler, which also gets the graph's
tables and hash (``flux_graph_desc``). Pure: text from the plan and the interface.
"""

from __future__ import annotations

import json

from ..cinterface import Interface, Side
from ..graph import ERROR, EXIT, Edge, Graph, Vertex, numbering
from ..profile.hashing import graph_hash
from ..semantics import Semantics, constraint_text
from .emit import Emitter
from .gen_header import generated_banner
from .plan import Plan

#: Where a flow's current value lives: (C expression of the struct, node, side); None: ().
Loc = tuple[str, str, Side] | None

LAYOUT = """\
/*
 * A flow is the runtime's flux_flow header followed by its frame: the input of the
 * concrete node it runs (`in`), that node's output (`out`) and the input of every abstract
 * node it is inside (`abs`, kept for dispatch and for handlers). flux_step() runs the flow
 * from vertex flux_fl->pc of the program graph (see `flux graph`); case labels and
 * FLUX_EDGE() arguments are the graph's vertex and edge ids.
 */"""


def c_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)


class _Generator:
    def __init__(self, semantics: Semantics, interface: Interface, plan: Plan) -> None:
        self.sem, self.iface, self.plan, self.graph = semantics, interface, plan, plan.graph
        self.gotos: set[int] = set()
        self.weights = path_weights(plan.graph)[1]

    def edge(self, out: Emitter, edge: Edge) -> None:
        out.line(f"FLUX_EDGE(flux_fl, {edge.id}, {c_u64(self.weights[edge.id])});")

    # -- data ----------------------------------------------------------------------------

    def slot(self, vertex: Vertex) -> Loc:
        if not self.iface.fields(vertex.name, "in"):
            return None
        area = "abs" if vertex.kind == "abstract" else "in"
        return f"flux_f->{area}.{vertex.name}", vertex.name, "in"

    def copy(self, out: Emitter, loc: Loc, vertex: Vertex) -> None:
        dst = self.slot(vertex)
        if loc is None or dst is None:
            return
        src_fields = self.iface.fields(loc[1], loc[2])
        dst_fields = self.iface.fields(dst[1], "in")
        for (_, s_name), (_, d_name) in zip(src_fields, dst_fields, strict=True):
            out.line(f"{dst[0]}.{d_name} = {loc[0]}.{s_name};")

    def pointer(self, loc: Loc, struct: str | None) -> str:
        """``&slot``, cast when the function was declared with another node's struct."""
        assert loc is not None
        own = f"{loc[1]}_{loc[2]}"
        if struct is None or struct == own:
            return f"&{loc[0]}"
        return f"({struct} *)(void *)&{loc[0]}"

    # -- control -------------------------------------------------------------------------

    def transition(self, out: Emitter, edge: Edge, loc: Loc) -> None:
        self.edge(out, edge)
        if edge.dst == EXIT:
            out.line("return flux_flow_end(flux_fl);")
            return
        vertex = self.graph.vertex(edge.dst)
        if vertex.kind == "return":
            owner = vertex.parent
            assert owner is not None
            if self.plan.acquire[owner]:
                out.line(f"flux_release_to(flux_fl, {self.plan.mark[owner]}); "
                         f"/* {vertex.name} ends */")
            self.transition(out, self.plan.flow_edge(vertex.id), loc)
            return
        self.copy(out, loc, vertex)
        out.line(f"flux_fl->pc = {vertex.id};")
        if edge.kind == "source":
            self.launch(out, edge, vertex)
        elif vertex.kind == "abstract":
            self.gotos.add(vertex.id)
            out.line(f"goto flux_v{vertex.id};")
        else:
            out.line("return FLUX_CONTINUE;")

    def launch(self, out: Emitter, edge: Edge, vertex: Vertex) -> None:
        source = self.plan.sources[self.plan.source_phase[edge.src]]
        if source.session is not None:
            proto = self.iface.prototype(source.session)
            slot = self.slot(vertex)
            arg = self.pointer(slot, proto.struct if proto else None) if slot else ""
            out.line(f"flux_flow_set_session(flux_fl, {source.session}({arg}));")
        out.line("return FLUX_LAUNCH;")

    def failure(self, out: Emitter, vertex: Vertex, held: int) -> None:
        edge = self.plan.error_edge(vertex.id)
        assert edge is not None
        self.edge(out, edge)
        if held:
            out.line("flux_release_to(flux_fl, 0);")
        in_source = vertex.id in self.plan.source_phase
        handled = edge.dst != ERROR
        if in_source:  # a source with nothing now (a local source woken): no handler, no log
            out.line("if (flux_err == FLUX_NOTHING) "
                     "return flux_source_failed(flux_fl, flux_err, 1);")
        if handled:
            handler = self.graph.vertex(edge.dst)
            if in_source:
                out.line("if (flux_stopping()) return flux_source_failed(flux_fl, flux_err, 1);")
            out.line(f"FLUX_NODE_BEGIN(flux_fl, {handler.id});")
            out.line(self.handler_call(vertex, handler))
            out.line(f"FLUX_NODE_END(flux_fl, {handler.id}, 0);")
            to_error = self.graph.out_edges(handler.id)[0]
            self.edge(out, to_error)
        if in_source:
            out.line(f"return flux_source_failed(flux_fl, flux_err, {int(handled)});")
        else:
            out.line("return flux_flow_end(flux_fl);")

    def handler_call(self, vertex: Vertex, handler: Vertex) -> str:
        owner = handler.handles or vertex.name
        proto = self.iface.prototype(handler.name)
        if not self.iface.fields(owner, "in"):
            return f"{handler.name}(flux_err);"
        if owner == vertex.name:
            loc = self.slot(vertex)
        else:
            loc = (f"flux_f->abs.{owner}", owner, "in")
        return f"{handler.name}({self.pointer(loc, proto.struct if proto else None)}, flux_err);"

    def condition(self, vertex: Vertex, pattern: tuple[str, ...] | None) -> str | None:
        if pattern is None:
            return None
        fields = self.iface.fields(vertex.name, "in")
        tests = []
        for (_, field), element in zip(fields, pattern, strict=True):
            if element in ("_", "*"):
                continue
            function = self.sem.typedefs[element].predicate.text
            tests.append(f"{function}(flux_f->abs.{vertex.name}.{field})")
        return " && ".join(tests) or None

    # -- cases ---------------------------------------------------------------------------

    def where(self, vertex: Vertex) -> str:
        inside = [a.name for a in self.plan.ancestors(vertex)]
        return f"{vertex.name}" + (f", in {' < '.join(inside)}" if inside else "")

    def acquire(self, out: Emitter, vertex: Vertex) -> None:
        acq = self.plan.acquire[vertex.id]
        if acq:
            out.line(f"if (!flux_acquire(flux_fl, flux_acq_{vertex.id}, {len(acq)})) "
                     "return FLUX_WAIT;")

    def concrete(self, out: Emitter, vertex: Vertex) -> None:
        name = vertex.name
        args = []
        if self.iface.fields(name, "in"):
            args.append(f"&flux_f->in.{name}")
        if self.iface.fields(name, "out"):
            args.append(f"&flux_f->out.{name}")
        self.acquire(out, vertex)
        out.line(f"FLUX_NODE_BEGIN(flux_fl, {vertex.id});")
        out.line(f"flux_err = {name}({', '.join(args)});")
        out.line(f"FLUX_NODE_END(flux_fl, {vertex.id}, flux_err);")
        if self.plan.acquire[vertex.id]:
            out.line(f"flux_release_to(flux_fl, {self.plan.mark[vertex.id]});")
        out.line("if (flux_err != 0) {")
        with out.indent():
            self.failure(out, vertex, self.plan.mark[vertex.id])
        out.line("}")
        loc: Loc = (f"flux_f->out.{name}", name, "out") if self.iface.fields(name, "out") else None
        self.transition(out, self.plan.flow_edge(vertex.id), loc)

    def abstract(self, out: Emitter, vertex: Vertex) -> None:
        self.acquire(out, vertex)
        loc = self.slot(vertex)
        for edge in self.plan.dispatch_edges(vertex.id):
            test = self.condition(vertex, edge.pattern)
            if test is None:
                self.transition(out, edge, loc)
                return
            out.line(f"if ({test}) {{ /* alternative {edge.label} */")
            with out.indent():
                self.transition(out, edge, loc)
            out.line("}")
        out.line("flux_err = FLUX_ENOMATCH;")
        self.failure(out, vertex, self.plan.mark[vertex.id] + len(self.plan.acquire[vertex.id]))

    def cases(self) -> list[tuple[int, list[str]]]:
        out: list[tuple[int, list[str]]] = []
        for vid in self.plan.vertices:
            vertex = self.graph.vertex(vid)
            body = Emitter()
            body.level = 2
            if vertex.kind == "abstract":
                self.abstract(body, vertex)
            else:
                self.concrete(body, vertex)
            out.append((vid, body.lines))
        for source in self.plan.sources:
            body = Emitter()
            body.level = 2
            self.edge(body, source.entry)
            body.line(f"flux_fl->pc = {source.entry.dst};")
            self.gotos.add(source.entry.dst)
            body.line(f"goto flux_v{source.entry.dst};")
            out.append((source.start_pc, body.lines))
        return out

    def step(self, out: Emitter) -> None:
        cases = self.cases()
        starts = {s.start_pc: s for s in self.plan.sources}
        out.line("int flux_step(flux_flow *flux_fl) {")
        with out.indent():
            out.line("flux_gen_flow *flux_f = (flux_gen_flow *)flux_fl;")
            out.line("int flux_err;")
            out.line("(void)flux_f;")
            out.line("switch (flux_fl->pc) {")
            for vid, lines in cases:
                if vid in starts:
                    out.line(f"case {vid}: /* source {starts[vid].name} starts a flow */")
                else:
                    vertex = self.graph.vertex(vid)
                    label = f" flux_v{vid}:" if vid in self.gotos else ""
                    out.line(f"case {vid}:{label} /* {vertex.kind} {self.where(vertex)} */")
                out.lines.extend(lines)
            out.line("default:")
            with out.indent():
                out.line("break;")
            out.line("}")
            out.line('flux_fatal("flux_step: a flow is at no vertex", 0);')
            out.line("return FLUX_DONE;")
        out.line("}")


def _frame(out: Emitter, iface: Interface, plan: Plan) -> None:
    areas: dict[str, dict[str, str]] = {"in": {}, "out": {}, "abs": {}}
    for vid in plan.vertices:
        vertex = plan.graph.vertex(vid)
        name = vertex.name
        if vertex.kind == "abstract":
            if iface.fields(name, "in"):
                areas["abs"][name] = f"{name}_in"
            continue
        if iface.fields(name, "in"):
            areas["in"][name] = f"{name}_in"
        if iface.fields(name, "out"):
            areas["out"][name] = f"{name}_out"
    out.line("typedef struct {")
    with out.indent():
        out.line("flux_flow h;")
        for area, kind in (("in", "union"), ("out", "union"), ("abs", "struct")):
            members = " ".join(f"{t} {n};" for n, t in sorted(areas[area].items()))
            out.line(f"{kind} {{ char flux_none; {members} }} {area};".replace("  ", " "))
    out.line("} flux_gen_flow;")


def _tables(out: Emitter, plan: Plan) -> None:
    for vid in plan.vertices:
        acq = plan.acquire[vid]
        if not acq:
            continue
        items = ", ".join(f"{{{a.index}, {int(a.session)}, {int(a.write)}}}" for a in acq)
        names = ", ".join(constraint_text(a.name, "write" if a.write else "read",
                                          "session" if a.session else "program") for a in acq)
        out.line(f"static const flux_acq flux_acq_{vid}[] = {{{items}}}; /* {names} */")


def _names(out: Emitter, var: str, names: tuple[str, ...]) -> str:
    if not names:
        return "NULL"
    out.line(f"static const char *const {var}[] = {{"
             + ", ".join(c_string(n) for n in names) + "};")
    return var


#: Path ids are 64-bit in the runtime: a graph with more paths is profiled without them.
MAX_PATHS = 1 << 63


def path_weights(graph: Graph) -> tuple[int, dict[int, int]]:
    """(number of paths, edge id → Ball–Larus increment); (0, all 0) past ``MAX_PATHS``."""
    number = numbering(graph)
    if number.paths >= MAX_PATHS:
        return 0, {e.id: 0 for e in graph.edges}
    return number.paths, {e.id: number.weights.get(e.id, 0) for e in graph.edges}


def c_u64(value: int) -> str:
    return f"UINT64_C({value})" if value > 0x7FFFFFFF else str(value)


def _array(out: Emitter, ctype: str, var: str, items: list[str]) -> None:
    out.line(f"static const {ctype} {var}[] = {{")
    with out.indent():
        for start in range(0, len(items), 8):
            out.line(", ".join(items[start:start + 8]) + ",")
    out.line("};")


def _graph(out: Emitter, graph: Graph) -> None:
    """The tables of the path profiler (flux_graph_desc in flux_rt.h)."""
    ids = [v.id for v in graph.vertices]
    edge_ids = [e.id for e in graph.edges]
    if ids != list(range(len(ids))) or sorted(edge_ids) != list(range(len(edge_ids))):
        raise ValueError("graph ids are not dense")  # graph_build numbers them so
    npaths, weights = path_weights(graph)
    counts = numbering(graph).counts if npaths else {}
    edges = sorted(graph.edges, key=lambda e: e.id)
    out.line("/* The program graph, for the path profiler (`flux graph --format json`). */")
    _array(out, "char *const", "flux_vertex_names", [c_string(v.name) for v in graph.vertices])
    _array(out, "char *const", "flux_vertex_kinds", [c_string(v.kind) for v in graph.vertices])
    _array(out, "int", "flux_vertex_parents",
           [str(v.parent if v.parent is not None else -1)
            for v in graph.vertices])
    _array(out, "uint64_t", "flux_vertex_paths",
           [c_u64(counts.get(v.id, 0)) for v in graph.vertices])
    _array(out, "int", "flux_edge_src", [str(e.src) for e in edges] or ["0"])
    _array(out, "int", "flux_edge_dst", [str(e.dst) for e in edges] or ["0"])
    _array(out, "uint64_t", "flux_edge_weights", [c_u64(weights[e.id]) for e in edges] or ["0"])
    out.line("static const flux_graph_desc flux_graph = {")
    with out.indent():
        out.line(f".hash = {c_string(graph_hash(graph))},")
        out.line(f".nvertices = {len(ids)},")
        out.line(".vertex_names = flux_vertex_names,")
        out.line(".vertex_kinds = flux_vertex_kinds,")
        out.line(".vertex_parents = flux_vertex_parents,")
        out.line(".vertex_paths = flux_vertex_paths,")
        out.line(f".nedges = {len(edges)},")
        out.line(".edge_src = flux_edge_src,")
        out.line(".edge_dst = flux_edge_dst,")
        out.line(".edge_weights = flux_edge_weights,")
        out.line(f".npaths = {c_u64(npaths)},")
    out.line("};")
    out.line()


def _descriptor(out: Emitter, plan: Plan, name: str, source_file: str, runtime: str,
                threads: int) -> None:
    _graph(out, plan.graph)
    out.line("static const flux_source_desc flux_sources_desc[] = {")
    with out.indent():
        for s in plan.sources:
            out.line(f"{{{c_string(s.name)}, {c_string(s.target)}, {s.start_pc}}},")
    out.line("};")
    locks = _names(out, "flux_lock_names", plan.program_locks)
    session = _names(out, "flux_session_lock_names", plan.session_locks)
    out.line()
    out.line("const flux_program_desc flux_program = {")
    with out.indent():
        out.line(f".name = {c_string(name)},")
        out.line(f".file = {c_string(source_file)},")
        out.line(f".default_runtime = FLUX_RT_{runtime.upper()},")
        out.line(f".default_threads = {threads},")
        out.line(".flow_size = sizeof(flux_gen_flow),")
        out.line(f".max_held = {plan.max_held},")
        out.line(f".nsources = {len(plan.sources)},")
        out.line(".sources = flux_sources_desc,")
        out.line(f".nlocks = {len(plan.program_locks)},")
        out.line(f".lock_names = {locks},")
        out.line(f".nsession_locks = {len(plan.session_locks)},")
        out.line(f".session_lock_names = {session},")
        out.line(".graph = &flux_graph,")
    out.line("};")


def render_program(semantics: Semantics, interface: Interface, plan: Plan, *, name: str,
                   source_file: str, runtime: str, threads: int) -> str:
    out = Emitter()
    out.line(generated_banner(source_file))
    out.lines_of(LAYOUT)
    out.lines_of("#ifndef _GNU_SOURCE\n#define _GNU_SOURCE\n#endif")
    out.line('#include "flux_nodes.h"')
    out.line('#include "flux_rt.h"')
    out.line()
    _frame(out, interface, plan)
    out.line()
    _tables(out, plan)
    out.line()
    _Generator(semantics, interface, plan).step(out)
    out.line()
    _descriptor(out, plan, name, source_file, runtime, threads)
    return out.text()
