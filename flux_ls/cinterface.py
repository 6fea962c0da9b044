"""The C interface of a checked program (docs/language.md#the-c-interface): structs and prototypes.

One derivation says what the generated header declares and what the user must write: the
``N_in``/``N_out`` struct of every node (fields named after the parameters; an abstract node
without a signature takes the names of its first step's inputs and its last step's outputs;
field types are the canonical types without top-level qualifiers, so fields copy by
assignment), and the prototype of every concrete node, predicate, handler and session
function. ``Derivation`` answers per node and says None where a program with errors leaves
something unknown (hovers, signature help, quick fixes); ``build_interface`` derives the whole
interface of a program that a flow reachable from a source uses and raises
``InterfaceError`` where it cannot (the header, ``flux stubs`` and the compiler's reworded
messages). Both are the same code, so the editor and the build always agree. Pure: no IO.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .ctypes import field_type, typed_name
from .model import Span

if TYPE_CHECKING:
    from .analysis import Analysis
    from .semantics import NodeInfo

__all__ = ["Derivation", "Field", "Interface", "InterfaceError", "Prototype", "Side", "Struct",
           "build_interface", "field_type", "struct_text", "typed_name"]

Kind = Literal["node", "predicate", "handler", "session"]
Side = Literal["in", "out"]
Field = tuple[str, str]  # (C type, field name)


class InterfaceError(Exception):
    """The program has no C interface yet; the message says why, for the user."""


@dataclass(frozen=True)
class Struct:
    name: str                            # N_in or N_out
    node: str
    fields: tuple[Field, ...]


def struct_text(struct: Struct, width: int | None = None) -> str:
    """``typedef struct { int fd; } N_in;`` — one member per line past ``width`` columns."""
    members = [typed_name(t, n) + ";" for t, n in struct.fields]
    flat = f"typedef struct {{ {' '.join(members)} }} {struct.name};"
    if width is None or len(flat) <= width:
        return flat
    return "typedef struct {\n" + "".join(f"    {m}\n" for m in members) + f"}} {struct.name};"


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

    def fields(self, node: str, side: Side) -> tuple[Field, ...]:
        pair = self.structs.get(node)
        struct = None if pair is None else pair[0 if side == "in" else 1]
        return () if struct is None else struct.fields


class Derivation:
    """The C interface of the nodes of one analysis, derived on demand and memoised.

    Lenient (the default): None wherever the program leaves a type or a name unknown.
    ``strict``: an ``InterfaceError`` instead, and two parameters of one node with the same
    name (they would be two fields of one struct) are an error too."""

    def __init__(self, analysis: Analysis, strict: bool = False) -> None:
        # (Not the analysis itself: a hover caches this on it, and an analysis forms no
        # reference cycle.)
        self.sem, self.program = analysis.semantics, analysis.program
        self.lines, self.path = analysis.lines, analysis.path
        self.strict = strict
        self._names: dict[tuple[str, Side], tuple[str, ...] | None] = {}

    # -- structs ---------------------------------------------------------------------------

    def types(self, node: str, side: Side) -> tuple[str, ...] | None:
        """The canonical C types of a node's inputs or outputs; None when unknown."""
        info = self.sem.nodes.get(node)
        if info is None:
            self._fail(f"internal error: node `{node}` is undefined; please report it")
            return None
        types = info.inputs if side == "in" else info.outputs
        if types is None and info.kind == "abstract" and not any(f.steps for f in info.flows):
            self._fail(
                f"error: the types of `{info.name}` are unknown: every flow of it is empty, so "
                f"nothing tells what passes through; declare them with a signature, e.g. "
                f"`{info.name} (int socket) => (int socket);`")
            return None
        if types is None or any(t is None for t in types):
            self._fail(f"internal error: node `{info.name}` has unknown types; "
                       "please report it")
            return None
        return tuple(t for t in types if t is not None)

    def names(self, node: str, side: Side, seen: frozenset[str] = frozenset()
              ) -> tuple[str, ...] | None:
        """The field names of a node's inputs or outputs; None when unknown."""
        key = (node, side)
        if key not in self._names:
            self._names[key] = self._find(node, side, seen | {node})
        return self._names[key]

    def fields(self, node: str, side: Side) -> tuple[Field, ...] | None:
        """The fields of ``N_in``/``N_out`` (empty for an empty side); None when unknown."""
        types, names = self.types(node, side), self.names(node, side)
        if types is None or names is None or len(types) != len(names):
            return None
        return tuple(zip((field_type(t) for t in types), names, strict=True))

    def struct(self, node: str, side: Side) -> Struct | None:
        """``N_in`` or ``N_out``; None for an empty side or when unknown."""
        fields = self.fields(node, side)
        return Struct(f"{node}_{side}", node, fields) if fields else None

    def _find(self, node: str, side: Side, seen: frozenset[str]) -> tuple[str, ...] | None:
        info = self.sem.nodes.get(node)
        types = self.types(node, side)
        if info is None or types is None:
            return None
        if info.signature is not None:
            params = info.signature.inputs if side == "in" else info.signature.outputs
            declared = tuple(p.name.text for p in params)
            if self.strict:
                self._unique(node, declared, params[0].name.span if params else info.name_span)
            return declared
        for flow in info.flows:
            if flow.steps:
                step = flow.steps[0 if side == "in" else -1].text
                if step not in seen and step in self.sem.nodes:
                    names = self.names(step, side, seen)
                    if names is not None and len(names) == len(types):
                        return names
        if side == "out" and len(self.types(node, "in") or ()) == len(types):
            return self.names(node, "in", seen)  # every flow is empty: the input passes
        return tuple(f"v{i}" for i in range(len(types)))

    def _unique(self, node: str, names: tuple[str, ...], span: Span) -> None:
        seen: set[str] = set()
        for name in names:
            if name in seen:
                line, column = self.lines.position(span.start)
                raise InterfaceError(
                    f"{self.path}:{line + 1}:{column + 1}: error: node `{node}` has "
                    f"two parameters named `{name}`; they become fields of one C struct, so "
                    "their names must differ")
            seen.add(name)

    def _fail(self, message: str) -> None:
        if self.strict:
            raise InterfaceError(message)

    # -- prototypes ------------------------------------------------------------------------

    def _in(self, node: str) -> Struct | None | bool:
        """``N_in``, None when N has no inputs, False when unknown."""
        fields = self.fields(node, "in")
        if fields is None:
            return False
        return Struct(f"{node}_in", node, fields) if fields else None

    def node_prototype(self, node: str) -> Prototype | None:
        """``int N(N_in *in, N_out *out)`` and its variants; None for an abstract node or
        when the node's types are unknown."""
        info = self.sem.nodes.get(node)
        if info is None or info.kind != "concrete":
            return None
        s_in, s_out = self._in(node), self.fields(node, "out")
        if s_in is False or s_out is None:
            return None
        params: list[tuple[str, str]] = []
        if isinstance(s_in, Struct):
            params.append((f"{s_in.name} *in", "in"))
        if s_out:
            params.append((f"{node}_out *out", "out"))
        inner = ", ".join(p for p, _ in params) or "void"
        return Prototype("node", node, f"int {node}({inner})", f"node `{node}`",
                         tuple(n for _, n in params), "int")

    def handler_prototype(self, function: str, node: str) -> Prototype | None:
        """``void H(N_in *in, int err)`` (``void H(int err)`` for a node without inputs)."""
        s_in = self._in(node)
        if s_in is False:
            return None
        about = f"handler of `{node}`"
        if s_in is None:
            return Prototype("handler", function, f"void {function}(int err)", about,
                             ("err",), "void")
        assert isinstance(s_in, Struct)
        return Prototype("handler", function, f"void {function}({s_in.name} *in, int err)",
                         about, ("in", "err"), "void", s_in.name)

    def session_prototype(self, function: str, source: str, target: str
                          ) -> Prototype | None:
        """``uint64_t F(T_in *in)`` for the target T of a source (``F(void)`` without
        inputs)."""
        s_in = self._in(target)
        if s_in is False:
            return None
        about = f"session function of source `{source}`"
        if s_in is None:
            return Prototype("session", function, f"uint64_t {function}(void)", about, (),
                             "uint64_t")
        assert isinstance(s_in, Struct)
        return Prototype("session", function, f"uint64_t {function}({s_in.name} *in)", about,
                         ("in",), "uint64_t", s_in.name)

    def predicate_prototypes(self, ptype: str) -> list[tuple[Prototype, str, int]]:
        """``bool F(T field)`` for predicate type ``ptype``, one per distinct C type of the
        fields it is applied to (more than one is FLX209), with the dispatching node and the
        position of the first such field."""
        sem = self.sem
        typedef = sem.typedefs.get(ptype)
        if typedef is None:
            return []
        function = typedef.predicate.text
        out: dict[str, tuple[Prototype, str, int]] = {}
        for flow in self.program.flows:
            if flow.pattern is None or flow.name.text not in sem.nodes:
                continue
            for index, element in enumerate(flow.pattern):
                if element.name is None or element.name.text != ptype:
                    continue
                fields = self.fields(flow.name.text, "in")
                if fields is None or index >= len(fields) or fields[index][0] in out:
                    continue
                ctype, name = fields[index]
                out[ctype] = (Prototype("predicate", function,
                                        f"bool {function}({typed_name(ctype, name)})",
                                        f"predicate of type `{ptype}`", (name,), "bool"),
                              flow.name.text, index)
        return list(out.values())


