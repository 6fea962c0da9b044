"""Byte offsets ↔ LSP positions (``flux_ls.lsp.positions``) and the edit helpers, in-process.

Checked against an independent model of how a client counts (``lsp_support.position_of``:
code points, UTF-16 code units via Python's own UTF-16 encoder, UTF-8 bytes) on random text
with every kind of line break and astral characters, plus the clamping rules of LSP.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsp_support import apply_edits, position_of

from flux_ls.lsp.convert import replace_all
from flux_ls.lsp.documents import diff_edit
from flux_ls.lsp.positions import ENCODINGS, Lines
from flux_ls.text import has_break, line_start, newlines

texts = st.lists(st.sampled_from(list("ab \t;\n\r") + ["\r\n", "é", "🎉", "漢"]),
                 max_size=30).map("".join)


def char_index(text: str, byte: int) -> int:
    return len(text.encode("utf-8")[:byte].decode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(text=texts, data=st.data())
def test_positions_round_trip(text: str, data: st.DataObject) -> None:
    encoding = data.draw(st.sampled_from(ENCODINGS))
    raw = text.encode("utf-8")
    lines = Lines(raw, encoding)  # type: ignore[arg-type]
    index = data.draw(st.integers(0, len(text)))
    if text[index - 1:index + 1] == "\r\n":
        index -= 1  # inside a CRLF is not a position a client can name
    byte = len(text[:index].encode("utf-8"))
    expected = position_of(text, index, encoding)
    assert lines.position(byte) == (expected.line, expected.character)
    assert lines.offset(expected.line, expected.character) == byte


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_clamping(encoding: str) -> None:
    text = "a🎉b\r\nxé\n"
    lines = Lines(text.encode("utf-8"), encoding)  # type: ignore[arg-type]
    assert lines.line_count == 3
    assert lines.offset(0, 999) == len("a🎉b".encode())           # past the line's end
    assert lines.offset(7, 0) == len(text.encode())                # past the last line
    assert lines.offset(-1, 5) == 0
    if encoding == "utf-16":
        assert lines.offset(0, 2) == 1                             # half a surrogate pair
    if encoding == "utf-8":
        assert lines.offset(0, 3) == 1                             # inside a UTF-8 sequence
    assert lines.position(len("a🎉b\r".encode())) == (0, lines.units("a🎉b".encode()))


def test_line_breaks_are_lsp_line_breaks() -> None:
    lines = Lines(b"a\rb\r\nc\nd", "utf-16")
    assert [lines.line_bounds(i) for i in range(lines.line_count)] == \
        [(0, 1), (2, 3), (5, 6), (7, 8)]
    assert Lines(b"", "utf-8").line_count == 1
    assert Lines(b"x\n", "utf-8").line_count == 2


@settings(max_examples=200, deadline=None)
@given(text=texts, data=st.data())
def test_line_break_helpers_agree_with_the_index(text: str, data: st.DataObject) -> None:
    raw = text.encode("utf-8")
    lines = Lines(raw)
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    count = sum(line.endswith((b"\n", b"\r")) for line in raw[start:end].splitlines(True))
    assert newlines(raw, start, end) == count
    assert has_break(raw, start, end) == (count > 0)
    if raw[start - 1:start + 1] != b"\r\n":  # not inside a line break
        assert line_start(raw, start) == lines.starts[lines.line_of(start)]


@settings(max_examples=200, deadline=None)
@given(old=texts, new=texts)
def test_diff_edit_and_replace_all(old: str, new: str) -> None:
    a, b = old.encode("utf-8"), new.encode("utf-8")
    start, end, middle = diff_edit(a, b)
    assert a[:start] + middle + a[end:] == b
    for encoding in ENCODINGS:
        edits = replace_all(Lines(a, encoding), new)  # type: ignore[arg-type]
        assert apply_edits(old, edits, encoding) == new
        assert (edits == []) == (old == new)


@settings(max_examples=400, deadline=None)
@given(text=texts, data=st.data())
def test_an_edited_index_equals_a_fresh_one(text: str, data: st.DataObject) -> None:
    """``Lines.edited`` re-reads only the lines around an edit; CRLFs split or joined at
    either end of it, edits at the very start and end, and texts without a final line
    break included."""
    raw = text.encode("utf-8")
    lines = Lines(raw)
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(raw)))
        end = data.draw(st.integers(start, len(raw)))
        new_text = data.draw(texts).encode("utf-8")
        raw = raw[:start] + new_text + raw[end:]
        lines = lines.edited(start, end, new_text, raw)
        assert lines.starts == Lines(raw).starts
        assert lines.data is raw
