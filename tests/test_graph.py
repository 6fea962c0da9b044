"""The program graph (``flux_ls.graph``), its renderers and ``flux graph``.

Structure of the image server (examples/imageserver), effective constraints from the checks (the
elevation example of docs/language.md#elevation), acyclicity and Ball–Larus numbering on
generated programs, DOT checked by Graphviz when ``dot`` is installed, the JSON schema, Mermaid
text and the CLI's exit codes and messages through real processes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flux_ls.analysis import analyze
from flux_ls.graph import (
    ENTRY,
    ERROR,
    EXIT,
    Graph,
    Vertex,
    ball_larus,
    build,
    decode_path,
    path_count,
    subgraph,
)
from flux_ls.graph_render import graph_json, render_dot, render_json, render_mermaid

IMAGE_SERVER = """\
/** An image server: reads a request, serves it from a cache or renders it. */
Listen () => (int socket);
ReadRequest (int socket) => (int socket, bool close, image_tag *request);
CheckCache (int socket, bool close, image_tag *request)
    => (int socket, bool close, image_tag *request);
ReadInFromDisk (int socket, bool close, image_tag *request)
    => (int socket, bool close, image_tag *request, uint8_t *rgb);
Compress (int socket, bool close, image_tag *request, uint8_t *rgb)
    => (int socket, bool close, image_tag *request);
StoreInCache (int socket, bool close, image_tag *request)
    => (int socket, bool close, image_tag *request);
Write (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);
Complete (int socket, bool close, image_tag *request) => ();

source Listen => Image;
Image = ReadRequest -> CheckCache -> Handler -> Write -> Complete;

typedef hit TestInCache;
Handler:[_, _, hit] = ;
Handler:[_, _, _]   = ReadInFromDisk -> Compress -> StoreInCache;

handle error ReadInFromDisk => NotFound;

