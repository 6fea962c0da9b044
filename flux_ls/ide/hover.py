"""Hover: Markdown for the symbol under the cursor (``hover(analysis, offset) -> Hover``).

- **node**: its signature in canonical Flux form (inferred ones are marked), its doc comment,
  what the user writes in C (docs/language.md#the-c-interface: the ``N_in``/``N_out`` structs
  and, for a concrete node, ``int N(N_in *in, N_out *out);`` and its variants; an abstract node
  has no C function, so its flow alternatives are shown instead), the sources it takes part in
  (with the session function's prototype), its effective constraints with the reason for every
  elevation and upgrade (``Semantics``' ``Elevation``/``Upgrade`` records), and its error
  handler (``void H(N_in *in, int err);``) or the handlers of enclosing nodes that catch its
  errors;
- **constraint**: its scope and every node that takes it (declared or effective) with the mode;
- **predicate type** (and its predicate function): ``bool F(T v);`` with T the C type of the
  fields it tests, inferred from the patterns that use it;
- **handler / session function**: its prototype and what it is for.

``node_markdown`` and friends return the text for a name, for other features (completion
documentation). C rendering (``c_fields``, ``c_structs``, ``c_prototype``) follows the C
interface exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..cinterface import Derivation, Field, Side, struct_text
from ..ctypes import typed_name
from ..model import Atomic, FlowDef, Source, Typedef
from ..semantics import EffectiveConstraint, NodeInfo, show_types
from ..semantics import constraint_reason as constraint_reason_of
from .index import Occurrence, Symbol, cached, index

if TYPE_CHECKING:
    from ..analysis import Analysis

#: Longest line before a signature or a struct is wrapped, one item per line.
WIDTH = 80


@dataclass(frozen=True)
class Hover:
    """Markdown for the name at bytes ``[start, end)``."""

    markdown: str
    start: int
    end: int


def hover(analysis: Analysis, offset: int) -> Hover | None:
    occ = index(analysis).at(offset)
    if occ is None:
        return None
    text = markdown_for(analysis, occ)
    return Hover(text, occ.start, occ.end) if text else None


def markdown_for(analysis: Analysis, occ: Occurrence) -> str:
    if occ.kind == "node":
        return node_markdown(analysis, occ.name)
    if occ.kind == "constraint":
        return constraint_markdown(analysis, occ.name)
    if occ.kind == "predicate_type":
        return predicate_markdown(analysis, occ.name)
    if occ.role == "predicate_function" and occ.owner is not None:
        return predicate_markdown(analysis, occ.owner)
    return function_markdown(analysis, occ.name)


# -- C interface (docs/language.md#the-c-interface): the one derivation of ``cinterface`` ---

def derivation(analysis: Analysis) -> Derivation:
    """The lenient C interface derivation of ``analysis`` (cached on it)."""
    return cached(analysis, "ide.cinterface", Derivation, lambda: Derivation(analysis))


def c_fields(analysis: Analysis, node: str, side: Side) -> tuple[Field, ...] | None:
    """The fields of ``N_in``/``N_out`` exactly as ``flux_nodes.h`` declares them; None when
    unknown."""
    if analysis.semantics.node(node) is None:
        return None
    return derivation(analysis).fields(node, side)


def c_structs(analysis: Analysis, node: str) -> list[str]:
    """``typedef struct { … } N_in;`` and ``N_out`` (none for an empty side)."""
    if analysis.semantics.node(node) is None:
        return []
    sides: tuple[Side, ...] = ("in", "out")
    structs = (derivation(analysis).struct(node, side) for side in sides)
    return [struct_text(s, WIDTH) for s in structs if s is not None]


def c_prototype(analysis: Analysis, node: str) -> str | None:
    """``int N(N_in *in, N_out *out);`` and its variants; None for an abstract node or when
    the node's types are unknown."""
    proto = derivation(analysis).node_prototype(node)
    return None if proto is None else proto.text + ";"


def handler_prototype(analysis: Analysis, function: str, node: str) -> str:
    proto = derivation(analysis).handler_prototype(function, node) \
        if analysis.semantics.node(node) is not None else None
    return f"void {function}({node}_in *in, int err);" if proto is None else proto.text + ";"


def session_prototype(analysis: Analysis, source: Source) -> str:
    function, target = source.session.text if source.session else "", source.target.text
    proto = derivation(analysis).session_prototype(function, source.node.text, target) \
        if analysis.semantics.node(target) is not None else None
    return f"uint64_t {function}({target}_in *in);" if proto is None else proto.text + ";"


def _c_block(lines: list[str]) -> str:
    return "```c\n" + "\n".join(lines) + "\n```"


def _flux_block(lines: list[str]) -> str:
    return "```flux\n" + "\n".join(lines) + "\n```"


# -- nodes ---------------------------------------------------------------------------------

def _wrap_params(params: list[str]) -> str:
    return "(\n" + ",\n".join(f"    {p}" for p in params) + "\n)" if params else "()"


