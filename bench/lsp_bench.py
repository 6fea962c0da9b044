"""The language server through a real stdio client: start-up, diagnostics latency, requests.

For each program (every example, and generated programs of 1,000 and 10,000 lines) a fresh
``flux-ls`` process is driven by a pygls client over stdio, as an editor would:

* **spawn → initialize**: from starting the process to the ``initialize`` result (runs
  repeated with fresh processes);
* **didChange → publishDiagnostics**: one character typed (then deleted again) at a random
  place, timed until the diagnostics *for that version* arrive; each edit waits for the
  previous one's diagnostics, so this is the latency of one keystroke, not of a burst
  ("scattered": every keystroke pair at a new place); and the same for a word typed at one
  place character by character, then erased ("typing a word");
* **requests** the server advertises — hover, definition, references, completion at random
  node names; semantic tokens ``full`` and ``range`` (a 100-line window, what an editor asks
  for the visible part first); formatting — on the unchanged text;
* **requests after a keystroke**: ``semanticTokens/full/delta`` (against the previous
  result) and formatting, each sent once the keystroke's diagnostics have arrived (the
  analysis of the new text is the keystroke's cost, measured above), with the size of the
  delta edits;
* **memory**: the server's resident set (VmRSS, and its peak VmHWM) after the keystrokes,
  and again after all the requests (the caches of tokens and formatting included).

Every request kind also reports ``first_s``: its first request on a freshly started server
(caches empty; e.g. the first formatting of a file never formatted before).

The client is pygls' ``LanguageClient``, with one change: semantic tokens and published
diagnostics are structured without cattrs walking the ~370,000 ints of a 10,000-line file
one by one, or building lsprotocol objects for its ~100 diagnostics and their ~300 related
locations (structure hooks pass the decoded lists through), as an editor decodes them
natively; parsing the JSON is still timed. Once a document is open, the client freezes
its heap (``gc.freeze``): its own full collections, 20-30 ms with the objects of a
10,000-line session, landed on the keystrokes they happened to follow and were counted as
the server's latency. The machine's load average is recorded at the start and the end of
the run.

Reports p50/p95 per program and writes ``bench/results/lsp.json``. Targets (issue 3):
initialize ≤ 300 ms; every request p95 ≤ 10 ms on the examples and ≤ 50 ms at 10,000 lines;
diagnostics after a keystroke p95 ≤ 50 ms at 10,000 lines; ≤ 150 MB resident with the
10,000-line file open. Numbers are reported, never asserted.

    python bench/lsp_bench.py [--starts 11] [--edits 40] [--requests 40] [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cattrs import Converter
from common import ROOT, ms, table, venv_python, write_results
from gen import generate
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.protocol import default_converter

SERVER = [venv_python(), "-m", "flux_ls.lsp"]
TIMEOUT = 120.0
NAME = re.compile(r"\b[A-Z][A-Za-z0-9_]*\b")
CAPABILITIES = types.ClientCapabilities(
    general=types.GeneralClientCapabilities(position_encodings=["utf-16"]),
    text_document=types.TextDocumentClientCapabilities(
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        completion=types.CompletionClientCapabilities(),
        semantic_tokens=types.SemanticTokensClientCapabilities(
            requests=types.ClientSemanticTokensRequestOptions(
                full=types.ClientSemanticTokensRequestFullDelta(delta=True), range=True),
            token_types=[], token_modifiers=[], formats=[types.TokenFormat.Relative])),
    window=types.WindowClientCapabilities(work_done_progress=False))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50_s": percentile(values, 0.5), "p95_s": percentile(values, 0.95),
            "max_s": max(values), "first_s": values[0], "n": len(values)}


def converter() -> Converter:
    """pygls' converter, but semantic tokens keep their int list and published diagnostics
    their list of objects as JSON decoded them."""
    conv: Converter = default_converter()  # type: ignore[no-untyped-call]
    conv.register_structure_hook(types.SemanticTokens, lambda obj, _: types.SemanticTokens(
        data=obj["data"], result_id=obj.get("resultId")))
    conv.register_structure_hook(
        types.PublishDiagnosticsParams, lambda obj, _: types.PublishDiagnosticsParams(
            uri=obj["uri"], diagnostics=obj["diagnostics"], version=obj.get("version")))
    return conv


class Client:
    """A pygls client that resolves a future when diagnostics for (uri, version) arrive."""

    def __init__(self) -> None:
        self.lsp = LanguageClient("flux-bench", "1", converter_factory=converter)
        self.waiting: dict[tuple[str, int | None], asyncio.Future[float]] = {}

        @self.lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            future = self.waiting.pop((params.uri, params.version), None)
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

        @self.lsp.feature(types.WINDOW_LOG_MESSAGE)
        def logged(params: types.LogMessageParams) -> None:
            pass

    def expect(self, uri: str, version: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[(uri, version)] = future
        return future

    async def start(self) -> types.InitializeResult:
        await self.lsp.start_io(*SERVER)
        result = await asyncio.wait_for(self.lsp.initialize_async(types.InitializeParams(
            capabilities=CAPABILITIES, process_id=None, root_uri=None)), TIMEOUT)
        self.lsp.initialized(types.InitializedParams())  # as every client does
        return result

    async def stop(self) -> None:
        await asyncio.wait_for(self.lsp.shutdown_async(None), TIMEOUT)
        self.lsp.exit(None)
        await self.lsp.stop()

    @property
    def pid(self) -> int:
        assert self.lsp._server is not None
        return self.lsp._server.pid


async def spawn_times(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        client = Client()
        began = time.perf_counter()
        await client.start()
        times.append(time.perf_counter() - began)
        await client.stop()
    return times


def memory_kb(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def utf16_position(text: str, index: int) -> types.Position:
    line_start = text.rfind("\n", 0, index) + 1
    column = len(text[line_start:index].encode("utf-16-le")) // 2
    return types.Position(line=text.count("\n", 0, index), character=column)


def edit_indexes(text: str, count: int, rng: random.Random) -> list[int]:
    """Random places just after an identifier character, outside comments' first column."""
    spots = [m.end() for m in NAME.finditer(text)]
    return [rng.choice(spots) for _ in range(count)]


