"""The symbol index of one Flux file: every definition and use of every name, by position.

Flux has four namespaces (docs/language.md#names-and-namespaces), so a symbol is a
``(kind, name)`` pair:

- ``node``: defined by signature names and flow heads (``N = …``, ``N:[…] = …``); used by
  flow steps, both names of ``source S => T``, ``handle error N`` and ``atomic N``;
- ``predicate_type``: defined by ``typedef t F`` (t); used by pattern elements ``N:[…, t]``;
- ``constraint``: every occurrence in an ``atomic`` set is a declaration (there is no other);
- ``function``: the C functions named by ``typedef t F`` (F), ``handle error N => H`` (H) and
  ``source S {session: F}`` (F); every occurrence is a declaration.

``index(analysis)`` builds the index once per ``Analysis`` (cached in ``analysis._cache``);
``symbol_at(analysis, offset)`` is the occurrence under a cursor. Offsets are UTF-8 byte
offsets into ``analysis.data``; a cursor touching either end of a name is on it. The index is
built from the model, so names inside text that does not parse are not in it.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from ..model import Atomic, Declaration, FlowDef, Handler, Name, Signature, Source, Span, Typedef

if TYPE_CHECKING:
    from ..analysis import Analysis

SymbolKind = Literal["node", "predicate_type", "constraint", "function"]

Role = Literal[
    "signature",           # N (…) => (…);                 node, definition
    "flow",                # N = …;  N:[…] = …;             node, definition
    "step",                # a step of a flow               node, use
    "source_node",         # source S => T                  node, use
    "source_target",       # source S => T                  node, use
    "handled_node",        # handle error N => H            node, use
    "atomic_node",         # atomic N:{…}                   node, use
    "typedef",             # typedef t F                    predicate_type, definition
    "pattern",             # N:[…, t, …]                    predicate_type, use
    "constraint",          # atomic N:{c}                   constraint, declaration
    "predicate_function",  # typedef t F                    function, declaration
    "handler_function",    # handle error N => H            function, declaration
    "session_function",    # source S {session: F} => T     function, declaration
]

DEFINITION_ROLES: frozenset[str] = frozenset({
    "signature", "flow", "typedef", "constraint", "predicate_function", "handler_function",
    "session_function"})

_CACHE_KEY = "flux_ls.ide.index"
T = TypeVar("T")


@dataclass(frozen=True)
class Symbol:
    """A name in one of the four namespaces."""

    kind: SymbolKind
    name: str


class Occurrence(NamedTuple):
    """One occurrence of a symbol: ``[start, end)`` are the bytes of the name.

    ``owner`` is the node the enclosing declaration is about (the flow's node for a step or a
    pattern element, the atomic's node for a constraint, the handled node for a handler
    function, the source's target for a session function), ``position`` the index of a step
    in its flow or of an element in its pattern. ``declaration`` is the model declaration.
    (A named tuple rather than a frozen dataclass: a 10,000-line file has ~13,000
    occurrences, and a tuple is built 3x faster.)"""

    symbol: Symbol
    start: int
    end: int
    role: Role
    owner: str | None = None
    position: int | None = None
    declaration: Declaration | None = None

    @property
    def kind(self) -> SymbolKind:
        return self.symbol.kind

    @property
    def name(self) -> str:
        return self.symbol.name

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_definition(self) -> bool:
        return self.role in DEFINITION_ROLES

    def contains(self, offset: int) -> bool:
        return self.start <= offset <= self.end


class SymbolIndex:
    """Every occurrence of a file, sorted by position, and grouped by symbol."""

    def __init__(self, occurrences: list[Occurrence]) -> None:
        occurrences.sort(key=lambda o: o.start)
        self.occurrences: tuple[Occurrence, ...] = tuple(occurrences)
        self._starts = [o.start for o in occurrences]
        groups: dict[Symbol, list[Occurrence]] = {}
        for occ in occurrences:
            groups.setdefault(occ.symbol, []).append(occ)
        self._by_symbol = {symbol: tuple(occs) for symbol, occs in groups.items()}

    def at(self, offset: int) -> Occurrence | None:
        """The occurrence whose name contains ``offset`` (either end included)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.occurrences[i].contains(offset):
            return self.occurrences[i]
        return None

    def of(self, symbol: Symbol) -> tuple[Occurrence, ...]:
        """Every occurrence of ``symbol`` in source order (empty if it never occurs)."""
        return self._by_symbol.get(symbol, ())

    def definitions(self, symbol: Symbol) -> tuple[Occurrence, ...]:
        return tuple(o for o in self.of(symbol) if o.is_definition)

    def uses(self, symbol: Symbol) -> tuple[Occurrence, ...]:
        return tuple(o for o in self.of(symbol) if not o.is_definition)

    def symbols(self, kind: SymbolKind | None = None) -> tuple[Symbol, ...]:
        """Every symbol (of one kind), in order of first occurrence."""
        return tuple(s for s in self._by_symbol if kind is None or s.kind == kind)

    def __contains__(self, symbol: object) -> bool:
        return symbol in self._by_symbol


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects: with a
    large analysis alive, collections triggered by the allocations cost 5x the build."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def cached(analysis: Analysis, key: str, kind: type[T], build: Callable[[], T]) -> T:
    """``analysis._cache[key]``, built (with the collector paused) on first use."""
    found = analysis._cache.get(key)
    if isinstance(found, kind):
        return found
    with no_gc():
        made = build()
    analysis._cache[key] = made
    return made


def index(analysis: Analysis) -> SymbolIndex:
    """The symbol index of ``analysis`` (built on first use, then cached on it)."""
    return cached(analysis, _CACHE_KEY, SymbolIndex,
                  lambda: SymbolIndex(_collect(analysis.program.declarations)))


def symbol_at(analysis: Analysis, offset: int) -> Occurrence | None:
    """The occurrence under the cursor at byte ``offset``, or None."""
    return index(analysis).at(offset)


class _Collector:
    """Builds the occurrences of a program, sharing one ``Symbol`` per name and kind."""

    def __init__(self) -> None:
        self.out: list[Occurrence] = []
        self.symbols: dict[tuple[SymbolKind, str], Symbol] = {}

    def add(self, kind: SymbolKind, name: Name, role: Role, decl: Declaration,
            owner: str | None = None, position: int | None = None) -> None:
        symbol = self.symbols.get((kind, name.text))
        if symbol is None:
            symbol = self.symbols[(kind, name.text)] = Symbol(kind, name.text)
        self.out.append(Occurrence(symbol, name.span.start, name.span.end, role, owner,
                                   position, decl))

    def declaration(self, decl: Declaration) -> None:
        add = self.add
        if isinstance(decl, Signature):
            add("node", decl.name, "signature", decl)
        elif isinstance(decl, FlowDef):
            owner = decl.name.text
            add("node", decl.name, "flow", decl, owner)
            for i, element in enumerate(decl.pattern or ()):
                if element.name is not None:
                    add("predicate_type", element.name, "pattern", decl, owner, i)
            for i, step in enumerate(decl.steps):
                add("node", step, "step", decl, owner, i)
        elif isinstance(decl, Source):
            target = decl.target.text
            add("node", decl.node, "source_node", decl, target)
            if decl.session is not None:
                add("function", decl.session, "session_function", decl, target)
            add("node", decl.target, "source_target", decl, target)
        elif isinstance(decl, Typedef):
            add("predicate_type", decl.type, "typedef", decl)
            add("function", decl.predicate, "predicate_function", decl, decl.type.text)
        elif isinstance(decl, Handler):
            add("node", decl.node, "handled_node", decl, decl.node.text)
            add("function", decl.function, "handler_function", decl, decl.node.text)
        elif isinstance(decl, Atomic):
            node = decl.node.text
            add("node", decl.node, "atomic_node", decl, node)
            for i, c in enumerate(decl.constraints):
                add("constraint", c.name, "constraint", decl, node, i)


def _collect(declarations: tuple[Declaration, ...]) -> list[Occurrence]:
    collector = _Collector()
    for decl in declarations:
        collector.declaration(decl)
    return collector.out
