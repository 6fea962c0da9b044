"""Selection ranges (``flux_ls.ide.selection``): from the token out to the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ide_support import FILES

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide.selection import selection_range, selection_ranges
from flux_ls.model import Span

TEXT = """\
/* ünïcödé */
/** Reads. */
Read (unsigned long n, char *buf) => (int fd);
Flow = Read -> Write;
Flow2:[_, big] = ;
atomic Read:{cache?, lock(session)};
"""


def chain(text: str, marker: str, shift: int = 0) -> list[bytes]:
    analysis = analyze(text)
    offset = analysis.data.index(marker.encode()) + shift
    return [analysis.data[s.start:s.end] for s in selection_range(analysis, offset)]


def _valid(analysis: Analysis, spans: tuple[Span, ...], offset: int) -> None:
    assert spans and spans[-1] == Span(0, len(analysis.data))
    for inner, outer in zip(spans, spans[1:], strict=False):
        assert outer.start <= inner.start and inner.end <= outer.end and inner != outer
    assert spans[0].start <= offset <= spans[0].end


def test_a_type_word_grows_to_the_type_the_parameter_the_list_and_the_declaration() -> None:
    assert chain(TEXT, "unsigned")[:6] == [
        b"unsigned", b"unsigned long", b"unsigned long n", b"unsigned long n, char *buf",
        b"(unsigned long n, char *buf)",
        b"Read (unsigned long n, char *buf) => (int fd);"]
    whole = chain(TEXT, "unsigned")
    assert whole[6] == b"/** Reads. */\nRead (unsigned long n, char *buf) => (int fd);"
    assert whole[-1] == TEXT.encode()


@pytest.mark.parametrize("data, doc", [
    (b"/** Doc. */\rA () => ();\r", "Doc."),
    (b"/** Doc. */\r\rA () => ();\r", None),     # a blank line, in bare CRs
    (b"/**/\nA () => ();\n", None),              # an empty block comment, not a doc comment
])
def test_the_declaration_is_selected_with_its_doc_comment_as_the_model_has_it(
        data: bytes, doc: str | None) -> None:
    analysis = analyze(data)
    [decl] = analysis.program.declarations
    assert decl.doc == doc
    spans = selection_range(analysis, data.index(b"A"))
    assert Span(decl.span.start, decl.span.end) in spans
    with_doc = Span(0, decl.span.end)
    assert (with_doc in spans) == (doc is not None)


def test_a_parameter_name_skips_the_type() -> None:
    assert chain(TEXT, "buf")[:3] == [b"buf", b"char *buf", b"unsigned long n, char *buf"]


def test_flow_steps_patterns_and_constraints() -> None:
    assert chain(TEXT, "Write")[:3] == [b"Write", b"Read -> Write", b"Flow = Read -> Write;"]
    assert chain(TEXT, "big")[:4] == [b"big", b"_, big", b"[_, big]", b"Flow2:[_, big] = ;"]
    assert chain(TEXT, "cache")[:4] == [b"cache", b"cache?", b"cache?, lock(session)",
                                       b"atomic Read:{cache?, lock(session)};"]


def test_a_cursor_right_after_a_word_selects_the_word() -> None:
    assert chain(TEXT, "Write;", shift=5)[0] == b"Write"


def test_several_positions_and_out_of_range_offsets() -> None:
    analysis = analyze(TEXT)
    result = selection_ranges(analysis, [0, -5, 10_000, len(analysis.data)])
    assert len(result) == 4
    for offset, spans in zip([0, 0, len(analysis.data), len(analysis.data)], result,
                             strict=True):
        _valid(analysis, spans, offset)


def test_empty_file() -> None:
    analysis = analyze("")
    assert selection_range(analysis, 0) == (Span(0, 0),)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(FILES), st.floats(0, 1), st.text(alphabet="A_b ->=:[]{};?é\n",
                                                         max_size=8))
def test_every_offset_gives_a_growing_chain(path: Path, where: float, noise: str) -> None:
    data = path.read_bytes()
    cut = int(where * len(data))
    analysis = analyze(data[:cut] + noise.encode() + data[cut:])
    offset = min(cut, len(analysis.data))
    _valid(analysis, selection_range(analysis, offset), offset)
