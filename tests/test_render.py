"""The renderers (text, JSON, SARIF, GitHub) as pure functions, in process.

Golden files: every tests/golden/inputs/*.flux is rendered in each format and compared with
tests/golden/expected/<name>.<format>. ``FLUX_UPDATE_GOLDENS=1`` rewrites them instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from expectations import expected_diagnostics
from golden_support import assert_golden

from flux_ls.analysis import analyze
from flux_ls.codes import CODES
from flux_ls.diagnostics import Diagnostic, Edit, Fix, Related
from flux_ls.model import Span
from flux_ls.render import FileReport, location
from flux_ls.render.github import escape_data, escape_property, render_github
from flux_ls.render.json import render_json
from flux_ls.render.report import summary
from flux_ls.render.sarif import render_sarif
from flux_ls.render.text import carets, layout, render_text, use_color
from flux_ls.text import LineIndex

GOLDEN = Path(__file__).parent / "golden"
INPUTS = sorted((GOLDEN / "inputs").glob("*.flux"))
RENDERERS = {"txt": render_text, "json": render_json, "github": render_github}


def report_of(path: Path) -> FileReport:
    return FileReport.of(analyze(path.read_bytes(), f"inputs/{path.name}"))


def make(text: str, *diagnostics: Diagnostic, path: str = "a.flux") -> FileReport:
    return FileReport.make(path, LineIndex(text.encode()), diagnostics)


def span_of(text: str, needle: str, occurrence: int = 0) -> Span:
    data = text.encode()
    start = -1
    for _ in range(occurrence + 1):
        start = data.index(needle.encode(), start + 1)
    return Span(start, start + len(needle.encode()))


# ---- goldens -----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden(source: Path, fmt: str) -> None:
    assert_golden(GOLDEN / "expected" / f"{source.stem}.{fmt}",
                  RENDERERS[fmt]([report_of(source)]))


@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden_inputs_report_what_their_comments_say(source: Path) -> None:
    report = report_of(source)
    got = {(d.severity, d.code, report.location(d.span).line) for d in report.diagnostics}
    assert got == expected_diagnostics(source.read_text(encoding="utf-8"))


def test_the_goldens_cover_every_kind_of_input() -> None:
    names = {p.stem for p in INPUTS}
    assert {"syntax_errors", "type_mismatch", "undefined_node", "elevation",
            "unicode_tabs", "warnings", "imageserver"} <= names


# ---- positions ---------------------------------------------------------------------------

def test_location_counts_code_points_and_ends_one_past_the_last_character() -> None:
    text = "é日x = y;\n\tzz\n"
    lines = LineIndex(text.encode())
    assert location(lines, span_of(text, "x")) == location(lines, Span(5, 6))
    where = location(lines, span_of(text, "x"))
    assert (where.line, where.column, where.end_line, where.end_column) == (1, 3, 1, 4)
    where = location(lines, span_of(text, "zz"))
    assert (where.line, where.column, where.end_line, where.end_column) == (2, 2, 2, 4)


def test_location_of_an_empty_span_and_of_a_span_over_lines() -> None:
    text = "ab\ncd\n"
    lines = LineIndex(text.encode())
    assert location(lines, Span(2, 2)) == location(lines, Span(2, 1))
    assert (location(lines, Span(2, 2)).column, location(lines, Span(2, 2)).end_column) == (3, 3)
    where = location(lines, Span(1, 4))
    assert (where.line, where.column, where.end_line, where.end_column) == (1, 2, 2, 2)


def test_lines_end_at_lf_crlf_and_a_lone_cr_as_in_the_language_server() -> None:
    data = b"A = B;\rC = D;\r\nE = F;\n"
    report = FileReport.of(analyze(data, "a.flux"))
    undefined = {data[d.span.start:d.span.end]: report.location(d.span)
                 for d in report.diagnostics if d.code == "FLX101"}
    assert {name: (where.line, where.column, where.end_line, where.end_column)
            for name, where in undefined.items()} == {
        b"B": (1, 5, 1, 6), b"D": (2, 5, 2, 6), b"F": (3, 5, 3, 6)}
    assert report.lines.line_text(1) == "C = D;"


def test_layout_expands_tabs_to_stops_of_eight_and_counts_wide_and_combining_cells() -> None:
    shown, starts = layout("a\tb日e\u0301!")
    assert shown == "a       b日e\u0301!"
    assert starts == [0, 1, 8, 9, 11, 12, 12, 13]


def test_layout_replaces_control_characters() -> None:
    shown, starts = layout("a\x1b[31mb")
    assert "\x1b" not in shown and starts[2] == 2


@pytest.mark.parametrize("line, start, end, want", [
    ("ab = cd;", 5, 7, "     ^^"),
    ("\tx -> ;", 3, 5, "          ^^"),
    ("日本 x", 3, 4, "     ^"),
    ("日本 x", 0, 2, "^^^^"),
    ("cafe\u0301 x", 6, 7, "     ^"),
    ("abc", 3, 3, "   ^"),
    ("abc", 1, 1, " ^"),
])
def test_carets_line_up_under_the_range(line: str, start: int, end: int, want: str) -> None:
    assert carets(line, start, end)[1] == want


# ---- text --------------------------------------------------------------------------------

SOURCE = "A (int x) => (int x);\n\tB = A -> 日本;\n"


def rich_diagnostic() -> Diagnostic:
    related = (Related(span_of(SOURCE, "A"), "`A` is declared here"),)
    fix = Fix("Replace it", (Edit(span_of(SOURCE, "日本"), "C"),))
    return Diagnostic("FLX101", "undefined node `日本`", span_of(SOURCE, "日本"), related,
                      "error", "declare it", (fix,))


def test_text_is_gcc_style_with_excerpt_notes_and_help() -> None:
    out = render_text([make(SOURCE, rich_diagnostic())])
    assert out == (
        "a.flux:2:11: error: undefined node `日本` [FLX101]\n"
        "    2 |         B = A -> 日本;\n"
        "      |                  ^^^^\n"
        "a.flux:1:1: note: `A` is declared here\n"
        "    1 | A (int x) => (int x);\n"
        "      | ^\n"
        "      = help: declare it\n")  # the hint says it; the fix's title is for editors


def test_text_span_over_several_lines_is_marked_to_the_end_of_its_first_line() -> None:
    diagnostic = Diagnostic("FLX001", "bad", Span(2, 30))
    lines = render_text([make(SOURCE, diagnostic)]).splitlines()
    assert lines[2] == "      |   " + "^" * 19


def test_text_at_end_of_file_points_past_the_last_line() -> None:
    text = "A () => ()"
    out = render_text([make(text, Diagnostic("FLX001", "expected `;`", Span(10, 10)))])
    assert out.splitlines()[0] == "a.flux:1:11: error: expected `;` [FLX001]"
    assert out.splitlines()[2] == "      |" + " " * 11 + "^"


def test_text_clips_a_long_line_to_a_window_around_the_caret_as_rustc_does() -> None:
    steps = [f"N{i}" for i in range(4000)]
    text = "F = " + " -> ".join(steps) + ";\n"
    spans = [span_of(text, f" N{i}{';' if i == 3999 else ' '}") for i in (0, 2000, 3999)]
    report = make(text, *(Diagnostic("FLX101", "undefined node", Span(s.start + 1, s.end - 1))
                          for s in spans))
    out = render_text([report])
    assert len(out) < 2000                    # not three copies of a 30 KB line
    for i, block in zip((0, 2000, 3999), out.split("a.flux:")[1:], strict=True):
        source, marks = block.splitlines()[1:3]
        column = marks.index("^")
        assert source[column:].startswith(f"N{i}") and marks.count("^") == len(f"N{i}")
        assert len(source) <= 140
        assert source.endswith("...") == (i != 3999)
        assert ("| ..." in source) == (i != 0)


def test_text_clips_the_carets_of_a_range_longer_than_the_window() -> None:
    text = "A = " + "x" * 500 + ";\n"
    out = render_text([make(text, Diagnostic("FLX101", "long", Span(4, 504)))])
    source, marks = out.splitlines()[1:3]
    assert source.endswith("...") and marks.count("^") == 116


def test_text_colours_severities_and_notes_only_when_asked() -> None:
    warning = Diagnostic("FLX105", "unused", span_of(SOURCE, "B"), severity="warning")
    report = make(SOURCE, rich_diagnostic(), warning)
    assert "\x1b" not in render_text([report])
    coloured = render_text([report], color=True)
    assert "\x1b[1;31merror:\x1b[0m" in coloured
    assert "\x1b[1;33mwarning:\x1b[0m" in coloured
    assert "\x1b[1;36mnote:\x1b[0m" in coloured
    assert "\x1b[1ma.flux:2:11:\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render_text([report])


@pytest.mark.parametrize("isatty, env, want", [
    (True, {}, True),
    (False, {}, False),
    (True, {"TERM": "dumb"}, False),
    (True, {"NO_COLOR": "1"}, False),
    (False, {"FORCE_COLOR": "1"}, True),
    (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (True, {"NO_COLOR": ""}, True),
    (False, {"FORCE_COLOR": ""}, False),
])
def test_use_color(isatty: bool, env: dict[str, str], want: bool) -> None:
    assert use_color(isatty, env) is want


def test_text_is_empty_when_clean() -> None:
    assert render_text([make("A () => ();\n")]) == ""


@pytest.mark.parametrize("severities, files, want", [
    ((), 3, "All checks passed."),
    (("error",), 1, "Found 1 error in 1 file."),
    (("error", "error", "warning"), 3, "Found 2 errors and 1 warning in 3 files."),
    (("warning", "warning"), 2, "Found 2 warnings in 2 files."),
    (("error", "warning", "info"), 1, "Found 1 error, 1 warning and 1 info message in 1 file."),
])
def test_summary(severities: tuple[str, ...], files: int, want: str) -> None:
    found = [Diagnostic("FLX001", "m", Span(0, 0), severity=s) for s in severities]  # type: ignore[arg-type]
    reports = [make("x\n", *found)] + [make("x\n", path=f"{i}.flux") for i in range(1, files)]
    assert summary(reports) == want


# ---- JSON --------------------------------------------------------------------------------

REQUIRED = {"path": str, "line": int, "column": int, "end_line": int, "end_column": int,
            "severity": str, "code": str, "message": str, "related": list}


def check_contract(objects: list[dict[str, Any]]) -> None:
    """The contract of docs/language.md#machine-readable-output: required keys and types,
    1-based positions, sorted output."""
    for obj in objects:
        for key, kind in REQUIRED.items():
            assert isinstance(obj[key], kind), key
        assert obj["severity"] in ("error", "warning", "info") and obj["code"] in CODES
        assert obj["line"] >= 1 and obj["column"] >= 1
        assert (obj["end_line"], obj["end_column"]) >= (obj["line"], obj["column"])
        for rel in obj["related"]:
            assert {"path", "line", "column", "message"} <= rel.keys()
    keys = [(o["path"], o["line"], o["column"]) for o in objects]
    assert keys == sorted(keys)


def test_json_contract_over_every_golden_input() -> None:
    objects = json.loads(render_json([report_of(p) for p in reversed(INPUTS)]))
    check_contract(objects)
    assert {o["path"] for o in objects} >= {"inputs/type_mismatch.flux", "inputs/warnings.flux"}


def test_json_of_one_diagnostic() -> None:
    [obj] = json.loads(render_json([make(SOURCE, rich_diagnostic())]))
    assert obj == {
        "path": "a.flux", "line": 2, "column": 11, "end_line": 2, "end_column": 13,
        "severity": "error", "code": "FLX101", "message": "undefined node `日本`",
        "related": [{"path": "a.flux", "line": 1, "column": 1, "end_line": 1, "end_column": 2,
                     "message": "`A` is declared here"}],
        "name": "undefined-node", "hint": "declare it",
        "fixes": [{"title": "Replace it", "preferred": False,
                   "edits": [{"line": 2, "column": 11, "end_line": 2, "end_column": 13,
                              "content": "C"}]}],
    }


def test_json_sorts_by_path_then_position_and_is_an_empty_array_when_clean() -> None:
    late = Diagnostic("FLX001", "late", span_of(SOURCE, "日本"))
    early = Diagnostic("FLX001", "early", span_of(SOURCE, "int"))
    reports = [make(SOURCE, late, early, path="b.flux"), make(SOURCE, late, path="a.flux")]
    objects = json.loads(render_json(reports))
    assert [(o["path"], o["message"]) for o in objects] == [
        ("a.flux", "late"), ("b.flux", "early"), ("b.flux", "late")]
    assert render_json([make(SOURCE)]) == "[]\n" and render_json([]) == "[]\n"


# ---- SARIF -------------------------------------------------------------------------------

def check_sarif(log: dict[str, Any]) -> None:
    """The SARIF 2.1.0 structure GitHub code scanning needs, checked by hand (no schema)."""
    assert log["$schema"].endswith("sarif-2.1.0.json") and log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "flux" and driver["version"] and "informationUri" not in driver
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule in rules:
        code = CODES[rule["id"]]
        assert rule["name"] == code.name and "helpUri" not in rule
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] == levels[code.severity]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        for where in result["locations"] + result.get("relatedLocations", []):
            physical = where["physicalLocation"]
            assert physical["artifactLocation"]["uri"]
            region = physical["region"]
            assert min(region.values()) >= 1
            assert (region["endLine"], region["endColumn"]) >= (
                region["startLine"], region["startColumn"])
        for where in result.get("relatedLocations", []):
            assert where["message"]["text"]


def test_sarif_structure_over_every_golden_input() -> None:
    log = json.loads(render_sarif([report_of(p) for p in INPUTS]))
    check_sarif(log)
    assert log["runs"][0]["results"], "the golden inputs have findings"


def test_sarif_result_of_one_diagnostic() -> None:
    log = json.loads(render_sarif([make(SOURCE, rich_diagnostic(), path="src/my app.flux")]))
    check_sarif(log)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "FLX101" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "src/my%20app.flux", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 11, "endLine": 2, "endColumn": 13}}
    [related] = result["relatedLocations"]
    assert related["message"]["text"] == "`A` is declared here"
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    assert result["message"]["text"] == "undefined node `日本`\nhelp: declare it"
    [fix] = result["fixes"]
    assert fix["description"]["text"] == "Replace it"
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "src/my%20app.flux"
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 2, "startColumn": 11, "endLine": 2, "endColumn": 13},
        "insertedContent": {"text": "C"}}]


def test_sarif_absolute_paths_are_file_uris_and_warnings_keep_their_level() -> None:
    warning = Diagnostic("FLX105", "unused", span_of(SOURCE, "B"), severity="warning")
    log = json.loads(render_sarif([make(SOURCE, warning, path="/srv/app.flux")]))
    [result] = log["runs"][0]["results"]
    assert result["level"] == "warning" and "relatedLocations" not in result
    location_ = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location_ == {"uri": "file:///srv/app.flux"}


# ---- GitHub ------------------------------------------------------------------------------

def test_github_escaping() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotation_of_an_error_with_a_note() -> None:
    out = render_github([make(SOURCE, rich_diagnostic(), path="dir,1/a:b.flux")])
    assert out == (
        "::error file=dir%2C1/a%3Ab.flux,line=2,col=11,endLine=2,endColumn=13,"
        "title=flux (FLX101)::undefined node `日本`"
        "%0Adir,1/a:b.flux:1:1: note: `A` is declared here%0Ahelp: declare it\n")


def test_github_warnings_and_infos() -> None:
    warning = Diagnostic("FLX105", "unused 50%", span_of(SOURCE, "B"), severity="warning")
    info = Diagnostic("FLX105", "fyi", span_of(SOURCE, "A"), severity="info")
    lines = render_github([make(SOURCE, warning, info)]).splitlines()
    assert lines[0].startswith("::notice file=a.flux,line=1,col=1,")
    assert lines[1].startswith("::warning file=a.flux,line=2,col=2,")
    assert lines[1].endswith("::unused 50%25")
    assert render_github([make(SOURCE)]) == ""
