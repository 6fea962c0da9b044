"""The top level of a re-parsed tree (``SyntaxTree.top``: the root's children, their ranges,
the broken ones) carried over from the old tree when neither has a syntax error equals the
one read child by child (``parse._shifted_top``)."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import PROGRAMS, text_edits

from flux_ls.syntax.parse import SyntaxTree, TextEdit, parse, reparse

VALID = [text.encode() for text in PROGRAMS if not parse(text).root.has_error]
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


def carried_over(new: SyntaxTree) -> bool:
    """Whether the re-parse that made ``new`` carried the top level over (without a syntax
    error nothing else reads ``top`` during the re-parse)."""
    return not new.root.has_error and "top" in new.__dict__


def test_carried_top_level_equals_a_whole_read() -> None:
    """Where the carrying-over declines (most of these edits leave a syntax error), ``top``
    is the whole read itself and comparing proves nothing: enough examples must carry it."""
    taken = 0

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text_edits(st.sampled_from(VALID), st.lists(PIECES, max_size=3).map(b"".join),
                      3, 40))
    def compare(case: tuple[bytes, list[TextEdit]]) -> None:
        nonlocal taken
        data, steps = case
        old = parse(data)
        assert old.top is not None  # read (and cached), as the previous analysis would have
        new = reparse(old, steps)
        event("carried over" if carried_over(new) else "declined")
        if carried_over(new):
            taken += 1
            assert carried(new) == read_whole(new)

    compare()
    assert taken >= 30, f"only {taken} of the examples carried the top level over"


def test_a_keystroke_in_a_valid_program_carries_the_top_level_over() -> None:
    """The case the carrying-over is for: it is taken, and reads only the edited child."""
    data = max(VALID, key=len)
    old = parse(data)
    assert old.top is not None
    at = data.index(b";", len(data) // 2)  # inside a declaration in the middle
    new = reparse(old, [TextEdit(at, at, b" ")])
    assert carried_over(new)  # set by the re-parse, not read on first use
    fetched = sum(node is not None for node in new.top.nodes._nodes)  # type: ignore[attr-defined]
    assert 0 < fetched <= 3
    assert carried(new) == read_whole(new)