async def keystroke(client: Client, uri: str, version: int, where: types.Position,
                    typed: bool) -> float:
    """Type ``x`` at ``where`` (or delete the ``x`` after it) as ``version``; the time until
    that version's diagnostics arrive."""
    end = where if typed else types.Position(where.line, where.character + 1)
    change = types.TextDocumentContentChangePartial(range=types.Range(start=where, end=end),
                                                    text="x" if typed else "")
    future = client.expect(uri, version)
    began = time.perf_counter()
    client.lsp.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[change]))
    return await asyncio.wait_for(future, TIMEOUT) - began


async def keystrokes(client: Client, uri: str, text: str, count: int, rng: random.Random,
                     version: int) -> tuple[list[float], int]:
    """Type one character and delete it again, each timed to its diagnostics."""
    times = []
    for index in edit_indexes(text, count // 2, rng):
        where = utf16_position(text, index)
        for typed in (True, False):
            version += 1
            times.append(await keystroke(client, uri, version, where, typed))
    return times, version


async def typing_session(client: Client, uri: str, text: str, count: int, rng: random.Random,
                         version: int) -> tuple[list[float], int]:
    """Type ``count // 2`` characters one after another at one place, then erase them one by
    one, as someone typing a word: each keystroke timed to its diagnostics."""
    where = utf16_position(text, edit_indexes(text, 1, rng)[0])
    times: list[float] = []
    typed = count // 2
    for i in [*range(typed), *reversed(range(typed))]:
        version += 1
        at = types.Position(line=where.line, character=where.character + i)
        times.append(await keystroke(client, uri, version, at, len(times) < typed))
    return times, version


def formatting_params(doc: types.TextDocumentIdentifier) -> types.DocumentFormattingParams:
    return types.DocumentFormattingParams(text_document=doc, options=types.FormattingOptions(
        tab_size=4, insert_spaces=True))


def requests(caps: types.ServerCapabilities) -> dict[str, Callable[..., Any]]:
    """The timed requests the server advertises: name -> (client, doc, position) -> call."""
    found: dict[str, Callable[..., Any]] = {}

    def at(params_type: Any) -> Callable[[types.TextDocumentIdentifier, types.Position], Any]:
        return lambda doc, pos: params_type(text_document=doc, position=pos)

    if caps.hover_provider:
        found["hover"] = lambda c, d, p: c.text_document_hover_async(at(types.HoverParams)(d, p))
    if caps.definition_provider:
        found["definition"] = lambda c, d, p: c.text_document_definition_async(
            at(types.DefinitionParams)(d, p))
    if caps.references_provider:
        found["references"] = lambda c, d, p: c.text_document_references_async(
            types.ReferenceParams(text_document=d, position=p,
                                  context=types.ReferenceContext(include_declaration=True)))
    if caps.completion_provider:
        found["completion"] = lambda c, d, p: c.text_document_completion_async(
            at(types.CompletionParams)(d, p))
    if caps.semantic_tokens_provider:
        found["semantic tokens"] = lambda c, d, p: c.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=d))
        found["semantic tokens range"] = lambda c, d, p: \
            c.text_document_semantic_tokens_range_async(types.SemanticTokensRangeParams(
                text_document=d, range=types.Range(
                    start=types.Position(max(0, p.line - 50), 0),
                    end=types.Position(p.line + 50, 0))))
    if caps.document_formatting_provider:
        found["formatting"] = lambda c, d, p: c.text_document_formatting_async(formatting_params(d))
    return found


