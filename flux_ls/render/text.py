"""Terminal text: gcc-style ``path:line:col: severity: message [code]`` with source excerpts.

Each diagnostic prints its location line, the source line (a line longer than 120 code
points cut to a window around the range, the cuts marked ``...``) and carets under the primary
range, then every related location as a ``note:`` with its own excerpt, then its hint and
fix titles. Carets line up on screen: tabs expand to stops of 8, East Asian wide characters
take two cells, combining marks none, control characters show as one replacement cell.
Colour (ANSI) is the caller's choice; ``use_color`` implements the usual rules.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from ..diagnostics import Diagnostic
from ..model import Span
from .report import FileReport, by_path

TAB_STOP = 8
GUTTER = 5
MAX_SHOWN = 120   # a longer source line is shown as a window of this many code points
CONTEXT = 40      # of which this many before the start of the range
ELLIPSIS = "..."
_STYLES = {"error": "1;31", "warning": "1;33", "info": "1;36", "note": "1;36", "help": "1;36"}
_BOLD = "1"


def use_color(isatty: bool, environ: Mapping[str, str]) -> bool:
    """NO_COLOR (non-empty) wins, then FORCE_COLOR (non-empty), then a terminal that is not dumb."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return isatty and environ.get("TERM") != "dumb"


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{style}m{text}\x1b[0m" if color else text


def _cell(char: str) -> tuple[str, int]:
    """How one character is shown and how many terminal cells it takes (tabs excepted)."""
    if unicodedata.category(char) in ("Cc", "Cs", "Co"):
        return "\N{REPLACEMENT CHARACTER}", 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return char, 0
    return char, 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def layout(line: str) -> tuple[str, list[int]]:
    """The line as displayed and the display column where each code point starts.

    The list has one entry per code point plus one for the end of the line.
    """
    shown: list[str] = []
    starts: list[int] = []
    col = 0
    for char in line:
        starts.append(col)
        if char == "\t":
            width = TAB_STOP - col % TAB_STOP
            shown.append(" " * width)
        else:
            text, width = _cell(char)
            shown.append(text)
        col += width
    starts.append(col)
    return "".join(shown), starts


def carets(line: str, start: int, end: int) -> tuple[str, str]:
    """The displayed line and the caret line under code points ``start``..``end`` (exclusive).

    An empty or collapsed range gets one caret (a missing token is shown where it belongs).
    """
    shown, starts = layout(line)
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    pad = starts[start]
    width = max(1, starts[end] - pad)
    return shown, " " * pad + "^" * width


def clip(line: str, start: int, end: int) -> tuple[str, int, int]:
    """A long line cut to a window around code points ``start``..``end``, as rustc does:
    at most ``MAX_SHOWN`` code points, starting ``CONTEXT`` before ``start``, each cut
    marked ``...``; returns the text shown and the range moved into it (clipped to the
    window when it runs past its end). Short lines are returned whole."""
    if len(line) <= MAX_SHOWN:
        return line, start, end
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    left = max(0, min(start - CONTEXT, len(line) - MAX_SHOWN))
    right = min(len(line), left + MAX_SHOWN)
    head = ELLIPSIS if left else ""
    tail = ELLIPSIS if right < len(line) else ""
    shift = len(head) - left
    return head + line[left:right] + tail, start + shift, min(end, right) + shift


def _excerpt(report: FileReport, span: Span, style: str, color: bool) -> list[str]:
    lines = report.lines
    line, start = lines.position(span.start)
    end_line, end = lines.position(max(span.start, span.end))
    text = lines.line_text(line)
    if end_line != line:
        end = len(text)
    shown, marks = carets(*clip(text, start, end))
    number = str(line + 1).rjust(GUTTER)
    blank = " " * max(GUTTER, len(number))
    return [f"{number} | {shown}".rstrip(), f"{blank} | {_paint(marks, style, color)}"]


def _heading(report: FileReport, span: Span, label: str, message: str, color: bool) -> str:
    where = report.location(span)
    place = _paint(f"{report.path}:{where.line}:{where.column}:", _BOLD, color)
    return f"{place} {_paint(label + ':', _STYLES.get(label, _BOLD), color)} {message}"


def render_diagnostic(report: FileReport, diagnostic: Diagnostic, color: bool = False) -> str:
    """One diagnostic with its excerpt, notes, hint and fixes (no trailing newline)."""
    style = _STYLES.get(diagnostic.severity, _BOLD)
    message = f"{_paint(diagnostic.message, _BOLD, color)} [{diagnostic.code}]"
    out = [_heading(report, diagnostic.span, diagnostic.severity, message, color)]
    out += _excerpt(report, diagnostic.span, style, color)
    for related in diagnostic.related:
        out.append(_heading(report, related.span, "note", related.message, color))
        out += _excerpt(report, related.span, _STYLES["note"], color)
    # The hint says in words what a fix would do; without one, the fixes' titles say it.
    helps = [diagnostic.hint] if diagnostic.hint else [f.title for f in diagnostic.fixes]
    for text in helps:
        out.append(f"{'':>{GUTTER}} = {_paint('help:', _STYLES['help'], color)} {text}")
    return "\n".join(out)


def render_text(reports: Sequence[FileReport], color: bool = False) -> str:
    """All diagnostics of all files, sorted by path then position; '' when there are none."""
    blocks = [render_diagnostic(report, diagnostic, color)
              for report in by_path(reports) for diagnostic in report.diagnostics]
    return "".join(block + "\n" for block in blocks)
