"""The top level of a re-parsed tree (``SyntaxTree.top``: the root's children, their ranges,
the broken ones) carried over from the old tree when neither has a syntax error equals the
one read child by child (``parse._shifted_top``)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flux_ls.syntax.parse import SyntaxTree, TextEdit, parse, reparse

ROOT = Path(__file__).parent.parent
VALID = [data for data in (p.read_bytes() for p in sorted((ROOT / "examples").rglob("*.flux")))
         if not parse(data).root.has_error]
PIECES = st.sampled_from([b"x", b"Y", b" ", b"\n", b"\r\n", b";", b"// note\n", b"/* c */",
                          b"A = B;\n", b"N (int x) => ();\n", b"->", b"_", b"/", b"*"])


def read_whole(syntax: SyntaxTree) -> tuple[list[tuple[int, int]], list[int],
                                             list[tuple[str, tuple[int, int]]]]:
    fresh = SyntaxTree(syntax.data, syntax.tree).top  # computed child by child
    return fresh.ranges, fresh.errors, [(n.type, n.byte_range) for n in fresh.nodes]


def carried(syntax: SyntaxTree) -> tuple[list[tuple[int, int]], list[int],
                                          list[tuple[str, tuple[int, int]]]]:
    top = syntax.top
    return top.ranges, top.errors, [(top.nodes[i].type, top.nodes[i].byte_range)
                                    for i in range(len(top.nodes))]


@st.composite
def edits(draw: st.DrawFn) -> tuple[bytes, list[TextEdit]]:
    data = current = draw(st.sampled_from(VALID))
    out = []
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(current)))
        end = draw(st.integers(start, min(len(current), start + 40)))
        new = b"".join(draw(st.lists(PIECES, max_size=3)))
        out.append(TextEdit(start, end, new))
        current = current[:start] + new + current[end:]
    return data, out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_carried_top_level_equals_a_whole_read(case: tuple[bytes, list[TextEdit]]) -> None:
    data, steps = case
    old = parse(data)
    assert old.top is not None  # read (and cached), as the previous analysis would have
    new = reparse(old, steps)
    assert carried(new) == read_whole(new)


def test_a_keystroke_in_a_valid_program_carries_the_top_level_over() -> None:
    """The case the carrying-over is for: it is taken, and reads only the edited child."""
    data = max(VALID, key=len)
    old = parse(data)
    assert old.top is not None
    at = data.index(b";", len(data) // 2)  # inside a declaration in the middle
    new = reparse(old, [TextEdit(at, at, b" ")])
    assert "top" in new.__dict__  # set by the re-parse, not read on first use
    fetched = sum(node is not None for node in new.top.nodes._nodes)  # type: ignore[attr-defined]
    assert 0 < fetched <= 3
    assert carried(new) == read_whole(new)
