"""Expected diagnostics written in a Flux program's own comments.

A line comment on the offending line names what the checker must report there:
``atomic D:{x};  // warning[FLX603]`` or ``A = B;  // error[FLX101] warning[FLX105]``.
Any text may follow the markers (``// warning[FLX603]: x elevated to C``). Markers inside
``/* … */`` comments are prose, not expectations. Flux has no string literals, so a ``//``
outside a block comment always starts a comment.
"""

from __future__ import annotations

import re

Expectation = tuple[str, str, int]  # (severity, code, 1-based line)

MARKER = re.compile(r"\b(error|warning|info)\[(FLX\d{3})\]")
# A block comment (possibly unterminated) is consumed whole so that `//` inside it is skipped.
_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)|//[^\r\n]*", re.DOTALL)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_comments(text: str) -> list[tuple[int, str]]:
    """Every ``//`` comment of ``text`` with its 1-based line number (lines end at LF, CRLF
    or a lone CR, as ``flux check`` counts them)."""
    found = []
    for match in _COMMENT.finditer(text):
        if match.group().startswith("//"):
            found.append((len(_LINE_BREAK.findall(text, 0, match.start())) + 1, match.group()))
    return found


def expected_diagnostics(text: str) -> set[Expectation]:
    """The (severity, code, line) triples that ``text``'s comments say must be reported."""
    return {(severity, code, line)
            for line, comment in line_comments(text)
            for severity, code in MARKER.findall(comment)}