def build_interface(analysis: Analysis) -> Interface:
    """The whole C interface: the structs of every node, and the prototypes of every
    function that a flow reachable from a source uses. Raises ``InterfaceError``."""
    derive = Derivation(analysis, strict=True)
    sem = analysis.semantics
    structs = {name: (derive.struct(name, "in"), derive.struct(name, "out"))
               for name in sorted(sem.nodes)}
    reachable = [info for _, info in sorted(sem.nodes.items()) if info.reachable]
    protos = [p for info in reachable if info.kind == "concrete"
              if (p := derive.node_prototype(info.name)) is not None]
    protos += _predicates(analysis, derive)
    seen: set[str] = set()
    for handler in analysis.program.handlers:
        info = sem.nodes.get(handler.node.text)
        function = handler.function.text
        if info is None or not info.reachable or function in seen:
            continue
        seen.add(function)
        _append(protos, derive.handler_prototype(function, info.name))
    for source in analysis.program.sources:
        if source.session is None or source.session.text in seen:
            continue
        seen.add(source.session.text)
        _append(protos, derive.session_prototype(source.session.text, source.node.text,
                                                 source.target.text))
    return Interface(structs, tuple(protos))


def _append(protos: list[Prototype], proto: Prototype | None) -> None:
    if proto is not None:
        protos.append(proto)


def _predicates(analysis: Analysis, derive: Derivation) -> list[Prototype]:
    """The first prototype of every predicate a reachable node's dispatch uses, in order of
    first use."""
    sem = analysis.semantics
    out: list[Prototype] = []
    seen: set[str] = set()
    for flow in analysis.program.flows:
        info: NodeInfo | None = sem.nodes.get(flow.name.text)
        if flow.pattern is None or info is None or not info.reachable:
            continue
        for element in flow.pattern:
            if element.name is None or element.name.text not in sem.typedefs:
                continue
            function = sem.typedefs[element.name.text].predicate.text
            if function in seen:
                continue
            found = derive.predicate_prototypes(element.name.text)
            if found:
                seen.add(function)
                out.append(found[0][0])
    return out
