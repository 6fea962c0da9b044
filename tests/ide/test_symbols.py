"""Document and workspace symbols (``flux_ls.ide.symbols``)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from ide_support import FILES, PAPER

from flux_ls.analysis import analyze
from flux_ls.ide.symbols import (
    DocumentSymbol,
    SymbolKind,
    document_symbols,
    fuzzy_score,
    workspace_symbols,
)


def _check_tree(symbols: list[DocumentSymbol] | tuple[DocumentSymbol, ...],
                lo: int, hi: int) -> None:
    """Ranges hold their selection ranges and children, siblings are ordered and disjoint."""
    previous_end = lo
    for s in symbols:
        assert previous_end <= s.start <= s.selection_start <= s.selection_end <= s.end <= hi
        _check_tree(s.children, s.start, s.end)
        previous_end = s.end


def test_outline_of_the_image_server() -> None:
    analysis = analyze(PAPER)
    symbols = document_symbols(analysis)
    by_name = [(s.name, s.kind) for s in symbols]
    assert by_name[0] == ("Listen", SymbolKind.NODE)
    assert ("Image", SymbolKind.ABSTRACT_NODE) in by_name
    assert ("source Listen", SymbolKind.SOURCE) in by_name
    assert ("hit", SymbolKind.PREDICATE_TYPE) in by_name
    assert ("handle error ReadInFromDisk", SymbolKind.HANDLER) in by_name
    assert ("atomic CheckCache", SymbolKind.ATOMIC) in by_name
    assert len(symbols) == len(analysis.program.declarations) - 1   # two alternatives: one
    _check_tree(symbols, 0, len(analysis.data))


def test_consecutive_alternatives_are_one_symbol_with_a_child_each() -> None:
    analysis = analyze(PAPER)
    handler = next(s for s in document_symbols(analysis) if s.name == "Handler"
                   and s.detail.startswith("dispatch"))
    assert handler.detail == "dispatch, 2 alternatives"
    assert [(c.name, c.detail) for c in handler.children] == [
        ("[_, _, hit]", "= (empty)"),
        ("[_, _, _]", "= ReadInFromDisk -> Compress -> StoreInCache")]
    data = analysis.data
    assert data[handler.children[0].selection_start:handler.children[0].selection_end] == \
        b"[_, _, hit]"


def test_details_signature_source_and_atomic() -> None:
    analysis = analyze(PAPER)
    symbols = {s.name: s for s in document_symbols(analysis)}
    assert symbols["ReadRequest"].detail == \
        "(int socket) => (int socket, bool close, image_tag *request)"
    assert symbols["source Listen"].detail == "=> Image"
    atomic = symbols["atomic CheckCache"]
    assert atomic.detail == "{cache?}"
    assert [(c.name, c.kind, c.detail) for c in atomic.children] == [
        ("cache", SymbolKind.CONSTRAINT, "reader, program")]


def test_ranges_include_the_doc_comment_and_select_the_name() -> None:
    text = "/* not a doc */\n/** The doc. */\nA () => ();\nsource A => A;\n"
    analysis = analyze(text)
    a = document_symbols(analysis)[0]
    assert analysis.data[a.start:a.end] == b"/** The doc. */\nA () => ();"
    assert analysis.data[a.selection_start:a.selection_end] == b"A"


def test_abstract_flow_without_signature_shows_inferred_types() -> None:
    analysis = analyze("A () => (int x);\nB (int x) => ();\nF = A -> B;\nsource A => B;\n")
    flow = next(s for s in document_symbols(analysis) if s.name == "F")
    assert flow.detail == "= A -> B   () => ()"


def test_broken_and_non_ascii_files_give_consistent_outlines() -> None:
    for text in ("/* é → 漢 */ A (int x) => (;\nB = A ->\natomic B:{x", "typedef",
                 "Ü () => ();", "A:[_] = B;\nA:[_ = C;\nA:[x] = ;"):
        analysis = analyze(text)
        _check_tree(document_symbols(analysis), 0, len(analysis.data))


GAME = """\
Receive () => (int player);
ApplyMove (int player) => ();
Apply (int player) => (int player);
WriteLog (int player) => ();
source Receive => Serve;
Serve = Apply -> ApplyMove;
"""


def test_workspace_symbols_rank_exact_prefix_word_starts_then_scattered() -> None:
    files = [("paper.flux", analyze(PAPER, "paper.flux")), ("game.flux", analyze(GAME))]
    names = [s.name for s in workspace_symbols(files, "Write")]
    assert names == ["Write", "WriteLog"]
    assert [s.name for s in workspace_symbols(files, "apply")] == ["Apply", "ApplyMove"]
    game = workspace_symbols(files, "ApM")
    assert game[0].name == "ApplyMove" and game[0].path == "game.flux"
    assert game[0].kind is SymbolKind.NODE and game[0].container == "concrete node"
    assert [s.name for s in workspace_symbols(files, "rr")][:1] == ["ReadRequest"]
    assert workspace_symbols(files, "zzzzqq") == []


def test_workspace_symbols_cover_every_kind_of_name() -> None:
    path = "paper.flux"
    analysis = analyze(PAPER, path)
    found = {(s.name, s.kind) for s in workspace_symbols([(path, analysis)], "")}
    assert {("Image", SymbolKind.ABSTRACT_NODE), ("hit", SymbolKind.PREDICATE_TYPE),
            ("TestInCache", SymbolKind.C_FUNCTION), ("NotFound", SymbolKind.C_FUNCTION),
            ("cache", SymbolKind.CONSTRAINT)} <= found
    symbol = next(s for s in workspace_symbols([(path, analysis)], "NotFound"))
    assert analysis.data[symbol.start:symbol.end] == b"NotFound"
    assert symbol.container == "handler of `ReadInFromDisk`"


def test_workspace_symbols_limit() -> None:
    analysis = analyze("".join(f"N{i} () => ();\n" for i in range(50)))
    assert len(workspace_symbols([("a", analysis)], "n", limit=7)) == 7
    assert len(workspace_symbols([("a", analysis)], "n", limit=None)) == 50


def _score(query: str, name: str) -> tuple[int, int, int]:
    score = fuzzy_score(query, name)
    assert score is not None
    return score


def test_fuzzy_score_order() -> None:
    order = ["ReadRequest", "readrequest", "ReadRequestBody", "ReadRequestBodyx", "Read_Req",
             "XReadRequest", "RxeadRequest"]
    scores = [_score("ReadRequest", n) for n in order[:4]]
    assert scores == sorted(scores) and len(set(scores)) == 4
    assert _score("rr", "ReadRequest") < _score("rr", "Error")        # initials first
    assert _score("req", "ReadRequest") < _score("req", "RxExQ")      # a word's prefix first
    assert _score("read", "XReadRequest") < _score("read", "RxeadRequest")
    assert fuzzy_score("xyz", "ReadRequest") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abAB_x", max_size=6), st.text(alphabet="abAB_x", max_size=12))
def test_fuzzy_score_is_a_subsequence_test(query: str, name: str) -> None:
    it = iter(name.lower())
    expected = all(ch in it for ch in query.lower())
    assert (fuzzy_score(query, name) is not None) == expected


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FILES), st.floats(0, 1), st.floats(0, 1),
       st.text(alphabet="A_b ->=:[](){},;?!*/é\n", max_size=12))
def test_outline_of_broken_text_never_raises(path: Path, a: float, b: float,
                                             insert: str) -> None:
    data = path.read_bytes()
    lo, hi = sorted((int(a * len(data)), int(b * len(data))))
    analysis = analyze(data[:lo] + insert.encode() + data[hi:])
    _check_tree(document_symbols(analysis), 0, len(analysis.data))
    workspace_symbols([("x", analysis)], insert[:3])
