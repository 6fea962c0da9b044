"""Code lenses: "Show flow graph" on sources and abstract nodes, reference counts on nodes.

``code_lenses(analysis)`` returns, ordered by position:

* on each ``source S => T;`` (over ``source``'s line): **Show flow graph** with command
  ``flux.flowGraph`` and arguments ``(path, T)`` — the flow each accepted input starts;
* on each source (same place): **Simulate load** with command ``flux.simulate`` and
  arguments ``(path, S)`` — predicted throughput and latency of S's flows
  (``lsp/simulate.py``);
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
from .index import Symbol, index
from .legend import FLOW_GRAPH_COMMAND, REFERENCES_COMMAND, SIMULATE_COMMAND

__all__ = ["FLOW_GRAPH_COMMAND", "REFERENCES_COMMAND", "SIMULATE_COMMAND", "CodeLens",
           "code_lenses"]



class CodeLens(NamedTuple):
    start: int                       # the bytes the lens sits over
    end: int
    title: str
    command: str
    arguments: tuple[object, ...]


def code_lenses(analysis: Analysis) -> list[CodeLens]:
    """The lenses of one file."""
    path = analysis.path
    lenses: list[CodeLens] = []
    for source in analysis.program.sources:
        lenses.append(CodeLens(source.span.start, source.node.span.end, "Show flow graph",
                               FLOW_GRAPH_COMMAND, (path, source.target.text)))
        lenses.append(CodeLens(source.span.start, source.node.span.end, "Simulate load",
                               SIMULATE_COMMAND, (path, source.node.text)))
    symbols = index(analysis)
    for name, info in analysis.semantics.nodes.items():
        span = info.name_span
        if info.kind == "abstract":
            lenses.append(CodeLens(span.start, span.end, "Show flow graph", FLOW_GRAPH_COMMAND,
                                   (path, name)))
        found = symbols.uses(Symbol("node", name))
        title = f"{len(found)} reference" + ("" if len(found) == 1 else "s")
        lenses.append(CodeLens(span.start, span.end, title, REFERENCES_COMMAND,
                               (path, name, [[use.start, use.end] for use in found])))
    lenses.sort(key=lambda lens: (lens.start, lens.command))
    return lenses
