"""Folding ranges (``flux_ls.ide.folding``), checked against ``queries/folds.scm``."""

from __future__ import annotations

from pathlib import Path

import pytest
import tree_sitter
from hypothesis import given, settings
from hypothesis import strategies as st
from ide_support import FILES as PROGRAMS
from ide_support import ROOT

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide.folding import FoldingRange, folding_ranges
from flux_ls.syntax.parse import language

FILES = sorted([*PROGRAMS, *(ROOT / "tests/data/fmt").glob("*.in")])
FOLDS = (ROOT / "tree-sitter-flux/queries/folds.scm").read_text(encoding="utf-8")


def _lines(analysis: Analysis, fold: FoldingRange) -> bytes:
    return analysis.data[fold.start:fold.end]


def _valid(analysis: Analysis, folds: list[FoldingRange]) -> None:
    starts = [f.start_line for f in folds]
    assert starts == sorted(set(starts))           # ordered, one range per start line
    for f in folds:
        assert f.start_line < f.end_line
        assert analysis.lines.line_of(f.start) == f.start_line
        assert analysis.lines.line_of(max(f.start, f.end - 1)) == f.end_line


def test_wrapped_signature_and_its_parameter_lists_fold() -> None:
    text = "A (\n    int a,\n    int b\n) => (\n    int c\n);\nsource A => A;\n"
    analysis = analyze(text)
    folds = folding_ranges(analysis)
    assert [(f.start_line, f.end_line, f.kind) for f in folds] == [(0, 5, None), (3, 5, None)]
    _valid(analysis, folds)


def test_block_comments_and_runs_of_line_comments_fold_as_comments() -> None:
    text = ("/*\n * header\n */\n// one\n// two\n// three\n\n// alone\n"
            "A () => (); // trailing\n// x\n// y\n")
    analysis = analyze(text)
    folds = folding_ranges(analysis)
    assert [(f.start_line, f.end_line, f.kind) for f in folds] == [
        (0, 2, "comment"), (3, 5, "comment"), (9, 10, "comment")]


RUNS = """\
/*
 * header
 */

/** Waits. */
Listen () => (int fd);

/** Reads. */
Read (int fd) => (int fd);
Close (int fd) => ();
source Listen => Serve;
Serve = Read -> Close;
typedef a A1;
typedef b B1;
typedef c C1;
atomic Read:{x};
"""


def test_runs_of_one_declaration_kind_fold_as_regions() -> None:
    analysis = analyze(RUNS)
    folds = folding_ranges(analysis)
    assert [(f.start_line, f.end_line, f.kind, f.collapsed_text) for f in folds] == [
        (0, 2, "comment", None), (4, 9, "region", "3 signatures"),
        (12, 14, "region", "3 typedefs")]
    assert _lines(analysis, folds[1]).startswith(b"/** Waits. */")     # with its doc
    assert _lines(analysis, folds[1]).endswith(b"Close (int fd) => ();")


@pytest.mark.parametrize("comment, doc", [
    ("/** Doc. */\n", True),
    ("/**/\n", False),                 # an empty block comment, not a doc comment
    ("/** Doc. */ // note\n", False),  # the comment right before is not a doc comment
])
def test_a_run_starts_at_its_doc_comment_as_the_model_has_it(comment: str, doc: bool) -> None:
    analysis = analyze(comment + "A () => ();\nB () => ();\nC () => ();\n")
    assert (analysis.program.declarations[0].doc is not None) == doc
    [fold] = folding_ranges(analysis)
    assert (fold.start_line, fold.end_line, fold.collapsed_text) == (
        0 if doc else 1, 3, "3 signatures")


def test_two_declarations_of_a_kind_are_no_region() -> None:
    analysis = analyze("A () => ();\nB () => ();\nsource A => B;\nsource B => A;\n")
    assert folding_ranges(analysis) == []


def test_every_multi_line_capture_of_folds_scm_starts_a_fold() -> None:
    query = tree_sitter.Query(language(), FOLDS)
    for path in FILES:
        analysis = analyze(path.read_bytes())
        folds = folding_ranges(analysis)
        starts = {f.start_line for f in folds}
        captures = tree_sitter.QueryCursor(query).captures(analysis.syntax.root)
        for node in captures.get("fold", []):
            last = node.end_point[0] - (1 if node.end_point[1] == 0 else 0)
            if last > node.start_point[0]:
                assert node.start_point[0] in starts, (path, node)
        _valid(analysis, folds)


def test_crlf_and_non_ascii() -> None:
    text = "/* é\r\n → 漢 */\r\nA (\r\n  int x\r\n) => ();\r\nsource A => A;\r\n"
    analysis = analyze(text)
    folds = folding_ranges(analysis)
    assert [(f.start_line, f.end_line) for f in folds] == [(0, 1), (2, 4)]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FILES), st.floats(0, 1), st.floats(0, 1),
       st.text(alphabet="A_b ->=:[](){},;?!*/é\n", max_size=12))
def test_broken_text_gives_valid_ranges(path: Path, a: float, b: float, insert: str) -> None:
    data = path.read_bytes()
    lo, hi = sorted((int(a * len(data)), int(b * len(data))))
    analysis = analyze(data[:lo] + insert.encode() + data[hi:])
    _valid(analysis, folding_ranges(analysis))
