"""Robustness: hypothesis sequences of edits and requests never crash or hang the server.

Each example is a random sequence of operations against one live server: incremental edits
with ranges past the end or reversed, full replacements, text with lone surrogates, stale
versions, re-opening and closing, watched-file events for files that do not exist, every
request the server handles (well-formed or with junk params, for open documents or not),
unknown methods, and cancellations. Every request must be answered within the timeout with a
result or a *deliberate* error (invalid params, cancelled, content modified, not found) —
never an internal error — and after the sequence every open document must still be in sync:
a full replacement followed by its diagnostics must match ``flux check`` on that text.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsp_support import (
    CLEAN,
    TIMEOUT,
    RecordingClient,
    actual_diagnostics,
    capabilities,
    diagnostics_of,
    encoding_of,
    expected_diagnostics,
    pulls,
    raw_notify,
    raw_request,
    start,
    stop,
)
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.asyncio(loop_scope="module")

DELIBERATE = {-32602, -32601, -32800, -32801, -32803}
PIECES = ["Listen", "Serve", " ", "\n", "\r", "\r\n", ";", "->", "=>", "(", ")", "int s", ":",
          "[_]", "{x}", "source ", "=", "é", "🎉", "\ud800", "/*", "*/", "//", "\t", "_"]
NODES = ["Listen", "Serve", "Read", "Reply", "Nope", "", "é", "source", "Fresh_1"]
SETUPS = ["visual-studio-code", "neovim"]
rounds = itertools.count()

text_st = st.lists(st.sampled_from(PIECES), max_size=8).map("".join) | st.sampled_from([CLEAN])
position_st = st.builds(lambda line, char: {"line": line, "character": char},
                        st.integers(0, 12), st.integers(0, 90))
range_st = st.builds(lambda a, b: {"start": a, "end": b}, position_st, position_st)
doc_st = st.integers(0, 3)
junk_st = st.sampled_from([None, {}, [], 7, "x", {"textDocument": 3},
                           {"textDocument": {"uri": 5}}, {"range": "everything"}])


def operations() -> st.SearchStrategy[tuple[Any, ...]]:
    return st.one_of(
        st.tuples(st.just("change"), doc_st, range_st, text_st),
        st.tuples(st.just("replace"), doc_st, text_st),
        st.tuples(st.just("open"), doc_st, text_st),
        st.tuples(st.just("close"), doc_st),
        st.tuples(st.just("stale"), doc_st, range_st, text_st),
        st.tuples(st.just("request"), st.sampled_from(REQUESTS), doc_st, range_st,
                  st.sampled_from(NODES)),
        st.tuples(st.just("junk"), st.sampled_from(sorted(set(REQUESTS) | {
            "textDocument/didChange", "workspace/executeCommand"})), junk_st),
        st.tuples(st.just("cancel"), st.sampled_from(REQUESTS), doc_st, range_st,
                  st.sampled_from(NODES)),
        st.tuples(st.just("watched"), doc_st, st.sampled_from([1, 2, 3])),
        st.tuples(st.just("unknown"),),
    )


def params_for(method: str, uri: str, rng: dict[str, Any], node: str) -> Any:
    doc = {"uri": uri}
    options = {"tabSize": 4, "insertSpaces": True}
    if method == "textDocument/formatting":
        return {"textDocument": doc, "options": options}
    if method == "textDocument/rangeFormatting":
        return {"textDocument": doc, "range": rng, "options": options}
    if method == "textDocument/codeAction":
        return {"textDocument": doc, "range": rng,
                "context": {"diagnostics": [], "only": ["source"] if node == "Nope" else None}}
    if method == "textDocument/diagnostic":
        return {"textDocument": doc}
    if method == "workspace/diagnostic":
        return {"previousResultIds": []}
    if method == "workspace/executeCommand":
        return {"command": "flux.flowGraph", "arguments": [uri, node] if node else [{}]}
    if method == "flux/flowGraph":
        return {"textDocument": doc, **({"node": node} if node else {})}
    if method in WHOLE_DOCUMENT:
        return {"textDocument": doc}
    if method in IN_RANGE:
        return {"textDocument": doc, "range": rng}
    if method == "textDocument/semanticTokens/full/delta":
        return {"textDocument": doc, "previousResultId": node or "1"}
    if method == "textDocument/selectionRange":
        return {"textDocument": doc, "positions": [rng["start"], rng["end"]]}
    if method == "workspace/symbol":
        return {"query": node}
    if method in ("callHierarchy/incomingCalls", "callHierarchy/outgoingCalls"):
        item = {"name": node or "X", "kind": 12, "uri": uri, "range": rng,
                "selectionRange": rng, "data": {"name": node}}
        return {"item": item}
    position = {"textDocument": doc, "position": rng["start"]}
    if method == "textDocument/references":
        return {**position, "context": {"includeDeclaration": bool(node)}}
    if method == "textDocument/rename":
        return {**position, "newName": node or "source"}
    return position  # the other position requests


WHOLE_DOCUMENT = {"textDocument/documentSymbol", "textDocument/foldingRange",
                  "textDocument/semanticTokens/full", "textDocument/codeLens"}
IN_RANGE = {"textDocument/semanticTokens/range", "textDocument/inlayHint"}
REQUESTS = ["textDocument/formatting", "textDocument/rangeFormatting", "textDocument/codeAction",
            "workspace/executeCommand", "flux/flowGraph", "textDocument/hover",
            "textDocument/definition", "textDocument/declaration", "textDocument/references",
            "textDocument/documentHighlight", "textDocument/completion",
            "textDocument/signatureHelp", "textDocument/prepareRename", "textDocument/rename",
            "textDocument/prepareCallHierarchy", "callHierarchy/incomingCalls",
            "callHierarchy/outgoingCalls", "textDocument/documentSymbol", "workspace/symbol",
            "textDocument/foldingRange", "textDocument/selectionRange",
            "textDocument/semanticTokens/full", "textDocument/semanticTokens/full/delta",
            "textDocument/semanticTokens/range", "textDocument/inlayHint",
            "textDocument/codeLens"]


class Fuzzer:
    def __init__(self, client: RecordingClient) -> None:
        self.client = client
        self.versions: dict[str, int] = {}   # the open documents' versions
        self.highest: dict[str, int] = {}    # the highest version each uri was sent with
        self.requests = list(REQUESTS) + (["textDocument/diagnostic", "workspace/diagnostic"]
                                          if pulls(client) else [])

    def uri(self, index: int, round_id: int) -> str:
        return f"file:///fuzz/{round_id}/doc{index}.flux"

    def notify(self, method: str, params: Any) -> None:
        raw_notify(self.client, method, params)

    async def ask(self, method: str, params: Any) -> None:
        try:
            await asyncio.wait_for(raw_request(self.client, method, params), TIMEOUT)
        except JsonRpcException as error:
            assert error.code in DELIBERATE, f"{method}: {error.code} {error.message}"

    async def run(self, op: tuple[Any, ...], round_id: int) -> None:
        kind = op[0]
        if kind in ("change", "replace", "stale", "open", "close", "request", "cancel",
                    "watched"):
            uri = self.uri(op[1] if kind not in ("request", "cancel") else op[2], round_id)
        if kind == "open":
            # Numbered on from any version the uri had: a document opened again over itself
            # must not reuse a version whose diagnostics may still be on their way.
            version = self.highest.get(uri, 0) + 1
            self.versions[uri] = self.highest[uri] = version
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "flux", "version": version, "text": op[2]}})
        elif kind == "close":
            self.versions.pop(uri, None)
            self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        elif kind in ("change", "replace", "stale"):
            version = self.versions.get(uri, 0) + 1
            if kind != "stale" and uri in self.versions:  # (a change to a closed document
                self.versions[uri] = version              # is sent anyway, and ignored)
                self.highest[uri] = max(self.highest.get(uri, 0), version)
            content = {"text": op[-1]} if kind == "replace" else {"range": op[2], "text": op[3]}
            self.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version if kind != "stale" else 0},
                "contentChanges": [content]})
        elif kind == "request":
            method = op[1]
            if method in self.requests:
                await self.ask(method, params_for(method, uri, op[3], op[4]))
        elif kind == "cancel":
            msg_id = f"fuzz-{next(rounds)}"
            future = raw_request(self.client, op[1], params_for(op[1], uri, op[3], op[4]),
                                 msg_id)
            self.notify("$/cancelRequest", {"id": msg_id})
            try:
                await asyncio.wait_for(future, TIMEOUT)
            except JsonRpcException as error:
                assert error.code in DELIBERATE, f"{op[1]}: {error.code} {error.message}"
        elif kind == "junk":
            if op[1].startswith("textDocument/did"):
                self.notify(op[1], op[2])
            else:
                await self.ask(op[1], op[2])
        elif kind == "watched":
            self.notify("workspace/didChangeWatchedFiles",
                        {"changes": [{"uri": uri, "type": op[2]}]})
        elif kind == "unknown":
            with pytest.raises(JsonRpcException):
                await asyncio.wait_for(raw_request(self.client, "flux/doesNotExist", {}),
                                       TIMEOUT)

    async def still_in_sync(self, encoding: str) -> None:
        for uri, version in self.versions.items():
            self.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version + 1},
                "contentChanges": [{"text": CLEAN + "Extra (int x) => ();\n"}]})
            items = await diagnostics_of(self.client, uri, version + 1)
            assert actual_diagnostics(items) == expected_diagnostics(
                CLEAN + "Extra (int x) => ();\n", encoding)


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=SETUPS)
async def fuzzer(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Fuzzer, str]]:
    client, result = await start(capabilities(request.param))
    yield Fuzzer(client), encoding_of(result)
    await stop(client)


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=st.lists(operations(), min_size=1, max_size=12))
async def test_no_sequence_of_messages_breaks_the_server(fuzzer: tuple[Fuzzer, str],
                                                         ops: list[tuple[Any, ...]]) -> None:
    server, encoding = fuzzer
    round_id = next(rounds)
    server.versions, server.highest = {}, {}
    for index, text in enumerate((CLEAN, "/* é🎉 */ " + CLEAN, "")):  # doc3 stays closed
        await server.run(("open", index, text), round_id)
    for op in ops:
        await server.run(op, round_id)
    await server.still_in_sync(encoding)
    for uri in list(server.versions):
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert server.client._server is not None and server.client._server.returncode is None
    assert server.client.error is None