def _typed(analysis: Analysis, node: str, side: Side) -> tuple[Field, ...] | None:
    """A node's inputs or outputs as (canonical type, name), named as its C fields are."""
    derive = derivation(analysis)
    types, names = derive.types(node, side), derive.names(node, side)
    if types is None or names is None or len(types) != len(names):
        return None
    return tuple(zip(types, names, strict=True))


def flux_signature(analysis: Analysis, info: NodeInfo) -> str:
    """The node's signature in canonical Flux form (wrapped past ``WIDTH`` like ``flux fmt``)."""
    if info.signature is not None and not info.signature.incomplete:
        sig = info.signature
        ins, outs = [str(p) for p in sig.inputs], [str(p) for p in sig.outputs]
    else:
        fields = _typed(analysis, info.name, "in"), _typed(analysis, info.name, "out")
        if fields[0] is None or fields[1] is None:
            return (f"{info.name} {show_types(info.inputs)} => {show_types(info.outputs)};  "
                    "// types not fully known")
        ins, outs = [typed_name(*f) for f in fields[0]], [typed_name(*f) for f in fields[1]]
    flat = f"{info.name} ({', '.join(ins)}) => ({', '.join(outs)});"
    if len(flat) > WIDTH:
        flat = f"{info.name} {_wrap_params(ins)} => {_wrap_params(outs)};"
    if info.signature is None:
        flat += "  // inferred from its flow"
    return flat


def node_markdown(analysis: Analysis, name: str) -> str:
    info = analysis.semantics.node(name)
    if info is None:
        return f"**undefined node** `{name}`: no signature or flow defines it."
    parts = [_flux_block([flux_signature(analysis, info)])]
    if info.doc:
        parts.append(info.doc)
    parts.extend(_c_interface(analysis, info))
    parts.extend(_sources(analysis, name))
    parts.extend(_constraints(analysis, info))
    parts.append(_errors(analysis, info))
    return "\n\n".join(parts)


def _c_interface(analysis: Analysis, info: NodeInfo) -> list[str]:
    structs = c_structs(analysis, info.name)
    if info.kind == "abstract":
        flows = _flux_block([str(f) for f in info.flows])
        out = [f"**abstract node**: no C function, the runtime runs its flow:\n{flows}"]
        if structs:
            out.append("Its structs (for handlers and session functions):\n" + _c_block(structs))
        return out
    prototype = c_prototype(analysis, info.name)
    if prototype is None:
        return ["**concrete node**: its C prototype is known once its signature parses."]
    return ["**concrete node**: you write in C\n" + _c_block([*structs, prototype])]


def _sources(analysis: Analysis, name: str) -> list[str]:
    out = []
    for source in analysis.semantics.sources:
        if name not in (source.node.text, source.target.text):
            continue
        text = f"`{source}`"
        if source.session is not None:
            text += " — session function:\n" + _c_block(
                [session_prototype(analysis, source)])
        out.append(("**source**: " if name == source.node.text else "**flows start at** ")
                    + text)
    return out


def _mode(c: EffectiveConstraint) -> str:
    return ("reader" if c.mode == "read" else "writer") + (
        ", session scope" if c.scope == "session" else "")


def constraint_reason(analysis: Analysis, c: EffectiveConstraint) -> str:
    """Why a node has ``c``: declared, or ``semantics.constraint_reason`` (elevated, upgraded)
    with the lines where the inner nodes are entered."""
    line = analysis.lines.line_of
    why = constraint_reason_of(c, lambda span: line(span.start) + 1)
    if c.declared:
        was = " as a reader" if c.upgrade is not None else ""
        declared = f"declared{was} at line {line(c.origin.start) + 1}"
        return declared + (f"; {why}" if why else "")
    return why or ""


def _constraints(analysis: Analysis, info: NodeInfo) -> list[str]:
    if not info.effective:
        return []
    items = [f"- `{c.name}` {_mode(c)} — {constraint_reason(analysis, c)}"
             for c in info.effective]
    head = "**constraints** (effective, in acquisition order)"
    if info.elevated:
        declared = ", ".join(str(c) for c in info.declared) or "none"
        head += f"; declared: `{{{declared}}}`"
    return [head + "\n" + "\n".join(items)]


def _errors(analysis: Analysis, info: NodeInfo) -> str:
    if info.handler is not None:
        prototype = handler_prototype(analysis, info.handler.function.text, info.name)
        return f"**error handler** `{info.handler.function}`:\n" + _c_block([prototype])
    catchers = enclosing_handlers(analysis, info.name)
    if catchers:
        listed = ", ".join(f"`{fn}` (of `{node}`)" for node, fn in catchers)
        return f"**errors** go to the handler of an enclosing node: {listed}"
    return "**errors**: no handler; a failure ends the flow"


def enclosing_handlers(analysis: Analysis, name: str) -> list[tuple[str, str]]:
    """(node, handler function) of the innermost enclosing nodes with a handler, on every path
    of abstract nodes that contain ``name``."""
    parents = _parents(analysis)
    nodes = analysis.semantics.nodes
    found: list[tuple[str, str]] = []
    todo, seen = list(parents.get(name, ())), {name}
    while todo:
        parent = todo.pop(0)
        if parent in seen:
            continue
        seen.add(parent)
        handler = nodes[parent].handler if parent in nodes else None
        if handler is not None:
            found.append((parent, handler.function.text))
        else:
            todo.extend(parents.get(parent, ()))
    return found


