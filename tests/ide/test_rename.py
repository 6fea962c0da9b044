"""Rename (``flux_ls.ide.rename``): what it edits, what it refuses and why, and that a
renamed program means the same as the original (checked by re-analysing it)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from ide_support import EXAMPLES, ROOT
from ide_support import word_at as at

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide.index import Symbol, index
from flux_ls.ide.rename import (
    RenameEdits,
    RenameRange,
    RenameRefused,
    TextEdit,
    name_problem,
    prepare_rename,
    rename,
)

PROGRAM = """\
/* ünïcödé */ Listen () => (int socket);
Read (int socket) => (int socket, char *data);
Write (int socket, char *data) => ();
source Listen {session: Who} => Serve;
Serve = Read -> Route;
typedef big IsBig;
typedef small IsSmall;
Route:[_, big] = Write;
Route:[_, _] = Write;
handle error Read => OnError;
atomic Read:{cache?};
atomic Write:{cache, stats(session)};
"""


def apply(data: bytes, result: object) -> bytes:
    assert isinstance(result, RenameEdits), result
    edits: tuple[TextEdit, ...] = result.edits
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        data = data[:edit.start] + edit.new_text.encode() + data[edit.end:]
    return data


@pytest.fixture(scope="module")
def program() -> Analysis:
    return analyze(PROGRAM, "p.flux")


def refusal(result: object) -> str:
    assert isinstance(result, RenameRefused), result
    return result.message


def test_prepare_gives_the_name_under_the_cursor(program: Analysis) -> None:
    start = at(PROGRAM, "Route", 1)
    for offset in (start, start + 3, start + 5):
        assert prepare_rename(program, offset) == RenameRange(start, start + 5, "Route",
                                                              Symbol("node", "Route"))
    constraint = prepare_rename(program, at(PROGRAM, "stats"))
    assert isinstance(constraint, RenameRange) and constraint.symbol.kind == "constraint"


def test_prepare_off_a_name_is_refused_with_a_message(program: Analysis) -> None:
    message = refusal(prepare_rename(program, PROGRAM.encode().index(b"=>")))
    assert "node, predicate type, constraint or C function" in message
    assert "Place the cursor" in refusal(rename(program, 0, "X"))


def test_rename_a_node_edits_every_occurrence(program: Analysis) -> None:
    edits = rename(program, at(PROGRAM, "Read", 1), "Fetch")
    assert isinstance(edits, RenameEdits) and edits.warning is None
    assert [(e.path, e.start, e.new_text) for e in edits.edits] == [
        ("p.flux", at(PROGRAM, "Read", i), "Fetch") for i in range(4)]
    text = apply(PROGRAM.encode(), edits).decode()
    assert "Read" not in text and text.count("Fetch") == 4


def test_rename_a_predicate_type_leaves_other_namespaces_alone() -> None:
    text = "big (int x) => (int x);\ntypedef big IsBig;\nR:[big] = big;\natomic big:{big};\n"
    analysis = analyze(text)
    edits = rename(analysis, at(text, "big", 2), "large")
    assert apply(text.encode(), edits).decode() == (
        "big (int x) => (int x);\ntypedef large IsBig;\nR:[large] = big;\natomic big:{big};\n")


def test_rename_a_constraint_and_a_function(program: Analysis) -> None:
    edits = rename(program, at(PROGRAM, "cache", 1), "store")
    text = apply(PROGRAM.encode(), edits).decode()
    assert "atomic Read:{store?};" in text and "atomic Write:{store, stats(session)};" in text
    edits = rename(program, at(PROGRAM, "OnError"), "HandleReadError")
    assert isinstance(edits, RenameEdits) and len(edits.edits) == 1


def test_renaming_to_the_same_name_edits_nothing(program: Analysis) -> None:
    assert rename(program, at(PROGRAM, "Write"), "Write") == RenameEdits(())


@pytest.mark.parametrize(("new_name", "expected"), [
    ("source", "reserved word of Flux"),
    ("session", "reserved word of Flux"),
    ("error", "reserved word of Flux"),
    ("while", "C keyword"),
    ("int", "C keyword"),
    ("struct", "C keyword"),
    ("size_t", "standard C type name"),
    ("uint8_t", "standard C type name"),
    ("9lives", "not a valid name"),
    ("a-b", "not a valid name"),
    ("", "not a valid name"),
    ("naïve", "not a valid name"),
    ("two words", "not a valid name"),
    ("_", "wildcard"),
    ("flux_read", "reserved for the runtime"),
    ("Write", "node named `Write` already exists (line 3)"),
    ("OnError", "C function named `OnError` already exists (line 10) (both would be C"),
    ("Route_in", "C struct generated for node `Route`"),
    ("Write_out", "C struct generated for node `Write`"),
    ("char", "C keyword"),
])
def test_bad_node_names_are_refused(program: Analysis, new_name: str, expected: str) -> None:
    assert expected in refusal(rename(program, at(PROGRAM, "Read"), new_name))


def test_a_c_function_cannot_take_the_name_of_a_type_in_a_signature() -> None:
    text = "A (image_tag *t) => ();\nB () => (struct stat *s);\n"
    analysis = analyze(text)
    assert "`image_tag` is a C type in a signature (line 1)" in refusal(
        rename(analysis, at(text, "B"), "image_tag"))
    assert "C type in a signature (line 2)" in refusal(rename(analysis, 0, "stat"))


def test_collisions_within_each_namespace(program: Analysis) -> None:
    assert "predicate type named `small` already exists (line 7)" in refusal(
        rename(program, at(PROGRAM, "big"), "small"))
    assert "constraint named `stats` already exists" in refusal(
        rename(program, at(PROGRAM, "cache"), "stats"))
    assert "node named `Read` already exists" in refusal(
        rename(program, at(PROGRAM, "OnError"), "Read"))


def test_other_namespaces_do_not_collide(program: Analysis) -> None:
    # a constraint or a predicate type may share a node's name
    assert isinstance(rename(program, at(PROGRAM, "cache"), "Read"), RenameEdits)
    assert isinstance(rename(program, at(PROGRAM, "big"), "Write"), RenameEdits)
    # `flux_` and struct names only matter for C identifiers
    assert name_problem(Symbol("constraint", "c"), "flux_lock") is None
    assert name_problem(Symbol("node", "N"), "flux_lock") is not None


def test_reserved_words_are_refused_for_every_kind(program: Analysis) -> None:
    for word in ("cache", "big", "OnError", "Listen"):
        assert "reserved word" in refusal(rename(program, at(PROGRAM, word), "atomic"))
        assert "C keyword" in refusal(rename(program, at(PROGRAM, word), "return"))


def test_refused_while_the_name_is_in_text_that_does_not_parse() -> None:
    text = "A (int x) => (int x);\nC (int x) => (int x);\nB = A -> C;\n@ A -> ;\nsource A => B;\n"
    analysis = analyze(text)
    message = refusal(prepare_rename(analysis, at(text, "A")))
    assert "line 4" in message and "does not parse" in message
    assert "does not parse" in refusal(rename(analysis, at(text, "A", 3), "Z"))
    # a name that is not in the broken part can still be renamed
    edits = rename(analysis, at(text, "C"), "D")
    assert isinstance(edits, RenameEdits) and len(edits.edits) == 2


def test_broken_part_that_only_mentions_the_name_in_a_comment() -> None:
    text = "A (int x) => (int x);\nB = A;\n@ /* A */ ;\nsource A => B;\n"
    analysis = analyze(text)
    assert analysis.errors
    assert isinstance(prepare_rename(analysis, at(text, "A")), RenameRange)


def _renamable(analysis: Analysis) -> list[tuple[Symbol, int]]:
    idx = index(analysis)
    return [(s, idx.of(s)[0].start) for s in idx.symbols()]


def test_a_constraint_moving_in_the_lock_order_needs_confirmation() -> None:
    path = ROOT / "examples" / "deadlock" / "deadlock.flux"
    analysis = analyze(path.read_bytes())
    assert [d.code for d in analysis.diagnostics] == ["FLX603"]
    y = index(analysis).of(Symbol("constraint", "y"))[0].start
    x = index(analysis).of(Symbol("constraint", "x"))[0].start
    same_order = rename(analysis, y, "yy")
    assert isinstance(same_order, RenameEdits) and same_order.warning is None
    assert [d.code for d in analyze(apply(analysis.data, same_order)).diagnostics] == ["FLX603"]
    # x < y, but z > y: the lock order flips, and with it the elevation
    swapped = rename(analysis, x, "z")
    assert isinstance(swapped, RenameEdits) and swapped.warning is not None
    assert "`x` to `z` moves it past `y`" in swapped.warning
    after = analyze(apply(analysis.data, swapped)).diagnostics
    assert [d.code for d in analysis.diagnostics] == ["FLX603"]
    assert "`x` elevated to `C`" in analysis.diagnostics[0].message
    assert [d.code for d in after] == ["FLX603"] and "`y` elevated to `A`" in after[0].message


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_renaming_any_symbol_of_an_example_keeps_its_meaning(path: Path) -> None:
    """Rename every symbol in turn and re-check: the old name is gone from its namespace, the
    new one has as many occurrences, and unless the rename warned about the lock order the
    diagnostics are the same (codes and counts)."""
    original = analyze(path.read_bytes(), str(path))
    codes = Counter(d.code for d in original.diagnostics)
    for symbol, offset in _renamable(original):
        for new_name in (f"{symbol.name}_renamed", f"Renamed_{symbol.name}"):
            result = rename(original, offset, new_name)
            renamed = analyze(apply(original.data, result), str(path))
            assert isinstance(result, RenameEdits)
            if result.warning is None:
                assert Counter(d.code for d in renamed.diagnostics) == codes, symbol
            idx = index(renamed)
            assert symbol not in idx
            assert len(idx.of(Symbol(symbol.kind, new_name))) == len(index(original).of(symbol))
