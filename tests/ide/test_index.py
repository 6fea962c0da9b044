"""The symbol index (``flux_ls.ide.index``): every definition and use of every name.

Also the robustness property of all position-based features of ``flux_ls.ide`` (index,
navigation, hover, rename, call hierarchy, signature help): for any offset in the examples,
the test programs and random Flux-like text, none raises.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ide_support import FILES
from ide_support import word_at as at

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide import callhierarchy, hover, navigation, rename, signature_help
from flux_ls.ide.index import Symbol, index, symbol_at
from flux_ls.model import Atomic, FlowDef, Handler, Signature, Source, Typedef

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
if str(TESTS) not in sys.path:  # tests/ide/ is on sys.path, its parent not always
    sys.path.insert(0, str(TESTS))
from strategies import flux_programs  # noqa: E402

PROGRAM = """\
/* ünïcödé → comment before the first symbol */
/** Waits for a connection. */
Listen () => (int socket);
Read (int socket) => (int socket, char *data);
Write (int socket, char *data) => ();
source Listen {session: Who} => Serve;
Serve = Read -> Route;
typedef big IsBig;
Route:[_, big] = Write;
Route:[_, _] = Write;
handle error Read => OnError;
atomic Read:{cache?};
atomic Write:{cache, stats(session)};
"""


@pytest.fixture(scope="module")
def program() -> Analysis:
    return analyze(PROGRAM, "program.flux")


def roles(analysis: Analysis, kind: str, name: str) -> list[tuple[str, int]]:
    return [(o.role, o.start) for o in index(analysis).of(Symbol(kind, name))]  # type: ignore[arg-type]


def test_every_occurrence_of_a_node_with_its_role(program: Analysis) -> None:
    assert roles(program, "node", "Read") == [
        ("signature", at(PROGRAM, "Read")), ("step", at(PROGRAM, "Read", 1)),
        ("handled_node", at(PROGRAM, "Read", 2)), ("atomic_node", at(PROGRAM, "Read", 3))]
    assert roles(program, "node", "Serve") == [
        ("source_target", at(PROGRAM, "Serve")), ("flow", at(PROGRAM, "Serve", 1))]
    assert [r for r, _ in roles(program, "node", "Route")] == ["step", "flow", "flow"]
    assert [r for r, _ in roles(program, "node", "Listen")] == ["signature", "source_node"]


def test_predicate_types_constraints_and_functions(program: Analysis) -> None:
    assert [r for r, _ in roles(program, "predicate_type", "big")] == ["typedef", "pattern"]
    assert [r for r, _ in roles(program, "constraint", "cache")] == ["constraint"] * 2
    assert [r for r, _ in roles(program, "constraint", "stats")] == ["constraint"]
    assert roles(program, "function", "IsBig") == [("predicate_function", at(PROGRAM, "IsBig"))]
    assert roles(program, "function", "OnError") == [("handler_function",
                                                      at(PROGRAM, "OnError"))]
    assert roles(program, "function", "Who") == [("session_function", at(PROGRAM, "Who"))]


def test_occurrences_know_their_owner_position_and_declaration(program: Analysis) -> None:
    step = symbol_at(program, at(PROGRAM, "Route"))
    assert step is not None and step.owner == "Serve" and step.position == 1
    assert isinstance(step.declaration, FlowDef) and step.declaration.name.text == "Serve"
    element = symbol_at(program, at(PROGRAM, "big", 1))
    assert element is not None and (element.owner, element.position) == ("Route", 1)
    constraint = symbol_at(program, at(PROGRAM, "stats"))
    assert constraint is not None and constraint.owner == "Write" and constraint.position == 1
    assert isinstance(constraint.declaration, Atomic)
    session = symbol_at(program, at(PROGRAM, "Who"))
    assert session is not None and session.owner == "Serve"
    assert isinstance(session.declaration, Source)
    handler = symbol_at(program, at(PROGRAM, "OnError"))
    assert handler is not None and handler.owner == "Read"
    assert isinstance(handler.declaration, Handler)
    typedef = symbol_at(program, at(PROGRAM, "IsBig"))
    assert typedef is not None and isinstance(typedef.declaration, Typedef)
    sig = symbol_at(program, at(PROGRAM, "Listen"))
    assert sig is not None and isinstance(sig.declaration, Signature) and sig.is_definition


def test_definitions_and_uses_are_split_by_role(program: Analysis) -> None:
    idx = index(program)
    route = Symbol("node", "Route")
    assert [o.role for o in idx.definitions(route)] == ["flow", "flow"]
    assert [o.role for o in idx.uses(route)] == ["step"]
    assert all(o.is_definition for o in idx.of(Symbol("constraint", "cache")))


def test_cursor_at_start_inside_and_end_of_a_name(program: Analysis) -> None:
    start = at(PROGRAM, "Write", 1)
    for offset in (start, start + 2, start + len("Write")):
        occ = symbol_at(program, offset)
        assert occ is not None and occ.symbol == Symbol("node", "Write")
        assert (occ.start, occ.end) == (start, start + len("Write"))
    assert symbol_at(program, start - 1) is None  # the space before it


def test_cursor_off_any_name(program: Analysis) -> None:
    data = PROGRAM.encode()
    for offset in (0, data.index(b"=>"), data.index(b"->") + 1, data.index(b"_"),
                   data.index(b"char"), data.index(b"socket"), len(data), len(data) + 10, -5):
        assert symbol_at(program, offset) is None


def test_offsets_are_bytes_after_non_ascii_text(program: Analysis) -> None:
    occ = symbol_at(program, at(PROGRAM, "Listen"))
    assert occ is not None
    assert PROGRAM.encode()[occ.start:occ.end] == b"Listen"
    assert PROGRAM.index("Listen") < occ.start  # characters and bytes differ here


def test_undefined_names_are_indexed_without_definitions() -> None:
    text = "A = B -> C;\nX:[_, nope] = ;\natomic Ghost:{c};\n"
    analysis = analyze(text)
    idx = index(analysis)
    assert [o.role for o in idx.of(Symbol("node", "B"))] == ["step"]
    assert idx.definitions(Symbol("node", "B")) == ()
    assert [o.role for o in idx.of(Symbol("predicate_type", "nope"))] == ["pattern"]
    assert [o.role for o in idx.of(Symbol("node", "Ghost"))] == ["atomic_node"]


def test_index_is_cached_per_analysis(program: Analysis) -> None:
    assert index(program) is index(program)
    assert index(analyze(PROGRAM)) is not index(program)


def test_broken_file_keeps_what_still_parses() -> None:
    text = "A (int x) => (int x);\nB = A ->;\nC (int x => ();\nsource A => B;\n"
    analysis = analyze(text)
    assert analysis.errors
    idx = index(analysis)
    assert [o.role for o in idx.of(Symbol("node", "A"))][:1] == ["signature"]
    assert Symbol("node", "B") in idx
    assert symbol_at(analysis, text.rindex("B")) is not None


def test_symbols_lists_each_kind(program: Analysis) -> None:
    idx = index(program)
    assert idx.symbols("predicate_type") == (Symbol("predicate_type", "big"),)
    assert [s.name for s in idx.symbols("constraint")] == ["cache", "stats"]
    assert {s.name for s in idx.symbols("function")} == {"Who", "IsBig", "OnError"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_name_of_the_model_is_indexed(path: Path) -> None:
    analysis = analyze(path.read_bytes(), str(path))
    idx = index(analysis)
    expected = set()
    for decl in analysis.program.declarations:
        if isinstance(decl, Signature):
            expected.add(decl.name.span.start)
        elif isinstance(decl, FlowDef):
            expected |= {decl.name.span.start, *(s.span.start for s in decl.steps)}
            expected |= {e.name.span.start for e in decl.pattern or () if e.name}
        elif isinstance(decl, Atomic):
            expected |= {decl.node.span.start, *(c.name.span.start for c in decl.constraints)}
    starts = {o.start for o in idx.occurrences}
    assert expected <= starts
    for occ in idx.occurrences:
        assert analysis.data[occ.start:occ.end].decode() == occ.name
        assert symbol_at(analysis, occ.start) == occ
        assert symbol_at(analysis, occ.end) == occ


# -- robustness: no position-based feature raises, anywhere ---------------------------------

def _every_feature(analysis: Analysis, offset: int) -> None:
    symbol_at(analysis, offset)
    navigation.definition(analysis, offset)
    navigation.declaration(analysis, offset)
    navigation.references(analysis, offset, include_declaration=False)
    navigation.document_highlight(analysis, offset)
    hover.hover(analysis, offset)
    rename.prepare_rename(analysis, offset)
    rename.rename(analysis, offset, "Renamed")
    for item in callhierarchy.prepare_call_hierarchy(analysis, offset):
        callhierarchy.incoming_calls(analysis, item.name)
        callhierarchy.outgoing_calls(analysis, item.name)
    signature_help.signature_help(analysis, offset)


ANALYSES = [analyze(p.read_bytes(), str(p)) for p in FILES]
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_no_feature_raises_at_any_offset_of_the_examples_and_test_data(data: st.DataObject) -> None:
    analysis = data.draw(st.sampled_from(ANALYSES))
    for offset in data.draw(st.lists(st.integers(-2, len(analysis.data) + 2), max_size=8)):
        _every_feature(analysis, offset)


@SETTINGS
@given(flux_programs(max_declarations=6), st.data())
def test_no_feature_raises_on_random_programs(text: str, data: st.DataObject) -> None:
    analysis = analyze(text)
    for offset in data.draw(st.lists(st.integers(0, len(analysis.data)), max_size=6)):
        _every_feature(analysis, offset)


BROKEN = st.lists(st.sampled_from(list("ABx_ *(){}[]:;,=>-?!\n") + [
    "source ", "typedef ", "handle error ", "atomic ", "session", "->", "=>", "int ", "/*",
    "*/", "//", "é"]), max_size=60).map("".join)


@SETTINGS
@given(BROKEN, st.data())
def test_no_feature_raises_on_broken_text(text: str, data: st.DataObject) -> None:
    analysis = analyze(text)
    for offset in data.draw(st.lists(st.integers(0, len(analysis.data)), max_size=6)):
        _every_feature(analysis, offset)


def test_every_offset_of_every_example() -> None:
    """Exhaustively, on the bundled examples (cheap: the index makes each call quick)."""
    for analysis in ANALYSES:
        if "examples" not in analysis.path:
            continue
        for offset in range(0, len(analysis.data) + 1, 7):
            _every_feature(analysis, offset)
