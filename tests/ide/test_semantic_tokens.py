"""Semantic tokens (``flux_ls.ide.semantic_tokens``): what each word is, the LSP encoding in
each position encoding, the cached whole-file encoding, and delta edits."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from ide_support import FILES

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide import semantic_tokens as sem
from flux_ls.ide.semantic_tokens import (
    TOKEN_MODIFIERS,
    TOKEN_TYPES,
    Token,
    apply_edits,
    edits,
    encode,
    encoded_tokens,
    semantic_tokens,
)

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
if str(TESTS) not in sys.path:  # tests/ide/ is on sys.path, its parent not always
    sys.path.insert(0, str(TESTS))
from strategies import flux_programs  # noqa: E402

if str(ROOT / "bench") not in sys.path:
    sys.path.insert(0, str(ROOT / "bench"))
from gen import generate  # noqa: E402

TEXT = """\
/** Waits. */
Listen () => (int socket);
Read (int socket) => (int socket, const char *path);
Done (int socket, const char *path) => ();
source Listen {session: Who} => Serve;
Serve = Read -> Route;
typedef big IsBig;
Route:[_, big] = Done;
handle error Read => Oops;
atomic Serve:{cache?, user(session)};
atomic Done:{cache!};
"""


def kinds(analysis: Analysis, tokens: list[Token]) -> list[tuple[str, str, set[str]]]:
    out = []
    for start, end, kind, mods in tokens:
        names = {m for i, m in enumerate(TOKEN_MODIFIERS) if mods >> i & 1}
        out.append((analysis.data[start:end].decode(), TOKEN_TYPES[kind], names))
    return out


def _valid(analysis: Analysis, tokens: list[Token]) -> None:
    last = 0
    for start, end, kind, mods in tokens:
        assert last <= start < end <= len(analysis.data)
        assert b"\n" not in analysis.data[start:end] and b"\r" not in analysis.data[start:end]
        assert 0 <= kind < len(TOKEN_TYPES) and 0 <= mods < 1 << len(TOKEN_MODIFIERS)
        last = end


def test_legend_uses_lsp_names_and_is_documented() -> None:
    doc = (ROOT / "docs/semantic-tokens.md").read_text(encoding="utf-8")
    for i, name in enumerate(TOKEN_TYPES):
        assert re.search(rf"\|\s*{i}\s*\|\s*`{name}`", doc), name
    for i, name in enumerate(TOKEN_MODIFIERS):
        assert re.search(rf"\|\s*{i}\s*\|\s*`{name}`", doc), name


def test_what_each_word_is() -> None:
    analysis = analyze(TEXT)
    got = kinds(analysis, semantic_tokens(analysis))
    assert got[0] == ("/** Waits. */", "comment", {"documentation"})
    assert ("Listen", "function", {"declaration"}) in got
    assert ("int", "type", {"defaultLibrary"}) in got
    assert ("socket", "parameter", {"declaration"}) in got
    assert ("const", "keyword", set()) in got and ("*", "operator", set()) in got
    assert ("source", "keyword", set()) in got and ("session", "keyword", set()) in got
    assert ("Who", "function", {"callback"}) in got
    assert ("Serve", "function", {"abstract"}) in got                    # source target
    assert ("Serve", "function", {"definition", "abstract"}) in got      # flow head
    assert ("Route", "function", {"abstract"}) in got                    # flow step
    assert ("->", "operator", set()) in got and ("=>", "operator", set()) in got
    assert ("big", "type", {"declaration"}) in got and ("big", "type", set()) in got
    assert ("_", "keyword", set()) in got
    assert ("IsBig", "function", {"callback"}) in got
    assert ("handle", "keyword", set()) in got and ("error", "keyword", set()) in got
    assert ("cache", "macro", {"readonly"}) in got
    assert ("cache", "macro", {"modification"}) in got
    assert ("user", "macro", {"modification", "session"}) in got
    assert ("?", "operator", set()) in got and ("!", "operator", set()) in got
    _valid(analysis, semantic_tokens(analysis))


def test_block_comments_are_split_per_line() -> None:
    analysis = analyze("/* one\r\n  two\n\nthree */\nA () => ();")
    comments = [t for t in kinds(analysis, semantic_tokens(analysis)) if t[1] == "comment"]
    assert [c[0] for c in comments] == ["/* one", "  two", "three */"]


def test_range_gives_the_tokens_of_the_declarations_in_it() -> None:
    analysis = analyze(TEXT)
    full = semantic_tokens(analysis)
    start = analysis.data.index(b"Serve = ")
    end = analysis.data.index(b"typedef")
    part = semantic_tokens(analysis, start, end)
    assert part == [t for t in full if t[1] > start and t[0] < end]
    assert [analysis.data[a:b] for a, b, _, _ in part] == [b"Serve", b"Read", b"->", b"Route"]


def test_encode_counts_characters_in_the_negotiated_encoding() -> None:
    text = "/* 😀 é */ A () => ();\nB () => ();"
    analysis = analyze(text)
    tokens = semantic_tokens(analysis)
    # the comment is 9 code points, 10 UTF-16 units (😀 is a surrogate pair), 13 bytes
    assert encode(tokens, analysis.data, "utf-16")[:10] == [0, 0, 10, 5, 0, 0, 11, 1, 0, 1]
    assert encode(tokens, analysis.data, "utf-32")[:10] == [0, 0, 9, 5, 0, 0, 10, 1, 0, 1]
    assert encode(tokens, analysis.data, "utf-8")[:10] == [0, 0, 13, 5, 0, 0, 14, 1, 0, 1]
    utf16 = encode(tokens, analysis.data, "utf-16")
    assert utf16[-5:] == [0, 5, 2, 6, 0]            # `=>` on line 1, after B ()
    assert utf16[-10:-5] == [1, 0, 1, 0, 1]         # `B`: next line, column 0


def test_encoded_tokens_equal_the_plain_encoding_on_every_file() -> None:
    for path in FILES:
        analysis = analyze(path.read_bytes())
        for encoding in ("utf-8", "utf-16", "utf-32"):
            assert encoded_tokens(analysis, encoding) == encode(
                semantic_tokens(analysis), analysis.data, encoding), path


def test_cached_blocks_follow_edits_and_changes_of_kind_elsewhere() -> None:
    text = generate(600, seed=3)
    analysis = analyze(text)
    assert len(sem._boundaries(analysis)) > 3       # several blocks
    assert encoded_tokens(analysis) == encode(semantic_tokens(analysis), analysis.data)
    # A concrete node becomes abstract: blocks using it (unchanged text) must change.
    name = next(n for n, i in analysis.semantics.nodes.items() if i.kind == "concrete"
                and i.reachable)
    changed = analyze(text + f"\n{name} = ;\n")
    assert encoded_tokens(changed) == encode(semantic_tokens(changed), changed.data)
    # An edit in the middle, with CRLF and non-ASCII text.
    middle = text.index("\n", len(text) // 2)
    edited = analyze((text[:middle] + " /* é 漢 */ " + text[middle:]).replace("\n", "\r\n"))
    for encoding in ("utf-16", "utf-32"):
        assert encoded_tokens(edited, encoding) == encode(
            semantic_tokens(edited), edited.data, encoding)


@settings(max_examples=40, deadline=None)
@given(flux_programs())
def test_random_programs(text: str) -> None:
    analysis = analyze(text)
    tokens = semantic_tokens(analysis)
    _valid(analysis, tokens)
    assert encoded_tokens(analysis) == encode(tokens, analysis.data)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FILES), st.floats(0, 1), st.floats(0, 1),
       st.text(alphabet="A_b ->=:[](){},;?!*/é\n", max_size=12), st.floats(0, 1),
       st.floats(0, 1))
def test_broken_text_and_any_range(path: Path, a: float, b: float, insert: str, c: float,
                                   d: float) -> None:
    data = path.read_bytes()
    lo, hi = sorted((int(a * len(data)), int(b * len(data))))
    analysis = analyze(data[:lo] + insert.encode() + data[hi:])
    tokens = semantic_tokens(analysis)
    _valid(analysis, tokens)
    assert encoded_tokens(analysis, "utf-16") == encode(tokens, analysis.data, "utf-16")
    start, end = sorted((int(c * len(analysis.data)), int(d * len(analysis.data))))
    part = semantic_tokens(analysis, start, end)
    _valid(analysis, part)
    assert part == [t for t in tokens if t[1] > start and t[0] < end]


def test_edits_between_two_versions() -> None:
    before = analyze(TEXT)
    after = analyze(TEXT.replace("Serve = Read -> Route;", "Serve = Read -> Route; // x"))
    old, new = encoded_tokens(before), encoded_tokens(after)
    changes = edits(old, new)
    assert len(changes) == 1 and changes[0].start % 5 == 0
    assert changes[0].delete_count == 0 and len(changes[0].data) == 5   # one comment token
    assert apply_edits(old, changes) == new
    assert edits(new, list(new)) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 3), max_size=40), st.lists(st.integers(0, 3), max_size=40))
def test_edits_turn_any_array_into_any_other(old: list[int], new: list[int]) -> None:
    old, new = old[:len(old) // 5 * 5], new[:len(new) // 5 * 5]
    changes = edits(old, new)
    assert apply_edits(old, changes) == new
    assert all(c.start % 5 == 0 and c.delete_count % 5 == 0 for c in changes)


def test_the_children_a_range_needs_are_found_at_every_line_start() -> None:
    """``_children_between`` against a search through the root's children, for ranges that
    start and end at every line start — blank lines between paragraphs included, where
    tree-sitter's cursor lookup finds no child and a range request used to lower the rest
    of the file."""
    for path in sorted((ROOT / "examples").rglob("*.flux")):
        analysis = analyze(path.read_bytes(), str(path))
        ranges = [node.byte_range for node in analysis.syntax.root.children]
        data = analysis.syntax.data
        starts = [0] + [i + 1 for i, byte in enumerate(data) if byte == 0x0A]
        for start in starts:
            for end in (start, start + 1, *starts[starts.index(start):][:6]):
                lo = next((i for i, r in enumerate(ranges) if r[1] > start), len(ranges))
                hi = next((i for i, r in enumerate(ranges) if r[1] > end), len(ranges))
                hi += hi < len(ranges) and ranges[hi][0] < end
                assert sem._children_between(analysis, start, end) == (lo, hi), (path, start)
