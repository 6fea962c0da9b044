"""The C interface of a checked program (docs/language.md#the-c-interface): structs and prototypes.

One value, ``Interface``, says what the generated header declares and what the user must
write: the ``N_in``/``N_out`` struct of every node (fields named after the parameters; an
abstract node without a signature takes the names of its first step's inputs and its last
step's outputs), and the prototype of every concrete node, predicate, handler and session
function that a flow reachable from a source uses. The header, ``flux stubs`` and the
compiler's reworded messages all read it, so they always agree. Pure: no IO.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..model import Span
from .errors import BuildError

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..semantics import NodeInfo

Kind = Literal["node", "predicate", "handler", "session"]
Side = Literal["in", "out"]


def field_type(canonical: str) -> str:
    """A struct field's type: the canonical type without top-level qualifiers, so that the
    runtime can copy fields by assignment (``const int`` → ``int``, ``char * const`` →
    ``char *``); qualifiers below a pointer stay."""
    if "*" not in canonical:
        words = [w for w in canonical.split() if w not in ("const", "volatile")]
        return " ".join(words)
    head, _, tail = canonical.rpartition("*")
    return head + "*" if tail.strip() else canonical


def decl(ctype: str, name: str) -> str:
    """``char *`` + ``head`` → ``char *head``; ``int`` + ``n`` → ``int n``."""
    return f"{ctype}{name}" if ctype.endswith("*") else f"{ctype} {name}"


@dataclass(frozen=True)
class Struct:
    name: str                            # N_in or N_out
    node: str
    fields: tuple[tuple[str, str], ...]  # (C type, field name)


@dataclass(frozen=True)
class Prototype:
    kind: Kind
    name: str             # the C function
    text: str             # without the final ';'
    about: str            # "node `ReadRequest`", …
    params: tuple[str, ...]  # parameter names (the stub casts them to void)
    result: str           # the C type it returns
    struct: str | None = None   # the struct its pointer parameter points to


@dataclass(frozen=True)
class Interface:
    structs: dict[str, tuple[Struct | None, Struct | None]]   # node → (in, out)
    prototypes: tuple[Prototype, ...]                          # what the user must write

    def prototype(self, name: str) -> Prototype | None:
        return next((p for p in self.prototypes if p.name == name), None)

    def fields(self, node: str, side: Side) -> tuple[tuple[str, str], ...]:
        pair = self.structs.get(node)
        struct = None if pair is None else pair[0 if side == "in" else 1]
        return () if struct is None else struct.fields


def build_interface(analysis: Analysis) -> Interface:
    names = _Names(analysis)
    structs = {name: (_struct(names, info, "in"), _struct(names, info, "out"))
               for name, info in sorted(analysis.semantics.nodes.items())}
    protos = _prototypes(analysis, structs)
    return Interface(structs, tuple(protos))


class _Names:
    """Field names of a node's inputs or outputs, checked to be usable as struct fields."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.memo: dict[tuple[str, Side], tuple[str, ...]] = {}

    def of(self, node: str, side: Side, seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
        key = (node, side)
        if key not in self.memo:
            self.memo[key] = self._find(node, side, seen | {node})
        return self.memo[key]

    def _find(self, node: str, side: Side, seen: frozenset[str]) -> tuple[str, ...]:
        info = self.analysis.semantics.nodes[node]
        count = len(_types(info, side))
        if info.signature is not None:
            params = info.signature.inputs if side == "in" else info.signature.outputs
            names = tuple(p.name.text for p in params)
            self._unique(node, names, params[0].name.span if params else info.name_span)
            return names
        for flow in info.flows:
            if flow.steps:
                step = flow.steps[0 if side == "in" else -1].text
                if step not in seen and step in self.analysis.semantics.nodes:
                    names = self.of(step, side, seen)
                    if len(names) == count:
                        return names
        if side == "out" and len(_types(info, "in")) == count:
            return self.of(node, "in", seen)  # every flow is empty: the input passes through
        return tuple(f"v{i}" for i in range(count))

    def _unique(self, node: str, names: tuple[str, ...], span: Span) -> None:
        seen: set[str] = set()
        for name in names:
            if name in seen:
                line, column = self.analysis.lines.position(span.start)
                raise BuildError(
                    f"{self.analysis.path}:{line + 1}:{column + 1}: error: node `{node}` has "
                    f"two parameters named `{name}`; they become fields of one C struct, so "
                    "their names must differ")
            seen.add(name)


def _types(info: NodeInfo, side: Side) -> tuple[str, ...]:
    types = info.inputs if side == "in" else info.outputs
    if types is None and info.kind == "abstract" and not any(f.steps for f in info.flows):
        raise BuildError(f"error: the types of `{info.name}` are unknown: every flow of it is "
                         f"empty, so nothing tells what passes through; declare them with a "
                         f"signature, e.g. `{info.name} (int socket) => (int socket);`")
    if types is None or any(t is None for t in types):
        raise BuildError(f"internal error: node `{info.name}` has unknown types; "
                         "please report it")
    return tuple(t for t in types if t is not None)


def _struct(names: _Names, info: NodeInfo, side: Side) -> Struct | None:
    types = _types(info, side)
    if not types:
        return None
    fields = tuple(zip((field_type(t) for t in types), names.of(info.name, side), strict=True))
    return Struct(f"{info.name}_{side}", info.name, fields)


def node_prototype(info: NodeInfo, structs: dict[str, tuple[Struct | None, Struct | None]]
                   ) -> Prototype:
    s_in, s_out = structs[info.name]
    params: list[tuple[str, str]] = []
    if s_in is not None:
        params.append((f"{s_in.name} *in", "in"))
    if s_out is not None:
        params.append((f"{s_out.name} *out", "out"))
    inner = ", ".join(p for p, _ in params) or "void"
    return Prototype("node", info.name, f"int {info.name}({inner})", f"node `{info.name}`",
                     tuple(n for _, n in params), "int")


def _prototypes(analysis: Analysis, structs: dict[str, tuple[Struct | None, Struct | None]]
                ) -> list[Prototype]:
    sem = analysis.semantics
    reachable = [info for _, info in sorted(sem.nodes.items()) if info.reachable]
    out = [node_prototype(info, structs) for info in reachable if info.kind == "concrete"]
    out += _predicates(analysis, structs)
    seen: set[str] = set()
    for handler in analysis.program.handlers:
        info = sem.nodes.get(handler.node.text)
        function = handler.function.text
        if info is None or not info.reachable or function in seen:
            continue
        seen.add(function)
        s_in = structs[info.name][0]
        if s_in is None:
            out.append(Prototype("handler", function, f"void {function}(int err)",
                                 f"handler of `{info.name}`", ("err",), "void"))
        else:
            out.append(Prototype("handler", function,
                                 f"void {function}({s_in.name} *in, int err)",
                                 f"handler of `{info.name}`", ("in", "err"), "void", s_in.name))
    for source in analysis.program.sources:
        if source.session is None or source.session.text in seen:
            continue
        function = source.session.text
        seen.add(function)
        s_in = structs[source.target.text][0]
        param = f"{s_in.name} *in" if s_in is not None else "void"
        out.append(Prototype("session", function, f"uint64_t {function}({param})",
                             f"session function of source `{source.node}`",
                             ("in",) if s_in is not None else (), "uint64_t",
                             None if s_in is None else s_in.name))
    return out


def _predicates(analysis: Analysis, structs: dict[str, tuple[Struct | None, Struct | None]]
                ) -> list[Prototype]:
    sem = analysis.semantics
    out: list[Prototype] = []
    seen: set[str] = set()
    for flow in analysis.program.flows:
        info = sem.nodes.get(flow.name.text)
        if flow.pattern is None or info is None or not info.reachable:
            continue
        s_in = structs[info.name][0]
        for index, element in enumerate(flow.pattern):
            if element.name is None or element.name.text not in sem.typedefs:
                continue
            function = sem.typedefs[element.name.text].predicate.text
            if function in seen or s_in is None:
                continue
            seen.add(function)
            ctype, name = s_in.fields[index]
            out.append(Prototype("predicate", function, f"bool {function}({decl(ctype, name)})",
                                 f"predicate of type `{element.name.text}`", (name,), "bool"))
    return out
