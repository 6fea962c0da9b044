"""``flux graph``: draw the program graph (``flux_ls.graph``) as DOT, JSON, SVG or Mermaid.

The output goes to stdout, or atomically to ``-o FILE`` (a temporary file in the same
directory replaces it). A program with errors still gets whatever graph can be built, with
``flux: warning: PATH has N errors; the graph may be incomplete`` on stderr (exit 0); a
file in which no declaration could be parsed at all exits 1. SVG pipes the DOT through
Graphviz's ``dot -Tsvg``. Exit status: 0 done, 1 nothing parseable, 2 usage, I/O, unknown
``--node`` or missing/failing Graphviz. Start-up stays lean: the core is imported in ``run``.
"""

from __future__ import annotations

import argparse
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..graph import Graph
    from ..profile.overlay import Traffic
    from ..profile.schema import Profile

DESCRIPTION = """\
Draw the program graph of a Flux file: ENTRY, every use of every node (abstract nodes as
clusters with their dispatch alternatives), handlers, EXIT and ERROR, with the effective
atomicity constraints on each node (an elevated one marked with an arrow).

exit status: 0 done, 1 the file has no parseable declaration, 2 usage or I/O problem.

examples:
  flux graph app.flux | dot -Tpng > app.png
  flux graph app.flux --format svg -o app.svg     (needs Graphviz's dot)
  flux graph app.flux --format json --node Handler
  flux graph app.flux --format mermaid >> README.md
  flux graph app.flux --profile .flux-build/profile.json --format svg -o hot.svg
                      (edge widths by traffic, nodes shaded by their share of time)
"""

FORMATS = ("dot", "json", "svg", "mermaid")
DOT_TIMEOUT = 60.0
NO_DOT = "--format svg needs Graphviz's dot (Debian: apt install graphviz)"


class GraphError(Exception):
    """A one-line, user-facing problem; the exit status travels with it."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "graph", help="draw the program graph (DOT, JSON, SVG, Mermaid)",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", metavar="PATH", help="a Flux file, or - for standard input")
    parser.add_argument("--format", choices=FORMATS, default="dot",
                        help="output format (default: dot)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output")
    parser.add_argument("--node", metavar="NAME",
                        help="focus on one node: an abstract node with its whole sub-flow")
    parser.add_argument("--profile", metavar="PROFILE",
                        help="draw a path profile's traffic (dot, svg, json): edge widths by "
                        "flows, nodes shaded by share of time; refused if the program changed")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .files import write_atomic, write_stdout

    try:
        data = _render(args)
    except GraphError as error:
        print(f"flux: error: {error}", file=sys.stderr)
        return error.status
    if not args.output:
        write_stdout(data)
        return 0
    try:
        write_atomic(args.output, data)
    except OSError as error:
        print(f"flux: error: cannot write {args.output}: {error.strerror or error}",
              file=sys.stderr)
        return 2
    return 0


def _render(args: argparse.Namespace) -> bytes:
    from ..analysis import analyze
    from ..graph import build, subgraph
    from ..graph_build import NODE_KINDS
    from ..graph_render import render_dot, render_json, render_mermaid
    from .files import InputError, read

    try:
        source = read(args.path)
    except InputError as error:
        raise GraphError(str(error)) from None
    analysis = analyze(source.data, source.path)
    _warn(analysis.path, len(analysis.errors), bool(analysis.program.declarations))
    graph = build(analysis)
    overlay = _profile(args, graph, source.path) if args.profile else None
    if graph.truncated:
        print(f"flux: warning: {analysis.path}: the graph was cut at {len(graph.vertices)} "
              "vertices (abstract nodes nest too deeply to expand every use)", file=sys.stderr)
    if args.node:
        try:
            graph = subgraph(graph, args.node)
        except KeyError:
            names = {v.name for v in graph.vertices if v.kind in NODE_KINDS}
            raise GraphError(_unknown_node(args.node, names, source.path)) from None
    if args.format == "json":
        if overlay is not None:
            import json

            from ..graph_render import graph_json
            from ..profile.overlay import decorate_json

            data = decorate_json(graph_json(graph, analysis.lines, source.path), *overlay)
            return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        return render_json(graph, analysis.lines, source.path).encode("utf-8")
    if args.format == "mermaid":
        return render_mermaid(graph).encode("utf-8")
    text = render_dot(graph, os.path.basename(source.path))
    if overlay is not None:
        from ..profile.overlay import decorate_dot

        text = decorate_dot(text, graph, overlay[1])
    dot = text.encode("utf-8")
    return _svg(dot) if args.format == "svg" else dot


def _profile(args: argparse.Namespace, graph: Graph, path: str) -> tuple[Profile, Traffic]:
    from ..profile.overlay import traffic
    from .profile import ProfileCommandError, read_profile

    if args.format == "mermaid":
        raise GraphError("--profile draws dot, svg or json, not mermaid")
    try:
        profile = read_profile(args.profile)
    except ProfileCommandError as error:
        raise GraphError(str(error), error.status) from None
    found = traffic(profile, graph)
    if found.stale:
        raise GraphError(f"{args.profile} is a profile of another version of {path}: its "
                         "program graph differs from the program's now (a flow, a dispatch or "
                         "a constraint changed since it was recorded); run the server again to "
                         "profile this version", 1)
    return profile, found


def _warn(path: str, errors: int, parsed: bool) -> None:
    if errors and not parsed:
        raise GraphError(f"{path} cannot be parsed ({_count(errors)}; `flux check` shows "
                         "them): no graph", status=1)
    if errors:
        print(f"flux: warning: {path} has {_count(errors)}; the graph may be incomplete",
              file=sys.stderr)


def _count(errors: int) -> str:
    return f"{errors} error" + ("" if errors == 1 else "s")


def _unknown_node(node: str, names: set[str], path: str) -> str:
    import difflib

    close = difflib.get_close_matches(node, sorted(names), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"--node: no node named '{node}' in {path}{hint}"


def _svg(dot: bytes) -> bytes:
    import shutil
    import subprocess

    program = shutil.which("dot")
    if program is None:
        raise GraphError(NO_DOT)
    try:
        done = subprocess.run([program, "-Tsvg"], input=dot, capture_output=True,
                              timeout=DOT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise GraphError(f"Graphviz's dot did not finish within {DOT_TIMEOUT:g} s") from None
    except OSError as error:
        raise GraphError(f"cannot run {program}: {error.strerror or error}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphError(f"Graphviz's dot failed (exit {done.returncode})"
                         + (f": {detail[0]}" if detail else ""))
    return done.stdout

