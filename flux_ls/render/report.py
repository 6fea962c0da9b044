"""What every renderer consumes: one file's path, line index and diagnostics, and positions.

``location`` turns a byte span into 1-based line/column numbers with columns in Unicode code
points and an exclusive end (``end_column`` is one past the last character, as in ruff and
SARIF). ``counts`` and ``summary`` give the totals printed at the end of a text run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..model import Span
from ..text import LineIndex

if TYPE_CHECKING:
    from ..analysis import Analysis


@dataclass(frozen=True)
class Location:
    """A 1-based range: ``end_column`` is the column just past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int


def location(lines: LineIndex, span: Span) -> Location:
    start_line, start_col = lines.position(span.start)
    end_line, end_col = lines.position(max(span.start, span.end))
    return Location(start_line + 1, start_col + 1, end_line + 1, end_col + 1)


def _order(diagnostic: Diagnostic) -> tuple[int, int, str, str]:
    return diagnostic.span.start, diagnostic.span.end, diagnostic.code, diagnostic.message


@dataclass(frozen=True)
class FileReport:
    """The diagnostics of one file, in source order, with what is needed to place them."""

    path: str
    lines: LineIndex
    diagnostics: tuple[Diagnostic, ...]

    @staticmethod
    def of(analysis: Analysis) -> FileReport:
        """The report of an analysis: its diagnostics with their quick fixes (``fixes``, the
        ones the language server offers too)."""
        from ..fixes import with_fixes

        return FileReport.make(analysis.path, analysis.lines, with_fixes(analysis))

    @staticmethod
    def make(path: str, lines: LineIndex, diagnostics: Iterable[Diagnostic]) -> FileReport:
        return FileReport(path, lines, tuple(sorted(diagnostics, key=_order)))

    def location(self, span: Span) -> Location:
        return location(self.lines, span)


def by_path(reports: Iterable[FileReport]) -> list[FileReport]:
    """Reports sorted by path (the order of every rendering)."""
    return sorted(reports, key=lambda r: r.path)


def counts(reports: Iterable[FileReport]) -> dict[str, int]:
    """Number of diagnostics per severity."""
    found = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        for diagnostic in report.diagnostics:
            found[diagnostic.severity] = found.get(diagnostic.severity, 0) + 1
    return found


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def summary(reports: Sequence[FileReport]) -> str:
    """``Found 2 errors and 1 warning in 3 files.`` or ``All checks passed.``"""
    found = counts(reports)
    parts = [_plural(found["error"], "error")] if found["error"] else []
    if found["warning"]:
        parts.append(_plural(found["warning"], "warning"))
    if found["info"]:
        parts.append(_plural(found["info"], "info message"))
    if not parts:
        return "All checks passed."
    return f"Found {_join(parts)} in {_plural(len(reports), 'file')}."