async def request_times(client: Client, caps: types.ServerCapabilities, uri: str, text: str,
                        count: int, rng: random.Random) -> dict[str, list[float]]:
    doc = types.TextDocumentIdentifier(uri=uri)
    spots = [m.start() + 1 for m in NAME.finditer(text)]
    out: dict[str, list[float]] = {}
    for name, call in requests(caps).items():
        runs = count
        times = []
        for _ in range(runs):
            position = utf16_position(text, rng.choice(spots))
            began = time.perf_counter()
            await asyncio.wait_for(call(client.lsp, doc, position), TIMEOUT)
            times.append(time.perf_counter() - began)
        out[name] = times
    return out


async def after_keystrokes(client: Client, caps: types.ServerCapabilities, uri: str,
                           text: str, version: int, count: int, rng: random.Random
                           ) -> tuple[dict[str, list[float]], list[int], int]:
    """Semantic tokens deltas and formatting, each timed after a keystroke (type a character,
    delete it again) whose diagnostics have arrived; also the ints each delta carried."""
    doc = types.TextDocumentIdentifier(uri=uri)
    out: dict[str, list[float]] = {}
    delta_ints: list[int] = []
    tokens = caps.semantic_tokens_provider
    full = getattr(tokens, "full", None)
    kinds = []
    if getattr(full, "delta", False):
        kinds.append("semantic tokens delta")
    if caps.document_formatting_provider:
        kinds.append("formatting after a keystroke")
    for kind in kinds:
        result_id = None
        if kind == "semantic tokens delta":
            base = await asyncio.wait_for(client.lsp.text_document_semantic_tokens_full_async(
                types.SemanticTokensParams(text_document=doc)), TIMEOUT)
            result_id = base.result_id if base is not None else None
        times = []
        for index in edit_indexes(text, max(1, count // 2), rng):
            where = utf16_position(text, index)
            for typed in (True, False):
                version += 1
                await keystroke(client, uri, version, where, typed)
                began = time.perf_counter()
                if kind == "formatting after a keystroke":
                    await asyncio.wait_for(client.lsp.text_document_formatting_async(
                        formatting_params(doc)), TIMEOUT)
                    times.append(time.perf_counter() - began)
                    continue
                answer = await asyncio.wait_for(
                    client.lsp.text_document_semantic_tokens_full_delta_async(
                        types.SemanticTokensDeltaParams(text_document=doc,
                                                        previous_result_id=result_id or "")),
                    TIMEOUT)
                times.append(time.perf_counter() - began)
                if isinstance(answer, types.SemanticTokensDelta):
                    delta_ints.append(sum(len(e.data or []) for e in answer.edits))
                elif answer is not None:
                    delta_ints.append(len(answer.data))
                result_id = answer.result_id if answer is not None else None
        out[kind] = times
    return out, delta_ints, version


async def measure_program(label: str, path: str, text: str, args: argparse.Namespace
                          ) -> dict[str, Any]:
    client = Client()
    result = await client.start()
    uri = (ROOT / path).as_uri() if path.endswith(".flux") else \
        f"file:///flux-bench/{label.replace(' ', '-')}.flux"  # generated: never written
    rng = random.Random(len(text))
    opened = client.expect(uri, 1)
    began = time.perf_counter()
    client.lsp.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="flux", version=1,
                                             text=text)))
    first = await asyncio.wait_for(opened, TIMEOUT) - began
    gc.collect()
    gc.freeze()  # the client's own full collections are not the server's latency
    typing, version = await keystrokes(client, uri, text, args.edits, rng, 1)
    word, version = await typing_session(client, uri, text, args.edits, rng, version)
    memory = memory_kb(client.pid)
    timed = await request_times(client, result.capabilities, uri, text, args.requests, rng)
    edited, delta_ints, version = await after_keystrokes(
        client, result.capabilities, uri, text, version, args.requests, rng)
    timed.update(edited)
    memory_end = memory_kb(client.pid)
    await client.stop()
    gc.unfreeze()
    return {"program": label, "path": path, "lines": text.count("\n"),
            "bytes": len(text.encode("utf-8")), "open_to_diagnostics_s": first,
            "did_change_to_diagnostics": summary(typing),
            "did_change_to_diagnostics_typing": summary(word),
            "requests": {name: summary(times) for name, times in timed.items()},
            "semantic_tokens_delta_ints": {
                "p50": percentile([float(n) for n in delta_ints], 0.5) if delta_ints else 0,
                "max": max(delta_ints, default=0)},
            "memory_kb": memory, "memory_kb_end": memory_end}


