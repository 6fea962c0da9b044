"""Property tests: analysis never raises, and incremental re-parse equals a fresh parse."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import PROGRAMS, text_edits

from flux_ls.analysis import analyze
from flux_ls.ctypes import _canonical_items, _items_from_lark, _items_from_tokens, canonical
from flux_ls.syntax.parse import TextEdit, parse, reparse

FLUX_ALPHABET = st.sampled_from(list("ABCxyz_ *(){}[]:;,=>-?!/\n\t") + [
    "source ", "typedef ", "handle error ", "atomic ", "session", "program", "->", "=>",
    "const ", "unsigned ", "long ", "int ", "char ", "/*", "*/", "//", "/**", "é", "\x00"])
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=300))
def test_analyze_never_raises_on_random_text(text: str) -> None:
    analysis = analyze(text, "random.flux")
    assert all(d.code != "FLX000" for d in analysis.diagnostics)


@SETTINGS
@given(st.lists(FLUX_ALPHABET, max_size=80).map("".join))
def test_analyze_never_raises_on_flux_like_text(text: str) -> None:
    analysis = analyze(text, "random.flux")
    assert all(d.code != "FLX000" for d in analysis.diagnostics)


def edited_program() -> st.SearchStrategy[tuple[bytes, list[TextEdit]]]:
    return text_edits(st.sampled_from(PROGRAMS).map(str.encode),
                      st.lists(FLUX_ALPHABET, max_size=4).map("".join).map(str.encode), 4, 12)


def _apply(data: bytes, edits: list[TextEdit]) -> bytes:
    for e in edits:
        data = data[:e.start] + e.new_text + data[e.end:]
    return data


@SETTINGS
@given(edited_program())
def test_incremental_reparse_equals_fresh_parse(case: tuple[bytes, list[TextEdit]]) -> None:
    data, edits = case
    old = parse(data)
    before = _spans(old.root)
    incremental = reparse(old, edits)
    fresh = parse(_apply(data, edits))
    assert incremental.data == fresh.data
    assert str(incremental.root) == str(fresh.root)
    assert _spans(incremental.root) == _spans(fresh.root)
    assert _spans(old.root) == before  # the old tree is untouched


def _spans(node: object) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append((n.type, n.start_byte, n.end_byte,  # type: ignore[attr-defined]
                    n.start_point, n.end_point))  # type: ignore[attr-defined]
        stack.extend(n.children)  # type: ignore[attr-defined]
    return out


@SETTINGS
@given(edited_program())
def test_analyze_never_raises_on_edited_programs(case: tuple[bytes, list[TextEdit]]) -> None:
    data, edits = case
    text = _apply(data, edits)
    analysis = analyze(text, "edited.flux", syntax=reparse(parse(data), edits))
    assert all(d.code != "FLX000" for d in analysis.diagnostics)
    assert analysis.diagnostics == analyze(text, "edited.flux").diagnostics


TYPE_WORDS = st.sampled_from(["int", "long", "unsigned", "signed", "char", "short", "double",
                              "const", "volatile", "restrict", "struct", "union", "stat",
                              "size_t", "image_tag", "void", "float", "*", "*", "_Bool"])


def _lark_reading(text: str) -> str | None:
    items = _items_from_lark(text)
    return None if items is None else _canonical_items(items)


@SETTINGS
@given(st.lists(TYPE_WORDS, min_size=1, max_size=6), st.sampled_from([" ", "", "  "]))
def test_tokenizer_agrees_with_lark(words: list[str], sep: str) -> None:
    text = sep.join(words) if sep else " ".join(words).replace(" *", "*")
    assert _items_from_tokens(text) is not None
    assert canonical(text) == _lark_reading(text)


def test_canonical_forms() -> None:
    assert canonical("long unsigned int") == canonical("unsigned long") == "unsigned long"
    assert canonical("char const*") == canonical("const char *") == "const char *"
    assert canonical("char * const * p"[:-2]) == "char * const *"
    assert canonical("signed") == "int"
    assert canonical("struct stat*") == "struct stat *"
    for bad in ("long char", "unsigned double", "struct", "const", "int *int", "size_t int"):
        assert canonical(bad) is None, bad
