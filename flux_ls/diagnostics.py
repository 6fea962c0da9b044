"""Diagnostics as data: code, severity, message, primary span, related spans, fixes.

Rendering happens only at the edges (``flux_ls.render`` for the CLI, ``lsp.convert`` for the
language server). Spans are byte offsets into the analysed text; ``text.LineIndex`` turns
them into lines and columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .codes import CODES, Severity
from .model import Span


@dataclass(frozen=True)
class Related:
    span: Span
    message: str


@dataclass(frozen=True)
class Edit:
    """Replace the bytes of ``span`` with ``text``."""

    span: Span
    text: str


@dataclass(frozen=True)
class Fix:
    """A quick fix: edits of the analysed text (``flux_ls.fixes`` makes them); ``preferred``
    marks the one an editor may apply on its own ("fix all", LSP ``isPreferred``)."""

    title: str
    edits: tuple[Edit, ...]
    preferred: bool = False


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    span: Span
    related: tuple[Related, ...] = ()
    severity: Severity = field(default="error")
    hint: str | None = None
    fixes: tuple[Fix, ...] = ()

    @staticmethod
    def make(code: str, message: str, span: Span, related: tuple[Related, ...] = (),
             hint: str | None = None, fixes: tuple[Fix, ...] = ()) -> Diagnostic:
        """A diagnostic with the registry's severity for ``code``."""
        return Diagnostic(code, message, span, related, CODES[code].severity, hint, fixes)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
