"""The command ``flux.simulate`` and request ``flux/simulate``: ``flux simulate`` in the editor.

The simulator runs no user code, so the server may offer it. Params: ``{"textDocument":
{"uri"}, "source"?, "cpus"?: [1, 2], "clients"?: [1, 8], "rate"?: [100.0], "think"?: ms,
"duration"?: s, "seed"?: n, "runtime"?: "event"|"pool"|"thread", "threads"?: n}`` (the
command takes that object, or ``uri`` and a source name as the code lens passes them).
Costs come from the document's project: the profile ``.flux-build/profile.json`` when it
exists and matches the program graph, else ``estimates.toml`` beside the file
(docs/simulate.md). The result is the ``flux-sim/1``
JSON of ``flux simulate --format json`` plus ``uri``, ``version``, ``text`` (the prediction
table) and ``markdown``. A program with errors or without costs is an ``InvalidParams``
error that says why.

The simulation runs in a worker thread (not the analysis executor), reports work-done
progress, and stops within a few hundred simulated flows when the request is cancelled.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from typing import TYPE_CHECKING, Any

from pygls.exceptions import JsonRpcInvalidParams

from ..ide import legend
from .progress import Progress

if TYPE_CHECKING:
    from ..graph import Graph
    from ..sim.costs import Costs
    from .documents import Analysed
    from .server import FluxServer

log = logging.getLogger(__name__)
METHOD = "flux/simulate"
COMMAND = legend.SIMULATE_COMMAND
PROFILE = os.path.join(".flux-build", "profile.json")
ESTIMATES = "estimates.toml"
#: the editor's default: a quick look (the CLI measures 10 s per point)
DURATION = 5.0


class _Stopped(Exception):
    pass


def _field(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def read_params(params: Any) -> tuple[str, dict[str, Any]]:
    document = _field(params, "textDocument") or _field(params, "text_document")
    uri = _field(document, "uri") if document is not None else _field(params, "uri")
    if not isinstance(uri, str) or not uri:
        raise JsonRpcInvalidParams(f"{METHOD} needs textDocument.uri")
    options = {k: _field(params, k) for k in ("source", "cpus", "clients", "rate", "think",
                                              "duration", "seed", "runtime", "threads")}
    return uri, {k: v for k, v in options.items() if v is not None}


def _numbers(options: dict[str, Any], key: str, kind: type, default: Any) -> Any:
    value = options.get(key, default)
    if value is None:
        return None
    ok = isinstance(value, list) and value and all(
        isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value)
    if not ok:
        raise JsonRpcInvalidParams(f"{METHOD}: {key} must be a list of numbers > 0")
    return tuple(kind(v) for v in value)


def costs_for(path: str, graph: Graph) -> Costs:
    """The project's profile if it matches the program, else its estimates (worker thread)."""
    from ..sim.costs import CostError, parse_estimates
    from ..sim.profile_costs import costs_of_profile

    directory = os.path.dirname(path)
    profile, estimates = os.path.join(directory, PROFILE), os.path.join(directory, ESTIMATES)
    stale: str | None = None
    if os.path.isfile(profile):
        try:
            with open(profile, encoding="utf-8") as f:
                return costs_of_profile(profile, f.read(), graph)
        except (CostError, OSError, UnicodeDecodeError) as error:
            stale = str(error)
    if os.path.isfile(estimates):
        try:
            with open(estimates, encoding="utf-8") as f:
                return parse_estimates(estimates, f.read(), graph)
        except (OSError, UnicodeDecodeError) as error:
            raise JsonRpcInvalidParams(f"cannot read {estimates}: {error}") from None
        except CostError as error:
            raise JsonRpcInvalidParams(str(error)) from None
    raise JsonRpcInvalidParams(stale or f"no costs to simulate with: record a profile "
                               f"({PROFILE}, `flux run --profile`) or write {estimates} "
                               "(see docs/simulate.md)")


def run(result: Analysed, options: dict[str, Any],
        report: Any, stop: threading.Event) -> dict[str, Any]:
    """The whole simulation (in a worker thread); raises ``_Stopped`` when cancelled."""
    from ..sim.costs import CostError
    from ..sim.engine import SimError
    from ..sim.predict import Settings, model_of, predict
    from ..sim.report import to_json, to_markdown, to_text

    rates = _numbers(options, "rate", float, None)
    runtime, threads = options.get("runtime"), options.get("threads", 0)
    if runtime is not None and runtime not in ("event", "pool", "thread"):
        raise JsonRpcInvalidParams(f"{METHOD}: runtime must be event, pool or thread")
    if not isinstance(threads, int) or isinstance(threads, bool) or not 0 <= threads <= 1024:
        raise JsonRpcInvalidParams(f"{METHOD}: threads must be a whole number from 0 to 1024")
    settings = Settings(
        cpus=_numbers(options, "cpus", int, [1, 2, 4, 8]),
        clients=None if rates else _numbers(options, "clients", int, [1, 8, 32, 128]),
        rates=rates, think_ms=float(options.get("think", 0.0)),
        duration_s=float(options.get("duration", DURATION)), warmup_s=1.0,
        seed=int(options.get("seed", 1)), source=options.get("source"), runtime=runtime,
        threads=threads)

    def progress(done: int, total: int) -> None:
        if stop.is_set():
            log.info("simulation of %s stopped (cancelled) at %d%%",
                     os.path.basename(analysis.path), 100 * done // max(total, 1))
            raise _Stopped
        report(done, total)

    analysis = result.analysis
    try:
        plan = model_of(analysis)
        costs = costs_for(analysis.path, plan.graph)
        run = predict(plan, costs, settings, os.path.basename(analysis.path), progress)
    except (SimError, CostError) as error:
        raise JsonRpcInvalidParams(str(error)) from None
    payload: dict[str, Any] = json.loads(to_json(run))
    payload.update(text=to_text(run), markdown=to_markdown(run))
    return payload


async def simulate(server: FluxServer, uri: str, options: dict[str, Any]) -> dict[str, Any]:
    result = await server.analysed(uri)
    if result is None:
        raise JsonRpcInvalidParams(f"{METHOD}: cannot read {uri}")
    progress = await Progress.create(server, "Simulating")
    progress.begin(os.path.basename(result.analysis.path))
    loop = asyncio.get_running_loop()
    stop = threading.Event()

    def report(done: int, total: int) -> None:
        loop.call_soon_threadsafe(progress.report, done, total)

    try:
        payload = await loop.run_in_executor(None, run, result, options, report, stop)
    except asyncio.CancelledError:
        stop.set()
        raise
    finally:
        progress.end()
    payload.update(uri=uri, version=result.version)
    return payload


def register(server: FluxServer) -> None:
    @server.request(METHOD)
    async def request(params: Any) -> dict[str, Any]:
        return await simulate(server, *read_params(params))

    async def command(*arguments: Any) -> dict[str, Any]:
        if not arguments:
            raise JsonRpcInvalidParams(f"{COMMAND} needs a document")
        if isinstance(arguments[0], str):
            source = arguments[1] if len(arguments) > 1 else None
            params: dict[str, Any] = {"uri": arguments[0]}
            if isinstance(source, str):
                params["source"] = source
            return await simulate(server, *read_params(params))
        return await simulate(server, *read_params(arguments[0]))

    server.async_command(COMMAND, command)
