"""Code actions: the quick fixes of ``flux_ls.fixes`` as editor actions.

``code_actions(analysis, start, end, diagnostics=None)`` returns the quick fixes for the
diagnostics of ``analysis`` that the client sent (matched by code and byte span; None: every
diagnostic touching ``[start, end]``). Each action is a title, an LSP code-action kind
(``quickfix``), byte edits of ``analysis.data`` and the diagnostic it fixes. The fixes
themselves are made in one place, ``flux_ls.fixes`` (``diagnostics.Fix`` data), which the CLI
renders too (``flux check --format json``), so the editor and the CLI offer the same ones.
(The language server's "Format document" source action is its own: ``lsp/actions.py``.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..analysis import Analysis
from ..diagnostics import Diagnostic, Fix
from ..fixes import fixes

__all__ = ["CodeAction", "TextEdit", "apply_edits", "code_actions", "quick_fixes"]

QUICKFIX = "quickfix"


@dataclass(frozen=True)
class TextEdit:
    """Replace UTF-8 bytes ``[start, end)`` of the document with ``new_text``."""

    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class CodeAction:
    title: str
    kind: str                                   # "quickfix"
    edits: tuple[TextEdit, ...]
    diagnostic: Diagnostic
    is_preferred: bool = False


def apply_edits(data: bytes, edits: Iterable[TextEdit]) -> bytes:
    """``data`` with non-overlapping ``edits`` (all against ``data``) applied."""
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        data = data[:e.start] + e.new_text.encode("utf-8") + data[e.end:]
    return data


def action(fix: Fix, diagnostic: Diagnostic) -> CodeAction:
    """A quick fix as a code action for ``diagnostic``."""
    edits = tuple(TextEdit(e.span.start, e.span.end, e.text) for e in fix.edits)
    return CodeAction(fix.title, QUICKFIX, edits, diagnostic, fix.preferred)


def quick_fixes(analysis: Analysis, diagnostic: Diagnostic) -> list[CodeAction]:
    """The quick fixes for one diagnostic of ``analysis``."""
    return [action(fix, diagnostic) for fix in fixes(analysis, diagnostic)]


#: A diagnostic as the client sends it back: (code, start byte, end byte).
DiagnosticRef = tuple[str, int, int]


def code_actions(analysis: Analysis, start: int, end: int,
                 diagnostics: Iterable[DiagnosticRef] | None = None) -> list[CodeAction]:
    """Quick fixes for the given diagnostics (or those touching ``[start, end]``)."""
    if diagnostics is None:
        chosen = [d for d in analysis.diagnostics if d.span.start <= end and start <= d.span.end]
    else:
        refs = set(diagnostics)
        chosen = [d for d in analysis.diagnostics
                  if (d.code, d.span.start, d.span.end) in refs]
    actions: list[CodeAction] = []
    for diag in chosen:
        actions += quick_fixes(analysis, diag)
    return actions
