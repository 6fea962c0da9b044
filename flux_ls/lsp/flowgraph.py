"""The custom request ``flux/flowGraph`` and the command ``flux.flowGraph``: the program graph.

Params: ``{"textDocument": {"uri": …}, "node": "Name"?}`` (the command takes the same object
as its one argument, or ``uri`` and ``node`` as two). The result is the ``flux-graph/1`` JSON
of ``graph_render.graph_json`` with every source range an LSP ``Range`` in the negotiated
encoding, plus ``uri``, ``version``, ``node``, ``dot`` (Graphviz text) and ``svg`` (null when
Graphviz's ``dot`` is not installed or fails; ``svgError`` says why). When the document's
program has a path profile (``lsp/profiles.py``) the payload also carries it, as
``flux graph --profile`` does: ``profile`` (``stale`` when the program changed since), per
vertex ``count`` and ``traffic`` (calls, wall time, mean, share of the flows' time), per edge
``count``, and the DOT and SVG draw edge widths by traffic and nodes shaded by their share of
time.
``node`` focuses on one node with its whole sub-flow; an unknown node is an
``InvalidParams`` error. The graph is built from the analysis of the document's current
text (or of the file on disk when it is not open); building and SVG rendering run off the
event loop. See docs/lsp.md.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from typing import TYPE_CHECKING, Any

from pygls.exceptions import JsonRpcInvalidParams

from ..ide import legend
from . import convert

if TYPE_CHECKING:
    from .documents import Analysed
    from .profiles import Profiles
    from .server import FluxServer

METHOD = "flux/flowGraph"
COMMAND = legend.FLOW_GRAPH_COMMAND
DOT_TIMEOUT = 20.0


def _field(value: Any, name: str) -> Any:
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)


def read_params(params: Any) -> tuple[str, str | None]:
    """``(uri, node)`` from request params (a dict, or an object with those fields)."""
    document = _field(params, "textDocument") or _field(params, "text_document")
    uri = _field(document, "uri") if document is not None else _field(params, "uri")
    node = _field(params, "node")
    if not isinstance(uri, str) or not uri:
        raise JsonRpcInvalidParams("flux/flowGraph needs textDocument.uri")
    if node is not None and not isinstance(node, str):
        raise JsonRpcInvalidParams("flux/flowGraph: node must be a string")
    return uri, node or None


def graph_payload(result: Analysed, node: str | None,
                  profiles: Profiles | None = None) -> dict[str, Any]:
    """The JSON and DOT of a document's graph (runs in the executor)."""
    from ..graph import build, subgraph
    from ..graph_render import graph_json, render_dot

    graph = build(result.analysis)
    profile = profiles.load(result.analysis.path) if profiles is not None else None
    overlay = None
    if profile is not None and not result.analysis.errors:
        from ..profile.overlay import traffic

        overlay = traffic(profile, graph)
    if node is not None:
        try:
            graph = subgraph(graph, node)
        except KeyError:
            raise JsonRpcInvalidParams(f"flux/flowGraph: no node named '{node}'") from None
    path = result.analysis.path
    data = graph_json(graph, result.analysis.lines, path)
    dot = render_dot(graph, os.path.basename(path) or "flux")
    if profile is not None and overlay is not None:
        from ..profile.overlay import decorate_dot, decorate_json

        data = decorate_json(data, profile, overlay)
        if not overlay.stale:
            dot = decorate_dot(dot, graph, overlay)
    payload: dict[str, Any] = convert.graph_ranges(data, result.lines)
    payload["dot"] = dot
    return payload


async def render_svg(dot: str) -> tuple[str | None, str | None]:
    """``(svg, None)`` or ``(None, why not)``; the ``dot`` process dies with the request."""
    program = shutil.which("dot")
    if program is None:
        return None, "Graphviz's dot is not installed"
    process = await asyncio.create_subprocess_exec(
        program, "-Tsvg", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(process.communicate(dot.encode("utf-8")), DOT_TIMEOUT)
    except TimeoutError:
        return None, f"Graphviz's dot did not finish within {DOT_TIMEOUT:g} s"
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        return None, f"Graphviz's dot failed (exit {process.returncode})" + (
            f": {detail[0]}" if detail else "")
    return out.decode("utf-8", "replace"), None


async def flow_graph(server: FluxServer, uri: str, node: str | None) -> dict[str, Any]:
    result = await server.analysed(uri)
    if result is None:
        raise JsonRpcInvalidParams(f"flux/flowGraph: cannot read {uri}")
    payload = await server.in_executor(graph_payload, result, node, server.profiles)
    svg, why = await render_svg(payload["dot"])
    payload.update(uri=uri, version=result.version, node=node, svg=svg)
    if why is not None:
        payload["svgError"] = why
    return payload


def register(server: FluxServer) -> None:
    @server.request(METHOD)
    async def request(params: Any) -> dict[str, Any]:
        return await flow_graph(server, *read_params(params))

    async def command(*arguments: Any) -> dict[str, Any]:
        if not arguments:
            raise JsonRpcInvalidParams(f"{COMMAND} needs a document")
        if isinstance(arguments[0], str):
            node = arguments[1] if len(arguments) > 1 else None
            return await flow_graph(server, *read_params({"uri": arguments[0], "node": node}))
        return await flow_graph(server, *read_params(arguments[0]))

    server.async_command(COMMAND, command)
