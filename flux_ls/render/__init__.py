"""Renderers of diagnostics: terminal text, JSON (docs/language.md#machine-readable-output),
SARIF 2.1.0, GitHub.

Every renderer is a pure function from a sequence of ``FileReport`` (a path, the file's
``LineIndex`` and its diagnostics, usually taken from an ``Analysis``) to a string. They do
no IO and never re-derive anything: positions come from ``report.location``, rule metadata
from ``codes.CODES``. The language server reuses ``report.location`` for its ranges.
"""

from __future__ import annotations

from .report import FileReport, Location, location

__all__ = ["FileReport", "Location", "location"]
