"""``flux.simulate`` (command and code lens) and ``flux/simulate`` through a real stdio client:
the flux-sim/1 prediction of a document with its project's estimates, progress, errors that
say why, and cancellation that stops the worker."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from lsp_support import RecordingClient, ask, open_doc, plain, wait_until
from lsprotocol import types
from pygls.exceptions import JsonRpcException

PROGRAM = """\
Listen () => (int socket);
Serve (int socket) => ();

source Listen => Serve;

atomic Serve:{table};
"""
pytestmark = pytest.mark.asyncio(loop_scope="module")
ESTIMATES = "[node.Serve]\ncpu_ms = 10\n"



def project(tmp_path: Path, estimates: str | None = ESTIMATES) -> str:
    folder = tmp_path / uuid.uuid4().hex[:8]
    folder.mkdir()
    (folder / "app.flux").write_text(PROGRAM)
    if estimates is not None:
        (folder / "estimates.toml").write_text(estimates)
    return (folder / "app.flux").as_uri()


async def test_lens_runs_the_simulation(client: RecordingClient, tmp_path: Path) -> None:
    uri = project(tmp_path)
    open_doc(client, uri, PROGRAM)
    lenses = await ask(client.text_document_code_lens_async(types.CodeLensParams(
        text_document=types.TextDocumentIdentifier(uri=uri))))
    simulate = [lens for lens in lenses if lens.command and lens.command.command
                == "flux.simulate"]
    assert len(simulate) == 1 and simulate[0].range.start.line == 3
    assert simulate[0].command.title == "Simulate load"
    assert list(simulate[0].command.arguments) == [uri, "Listen"]
    result = plain(await ask(client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="flux.simulate", arguments=list(simulate[0].command.arguments)))))
    assert result["schema"] == "flux-sim/1" and result["uri"] == uri
    assert [(p["cpus"], p["clients"]) for p in result["points"]] == [
        (c, n) for c in (1, 2, 4, 8) for n in (1, 8, 32, 128)]
    # the writer constraint holds every flow 10 ms: 100 a second at most, whatever the CPUs
    busiest = result["points"][-1]
    assert busiest["throughput"] == pytest.approx(100, rel=0.06)
    assert busiest["bottleneck"] == "table"
    assert "throughput/s" in result["text"] and "| cpus |" in result["markdown"]


async def test_request_with_options_and_progress(client: RecordingClient,
                                                 tmp_path: Path) -> None:
    uri = project(tmp_path)
    open_doc(client, uri, PROGRAM)
    before = set(client.progress_reports)
    result = plain(await ask(client.protocol.send_request_async("flux/simulate", {
        "textDocument": {"uri": uri}, "cpus": [2], "rate": [50.0], "duration": 20})))
    point = result["points"][0]
    assert (point["cpus"], point["rate"]) == (2, 50.0) and "clients" not in point
    assert point["throughput"] == pytest.approx(50, rel=0.1)
    assert (result["runtime"], result["threads"]) == ("event", 0)
    pool = plain(await ask(client.protocol.send_request_async("flux/simulate", {
        "textDocument": {"uri": uri}, "cpus": [1], "clients": [1], "duration": 2,
        "runtime": "pool", "threads": 3})))
    assert (pool["runtime"], pool["threads"]) == ("pool", 3)
    with pytest.raises(JsonRpcException) as bad:
        await ask(client.protocol.send_request_async("flux/simulate", {
            "textDocument": {"uri": uri}, "runtime": "fibers"}))
    assert bad.value.code == -32602 and "runtime must be event, pool or thread" in \
        bad.value.message
    if client.init_result.capabilities and client.progress_reports.keys() - before:
        token = next(iter(client.progress_reports.keys() - before))
        kinds = [getattr(r, "kind", None) for r in client.progress_reports[token]]
        assert kinds[0] == "begin" and kinds[-1] == "end"


async def test_errors_say_why(client: RecordingClient, tmp_path: Path) -> None:
    no_costs = project(tmp_path, estimates=None)
    open_doc(client, no_costs, PROGRAM)
    with pytest.raises(JsonRpcException) as missing:
        await ask(client.protocol.send_request_async("flux/simulate",
                                                     {"textDocument": {"uri": no_costs}}))
    assert missing.value.code == -32602 and "estimates.toml" in missing.value.message
    bad = project(tmp_path, estimates="[node.Serv]\ncpu_ms = 1\n")
    open_doc(client, bad, PROGRAM)
    with pytest.raises(JsonRpcException) as unknown:
        await ask(client.protocol.send_request_async("flux/simulate",
                                                     {"textDocument": {"uri": bad}}))
    assert "estimates.toml:1:1: unknown node `Serv` (did you mean `Serve`?)" in \
        unknown.value.message


async def test_cancellation_stops_the_worker(client: RecordingClient, tmp_path: Path) -> None:
    uri = project(tmp_path)
    open_doc(client, uri, PROGRAM)
    msg_id = f"simulate-{uuid.uuid4().hex}"
    future = client.protocol.send_request("flux/simulate", {
        "textDocument": {"uri": uri}, "cpus": [1], "clients": [4], "duration": 1e6},
        msg_id=msg_id)
    await asyncio.sleep(0.5)
    client.protocol.notify("$/cancelRequest", types.CancelParams(id=msg_id))
    with pytest.raises(JsonRpcException) as cancelled:
        await ask(asyncio.wrap_future(future))
    assert cancelled.value.code == -32800

    def stopped() -> bool:
        return any("stopped (cancelled)" in m.message for m in client.log_messages)

    assert await wait_until(client, stopped)
