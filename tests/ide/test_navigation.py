"""Definition, declaration, references and document highlight (``flux_ls.ide.navigation``)."""

from __future__ import annotations

import re

import pytest
from ide_support import image_server
from ide_support import word_at as at

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide.navigation import (
    Highlight,
    Location,
    declaration,
    definition,
    document_highlight,
    references,
)

PROGRAM = """\
// ünïcödé before everything: offsets are bytes
Listen () => (int socket);
Read (int socket) => (int socket, char *data);
Write (int socket, char *data) => ();
Serve (int socket) => ();
source Listen {session: Who} => Serve;
Serve = Read -> Route;
typedef big IsBig;
Route:[_, big] = Write;
Route:[_, _] = Write;
Unused = ;
handle error Read => OnError;
handle error Write => OnError;
atomic Read:{cache?};
atomic Write:{cache, stats};
atomic Route:{stats?};
"""


def loc(word: str, nth: int = 0) -> Location:
    start = at(PROGRAM, word, nth)
    return Location("p.flux", start, start + len(word.encode()))


@pytest.fixture(scope="module")
def program() -> Analysis:
    return analyze(PROGRAM, "p.flux")


def test_node_use_goes_to_signature_then_flow_definitions(program: Analysis) -> None:
    # Serve: used as the source's target, then signature, then its flow
    assert definition(program, at(PROGRAM, "Serve", 1)) == (loc("Serve"), loc("Serve", 2))
    # from the use inside a flow and from the definition itself: the same answer
    for offset in (at(PROGRAM, "Read", 1), at(PROGRAM, "Read"), at(PROGRAM, "Read", 2)):
        assert definition(program, offset) == (loc("Read"),)


def test_abstract_node_without_signature_goes_to_every_alternative(program: Analysis) -> None:
    assert definition(program, at(PROGRAM, "Route")) == (loc("Route", 1), loc("Route", 2))


def test_source_node_and_target(program: Analysis) -> None:
    assert definition(program, at(PROGRAM, "Listen", 1)) == (loc("Listen"),)
    assert definition(program, at(PROGRAM, "Serve", 1))[0] == loc("Serve")


def test_predicate_type_goes_to_its_typedef(program: Analysis) -> None:
    assert definition(program, at(PROGRAM, "big", 1)) == (loc("big"),)


def test_constraint_goes_to_every_declaration(program: Analysis) -> None:
    expected = (loc("stats"), loc("stats", 1))
    assert definition(program, at(PROGRAM, "stats", 1)) == expected
    assert declaration(program, at(PROGRAM, "stats")) == expected


def test_function_goes_to_every_declaration_naming_it(program: Analysis) -> None:
    assert definition(program, at(PROGRAM, "OnError")) == (loc("OnError"), loc("OnError", 1))


def test_declaration_is_the_signature(program: Analysis) -> None:
    assert declaration(program, at(PROGRAM, "Serve", 2)) == (loc("Serve"),)
    assert declaration(program, at(PROGRAM, "Route")) == (loc("Route", 1), loc("Route", 2))
    assert declaration(program, at(PROGRAM, "big", 1)) == (loc("big"),)


def test_undefined_names_and_empty_places_give_nothing() -> None:
    text = "A = Missing -> B;\nB () => ();\nX:[nope] = ;\n"
    analysis = analyze(text, "u.flux")
    assert definition(analysis, text.index("Missing")) == ()
    assert declaration(analysis, text.index("nope")) == ()
    assert definition(analysis, text.index("->")) == ()
    assert references(analysis, text.index("->")) == ()
    assert document_highlight(analysis, text.index("=")) == ()
    # an undefined name still has references: its uses
    assert references(analysis, text.index("Missing")) == (
        Location("u.flux", text.index("Missing"), text.index("Missing") + 7),)


