"""Diagnostics over LSP: content, push with versions, pull with result ids, the workspace.

Run with VS Code's capabilities (push) and Neovim's (pull); tests about one model skip on
the other. The workspace folder (conftest) holds the examples, ``warning.flux`` (FLX105),
``nested/error.flux`` (FLX101) and ``.hidden/skipped.flux``, which must never be reported.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsp_support import (
    TIMEOUT,
    RecordingClient,
    actual_diagnostics,
    change,
    close_doc,
    codes,
    diagnostics_of,
    edit,
    expected_diagnostics,
    last_published,
    open_doc,
    pulls,
    pushed,
    wait_until,
)
from lsprotocol import types

from flux_ls.codes import CODES

pytestmark = pytest.mark.asyncio(loop_scope="module")

RELATED = """\
Listen () => (int socket);
Listen () => (int fd);
Close (int socket) => ();
Unused (int a) => ();
source Listen => Close;
source Listen => Missing;
"""


def name(client: RecordingClient) -> str:
    return "pull" if pulls(client) else "push"


async def workspace_report(client: RecordingClient, token: str | None = None,
                           previous: list[types.PreviousResultId] | None = None
                           ) -> dict[str, types.WorkspaceDocumentDiagnosticReport]:
    report = await asyncio.wait_for(client.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(previous_result_ids=previous or [],
                                        work_done_token=token)), TIMEOUT)
    return {item.uri: item for item in report.items}


async def test_diagnostics_carry_code_links_related_locations_severities_and_tags(
        client: RecordingClient) -> None:
    uri = f"file:///diag/{name(client)}/related.flux"
    open_doc(client, uri, RELATED)
    items = await diagnostics_of(client, uri, 1)
    assert codes(items) == ["FLX101", "FLX103", "FLX105"]
    by_code = {str(d.code): d for d in items}
    for code, d in by_code.items():
        assert d.source == "flux"
        assert code in CODES
        assert d.code_description is None  # no link to an address the project does not have
    assert by_code["FLX101"].severity == types.DiagnosticSeverity.Error
    assert by_code["FLX105"].severity == types.DiagnosticSeverity.Warning
    assert list(by_code["FLX105"].tags or []) == [types.DiagnosticTag.Unnecessary]
    assert by_code["FLX101"].tags is None
    [related] = by_code["FLX103"].related_information or []
    assert related.location.uri == uri
    assert related.location.range == types.Range(start=types.Position(0, 0),
                                                 end=types.Position(0, 6))
    assert "first declared here" in related.message
    close_doc(client, uri)


async def test_push_carries_versions_and_drops_stale_results(client: RecordingClient) -> None:
    if pulls(client):
        pytest.skip("this client pulls diagnostics")
    uri = "file:///diag/push/versions.flux"
    texts = {1: "Listen () => (int socket);\n"}
    open_doc(client, uri, texts[1])
    text = texts[1]
    for version in range(2, 12):  # a burst of keystrokes, sent without waiting
        position = (1, version - 2)  # typing "source Lis" at the start of line 2
        letter = "source Listen => S;"[version - 2]
        change(client, uri, version, edit(position, position, letter))
        text += letter
        texts[version] = text
    await pushed(client, uri, 11)
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == sorted(versions) and versions[-1] == 11
    for params in client.published:
        if params.uri == uri:  # whatever was published matches the text of its version
            assert actual_diagnostics(params.diagnostics) == \
                expected_diagnostics(texts[params.version or 0], "utf-16")


async def test_pull_answers_unchanged_for_a_known_result_id(client: RecordingClient) -> None:
    if not pulls(client):
        pytest.skip("this client takes pushed diagnostics")
    uri = "file:///diag/pull/ids.flux"
    open_doc(client, uri, "Listen () => (int socket);\nsource Listen => Missing;\n")

    async def pull(previous: str | None) -> types.DocumentDiagnosticReport:
        return await asyncio.wait_for(client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                           previous_result_id=previous)), TIMEOUT)

    first = await pull(None)
    assert isinstance(first, types.RelatedFullDocumentDiagnosticReport)
    assert codes(first.items) == ["FLX101"] and first.result_id
    again = await pull(first.result_id)
    assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
    assert again.result_id == first.result_id
    change(client, uri, 2, edit((2, 0), (2, 0), "// a comment after everything\n"))
    same = await pull(first.result_id)  # new text, same diagnostics
    assert isinstance(same, types.RelatedUnchangedDocumentDiagnosticReport)
    change(client, uri, 3, edit((1, 17), (1, 24), "Sink;\nSink (int socket) => ()"))
    fixed = await pull(first.result_id)
    assert isinstance(fixed, types.RelatedFullDocumentDiagnosticReport)
    assert list(fixed.items) == [] and fixed.result_id != first.result_id
    close_doc(client, uri)


async def test_workspace_diagnostics_cover_every_flux_file_with_progress(
        client: RecordingClient, workspace: Path) -> None:
    if not pulls(client):
        pytest.skip("this client takes pushed diagnostics")
    open_uri = (workspace / "warning.flux").as_uri()
    open_doc(client, open_uri, "Listen () => (int socket);\nsource Listen => Missing;\n",
             version=7)
    client.progress_reports["wd-1"] = []  # a token the client made up for this request
    reports = await workspace_report(client, token="wd-1")
    expected = {p.as_uri() for p in workspace.rglob("*.flux") if ".hidden" not in p.parts}
    assert expected <= set(reports)
    assert not any(".hidden" in uri for uri in reports)
    assert codes(reports[(workspace / "nested" / "error.flux").as_uri()].items) == ["FLX101"]
    assert list(reports[(workspace / "imageserver.flux").as_uri()].items) == []
    assert reports[open_uri].version == 7  # the open document, not the file on disk
    assert codes(reports[open_uri].items) == ["FLX101"]
    kinds = [type(p).__name__ for p in client.progress_reports["wd-1"]]
    assert kinds[0] == "WorkDoneProgressBegin" and kinds[-1] == "WorkDoneProgressEnd"
    previous = [types.PreviousResultId(uri=uri, value=r.result_id or "")
                for uri, r in reports.items()]
    again = await workspace_report(client, previous=previous)
    assert all(isinstance(r, types.WorkspaceUnchangedDocumentDiagnosticReport)
               for r in again.values())
    close_doc(client, open_uri)


async def test_workspace_files_are_pushed_without_a_version(client: RecordingClient,
                                                            workspace: Path) -> None:
    if pulls(client):
        pytest.skip("this client pulls diagnostics")
    error = (workspace / "nested" / "error.flux").as_uri()
    assert codes(await pushed(client, error, None)) == ["FLX101"]
    assert codes(await pushed(client, (workspace / "webserver.flux").as_uri(), None)) == []
    assert not any(".hidden" in p.uri for p in client.published)


async def test_watched_file_events_keep_the_index_fresh(client: RecordingClient,
                                                        workspace: Path) -> None:
    path = workspace / f"watched_{name(client)}.flux"
    uri = path.as_uri()

    def event(kind: types.FileChangeType) -> None:
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri, type=kind)]))

    async def current() -> list[str] | None:
        """The codes the client holds for the file once the server has taken the event in
        (pull: the next workspace pull reflects it; push: wait for the next publish)."""
        if pulls(client):
            report = (await workspace_report(client)).get(uri)
            return None if report is None else codes(report.items)
        seen = len([p for p in client.published if p.uri == uri])
        await wait_until(client, lambda: len([p for p in client.published if p.uri == uri])
                         > seen)
        last = last_published(client, uri)
        return None if last is None else codes(last.diagnostics)

    broken = "Listen () => (int socket);\nsource Listen => Nowhere;\n"
    fixed = "Listen () => (int socket);\nsource Listen => Sink;\nSink (int socket) => ();\n"
    for text, kind, expected in ((broken, types.FileChangeType.Created, ["FLX101"]),
                                 (fixed, types.FileChangeType.Changed, []),
                                 (broken, types.FileChangeType.Changed, ["FLX101"]),
                                 (None, types.FileChangeType.Deleted, None)):
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
        task = asyncio.ensure_future(current()) if not pulls(client) else None
        event(kind)
        found = await task if task is not None else await current()
        assert found == (expected if expected is not None or pulls(client) else [])


async def test_closing_a_document_falls_back_to_the_file_on_disk(client: RecordingClient,
                                                                  workspace: Path) -> None:
    if pulls(client):
        pytest.skip("this client pulls diagnostics")
    uri = (workspace / "warning.flux").as_uri()
    await pushed(client, uri, None)  # the scan published it
    open_doc(client, uri, "Listen () => (int socket);\nsource Listen => Missing;\n", 3)
    assert codes(await pushed(client, uri, 3)) == ["FLX101"]
    close_doc(client, uri)
    assert codes(await pushed(client, uri, None)) == ["FLX105"]
