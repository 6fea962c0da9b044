"""Differential test: random edit sequences over LSP against ``flux check`` on the same text.

Hypothesis draws a starting program and a sequence of edits (insertions, deletions and
replacements of Flux tokens, line breaks and non-ASCII text, anywhere, across lines). Each
edit goes to the server as an incremental change in the client's position encoding; after
every change the server's diagnostics must equal what ``flux check --format json`` reports
for the text the client now holds (computed in-process with the same renderer). At the end
of each sequence the server's formatting must equal ``format_text`` of that text (comments
are kept verbatim, so one wrong byte inside a comment shows) and the real ``flux check``
process is asked too. Any mistake in unit conversion, byte splicing or incremental
re-parsing shows up as a difference. Derandomized, so CI runs the same examples each time.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsp_support import (
    CLEAN,
    EXAMPLES,
    RecordingClient,
    actual_diagnostics,
    change,
    close_doc,
    diagnostics_of,
    expected_diagnostics,
    formatted_by_server,
    formatted_here,
    lsp_lines,
    open_doc,
    position_of,
    serving,
    units,
)
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

UNICODE = """\
/* é🎉 */ Listen () => (int socket); /* 🎉🎉 */ Read (int socket) => (int socket, bool close);
Reply (int socket, bool close) => (); // naïve 漢字
/*🎉*/Serve (int socket) => ();/*é*/source Listen => Serve;
/* 🎉 */ Serve = Read -> Reply; /* 🎉 */ atomic Read:{x?};
"""
STARTS = [UNICODE, UNICODE.replace("\n", "\r\n"), CLEAN, "",
          (EXAMPLES / "deadlock" / "deadlock.flux").read_text(encoding="utf-8")]
PIECES = ["Listen", "Read", "Reply", "Serve", "Sink", " ", "\n", "\r\n", "\r", ";", "->", "=>", "(",
          ")", "int socket", ", ", "source ", "=", ":", "[_]", "{x?}", "atomic ", "typedef t F;",
          "// é\n", "/* 🎉 */", "é", "🎉", "漢", "bool close", "handle error ", "_"]
SETUPS = [("visual-studio-code", "utf-16"), ("neovim", "utf-8")]
uris = itertools.count()


def _not_in_crlf(text: str, index: int) -> int:
    """``index``, or the one before it if it falls between the two characters of a CRLF:
    LSP has no position there (an editor never sends one)."""
    return index - 1 if text[index - 1:index + 1] == "\r\n" else index


@st.composite
def edits(draw: st.DrawFn, text: str) -> tuple[int, int, str]:
    """(start, end, replacement) in code points of ``text``."""
    start = _not_in_crlf(text, draw(st.integers(0, len(text))))
    end = draw(st.integers(start, min(len(text), start + 12)))
    end = max(start, _not_in_crlf(text, end))
    new = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3)))
    return start, end, new


@st.composite
def scripts_from_start(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = first = draw(st.sampled_from(STARTS))
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        step = draw(edits(text))
        steps.append(step)
        text = text[:step[0]] + step[2] + text[step[1]:]
    return first, steps


class Session:
    def __init__(self, client: RecordingClient, encoding: str) -> None:
        self.client, self.encoding = client, encoding


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=SETUPS,
                        ids=[c for c, _ in SETUPS])
async def session(request: pytest.FixtureRequest) -> AsyncIterator[Session]:
    name, encoding = request.param
    async with serving(name, encoding) as client:
        yield Session(client, encoding)


def flux_check(text: str) -> list[tuple[str, int, int, int, int]]:
    done = subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "check", "--format",
                           "json", "--stdin-filename", "x.flux", "-"],
                          input=text.encode("utf-8"), capture_output=True, check=False,
                          timeout=60)
    assert done.returncode in (0, 1), done.stderr
    return sorted((d["code"], d["line"], d["column"], d["end_line"], d["end_column"])
                  for d in json.loads(done.stdout))


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(script=scripts_from_start())
async def test_server_diagnostics_equal_flux_check_after_every_edit(
        session: Session, script: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, steps = script
    client, encoding = session.client, session.encoding
    uri = f"file:///differential/{next(uris)}.flux"
    open_doc(client, uri, text)
    try:
        for version, (begin, end, new) in enumerate(steps, 2):
            rng = types.Range(start=position_of(text, begin, encoding),
                              end=position_of(text, end, encoding))
            change(client, uri, version, types.TextDocumentContentChangePartial(range=rng,
                                                                                text=new))
            text = text[:begin] + new + text[end:]
            items = await diagnostics_of(client, uri, version)
            assert actual_diagnostics(items) == expected_diagnostics(text, encoding), text
        assert await formatted_by_server(client, uri, text, encoding) == formatted_here(text)
    finally:
        close_doc(client, uri)
    lines = lsp_lines(text)  # flux check counts lines as LSP does (\n, \r\n, \r)
    from_server = sorted(
        (str(d.code), d.range.start.line + 1, _column(lines, d.range.start, encoding),
         d.range.end.line + 1, _column(lines, d.range.end, encoding)) for d in items)
    assert from_server == flux_check(text)


def _column(lines: list[str], position: types.Position, encoding: str) -> int:
    """1-based code-point column of an LSP position (for comparing with ``flux check``)."""
    line = lines[position.line]
    count, chars = 0, 0
    while count < position.character:
        count += units(line[chars], encoding)
        chars += 1
    return chars + 1