def _parents(analysis: Analysis) -> dict[str, list[str]]:
    """Node → the abstract nodes whose flows use it (cached on the analysis)."""
    def build() -> dict[str, list[str]]:
        parents: dict[str, list[str]] = {}
        for info in analysis.semantics.nodes.values():
            for step in dict.fromkeys(s.text for f in info.flows for s in f.steps):
                parents.setdefault(step, []).append(info.name)
        return parents
    return cached(analysis, "flux_ls.ide.hover.parents", dict, build)


# -- constraints, predicates, functions -----------------------------------------------------

def constraint_markdown(analysis: Analysis, name: str) -> str:
    occurrences = index(analysis).of(Symbol("constraint", name))
    declared = [o.declaration.constraints[o.position] for o in occurrences
                if isinstance(o.declaration, Atomic) and o.position is not None]
    scope = declared[0].scope if declared else "program"  # the first one wins (FLX601)
    per = " (one lock per session)" if scope == "session" else ""
    lines = [f"**constraint** `{name}` — {scope} scope{per}"]
    takers = [(n, c) for n, info in analysis.semantics.nodes.items()
              for c in info.effective if c.name == name]
    for node, c in sorted(takers, key=lambda t: t[1].origin.start):
        mode = "reader" if c.mode == "read" else "writer"
        lines.append(f"- `{node}` {mode} — {constraint_reason(analysis, c)}")
    known = {n for n, _ in takers}
    for occ in occurrences:
        if occ.owner is None or occ.owner in known:
            continue
        line = analysis.lines.line_of(occ.start) + 1
        why = ("declared with the other scope, so ignored (FLX601)"
               if occ.owner in analysis.semantics.nodes else "not a node")
        lines.append(f"- `{occ.owner}` — {why} (line {line})")
        known.add(occ.owner)
    return "\n".join(lines)


def predicate_markdown(analysis: Analysis, ptype: str) -> str:
    typedef = analysis.semantics.typedefs.get(ptype)
    if typedef is None:
        return f"**undefined predicate type** `{ptype}`: declare it with `typedef {ptype} F;`"
    parts = [_flux_block([str(typedef)])]
    if typedef.doc:
        parts.append(typedef.doc)
    parts.append(_predicate_prototypes(analysis, typedef))
    return "\n\n".join(parts)


def predicate_fields(analysis: Analysis, ptype: str) -> list[tuple[str, str, FlowDef, int]]:
    """(C type, field name, alternative, position) of every field ``ptype`` is applied to,
    where the dispatching node's input types are known."""
    found = []
    for occ in index(analysis).of(Symbol("predicate_type", ptype)):
        if occ.role != "pattern" or occ.owner is None or occ.position is None:
            continue
        fields = c_fields(analysis, occ.owner, "in")
        if fields is not None and occ.position < len(fields) \
                and isinstance(occ.declaration, FlowDef):
            ctype, field = fields[occ.position]
            found.append((ctype, field, occ.declaration, occ.position))
    return found


def _predicate_prototypes(analysis: Analysis, typedef: Typedef) -> str:
    function = typedef.predicate.text
    uses = predicate_fields(analysis, typedef.type.text)
    protos = derivation(analysis).predicate_prototypes(typedef.type.text)
    if not protos or not uses:
        return ("**predicate**: you write `bool " + function + "(T v);` with T the C type of "
                "the field it tests (no pattern with known types uses it yet)")
    types = protos
    prototypes = _c_block([p.text + ";" for p, _node, _pos in protos])
    tested = ", ".join(f"`{field}` of `{flow.name}` (input {pos + 1})"
                       for _t, field, flow, pos in uses[:4])
    more = f" and {len(uses) - 4} more" if len(uses) > 4 else ""
    warn = ("\n\nerror FLX209: applied to fields of different C types, but a C function "
            "has one prototype") if len(types) > 1 else ""
    return f"**predicate**: you write in C\n{prototypes}\nIt tests {tested}{more}.{warn}"


def function_markdown(analysis: Analysis, function: str) -> str:
    parts = []
    for occ in index(analysis).of(Symbol("function", function)):
        decl = occ.declaration
        if occ.role == "handler_function" and occ.owner is not None:
            prototype = handler_prototype(analysis, function, occ.owner)
            parts.append(f"**error handler** of `{occ.owner}`:\n" + _c_block([prototype]))
        elif occ.role == "session_function" and isinstance(decl, Source):
            prototype = session_prototype(analysis, decl)
            structs = [s for s in c_structs(analysis, decl.target.text) if "_in;" in s]
            parts.append(f"**session function** of `{decl}`: returns the id of the session "
                         "each new flow belongs to\n" + _c_block([*structs, prototype]))
        elif occ.role == "predicate_function" and occ.owner is not None:
            parts.append(predicate_markdown(analysis, occ.owner))
    return "\n\n".join(dict.fromkeys(parts))
