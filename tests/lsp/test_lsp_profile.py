"""Path profiles in the editor, through a real stdio client: code lenses with each node's
share of time and mean latency, hot paths in hovers, traffic in ``flux/flowGraph``, stale
profiles shown as stale, ``flux.profile.path``, and a new profile shown at once.

The profiles are real: ``tests/build/programs/profiled`` is built and run once (pool
runtime, 1000 flows in the proportions 700 : 200 : 100) into the default location.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from lsp_support import ROOT, RecordingClient, ask, capabilities, plain, start, stop
from lsprotocol import types

from flux_ls.build.project import BuildOptions, build_project

PROGRAM = ROOT / "tests" / "build" / "programs" / "profiled"



async def flow_graph(client: RecordingClient, uri: str) -> dict[str, Any]:
    result: dict[str, Any] = plain(await ask(client.protocol.send_request_async(
        "flux/flowGraph", {"textDocument": {"uri": uri}})))
    return result


def record(binary: Path, out: Path, flows: int) -> None:
    done = subprocess.run([str(binary), str(flows), "--flux-runtime=pool",
                           f"--flux-profile={out}"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("profiled") / "profiled"
    shutil.copytree(PROGRAM, root, ignore=shutil.ignore_patterns(".flux-build"))
    binary = build_project(BuildOptions(target=str(root))).binary
    record(binary, root / ".flux-build" / "profile.json", 1000)
    return root, binary


@pytest_asyncio.fixture
async def session(project: tuple[Path, Path]) -> AsyncIterator[RecordingClient]:
    client, _ = await start(capabilities("visual-studio-code"), project[0])
    client.lens_refreshes = 0  # type: ignore[attr-defined]

    @client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def refresh(params: Any) -> None:
        client.lens_refreshes += 1  # type: ignore[attr-defined]

    yield client
    await stop(client)


def open_program(client: RecordingClient, root: Path, text: str | None = None
                 ) -> types.TextDocumentIdentifier:
    path = root / "profiled.flux"
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=path.as_uri(), language_id="flux", version=1,
                                             text=text or path.read_text())))
    return types.TextDocumentIdentifier(uri=path.as_uri())


async def profile_lenses(client: RecordingClient, doc: types.TextDocumentIdentifier
                         ) -> dict[str, str]:
    lenses = await ask(client.text_document_code_lens_async(
        types.CodeLensParams(text_document=doc)))
    out = {}
    for lens in lenses:
        title = lens.command.title
        if title.startswith("profile"):
            out[lens.command.arguments[1] or ""] = title
    return out


@pytest.mark.asyncio
async def test_lenses_hover_and_flow_graph(session: RecordingClient,
                                           project: tuple[Path, Path]) -> None:
    root = project[0]
    doc = open_program(session, root)
    lenses = await profile_lenses(session, doc)
    assert lenses["Gen"].startswith("profile: 1,001 calls")
    assert re.fullmatch(r"profile: \d+\.\d% of time · mean \d+\.\d\d ms · 200 calls",
                        lenses["Sleepy"])  # it sleeps 1 ms: milliseconds
    assert lenses["Fast"].endswith("· 700 calls")
    assert lenses["Fails"].endswith("· 100 calls")
    text = (root / "profiled.flux").read_text()
    line = next(i for i, t in enumerate(text.splitlines()) if t.startswith("Fast (long i)"))
    hover = await ask(session.text_document_hover_async(types.HoverParams(
        text_document=doc, position=types.Position(line=line, character=1))))
    value = hover.contents.value
    assert "**Profile** (pool runtime, 1,000 flows)" in value
    assert "Hot paths through `Fast`:" in value
    assert "`Gen → Work → Fast → Done` — 700 flows (70.0%)" in value
    assert "Sleepy" not in value.split("Hot paths")[1]  # only paths through Fast
    graph = await flow_graph(session, doc.uri)
    assert graph["profile"]["stale"] is False and graph["profile"]["flows"] == 1000
    names = {v["id"]: v["name"] for v in graph["vertices"]}
    dispatch = {names[e["dst"]]: e["count"] for e in graph["edges"] if e["kind"] == "dispatch"}
    assert dispatch == {"Work": 1000, "Fast": 700, "Sleepy": 200, "Busy": 100}
    sleepy = next(v for v in graph["vertices"] if v["name"] == "Sleepy")
    assert sleepy["traffic"]["count"] == sleepy["count"] == 200
    assert 0 < sleepy["traffic"]["share"] < 1
    assert "penwidth=" in graph["dot"] and "fillcolor=" in graph["dot"]


@pytest.mark.asyncio
async def test_a_changed_program_shows_the_profile_as_stale(session: RecordingClient,
                                                            project: tuple[Path, Path]) -> None:
    root = project[0]
    text = (root / "profiled.flux").read_text().replace(
        "Job = Work -> Route -> Done;", "Job = Work -> Work2 -> Route -> Done;\n"
        "Work2 (long i) => (long i);")
    doc = open_program(session, root, text)
    lenses = await profile_lenses(session, doc)
    assert list(lenses.values()) == [
        "profile is stale: the program changed since it was recorded "
        "(run the server again with --profile)"]
    graph = await flow_graph(session, doc.uri)
    assert graph["profile"]["stale"] is True
    assert "count" not in graph["edges"][0] and "penwidth=" not in graph["dot"].split(
        "digraph")[1].split("rank=source")[0].replace("penwidth=0.6", "")


@pytest.mark.asyncio
async def test_the_setting_and_a_new_profile_show_at_once(session: RecordingClient,
                                                          project: tuple[Path, Path]) -> None:
    root, binary = project
    doc = open_program(session, root)
    assert (await profile_lenses(session, doc))["Fast"].endswith("· 700 calls")
    other = root / "other.json"
    record(binary, other, 10)
    session.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"flux": {"profile": {"path": "other.json"}}}))
    await asyncio.sleep(0)  # notifications are handled in order, before the next request
    assert (await profile_lenses(session, doc))["Fast"].endswith("· 7 calls")
    globs = [w["globPattern"] if isinstance(w, dict) else w.glob_pattern
             for r in session.registrations if r.method == "workspace/didChangeWatchedFiles"
             for w in (r.register_options["watchers"] if isinstance(r.register_options, dict)
                       else r.register_options.watchers)]
    assert "**/profile.json" in globs  # profiles are watched with the Flux files
    record(binary, other, 20)  # a new run rewrites the profile: shown on the next request
    refreshes = session.lens_refreshes  # type: ignore[attr-defined]
    session.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=other.as_uri(), type=types.FileChangeType.Changed)]))
    for _ in range(100):
        if session.lens_refreshes > refreshes:  # type: ignore[attr-defined]
            break
        await asyncio.sleep(0.05)
    assert session.lens_refreshes > refreshes  # type: ignore[attr-defined]
    assert (await profile_lenses(session, doc))["Fast"].endswith("· 14 calls")
