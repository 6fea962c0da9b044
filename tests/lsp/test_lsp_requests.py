"""Formatting, code actions, the flow graph (request and command) and cancellation.

All through a real server with VS Code's and Neovim's capabilities. Results are checked
against the core: formatting against ``format_text``, the flow graph against
``graph_render.graph_json`` of the same analysis, with ranges converted by the test.
"""

from __future__ import annotations

import asyncio
import shutil
import uuid
from typing import Any

import pytest
from lsp_support import (
    CLEAN,
    EXAMPLES,
    RecordingClient,
    apply_edits,
    ask,
    capabilities,
    change,
    client_encoding,
    diagnostics_of,
    edit,
    formatted_by_server,
    fresh,
    open_doc,
    plain,
    position_of,
    start,
    stop,
)
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from flux_ls.analysis import analyze
from flux_ls.fmt import format_text
from flux_ls.graph import build, subgraph
from flux_ls.graph_render import graph_json

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSY = "Listen ()=>( int socket ) ;\n\n\n\nSink(int socket)=>();\nsource Listen=>Sink;\n"
IMAGE = (EXAMPLES / "imageserver" / "imageserver.flux").read_text(encoding="utf-8")


def doc_id(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def code_actions(client: RecordingClient, uri: str, rng: types.Range,
                       only: list[str] | None = None,
                       diagnostics: list[types.Diagnostic] | None = None
                       ) -> list[types.CodeAction]:
    result = await ask(client.text_document_code_action_async(
        types.CodeActionParams(text_document=doc_id(uri), range=rng,
                               context=types.CodeActionContext(diagnostics=diagnostics or [],
                                                               only=only))))
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


# -- formatting --------------------------------------------------------------------------------

async def test_formatting_gives_what_flux_fmt_gives(client: RecordingClient) -> None:
    uri = fresh("requests", "messy.flux")
    open_doc(client, uri, MESSY + "// é🎉\n")
    result = await formatted_by_server(client, uri, MESSY + "// é🎉\n", client_encoding(client))
    assert result == format_text(MESSY + "// é🎉\n")
    formatted = format_text(IMAGE)
    uri2 = fresh("requests", "clean.flux")
    open_doc(client, uri2, formatted)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=doc_id(uri2), options=types.FormattingOptions(tab_size=4,
                                                                    insert_spaces=True)))
    assert edits is not None and list(edits) == []


async def test_no_formatting_with_a_syntax_error(client: RecordingClient) -> None:
    uri = fresh("requests", "broken.flux")
    open_doc(client, uri, "Listen ()=>( int socket ) ;\noops\n")
    assert await formatted_by_server(client, uri, "", client_encoding(client)) is None


async def test_range_formatting_touches_only_the_declarations_in_range(
        client: RecordingClient) -> None:
    uri = fresh("requests", "range.flux")
    text = "Listen ()=>( int socket ) ;\nSink(int socket)=>();\nsource Listen=>Sink;\n"
    open_doc(client, uri, text)
    enc = client_encoding(client)
    start = text.index("Sink(")
    rng = types.Range(start=position_of(text, start, enc),
                      end=position_of(text, start + 3, enc))
    edits = await client.text_document_range_formatting_async(
        types.DocumentRangeFormattingParams(text_document=doc_id(uri), range=rng,
                                            options=types.FormattingOptions(4, True)))
    assert apply_edits(text, edits or [], enc) == \
        "Listen ()=>( int socket ) ;\nSink (int socket) => ();\nsource Listen=>Sink;\n"


# -- code actions ------------------------------------------------------------------------------

async def test_quick_fix_removes_an_unused_declaration(client: RecordingClient) -> None:
    text = CLEAN + "Unused (int a) => ();\n"
    uri = fresh("requests", "unused.flux")
    open_doc(client, uri, text)
    [warning] = await diagnostics_of(client, uri, 1)
    assert warning.code == "FLX105"
    actions = await code_actions(client, uri, warning.range, diagnostics=[warning])
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert fixes, "a quick fix for FLX105"
    fix = fixes[0]
    assert fix.diagnostics and fix.diagnostics[0].code == "FLX105"
    assert fix.edit is not None and fix.edit.changes is not None
    fixed = apply_edits(text, fix.edit.changes[uri], client_encoding(client))
    assert [d.code for d in analyze(fixed).diagnostics] == []


async def test_format_is_a_source_action(client: RecordingClient) -> None:
    uri = fresh("requests", "source-action.flux")
    open_doc(client, uri, MESSY)
    everything = types.Range(start=types.Position(0, 0), end=types.Position(9, 0))
    [action] = [a for a in await code_actions(client, uri, everything, only=["source"])
                if a.kind == "source.format"]
    assert action.edit is not None and action.edit.changes is not None
    encoding = client_encoding(client)
    assert apply_edits(MESSY, action.edit.changes[uri], encoding) == format_text(MESSY)
    for lazy in await lazy_format_actions(client, uri):  # unasked: resolved when chosen
        assert lazy.edit is None
        resolved = await client.code_action_resolve_async(lazy)
        assert resolved.edit is not None and resolved.edit.changes is not None
        assert apply_edits(MESSY, resolved.edit.changes[uri], encoding) == format_text(MESSY)


async def test_no_lazy_format_action_without_resolve_support() -> None:
    caps = capabilities("visual-studio-code")
    assert caps.text_document and caps.text_document.code_action
    caps.text_document.code_action.resolve_support = None
    client, _ = await start(caps)
    try:
        uri = fresh("requests", "no-resolve.flux")
        open_doc(client, uri, MESSY)
        assert await lazy_format_actions(client, uri) == []
    finally:
        await stop(client)


