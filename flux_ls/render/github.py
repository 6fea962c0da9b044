"""``--format github``: GitHub Actions workflow commands that annotate the pull request.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=flux (FLX201)::message`` per
diagnostic (``::warning`` and ``::notice`` for the other severities). Related locations are
appended to the message as ``path:line:col: note: …`` lines. Escaping follows the runner's
rules: ``%``, CR and LF in the message; also ``:`` and ``,`` in property values.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic
from .report import FileReport, by_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(report: FileReport, diagnostic: Diagnostic) -> str:
    lines = [diagnostic.message]
    for related in diagnostic.related:
        where = report.location(related.span)
        lines.append(f"{report.path}:{where.line}:{where.column}: note: {related.message}")
    if diagnostic.hint:
        lines.append(f"help: {diagnostic.hint}")
    return "\n".join(lines)


def annotation(report: FileReport, diagnostic: Diagnostic) -> str:
    where = report.location(diagnostic.span)
    properties = {
        "file": report.path, "line": where.line, "col": where.column,
        "endLine": where.end_line, "endColumn": where.end_column,
        "title": f"flux ({diagnostic.code})",
    }
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    command = COMMANDS.get(diagnostic.severity, "warning")
    return f"::{command} {props}::{escape_data(_message(report, diagnostic))}"


def render_github(reports: Sequence[FileReport]) -> str:
    return "".join(annotation(report, diagnostic) + "\n"
                   for report in by_path(reports) for diagnostic in report.diagnostics)
