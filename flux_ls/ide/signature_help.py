"""Signature help: the signature of the node being written or used, with the active parameter.

``signature_help(analysis, offset) -> SignatureHelp | None`` answers in three places:

- **inside a signature's parameter list** (``N (int a, |`` or ``… => (int a, |``): the
  signature as written so far, the active parameter counted in inputs then outputs, and for
  each parameter what N's neighbours in the flows give or expect there (``CheckCache`` gives
  ``image_tag *request``), so the types can be matched while typing;
- **inside a dispatch pattern** (``N:[_, |``): N's signature, the active parameter being
  the input the pattern element tests;
- **on a flow step** (``A = B -> C|``): the signature of the step under the cursor; right
  after ``->`` (or on a name that is not a node yet) the previous step's, documented with the
  types the next step must take; right after ``=`` the signature of the flow's node.

The cursor's declaration is read as the grammar's tokens (``syntax.tokens``: the leaves of the
tree-sitter tree, an ERROR's too), so it works while the declaration is still broken. Parameter
offsets (``ParameterInfo.start``/``end``) index ``SignatureInfo.label``; labels are ASCII
(identifiers and C type words), so they count characters, UTF-16 units and bytes alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..cinterface import Side
from ..ctypes import spell, typed_name
from ..semantics import Types, show_types
from ..syntax.tokens import Token, tokens_from
from .callhierarchy import incoming_calls, outgoing_calls
from .hover import c_fields

if TYPE_CHECKING:

    from ..analysis import Analysis


@dataclass(frozen=True)
class ParameterInfo:
    """A parameter: characters ``[start, end)`` of the signature's label."""

    start: int
    end: int
    documentation: str | None = None


@dataclass(frozen=True)
class SignatureInfo:
    label: str
    parameters: tuple[ParameterInfo, ...]
    documentation: str | None = None


@dataclass(frozen=True)
class SignatureHelp:
    signatures: tuple[SignatureInfo, ...]
    active_signature: int
    active_parameter: int | None


_Token = Token
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_DECLARATION_WORDS = frozenset({"source", "typedef", "handle", "atomic"})


def signature_help(analysis: Analysis, offset: int) -> SignatureHelp | None:
    offset = max(0, min(offset, len(analysis.data)))
    before, after = _statement(analysis, offset)
    if len(before) < 1 or not _WORD.match(before[0].text) or before[0].text in \
            _DECLARATION_WORDS:
        return None
    head = before[1].text if len(before) > 1 else None
    if head == "(":
        return _in_signature(analysis, before, after, offset)
    if head in ("=", ":"):
        return _in_flow(analysis, before, after, offset)
    return None


# -- reading the declaration around the cursor -----------------------------------------------

def _region_start(analysis: Analysis, offset: int) -> int:
    """Where the top-level syntax node before or around ``offset`` starts (the last one
    starting before it; comments skipped)."""
    top = analysis.syntax.top
    index = top.index_at(offset - 1)
    while index >= 0 and top.nodes[index].type == "comment":
        index -= 1
    return top.ranges[index][0] if index >= 0 else 0


def _statement(analysis: Analysis, offset: int) -> tuple[list[_Token], list[_Token]]:
    """Tokens of the cursor's declaration that start before the cursor (from its start, or
    after the last ``;``) and those after (up to ``;`` or the start of another declaration).
    A token the cursor is inside (or at the end of) is the last of the first list."""
    tokens = tokens_from(analysis.syntax, _region_start(analysis, offset))
    before: list[_Token] = []
    pending: _Token | None = None
    for tok in tokens:
        if tok.start >= offset:
            pending = tok
            break
        before = [] if tok.text == ";" else before
        if tok.text != ";":
            before.append(tok)
    after: list[_Token] = []
    while pending is not None:
        nxt = next(tokens, None)
        if pending.text == ";" or (pending.line_start and (
                pending.text in _DECLARATION_WORDS
                or (_WORD.match(pending.text) and nxt is not None
                    and nxt.text in ("(", "=", ":")))):
            break
        after.append(pending)
        pending = nxt
    return before, after


