"""``--format sarif``: SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure).

One run whose driver lists a rule for every code of ``codes.CODES`` (id, name, short and
full description, help URI, default level), and one result per diagnostic with its rule
index, level, message (with the hint, as ``help: …`` on a line of its own), primary location,
related locations and fixes (the quick fixes of ``flux_ls.fixes``, as artifact changes).
Relative paths become relative URIs against ``%SRCROOT%``; absolute paths become ``file://``
URIs. Columns are Unicode code points (``columnKind``), the end column one past the last
character.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..codes import CODES, Code
from ..diagnostics import Diagnostic, Fix
from ..model import Span
from .report import FileReport, by_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
RULE_IDS = list(CODES)


def _text(text: str) -> dict[str, str]:
    return {"text": text}


def rule(code: Code) -> dict[str, Any]:
    return {
        "id": code.code,
        "name": code.name,
        "shortDescription": _text(code.summary),
        "fullDescription": _text(code.explanation),
        "help": _text(code.explanation),
        "defaultConfiguration": {"level": LEVELS[code.severity]},
    }


def artifact_location(path: str) -> dict[str, str]:
    """A relative URI against %SRCROOT% for a relative path, a file:// URI otherwise."""
    if os.path.isabs(path):
        return {"uri": "file://" + quote(path.replace(os.sep, "/"))}
    return {"uri": quote(path.replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}


def _physical(report: FileReport, span: Span) -> dict[str, Any]:
    where = report.location(span)
    region = {"startLine": where.line, "startColumn": where.column,
              "endLine": where.end_line, "endColumn": where.end_column}
    return {"physicalLocation": {"artifactLocation": artifact_location(report.path),
                                 "region": region}}


def result(report: FileReport, diagnostic: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": diagnostic.code}
    if diagnostic.code in CODES:
        out["ruleIndex"] = RULE_IDS.index(diagnostic.code)
    out["level"] = LEVELS.get(diagnostic.severity, "warning")
    message = diagnostic.message + (f"\nhelp: {diagnostic.hint}" if diagnostic.hint else "")
    out["message"] = _text(message)
    out["locations"] = [_physical(report, diagnostic.span)]
    related = [{"id": i, **_physical(report, r.span), "message": _text(r.message)}
               for i, r in enumerate(diagnostic.related)]
    if related:
        out["relatedLocations"] = related
    if diagnostic.fixes:
        out["fixes"] = [_fix(report, fix) for fix in diagnostic.fixes]
    return out


def _fix(report: FileReport, fix: Fix) -> dict[str, Any]:
    """A SARIF fix: one artifact change whose replacements are the fix's edits."""
    replacements = []
    for edit in fix.edits:
        region = _physical(report, edit.span)["physicalLocation"]["region"]
        replacements.append({"deletedRegion": region,
                             "insertedContent": _text(edit.text)})
    return {"description": _text(fix.title),
            "artifactChanges": [{"artifactLocation": artifact_location(report.path),
                                 "replacements": replacements}]}


def sarif_log(reports: Sequence[FileReport]) -> dict[str, Any]:
    driver = {"name": "flux", "version": __version__,
              "rules": [rule(code) for code in CODES.values()]}
    results = [result(report, diagnostic)
               for report in by_path(reports) for diagnostic in report.diagnostics]
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(reports: Sequence[FileReport]) -> str:
    return json.dumps(sarif_log(reports), indent=2, ensure_ascii=False) + "\n"
