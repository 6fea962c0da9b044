"""C types in signatures: the lark grammar ``ctype.lark`` and the canonical form (§3.1).

``canonical(text)`` returns the canonical spelling of a C type, or None when the text is not
a well-formed C type (FLX211). Canonical form: specifier order and redundant words do not
matter (``unsigned long int`` = ``long unsigned``), ``signed``/``int`` collapse, a base-level
``const`` is written first, each pointer is ``*`` followed by its qualifiers; typedef names
stay opaque (``size_t`` ≠ ``unsigned long``).

The common single-word case (``int``, ``image_tag *``) is recognised without lark, so
``flux check`` does not pay lark's import on start-up; multi-word types go through lark.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

# Builtin specifier multisets → canonical spelling (C11 6.7.2p2, without _Complex).
_BUILTIN: dict[frozenset[tuple[str, int]], str] = {}


def _add(canonical: str, *spellings: str) -> None:
    for spelling in spellings:
        _BUILTIN[frozenset(Counter(spelling.split()).items())] = canonical


_add("void", "void")
_add("char", "char")
_add("signed char", "signed char")
_add("unsigned char", "unsigned char")
_add("short", "short", "signed short", "short int", "signed short int")
_add("unsigned short", "unsigned short", "unsigned short int")
_add("int", "int", "signed", "signed int")
_add("unsigned int", "unsigned", "unsigned int")
_add("long", "long", "signed long", "long int", "signed long int")
_add("unsigned long", "unsigned long", "unsigned long int")
_add("long long", "long long", "signed long long", "long long int", "signed long long int")
_add("unsigned long long", "unsigned long long", "unsigned long long int")
_add("float", "float")
_add("double", "double")
_add("long double", "long double")
_add("_Bool", "_Bool")

_SPECIFIER_WORDS = frozenset({"void", "char", "short", "int", "long", "float", "double",
                              "signed", "unsigned", "_Bool", "_Complex"})
_KEYWORDS = _SPECIFIER_WORDS | {"const", "volatile", "restrict", "struct", "union", "enum",
                                "static", "extern", "register", "auto", "typedef", "inline"}
_QUAL_ORDER = ("const", "volatile", "restrict")
_SIMPLE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*((?:\*\s*)*)\Z")

_parser: Any = None


def _lark() -> Any:
    global _parser
    if _parser is None:
        from importlib.resources import files

        from lark import Lark

        grammar = (files(__package__) / "ctype.lark").read_text(encoding="utf-8")
        _parser = Lark(grammar, start="ctype", parser="lalr")
    return _parser


def _quals(quals: list[str]) -> str:
    return " ".join(q for q in _QUAL_ORDER if q in quals)


@lru_cache(maxsize=4096)
def canonical(text: str) -> str | None:
    """The canonical form of a C type, or None when it is malformed."""
    simple = _SIMPLE.match(text)
    if simple and simple.group(1) not in _KEYWORDS:
        stars = simple.group(2).count("*")
        return simple.group(1) + (" " + "*" * stars if stars else "")
    if simple and simple.group(1) in _BUILTIN_WORDS_ALONE:
        stars = simple.group(2).count("*")
        return _BUILTIN_WORDS_ALONE[simple.group(1)] + (" " + "*" * stars if stars else "")
    return _canonical_lark(text)


_BUILTIN_WORDS_ALONE = {
    w: _BUILTIN[frozenset({(w, 1)})] for w in ("void", "char", "short", "int", "long", "float",
                                              "double", "signed", "unsigned", "_Bool")
}


def _canonical_lark(text: str) -> str | None:
    from lark.exceptions import LarkError

    try:
        tree = _lark().parse(text)
    except LarkError:
        return None
    base_quals: list[str] = []
    words: list[str] = []
    tag: str | None = None
    pointers: list[list[str]] = []
    for child in tree.children:
        if child.data == "qualifier":
            base_quals.append(str(child.children[0]))
        elif child.data == "word":
            words.append(str(child.children[0]))
        elif child.data == "tagged":
            if tag is not None:
                return None
            tag = f"{child.children[0]} {child.children[1]}"
        elif child.data == "bare_tag":
            return None
        elif child.data == "pointer":
            pointers.append([str(q) for q in child.children])
    base = _base(words, tag)
    if base is None or "restrict" in base_quals:
        return None
    out = (_quals(base_quals) + " " + base).strip()
    if pointers:
        out += " " + _pointers(pointers)
    return out


def _base(words: list[str], tag: str | None) -> str | None:
    if tag is not None:
        return None if words else tag
    if any(w in _KEYWORDS - _SPECIFIER_WORDS for w in words):
        return None
    if any(w in _SPECIFIER_WORDS for w in words):
        return _BUILTIN.get(frozenset(Counter(words).items()))
    return words[0] if len(words) == 1 else None


def _pointers(pointers: list[list[str]]) -> str:
    out = ""
    for quals in pointers:
        out += "*"
        if quals:
            out += " " + _quals(quals) + " "
    return out.strip()