# -- inside a signature ------------------------------------------------------------------------

def _param_lists(tokens: list[_Token]) -> list[list[list[_Token]]]:
    """The parameter lists of a signature's tokens (from its ``(``): lists of parameters, each
    a list of tokens; stops after the second list."""
    lists: list[list[list[_Token]]] = []
    current: list[list[_Token]] | None = None
    for tok in tokens:
        if tok.text == "(" and current is None:
            current = [[]]
            lists.append(current)
        elif tok.text == ")" and current is not None:
            current = None
            if len(lists) == 2:
                break
        elif tok.text == "," and current is not None:
            current.append([])
        elif current is not None:
            current[-1].append(tok)
        elif tok.text not in ("=>", "(", ")"):
            break
    return lists


def _spell(tokens: list[_Token]) -> str:
    """A parameter's tokens as ``flux fmt`` writes them (a pointer's star against what
    follows)."""
    return spell([tok.text for tok in tokens])


def _in_signature(analysis: Analysis, before: list[_Token], after: list[_Token],
                  offset: int) -> SignatureHelp | None:
    name = before[0].text
    lists = _param_lists(before[1:] + after)
    where = _cursor_in_lists(before[1:])
    if where is None or not lists:
        return None
    list_index, param_index = where
    inputs = [p for p in lists[0] if p]
    outputs = [p for p in lists[1] if p] if len(lists) > 1 else None
    active = param_index if list_index == 0 else len(inputs) + param_index
    if list_index == 0 and param_index >= len(inputs):
        active = len(inputs) + len(outputs or ())  # not written yet: nothing to mark
    expected = _expected(analysis, name)
    docs = [_param_doc(expected[0], i) for i in range(len(inputs))] + [
        _param_doc(expected[1], i) for i in range(len(outputs or ()))]
    written = [_spell(p) for p in outputs] if outputs is not None else None
    signature = _signature(name, [_spell(p) for p in inputs], written, docs,
                           _expected_doc(expected))
    return SignatureHelp((signature,), 0, active)


def _cursor_in_lists(tokens: list[_Token]) -> tuple[int, int] | None:
    """(which list, which parameter) the end of ``tokens`` is in; None outside the lists."""
    list_index, param_index, inside = -1, 0, False
    for tok in tokens:
        if tok.text == "(" and not inside:
            list_index, param_index, inside = list_index + 1, 0, True
        elif tok.text == ")" and inside:
            inside = False
        elif tok.text == "," and inside:
            param_index += 1
    return (list_index, param_index) if inside and list_index in (0, 1) else None


def _signature(name: str, inputs: list[str], outputs: list[str] | None,
               docs: list[str | None], documentation: str | None) -> SignatureInfo:
    """``N (inputs) => (outputs)``; ``=> (...)`` when the outputs are not written yet."""
    label = f"{name} "
    params: list[ParameterInfo] = []
    for side, texts in enumerate((inputs, outputs)):
        label += " => (" if side else "("
        if texts is None:
            label += "...)"
            continue
        for i, text in enumerate(texts):
            if i:
                label += ", "
            doc = docs[len(params)] if len(params) < len(docs) else None
            params.append(ParameterInfo(len(label), len(label) + len(text), doc))
            label += text
        label += ")"
    return SignatureInfo(label, tuple(params), documentation)


# -- what the neighbours give and expect ----------------------------------------------------

_Expectation = tuple[str, Types, tuple[tuple[str, str], ...] | None]  # (who, types, fields)


