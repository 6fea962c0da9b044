"""The corpus tests of tree-sitter-flux (``test/corpus/*.txt``), run through py-tree-sitter.

``tree-sitter test`` runs the same files (``test_grammar_cli.py``); this runner needs no CLI.
It reads tree-sitter's corpus format the way the CLI does (headers of ``=``, the longest
``---`` divider, ``;`` comments in the expected tree, one trailing newline dropped from the
input), parses each input with the installed grammar and compares whitespace-normalised
S-expressions, field names included when the expectation has any. ``:skip`` skips a test and
``:error`` only requires the tree to contain an error. One pytest case per corpus test.
Incremental re-parsing of the corpus inputs after random edits must match a fresh parse.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import tree_sitter
import tree_sitter_flux

from flux_ls.syntax.parse import TextEdit, parse, reparse

CORPUS = Path(__file__).resolve().parent.parent / "tree-sitter-flux" / "test" / "corpus"

_HEADER = re.compile(
    rb"""^(?P<equals>={3,})(?P<suffix1>[^=\r\n][^\r\n]*)?\r?\n
    (?P<name>(?:(?:[^=\r\n]|\s+:)[^\r\n]*\r?\n)+)
    ===+(?P<suffix2>[^=\r\n][^\r\n]*)?\r?\n""",
    re.M | re.X)
_DIVIDER = re.compile(rb"^(?P<hyphens>-{3,})(?P<suffix>[^-\r\n][^\r\n]*)?\r?\n", re.M)
_COMMENT = re.compile(r"^\s*;.*$", re.M)
_FIELD = re.compile(r" \w+: \(")
_ATTRIBUTES = (":skip", ":error", ":fail-fast", ":cst", ":language", ":platform")


@dataclass(frozen=True)
class CorpusTest:
    file: str
    name: str
    attributes: frozenset[str]
    input: bytes
    expected: str


def read_corpus(file: str, content: bytes) -> list[CorpusTest]:
    """The tests of one corpus file, split as ``tree-sitter test`` splits them."""
    headers = [h for h in _HEADER.finditer(content) if h["suffix1"] == h["suffix2"]]
    tests = []
    for i, header in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(content)
        body = content[header.end():end]
        dividers = list(_DIVIDER.finditer(body))
        if not dividers:
            continue
        divider = max(dividers, key=lambda m: len(m[0]))
        source = body[:divider.start()]
        source = source[:-1] if source.endswith(b"\n") else source
        source = source[:-1] if source.endswith(b"\r") else source
        name, attributes = _name_and_attributes(header["name"].decode())
        expected = _COMMENT.sub("", body[divider.end():].decode())
        tests.append(CorpusTest(file, name, attributes, source, normalise(expected)))
    return tests


def _name_and_attributes(text: str) -> tuple[str, frozenset[str]]:
    name: list[str] = []
    attributes: set[str] = set()
    for line in text.splitlines():
        marker = line.strip().split("(")[0]
        if marker in _ATTRIBUTES:
            attributes.add(marker)
        elif not attributes:
            name.append(line)
    return "\n".join(name).strip(), frozenset(attributes)


def normalise(sexp: str) -> str:
    return re.sub(r"\s+", " ", sexp.strip()).replace(" )", ")")


def actual_tree(parser: tree_sitter.Parser, test: CorpusTest) -> tuple[str, bool]:
    """The parse of ``test.input`` as the CLI prints it, and whether it has an error."""
    root = parser.parse(test.input).root_node
    sexp = normalise(str(root))
    if not _FIELD.search(test.expected):
        sexp = _FIELD.sub(" (", sexp)
    return sexp, root.has_error


def check(parser: tree_sitter.Parser, test: CorpusTest) -> str | None:
    """None when ``test`` passes, else why it fails."""
    actual, has_error = actual_tree(parser, test)
    if ":error" in test.attributes:
        return None if has_error else f"expected an ERROR node, got {actual}"
    if actual != test.expected:
        return f"expected {test.expected}\n  actual {actual}"
    return None


def _all_tests() -> list[CorpusTest]:
    return [test for path in sorted(CORPUS.glob("*.txt"))
            for test in read_corpus(path.stem, path.read_bytes())]


@pytest.fixture(scope="module")
def parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_flux.language()))


@pytest.mark.parametrize("test", [pytest.param(t, id=f"{t.file}: {t.name}")
                                  for t in _all_tests()])
def test_corpus(parser: tree_sitter.Parser, test: CorpusTest) -> None:
    if ":skip" in test.attributes:
        pytest.skip("marked :skip in the corpus")
    failure = check(parser, test)
    assert failure is None, failure


def test_the_corpus_covers_every_construct() -> None:
    tests = _all_tests()
    files = {t.file for t in tests}
    assert {"declarations", "types", "flows", "constraints", "comments", "errors"} <= files
    node_types = {n for t in tests for n in re.findall(r"\((\w+)", t.expected)}
    assert any(":error" in t.attributes for t in tests)
    for kind in ("node_declaration", "flow_definition", "source_declaration", "session_clause",
                 "typedef_declaration", "handler_declaration", "atomic_declaration",
                 "pattern", "wildcard", "pointer", "mode", "scope", "comment", "MISSING"):
        assert kind in node_types, f"no corpus test shows a {kind}"


def test_test_names_are_unique() -> None:
    names = [(t.file, t.name) for t in _all_tests()]
    assert len(names) == len(set(names))


_SAMPLE = b"""\
================
Right
================

A = B;

---

(source_file (flow_definition name: (identifier) flow: (flow step: (identifier))))

================
Wrong tree
================

A = B;

---

; the step is not a pattern
(source_file (flow_definition name: (identifier) pattern: (pattern)))

================
Fields ignored when the expectation has none
================

A = B -> C;

-----

(source_file (flow_definition (identifier) (flow (identifier) (identifier))))

================
No error where one is required
:error
================

A = B;

---

================
Skipped
:skip
================

A = = ;

---
"""


def test_the_runner_fails_on_a_wrong_expectation(parser: tree_sitter.Parser) -> None:
    tests = {t.name: t for t in read_corpus("sample", _SAMPLE)}
    assert tests["Right"].input == b"\nA = B;\n"
    assert check(parser, tests["Right"]) is None
    assert check(parser, tests["Fields ignored when the expectation has none"]) is None
    failure = check(parser, tests["Wrong tree"])
    assert failure is not None and "(pattern)" in failure
    assert check(parser, tests["No error where one is required"]) is not None
    assert tests["Skipped"].attributes == {":skip"}


_SNIPPETS = (b"", b";", b"\n", b"->", b" x", b"(", b")", b"=", b"{", b"}", b"source ",
             b"A = B;\n", b"\nC = D;", b"int ", b"//c\n", b"/*", b"*/", b":", b"[", b"]")


def test_incremental_reparse_agrees_with_a_fresh_parse() -> None:
    """The scanner peeks past the token it returns; edits there must still re-parse right."""
    rng = random.Random(7)
    for test in _all_tests():
        syntax = parse(test.input)
        for _ in range(12):
            start = rng.randrange(len(syntax.data) + 1)
            end = min(len(syntax.data), start + rng.choice((0, 0, 1, 2, 5)))
            syntax = reparse(syntax, [TextEdit(start, end, rng.choice(_SNIPPETS))])
            fresh = parse(syntax.data)
            assert str(syntax.root) == str(fresh.root), (test.name, syntax.data)
