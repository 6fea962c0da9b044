"""Hypothesis strategies for Flux source text, shared by the property tests.

``flux_programs()`` draws syntactically valid Flux programs (every declaration form of
docs/language.md#declarations) written with random whitespace between tokens (spaces, tabs, LF,
CRLF, lone CR, blank lines, none where the tokens allow it) and random comments in any position
(``//``, ``/* */`` on one or several lines, ``/** */`` docs, Unicode text). The programs are not
meant to pass the checker: names are random, types are not matched along flows.
``flux_declarations()`` draws one declaration as a list of tokens.

``PROGRAMS`` are the Flux files of the test data and the examples; ``text_edits()`` draws a
text and a sequence of byte edits to it.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

from flux_ls.syntax.parse import TextEdit

ROOT = Path(__file__).parent.parent
#: The text of every Flux program of tests/data and examples/.
PROGRAMS = [p.read_text(encoding="utf-8")
            for folder in (ROOT / "tests" / "data", ROOT / "examples")
            for p in sorted(folder.rglob("*.flux"))]

RESERVED = frozenset({"typedef", "source", "handle", "error", "atomic", "program", "session",
                      "const", "_"})

TYPES = (["int"], ["bool"], ["char"], ["unsigned", "long"], ["long", "unsigned", "int"],
         ["const", "char"], ["char", "const"], ["struct", "stat"], ["image_tag"], ["uint8_t"],
         ["size_t"], ["double"])

_WORDY = re.compile(r"[A-Za-z0-9_]")

_FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
_REST = _FIRST + "0123456789"
POOL = ("Listen", "ReadRequest", "Write", "Complete", "Image", "Handler", "hit", "Check",
        "cache", "x", "y", "A", "B", "C", "socket", "request", "Test", "F", "flux_n", "int_")

names = st.one_of(
    st.sampled_from(POOL),
    st.builds(str.__add__, st.sampled_from(_FIRST), st.text(_REST, max_size=12)).filter(
        lambda name: name not in RESERVED))

_COMMENT_TEXT = st.text(alphabet="abc xyz*/-é→ü漢", max_size=12)
_BODY = _COMMENT_TEXT.filter(lambda t: "*/" not in t and not t.startswith("/"))
_LINE_END = st.sampled_from(["\n", "\r\n", "\r"])
_INNER_BREAK = st.sampled_from(["\n", "\r\n", "\n  * "])
_KIND = st.sampled_from(["line", "block", "doc", "multiline"])


@st.composite
def comments(draw: st.DrawFn) -> str:
    """One comment with the line break a ``//`` comment needs after it."""
    kind = draw(_KIND)
    body = draw(_BODY)
    if kind == "line":
        return "//" + body + draw(_LINE_END)
    if kind == "multiline":
        return "/*" + body + draw(_INNER_BREAK) + draw(_BODY) + " */"
    return ("/**" if kind == "doc" else "/*") + body + "*/"


_SPACE = st.sampled_from([" ", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n\n", "\n  "])


#: What may stand between two tokens: whitespace, comments, or nothing.
separators = st.lists(st.one_of(_SPACE, _SPACE, _SPACE, comments()), max_size=3).map("".join)


_TYPES = st.sampled_from(TYPES)
_POINTERS = st.sampled_from([["*"], ["*"], ["*"], ["*", "const"]])
_PATTERN_ELEMENTS = st.one_of(st.sampled_from(["_", "*"]), names)
_MODES = st.sampled_from([[], ["?"], ["!"]])
_SCOPES = st.sampled_from([[], ["(", "program", ")"], ["(", "session", ")"]])


@st.composite
def _params(draw: st.DrawFn) -> list[str]:
    tokens = ["("]
    for i in range(draw(st.integers(0, 5))):
        if i:
            tokens.append(",")
        tokens += draw(_TYPES)
        for _ in range(draw(st.integers(0, 2))):
            tokens += draw(_POINTERS)
        tokens.append(draw(names))
    return tokens + [")"]


@st.composite
def _signature(draw: st.DrawFn) -> list[str]:
    return [draw(names), *draw(_params()), "=>", *draw(_params()), ";"]


@st.composite
def _flow(draw: st.DrawFn) -> list[str]:
    tokens = [draw(names)]
    if draw(st.booleans()):
        tokens += [":", "["]
        for i in range(draw(st.integers(1, 4))):
            tokens += [","] if i else []
            tokens.append(draw(_PATTERN_ELEMENTS))
        tokens.append("]")
    tokens.append("=")
    for i in range(draw(st.integers(0, 7))):
        tokens += ["->"] if i else []
        tokens.append(draw(names))
    return tokens + [";"]


@st.composite
def _source(draw: st.DrawFn) -> list[str]:
    tokens = ["source", draw(names)]
    if draw(st.booleans()):
        tokens += ["{", "session", ":", draw(names), "}"]
    return tokens + ["=>", draw(names), ";"]


@st.composite
def _atomic(draw: st.DrawFn) -> list[str]:
    tokens = ["atomic", draw(names), ":", "{"]
    for i in range(draw(st.integers(1, 4))):
        tokens += [","] if i else []
        tokens.append(draw(names))
        tokens += draw(_MODES) + draw(_SCOPES)
    return tokens + ["}", ";"]


def flux_declarations() -> st.SearchStrategy[list[str]]:
    """One declaration of any form, as its list of tokens."""
    typedef = st.tuples(names, names).map(lambda t: ["typedef", t[0], t[1], ";"])
    handler = st.tuples(names, names).map(lambda t: ["handle", "error", t[0], "=>", t[1], ";"])
    return st.one_of(_signature(), _flow(), _source(), typedef, handler, _atomic())


def _join(tokens: list[str], seps: list[str]) -> str:
    out = ""
    for token, sep in zip(tokens, seps, strict=True):
        if not sep and out and _WORDY.match(out[-1]) and _WORDY.match(token[0]):
            sep = " "  # two words need whitespace between them
        out += sep + token
    return out


@st.composite
def flux_programs(draw: st.DrawFn, max_declarations: int = 8) -> str:
    """A syntactically valid Flux program with random layout and comments."""
    tokens = [t for d in draw(st.lists(flux_declarations(), max_size=max_declarations))
              for t in d]
    seps = draw(st.lists(separators, min_size=len(tokens), max_size=len(tokens)))
    return _join(tokens, seps) + draw(separators)


@st.composite
def text_edits(draw: st.DrawFn, texts: st.SearchStrategy[bytes],
               insertions: st.SearchStrategy[bytes], max_edits: int, max_replaced: int
               ) -> tuple[bytes, list[TextEdit]]:
    """A text drawn from ``texts`` and 1 to ``max_edits`` edits, each against the text the
    previous one left: at most ``max_replaced`` bytes anywhere replaced by ``insertions``."""
    data = current = draw(texts)
    edits = []
    for _ in range(draw(st.integers(1, max_edits))):
        start = draw(st.integers(0, len(current)))
        end = draw(st.integers(start, min(len(current), start + max_replaced)))
        new = draw(insertions)
        edits.append(TextEdit(start, end, new))
        current = current[:start] + new + current[end:]
    return data, edits
