"""``flux check`` and ``flux build`` agree: the build never finds a problem in a program the
checker passed.

Every step of the build that reads the checked program (the C interface, the plan of the
program graph, the generated header and driver) is run on small generated programs made of
the constructs where the two have disagreed: abstract nodes with empty flows and no
signature, dispatch, abstract sources, session and program constraints in the source's own
flow and in the target's, handlers, repeated parameter names. Whenever the checker reports
no error, none of those steps may raise. (``test_build_codegen`` compiles the generated code
of every passing program of the test data and the examples with gcc.)
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flux_ls.analysis import analyze
from flux_ls.build.gen_header import render_header
from flux_ls.build.gen_program import render_program
from flux_ls.build.plan import make_plan
from flux_ls.cinterface import build_interface
from flux_ls.graph import build as build_graph

CONCRETE = ("C0", "C1", "C2")
ABSTRACT = ("A0", "A1", "A2")
#: Mostly one type, so that most programs pass; now and then one that breaks a flow.
SIDES = st.integers(0, 24).map(lambda i: {0: "()", 1: "(int x, int x)", 2: "(char *s)"}
                                .get(i, "(int x)"))


@st.composite
def _flow(draw: st.DrawFn, index: int) -> str:
    """Steps of a flow of abstract node ``index``: concrete nodes and later abstract ones."""
    choices = [*CONCRETE, *ABSTRACT[index + 1:]]
    size = draw(st.sampled_from((0, 1, 1, 1, 2, 2)))  # empty now and then
    return " -> ".join(draw(st.lists(st.sampled_from(choices), min_size=size,
                                     max_size=size)))


@st.composite
def programs(draw: st.DrawFn) -> str:
    lines = ["Src () => (int x);", "typedef p IsP;"]
    lines += [f"{n} {draw(SIDES)} => {draw(SIDES)};" for n in CONCRETE]
    for i, name in enumerate(ABSTRACT):
        if draw(st.booleans()):
            lines.append(f"{name} (int x) => (int x);")
        if draw(st.booleans()):
            lines.append(f"{name} = {draw(_flow(i))};")
        else:
            for _ in range(draw(st.integers(1, 3))):
                pattern = draw(st.sampled_from(("p", "_")))
                lines.append(f"{name}:[{pattern}] = {draw(_flow(i))};")
    lines.append(f"Gen = Src -> {draw(st.sampled_from(CONCRETE))};")
    for _ in range(draw(st.integers(1, 2))):
        node = draw(st.sampled_from(("Src", "Gen")))
        session = draw(st.sampled_from(("", " {session: Who}")))
        target = draw(st.sampled_from((*ABSTRACT, *CONCRETE)))
        lines.append(f"source {node}{session} => {target};")
    nodes = ("Src", "Gen", *CONCRETE, *ABSTRACT)
    for _ in range(draw(st.integers(0, 3))):
        node = draw(st.sampled_from(nodes))
        constraint = draw(st.sampled_from(("a", "a?", "s(session)", "s?(session)")))
        lines.append(f"atomic {node}:{{{constraint}}};")
    if draw(st.booleans()):
        lines.append(f"handle error {draw(st.sampled_from(nodes))} => OnError;")
    return "\n".join(draw(st.permutations(lines))) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_the_build_accepts_every_program_the_checker_passes(text: str) -> None:
    analysis = analyze(text, "p.flux")
    if analysis.errors:
        return
    interface = build_interface(analysis)
    plan = make_plan(build_graph(analysis), analysis.program)
    render_header(interface, "p.flux", [])
    render_program(analysis.semantics, interface, plan, name="p", source_file="p.flux",
                   runtime="event", threads=0)


def test_the_programs_of_issue_8_are_refused_by_the_checker_with_a_code() -> None:
    empty = analyze(b"""\
P () => (int pos);
Q (int pos) => ();
source P => A;
A = P2 -> E -> Q;
P2 (int pos) => (int pos);
typedef pos IsPos;
E:[pos] = ;
E:[_] = ;
""", "e.flux")
    assert [d.code for d in empty.errors] == ["FLX212"]
    assert "`E (int pos) => (int pos);`" in (empty.errors[0].hint or "")
    session = analyze(b"""\
Gen () => (int x);
Tag (int x) => (int x);
Fin (int x) => ();
source Src {session: F} => Fin;
Src = Gen -> Tag;
atomic Tag:{t(session)};
""", "s.flux")
    assert [d.code for d in session.errors] == ["FLX605"]
