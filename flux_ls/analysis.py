"""``analyze(text, path)``: the single entry point every front end calls.

parse (tree-sitter) → syntax diagnostics → lower to the model → checks (names, types,
sources, dispatch, handlers, constraints) → ``Analysis``. It never raises on any input: an
exception inside a check is a bug in us, reported as an internal diagnostic rather than a
crash, so an editor or a CI job always gets an answer.
"""

from __future__ import annotations

import gc
import traceback
from dataclasses import dataclass, field
from functools import cached_property

from . import checks
from .diagnostics import Diagnostic
from .model import Program, Span
from .semantics import Semantics
from .syntax.errors import syntax_diagnostics
from .syntax.lower import lower
from .syntax.parse import SyntaxTree, parse
from .text import LineIndex


@dataclass(frozen=True, eq=False)
class Analysis:
    path: str
    syntax: SyntaxTree
    program: Program
    semantics: Semantics
    diagnostics: tuple[Diagnostic, ...]
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def data(self) -> bytes:
        return self.syntax.data

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.syntax.data)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)


def _sorted(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(sorted(diagnostics, key=lambda d: (d.span.start, d.span.end, d.code)))


def analyze(text: str | bytes, path: str = "<stdin>", syntax: SyntaxTree | None = None) -> Analysis:
    """Analyse one Flux file. Pass ``syntax`` to reuse an (incrementally) re-parsed tree."""
    collecting = gc.isenabled()
    gc.disable()  # analysis allocates many small acyclic objects: collections only cost time
    try:
        return _analyze(text, path, syntax)
    finally:
        if collecting:
            gc.enable()


def _analyze(text: str | bytes, path: str, syntax: SyntaxTree | None) -> Analysis:
    if syntax is None:
        syntax = parse(text)
    diagnostics = syntax_diagnostics(syntax)
    program = lower(syntax)
    try:
        semantics, found = checks.run(program, bool(diagnostics))
    except Exception:  # a bug in a check must not take the editor or CI down with it
        semantics, found = Semantics(), [_internal_error()]
    diagnostics.extend(found)
    return Analysis(path, syntax, program, semantics, _sorted(diagnostics))


def _internal_error() -> Diagnostic:
    where = traceback.format_exc().strip().splitlines()[-1]
    return Diagnostic("FLX000", f"internal error in the checker ({where}); please report it",
                      Span(0, 0), severity="error")
