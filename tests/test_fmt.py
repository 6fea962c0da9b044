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
from golden_support import assert_golden, read
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import flux_programs
from tree_sitter import Node

from flux_ls import fmt, fmt_layout
from flux_ls.fmt import FormatError, FormatterBug, equivalent, format_range, format_text
from flux_ls.fmt_layout import comment_text
from flux_ls.syntax.errors import syntax_diagnostics
from flux_ls.syntax.lower import lower
from flux_ls.syntax.parse import parse
from flux_ls.text import LineIndex

ROOT = Path(__file__).resolve().parent.parent
PAIRS = Path(__file__).parent / "data" / "fmt"
INPUTS = sorted(PAIRS.glob("*.in"))
SKIP_DIRS = {".venv", "node_modules", "build", "__pycache__"}
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def repo_flux_files() -> list[Path]:
    found = []
    for root, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        found += [Path(root, f) for f in files if f.endswith((".flux", ".fx"))]
    return sorted(found)


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
    assert_golden(source.with_suffix(".out"), assert_invariants(read(source)))


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


# --- caches: the cached path gives what the uncached one gives -----------------------------

EDITS = st.lists(st.tuples(
    st.floats(0, 1), st.integers(0, 12),
    st.sampled_from(["", " ", "\n", "\n\n", "x", "_", ";", ",", "->", "/* c */", "// c\n",
                     "/** d */\n", "A = B;\n", "\nN (int a) => (int a);\n", "é"])), max_size=6)


def outcome(text: str, **kwargs: object) -> object:
    """What ``format_text`` gives: the text, or the syntax error's position and message."""
    try:
        return format_text(text, **kwargs)  # type: ignore[arg-type]
    except FormatError as error:
        return ("FormatError", error.line, error.column, error.message)


def versions(text: str, edits: list[tuple[float, int, str]]) -> list[str]:
    """``text`` and the texts each edit makes of the one before (code-point positions)."""
    out = [text]
    for where, length, insert in edits:
        start = int(where * len(text))
        text = text[:start] + insert + text[start + length:]
        out.append(text)
    return out


@SETTINGS
@given(st.lists(flux_programs(), min_size=1, max_size=4).map("\n".join), EDITS,
       st.sampled_from([2, 3, 32]))
def test_cached_formatting_equals_uncached(text: str, edits: list[tuple[float, int, str]],
                                           chunk: int) -> None:
    """Format a program and versions of it after random edits: with the caches warm from
    the version before, the result is what a formatter without caches gives, whatever the
    chunk size; with the tree given or not."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fmt, "CHUNK", chunk)
        fmt.clear_caches()
        for version in versions(text, edits):
            cached = outcome(version)
            with_tree = outcome(version, syntax=parse(re.sub(r"\r\n?", "\n", version)))
            fmt.clear_caches()
            assert cached == with_tree == outcome(version)
            patch.setattr(fmt, "CHUNK", 10**9)  # one chunk: the layout without cuts
            fmt.clear_caches()
            assert outcome(version) == cached
            patch.setattr(fmt, "CHUNK", chunk)


@SETTINGS
@given(st.lists(flux_programs(max_declarations=4), min_size=1, max_size=3).map("\n".join),
       EDITS, st.floats(0, 1), st.floats(0, 1))
def test_cached_range_formatting_equals_uncached(text: str, edits: list[tuple[float, int, str]],
                                                 a: float, b: float) -> None:
    fmt.clear_caches()
    for version in versions(text, edits):
        size = len(version.encode())
        start, end = sorted((int(a * size), int(b * size)))
        cached = format_range(version, start, end)
        given_tree = format_range(version, start, end, parse(version))
        fmt.clear_caches()
        assert cached == given_tree == format_range(version, start, end)


def test_a_tree_of_another_text_is_not_used() -> None:
    assert format_text("A=B;\n", syntax=parse("C=D;\n")) == "A = B;\n"
    assert format_range("A=B;\n", 0, 4, parse("C=D;\n")) == [(0, 4, "A = B;")]


def test_a_cached_result_does_not_hide_a_formatter_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches hold results of one layout function: a broken one is checked afresh."""
    text = "".join(f"N{i} (int a) => (int a);\nF{i} = N{i};\n" for i in range(100))
    assert format_text(text) == text  # every cache warm
    render = fmt.render_declaration

    def broken(node: Node, data: bytes) -> str:
        out = render(node, data)
        return "F7 = N8;" if out == "F7 = N7;" else out

    monkeypatch.setattr(fmt, "render_declaration", broken)
    with pytest.raises(FormatterBug):
        format_text(text)
    with pytest.raises(FormatterBug):
        format_text(text.replace("F7 = N7;", "F7=N7;"))


def test_a_chunk_is_checked_with_its_doc_comments(monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout that moved a doc comment away from its declaration is refused."""
    text = "".join(f"/** doc {i} */\nN{i} (int a) => (int a);\n" for i in range(50))
    fmt.clear_caches()
    monkeypatch.setattr(fmt, "_top_comment", lambda node, data: "/* moved */")
    with pytest.raises(FormatterBug, match="doc comment"):
        format_text(text)


# --- trailing comments are aligned in runs --------------------------------------------------

def test_align_comments_gives_each_run_one_column() -> None:
    mark = fmt_layout.MARK
    text = "\n".join([f"A = B;{mark}// a", f"Longer = C;{mark}// b", "", f"D = E;{mark}// c",
                      "F = G;", f"H = I;{mark}// d", f"Jj = K;{mark}/* e */"])
    assert fmt_layout.align_comments(text) == "\n".join([
        "A = B;      // a", "Longer = C; // b", "", "D = E; // c", "F = G;", "H = I;  // d",
        "Jj = K; /* e */"])
    assert fmt_layout.align_comments("A = B; // a") == "A = B; // a"


def test_trailing_comment_columns_are_recomputed_not_kept() -> None:
    aligned = "A = B;        // a\nLonger = C;   // b\n"
    assert format_text(aligned) == "A = B;      // a\nLonger = C; // b\n"
    assert format_text("A = B; // a\nLonger = C;  // b\n") == format_text(aligned)


def test_a_run_ends_at_a_blank_line_an_uncommented_line_or_an_own_line_comment() -> None:
    text = "A = B; // a\n\nLong = C; // b\nDd = E;\nLong = F; // c\n// own\nGg = H; // d\n"
    assert format_text(text) == text
    assert format_text(text.replace("\n\n", "\n")) == \
        "A = B;    // a\nLong = C; // b\nDd = E;\nLong = F; // c\n// own\nGg = H; // d\n"


def test_comments_inside_a_wrapped_declaration_align_with_its_trailing_comment() -> None:
    text = "N (int a, // x\n   long bb // y\n) => (); // z\nFlow = A // p\n    -> Bbbb; // q\n"
    assert format_text(text) == ("N (\n    int a,   // x\n    long bb  // y\n) => ();     // z\n"
                                 "Flow = A     // p\n    -> Bbbb; // q\n")