async def lazy_format_actions(client: RecordingClient, uri: str) -> list[types.CodeAction]:
    """The format actions offered for a document unasked (no ``only``): one unresolved
    action when the client resolves edits (and the text parses), none otherwise."""
    caps = client.capabilities
    resolves = bool(caps and caps.text_document and caps.text_document.code_action
                    and caps.text_document.code_action.resolve_support)
    everything = types.Range(start=types.Position(0, 0), end=types.Position(9, 0))
    lazy = [a for a in await code_actions(client, uri, everything) if a.kind == "source.format"]
    assert len(lazy) == (1 if resolves else 0), lazy
    return lazy


# -- the flow graph ----------------------------------------------------------------------------

def lsp_range(text: str, data_range: dict[str, int] | None, enc: str) -> Any:
    if data_range is None:
        return None
    data = text.encode("utf-8")

    def char(offset: int) -> int:
        return len(data[:offset].decode("utf-8"))

    start = position_of(text, char(data_range["start"]), enc)
    end = position_of(text, char(data_range["end"]), enc)
    return {"start": {"line": start.line, "character": start.character},
            "end": {"line": end.line, "character": end.character}}


def expected_graph(text: str, node: str | None, enc: str) -> dict[str, Any]:
    analysis = analyze(text.encode("utf-8"), "x.flux")
    graph = build(analysis)
    if node:
        graph = subgraph(graph, node)
    data = graph_json(graph, analysis.lines, "x.flux")
    for vertex in data["vertices"]:
        vertex["declaration"] = lsp_range(text, vertex["declaration"], enc)
        vertex["use"] = lsp_range(text, vertex["use"], enc)
        for group in vertex["constraints"].values():
            for c in group:
                c["origin"] = lsp_range(text, c["origin"], enc)
    for e in data["edges"]:
        e["range"] = lsp_range(text, e["range"], enc)
    return data



@pytest.mark.parametrize("node", [None, "Handler"])
async def test_flow_graph_request(client: RecordingClient, node: str | None) -> None:
    text = "// é🎉 before everything\n" + IMAGE
    uri = fresh("requests", "image.flux")
    open_doc(client, uri, text, version=4)
    params: dict[str, Any] = {"textDocument": {"uri": uri}}
    if node:
        params["node"] = node
    result = plain(await ask(client.protocol.send_request_async("flux/flowGraph", params)))
    expected = expected_graph(text, node, client_encoding(client))
    assert result["schema"] == "flux-graph/1"
    assert (result["uri"], result["version"], result["node"]) == (uri, 4, node)
    assert result["vertices"] == expected["vertices"]
    assert result["edges"] == expected["edges"]
    assert result["paths"] == expected["paths"]
    assert result["dot"].startswith("// Generated by flux graph") and "digraph" in result["dot"]
    if shutil.which("dot"):
        assert result["svg"].lstrip().startswith("<?xml") and "</svg>" in result["svg"]
    else:
        assert result["svg"] is None and "Graphviz" in result["svgError"]


async def test_flow_graph_command_and_errors(client: RecordingClient) -> None:
    uri = fresh("requests", "image.flux")
    open_doc(client, uri, IMAGE)
    as_object = plain(await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="flux.flowGraph", arguments=[{"textDocument": {"uri": uri}, "node": "Image"}])))
    as_list = plain(await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="flux.flowGraph", arguments=[uri, "Image"])))
    assert as_object["vertices"] == as_list["vertices"]
    assert {v["name"] for v in as_object["vertices"]} >= {"Image", "ReadRequest", "Handler"}
    with pytest.raises(JsonRpcException) as unknown:
        await client.protocol.send_request_async("flux/flowGraph", {
            "textDocument": {"uri": uri}, "node": "NoSuchNode"})
    assert unknown.value.code == -32602 and "NoSuchNode" in unknown.value.message
    with pytest.raises(JsonRpcException) as missing:
        await client.protocol.send_request_async("flux/flowGraph", {
            "textDocument": {"uri": "file:///nowhere/at/all.flux"}})
    assert missing.value.code == -32602


async def test_flow_graph_of_a_closed_workspace_file(client: RecordingClient, workspace: Any
                                                     ) -> None:
    uri = (workspace / "gameserver.flux").as_uri()
    result = plain(await client.protocol.send_request_async(
        "flux/flowGraph", {"textDocument": {"uri": uri}}))
    assert result["version"] is None and len(result["vertices"]) > 3


# -- cancellation ------------------------------------------------------------------------------

def big_program(services: int) -> str:
    parts = []
    for i in range(services):
        parts.append(f"""\
L{i} () => (int socket);
R{i} (int socket) => (int socket, bool close);
W{i} (int socket, bool close) => ();
S{i} (int socket) => ();
source L{i} => S{i};
S{i} = R{i} -> W{i};
""")
    return "".join(parts)


async def test_cancelled_requests_answer_request_cancelled(client: RecordingClient) -> None:
    uri = fresh("requests", "big.flux")
    open_doc(client, uri, big_program(400))
    msg_id = f"cancel-{uuid.uuid4().hex}"
    future = client.protocol.send_request("flux/flowGraph", {"textDocument": {"uri": uri}},
                                          msg_id=msg_id)
    client.protocol.notify("$/cancelRequest", types.CancelParams(id=msg_id))
    with pytest.raises(JsonRpcException) as cancelled:
        await ask(asyncio.wrap_future(future))
    assert cancelled.value.code == -32800
    # the server is still there, and the document still current
    change(client, uri, 2, edit((0, 0), (0, 0), "Extra () => ();\n"))
    items = await diagnostics_of(client, uri, 2)
    assert [d.code for d in items] == ["FLX105"]
