"""Incremental analysis: ``analyze(new, syntax=reparsed, previous=old)`` must give exactly what a
fresh ``analyze(new)`` gives — the same diagnostics in the same order, the same program and
the same semantics, spans and all — however the text was edited.

A differential test runs random edit sequences over the test programs, the examples and
random programs, re-parsing incrementally as the language server does and chaining each
analysis into the next; targeted cases cover each kind of edit by name. Island checking
(``checks.islands``) is compared with checking the whole program at once (``checks.run``).
"""

from __future__ import annotations

import copy
import difflib
import gc
import pickle
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import PROGRAMS, flux_programs

from flux_ls import checks
from flux_ls.analysis import Analysis, analyze
from flux_ls.checks.islands import check_program
from flux_ls.checks.names import CUTOFF
from flux_ls.checks.suggest import CandidateIndex, Suggestions
from flux_ls.model import Name, Signature, Span, shifted
from flux_ls.semantics import NodeInfo
from flux_ls.syntax.errors import syntax_diagnostics
from flux_ls.syntax.lower import lower
from flux_ls.syntax.parse import TextEdit, parse, reparse
from flux_ls.syntax.units import lower_units

PIECES = ["A", "x", "_", " ", "\n", ";", "->", "=>", "=", "(", ")", "{", "}", "[", "]", ":",
          ",", "*", "?", "!", "/*", "*/", "//", "/** doc */\n", "source ", "typedef ",
          "handle error ", "atomic ", "session", "program", "int ", "const char *", "é"]


def snapshot(analysis: Analysis) -> dict[str, object]:
    """Everything an analysis says, spans included (``repr`` shows the fields that equality
    ignores, such as spans and doc comments)."""
    sem = analysis.semantics
    return {
        "diagnostics": [repr(d) for d in analysis.diagnostics],
        "program": repr(analysis.program),
        "nodes": [(name, repr(info)) for name, info in sem.nodes.items()],
        "typedefs": [(name, repr(t)) for name, t in sem.typedefs.items()],
        "sources": repr(sem.sources),
        "scopes": list(sem.constraint_scopes.items()),
    }


def assert_same(incremental: Analysis, fresh: Analysis) -> None:
    assert incremental.data == fresh.data
    assert incremental.diagnostics == fresh.diagnostics
    assert incremental.program == fresh.program
    assert incremental.semantics == fresh.semantics
    assert snapshot(incremental) == snapshot(fresh)
    assert_refers_to_program(incremental)


def assert_refers_to_program(analysis: Analysis) -> None:
    """The semantics refer to the program's own declaration objects, as a fresh one does."""
    decls = {id(d) for d in analysis.program.declarations}
    for info in analysis.semantics.nodes.values():
        used = [info.signature, info.handler, *info.flows, *info.atomics]
        assert all(id(d) in decls for d in used if d is not None), info.name
    assert all(id(t) in decls for t in analysis.semantics.typedefs.values())
    assert all(id(s) in decls for s in analysis.semantics.sources)


def edit(analysis: Analysis, start: int, end: int, new: str | bytes) -> Analysis:
    """Apply one edit as the language server does (incremental re-parse, previous analysis),
    check it against an analysis of the same tree without ``previous``, and return it.

    (The tree matters, not only the text: after an incremental re-parse, tree-sitter keeps the
    parse states recorded when a reused node was first parsed, and some FLX001 messages read
    them; ``test_fresh_parse_with_previous`` compares with fresh parses.)"""
    new_bytes = new.encode() if isinstance(new, str) else new
    syntax = reparse(analysis.syntax, [TextEdit(start, end, new_bytes)])
    incremental = analyze(syntax.data, "edited.flux", syntax=syntax, previous=analysis)
    assert_same(incremental, analyze(syntax.data, "edited.flux", syntax=syntax))
    return incremental


def replace_text(analysis: Analysis, old: str, new: str, occurrence: int = 0) -> Analysis:
    data = analysis.data
    at = -1
    for _ in range(occurrence + 1):
        at = data.index(old.encode(), at + 1)
    return edit(analysis, at, at + len(old.encode()), new)


# --- random edit sequences ----------------------------------------------------------------

