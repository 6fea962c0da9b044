"""Code lenses: "Show flow graph" on sources and abstract nodes, reference counts on nodes.

``code_lenses(analysis)`` returns, ordered by position:

* on each ``source S => T;`` (over ``source``'s line): **Show flow graph** with command
  ``flux.flowGraph`` and arguments ``(path, T)`` — the flow each accepted input starts;
* on each abstract node (over its signature, or its first flow definition): **Show flow
  graph** with arguments ``(path, N)``;
* on each node (same place): **N references** with command ``flux.showReferences`` and
  arguments ``(path, N, [[start, end], …])`` — the byte spans of every use of N in flows,
  sources, handlers and ``atomic`` declarations.

``path`` is ``analysis.path``; the language server puts the document's URI there. The
command ids are the ones the server registers (``workspace/executeCommand``).
"""

from __future__ import annotations

from typing import NamedTuple

from ..analysis import Analysis
from ..model import Name

__all__ = ["FLOW_GRAPH_COMMAND", "REFERENCES_COMMAND", "CodeLens", "code_lenses", "node_uses"]

FLOW_GRAPH_COMMAND = "flux.flowGraph"
REFERENCES_COMMAND = "flux.showReferences"


class CodeLens(NamedTuple):
    start: int                       # the bytes the lens sits over
    end: int
    title: str
    command: str
    arguments: tuple[object, ...]


def node_uses(analysis: Analysis) -> dict[str, list[Name]]:
    """Every use of every node name (flow steps, sources, handlers, atomics), in order."""
    uses: dict[str, list[Name]] = {}
    program = analysis.program
    names: list[Name] = [s for f in program.flows for s in f.steps]
    names += [n for s in program.sources for n in (s.node, s.target)]
    names += [h.node for h in program.handlers]
    names += [a.node for a in program.atomics]
    for name in names:
        found = uses.get(name.text)
        if found is None:
            uses[name.text] = [name]
        else:
            found.append(name)
    for found in uses.values():
        if len(found) > 1:
            found.sort(key=lambda n: n.span.start)
    return uses


def code_lenses(analysis: Analysis, references: bool = True) -> list[CodeLens]:
    """The lenses of one file (``references=False``: only the flow-graph lenses)."""
    path = analysis.path
    lenses: list[CodeLens] = []
    for source in analysis.program.sources:
        lenses.append(CodeLens(source.span.start, source.node.span.end, "Show flow graph",
                               FLOW_GRAPH_COMMAND, (path, source.target.text)))
    uses = node_uses(analysis) if references else {}
    for name, info in analysis.semantics.nodes.items():
        span = info.name_span
        if info.kind == "abstract":
            lenses.append(CodeLens(span.start, span.end, "Show flow graph", FLOW_GRAPH_COMMAND,
                                   (path, name)))
        if references:
            found = uses.get(name, [])
            title = f"{len(found)} reference" + ("" if len(found) == 1 else "s")
            lenses.append(CodeLens(span.start, span.end, title, REFERENCES_COMMAND,
                                   (path, name, [[n.span.start, n.span.end] for n in found])))
    lenses.sort(key=lambda lens: (lens.start, lens.command))
    return lenses
