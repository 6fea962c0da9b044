"""``--format json``: the output contract of docs/language.md#machine-readable-output.

One JSON array, sorted by path then position. Each element has ``path``, ``line``,
``column``, ``end_line``, ``end_column`` (1-based, columns in code points, the end column one
past the last character), ``severity``, ``code``, ``message`` and ``related`` (objects with
``path``, ``line``, ``column``, ``end_line``, ``end_column``, ``message``). Added fields:
``name`` of the code, ``hint`` (or null) and ``fixes``: the quick fixes the
language server offers too (``flux_ls.fixes``), each with its ``title``, ``preferred`` (the one
to apply unattended) and ``edits`` (each with its range and replacement ``content``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..codes import CODES
from ..diagnostics import Diagnostic, Fix
from ..model import Span
from .report import FileReport, by_path


def _range(report: FileReport, span: Span) -> dict[str, Any]:
    where = report.location(span)
    return {"line": where.line, "column": where.column,
            "end_line": where.end_line, "end_column": where.end_column}


def _fix(report: FileReport, fix: Fix) -> dict[str, Any]:
    edits = [{**_range(report, edit.span), "content": edit.text} for edit in fix.edits]
    return {"title": fix.title, "preferred": fix.preferred, "edits": edits}


def diagnostic_object(report: FileReport, diagnostic: Diagnostic) -> dict[str, Any]:
    """The JSON object of one diagnostic (key order is part of the golden files)."""
    code = CODES.get(diagnostic.code)
    related = [{"path": report.path, **_range(report, r.span), "message": r.message}
               for r in diagnostic.related]
    return {
        "path": report.path,
        **_range(report, diagnostic.span),
        "severity": diagnostic.severity,
        "code": diagnostic.code,
        "message": diagnostic.message,
        "related": related,
        "name": code.name if code else None,
        "hint": diagnostic.hint,
        "fixes": [_fix(report, fix) for fix in diagnostic.fixes],
    }


def render_json(reports: Sequence[FileReport]) -> str:
    """The JSON array (with a final newline); ``[]`` when there is nothing to report."""
    objects = [diagnostic_object(report, diagnostic)
               for report in by_path(reports) for diagnostic in report.diagnostics]
    if not objects:
        return "[]\n"
    return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
