"""Code actions (``flux_ls.ide.code_actions``): every quick fix removes its diagnostic
(applied and re-analysed), on the test programs, the examples and small programs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ide_support import FILES

from flux_ls.analysis import Analysis, analyze
from flux_ls.diagnostics import Diagnostic
from flux_ls.ide.code_actions import CodeAction, apply_edits, code_actions, quick_fixes

FIXED = {"FLX101", "FLX105", "FLX302", "FLX603", "FLX604"}


def fixes(text: str, code: str) -> tuple[Analysis, Diagnostic, list[CodeAction]]:
    analysis = analyze(text)
    diag = next(d for d in analysis.diagnostics if d.code == code)
    return analysis, diag, code_actions(analysis, diag.span.start, diag.span.end,
                                        [(diag.code, diag.span.start, diag.span.end)])


def applied(analysis: Analysis, action: CodeAction) -> str:
    return apply_edits(analysis.data, action.edits).decode("utf-8")


def assert_fixed(analysis: Analysis, diag: Diagnostic, action: CodeAction) -> Analysis:
    after = analyze(apply_edits(analysis.data, action.edits))
    assert not [d for d in after.diagnostics if d.code == diag.code
                and d.message == diag.message], action.title
    new_errors = {d.code for d in after.errors} - {d.code for d in analysis.errors}
    assert not new_errors, (action.title, new_errors)
    return after


def _cases() -> list[tuple[Path, int]]:
    cases = []
    for path in FILES:
        analysis = analyze(path.read_bytes())
        cases += [(path, i) for i, d in enumerate(analysis.diagnostics) if d.code in FIXED]
    return cases


@pytest.mark.parametrize("path, index", _cases(),
                         ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_every_fix_of_every_test_program_removes_its_diagnostic(path: Path, index: int) -> None:
    analysis = analyze(path.read_bytes())
    diag = analysis.diagnostics[index]
    actions = quick_fixes(analysis, diag)
    assert actions, f"no fix for {diag.code}: {diag.message}"
    for action in actions:
        assert action.kind == "quickfix" and action.diagnostic is diag
        assert_fixed(analysis, diag, action)


# --- FLX101 ---------------------------------------------------------------------------------

def test_undefined_step_is_declared_from_its_neighbours() -> None:
    text = ("Listen () => (int fd);\nParse (int fd) => (int fd, bool ok);\n"
            "Write (int fd, char *reply) => ();\n"
            "source Listen => Serve;\nServe = Parse -> Handle -> Write;\n")
    analysis, diag, actions = fixes(text, "FLX101")
    [action] = actions
    assert action.title == "Declare node `Handle (int fd, bool ok) => (int fd, char *reply);`"
    assert applied(analysis, action) == (
        "Listen () => (int fd);\nParse (int fd) => (int fd, bool ok);\n"
        "Write (int fd, char *reply) => ();\n"
        "Handle (int fd, bool ok) => (int fd, char *reply);\n"
        "source Listen => Serve;\nServe = Parse -> Handle -> Write;\n")
    after = assert_fixed(analysis, diag, action)
    assert after.diagnostics == ()


def test_first_and_last_steps_take_the_enclosing_nodes_types() -> None:
    text = ("Listen () => (int fd, bool close);\nsource Listen => Serve;\n"
            "Serve = Parse;\n")
    analysis, diag, [action] = fixes(text, "FLX101")
    assert action.title == "Declare node `Parse (int fd, bool close) => ();`"
    assert_fixed(analysis, diag, action)


def test_inner_abstract_node_gets_its_types_from_where_it_is_used() -> None:
    text = ("L () => (int fd);\nW (char *s) => ();\nsource L => Top;\n"
            "Top = L2 -> W;\nL2 = Middle;\n")
    analysis = analyze(text)
    diag = next(d for d in analysis.diagnostics if "`Middle`" in d.message)
    [action] = quick_fixes(analysis, diag)
    assert action.title == "Declare node `Middle (int fd) => (char *s);`"   # from L via Top


def test_a_near_name_is_offered_first() -> None:
    text = "Listen () => (int fd);\nClose (int fd) => ();\nsource Listen => Clsoe;\n"
    analysis, diag, actions = fixes(text, "FLX101")
    assert [a.title for a in actions] == ["Change `Clsoe` to `Close`",
                                          "Declare node `Clsoe (int fd) => ();`"]
    assert actions[0].is_preferred
    assert applied(analysis, actions[0]).endswith("source Listen => Close;\n")


def test_undefined_source_node_without_any_signature() -> None:
    text = "source Listen => Serve;\nServe = ;\n"
    analysis = analyze(text)
    diag = next(d for d in analysis.diagnostics if "`Listen`" in d.message)
    [action] = quick_fixes(analysis, diag)
    assert applied(analysis, action).startswith("Listen () => ();\nsource Listen")
    assert_fixed(analysis, diag, action)


# --- FLX105 ---------------------------------------------------------------------------------

def test_unused_node_is_removed_with_its_lines_doc_and_declarations() -> None:
    text = ("Listen () => (int fd);\nClose (int fd) => ();\n\n/** Never used. */\n"
            "Orphan (int fd) => ();  // trailing\nsource Listen => Close;\n"
            "atomic Orphan:{x};\nhandle error Orphan => OnOrphan;\natomic Close:{x};\n")
    analysis, diag, [action] = fixes(text, "FLX105")
    assert action.title == "Remove the unused declaration of `Orphan`"   # the checker's Fix
    assert applied(analysis, action) == (
        "Listen () => (int fd);\nClose (int fd) => ();\n\nsource Listen => Close;\n"
        "atomic Close:{x};\n")
    assert analyze(applied(analysis, action)).diagnostics == ()


@pytest.mark.parametrize("comment, removed", [
    ("/** Doc. */\n", True),
    ("/** Doc. */\r\r", False),   # a blank line, in bare CRs
    ("/**/\n", False),             # an empty block comment, not a doc comment
])
def test_an_unused_node_takes_only_its_doc_comment_along(comment: str, removed: bool) -> None:
    text = "L () => ();\nsource L => L;\n" + comment + "Orphan () => ();\n"
    analysis, diag, [action] = fixes(text, "FLX105")
    assert applied(analysis, action) == "L () => ();\nsource L => L;\n" + (
        "" if removed else comment)


def test_unused_abstract_node_and_typedef() -> None:
    text = ("L () => (int fd);\nC (int fd) => ();\nsource L => C;\n"
            "typedef big IsBig;\nA = C; A2 = C;\n")
    analysis = analyze(text)
    for diag in analysis.diagnostics:
        [action] = quick_fixes(analysis, diag)
        assert_fixed(analysis, diag, action)
    typedef = next(d for d in analysis.diagnostics if "predicate type" in d.message)
    assert applied(analysis, quick_fixes(analysis, typedef)[0]) == (
        "L () => (int fd);\nC (int fd) => ();\nsource L => C;\nA = C; A2 = C;\n")
    a = next(d for d in analysis.diagnostics if "`A`" in d.message)
    assert applied(analysis, quick_fixes(analysis, a)[0]).endswith("IsBig;\nA2 = C;\n")
    a2 = next(d for d in analysis.diagnostics if "`A2`" in d.message)
    assert applied(analysis, quick_fixes(analysis, a2)[0]).endswith("IsBig;\nA = C;\n")


def test_unused_node_still_named_by_a_flow_is_not_removed() -> None:
    text = ("L () => ();\nsource L => L;\nA () => ();\nUnused = A;\n")
    analysis = analyze(text)
    a = next(d for d in analysis.diagnostics if "`A`" in d.message)
    assert quick_fixes(analysis, a) == []


# --- FLX302, FLX603, FLX604 -----------------------------------------------------------------

def test_catch_all_passes_the_data_through_when_the_types_allow() -> None:
    text = ("L () => (int n);\nC (int n) => (int n);\nE (int n) => ();\n"
            "source L => T;\nT = D -> E;\ntypedef odd IsOdd;\nD:[odd] = C;\n")
    analysis, diag, [action] = fixes(text, "FLX302")
    assert action.title == "Add a catch-all alternative `D:[_] = ;`"
    assert applied(analysis, action).endswith("D:[odd] = C;\nD:[_] = ;\n")
    assert_fixed(analysis, diag, action)


def test_catch_all_repeats_the_last_flow_when_the_types_change() -> None:
    text = ("L () => (int n);\nC (int n) => ();\nsource L => D;\n"
            "typedef odd IsOdd;\ntypedef big IsBig;\nD:[odd] = C;\nD:[big] = C; // big\n")
    analysis, diag, [action] = fixes(text, "FLX302")
    assert action.title == "Add a catch-all alternative `D:[_] = C;`"
    assert applied(analysis, action).endswith("D:[big] = C; // big\nD:[_] = C;\n")
    assert_fixed(analysis, diag, action)


PAPER = ("S () => ();\nB () => ();\nD () => ();\nsource S => Top;\nTop = A -> C;\n"
         "A = B;\nC = D;\natomic A:{x};\natomic B:{y};\natomic C:{y};\natomic D:{x};\n")


def test_elevated_constraint_joins_the_nodes_atomic_declaration() -> None:
    analysis, diag, [action] = fixes(PAPER, "FLX603")
    assert action.title == "Declare `x` on `C`"
    assert "atomic C:{y, x};" in applied(analysis, action)
    after = assert_fixed(analysis, diag, action)
    effective = after.semantics.nodes["C"].effective       # the same set, now declared
    assert [str(c) for c in effective] == ["x", "y"] and all(c.declared for c in effective)


def test_elevated_constraint_gets_a_new_atomic_declaration() -> None:
    text = PAPER.replace("atomic C:{y};", "atomic C2:{y};").replace(
        "Top = A -> C;", "Top = A -> C2;").replace("C = D;", "C = D;\nC2 = C;")
    analysis = analyze(text)
    diag = next(d for d in analysis.diagnostics
                if d.code == "FLX603" and "elevated to `C`" in d.message)
    [action] = quick_fixes(analysis, diag)
    assert action.title == "Declare `x` on `C`: `atomic C:{x};`"
    assert applied(analysis, action).endswith("atomic D:{x};\natomic C:{x};\n")
    assert_fixed(analysis, diag, action)


@pytest.mark.parametrize("text, code, fixed", [
    # an elevated constraint keeps its session scope and reader mode
    ("S () => ();\nB () => ();\nD () => ();\nsource S {session: F} => Top;\n"
     "Top = C;\nC = D;\natomic C:{y};\natomic D:{x?(session)};\n",
     "FLX603", "atomic C:{y, x?(session)};"),
    # a reader upgraded to a writer keeps its explicit scope
    ("S () => ();\nW () => ();\nsource S => Outer;\nOuter = W;\n"
     "atomic Outer:{c?(program)};\natomic W:{c};\n",
     "FLX604", "atomic Outer:{c(program)};"),
], ids=["session-and-reader-modes-kept", "reader-upgraded-to-writer"])
def test_constraint_fix_writes_the_constraint_as_it_is_held(text: str, code: str,
                                                            fixed: str) -> None:
    analysis, diag, [action] = fixes(text, code)
    assert fixed in applied(analysis, action)
    assert_fixed(analysis, diag, action)


# --- matching ----------------------------------------------------------------------------------

def test_diagnostics_are_matched_by_code_and_range() -> None:
    analysis = analyze(PAPER)
    diag = next(d for d in analysis.diagnostics if d.code == "FLX603")
    assert code_actions(analysis, 0, 0, [("FLX603", diag.span.start + 1, diag.span.end)]) == []
    assert code_actions(analysis, 0, 0, [("FLX101", diag.span.start, diag.span.end)]) == []
    assert len(code_actions(analysis, 0, 0, [("FLX603", diag.span.start, diag.span.end)])) == 1
    # without the client's list: the diagnostics touching the range
    assert len(code_actions(analysis, diag.span.start, diag.span.start)) == 1
    assert code_actions(analysis, 0, 0) == []


def test_crlf_documents_keep_their_line_breaks() -> None:
    text = "Listen () => (int fd);\r\nsource Listen => Serve;\r\nServe = Close;\r\n"
    analysis, diag, [action] = fixes(text, "FLX101")
    assert applied(analysis, action).startswith(
        "Listen () => (int fd);\r\nClose (int fd) => ();\r\nsource")


def test_non_ascii_text_around_the_fix() -> None:
    text = ("/* ünïcödé → 漢字 */\nL () => (int n); // é\nC (int n) => ();\n"
            "Orphan () => (); // ü\nsource L => C;\n")
    analysis, diag, [action] = fixes(text, "FLX105")
    assert applied(analysis, action) == ("/* ünïcödé → 漢字 */\nL () => (int n); // é\n"
                                         "C (int n) => ();\nsource L => C;\n")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FILES), st.floats(0, 1), st.floats(0, 1),
       st.text(alphabet="A_b ->=:[](){},;?!*/é\n", max_size=12), st.floats(0, 1))
def test_broken_text_never_raises(path: Path, a: float, b: float, insert: str,
                                  where: float) -> None:
    data = path.read_bytes()
    lo, hi = sorted((int(a * len(data)), int(b * len(data))))
    analysis = analyze(data[:lo] + insert.encode() + data[hi:])
    offset = int(where * len(analysis.data))
    for action in code_actions(analysis, 0, len(analysis.data)):
        apply_edits(analysis.data, action.edits).decode("utf-8")
    code_actions(analysis, offset, offset)


# --- one home: the CLI offers the fixes the editor offers -----------------------------------

def test_json_output_carries_the_fixes_the_editor_offers() -> None:
    """``flux check --format json`` and the language server's quick fixes come from one
    place (``flux_ls.fixes``): for every diagnostic of every test program, the same titles,
    edits (as byte ranges) and preferred flags."""
    import json

    from flux_ls.render.json import render_json
    from flux_ls.render.report import FileReport

    compared = 0
    for path in FILES:
        analysis = analyze(path.read_bytes(), path.name)
        report = FileReport.of(analysis)
        objects = json.loads(render_json([report]))
        assert len(objects) == len(report.diagnostics)
        for diag, obj in zip(report.diagnostics, objects, strict=True):
            original = next(d for d in analysis.diagnostics
                            if (d.code, d.span, d.message) == (diag.code, diag.span, diag.message))
            actions = quick_fixes(analysis, original)
            assert [f["title"] for f in obj["fixes"]] == [a.title for a in actions]
            assert [f["preferred"] for f in obj["fixes"]] == [a.is_preferred for a in actions]
            assert [[(e.span.start, e.span.end, e.text) for e in f.edits] for f in diag.fixes] \
                == [[(e.start, e.end, e.new_text) for e in a.edits] for a in actions]
            compared += len(actions)
    assert compared > 10


def test_cli_json_offers_the_change_to_fix_of_a_misspelt_node(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    flux = tmp_path / "a.flux"
    flux.write_text("Read (int fd) => (int fd);\nSrc () => (int fd);\nsource Src => Reed;\n")
    done = subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "check", "--format",
                           "json", str(flux)], capture_output=True, text=True)
    [found] = [d for d in json.loads(done.stdout) if d["code"] == "FLX101"]
    assert found["code"] == "FLX101" and found["hint"] == "did you mean `Read`?"
    titles = [f["title"] for f in found["fixes"]]
    assert titles[0] == "Change `Reed` to `Read`" and found["fixes"][0]["preferred"] is True
    assert found["fixes"][0]["edits"] == [{"line": 3, "column": 15, "end_line": 3,
                                           "end_column": 19, "content": "Read"}]
    assert titles[1] == "Declare node `Reed (int fd) => ();`"


def test_declared_node_takes_real_parameter_names_on_both_sides() -> None:
    """Inputs that come from an abstract node are named as the C interface names them (after
    the parameters they come from), not `arg1` next to real names."""
    text = ("Src () => (int fd, char *line);\nG = Src;\nF = G -> Missing -> Sink;\n"
            "Sink (int fd, char *line) => ();\n")
    _, _, actions = fixes(text, "FLX101")
    assert [a.title for a in actions] == [
        "Declare node `Missing (int fd, char *line) => (int fd, char *line);`"]
