"""The syntactic model of a Flux program: frozen dataclasses carrying byte spans.

Lowering (``syntax.lower``) builds a ``Program`` from a tree-sitter tree. The model holds
no tree-sitter objects, so it can be compared, hashed and kept; ``str()`` of a program
prints it back as Flux (without comments; the formatter keeps those).

Moving a value (``shifted``): after an edit, every declaration behind the edit point keeps its
text but moves, so its spans change. Re-creating those objects eagerly costs more than the
rest of a keystroke's analysis in a large file, so ``shifted(value, delta)`` returns a
*relocated* copy whose fields are computed from the original on first access (each field
once, then stored like any other). A relocated copy is an ordinary instance of the same
class: equality, hashing, ``repr``, ``dataclasses.replace``, copying and pickling all see
the shifted values.
"""

from __future__ import annotations

from _thread import RLock
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from .ctypes import typed_name

Mode = Literal["read", "write"]
Scope = Literal["program", "session"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range of UTF-8 byte offsets into the source text."""

    start: int
    end: int


_PENDING = "_relocated_from"  # instance-dict key of a relocated copy: (origin, delta, remap)
_T = TypeVar("_T")


class Remap(Protocol):
    """Replacements for objects inside a relocated value, by ``id()`` (a dict will do)."""

    def get(self, key: int, /) -> Any: ...


class Deferred:
    """Base of the frozen dataclasses whose fields (those without a class-level default) an
    analysis may compute only when first read (``deferred``): a keystroke's analysis of a
    large file then does not build what nothing looks at."""

    __slots__ = ()

    if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any attribute
        def __getattr__(self, name: str) -> Any:
            """Only reached for a field not computed yet."""
            state = self.__dict__
            if _COMPUTE not in state or name not in self.__dataclass_fields__:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}",
                                     name=name, obj=self)
            with _computing:
                compute = state.get(_COMPUTE)
                if compute is not None:
                    for key, value in compute().items():
                        state.setdefault(key, value)
                    del state[_COMPUTE]
            return state[name]

    def __getstate__(self) -> dict[str, Any]:
        """Copies and pickles hold every field (computed if need be)."""
        for name in self.__dataclass_fields__:  # type: ignore[attr-defined]
            getattr(self, name)
        return dict(self.__dict__)


_COMPUTE = "_computed_by"  # instance-dict key of a deferred value: a function of no argument
_computing = RLock()  # one computation at a time (requests may run in threads)
_D = TypeVar("_D", bound=Deferred)


def deferred(cls: type[_D], compute: Callable[[], dict[str, Any]], **fields: Any) -> _D:
    """An instance of ``cls`` with ``fields`` set and the others computed by ``compute()``
    (a dict of field values) when one is first read."""
    value = object.__new__(cls)
    value.__dict__.update(fields)
    value.__dict__[_COMPUTE] = compute
    return value


class Relocatable:
    """Base of the frozen dataclasses that ``shifted`` can relocate lazily (model, semantics)."""

    __slots__ = ()

    if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any attribute
        def __getattr__(self, name: str) -> Any:
            """Only reached for a field a relocated copy has not computed yet."""
            pending = self.__dict__.get(_PENDING)
            if pending is None or name not in self.__dataclass_fields__:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}",
                                     name=name, obj=self)
            origin, delta, remap = pending
            value = _shift(getattr(origin, name), delta, remap)
            self.__dict__[name] = value
            return value

    def __getstate__(self) -> dict[str, Any]:
        """Copies and pickles of a relocated value are plain instances (all fields computed)."""
        state = self.__dict__
        if _PENDING in state:
            for name in self.__dataclass_fields__:  # type: ignore[attr-defined]
                getattr(self, name)
            return {k: v for k, v in state.items() if k != _PENDING}
        return dict(state)


def shifted(value: _T, delta: int, remap: Remap | None = None) -> _T:
    """``value`` with every span moved by ``delta`` bytes, computed lazily (see the module
    docstring). ``remap`` maps ``id()`` of objects inside ``value`` to the objects that
    replace them (the declarations a ``NodeInfo`` refers to become the program's own)."""
    if delta == 0 and not remap:
        return value
    if isinstance(value, Relocatable):
        return _relocated(value, delta, remap)  # type: ignore[return-value]
    return _shift(value, delta, remap)  # type: ignore[no-any-return]


def _shift(value: Any, delta: int, remap: Remap | None) -> Any:
    if remap:
        replacement = remap.get(id(value))
        if replacement is not None:
            return replacement
    cls = type(value)
    if cls is Span:
        return Span(value.start + delta, value.end + delta)
    if cls is tuple:
        items = [_shift(v, delta, remap) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else tuple(items)
    if not isinstance(value, Relocatable) or (delta == 0 and not remap):
        return value  # str, int, bool, None: nothing to move
    return _relocated(value, delta, remap)


def _relocated(value: Relocatable, delta: int, remap: Remap | None) -> Relocatable:
    """A copy of ``value`` whose fields are computed on first access."""
    pending = value.__dict__.get(_PENDING)
    if pending is not None and not remap and not pending[2]:
        value, delta = pending[0], pending[1] + delta  # relocate the original, not a copy
    cls = type(value)
    copy = object.__new__(cls)
    state = copy.__dict__
    state[_PENDING] = (value, delta, remap)
    names = _DEFAULTED.get(cls)
    for name in names if names is not None else _defaulted(cls):
        # the class attribute (the default) would hide the field: set it now
        field_value = getattr(value, name)
        state[name] = (field_value if field_value is None or type(field_value) in _PLAIN
                       else _shift(field_value, delta, remap))
    return copy


_PLAIN = (str, bool, int)
_DEFAULTED: dict[type, tuple[str, ...]] = {}


def _defaulted(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass that have a default, which is also a class attribute."""
    names = _DEFAULTED[cls] = tuple(f.name for f in fields(cls) if f.default is not MISSING)
    return names


@dataclass(frozen=True)
class Name(Relocatable):
    text: str
    span: Span = field(compare=False)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, eq=False)
class CType(Relocatable):
    """A C type as written (``text``) and in canonical form (None when malformed).

    Equality compares the canonical form only (or the text when the type is malformed), so
    respacing a type (`char*` → `char *`) leaves the program equal."""

    text: str = field(compare=False)
    canonical: str | None
    span: Span = field(compare=False)

    @property
    def key(self) -> str:
        return self.canonical if self.canonical is not None else f"?{self.text}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CType) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __str__(self) -> str:
        return self.canonical or self.text


@dataclass(frozen=True)
class Param(Relocatable):
    type: CType
    name: Name

    def __str__(self) -> str:
        return typed_name(str(self.type), str(self.name))


def _params(params: tuple[Param, ...]) -> str:
    return "(" + ", ".join(str(p) for p in params) + ")"


@dataclass(frozen=True)
class Signature(Relocatable):
    """``N (inputs) => (outputs);``"""

    name: Name
    inputs: tuple[Param, ...]
    outputs: tuple[Param, ...]
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)
    incomplete: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.name} {_params(self.inputs)} => {_params(self.outputs)};"


@dataclass(frozen=True)
class PatternElement(Relocatable):
    """One element of a dispatch pattern: a wildcard (``name is None``) or a predicate type."""

    name: Name | None
    span: Span = field(compare=False)

    @property
    def is_wildcard(self) -> bool:
        return self.name is None

    def __str__(self) -> str:
        return "_" if self.name is None else self.name.text


@dataclass(frozen=True)
class FlowDef(Relocatable):
    """``N = A -> B;`` (pattern None) or ``N:[p, …] = A -> B;`` (one dispatch alternative)."""

    name: Name
    pattern: tuple[PatternElement, ...] | None
    steps: tuple[Name, ...]
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)
    incomplete: bool = field(default=False, compare=False)

    @property
    def is_catch_all(self) -> bool:
        return self.pattern is not None and all(e.is_wildcard for e in self.pattern)

    def __str__(self) -> str:
        head = self.name.text
        if self.pattern is not None:
            head += ":[" + ", ".join(str(e) for e in self.pattern) + "]"
        body = " -> ".join(s.text for s in self.steps)
        return f"{head} = {body};" if body else f"{head} = ;"


@dataclass(frozen=True)
class Source(Relocatable):
    """``source S => T;`` or ``source S {session: F} => T;``"""

    node: Name
    target: Name
    session: Name | None
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        session = f" {{session: {self.session}}}" if self.session else ""
        return f"source {self.node}{session} => {self.target};"


@dataclass(frozen=True)
class Typedef(Relocatable):
    """``typedef t F;`` — predicate type t decided by C function F."""

    type: Name
    predicate: Name
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"typedef {self.type} {self.predicate};"


@dataclass(frozen=True)
class Handler(Relocatable):
    """``handle error N => H;``"""

    node: Name
    function: Name
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"handle error {self.node} => {self.function};"


@dataclass(frozen=True)
class Constraint(Relocatable):
    """One element of an atomic set: ``c``, ``c?``, ``c!``, ``c(session)``, ``c?(program)``."""

    name: Name
    mode: Mode
    scope: Scope
    explicit_scope: bool
    span: Span = field(compare=False)
    explicit_writer: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        text = self.name.text + ("?" if self.mode == "read" else "")
        return text + (f"({self.scope})" if self.explicit_scope else "")


@dataclass(frozen=True)
class Atomic(Relocatable):
    """``atomic N:{c1, c2?, …};``"""

    node: Name
    constraints: tuple[Constraint, ...]
    span: Span = field(compare=False)
    doc: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"atomic {self.node}:{{" + ", ".join(str(c) for c in self.constraints) + "};"


Declaration = Signature | FlowDef | Source | Typedef | Handler | Atomic


@dataclass(frozen=True)
class Program(Deferred):
    """Every declaration of a file, in source order."""

    declarations: tuple[Declaration, ...]

    def of(self, kind: type) -> tuple:  # type: ignore[type-arg]
        return tuple(d for d in self.declarations if isinstance(d, kind))

    @cached_property
    def signatures(self) -> tuple[Signature, ...]:
        return self.of(Signature)

    @cached_property
    def flows(self) -> tuple[FlowDef, ...]:
        return self.of(FlowDef)

    @cached_property
    def sources(self) -> tuple[Source, ...]:
        return self.of(Source)

    @cached_property
    def typedefs(self) -> tuple[Typedef, ...]:
        return self.of(Typedef)

    @cached_property
    def handlers(self) -> tuple[Handler, ...]:
        return self.of(Handler)

    @cached_property
    def atomics(self) -> tuple[Atomic, ...]:
        return self.of(Atomic)

    def __str__(self) -> str:
        return "".join(f"{d}\n" for d in self.declarations)
