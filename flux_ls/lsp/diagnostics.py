"""Diagnostics, pushed or pulled — one model per client, never both (that would show every
diagnostic twice: Neovim and VS Code keep pushed and pulled ones apart).

* **Pull** when the client declares ``textDocument.diagnostic`` (Neovim ≥ 0.10, VS Code with
  vscode-languageclient ≥ 8): ``textDocument/diagnostic`` answers with a ``resultId`` (a hash
  of the diagnostics) and an *unchanged* report when the client already has that id;
  ``workspace/diagnostic`` reports every ``.flux`` file of the workspace (open documents at
  their version, the others from the index), with work-done progress on the client's token.
* **Push** otherwise: ``publishDiagnostics`` after every analysis, with the document version
  it was computed for; the result of a revision that is no longer the newest is dropped.
  Files of the workspace that are not open are published too (``workspace.py``).

``initializationOptions.diagnosticMode`` (``"push"``/``"pull"``) overrides the choice.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from lsprotocol import types

from . import convert, handshake
from .documents import Analysed, Document
from .progress import Progress

if TYPE_CHECKING:
    from .server import FluxServer

IDENTIFIER = handshake.DIAGNOSTIC_IDENTIFIER
EMPTY_ID = convert.result_id("[]")


def encoded(result: Analysed) -> tuple[str, str]:
    """The diagnostics of an analysis as a JSON array, and their result id (converted once,
    cached: every push, pull and workspace report sends this text)."""
    cached = result.cache.get("diagnostics_json")
    if cached is None:
        text = convert.diagnostics_json(result.uri, result.lines, result.analysis.diagnostics)
        cached = (text, convert.result_id(text))
        result.cache["diagnostics_json"] = cached
    return cached


def lsp_diagnostics(result: Analysed) -> list[types.Diagnostic]:
    """The diagnostics of an analysis as lsprotocol objects, for code actions (converted
    when first asked for, cached)."""
    cached = result.cache.get("diagnostics")
    if cached is None:
        cached = convert.diagnostics(result.uri, result.lines, result.analysis.diagnostics)
        result.cache["diagnostics"] = cached
    return cached


def publish(server: FluxServer, uri: str, result: Analysed | None,
            version: int | None = None) -> None:
    items = encoded(result)[0] if result is not None else "[]"
    tail = "" if version is None else f', "version": {json.dumps(version)}'
    server.send_json(
        f'{{"params": {{"uri": {json.dumps(uri)}, "diagnostics": {items}{tail}}}, '
        '"method": "textDocument/publishDiagnostics", "jsonrpc": "2.0"}')


def register(server: FluxServer) -> None:
    def analysed(doc: Document, result: Analysed) -> None:
        if server.pull_diagnostics or result.revision != doc.revision:
            return  # pulled instead, or stale: a newer analysis is on its way
        publish(server, doc.uri, result, result.version)

    server.on_document_analysed.append(analysed)
    server.documents.prepare = encoded  # converted in the executor, not on the loop


def register_pull(server: FluxServer) -> None:
    """The pull handlers (registered during ``initialize`` when the client pulls)."""
    from .server import PreEncoded

    @server.request(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier=IDENTIFIER, inter_file_dependencies=False, workspace_diagnostics=True))
    async def document_diagnostic(params: types.DocumentDiagnosticParams
                                  ) -> types.RelatedUnchangedDocumentDiagnosticReport | PreEncoded:
        result = await server.analysed(params.text_document.uri)
        items, rid = encoded(result) if result is not None else ("[]", EMPTY_ID)
        if params.previous_result_id == rid:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=rid)
        return PreEncoded(f'{{"items": {items}, "kind": "full", "resultId": {json.dumps(rid)}}}')

    @server.request(types.WORKSPACE_DIAGNOSTIC)
    async def workspace_diagnostic(params: types.WorkspaceDiagnosticParams) -> PreEncoded:
        progress = Progress(server, params.work_done_token, "Checking Flux files")
        progress.begin()
        await server.index.ready()
        previous = {p.uri: p.value for p in params.previous_result_ids}
        docs = list(server.documents)
        open_paths = {doc.path for doc in docs}
        entries = [e for e in server.index.entries() if e.path not in open_paths]
        total, items = len(docs) + len(entries), []
        for done, doc in enumerate(docs, 1):
            result = await server.documents.analysed(doc)
            items.append(_report(doc.uri, result, doc.version, previous.get(doc.uri)))
            progress.report(done, total, doc.path)
        for done, entry in enumerate(entries, len(docs) + 1):
            items.append(_report(entry.uri, entry.result, None, previous.get(entry.uri)))
            progress.report(done, total)
        progress.end(f"{total} Flux file{'s' if total != 1 else ''} checked")
        return PreEncoded(f'{{"items": [{", ".join(items)}]}}')


def _report(uri: str, result: Analysed, version: int | None, previous: str | None) -> str:
    """One file's workspace diagnostic report, as JSON."""
    items, rid = encoded(result)
    head = (f'{{"uri": {json.dumps(uri)}, "version": {json.dumps(version)}, '
            f'"resultId": {json.dumps(rid)}, ')
    if previous == rid:
        return head + '"kind": "unchanged"}'
    return head + f'"kind": "full", "items": {items}}}'