@st.composite
def edit_sequences(draw: st.DrawFn) -> tuple[str, list[tuple[float, float, str]]]:
    """A program and edits, each as (where, how much to replace, new text) with positions as
    fractions of the length of the text it applies to; new text is a piece of Flux or a slice
    of the program itself (so declarations get duplicated and moved)."""
    text = draw(st.one_of(st.sampled_from(PROGRAMS), flux_programs()))
    edits = []
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.floats(0, 1))
        span = draw(st.one_of(st.just(0.0), st.floats(0, 0.02), st.floats(0, 0.3)))
        if draw(st.booleans()):
            new = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3)))
        else:
            a, b = sorted((draw(st.floats(0, 1)), draw(st.floats(0, 1))))
            new = text[int(a * len(text)):int(b * len(text))][:400]
        edits.append((where, span, new))
    return text, edits


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_sequences())
def test_random_edits_give_a_fresh_analysis(case: tuple[str, list[tuple[float, float, str]]]
                                            ) -> None:
    text, edits = case
    analysis = analyze(text, "edited.flux")
    for where, span, new in edits:
        size = len(analysis.data)
        start = int(where * size)
        end = min(size, start + int(span * size))
        analysis = edit(analysis, start, end, new.encode())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_sequences())
def test_fresh_parse_with_previous(case: tuple[str, list[tuple[float, float, str]]]) -> None:
    """``analyze(new, previous=old)`` (each text parsed afresh) equals ``analyze(new)``."""
    text, edits = case
    analysis = analyze(text, "edited.flux")
    for where, span, new in edits:
        data = analysis.data
        start = int(where * len(data))
        end = min(len(data), start + int(span * len(data)))
        data = data[:start] + new.encode() + data[end:]
        incremental = analyze(data, "edited.flux", previous=analysis)
        assert_same(incremental, analyze(data, "edited.flux"))
        analysis = incremental


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PROGRAMS), st.data())
def test_typing_character_by_character(text: str, data: st.DataObject) -> None:
    """Single-character insertions and deletions, as a user types, chained."""
    analysis = analyze(text, "edited.flux")
    for _ in range(data.draw(st.integers(1, 12))):
        at = data.draw(st.integers(0, len(analysis.data)))
        if data.draw(st.booleans()) or at == len(analysis.data):
            analysis = edit(analysis, at, at, data.draw(st.sampled_from("x_ ;\n(-*/")))
        else:
            analysis = edit(analysis, at, at + 1, b"")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.sampled_from(PROGRAMS), flux_programs()), st.booleans())
def test_islands_give_what_checking_the_whole_program_gives(text: str,
                                                            has_syntax_errors: bool) -> None:
    lowered = lower_units(parse(text))
    semantics, found = checks.run(lowered.program, has_syntax_errors)
    by_islands, found_by_islands, _ = check_program(lowered, has_syntax_errors)
    order = lambda d: (d.span.start, d.span.end, d.code)  # noqa: E731
    assert sorted(found_by_islands, key=order) == sorted(found, key=order)
    assert by_islands == semantics
    assert [(n, repr(i)) for n, i in by_islands.nodes.items()] == \
        [(n, repr(i)) for n, i in semantics.nodes.items()]
    assert list(by_islands.typedefs.items()) == list(semantics.typedefs.items())
    assert list(by_islands.constraint_scopes.items()) == \
        list(semantics.constraint_scopes.items())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.sampled_from(PROGRAMS), flux_programs(),
                 st.lists(st.sampled_from(PIECES), max_size=60).map("".join)))
def test_reserved_names_from_lowering_match_the_text_scan(text: str) -> None:
    syntax = parse(text)
    assert syntax_diagnostics(syntax, lower_units(syntax)) == syntax_diagnostics(syntax)


# --- targeted edits ---------------------------------------------------------------------------

SERVICE = """\
/** Accept: waits for a connection. */
Accept () => (int socket);
Read (int socket) => (int socket, char *request);
Reply (int socket, char *request) => ();
Serve = Read -> Reply;
source Accept => Serve;
atomic Read:{cache?};
atomic Reply:{cache};
handle error Read => OnReadError;
"""
OTHER = """\
Listen () => (int fd);
Handle (int fd) => ();
Main = Handle;
source Listen => Main;
typedef hit IsHit;
Pick:[hit] = Handle;
Pick:[_] = Handle;
"""
TEXT = SERVICE + "\n" + OTHER


@pytest.fixture
def base() -> Analysis:
    return analyze(TEXT, "edited.flux")


def test_edit_inside_a_declaration(base: Analysis) -> None:
    changed = replace_text(base, "Reply (int socket, char *request)", "Reply (int socket, int n)")
    assert "FLX201" in {d.code for d in changed.diagnostics}
    back = replace_text(changed, "Reply (int socket, int n)", "Reply (int socket, char *request)")
    assert "FLX201" not in {d.code for d in back.diagnostics}


def test_insert_and_delete_a_declaration(base: Analysis) -> None:
    at = base.data.index(b"source Accept")
    added = edit(base, at, at, "Unused (int x) => ();\n")
    unused = [d.code for d in base.diagnostics].count("FLX105")
    assert [d.code for d in added.diagnostics].count("FLX105") == unused + 1
    line = b"Unused (int x) => ();\n"
    start = added.data.index(line)
    removed = edit(added, start, start + len(line), b"")
    assert removed.diagnostics == base.diagnostics


