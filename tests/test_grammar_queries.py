"""The editor queries of tree-sitter-flux (``queries/*.scm``), checked through py-tree-sitter.

Every query compiles against the grammar. The highlight and tag tests of the package
(``test/highlight/*.flux``, ``test/tags/*.flux``: caret assertions in tree-sitter's format)
are also run here, so they are checked where the tree-sitter CLI is not available. Then a
few properties an editor relies on: no node gets two highlight captures (so the result is
the same whether an editor lets the first or the last pattern win), every declaration kind
is folded, and locals/tags find definitions and references.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import tree_sitter
import tree_sitter_flux

PACKAGE = Path(__file__).resolve().parent.parent / "tree-sitter-flux"
QUERIES = sorted((PACKAGE / "queries").glob("*.scm"))
_ASSERTION = re.compile(r"^(?P<indent>\s*)//\s*(?P<marker><-|\^+)\s*(?P<negated>!?)(?P<name>\S+)")

LANGUAGE = tree_sitter.Language(tree_sitter_flux.language())


@dataclass(frozen=True)
class Assertion:
    row: int
    column: int
    name: str
    negated: bool


def parse(text: str) -> tree_sitter.Node:
    return tree_sitter.Parser(LANGUAGE).parse(text.encode()).root_node


def query(name: str) -> tree_sitter.Query:
    return tree_sitter.Query(LANGUAGE, (PACKAGE / "queries" / name).read_text())


def assertions(text: str) -> list[Assertion]:
    """Caret assertions: `// ^ name` (column of the caret) or `// <- name` (column of the
    comment), about the nearest line above that is not an assertion."""
    out = []
    target = -1
    for row, line in enumerate(text.splitlines()):
        match = _ASSERTION.match(line)
        if match is None:
            target = row
            continue
        column = len(match["indent"]) if match["marker"] == "<-" else line.index("^")
        out.append(Assertion(target, column, match["name"], bool(match["negated"])))
    return out


def _covers(node: tree_sitter.Node, row: int, column: int) -> bool:
    return node.start_point <= (row, column) < node.end_point


def highlights_at(root: tree_sitter.Node, row: int, column: int) -> set[str]:
    captures = tree_sitter.QueryCursor(query("highlights.scm")).captures(root)
    return {name for name, nodes in captures.items() if any(_covers(n, row, column) for n in nodes)}


def tags_at(root: tree_sitter.Node, row: int, column: int) -> set[str]:
    """Kinds (`definition.function`, `reference.call`, …) of the tags named at a position."""
    kinds = set()
    for _, match in tree_sitter.QueryCursor(query("tags.scm")).matches(root):
        names = match.get("name", [])
        for kind in (k for k in match if k.startswith(("definition.", "reference."))):
            if any(_covers(n, row, column) for n in names):
                kinds.add(kind)
    return kinds


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_compiles(path: Path) -> None:
    assert tree_sitter.Query(LANGUAGE, path.read_text()).pattern_count > 0


def test_the_package_ships_the_standard_queries() -> None:
    names = {p.name for p in QUERIES}
    assert {"highlights.scm", "locals.scm", "tags.scm", "folds.scm", "indents.scm"} <= names


def _assertion_files(folder: str) -> list[Path]:
    return sorted((PACKAGE / "test" / folder).glob("*.flux"))


@pytest.mark.parametrize(("path", "captured_at"), [
    pytest.param(p, lookup, id=f"{folder}/{p.name}")
    for folder, lookup in (("highlight", highlights_at), ("tags", tags_at))
    for p in _assertion_files(folder)])
def test_caret_assertions(path: Path, captured_at: Callable[..., set[str]]) -> None:
    """`test/highlight/*.flux` against highlights.scm, `test/tags/*.flux` against tags.scm."""
    text = path.read_text()
    root = parse(text)
    checks = assertions(text)
    assert checks and not root.has_error
    for check in checks:
        found = captured_at(root, check.row, check.column)
        assert (check.name in found) != check.negated, (check, found)


def test_the_assertion_reader_finds_the_column_it_names() -> None:
    text = "A = B;\n// <- x\n//  ^ y\n//  ^ !z\n"
    assert assertions(text) == [Assertion(0, 0, "x", False), Assertion(0, 4, "y", False),
                                Assertion(0, 4, "z", True)]


_PROGRAM = """\
/** Doc. */
Listen () => (int socket);
Image = Read -> Write;
source Listen {session: Who} => Image;
typedef hit Test;
H:[_, hit] = ;
handle error Image => Oops;
atomic Image:{cache?, s(session)};
F (const char *const *argv, unsigned long n) => ();
"""


def test_no_node_gets_two_highlights() -> None:
    root = parse(_PROGRAM)
    captures = tree_sitter.QueryCursor(query("highlights.scm")).captures(root)
    spans = Counter((n.start_byte, n.end_byte, n.type) for nodes in captures.values()
                    for n in nodes)
    assert [span for span, count in spans.items() if count > 1] == []


def test_every_name_is_highlighted() -> None:
    root = parse(_PROGRAM)
    captured = {(n.start_byte, n.end_byte) for nodes in tree_sitter.QueryCursor(
        query("highlights.scm")).captures(root).values() for n in nodes}
    names = [n for n in _descendants(root) if n.type in ("identifier", "type_identifier")]
    assert names and all((n.start_byte, n.end_byte) in captured for n in names)


def test_documentation_comments_are_told_apart() -> None:
    root = parse("/** doc */ /* plain */ // line\n/**/ A = B;")
    captures = tree_sitter.QueryCursor(query("highlights.scm")).captures(root)
    assert [n.text for n in captures["comment.documentation"]] == [b"/** doc */"]
    plain = sorted(captures["comment"], key=lambda n: n.start_byte)
    assert [n.text for n in plain] == [b"/* plain */", b"// line", b"/**/"]


def test_every_declaration_kind_folds() -> None:
    root = parse(_PROGRAM)
    folded = {n.type for n in tree_sitter.QueryCursor(query("folds.scm")).captures(root)["fold"]}
    assert {"node_declaration", "flow_definition", "source_declaration", "typedef_declaration",
            "handler_declaration", "atomic_declaration", "parameter_list", "comment"} <= folded


def test_locals_define_nodes_and_types_and_reference_their_uses() -> None:
    captures = tree_sitter.QueryCursor(query("locals.scm")).captures(parse(_PROGRAM))
    text = {name: sorted(n.text.decode() for n in nodes) for name, nodes in captures.items()}
    assert text["local.definition.function"] == ["F", "H", "Image", "Listen"]
    assert text["local.definition.type"] == ["hit"]
    assert text["local.definition.parameter"] == ["argv", "n", "socket"]
    assert text["local.reference"] == ["Image", "Image", "Image", "Listen", "Read", "Write",
                                       "hit"]
    assert [n.type for n in captures["local.scope"]].count("source_file") == 1


def test_tags_carry_documentation() -> None:
    matches = tree_sitter.QueryCursor(query("tags.scm")).matches(parse(_PROGRAM))
    listen = [m for _, m in matches if "definition.function" in m
              and m["name"][0].text == b"Listen"]
    assert listen and listen[0]["doc"][0].text == b"/** Doc. */"


def _descendants(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    out = [node]
    for child in node.children:
        out.extend(_descendants(child))
    return out