atomic CheckCache:{cache?};
atomic StoreInCache:{cache};
atomic Complete:{cache};
"""

ELEVATION = """\
S1 () => (int v);
S2 () => (int v);
B (int v) => ();
D (int v) => ();
A = B;
C = D;
source S1 => A;
source S2 => C;
atomic A:{x};
atomic B:{y};
atomic C:{y};
atomic D:{x};
"""

HAS_DOT = shutil.which("dot") is not None


def graph_of(text: str) -> Graph:
    return build(analyze(text, "test.flux"))


def only(graph: Graph, name: str, kind: str | None = None) -> Vertex:
    found = [v for v in graph.named(name) if kind is None or v.kind == kind]
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def names(graph: Graph, vids: tuple[int, ...] | list[int]) -> list[str]:
    return [graph.vertex(v).name for v in vids]


def all_paths(graph: Graph) -> list[tuple[int, ...]]:
    """Every ENTRY → EXIT|ERROR path as edge ids, by brute force (independent of the BL code)."""
    paths: list[tuple[int, ...]] = []

    def walk(vid: int, prefix: tuple[int, ...]) -> None:
        if vid in (EXIT, ERROR):
            paths.append(prefix)
            return
        for edge in graph.edges:
            if edge.src == vid:
                walk(edge.dst, prefix + (edge.id,))

    walk(ENTRY, ())
    return paths


def assert_acyclic(graph: Graph) -> None:
    rank = {vid: i for i, vid in enumerate(graph.topological_order)}
    assert sorted(rank) == sorted(v.id for v in graph.vertices)
    for edge in graph.edges:
        assert rank[edge.src] < rank[edge.dst], f"edge {edge} goes backwards"


def assert_ball_larus(graph: Graph) -> None:
    weights = ball_larus(graph)
    paths = all_paths(graph)
    ids = [sum(weights[e] for e in path) for path in paths]
    assert sorted(ids) == list(range(path_count(graph)))
    for path_id, path in zip(ids, paths, strict=True):
        assert decode_path(graph, path_id) == path


# -- structure -----------------------------------------------------------------------

def test_image_server_vertices() -> None:
    g = graph_of(IMAGE_SERVER)
    assert [(v.id, v.kind) for v in g.vertices[:3]] == [(ENTRY, "entry"), (EXIT, "exit"),
                                                         (ERROR, "error")]
    kinds = {v.name: v.kind for v in g.vertices if v.kind not in ("return",)}
    assert kinds == {"ENTRY": "entry", "EXIT": "exit", "ERROR": "error",
                     "NotFound": "handler", "Listen": "source", "Image": "abstract",
                     "Handler": "abstract", "ReadRequest": "concrete",
                     "CheckCache": "concrete", "ReadInFromDisk": "concrete",
                     "Compress": "concrete", "StoreInCache": "concrete", "Write": "concrete",
                     "Complete": "concrete"}
    assert all(v.reachable for v in g.vertices)
    image, handler = only(g, "Image", "abstract"), only(g, "Handler", "abstract")
    assert only(g, "Handler", "return").parent == handler.id
    assert only(g, "ReadInFromDisk").parent == handler.id
    assert handler.parent == image.id and only(g, "Write").parent == image.id
    assert only(g, "Listen").parent is None


def test_image_server_edges() -> None:
    g = graph_of(IMAGE_SERVER)
    listen, image = only(g, "Listen"), only(g, "Image", "abstract")
    handler, done = only(g, "Handler", "abstract"), only(g, "Handler", "return")
    assert [(e.src, e.dst) for e in g.out_edges(ENTRY)] == [(ENTRY, listen.id)]
    assert [e.kind for e in g.out_edges(ENTRY)] == ["source"]
    assert (image.id, "source") in [(e.dst, e.kind) for e in g.out_edges(listen.id)]
    dispatch = [e for e in g.out_edges(handler.id) if e.kind == "dispatch"]
    assert [(e.label, e.pattern, e.alternative) for e in dispatch] == [
        ("[_, _, hit]", ("_", "_", "hit"), 0), ("[_, _, _]", ("_", "_", "_"), 1)]
    assert dispatch[0].dst == done.id                      # the empty alternative
    assert dispatch[1].dst == only(g, "ReadInFromDisk").id
    assert g.successors(done.id) == (only(g, "Write").id,)
    assert names(g, g.predecessors(done.id)) == ["Handler", "StoreInCache"]
    assert [e.kind for e in g.in_edges(EXIT)] == ["exit"]
    assert g.vertex(g.in_edges(EXIT)[0].src).kind == "return"
    # a catch-all exists, so the dispatch itself cannot fail
    assert not [e for e in g.out_edges(handler.id) if e.kind == "error"]


def test_image_server_error_edges() -> None:
    g = graph_of(IMAGE_SERVER)
    not_found = only(g, "NotFound", "handler")
    assert not_found.handles == "ReadInFromDisk"
    [to_handler] = [e for e in g.out_edges(only(g, "ReadInFromDisk").id) if e.kind == "error"]
    assert (to_handler.dst, to_handler.unhandled) == (not_found.id, False)
    assert [(e.dst, e.kind) for e in g.out_edges(not_found.id)] == [(ERROR, "error")]
    [unhandled] = [e for e in g.out_edges(only(g, "Compress").id) if e.kind == "error"]
    assert (unhandled.dst, unhandled.unhandled) == (ERROR, True)
    failing = {g.vertex(e.src).name for e in g.edges if e.kind == "error"}
    assert failing == {"Listen", "ReadRequest", "CheckCache", "ReadInFromDisk", "Compress",
                       "StoreInCache", "Write", "Complete", "NotFound"}


def test_image_server_spans_point_at_declarations_and_uses() -> None:
    g = graph_of(IMAGE_SERVER)
    data = IMAGE_SERVER.encode()
    write = only(g, "Write")
    assert write.span is not None and write.use is not None
    assert data[write.span.start:write.span.end] == b"Write"
    assert data.rfind(b"\nWrite (") + 1 == write.span.start
    assert write.use.start == data.index(b"-> Write") + 3
    handler_alt = [e for e in g.edges if e.label == "[_, _, _]"][0]
    assert handler_alt.span is not None
    assert data[handler_alt.span.start:].startswith(b"Handler:[_, _, _]")


def test_handler_of_enclosing_abstract_node_and_dispatch_failure() -> None:
    g = graph_of("""\
        Src () => (int v);
        P (int v) => (int v);
        Q (int v) => (int v);
        typedef small IsSmall;
        Outer = Inner -> Q;
        Inner:[small] = P;
        source Src => Outer;
        handle error Outer => OnOuter;
        handle error P => OnP;
        """)
    on_outer, on_p = only(g, "OnOuter"), only(g, "OnP")
    inner = only(g, "Inner", "abstract")

    def error_target(vertex: Vertex) -> tuple[int, str]:
        [edge] = [e for e in g.out_edges(vertex.id) if e.kind == "error"]
        return edge.dst, edge.label

    assert error_target(only(g, "P")) == (on_p.id, "error")           # its own handler
    assert error_target(only(g, "Q")) == (on_outer.id, "error")       # the enclosing one
    assert error_target(inner) == (on_outer.id, "no match")           # no catch-all
    assert error_target(only(g, "Src")) == (ERROR, "error")           # outside any flow


def test_abstract_node_used_twice_is_expanded_per_use_and_stays_acyclic() -> None:
    g = graph_of("""\
        S () => (int v);
        B (int v) => (int v);
        Y (int v) => (int v);
        End (int v) => ();
        X = B -> Y -> End;
        Z = Y -> B -> End;
        Top:[_] = X;
        source S => X;
        source S => Z;
        """)
    for name in ("B", "Y", "End"):          # one vertex per use: in X, in Z, in Top's X
        assert [v.reachable for v in g.named(name)] == [True, True, False]
    assert [v.reachable for v in g.named("X") if v.kind == "abstract"] == [True, False]
    assert_acyclic(g)
    assert_ball_larus(g)
    top = only(g, "Top", "abstract")
    assert not top.reachable and top.use is None     # detached: no source reaches it
    assert all(not v.reachable for v in g.vertices if v.parent == top.id)


def test_cycle_flx401_terminates_acyclic() -> None:
    g = graph_of("""\
        S () => (int v);
        N (int v) => (int v);
        A = N -> B;
        B = A;
        source S => A;
        """)
    assert_acyclic(g)
    unexpanded = [v for v in g.vertices if not v.expanded]
    assert names(g, [v.id for v in unexpanded]) == ["A"]
    assert_ball_larus(g)


def test_expansion_budget_truncates() -> None:
    levels = [f"L{i} = L{i + 1} -> L{i + 1};" for i in range(14)]
    text = "S () => (int v);\nL14 (int v) => (int v);\nsource S => L0;\n" + "\n".join(levels)
    g = build(analyze(text, "t.flux"), max_vertices=500)
    assert g.truncated and len(g.vertices) < 520
    assert_acyclic(g)


def test_broken_program_still_builds_what_it_can() -> None:
    g = graph_of("S () => (int v);\nA = S -> Missing -> ;\nsource S => A;\n")
    assert only(g, "Missing").kind == "unknown"
    assert only(g, "Missing").span is None
    assert_acyclic(g)


def test_no_source_yet_draws_detached_nodes() -> None:
    g = graph_of("P (int v) => (int v);\nA = P -> P;\n")
    assert path_count(g) == 0
    assert [v.kind for v in g.named("P")] == ["concrete", "concrete"]
    assert not any(v.reachable for v in g.named("P"))


# -- semantics: types and effective constraints (from the checks) --------------------

def test_vertex_types_come_from_semantics() -> None:
    g = graph_of(IMAGE_SERVER)
    assert only(g, "Listen").outputs == ("int",)
    assert only(g, "Complete").inputs == ("int", "bool", "image_tag *")
    assert only(g, "Complete").outputs == ()


def test_effective_constraints_with_elevation() -> None:
    analysis = analyze(ELEVATION, "elevation.flux")
    g = build(analysis)
    c = only(g, "C", "abstract")
    assert [(k.name, k.mode, k.elevated) for k in c.effective] == [
        ("x", "write", True), ("y", "write", False)]
    assert [k.name for k in c.declared] == ["y"]
    assert c.effective[0].reason is not None and "D" in c.effective[0].reason
    for name, expected in (("A", ["x"]), ("B", ["y"]), ("D", ["x"])):
        vertex = [v for v in g.named(name) if v.kind != "return"][0]
        assert [k.name for k in vertex.effective] == expected
        assert not any(k.changed for k in vertex.effective)
    dot = render_dot(g)
    assert re.search(r'label=<C<BR/><FONT POINT-SIZE="10">\{<FONT COLOR="#[0-9a-f]+">x'
                     r"</FONT>, y\}</FONT>>", dot)
    assert "↑" not in dot  # constraints are written in Flux syntax
    data = graph_json(g, analysis.lines, "elevation.flux")
    [vc] = [v for v in data["vertices"] if v["name"] == "C" and v["kind"] == "abstract"]
    assert [(k["name"], k["elevated"]) for k in vc["constraints"]["effective"]] == [
        ("x", True), ("y", False)]
    assert f"class v{c.id} elevated" in render_mermaid(g)


def test_image_server_constraints_on_dot_labels() -> None:
    dot = render_dot(graph_of(IMAGE_SERVER))
    assert re.search(r"label=<CheckCache<BR/><FONT POINT-SIZE=\"10\">\{cache\?\}", dot)


# -- Ball–Larus ----------------------------------------------------------------------

def test_ball_larus_image_server() -> None:
    g = graph_of(IMAGE_SERVER)
    assert path_count(g) == len(all_paths(g)) == 12
    assert_ball_larus(g)
    first = decode_path(g, 0)           # normal paths before error paths
    assert g.edges[first[-1]].dst == EXIT
    with pytest.raises(ValueError):
        decode_path(g, 12)


@st.composite
def programs(draw: st.DrawFn) -> str:
    """Random small programs: concrete C0..Ck, abstract A0..Am with dispatch, empty
    alternatives, handlers, several sources, and sometimes a cycle (FLX401)."""
    k = draw(st.integers(1, 4))
    m = draw(st.integers(1, 4))
    lines = [f"C{i} (int v) => (int v);" for i in range(k)] + ["typedef t T;"]
    for i in range(m):
        later = [f"C{j}" for j in range(k)] + [f"A{j}" for j in range(i + 1, m)]
        if draw(st.booleans()):
            later.append(f"A{draw(st.integers(0, i))}")     # may close a cycle
        for _ in range(draw(st.integers(1, 3))):
            steps = draw(st.lists(st.sampled_from(later), max_size=3))
            pattern = draw(st.sampled_from(["", ":[_]", ":[t]"]))
            lines.append(f"A{i}{pattern} = {' -> '.join(steps)};")
    for name in draw(st.lists(st.sampled_from([f"C{j}" for j in range(k)]
                                              + [f"A{j}" for j in range(m)]), max_size=3)):
        lines.append(f"handle error {name} => H{name};")
    for target in draw(st.lists(st.integers(0, m - 1), min_size=1, max_size=2)):
        lines.append(f"source C0 => A{target};")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_generated_programs_are_acyclic_and_numbered(text: str) -> None:
    g = build(analyze(text, "gen.flux"), max_vertices=400)
    assert_acyclic(g)
    assert [v.id for v in g.vertices] == list(range(len(g.vertices)))
    assert [e.id for e in g.edges] == list(range(len(g.edges)))
    for vertex in g.vertices:          # every reachable vertex leads to EXIT or ERROR
        if vertex.reachable and vertex.id not in (EXIT, ERROR):
            assert g.out_edges(vertex.id), vertex
    if path_count(g) <= 3000:
        assert_ball_larus(g)
    assert build(analyze(text, "gen.flux"), max_vertices=400) == g     # stable ids


FLUXISH = st.lists(st.sampled_from(list("AB_ ;:=->[](){},?!*\n") + [
    "int v", "source ", "handle error ", "atomic ", "typedef t T;"]), max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(FLUXISH)
def test_any_text_gives_an_acyclic_graph_and_renders(text: str) -> None:
    analysis = analyze(text, "fuzz.flux")
    g = build(analysis, max_vertices=300)
    assert_acyclic(g)
    render_dot(g)
    render_mermaid(g)
    json.loads(render_json(g, analysis.lines, "fuzz.flux"))


# -- subgraph -------------------------------------------------------------------------

def test_subgraph_of_abstract_node() -> None:
    g = graph_of(IMAGE_SERVER)
    sub = subgraph(g, "Handler")
    assert sorted(v.name for v in sub.vertices) == sorted([
        "ENTRY", "EXIT", "ERROR", "Handler", "Handler", "ReadInFromDisk", "Compress",
        "StoreInCache", "NotFound"])
    handler = only(sub, "Handler", "abstract")
    assert handler.id == only(g, "Handler", "abstract").id and handler.parent is None
    assert sub.successors(ENTRY) == (handler.id,)
    assert_acyclic(sub)
    assert path_count(sub) == len(all_paths(sub)) == 5     # hit, full, 3 failures
    with pytest.raises(KeyError):
        subgraph(g, "Nope")


def test_subgraph_of_concrete_node_shows_neighbours() -> None:
    sub = subgraph(graph_of(IMAGE_SERVER), "Compress")
    assert sorted(v.name for v in sub.vertices) == sorted([
        "ENTRY", "EXIT", "ERROR", "Compress", "ReadInFromDisk", "StoreInCache"])


# -- renderers ------------------------------------------------------------------------

def test_dot_shapes_and_edges() -> None:
    g = graph_of(IMAGE_SERVER)
    dot = render_dot(g, "image.flux")
    assert dot.startswith("// Generated by flux graph from image.flux")
    handler = only(g, "Handler", "abstract")
    assert f"subgraph cluster_v{handler.id} {{" in dot
    assert re.search(rf'v{handler.id} -> v\d+ \[fontsize=10 id="e\d+" label="1: \[_, _, hit\]"\]',
                     dot)
    error_edges = [line for line in dot.splitlines() if "style=dashed" in line]
    assert len(error_edges) == len([e for e in g.edges if e.kind == "error"])
    assert all('color="#c92a2a"' in line for line in error_edges)
    assert "shape=Mdiamond" in dot and "shape=octagon" in dot and "shape=note" in dot


def test_dot_escapes_odd_titles() -> None:
    dot = render_dot(graph_of(IMAGE_SERVER), 'a "q" \\ b.flux')
    assert 'digraph "a \\"q\\" \\\\ b.flux" {' in dot


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed")
@pytest.mark.parametrize("text", [IMAGE_SERVER, ELEVATION], ids=["image", "elevation"])
def test_dot_is_accepted_by_graphviz(text: str) -> None:
    done = subprocess.run(["dot", "-Tsvg"], input=render_dot(graph_of(text)).encode(),
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"<svg" in done.stdout and b'id="v4"' in done.stdout


def test_json_schema_shape() -> None:
    analysis = analyze(IMAGE_SERVER, "image.flux")
    g = build(analysis)
    data = json.loads(render_json(g, analysis.lines, "image.flux"))
    assert set(data) == {"schema", "path", "truncated", "paths", "vertices", "edges"}
    assert (data["schema"], data["path"], data["paths"]) == ("flux-graph/1", "image.flux", 12)
    assert [v["id"] for v in data["vertices"]] == [v.id for v in g.vertices]
    vertex_keys = {"id", "kind", "name", "parent", "reachable", "expanded", "handles",
                   "declaration", "use", "inputs", "outputs", "constraints"}
    assert all(set(v) == vertex_keys for v in data["vertices"])
    edge_keys = {"id", "src", "dst", "kind", "label", "pattern", "alternative", "unhandled",
                 "weight", "range", "order"}
    assert all(set(e) == edge_keys for e in data["edges"])
    [write] = [v for v in data["vertices"] if v["name"] == "Write"]
    line = IMAGE_SERVER.splitlines().index(next(x for x in IMAGE_SERVER.splitlines()
                                                if x.startswith("Write ")))
    assert write["declaration"] | {} == {
        "start": write["declaration"]["start"], "end": write["declaration"]["start"] + 5,
        "line": line + 1, "column": 1, "end_line": line + 1, "end_column": 6}
    [hit] = [e for e in data["edges"] if e["label"] == "[_, _, hit]"]
    assert (hit["kind"], hit["pattern"], hit["alternative"]) == ("dispatch", ["_", "_", "hit"],
                                                                 0)
    assert hit["range"]["line"] == IMAGE_SERVER.splitlines().index(
        "Handler:[_, _, hit] = ;") + 1
    weights = ball_larus(g)
    assert [e["weight"] for e in data["edges"]] == [weights[e.id] for e in g.edges]


def test_json_columns_count_code_points() -> None:
    text = "/* é → */ S () => (int v);\nA = S;\n"
    analysis = analyze(text, "u.flux")
    data = graph_json(build(analysis), analysis.lines, "u.flux")
    [s] = [v for v in data["vertices"] if v["name"] == "S"]
    assert (s["declaration"]["line"], s["declaration"]["column"]) == (1, 11)
    assert s["declaration"]["start"] == len("/* é → */ ".encode())


def test_mermaid_text() -> None:
    g = graph_of(IMAGE_SERVER)
    text = render_mermaid(g)
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    handler = only(g, "Handler", "abstract")
    assert f'subgraph s{handler.id} ["Handler"]' in [line.strip() for line in lines]
    assert f'v{handler.id} -->|"1: [_, _, hit]"| v{only(g, "Handler", "return").id}' in text
    assert f"v{only(g, 'Compress').id} -.-> v{ERROR}" in text
    assert text.count("subgraph ") == text.count("\n  end") + text.count("\n    end")
    assert re.search(r"linkStyle [\d,]+ stroke:#c92a2a", text)
    assert '{"' + "Image" in text and '(["Listen"])' in text


def test_mermaid_escapes_labels() -> None:
    from flux_ls.graph_render import _mq
    assert _mq('a "b" <c> #d\ne') == '"a #quot;b#quot; #lt;c#gt; #35;d<br/>e"'


# -- CLI ------------------------------------------------------------------------------

def flux(*args: str, stdin: str | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "graph", *args],
                          input=stdin, capture_output=True, text=True, timeout=120,
                          env=env, check=False)


@pytest.fixture
def image(tmp_path: Path) -> Path:
    path = tmp_path / "image.flux"
    path.write_text(IMAGE_SERVER, encoding="utf-8")
    return path


def test_cli_default_is_dot_on_stdout(image: Path) -> None:
    done = flux(str(image))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("// Generated by flux graph from image.flux")
    assert 'digraph "image.flux" {' in done.stdout


def test_cli_json_mermaid_and_node(image: Path) -> None:
    done = flux(str(image), "--format", "json", "--node", "Handler")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {v["name"] for v in data["vertices"]} >= {"Handler", "Compress", "NotFound"}
    assert "Listen" not in {v["name"] for v in data["vertices"]}
    mermaid = flux("-", "--format", "mermaid", stdin=IMAGE_SERVER)
    assert mermaid.returncode == 0 and mermaid.stdout.startswith("flowchart TD\n")


def test_cli_output_file_is_written(image: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    done = flux(str(image), "--format", "json", "-o", str(out))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "flux-graph/1"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_cli_unknown_node(image: Path) -> None:
    done = flux(str(image), "--node", "Handlr")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (f"flux: error: --node: no node named 'Handlr' in {image}; "
                           "did you mean 'Handler'?\n")


def test_cli_missing_file_and_unwritable_output(image: Path, tmp_path: Path) -> None:
    done = flux(str(tmp_path / "nope.flux"))
    assert done.returncode == 2
    assert done.stderr == f"flux: error: {tmp_path / 'nope.flux'}: no such file or directory\n"
    done = flux(str(image), "-o", str(tmp_path / "no" / "such" / "dir.dot"))
    assert done.returncode == 2 and done.stderr.startswith("flux: error: cannot write ")
    assert "Traceback" not in done.stderr


def test_cli_program_with_errors_warns(tmp_path: Path) -> None:
    broken = tmp_path / "broken.flux"
    broken.write_text("S () => (int v);\nP (int v) => ();\nA = P -> Missing;\n"
                      "source S => A;\n", "utf-8")
    done = flux(str(broken))
    assert done.returncode == 0
    assert done.stderr == (f"flux: warning: {broken} has 1 error; "
                           "the graph may be incomplete\n")
    assert "Missing?" in done.stdout


def test_cli_unparseable_input() -> None:
    done = flux("-", stdin="%%% not flux at all %%%\n")
    assert done.returncode == 1 and done.stdout == ""
    assert re.fullmatch(r"flux: error: <stdin> cannot be parsed \(\d+ errors?; `flux check` "
                        r"shows them\): no graph\n", done.stderr)


def test_cli_svg_without_graphviz(image: Path) -> None:
    env = dict(os.environ, PATH="")
    done = flux(str(image), "--format", "svg", env=env)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("flux: error: --format svg needs Graphviz's dot "
                           "(Debian: apt install graphviz)\n")


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed")
def test_cli_svg_with_graphviz(image: Path, tmp_path: Path) -> None:
    out = tmp_path / "image.svg"
    done = flux(str(image), "--format", "svg", "-o", str(out))
    assert done.returncode == 0, done.stderr
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg and "ReadInFromDisk" in svg


def test_cli_bad_format_is_a_usage_error(image: Path) -> None:
    done = flux(str(image), "--format", "png")
    assert done.returncode == 2 and "invalid choice: 'png'" in done.stderr


def test_cli_warns_when_the_graph_is_cut(tmp_path: Path) -> None:
    levels = "\n".join(f"L{i} = L{i + 1} -> L{i + 1};" for i in range(14))
    deep = tmp_path / "deep.flux"
    deep.write_text(f"S () => (int v);\nL14 (int v) => (int v);\nsource S => L0;\n{levels}\n",
                    encoding="utf-8")
    done = flux(str(deep), "--format", "mermaid")
    assert done.returncode == 0 and done.stdout.startswith("flowchart TD\n")
    assert re.fullmatch(rf"flux: warning: {re.escape(str(deep))}: the graph was cut at \d+ "
                        r"vertices \(abstract nodes nest too deeply to expand every use\)\n",
                        done.stderr)


def test_dispatch_edges_are_numbered_in_the_order_alternatives_are_tried() -> None:
    """First match wins, so the order of the alternatives is part of the program: DOT (and
    so SVG), Mermaid and JSON number the dispatch edges of a node with several."""
    text = IMAGE_SERVER
    analysis = analyze(text, "image.flux")
    g = graph_of(text)
    handler = only(g, "Handler", "abstract")
    dispatch = [e for e in g.out_edges(handler.id) if e.kind == "dispatch"]
    dot = render_dot(g)
    for order, e in enumerate(dispatch, 1):
        assert f'id="e{e.id}" label="{order}: {e.label}"' in dot
    mermaid = render_mermaid(g)
    assert '|"1: [_, _, hit]"|' in mermaid and '|"2: [_, _, _]"|' in mermaid
    edges = {e["id"]: e for e in graph_json(g, analysis.lines, "image.flux")["edges"]}
    assert [edges[e.id]["order"] for e in dispatch] == [1, 2]
    # one alternative: nothing to order
    single = graph_of("S () => (int v);\nE (int v) => ();\nA = E;\nsource S => A;\n")
    assert all(e["order"] is None for e in graph_json(single, analyze(
        "S () => (int v);\nE (int v) => ();\nA = E;\nsource S => A;\n").lines, "a")["edges"])
    assert '"1' not in render_dot(single)