def test_rename_a_node_used_elsewhere(base: Analysis) -> None:
    renamed = base
    for typed in ("Reads", "Readsx"):  # type the new name one character at a time
        renamed = replace_text(renamed, typed[:-1] + " (", typed + " (")
        undefined = [d for d in renamed.diagnostics if d.code == "FLX101"]
        assert len(undefined) == 3  # used in a flow, an atomic and a handler
        assert all(d.hint == f"did you mean `{typed}`?" for d in undefined)
    for name in ("Readsx", "Reads"):  # and delete it again
        renamed = replace_text(renamed, name + " (", name[:-1] + " (")
    assert renamed.diagnostics == base.diagnostics


def test_edits_that_create_and_remove_syntax_errors(base: Analysis) -> None:
    at = base.data.index(b"Handle (int fd) => ();")
    unused = edit(base, at, at, "Spare (int fd) => ();\n")
    assert "FLX105" in {d.code for d in unused.diagnostics}
    semicolon = unused.data.index(b"=> Main;") + len(b"=> Main")
    broken = edit(unused, semicolon, semicolon + 1, b"")  # FLX001, so FLX105 is held back
    codes = {d.code for d in broken.diagnostics}
    assert "FLX001" in codes and "FLX105" not in codes
    fixed = edit(broken, semicolon, semicolon, b";")
    assert fixed.diagnostics == unused.diagnostics


def test_edits_in_comments(base: Analysis) -> None:
    at = base.data.index(b"Listen")
    commented = edit(base, at, at, "// a comment\n/* and a block */ ")
    assert [d.code for d in commented.diagnostics] == [d.code for d in base.diagnostics]
    end = len(commented.data)
    opened = edit(commented, end, end, "/* unterminated ")
    assert "FLX001" in {d.code for d in opened.diagnostics}
    assert edit(opened, end, len(opened.data), b"").diagnostics == commented.diagnostics


def test_doc_comments(base: Analysis) -> None:
    changed = replace_text(base, "waits for a connection", "accepts a client")
    accept = changed.semantics.node("Accept")
    assert accept is not None and accept.doc == "Accept: accepts a client."
    at = changed.data.index(b"Read (int socket)")
    documented = edit(changed, at, at, "/** Reads a request. */\n")
    read = documented.semantics.node("Read")
    assert read is not None and read.doc == "Reads a request."
    separated = edit(documented, at + len("/** Reads a request. */\n"), at + len(
        "/** Reads a request. */\n"), "\n")  # a blank line: no longer its doc comment
    read = separated.semantics.node("Read")
    assert read is not None and read.doc is None


def test_move_and_duplicate_declarations(base: Analysis) -> None:
    line = b"atomic Reply:{cache};\n"
    start = base.data.index(line)
    cut = edit(base, start, start + len(line), b"")
    pasted = edit(cut, len(cut.data), len(cut.data), line)
    twice = edit(pasted, 0, 0, line)
    duplicate = edit(twice, 0, 0, b"Reply (int socket, char *request) => ();\n")
    assert "FLX103" in {d.code for d in duplicate.diagnostics}


def test_the_previous_analysis_is_left_as_it_was(base: Analysis) -> None:
    """An analysis can serve as ``previous`` more than once (stale requests keep using it)."""
    before = snapshot(base)
    edit(base, 0, 0, "Extra () => ();\n")
    edit(base, len(base.data), len(base.data), "source Listen => Handle;\n")
    assert snapshot(base) == before
    assert_same(analyze(TEXT, "edited.flux", previous=base), base)


def test_what_an_edit_did_not_touch_is_reused(base: Analysis) -> None:
    """An edit in the second service leaves the first one's conclusions as they were (the
    same objects, not re-computed); the first one's spans do not move."""
    at = base.data.index(b"Main = Handle;")
    changed = edit(base, at, at, "Spare (int fd) => ();\n")
    for name in ("Accept", "Read", "Reply", "Serve"):
        assert changed.semantics.nodes[name] is base.semantics.nodes[name]
    first = base.data.index(b"Listen")
    moved = edit(changed, first, first, "\n\n")  # the second service moves down two bytes
    listen = moved.semantics.nodes["Listen"]
    assert listen.name_span == Span(base.semantics.nodes["Listen"].name_span.start + 2,
                                    base.semantics.nodes["Listen"].name_span.end + 2)


# --- relocated values ---------------------------------------------------------------------------

