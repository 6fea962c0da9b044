"""Plain text from the Markdown the editor features write, for clients that take no Markdown
(Emacs/Eglot declares hover ``contentFormat: ["plaintext"]``).

``plain_text(markdown)`` renders the subset ``flux_ls.ide`` produces: a fenced code block
becomes its lines indented by four spaces; ``**bold**`` and `` `code` `` lose their marks;
``[text](url)`` becomes ``text <url>``; ``\\`` escapes are dropped. Text inside code spans
and blocks is kept verbatim (``char **argv`` stays as written).
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_INLINE = re.compile(r"(`+)(.+?)\1|\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|\\([\\`*_\[\]#])")


def _inline(match: re.Match[str]) -> str:
    code, bold, link, url, escaped = match.group(2, 3, 4, 5, 6)
    if code is not None:
        return code.strip() if code.strip() else code
    if bold is not None:
        return _INLINE.sub(_inline, bold)
    if link is not None:
        return f"{link} <{url}>"
    return escaped or ""


def plain_text(markdown: str) -> str:
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
            continue
        if fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip(fence[0]
                                                                               ).strip():
                fence = None
            else:
                out.append(("    " + line).rstrip())
            continue
        out.append(_INLINE.sub(_inline, line))
    return "\n".join(out)
