"""Issue 9, item 10: checker inputs that were quadratic stay near-linear.

No wall time is asserted: the work is counted. ``executed_lines`` counts the Python lines of
``flux_ls`` run for an input (deterministic), so doubling an input must about double it;
tree-sitter's own cost (C) is held by the size of the largest ERROR node it builds, which is
what its recovery rebuilds for every token it skips.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from types import FrameType
from typing import Any

import tree_sitter

import flux_ls
from flux_ls.analysis import analyze
from flux_ls.render import FileReport
from flux_ls.render.text import render_text
from flux_ls.syntax.guard import MAX_OPEN, MAX_RUN
from flux_ls.syntax.parse import TextEdit, parse, reparse

PACKAGE = flux_ls.__path__[0]


def executed_lines(work: Callable[[], object]) -> int:
    """How many lines of ``flux_ls`` code ``work`` runs."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def growth(make: Callable[[int], bytes], work: Callable[[bytes], object], n: int) -> float:
    small, large = (executed_lines(partial(work, make(k))) for k in (n, 2 * n))
    return large / small


def one_line_flow(steps: int) -> bytes:
    """A flow of ``steps`` steps on one line, every arrow a type mismatch (FLX201)."""
    return (b"A (int a) => (char *b);\nSrc () => (int a);\nsource Src => F;\nF = "
            + b" -> ".join([b"A"] * steps) + b";\n")


def dispatch(alternatives: int) -> bytes:
    return (b"Src () => (int a);\nsource Src => F;\nH (int a) => ();\ntypedef p P;\n"
            + b"F:[p] = H;\n" * alternatives)


def check_text(data: bytes) -> str:
    return render_text([FileReport.of(analyze(data, "x.flux"))])


def test_a_long_one_line_flow_with_mismatches_checks_and_prints_in_linear_work() -> None:
    assert growth(one_line_flow, check_text, 300) < 2.4


def test_dispatch_alternatives_bind_in_linear_work() -> None:
    assert growth(dispatch, lambda data: analyze(data, "x.flux"), 300) < 2.4


def largest_error(tree: tree_sitter.Tree) -> int:
    """The most children any ERROR node of ``tree`` has."""
    most, stack = 0, [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error:
            most = max(most, node.child_count)
        stack.extend(node.children)
    return most


NESTED = [
    b"A " + b"(" * 5000 + b";\n",                                   # never closed
    b"A (" + b"(" * 5000 + b"int a" + b")" * 5000 + b") => ();\n",  # closed
    b"A (int a" + b" (a" * 5000 + b"\n",                            # words between
    b"A " + b")" * 5000 + b";\nB () => ();\n",
    b"A (" + b";" * 5000 + b"\n",
]


def test_nested_brackets_and_punctuation_runs_are_skipped_not_recovered_token_by_token() -> None:
    for data in NESTED:
        syntax = parse(data)
        assert largest_error(syntax.tree) <= 2 * MAX_RUN
        assert syntax.skipped
        diagnostics = analyze(data, "x.flux").diagnostics
        assert {d.code for d in diagnostics} == {"FLX001"}
        skipped = [d for d in diagnostics if "not read" in d.message]
        assert [(d.span.start, d.span.end) for d in skipped] == [
            (s.start, s.end) for s in syntax.skipped]


def test_the_guard_never_touches_valid_flux() -> None:
    data = (b"/** (((( comments are not read )))) */\nA (char ********p) => ();\n"
            b"atomic A:{x?(session), y!(program)};\n" + b"// " + b"(" * 100 + b"\n")
    syntax = parse(data)
    assert not syntax.skipped and not syntax.root.has_error


def test_the_guard_limits_are_the_documented_ones() -> None:
    ok = b"A " + b"(" * MAX_OPEN + b";\n"
    assert not parse(ok).skipped
    assert parse(b"A " + b"(" * (MAX_OPEN + 1) + b";\n").skipped
    assert not parse(b"A " + b")" * MAX_RUN + b"\n").skipped
    assert parse(b"A " + b")" * (MAX_RUN + 1) + b"\n").skipped


def test_pasting_nested_brackets_re_parses_as_a_fresh_parse_would() -> None:
    base = parse(b"A (int a) => ();\n\nB = A;\n")
    pasted = b"(" * 3000
    new = reparse(base, [TextEdit(3, 3, pasted)])
    fresh = parse(new.data)
    assert new.skipped == fresh.skipped and new.skipped
    assert str(new.root) == str(fresh.root)
    # and typing the garbage away again gives the plain tree back
    back = reparse(new, [TextEdit(3, 3 + len(pasted), b"")])
    assert not back.skipped and not back.root.has_error
