"""What the parser expected at a point of a Flux tree, described for people.

The parse table says which tokens a parse state accepts (``valid_symbols``); the state after a
token comes from the table or, when the table reduces first, from a probe parse
(``state_after``). ``expected`` turns a state into words: `` `;` ``, ``a node name``,
``a declaration``; ``describe_name`` says what a name written after a given token would name.
Used by ``syntax.errors`` to write FLX001 messages.
"""

from __future__ import annotations

from functools import lru_cache

import tree_sitter

from .parse import language, parse

Node = tree_sitter.Node

DECLARATION_KEYWORDS = frozenset({"source", "typedef", "handle", "atomic"})
_OPENERS = {"(": ")", "[": "]", "{": "}"}


@lru_cache(maxsize=512)
def valid_symbols(state: int) -> frozenset[int]:
    """The symbols (tokens and rules) the parse table has an action for in ``state``."""
    lookahead = language().lookahead_iterator(state)
    return frozenset(lookahead.symbols()) if lookahead is not None else frozenset()


@lru_cache(maxsize=1)
def c_type_words() -> tuple[str, ...]:
    """The one list of C type words (C's own type names, the standard typedefs the grammar
    treats alike, ``struct``/``union``/``enum`` and the qualifiers), in the grammar's order:
    the word tokens the parse table accepts at the start of a parameter (after ``N (``).
    Completion, semantic tokens, rename and these messages all read it."""
    lang = language()
    probe = parse(b"N (").root.descendant_for_byte_range(2, 3)
    assert probe is not None
    state = lang.next_state(probe.parse_state, probe.grammar_id)
    kinds = (lang.node_kind_for_id(s) or "" for s in sorted(valid_symbols(state))
             if s < _token_count() and lang.node_kind_is_visible(s))
    return tuple(k for k in kinds if k.isidentifier() and k not in ("identifier", "comment"))


@lru_cache(maxsize=1)
def _token_count() -> int:
    """Tokens come first in a tree-sitter symbol table; ``source_file`` is the first rule."""
    return language().id_for_node_kind("source_file", True) or 0


def state_after(leaf: Node, data: bytes) -> int:
    """The parse state right after ``leaf`` was shifted (0 if unknown). When the parse table
    reduces before shifting it, the state is read off a probe: the declaration up to
    ``leaf``, parsed alone and followed by `@`, a character no token matches: tree-sitter
    records the state it was lexed in, which is exactly the state after ``leaf``."""
    lang = language()
    state = leaf.parse_state
    if 0 < state < lang.parse_state_count:
        after = lang.next_state(state, leaf.grammar_id)
        if after:
            return after
    text = data[top_level(leaf).start_byte:leaf.end_byte] + b" @"
    probe = parse(text).root.descendant_for_byte_range(len(text) - 1, len(text))
    if probe is None or not probe.is_error or probe.parse_state >= lang.parse_state_count:
        return 0
    return probe.parse_state


def expected(state: int, prev: Node | None) -> list[str]:
    """What ``state`` accepts, in words; ``prev`` (the token before) says what a name names."""
    if state == 0:
        return []
    lang = language()
    kinds = {lang.node_kind_for_id(s) or "" for s in valid_symbols(state)
             if s < _token_count() and lang.node_kind_is_visible(s)}
    kinds.discard("comment")
    if kinds & DECLARATION_KEYWORDS:
        return ["a declaration"]
    if "identifier" in kinds:  # C type words are named by the role: "a parameter type"
        kinds -= set(c_type_words())
    if "=>" in kinds and prev is not None and _arrow_before(prev):
        kinds.discard("=>")  # the parse table shares the state after `(…)` of both lists
    names = [f"`{k}`" for k in sorted(kinds - {"identifier", "end"})]
    if "identifier" in kinds:
        names.append(describe_name(prev))
    if not names and "end" in kinds:
        names.append("the end of the file")
    return names


def _arrow_before(leaf: Node) -> bool:
    """Whether the declaration holding ``leaf`` has a `=>` at or before it."""
    return any(t.type == "=>" and t.start_byte <= leaf.start_byte for t in unit_tokens(leaf))


_NODE_AFTER = frozenset({"->", "=", "source", "error", "atomic"})


def describe_name(prev: Node | None) -> str:
    """What an identifier right after ``prev`` would name."""
    if prev is None or prev.type == ";":
        return "a declaration"
    kind = prev.type
    start = _declaration_start(prev)
    if kind in _NODE_AFTER or (kind == "=>" and start == "source"):
        return "a node name"
    if kind == "=>":
        return "a handler function name" if start == "handle" else "a name"
    if kind == "typedef":
        return "a predicate type name"
    if kind == "identifier" and start == "typedef":
        return "a predicate function name"
    if kind in ("type_identifier", "*") or kind in c_type_words():
        return "a parameter name"
    if kind in ("(", "[", "{", ",", ":"):
        return _role_in_brackets(prev, start)
    return "a name"


def _role_in_brackets(prev: Node, start: str) -> str:
    """What a name after an opening bracket, a `,` or a `:` names."""
    opener = prev.type if prev.type in _OPENERS else _open_bracket(prev)
    if opener == "(":
        return "a parameter type"
    if opener == "[":
        return "a predicate type"
    if opener == "{":
        return "a session function name" if start == "source" else "a constraint name"
    return "a name"


def _open_bracket(leaf: Node) -> str | None:
    """The innermost bracket still open at ``leaf`` within its declaration."""
    tokens = unit_tokens(leaf)
    index = next((i for i, t in enumerate(tokens) if t.start_byte == leaf.start_byte), 0)
    depth = 0
    for token in reversed(tokens[:index]):
        if token.type in _OPENERS.values():
            depth += 1
        elif token.type in _OPENERS:
            if depth == 0:
                return token.type
            depth -= 1
    return None


def _declaration_start(leaf: Node) -> str:
    """The type of the first token of the declaration holding ``leaf``: a declaration
    keyword (`source`, `typedef`, `handle`, `atomic`) or `identifier`."""
    tokens = unit_tokens(leaf)
    return tokens[0].type if tokens else ""


# --- tree helpers -----------------------------------------------------------------------------

def unit_tokens(leaf: Node) -> list[Node]:
    """The tokens of the top-level declaration (or ERROR) that holds ``leaf``."""
    return [t for t in leaves(top_level(leaf)) if is_token(t)]


def top_level(node: Node) -> Node:
    """The child of the root (a declaration or a top-level ERROR) that holds ``node``."""
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node


def is_token(leaf: Node) -> bool:
    """A leaf with text that is not a comment (MISSING tokens have none)."""
    return leaf.type != "comment" and not leaf.is_missing and leaf.end_byte > leaf.start_byte


def leaves(node: Node) -> list[Node]:
    """The leaves under ``node``, in source order."""
    if node.child_count == 0:
        return [node]
    out: list[Node] = []
    for child in node.children:
        out.extend(leaves(child))
    return out


def prev_token(node: Node) -> Node | None:
    """The token before ``node`` (comments and MISSING tokens skipped)."""
    current: Node | None = node
    while current is not None:
        sibling = current.prev_sibling
        while sibling is not None:
            tokens = [t for t in leaves(sibling) if is_token(t)]
            if tokens:
                return tokens[-1]
            sibling = sibling.prev_sibling
        current = current.parent
    return None
