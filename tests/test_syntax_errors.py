"""FLX001 syntax diagnostics, through ``flux_ls.analysis.analyze``.

For each realistic mistake: exactly one FLX001, its message says what was expected, and its
primary span is the offending token (one line, never a region). The declarations after the
mistake still reach the model. Then properties over every one-token deletion and duplication
in a real program: at most one FLX001 per mistake, spans on one line, and no declaration but
the broken one is lost.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flux_ls.analysis import Analysis, analyze
from flux_ls.syntax import errors, expected

PACKAGE = Path(__file__).resolve().parent.parent / "tree-sitter-flux"

# (source, expected message, text of the primary span, names declared after the mistake)
CASES = {
    "missing semicolon": (
        "Listen () => (int socket)\nServe (int socket) => ();\nsource Listen => Serve;\n",
        "expected `;` after `)`", ")", {"Serve"}),
    "missing closing parenthesis": (
        "A () => (int x;\nB = C;\n", "expected `)` after `x`", "x", {"B"}),
    "missing target": (
        "source L => ;\nT = A;\n", "expected a node name after `=>`", "=>", {"T"}),
    "missing handler function": (
        "handle error N => ;\nT = A;\n", "expected a handler function name after `=>`", "=>",
        {"T"}),
    "doubled arrow": (
        "C = A -> -> B;\nD = E;\n", "unexpected `->`; expected a node name", "->", {"D"}),
    "arrow before the semicolon": (
        "A = B -> ;\nD = E;\n", "unexpected `;`; expected a node name", ";", {"D"}),
    "stray token": (
        "C = D % E;\nF = G;\n", "unexpected `%`; expected `->` or `;`", "%", {"F"}),
    "missing arrow": (
        "B = X Y;\nC = D;\n", "unexpected `Y`; expected `->` or `;`", "Y", {"C"}),
    "missing closing brace in atomic": (
        "atomic A:{x;\nB = C;\n", "expected `}` after `x`", "x", {"B"}),
    "half-typed declaration at the end of the file": (
        "A = B;\nC (int", "expected `*` or a parameter name after `int`", "int", set()),
    "unfinished flow before a declaration": (
        "A = B ->\nC = D;\n", "expected a node name after `->`", "->", {"C"}),
    "unfinished source before a declaration": (
        "source S {\nT = B;\n", "expected `session` after `{`", "{", {"T"}),
    "stray word between declarations": (
        "A = B;\nfoo\nC = D;\n", "expected `(`, `:` or `=` after `foo`", "foo", {"C"}),
    "missing arrow in a signature": (
        "A (int x) (int y);\nB = C;\n", "expected `=>` after `)`", ")", {"B"}),
    "misspelled scope": (
        "atomic A:{x?(sessoin)};\nD = E;\n",
        "unexpected `sessoin`; expected `program` or `session`", "sessoin", {"D"}),
    "reserved word as a constraint name": (
        "atomic A:{session};\nD = E;\n", "`session` is a reserved word and cannot be a name",
        "session", {"D"}),
    "declaration keyword as a node name": (
        "A = B;\nhandle (int fd) => ();\nB = C;\n",
        "`handle` is a reserved word and cannot name a node", "handle", {"B"}),
    "wildcard as a name": (
        "_ = A;\nB = C;\n", "`_` is the wildcard and cannot be a name", "_", {"B"}),
    "unterminated comment": (
        "A = B;\n/* never closed\nC = D;\n", "unterminated comment: `/*` has no closing `*/`",
        "/*", set()),
}


def _syntax(analysis: Analysis) -> list[tuple[str, str]]:
    return [(d.message, analysis.data[d.span.start:d.span.end].decode())
            for d in analysis.diagnostics if d.code == "FLX001"]


def _declared(analysis: Analysis) -> set[str]:
    names = set()
    for decl in analysis.program.declarations:
        for attr in ("name", "node", "type"):
            value = getattr(decl, attr, None)
            if value is not None and hasattr(value, "text"):
                names.add(value.text)
    return names


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_one_precise_diagnostic_per_mistake(case: str) -> None:
    source, message, token, after = CASES[case]
    analysis = analyze(source, "mistake.flux")
    assert _syntax(analysis) == [(message, token)]
    assert after <= _declared(analysis)


def test_independent_mistakes_are_reported_separately() -> None:
    source = "A () => (int x;\nB = X Y;\nC = A -> -> B;\nsource L => ;\nT = A;\n"
    analysis = analyze(source)
    assert [token for _, token in _syntax(analysis)] == ["x", "Y", "->", "=>"]
    assert {"A", "B", "C", "T"} <= _declared(analysis)


def test_a_clean_program_has_no_syntax_diagnostic() -> None:
    source = (PACKAGE / "test" / "highlight" / "declarations.flux").read_text()
    assert _syntax(analyze(source)) == []


def test_spans_are_byte_offsets_into_utf8_text() -> None:
    analysis = analyze("/* é */ A = B -> ;\n")
    assert _syntax(analysis) == [("unexpected `;`; expected a node name", ";")]


_PROGRAM = """\
/** An image server. */
Listen () => (int socket);
ReadRequest (int socket) => (int socket, image_tag *request);
Write (int socket, image_tag *request) => ();
source Listen {session: Who} => Image;
Image = ReadRequest -> Handler -> Write;
typedef hit TestInCache;
Handler:[_, hit] = ;
Handler:[_, *] = ReadRequest;
handle error ReadRequest => NotFound;
atomic Write:{cache?, log!(program), s(session)};
Multi (unsigned long n, const char * const *argv) => (struct stat st);
"""
_TOKEN = re.compile(r"//[^\n]*|/\*.*?\*/|->|=>|\w+|\S", re.S)


def _mutations() -> list[tuple[str, str]]:
    out = []
    for match in _TOKEN.finditer(_PROGRAM):
        if match[0].startswith("/"):
            continue
        start, end = match.span()
        out.append((f"delete {match[0]!r}@{start}", _PROGRAM[:start] + _PROGRAM[end:]))
        out.append((f"double {match[0]!r}@{start}",
                    _PROGRAM[:end] + " " + match[0] + _PROGRAM[end:]))
    return out


def test_one_token_mistakes_give_one_diagnostic_on_one_line() -> None:
    for label, source in _mutations():
        analysis = analyze(source)
        found = [d for d in analysis.diagnostics if d.code == "FLX001"]
        assert len(found) <= 1, (label, [d.message for d in found])
        for d in found:
            assert b"\n" not in analysis.data[d.span.start:d.span.end], (label, d.message)


def test_one_token_mistakes_lose_at_most_the_broken_declaration() -> None:
    original = {str(d) for d in analyze(_PROGRAM).program.declarations}
    for label, source in _mutations():
        kept = {str(d) for d in analyze(source).program.declarations}
        assert len(original - kept) <= 1, (label, sorted(original - kept))


def _strings(rule: object) -> set[str]:
    if isinstance(rule, dict):
        found = {rule["value"]} if rule.get("type") == "STRING" else set()
        for value in rule.values():
            found |= _strings(value)
        return found
    if isinstance(rule, list):
        return set().union(*(_strings(r) for r in rule)) if rule else set()
    return set()


def test_the_word_lists_match_the_grammar() -> None:
    grammar = json.loads((PACKAGE / "src" / "grammar.json").read_text())
    rules = grammar["rules"]
    type_words = _strings(rules["_type_word"]) | _strings(rules["primitive_type"])
    assert set(expected.c_type_words()) == type_words
    keywords = {w for rule in rules.values() for w in _strings(rule) if w.isidentifier()}
    assert errors.RESERVED <= keywords
    scanner = (PACKAGE / "src" / "scanner.c").read_text()
    assert all(f'"{word}"' in scanner for word in errors.RESERVED)


# --- incremental re-parse -----------------------------------------------------------------

_TYPED = list("abcXY_ ;=->()[]{}:,*?!\n") + ["->", "=>", "source ", "atomic ", "//", "/*"]


@pytest.mark.parametrize("seed", [2, 13, 27, 43])
def test_messages_after_incremental_edits_equal_a_fresh_parse(seed: int) -> None:
    """tree-sitter keeps a reused token's parse state from the parse that built it, and error
    recovery is not incremental-stable: without ``reparse`` redoing broken declarations, these
    random typing sessions (seeds found by search) worded an FLX001 differently from
    ``flux check`` on the same text within 40 keystrokes."""
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from gen import generate

    from flux_ls.syntax.errors import syntax_diagnostics
    from flux_ls.syntax.parse import TextEdit, parse, reparse

    rng = random.Random(seed)
    tree = parse(generate(60, seed=seed))
    for _ in range(40):
        at = rng.randrange(len(tree.data) + 1)
        if rng.random() < 0.5:
            edit = TextEdit(at, at, rng.choice(_TYPED).encode())
        else:
            edit = TextEdit(at, min(len(tree.data), at + rng.randrange(1, 3)), b"")
        tree = reparse(tree, [edit])
        fresh = parse(tree.data)
        assert [(d.message, d.span) for d in syntax_diagnostics(tree)] == \
            [(d.message, d.span) for d in syntax_diagnostics(fresh)]


@pytest.mark.parametrize("line, word, keyword", [
    ("atomc Get:{x};", "atomc", "atomic"),
    ("sourse Listen => Serve;", "sourse", "source"),
    ("handel error Read => Fail;", "handel", "handle"),
    ("typdef hit IsHit;", "typdef", "typedef"),
    ("handle eror Read => Fail;", "eror", "error"),
    ("source Listen {sesion: F} => Serve;", "sesion", "session"),
])
def test_a_misspelt_keyword_gets_did_you_mean_and_its_fix(line: str, word: str,
                                                         keyword: str) -> None:
    from flux_ls.fixes import fixes

    text = f"Get () => ();\nRead () => ();\n{line}\n"
    analysis = analyze(text)
    [found] = [d for d in analysis.diagnostics if d.code == "FLX001"]
    assert found.hint == f"did you mean `{keyword}`?"
    [fix] = fixes(analysis, found)
    assert fix.title == f"Change `{word}` to `{keyword}`" and fix.preferred
    [edit] = fix.edits
    start = text.encode().index(word.encode(), len("Get () => ();\nRead () => ();\n"))
    assert (edit.span.start, edit.span.end, edit.text) == (start, start + len(word), keyword)
    fixed = analyze(text[:start] + keyword + text[start + len(word):])
    assert not [d for d in fixed.diagnostics if d.code == "FLX001"]


def test_a_name_far_from_every_keyword_gets_no_guess() -> None:
    analysis = analyze("Get () => ();\nfoo Get:{x};\n")
    [found] = [d for d in analysis.diagnostics if d.code == "FLX001"]
    assert found.hint is None and not found.fixes
