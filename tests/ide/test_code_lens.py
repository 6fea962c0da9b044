"""Code lenses (``flux_ls.ide.code_lens``): flow graphs of sources and abstract nodes, and
reference counts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from ide_support import FILES

from flux_ls.analysis import analyze
from flux_ls.ide.code_lens import FLOW_GRAPH_COMMAND, REFERENCES_COMMAND, code_lenses

TEXT = """\
/* é → 漢 */
Listen () => (int fd);
Close (int fd) => ();
source Listen => Serve;
Serve = Route -> Close;
typedef odd IsOdd;
Route:[odd] = ;
Route:[_] = ;
atomic Close:{x};
"""


def test_flow_graph_lenses_on_sources_and_abstract_nodes() -> None:
    analysis = analyze(TEXT, "file:///srv/a.flux")
    lenses = [lens for lens in code_lenses(analysis) if lens.command == FLOW_GRAPH_COMMAND]
    assert [(analysis.data[lens.start:lens.end], lens.arguments) for lens in lenses] == [
        (b"source Listen", ("file:///srv/a.flux", "Serve")),
        (b"Serve", ("file:///srv/a.flux", "Serve")),
        (b"Route", ("file:///srv/a.flux", "Route")),
    ]
    assert all(lens.title == "Show flow graph" for lens in lenses)


def test_reference_counts_list_every_use() -> None:
    analysis = analyze(TEXT)
    refs = {lens.arguments[1]: lens for lens in code_lenses(analysis)
            if lens.command == REFERENCES_COMMAND}
    assert {name: lens.title for name, lens in refs.items()} == {
        "Listen": "1 reference", "Close": "2 references", "Serve": "1 reference",
        "Route": "1 reference"}
    spans = refs["Close"].arguments[2]
    assert isinstance(spans, list)
    assert [analysis.data[a:b] for a, b in spans] == [b"Close", b"Close"]
    assert spans == sorted(spans)


def test_lenses_are_ordered_with_a_reference_count_on_every_node() -> None:
    analysis = analyze(TEXT)
    lenses = code_lenses(analysis)
    assert [lens.start for lens in lenses] == sorted(lens.start for lens in lenses)
    assert sorted(lens.arguments[1] for lens in lenses if lens.command == REFERENCES_COMMAND) \
        == sorted(analysis.semantics.nodes)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FILES), st.floats(0, 1), st.floats(0, 1),
       st.text(alphabet="A_b ->=:[](){},;?!*/é\n", max_size=12))
def test_broken_text_never_raises(path: Path, a: float, b: float, insert: str) -> None:
    data = path.read_bytes()
    lo, hi = sorted((int(a * len(data)), int(b * len(data))))
    analysis = analyze(data[:lo] + insert.encode() + data[hi:])
    for lens in code_lenses(analysis):
        assert 0 <= lens.start <= lens.end <= len(analysis.data)
