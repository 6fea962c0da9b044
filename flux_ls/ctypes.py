"""C types in signatures: the lark grammar ``ctype.lark`` and the canonical form
(docs/language.md#c-types-in-signatures).

``canonical(text)`` returns the canonical spelling of a C type, or None when the text is not
a well-formed C type (FLX211). Canonical form: specifier order and redundant words do not
matter (``unsigned long int`` = ``long unsigned``), ``signed``/``int`` collapse, a base-level
``const`` is written first, each pointer is ``*`` followed by its qualifiers; typedef names
stay opaque (``size_t`` ≠ ``unsigned long``).

``ctype.lark`` is the grammar. Texts made only of words and stars — everything a
parameter's type parts in the tree hold — are read by a small tokenizer into the same items the
lark tree gives, so ``flux check`` does not pay lark's import (~40 ms) on every start-up;
any other text goes through lark. A property test checks that both readings agree.
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


#: One parsed C type, as the lark grammar's tree reads it: ("qualifier", q), ("word", w),
#: ("tagged", "struct x"), ("bare_tag", t) and ("pointer", qualifiers...).
_Item = tuple[str, ...]
_TOKEN = re.compile(r"\s*(?:(\*)|([A-Za-z_][A-Za-z0-9_]*))")
_QUALIFIERS = frozenset(_QUAL_ORDER)
_TAGS = frozenset({"struct", "union", "enum"})
#: The qualifiers and tag keywords of C types (the grammar's full list of type words is
#: ``syntax.expected.c_type_words()``).
QUALIFIERS = _QUAL_ORDER
TAGS = ("struct", "union", "enum")


@lru_cache(maxsize=4096)
def canonical(text: str) -> str | None:
    """The canonical form of a C type, or None when it is malformed."""
    items = _items_from_tokens(text)
    if items is None:
        items = _items_from_lark(text)
    return None if items is None else _canonical_items(items)


def _items_from_tokens(text: str) -> list[_Item] | None:
    """The lark grammar's reading of ``text``, for texts made only of words and stars (all
    that a parameter's type parts in the tree can hold) — without importing lark at start-up.
    Returns None when the text needs the full grammar; tests check both readings agree."""
    tokens = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            return None
        tokens.append(match.group(1) or match.group(2))
        pos = match.end()
    items: list[_Item] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token == "*":
            quals = []
            while index < len(tokens) and tokens[index] in _QUALIFIERS:
                quals.append(tokens[index])
                index += 1
            items.append(("pointer", *quals))
        elif items and items[-1][0] == "pointer":
            return [("error",)]  # a type word after a pointer: lark rejects it too
        elif token in _QUALIFIERS:
            items.append(("qualifier", token))
        elif token in _TAGS:
            follows = tokens[index] if index < len(tokens) else "*"
            if follows == "*" or follows in _QUALIFIERS or follows in _TAGS:
                items.append(("bare_tag", token))
            else:
                items.append(("tagged", f"{token} {follows}"))
                index += 1
        else:
            items.append(("word", token))
    return items


def _items_from_lark(text: str) -> list[_Item] | None:
    from lark.exceptions import LarkError

    try:
        tree = _lark().parse(text)
    except LarkError:
        return None
    items: list[_Item] = []
    for child in tree.children:
        if child.data == "tagged":
            items.append(("tagged", f"{child.children[0]} {child.children[1]}"))
        else:
            items.append((str(child.data), *(str(t) for t in child.children)))
    return items


def _canonical_items(items: list[_Item]) -> str | None:
    if not items or items[0][0] == "pointer":
        return None
    base_quals: list[str] = []
    words: list[str] = []
    tag: str | None = None
    pointers: list[list[str]] = []
    for kind, *rest in items:
        if kind == "qualifier":
            base_quals.append(rest[0])
        elif kind == "word":
            words.append(rest[0])
        elif kind == "tagged" and tag is None:
            tag = rest[0]
        elif kind == "pointer":
            pointers.append(rest)
        else:
            return None  # a bare `struct`, two tags, or a word after a pointer
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


# --- writing a type with a name -----------------------------------------------------------------

def space_after(text: str) -> str:
    """The space between a C type's text (or one of its words) and what follows it: none
    after a star, one otherwise. The "star against the name" rule, written once."""
    return "" if text.endswith("*") else " "


def typed_name(ctype: str, name: str) -> str:
    """A C type and a name as C declares them, a pointer's star against the name: ``int`` +
    ``fd`` → ``int fd``, ``char *`` + ``buf`` → ``char *buf``. Signatures in Flux
    (``model.Param``), the C interface (structs, prototypes), hovers, completion, signature
    help and quick fixes all write names with it (and the formatter spaces stars with
    ``space_after``)."""
    return ctype + space_after(ctype) + name


def spell(words: list[str]) -> str:
    """Type words and stars joined as ``flux fmt`` writes them: a space between words, none
    after a star (``char * const*`` → ``char *const *``)."""
    out = ""
    for word in words:
        out += word if not out else space_after(out) + word
    return out


def field_type(canonical: str) -> str:
    """A struct field's type: the canonical type without top-level qualifiers, so that the
    runtime can copy fields by assignment (``const int`` → ``int``, ``char * const`` →
    ``char *``); qualifiers below a pointer stay."""
    if "*" not in canonical:
        return " ".join(w for w in canonical.split() if w not in ("const", "volatile"))
    head, _, tail = canonical.rpartition("*")
    return head + "*" if tail.strip() else canonical
