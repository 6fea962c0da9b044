"""Incremental text sync in every position encoding, with non-ASCII text.

One server per (editor, encoding): VS Code counting UTF-16 code units (push diagnostics),
Neovim counting UTF-8 bytes and code points (pull diagnostics). Documents hold accented
letters and astral emoji (two UTF-16 units, four UTF-8 bytes) before the places edited, so
a server that confused units would splice the wrong bytes. After each change the server's
copy is observed two ways: its diagnostics must equal ``flux check``'s on the text the
client holds (ranges converted by the test's own code), and its formatting edits, applied
by the test, must give what ``format_text`` gives for that text.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from lsp_support import (
    RecordingClient,
    actual_diagnostics,
    change,
    diagnostics_of,
    expected_diagnostics,
    formatted_by_server,
    formatted_here,
    open_doc,
    position_of,
    serving,
)
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

SETUPS = [("visual-studio-code", "utf-16"), ("neovim", "utf-8"), ("neovim", "utf-32")]

TEXT = """\
/* é🎉 café */ Listen () => (int socket);
Read (int socket) => (int socket, bool close); // naïve 🎉🎉 parser
Reply (int socket, bool close) => ();
Serve (int socket) => ();
source Listen => Serve; /* 漢字 */
/* 🎉 */ Serve = Read -> Reply;
"""


class Session:
    def __init__(self, client: RecordingClient, encoding: str) -> None:
        self.client, self.encoding = client, encoding
        self.count = 0

    def new_uri(self) -> str:
        self.count += 1
        return f"file:///sync/doc{self.count}.flux"

    async def check(self, uri: str, version: int, text: str) -> None:
        """The server's copy of ``uri`` at ``version`` is ``text``."""
        items = await diagnostics_of(self.client, uri, version)
        assert actual_diagnostics(items) == expected_diagnostics(text, self.encoding)
        assert await formatted_by_server(self.client, uri, text, self.encoding) \
            == formatted_here(text)


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=SETUPS,
                        ids=[f"{c}-{e}" for c, e in SETUPS])
async def session(request: pytest.FixtureRequest) -> AsyncIterator[Session]:
    name, encoding = request.param
    async with serving(name, encoding) as client:
        yield Session(client, encoding)


def replace(text: str, old: str, new: str, encoding: str, nth: int = 0
            ) -> tuple[str, types.TextDocumentContentChangePartial]:
    """The change replacing the ``nth`` occurrence of ``old``, and the text after it."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(old, index + 1)
    rng = types.Range(start=position_of(text, index, encoding),
                      end=position_of(text, index + len(old), encoding))
    return (text[:index] + new + text[index + len(old):],
            types.TextDocumentContentChangePartial(range=rng, text=new))


async def test_open_and_edit_after_non_ascii_text(session: Session) -> None:
    uri, text = session.new_uri(), TEXT
    open_doc(session.client, uri, text)
    await session.check(uri, 1, text)
    text, edit = replace(text, "Reply;", "Replies;", session.encoding)  # after an emoji
    change(session.client, uri, 2, edit)
    await session.check(uri, 2, text)
    text, edit = replace(text, "parser", "lexer 🎉", session.encoding)  # after two emoji
    change(session.client, uri, 3, edit)
    await session.check(uri, 3, text)
    text, edit = replace(text, "Reply (", "Replies (", session.encoding)  # defined again
    change(session.client, uri, 4, edit)
    await session.check(uri, 4, text)


async def test_several_changes_in_one_notification_apply_in_order(session: Session) -> None:
    uri, text = session.new_uri(), TEXT
    open_doc(session.client, uri, text)
    edits = []
    for old, new in (("é🎉", "🎉é🎉"), ("Serve = Read", "Serve = Read -> Read"),
                     ("(int socket);\nRead", "(int socket);\n\nRead"), ("漢字", "")):
        text, edit = replace(text, old, new, session.encoding)
        edits.append(edit)
    change(session.client, uri, 2, *edits)
    await session.check(uri, 2, text)


async def test_edits_across_lines_and_at_the_end(session: Session) -> None:
    uri, text = session.new_uri(), TEXT
    open_doc(session.client, uri, text)
    text, first = replace(text, "parser\nReply (int socket, bool close) => ();\n", "\n",
                          session.encoding)
    end = position_of(text, len(text), session.encoding)
    second = types.TextDocumentContentChangePartial(
        range=types.Range(start=end, end=end), text="Reply (int socket, bool close) => ();")
    text += "Reply (int socket, bool close) => ();"
    change(session.client, uri, 2, first, second)
    await session.check(uri, 2, text)


async def test_full_document_changes(session: Session) -> None:
    uri, text = session.new_uri(), TEXT
    open_doc(session.client, uri, text)
    text = TEXT.replace("🎉", "🎉🎉").replace("Reply", "Answer")
    change(session.client, uri, 2, types.TextDocumentContentChangeWholeDocument(text=text))
    await session.check(uri, 2, text)
    text = ""
    change(session.client, uri, 3, types.TextDocumentContentChangeWholeDocument(text=text))
    await session.check(uri, 3, text)


async def test_crlf_documents(session: Session) -> None:
    uri, text = session.new_uri(), TEXT.replace("\n", "\r\n")
    open_doc(session.client, uri, text)
    await session.check(uri, 1, text)
    text, edit = replace(text, "Reply;", "Nope;", session.encoding)
    change(session.client, uri, 2, edit)
    await session.check(uri, 2, text)
    text, edit = replace(text, "\r\nReply", "\r\n\r\nReply", session.encoding)
    change(session.client, uri, 3, edit)
    await session.check(uri, 3, text)


async def test_out_of_range_positions_are_clamped(session: Session) -> None:
    uri, text = session.new_uri(), "Listen () => (int socket);\n"
    open_doc(session.client, uri, text)
    past_line_end = types.Position(line=0, character=500)
    past_the_end = types.Position(line=99, character=3)
    change(session.client, uri, 2,
           types.TextDocumentContentChangePartial(
               range=types.Range(start=past_line_end, end=past_line_end), text=" // x"),
           types.TextDocumentContentChangePartial(
               range=types.Range(start=past_the_end, end=past_the_end), text="Oops"))
    text = "Listen () => (int socket); // x\nOops"
    await session.check(uri, 2, text)
