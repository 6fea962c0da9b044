"""The formatter (``flux_ls.fmt``): golden pairs, invariants, range formatting.

Golden pairs live in ``tests/data/fmt/``: ``NAME.in`` formats to ``NAME.out``
(``FLUX_UPDATE_GOLDENS=1`` rewrites the ``.out`` files; review the diff). They are not
``.flux`` files so that the checker's data-driven tests do not pick them up. Every pair
also runs with CRLF and lone-CR line breaks. Over the pairs, every ``.flux`` file of the
repository (examples fill in over time, so they are globbed here) and generated programs
(``strategies.flux_programs``): formatting is idempotent, keeps the program (the model, doc
comments included) and keeps every comment.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import flux_programs

from flux_ls import fmt
from flux_ls.fmt import FormatError, FormatterBug, equivalent, format_range, format_text
from flux_ls.fmt_layout import comment_text
from flux_ls.syntax.errors import syntax_diagnostics
from flux_ls.syntax.lower import lower
from flux_ls.syntax.parse import parse
from flux_ls.text import LineIndex

ROOT = Path(__file__).resolve().parent.parent
PAIRS = Path(__file__).parent / "data" / "fmt"
INPUTS = sorted(PAIRS.glob("*.in"))
UPDATE = os.environ.get("FLUX_UPDATE_GOLDENS", "") not in ("", "0")
SKIP_DIRS = {".venv", "node_modules", "build", "__pycache__"}
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def repo_flux_files() -> list[Path]:
    found = []
    for root, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        found += [Path(root, f) for f in files if f.endswith((".flux", ".fx"))]
    return sorted(found)


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as stream:
        return stream.read()


def comments(text: str) -> list[str]:
    """Every comment of a valid program, as the formatter writes it."""
    syntax = parse(text)
    out, stack = [], [syntax.root]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            out.append(comment_text(syntax.data[node.start_byte:node.end_byte]))
        stack.extend(reversed(node.children))
    return [" ".join(c.split()) for c in out]


def assert_invariants(text: str) -> str:
    out = format_text(text)
    assert format_text(out) == out, "not idempotent"
    before, after = lower(parse(text)), lower(parse(out))
    assert not parse(out).root.has_error
    assert equivalent(before, after)
    lf = re.sub(r"\r\n?", "\n", text)  # the model reads lone CRs as no line break (report)
    assert [d.doc for d in lower(parse(lf)).declarations] == [d.doc for d in after.declarations]
    assert comments(out) == comments(lf)
    assert out == "" or (out.endswith("\n") and not out.endswith("\n\n"))
    assert not re.search(r"[ \t]$", out, re.MULTILINE)
    assert "\n\n\n" not in out and "\r" not in out
    return out


# --- golden pairs -------------------------------------------------------------------------

@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden_pair(source: Path) -> None:
    expected_path = source.with_suffix(".out")
    out = assert_invariants(read(source))
    if UPDATE:
        expected_path.write_text(out, encoding="utf-8", newline="")
    assert expected_path.exists(), f"no {expected_path.name}: run FLUX_UPDATE_GOLDENS=1"
    assert out == read(expected_path)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden_pair_with_other_line_breaks(source: Path, newline: str) -> None:
    text = read(source).replace("\n", newline)
    assert assert_invariants(text) == read(source.with_suffix(".out"))


def test_golden_pairs_cover_every_declaration_form() -> None:
    formatted = "".join(read(p.with_suffix(".out")) for p in INPUTS)
    for form in ("=> (", " = ;", ":[_, _, hit]", "source Listen {session: ", "typedef ",
                 "handle error ", "atomic ", "    -> ", ") => (\n", "/**", "//", "/*"):
        assert form in formatted


# --- every Flux file of the repository ----------------------------------------------------

@pytest.mark.parametrize("path", repo_flux_files(),
                         ids=[str(p.relative_to(ROOT)) for p in repo_flux_files()])
def test_repository_file(path: Path) -> None:
    text = read(path)
    syntax = parse(text)
    if not syntax.root.has_error:
        assert_invariants(text)
        return
    first = syntax_diagnostics(syntax)[0]
    line, column = LineIndex(syntax.data).position(first.span.start)
    with pytest.raises(FormatError) as caught:
        format_text(text)
    assert (caught.value.line, caught.value.column) == (line + 1, column + 1)
    assert caught.value.message == first.message


# --- generated programs -------------------------------------------------------------------

@SETTINGS
@given(flux_programs())
def test_generated_programs(text: str) -> None:
    assert not parse(text).root.has_error, "the strategy must produce valid syntax"
    assert_invariants(text)


@SETTINGS
@given(flux_programs(max_declarations=4))
def test_range_formatting_everything_agrees_with_format_text(text: str) -> None:
    data = text.encode()
    for start, end, new_text in reversed(format_range(text, 0, len(data))):
        data = data[:start] + new_text.encode() + data[end:]
    assert format_text(data.decode()) == format_text(text)


# --- specific behaviour -------------------------------------------------------------------

def test_syntax_error_is_not_formatted() -> None:
    with pytest.raises(FormatError) as caught:
        format_text("A = B;\n  é = C ->;\n")
    error = caught.value
    assert (error.line, error.column) == (2, 3)
    assert error.message.startswith("unexpected")
    assert str(error) == f"2:3: {error.message}"


def test_missing_semicolon_is_reported() -> None:
    with pytest.raises(FormatError, match="expected `;`"):
        format_text("A = B\n")


def test_empty_and_blank_texts_format_to_nothing() -> None:
    assert format_text("") == ""
    assert format_text(" \n\t\r\n") == ""


@pytest.mark.parametrize(("written", "spelled"), [
    ("char**", "char **"), ("char * const *", "char *const *"), ("long  unsigned", "long unsigned"),
    ("const char*const", "const char *const"), ("int", "int")])
def test_spell_type(written: str, spelled: str) -> None:
    assert fmt.spell_type(written) == spelled
    space = "" if spelled.endswith("*") else " "
    assert format_text(f"N ({written} x) => ();") == f"N ({spelled}{space}x) => ();\n"


def test_wildcards_and_writers_are_normalised_without_changing_the_model() -> None:
    text = "H:[*, _] = ;\natomic N:{c!, d!(session)};\n"
    out = format_text(text)
    assert out == "H:[_, _] = ;\natomic N:{c, d(session)};\n"
    assert lower(parse(out)) == lower(parse(text))


def test_formatter_refuses_to_change_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt, "render_declaration", lambda node, data: "A = ;")
    with pytest.raises(FormatterBug):
        format_text("A = B;\n")


def test_format_range_edits_only_intersecting_declarations() -> None:
    text = "A=B;\nC=D;   // keep\nE=F;\n"
    second = text.index("C")
    assert format_range(text, second + 1, second + 2) == [(second, second + 4, "C = D;")]
    assert format_range(text, second, second) == [(second, second + 4, "C = D;")]
    assert [e.new_text for e in format_range(text, 0, len(text))] == ["A = B;", "C = D;", "E = F;"]
    assert format_range(text, text.index("//"), text.index("//") + 2) == []


def test_format_range_uses_byte_offsets_and_the_documents_line_breaks() -> None:
    text = ("// é → ü\r\nLong = ReadRequestFromTheSocket -> CheckTheCacheForTheImage"
            " -> ReadTheImageFromTheDisk -> Compress -> Y;")
    start = text.encode().index(b"Long")
    [edit] = format_range(text, start, start + 1)
    assert (edit.start, edit.end) == (start, len(text.encode()))
    assert edit.new_text == ("Long = ReadRequestFromTheSocket\r\n    -> CheckTheCacheForTheImage"
                             "\r\n    -> ReadTheImageFromTheDisk\r\n    -> Compress\r\n    -> Y;")


def test_format_range_skips_declarations_with_syntax_errors() -> None:
    text = "A=B;\nC = -> ;\nE=F;\n"
    assert [e.new_text for e in format_range(text, 0, len(text))] == ["A = B;", "E = F;"]
