"""Completion (``flux_ls.ide.completion``): contexts, ranking by type fit, replace ranges,
half-typed and broken text, non-ASCII text; and no offset of any file makes it raise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ide_support import FILES, PAPER

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide.completion import CompletionKind, CompletionList, complete
from flux_ls.syntax.parse import parse

IMAGE = PAPER


def at(text: str) -> tuple[Analysis, CompletionList, int]:
    """Complete at the ``|`` in ``text``."""
    cursor = text.index("|")
    text = text[:cursor] + text[cursor + 1:]
    offset = len(text[:cursor].encode("utf-8"))
    analysis = analyze(text)
    return analysis, complete(analysis, offset), offset


def labels(result: CompletionList) -> list[str]:
    return [i.label for i in result.items]


def best(result: CompletionList) -> set[str]:
    """The labels of the best-ranked items."""
    top = min(i.sort_text[:2] for i in result.items)
    return {i.label for i in result.items if i.sort_text[:2] == top}


# --- flows ---------------------------------------------------------------------------------

def test_flow_step_ranks_nodes_whose_inputs_match_the_previous_output_first() -> None:
    analysis, result, _ = at(IMAGE + "\nX = ReadRequest -> |")
    out = analysis.semantics.nodes["ReadRequest"].outputs
    fitting = {n for n, i in analysis.semantics.nodes.items() if i.inputs == out}
    assert fitting and best(result) == fitting
    assert "Listen" in labels(result)          # every node is offered, the rest later
    assert labels(result).index("Listen") > max(labels(result).index(n) for n in fitting)


def test_flow_step_items_carry_the_signature_and_kind() -> None:
    _, result, _ = at(IMAGE + "\nX = ReadRequest -> |\nSub = Write -> Complete;")
    item = next(i for i in result.items if i.label == "CheckCache")
    assert item.kind is CompletionKind.NODE
    assert item.detail == ("CheckCache (int socket, bool close, image_tag *request) => "
                           "(int socket, bool close, image_tag *request);")
    sub = next(i for i in result.items if i.label == "Sub")
    assert sub.kind is CompletionKind.ABSTRACT_NODE
    assert sub.detail == "Sub (int, bool, image_tag *) => ();  (inferred)"


def test_a_step_between_two_others_fits_both_neighbours() -> None:
    text = IMAGE.replace("Image = ReadRequest -> CheckCache", "Image = ReadRequest -> | -> "
                         "CheckCache")
    analysis, result, _ = at(text)
    sem = analysis.semantics.nodes
    want_in, want_out = sem["ReadRequest"].outputs, sem["CheckCache"].inputs
    both = {n for n, i in sem.items() if i.inputs == want_in and i.outputs == want_out}
    assert best(result) == both - {"Image"}
    assert "Complete" not in best(result)      # its output is () : it does not fit


def test_the_node_being_defined_is_not_offered_in_its_own_flow() -> None:
    _, result, _ = at(IMAGE + "\nMine = ReadRequest -> |")
    assert "Mine" not in labels(result)


def test_prefix_filters_and_the_replace_range_covers_the_whole_word() -> None:
    analysis, result, offset = at(IMAGE + "\nX = ReadRequest -> Chec|c;")
    assert labels(result) == ["CheckCache"]
    item = result.items[0]
    assert analysis.data[item.start:item.end] == b"Checc"
    assert item.start == offset - 4 and item.end == offset + 1


def test_subsequence_matching_ignores_case() -> None:
    _, result, _ = at(IMAGE + "\nX = ReadRequest -> rifd|")
    assert labels(result) == ["ReadInFromDisk"]


def test_names_differing_only_in_case_are_both_offered() -> None:
    _, result, _ = at("Ab () => ();\nab () => ();\nX = |")
    assert labels(result) == ["Ab", "ab"]


def test_first_step_of_a_declared_abstract_node_fits_its_inputs() -> None:
    text = ("A () => (int fd);\nB (int fd) => ();\nC (char *s) => ();\n"
            "N (int fd) => ();\nsource A => N;\nN = |")
    _, result, _ = at(text)
    assert best(result) == {"B"}


def test_limit_cuts_the_list_and_says_so() -> None:
    text = "".join(f"N{i} () => ();\n" for i in range(30)) + "X = |"
    analysis = analyze(text.replace("|", ""))
    result = complete(analysis, len(analysis.data), limit=10)
    assert len(result.items) == 10 and result.is_incomplete
    assert not complete(analysis, len(analysis.data)).is_incomplete


# --- patterns, atomic sets -----------------------------------------------------------------

def test_pattern_offers_wildcards_and_predicate_types() -> None:
    _, result, _ = at(IMAGE + "\nHandler:[_, _, |")
    assert {"_", "*", "hit"} <= set(labels(result))
    assert next(i for i in result.items if i.label == "hit").kind is \
        CompletionKind.PREDICATE_TYPE
    assert labels(result)[0] == "hit"


def test_a_predicate_already_used_on_another_c_type_ranks_last() -> None:
    text = ("L () => (int n, char *s);\nsource L => D;\nD (int n, char *s) => ();\n"
            "typedef big IsBig;\n"
            "typedef empty IsEmpty;\nD:[big, _] = ;\nD:[_, |")
    _, result, _ = at(text)
    order = labels(result)
    assert order.index("empty") < order.index("_") < order.index("big")
    big = next(i for i in result.items if i.label == "big")
    assert big.documentation is not None and "FLX209" in big.documentation


def test_atomic_set_offers_constraints_with_modes_and_scopes() -> None:
    text = ("A () => ();\nB () => ();\nC () => ();\natomic A:{cache?};\n"
            "atomic B:{player(session)};\natomic C:{|")
    _, result, _ = at(text)
    got = set(labels(result))
    assert {"cache", "cache?", "cache!", "player(session)", "player?(session)"} <= got
    item = next(i for i in result.items if i.label == "cache?")
    assert item.kind is CompletionKind.CONSTRAINT and item.detail == "reader, program scope"
    assert item.documentation is not None and "`A?`" in item.documentation


def test_atomic_set_leaves_out_constraints_already_in_it() -> None:
    _, result, _ = at("A () => ();\natomic A:{x, y};\natomic A:{x, |}")
    assert set(labels(result)) == {"y", "y?", "y!"}


def test_scope_after_an_open_parenthesis() -> None:
    _, result, _ = at("A () => ();\natomic A:{x(|")
    assert labels(result) == ["program", "session"]


# --- top level and declarations ------------------------------------------------------------

def test_top_level_offers_keywords_and_a_snippet_per_declaration_form() -> None:
    _, result, _ = at(IMAGE + "\n|")
    keywords = {i.label for i in result.items if i.kind is CompletionKind.KEYWORD}
    assert keywords == {"source", "typedef", "handle error", "atomic"}
    snippets = [i for i in result.items if i.kind is CompletionKind.SNIPPET]
    assert {i.detail for i in snippets} == {"signature", "flow", "dispatch", "source",
                                            "session source", "typedef", "handle error",
                                            "atomic"}
    assert all(i.is_snippet and "${1:" in i.insert_text for i in snippets)


def test_every_snippet_with_its_defaults_is_a_valid_declaration() -> None:
    _, result, _ = at("|")
    for item in result.items:
        if item.is_snippet:
            assert not parse(item.label).root.has_error, item.label


def test_top_level_prefix_matches_keywords_not_snippet_bodies() -> None:
    _, result, _ = at(IMAGE + "\nso|")
    assert {i.detail for i in result.items if i.is_snippet} == {"source", "session source"}
    assert "source" in labels(result)


def test_parameter_list_offers_c_types_and_the_files_type_names() -> None:
    _, result, _ = at(IMAGE + "\nFoo (int s, |")
    got = labels(result)
    assert got[0] == "image_tag"                       # the file's own type names first
    assert {"int", "uint8_t", "size_t", "const", "struct"} <= set(got)


def test_after_a_type_the_names_the_file_gives_it() -> None:
    _, result, _ = at(IMAGE + "\nFoo (image_tag *|")
    assert labels(result) == ["request"]
    _, result, _ = at(IMAGE + "\nFoo (int |")
    assert labels(result) == ["socket"]


def test_after_struct_the_tags_the_file_uses() -> None:
    _, result, _ = at("A (struct stat *st) => ();\nB (struct |")
    assert labels(result) == ["stat"]


def test_source_and_handler_contexts() -> None:
    _, result, _ = at(IMAGE + "\nsource |")
    assert best(result) == {"Listen"}                  # the only node without inputs
    _, result, _ = at(IMAGE + "\nsource Listen => |")
    assert best(result) == {"Image", "ReadRequest"}    # they take (int socket)
    _, result, _ = at(IMAGE + "\nsource Listen {|")
    assert labels(result) == ["session"]
    _, result, _ = at(IMAGE + "\nhandle |")
    assert labels(result) == ["error"]
    _, result, _ = at(IMAGE + "\nhandle error |")
    assert "ReadInFromDisk" not in best(result)        # it has a handler already


# --- broken text, comments, non-ASCII ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("A () => (int x);\nB (int x) => ();\nC = A -> |", {"B"}),
    ("A () => (int x);\nB (int x) => ();\nC = A -> |\nD () => ();", {"B"}),
    ("A () => (int x);\nB (int x) => ();\nC = A -> B\nD = A -> |", {"B"}),
    ("A () => (int x);\nB (int x) => ();\nC = A -> | -> \n", {"B"}),
])
def test_half_typed_flows(text: str, expected: set[str]) -> None:
    _, result, _ = at(text)
    assert best(result) == expected


def test_after_an_unfinished_declaration_a_new_line_is_top_level() -> None:
    _, result, _ = at("A () => (int x);\nC = A -> A\nso|")
    assert "source" in labels(result)


def test_nothing_inside_comments() -> None:
    for text in (IMAGE + "\nX = ReadRequest -> // Ch|", IMAGE + "\n/* Che|ck */",
                 "A = B -> /* C|"):
        assert at(text)[1].items == ()


def test_non_ascii_text_before_the_cursor() -> None:
    text = ("/* ünïcödé → 漢字 */\nRead () => (int fd); // café\nWrite (int fd) => ();\n"
            "source Read => S;\nS = Read -> Wr|")
    analysis, result, offset = at(text)
    assert labels(result) == ["Write"]
    item = result.items[0]
    assert analysis.data[item.start:item.end] == b"Wr" and item.end == offset


# --- robustness ----------------------------------------------------------------------------

_ANALYSES: dict[Path, Analysis] = {}


def _analysis(path: Path) -> Analysis:
    if path not in _ANALYSES:
        _ANALYSES[path] = analyze(path.read_bytes(), str(path))
    return _ANALYSES[path]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), st.floats(0, 1), st.integers(1, 300))
def test_no_offset_raises(path: Path, where: float, limit: int) -> None:
    analysis = _analysis(path)
    offset = int(where * len(analysis.data))
    result = complete(analysis, offset, limit)
    assert len(result.items) <= limit
    for item in result.items:
        assert 0 <= item.start <= offset <= item.end <= len(analysis.data)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(FILES), st.floats(0, 1), st.floats(0, 1),
       st.text(alphabet="A_b ->=:[](){},;?!*/é\n", max_size=12), st.floats(0, 1))
def test_no_offset_of_broken_text_raises(path: Path, a: float, b: float, insert: str,
                                         where: float) -> None:
    data = path.read_bytes()
    lo, hi = sorted((int(a * len(data)), int(b * len(data))))
    text = data[:lo].decode("utf-8", "ignore") + insert + data[hi:].decode("utf-8", "ignore")
    analysis = analyze(text)
    complete(analysis, int(where * (len(analysis.data) + 2)) - 1)


def test_one_list_of_c_type_words_read_off_the_grammar() -> None:
    """The C type words exist once, in the grammar: the parse table's list
    (``syntax.expected.c_type_words``) is what completion offers, what semantic tokens and
    rename treat as C's own names, and what FLX001 messages leave out."""
    import json
    from pathlib import Path

    from flux_ls import ctypes
    from flux_ls.ide import completion, rename
    from flux_ls.syntax.expected import c_type_words

    root = Path(__file__).resolve().parent.parent.parent
    grammar = json.loads((root / "tree-sitter-flux" / "src" / "grammar.json").read_text())
    words = {m["value"] for m in grammar["rules"]["primitive_type"]["members"]}
    assert set(completion.PRIMITIVE_TYPES) == words
    assert set(c_type_words()) == words | set(ctypes.TAGS) | set(ctypes.QUALIFIERS)
    assert rename.C_TYPE_NAMES <= words
    got = labels(at("N (|")[1])
    assert set(c_type_words()) <= set(got)


def test_completion_and_signature_help_read_the_grammars_tokens() -> None:
    """Neither carries a lexer of Flux: both read the tree's tokens (``syntax.tokens``)."""
    import ast
    from pathlib import Path

    ide = Path(__file__).resolve().parent.parent.parent / "flux_ls" / "ide"
    for name in ("completion.py", "signature_help.py"):
        tree = ast.parse((ide / name).read_text(encoding="utf-8"))
        patterns = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Call)
                    and ast.unparse(n.func) == "re.compile"]
        assert not [p for p in patterns if "->" in p or "=>" in p or "COMMENT" in p], name
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "syntax.tokens" in imported, name