def test_relocated_values_behave_like_the_original_moved() -> None:
    program = analyze(TEXT, "x.flux").program
    sig = program.signatures[1]
    moved = shifted(sig, 10)
    expected = replace(sig, name=Name(sig.name.text, Span(sig.name.span.start + 10,
                                                           sig.name.span.end + 10)))
    assert isinstance(moved, Signature)
    assert moved.span == Span(sig.span.start + 10, sig.span.end + 10)
    assert moved.name.span == expected.name.span
    assert moved.inputs[0].type.span.start == sig.inputs[0].type.span.start + 10
    assert moved == sig and hash(moved) == hash(sig)  # spans do not take part in equality
    assert repr(shifted(moved, -10)) == repr(sig)
    for clone in (copy.copy(shifted(sig, 3)), copy.deepcopy(shifted(sig, 3)),
                  pickle.loads(pickle.dumps(shifted(sig, 3)))):
        assert repr(clone) == repr(shifted(sig, 3))
        assert "_relocated_from" not in vars(clone)
    assert replace(shifted(sig, 3), doc="x").span == Span(sig.span.start + 3, sig.span.end + 3)
    with pytest.raises(AttributeError):
        shifted(sig, 3).no_such_field  # type: ignore[attr-defined]  # noqa: B018


def test_relocated_node_info_refers_to_the_replacements() -> None:
    analysis = analyze(TEXT, "x.flux")
    info = analysis.semantics.nodes["Read"]
    assert info.signature is not None
    new_sig = shifted(info.signature, 5)
    moved = shifted(info, 5, {id(info.signature): new_sig})
    assert isinstance(moved, NodeInfo)
    assert moved.signature is new_sig
    assert moved.effective[0].origin.start == info.effective[0].origin.start + 5
    assert moved.atomics[0].span.start == info.atomics[0].span.start + 5
    assert (moved.name, moved.inputs, moved.outputs, moved.reachable) == \
        (info.name, info.inputs, info.outputs, info.reachable)


# --- what the speed rests on ------------------------------------------------------------------

def test_an_analysis_leaves_no_reference_cycles() -> None:
    """``analyze`` freezes what it allocated (``gc.freeze``) and counts on reference counting
    to free it: an analysis, even an incremental one read all through, must form no cycle."""
    from flux_ls.ide.hover import node_markdown
    from flux_ls.render.report import FileReport

    analyze(TEXT, "warm-up.flux")  # first-use imports and caches are not the analysis's
    gc.collect()
    gc.disable()
    try:
        first = analyze(TEXT, "x.flux")
        second = edit(first, 0, 0, "Extra (int x) => ();\n")
        snapshot(second)  # read everything that is computed on first use
        for name in second.semantics.nodes:  # hovers cache the C interface on the analysis
            node_markdown(second, name)
        FileReport.of(second)  # with the quick fixes of every diagnostic
        del first, second
        assert gc.collect() == 0
    finally:
        gc.enable()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text("abcdeRSTx_", min_size=1, max_size=9), min_size=1, max_size=60),
       st.lists(st.text("abcdeRSTx_", min_size=1, max_size=9), max_size=8),
       st.text("abcdeRSTx_", min_size=1, max_size=9))
def test_hints_are_difflibs(names: list[str], later: list[str], word: str) -> None:
    """The indexed "did you mean" picks what ``difflib.get_close_matches`` picks, also after
    the candidates change (as they do from one analysis to the next)."""
    index = CandidateIndex()
    for candidates in (names, names[: len(names) // 2] + later):
        index.move_to(frozenset(candidates))
        found = Suggestions.of(word, index)
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
        assert found.hint == (f"did you mean `{close[0]}`?" if close else None)
    index.move_to(frozenset(names))
    updated = found.update(index)
    close = difflib.get_close_matches(word, names, n=1, cutoff=CUTOFF)
    assert updated.hint == (f"did you mean `{close[0]}`?" if close else None)


def test_deferred_values_behave_like_plain_ones(base: Analysis) -> None:
    """After an edit the program's declarations and most of the semantics are made when first
    read; copies, pickles and comparisons see them as plain values."""
    edited = edit(base, 0, 0, "\n")
    fresh = analyze(edited.data, "edited.flux")
    for value, plain in ((edited.program, fresh.program), (edited.semantics, fresh.semantics)):
        assert pickle.loads(pickle.dumps(value)) == plain
        assert copy.deepcopy(value) == plain
        assert repr(copy.copy(value)) == repr(plain)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.sampled_from(PROGRAMS), flux_programs(),
                 st.lists(st.sampled_from(PIECES), max_size=60).map("".join)))
def test_units_lower_what_lower_does(text: str) -> None:
    syntax = parse(text)
    assert repr(lower_units(syntax).program) == repr(lower(syntax))
