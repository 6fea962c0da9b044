"""``analyze(text, path)``: the single entry point every front end calls.

parse (tree-sitter) → lower to the model → syntax diagnostics → checks (names, types,
sources, dispatch, handlers, constraints) → ``Analysis``. It never raises on any input: an
exception inside a check is a bug in us, reported as an internal diagnostic rather than a
crash, so an editor or a CI job always gets an answer.

Incremental analysis: ``analyze(new_text, syntax=new_tree, previous=old_analysis)`` reuses
what an edit did not touch — the lowering of every top-level declaration whose text is
unchanged (``syntax.units.lower_units``) and the checks of every island of declarations the
edit left alone (``checks.islands``) — and gives exactly what a fresh ``analyze(new_text)``
gives: the same diagnostics in the same order, an equal program and equal semantics
(tests/test_incremental_analysis.py checks this over random edits). ``Program.declarations``
and most of ``Semantics`` are then built when first read: a keystroke's diagnostics need
neither, and most declarations only moved.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import cached_property

from .checks.islands import Checked, check_program
from .diagnostics import Diagnostic
from .model import Program, Span
from .semantics import Semantics
from .syntax.errors import syntax_diagnostics
from .syntax.parse import SyntaxTree, parse
from .syntax.units import Lowered, lower_units
from .text import LineIndex


@dataclass(frozen=True, eq=False)
class _Reusable:
    """What an analysis leaves for the analysis of the next version of its text."""

    lowered: Lowered
    checked: Checked | None  # None after an internal error


@dataclass(frozen=True, eq=False)
class Analysis:
    path: str
    syntax: SyntaxTree
    program: Program
    semantics: Semantics
    diagnostics: tuple[Diagnostic, ...]
    _cache: dict[str, object] = field(default_factory=dict, repr=False)
    _reusable: _Reusable | None = field(default=None, repr=False)

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


def analyze(text: str | bytes, path: str = "<stdin>", syntax: SyntaxTree | None = None,
            previous: Analysis | None = None) -> Analysis:
    """Analyse one Flux file. Pass ``syntax`` to reuse an (incrementally) re-parsed tree, and
    ``previous``, the analysis of an earlier version of the same document, to reuse what the
    edits since did not touch (the result is the same as without it, only sooner)."""
    collecting = gc.isenabled()
    gc.disable()  # analysis allocates many small acyclic objects: collections only cost time
    try:
        return _analyze(text, path, syntax, previous._reusable if previous else None)
    finally:
        if collecting:
            _freeze()
            gc.enable()


def _freeze() -> None:
    """Move the objects a large analysis allocated out of the collector's sight.

    With the collector paused, the analysis's objects (hundreds of thousands for a large
    file) pile up in the youngest generation; the first collection after it would scan them
    all, and they survive into older generations that later full collections scan again:
    stalls of 100 ms and more in the language server (bench/keystroke.py measures them).
    ``gc.freeze()`` moves them to the permanent generation instead, which collections skip.
    Reference counting still frees them when the analysis is dropped (an analysis forms no
    reference cycle; a test checks it). What freezing costs: garbage *cycles* of other code
    that are around at that moment are never collected, so small analyses (whose objects a
    collection scans in a few milliseconds) are not frozen, and after every few million
    frozen objects everything is handed back to the collector (``gc.unfreeze()``), whose
    next full collection reclaims such cycles.
    """
    global _frozen
    young = gc.get_count()[0]  # objects allocated (net) since the last collection
    if young < _FREEZE_FROM:
        return
    gc.freeze()
    _frozen += young
    if _frozen > _UNFREEZE_AFTER:
        gc.unfreeze()
        _frozen = 0


_FREEZE_FROM = 20_000
_UNFREEZE_AFTER = 5_000_000
_frozen = 0


def _analyze(text: str | bytes, path: str, syntax: SyntaxTree | None,
             reusable: _Reusable | None) -> Analysis:
    if syntax is None:
        syntax = parse(text)
    lowered = lower_units(syntax, reusable.lowered if reusable is not None else None)
    diagnostics = syntax_diagnostics(syntax, lowered)
    checked = reusable.checked if reusable is not None else None
    try:
        semantics, found, checked = check_program(lowered, bool(diagnostics), checked)
    except Exception:  # a bug in a check must not take the editor or CI down with it
        semantics, found, checked = Semantics(), [_internal_error()], None
    diagnostics.extend(found)
    return Analysis(path, syntax, lowered.program, semantics, _sorted(diagnostics),
                    _reusable=_Reusable(lowered, checked))


def _internal_error() -> Diagnostic:
    import traceback  # only ever needed here: not imported at start-up

    where = traceback.format_exc().strip().splitlines()[-1]
    return Diagnostic.make("FLX000", f"internal error in the checker ({where}); please report it",
                           Span(0, 0))
