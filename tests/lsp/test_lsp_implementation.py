"""Go to the C implementation, and plain text for clients that take no Markdown.

A real ``flux-ls`` over stdio, on a copy of the bundled gameserver project (flux.toml beside
the program, gameserver.c as its source): ``textDocument/implementation`` on a node, a
predicate type, a handler and a session function lands on the C definition that the
tree-sitter C grammar finds; hover says ``file:line`` or that the function is missing, and
follows edits of the C file on disk. The client is Emacs 29's Eglot with hover restricted to
``plaintext`` (as Eglot 1.9 declares it), so hover and completion documentation must come as
real plain text.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from lsp_support import EXAMPLES, RecordingClient, ask, capabilities, open_doc, start, stop
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = (EXAMPLES / "gameserver" / "gameserver.flux").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("impl")
    for part in ("gameserver", "common"):  # its flux.toml includes ../common
        shutil.copytree(EXAMPLES / part, root / part)
    return root / "gameserver"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def eglot(project: Path) -> AsyncIterator[RecordingClient]:
    caps = capabilities("emacs")
    assert caps.text_document is not None and caps.text_document.hover is not None
    caps.text_document.hover.content_format = [types.MarkupKind.PlainText]  # Eglot 1.9
    client, _ = await start(caps, project)
    open_doc(client, (project / "gameserver.flux").as_uri(), PROGRAM)
    try:
        yield client
    finally:
        await stop(client)


def position(text: str, needle: str, inside: int = 1) -> types.Position:
    """The (line, character) of a byte ``inside`` the first ``needle`` (ASCII text)."""
    at = text.index(needle) + inside
    line = text.count("\n", 0, at)
    return types.Position(line=line, character=at - (text.rfind("\n", 0, at) + 1))


def c_definition(project: Path, pattern: str) -> tuple[int, int]:
    """(line, column) of the name in the one line of gameserver.c matching ``pattern``."""
    lines = (project / "gameserver.c").read_text(encoding="utf-8").splitlines()
    found = [(n, re.search(pattern, line)) for n, line in enumerate(lines)]
    hits = [(n, m.start(1)) for n, m in found if m]
    assert len(hits) == 1, hits
    return hits[0]


async def implementation(client: RecordingClient, project: Path, needle: str
                         ) -> list[types.Location] | None:
    doc = types.TextDocumentIdentifier(uri=(project / "gameserver.flux").as_uri())
    result: list[types.Location] | None = await ask(client.text_document_implementation_async(
        types.ImplementationParams(text_document=doc, position=position(PROGRAM, needle))))
    return result


async def hover_text(client: RecordingClient, project: Path, needle: str) -> str:
    doc = types.TextDocumentIdentifier(uri=(project / "gameserver.flux").as_uri())
    found = await ask(client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=position(PROGRAM, needle))))
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert found.contents.kind == types.MarkupKind.PlainText
    return str(found.contents.value)


# needle in the program -> the C definition's line (a regex whose group 1 is the name)
CASES = [
    ("Decode -> Handle", r"^int (Decode)\(Decode_in \*in"),               # node, in a flow
    ("ReceiveMessage () =>", r"^int (ReceiveMessage)\("),                  # node, signature
    ("join IsJoin", r"^bool (IsJoin)\("),                                  # predicate type
    ("IsJoin;", r"^bool (IsJoin)\("),                                      # predicate function
    ("ProtocolError;", r"^void (ProtocolError)\("),                        # error handler
    ("PlayerSession}", r"^uint64_t (PlayerSession)\("),                    # session function
]


@pytest.mark.parametrize(("needle", "pattern"), CASES)
async def test_implementation_jumps_to_the_c_definition(
        eglot: RecordingClient, project: Path, needle: str, pattern: str) -> None:
    found = await implementation(eglot, project, needle)
    line, column = c_definition(project, pattern)
    assert found is not None and len(found) == 1
    assert found[0].uri == (project / "gameserver.c").as_uri()
    assert (found[0].range.start.line, found[0].range.start.character) == (line, column)
    name = re.search(r"\((\w+)\)", pattern)
    assert name is not None
    assert found[0].range.end.character == column + len(name.group(1))


async def test_implementation_of_an_abstract_node_is_nothing(
        eglot: RecordingClient, project: Path) -> None:
    assert not await implementation(eglot, project, "Message = Decode")


async def test_hover_says_where_and_follows_the_c_file(
        eglot: RecordingClient, project: Path) -> None:
    line, _ = c_definition(project, r"^int (Decode)\(")
    text = await hover_text(eglot, project, "Decode -> Handle")
    assert f"implemented in C at gameserver.c:{line + 1}" in text
    source = project / "gameserver.c"
    original = source.read_text(encoding="utf-8")
    try:  # rename the definition on disk: the server reads the C file again
        source.write_text(original.replace("int Decode(Decode_in", "int Decoded(Decode_in"),
                          encoding="utf-8")
        text = await hover_text(eglot, project, "Decode -> Handle")
        assert "not implemented: no C source of the manifest defines Decode " \
               "(sources: gameserver.c)" in text
        assert await implementation(eglot, project, "Decode -> Handle") == []
    finally:
        source.write_text(original, encoding="utf-8")
    assert await implementation(eglot, project, "Decode -> Handle")


async def test_plain_text_hover_has_no_markdown(eglot: RecordingClient, project: Path) -> None:
    text = await hover_text(eglot, project, "Decode -> Handle")
    assert "```" not in text and "**" not in text and "`" not in text
    # code blocks become indented lines, the pointer stars of C stay
    assert "\n    int Decode(Decode_in *in, Decode_out *out);\n" in text
    assert "concrete node: you write in C" in text


# pytest-lsp warns about any format the client did not list; plain text is what it can show
@pytest.mark.filterwarnings("ignore:Client does not support documentation format")
async def test_completion_documentation_is_plain_without_a_declared_format(
        eglot: RecordingClient, project: Path) -> None:
    doc = types.TextDocumentIdentifier(uri=(project / "gameserver.flux").as_uri())
    result = await ask(eglot.text_document_completion_async(types.CompletionParams(
        text_document=doc, position=position(PROGRAM, "Decode -> Handle", 0))))
    items = result.items if isinstance(result, types.CompletionList) else result
    docs = [i.documentation for i in items if i.label == "Decode"]
    assert docs and isinstance(docs[0], types.MarkupContent)
    assert docs[0].kind == types.MarkupKind.PlainText
    assert "```" not in docs[0].value and "**" not in docs[0].value
    assert docs[0].value.startswith("concrete node\n\nDecodes the text command")