def test_references_with_and_without_declarations(program: Analysis) -> None:
    every = references(program, at(PROGRAM, "Write", 2))
    assert every == tuple(loc("Write", i) for i in range(5))
    uses = references(program, at(PROGRAM, "Write"), include_declaration=False)
    assert uses == (loc("Write", 1), loc("Write", 2), loc("Write", 3), loc("Write", 4))
    assert references(program, at(PROGRAM, "Route"), include_declaration=False) == (
        loc("Route"), loc("Route", 3))
    assert references(program, at(PROGRAM, "big"), include_declaration=False) == (
        loc("big", 1),)


def test_references_of_a_constraint_are_its_declarations(program: Analysis) -> None:
    assert references(program, at(PROGRAM, "cache")) == (loc("cache"), loc("cache", 1))
    assert references(program, at(PROGRAM, "cache"), include_declaration=False) == ()


def test_references_never_cross_namespaces() -> None:
    text = "big (int x) => ();\ntypedef big IsBig;\nR:[big] = big;\natomic big:{big};\n"
    analysis = analyze(text)
    node = {(r.start) for r in references(analysis, at(text, "big"))}
    assert node == {at(text, "big"), at(text, "big", 3), at(text, "big", 4)}
    ptype = {r.start for r in references(analysis, at(text, "big", 1))}
    assert ptype == {at(text, "big", 1), at(text, "big", 2)}
    assert [r.start for r in references(analysis, at(text, "big", 5))] == [at(text, "big", 5)]


def test_highlight_marks_definitions_write_and_uses_read(program: Analysis) -> None:
    found = document_highlight(program, at(PROGRAM, "Read", 1))
    assert [(h.start, h.kind) for h in found] == [
        (at(PROGRAM, "Read"), "write"), (at(PROGRAM, "Read", 1), "read"),
        (at(PROGRAM, "Read", 2), "read"), (at(PROGRAM, "Read", 3), "read")]


def test_highlight_of_a_constraint_follows_its_mode(program: Analysis) -> None:
    found = document_highlight(program, at(PROGRAM, "stats"))
    start = at(PROGRAM, "stats")
    assert found[0] == Highlight(start, start + 5, "write")
    assert found[1].kind == "read"  # stats? on Route
    assert [h.kind for h in document_highlight(program, at(PROGRAM, "cache"))] == [
        "read", "write"]


def test_highlight_of_a_function_is_text(program: Analysis) -> None:
    assert {h.kind for h in document_highlight(program, at(PROGRAM, "Who"))} == {"text"}


def test_cursor_at_either_end_of_a_name(program: Analysis) -> None:
    start = at(PROGRAM, "big", 1)
    assert definition(program, start) == definition(program, start + 3) == (loc("big"),)
    assert definition(program, start - 1) == ()  # the space before it


def test_broken_file_still_navigates() -> None:
    text = "A (int x) => (int x);\nB = A -> ;\nsource A => B\nC (int => ();\nD = A;\n"
    analysis = analyze(text, "b.flux")
    assert analysis.errors
    uses = [r.start for r in references(analysis, at(text, "A"))]
    assert at(text, "A") in uses and at(text, "A", 1) in uses
    assert definition(analysis, at(text, "A", 3)) == (Location("b.flux", 0, 1),)


def test_every_use_in_the_image_server_reaches_a_definition() -> None:
    analysis = image_server("img.flux")
    data = analysis.data
    for word in ("ReadInFromDisk", "Handler", "hit", "cache", "Image", "Listen"):
        for m in re.finditer(rb"(?<![A-Za-z0-9_])" + word.encode() + rb"(?![A-Za-z0-9_])",
                             data):
            line = data[data.rfind(b"\n", 0, m.start()) + 1:m.start()]
            if b"//" in line or line.lstrip().startswith(b"/*") or line.startswith(b" *"):
                continue  # inside a comment
            targets = definition(analysis, m.start())
            assert targets, (word, m.start())
            assert all(data[t.start:t.end] == word.encode() for t in targets)