def programs(sizes: list[int]) -> list[tuple[str, str, str]]:
    found = [(p.parent.name, str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
             for p in sorted((ROOT / "examples").glob("*/*.flux"))]
    found += [(f"generated {n} lines", f"python bench/gen.py {n} --seed {n}",
               generate(n, seed=n)) for n in sizes]
    return found


def cell(result: dict[str, Any], name: str) -> str:
    r = result["requests"].get(name)
    return f"{ms(r['p50_s'])} / {ms(r['p95_s'])}" if r else "—"


def first(result: dict[str, Any], name: str) -> str:
    r = result["requests"].get(name)
    return ms(r["first_s"]) if r else "—"


def row(result: dict[str, Any]) -> list[object]:
    scattered = result["did_change_to_diagnostics"]
    typing = result["did_change_to_diagnostics_typing"]
    cells: list[object] = [result["program"], result["lines"], ms(result["open_to_diagnostics_s"]),
                           f"{ms(scattered['p50_s'])} / {ms(scattered['p95_s'])}",
                           f"{ms(typing['p50_s'])} / {ms(typing['p95_s'])}"]
    cells += [cell(result, name) for name in ("hover", "definition", "references", "completion")]
    cells.append(f"{result['memory_kb'].get('VmRSS', 0) / 1024:.0f} MB / "
                 f"{result['memory_kb_end'].get('VmRSS', 0) / 1024:.0f} MB")
    return cells


def token_row(result: dict[str, Any]) -> list[object]:
    cells: list[object] = [result["program"]]
    cells += [cell(result, name) for name in (
        "semantic tokens", "semantic tokens range", "semantic tokens delta", "formatting",
        "formatting after a keystroke")]
    cells.append(f"{result['semantic_tokens_delta_ints']['p50']:.0f} / "
                 f"{result['semantic_tokens_delta_ints']['max']}")
    cells += [first(result, "semantic tokens"), first(result, "formatting")]
    return cells


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


async def main_async(args: argparse.Namespace) -> int:
    load_start = load()
    starts = await spawn_times(args.starts)
    results = [await measure_program(*program, args) for program in programs(args.sizes)]
    load_end = load()
    print(f"## flux-ls through a stdio client ({args.starts} starts, {args.edits} keystrokes "
          f"and {args.requests} requests of each kind per program)\n")
    print(f"load average (1, 5, 15 min) at the start {load_start}, at the end {load_end} "
          f"({os.cpu_count()} CPUs)\n")
    start = summary(starts)
    print(f"spawn → initialize result: p50 {ms(start['p50_s'])}, p95 {ms(start['p95_s'])}, "
          f"max {ms(start['max_s'])} (target ≤ 300 ms)\n")
    print("p50 / p95 per program; memory is the server's resident set after the keystrokes / "
          "after all requests\n")
    print(table(["program", "lines", "open → diagnostics", "keystroke → diagnostics (scattered)",
                 "keystroke → diagnostics (typing a word)", "hover",
                 "definition", "references", "completion", "RSS"], [row(r) for r in results]))
    print("\nsemantic tokens and formatting, p50 / p95; delta ints: p50 / max ints a delta "
          "carried; first: the first request of a fresh server\n")
    print(table(["program", "tokens full", "tokens range (100 lines)",
                 "tokens delta after a keystroke", "formatting", "formatting after a keystroke",
                 "delta ints", "first tokens full", "first formatting"],
                [token_row(r) for r in results]))
    path = write_results("lsp", {
        "server": ["python", "-m", "flux_ls.lsp"], "starts": args.starts,
        "edits": args.edits, "requests_per_kind": args.requests,
        "load_average": {"start": load_start, "end": load_end},
        "spawn_to_initialize": start, "programs": results})
    print(f"\nresults: {path.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=11)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    return asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