def _expected(analysis: Analysis,
              node: str) -> tuple[list[_Expectation], list[_Expectation]]:
    """What ``node``'s inputs receive and what its outputs must match, from its neighbours."""
    nodes = analysis.semantics.nodes

    def types(name: str, side: Side) -> Types:
        info = nodes.get(name)
        return None if info is None else (info.inputs if side == "in" else info.outputs)

    def entry(who: str, name: str, side: Side) -> _Expectation:
        return who, types(name, side), c_fields(analysis, name, side)

    ins: list[_Expectation] = []
    outs: list[_Expectation] = []
    for call in incoming_calls(analysis, node):
        other = call.item.name
        for site in call.sites:
            if site.kind in ("flow", "source"):
                ins.append(entry(f"`{other}` gives", other, "out"))
            elif site.kind == "enter":
                ins.append(entry(f"`{other}` passes its input", other, "in"))
            else:
                outs.append(entry(f"last step `{other}` gives", other, "out"))
    for call in outgoing_calls(analysis, node):
        other = call.item.name
        for site in call.sites:
            if site.kind in ("flow", "source"):
                outs.append(entry(f"`{other}` takes", other, "in"))
            elif site.kind == "enter":
                ins.append(entry(f"first step `{other}` takes", other, "in"))
            else:
                outs.append(entry(f"`{other}` outputs", other, "out"))
    return _unique(ins), _unique(outs)


def _unique(items: list[_Expectation]) -> list[_Expectation]:
    """One entry per neighbour, only those whose types are known."""
    return list({item[0]: item for item in items if item[1] is not None}.values())


def _param_doc(expectations: list[_Expectation], i: int) -> str | None:
    lines = []
    for who, types, fields in expectations:
        if fields is not None and i < len(fields):
            ctype, field = fields[i]
            lines.append(f"{who} `{typed_name(ctype, field)}`")
        elif types is not None and i < len(types):
            lines.append(f"{who} `{types[i] or '?'}`")
    return "\n".join(f"- {line}" for line in lines) or None


def _expected_doc(expected: tuple[list[_Expectation], list[_Expectation]]) -> str | None:
    lines = [f"- input: {who} {show_types(types)}" for who, types, _ in expected[0]]
    lines += [f"- output: {who} {show_types(types)}" for who, types, _ in expected[1]]
    return "\n".join(lines) or None


# -- inside a flow definition ---------------------------------------------------------------

def _node_signature(analysis: Analysis, name: str,
                    documentation: str | None = None) -> SignatureInfo | None:
    info = analysis.semantics.node(name)
    if info is None:
        return None
    fields = c_fields(analysis, name, "in"), c_fields(analysis, name, "out")
    texts: list[list[str]] = []
    for side_fields, types in zip(fields, (info.inputs, info.outputs), strict=True):
        if side_fields is not None:
            texts.append([typed_name(t, n) for t, n in side_fields])
        elif types is not None:
            texts.append([t or "?" for t in types])
        else:
            texts.append(["?"])
    doc = "\n\n".join(d for d in (info.doc, documentation) if d) or None
    return _signature(name, texts[0], texts[1], [], doc)


def _in_flow(analysis: Analysis, before: list[_Token], after: list[_Token],
             offset: int) -> SignatureHelp | None:
    owner = before[0].text
    texts = [t.text for t in before]
    if "[" in texts and "]" not in texts:
        signature = _node_signature(analysis, owner)
        return SignatureHelp((signature,), 0, texts.count(",")) if signature else None
    if "=" not in texts:
        return None
    steps = before[texts.index("=") + 1:]
    words = [t.text for t in steps if _WORD.match(t.text)]
    current = None
    if steps and _WORD.match(steps[-1].text) and steps[-1].end >= offset:
        current = words.pop()  # the cursor is on this step (or at its end)
    elif after and _WORD.match(after[0].text) and after[0].start == offset:
        current = after[0].text  # the cursor is at the start of this step
    if current is not None and analysis.semantics.node(current) is not None:
        return _help(_node_signature(analysis, current))
    if not words:
        return _help(_node_signature(analysis, owner, "The first step takes this node's input."))
    info = analysis.semantics.node(words[-1])
    wanted = show_types(info.outputs) if info is not None else "(?)"
    return _help(_node_signature(analysis, words[-1], f"The next step must take {wanted}."))


def _help(signature: SignatureInfo | None) -> SignatureHelp | None:
    return SignatureHelp((signature,), 0, None) if signature is not None else None
