"""Pure renderers of the program graph: DOT (Graphviz), JSON (for editors) and Mermaid.

No IO here: SVG is DOT piped through Graphviz's ``dot -Tsvg`` by the CLI.

DOT: ENTRY/EXIT/ERROR as Mdiamond/Msquare/octagon, concrete nodes as rounded boxes (a
source in bold), each expanded use of an abstract node as a cluster holding its dispatch
diamond, its sub-flow and its return point; handlers as notes. Labels list the *effective*
constraints in Flux syntax (``{cache?, x}``, ``semantics.constraint_text``), an elevated or
upgraded one in orange (Mermaid: the node's class ``elevated``), with the reason in the
tooltip. Dispatch edges carry their pattern, numbered in the order dispatch tries the
alternatives where there are several (the first match wins: ``1: [hit]``, ``2: [_]``); error
edges are dashed red.
Vertices and edges carry ``id="v4"`` / ``id="e7"`` so a clicked SVG element maps back to
the graph.

JSON (``schema: "flux-graph/1"``; stable, fields are only ever added)::

    {"schema": "flux-graph/1", "path": str, "truncated": bool,
     "paths": int,                         # Ball–Larus: ENTRY → EXIT|ERROR paths
     "vertices": [{"id": int, "kind": "entry|exit|error|concrete|source|abstract|return|
                                        handler|unknown",
                   "name": str, "parent": int|null, "reachable": bool, "expanded": bool,
                   "handles": str|null,    # handler: the node it handles
                   "declaration": RANGE|null, "use": RANGE|null,
                   "inputs": [str|null]|null, "outputs": [str|null]|null,
                   "constraints": {"declared": [C], "effective": [C]}}],
     "edges": [{"id": int, "src": int, "dst": int,
                "kind": "source|flow|dispatch|return|exit|error", "label": str,
                "pattern": [str]|null, "alternative": int|null, "unhandled": bool,
                "order": int|null,         # dispatch: 1-based place in the order tried
                                           # (first match wins); null for one alternative
                "weight": int,             # Ball–Larus edge weight
                "range": RANGE|null}]}
    RANGE = {"start": byte, "end": byte, "line": int, "column": int,
             "end_line": int, "end_column": int}     # 1-based; columns in code points
    C = {"name": str, "mode": "read|write", "scope": "program|session", "elevated": bool,
         "upgraded": bool, "reason": str|null, "origin": RANGE}

Mermaid: ``flowchart TD`` with one subgraph per abstract use, labels quoted and escaped
(``#quot;``, ``#lt;``, ``#gt;``, ``#35;``), error edges dotted and styled red.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .graph import ConstraintView, Edge, Graph, Vertex, numbering, path_count
from .model import Span
from .render.report import location
from .semantics import Types, show_types
from .text import LineIndex

RED, ORANGE, GRAY = "#c92a2a", "#d9480f", "#868e96"
_DOT_SHAPES = {
    "entry": 'shape=Mdiamond label="ENTRY"', "exit": 'shape=Msquare label="EXIT"',
    "error": f'shape=octagon label="ERROR" color="{RED}" fontcolor="{RED}"',
    "concrete": 'shape=box style=rounded', "source": 'shape=box style="rounded,bold"',
    "abstract": "shape=diamond", "return": 'shape=point width=0.12',
    "handler": f'shape=note color="{RED}"',
    "unknown": f'shape=box style="rounded,dashed" color="{RED}" fontcolor="{RED}"',
}
_DOT_EDGES = {
    "source": "style=bold", "flow": "", "dispatch": "fontsize=10", "exit": "",
    "return": f'color="{GRAY}" arrowsize=0.6',
    "error": f'style=dashed color="{RED}" fontcolor="{RED}" fontsize=9',
}


def constraint_text(constraints: tuple[ConstraintView, ...]) -> str:
    """``{cache?, x}`` (empty string for no constraints)."""
    return "{" + ", ".join(str(c) for c in constraints) + "}" if constraints else ""


def _children(graph: Graph) -> dict[int | None, list[Vertex]]:
    """Vertices grouped by the expanded abstract vertex that encloses them (None: top)."""
    clusters = {v.id for v in graph.vertices if v.kind == "abstract" and v.expanded}
    groups: dict[int | None, list[Vertex]] = {}
    for v in graph.vertices:
        groups.setdefault(v.parent if v.parent in clusters else None, []).append(v)
    return groups


# -- DOT ------------------------------------------------------------------------------

def _dq(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _dot_constraints(constraints: tuple[ConstraintView, ...]) -> str:
    parts = [f'<FONT COLOR="{ORANGE}">{_html(str(c))}</FONT>' if c.changed else _html(str(c))
             for c in constraints]
    return '<BR/><FONT POINT-SIZE="10">{' + ", ".join(parts) + "}</FONT>"


def _tooltip(v: Vertex) -> str:
    lines = [v.name]
    if v.inputs is not None or v.outputs is not None:
        lines.append(f"{show_types(v.inputs)} => {show_types(v.outputs)}")
    lines += [f"{c}: {c.reason}" for c in v.effective if c.reason]
    if v.handles:
        lines.append(f"handles errors of {v.handles}")
    return "\n".join(lines)


def _dot_vertex(v: Vertex) -> str:
    attrs = [_DOT_SHAPES[v.kind], f'id="v{v.id}"']
    if v.kind in ("concrete", "source", "abstract", "handler", "unknown"):
        label = _html(v.name + ("?" if v.kind == "unknown" else ""))
        if v.kind == "handler" and v.handles:
            label += f'<BR/><FONT POINT-SIZE="9">handles {_html(v.handles)}</FONT>'
        if not v.expanded:
            label += '<BR/><FONT POINT-SIZE="9">(not expanded)</FONT>'
        if v.effective:
            label += _dot_constraints(v.effective)
        attrs += [f"label=<{label}>", f"tooltip={_dq(_tooltip(v))}"]
    if any(c.changed for c in v.effective):
        attrs.append(f'color="{ORANGE}"')
    if not v.reachable and v.kind not in ("entry", "exit", "error"):
        attrs.append(f'fontcolor="{GRAY}" color="{GRAY}"')
    return f"v{v.id} [{' '.join(attrs)}];"


def alternatives(graph: Graph) -> Counter[int]:
    """Vertex → how many dispatch alternatives leave it."""
    return Counter(e.src for e in graph.edges if e.kind == "dispatch")


def edge_label(e: Edge, tried: Counter[int]) -> str:
    """An edge's label as drawn: a dispatch edge of a node with several alternatives is
    numbered in the order dispatch tries them, the first match winning (``1: [hit]``,
    ``2: [_]``)."""
    if e.kind == "dispatch" and e.alternative is not None and tried[e.src] > 1:
        return f"{e.alternative + 1}: {e.label}" if e.label else str(e.alternative + 1)
    return e.label


def _dot_edge(e: Edge, tried: Counter[int]) -> str:
    attrs = [_DOT_EDGES[e.kind], f'id="e{e.id}"']
    label = edge_label(e, tried)
    if label and label != "error":
        attrs.append(f"label={_dq(label)}")
    if e.unhandled:
        attrs.append("penwidth=0.6")
    return f"v{e.src} -> v{e.dst} [{' '.join(a for a in attrs if a)}];"


def _dot_group(graph: Graph, groups: dict[int | None, list[Vertex]], key: int | None,
               depth: int, out: list[str]) -> None:
    pad = "  " * depth
    for v in groups.get(key, []):
        if v.id in groups:
            out.append(f"{pad}subgraph cluster_v{v.id} {{")
            out.append(f'{pad}  label="" style=rounded color="{GRAY}";')
            out.append(f"{pad}  {_dot_vertex(v)}")
            _dot_group(graph, groups, v.id, depth + 1, out)
            out.append(f"{pad}}}")
        else:
            out.append(pad + _dot_vertex(v))


def render_dot(graph: Graph, title: str = "flux") -> str:
    groups = _children(graph)
    out = [f"// Generated by flux graph from {title} — {len(graph.vertices)} vertices, "
           f"{len(graph.edges)} edges, {path_count(graph)} paths (Ball–Larus)",
           f"digraph {_dq(title)} {{",
           '  graph [rankdir=TB fontname="Helvetica" newrank=true];',
           '  node [fontname="Helvetica" fontsize=12];',
           '  edge [fontname="Helvetica" fontsize=10];']
    _dot_group(graph, groups, None, 1, out)
    tried = alternatives(graph)
    out += [f"  {_dot_edge(e, tried)}" for e in graph.edges]
    out += ["  { rank=source; v0; }", "  { rank=sink; v1; v2; }", "}"]
    return "\n".join(out) + "\n"


# -- JSON -----------------------------------------------------------------------------

def _range(span: Span | None, lines: LineIndex) -> dict[str, int] | None:
    if span is None:
        return None
    where = location(lines, span)
    return {"start": span.start, "end": span.end, "line": where.line, "column": where.column,
            "end_line": where.end_line, "end_column": where.end_column}


def _types(types: Types) -> list[str | None] | None:
    return None if types is None else list(types)


def _constraint(c: ConstraintView, lines: LineIndex) -> dict[str, Any]:
    return {"name": c.name, "mode": c.mode, "scope": c.scope, "elevated": c.elevated,
            "upgraded": c.upgraded, "reason": c.reason, "origin": _range(c.origin, lines)}


def _json_vertex(v: Vertex, lines: LineIndex) -> dict[str, Any]:
    return {"id": v.id, "kind": v.kind, "name": v.name, "parent": v.parent,
            "reachable": v.reachable, "expanded": v.expanded, "handles": v.handles,
            "declaration": _range(v.span, lines), "use": _range(v.use, lines),
            "inputs": _types(v.inputs), "outputs": _types(v.outputs),
            "constraints": {"declared": [_constraint(c, lines) for c in v.declared],
                            "effective": [_constraint(c, lines) for c in v.effective]}}


def _json_edge(e: Edge, weight: int, lines: LineIndex, tried: Counter[int]) -> dict[str, Any]:
    several = e.kind == "dispatch" and tried[e.src] > 1
    return {"id": e.id, "src": e.src, "dst": e.dst, "kind": e.kind, "label": e.label,
            "pattern": None if e.pattern is None else list(e.pattern),
            "alternative": e.alternative, "unhandled": e.unhandled, "weight": weight,
            "range": _range(e.span, lines),
            "order": e.alternative + 1 if several and e.alternative is not None else None}


def graph_json(graph: Graph, lines: LineIndex, path: str) -> dict[str, Any]:
    """The JSON object of the schema above (what the language server sends)."""
    number = numbering(graph)
    weights = number.weights
    tried = alternatives(graph)
    return {"schema": "flux-graph/1", "path": path, "truncated": graph.truncated,
            "paths": number.paths,
            "vertices": [_json_vertex(v, lines) for v in graph.vertices],
            "edges": [_json_edge(e, weights.get(e.id, 0), lines, tried) for e in graph.edges]}


def render_json(graph: Graph, lines: LineIndex, path: str) -> str:
    return json.dumps(graph_json(graph, lines, path), indent=2, ensure_ascii=False) + "\n"


# -- Mermaid --------------------------------------------------------------------------

def _mq(text: str) -> str:
    """A quoted Mermaid label; ``\\n`` becomes a line break."""
    text = (text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;")
            .replace(">", "#gt;"))
    return '"' + text.replace("\n", "<br/>") + '"'


_MERMAID_SHAPES = {
    "entry": "((%s))", "exit": "(((%s)))", "error": "{{%s}}", "concrete": "(%s)",
    "source": "([%s])", "abstract": "{%s}", "return": "((%s))", "handler": "[/%s/]",
    "unknown": "[%s]",
}
_MERMAID_ARROWS = {"source": "==>", "error": "-.->"}


def _mermaid_vertex(v: Vertex) -> str:
    label = {"return": "return", "unknown": v.name + "?"}.get(v.kind, v.name)
    if v.effective:
        label += "\n" + constraint_text(v.effective)
    if v.handles:
        label += f"\nhandles {v.handles}"
    return f"v{v.id}" + _MERMAID_SHAPES[v.kind] % _mq(label)


def _mermaid_group(groups: dict[int | None, list[Vertex]], key: int | None, depth: int,
                   out: list[str]) -> None:
    pad = "  " * depth
    for v in groups.get(key, []):
        if v.id in groups:
            out.append(f"{pad}subgraph s{v.id} [{_mq(v.name)}]")
            out.append(f"{pad}  {_mermaid_vertex(v)}")
            _mermaid_group(groups, v.id, depth + 1, out)
            out.append(f"{pad}end")
        else:
            out.append(pad + _mermaid_vertex(v))


def render_mermaid(graph: Graph) -> str:
    out = ["flowchart TD"]
    _mermaid_group(_children(graph), None, 1, out)
    red = []
    tried = alternatives(graph)
    for index, e in enumerate(graph.edges):
        arrow = _MERMAID_ARROWS.get(e.kind, "-->")
        text = edge_label(e, tried)
        label = f"|{_mq(text)}|" if text and text != "error" else ""
        out.append(f"  v{e.src} {arrow}{label} v{e.dst}")
        if e.kind == "error":
            red.append(str(index))
    out += ["  classDef error stroke:#c92a2a,color:#c92a2a",
            "  classDef elevated stroke:#d9480f,stroke-width:2px",
            "  classDef unreachable color:#868e96,stroke:#adb5bd"]
    out += [f"  class v{v.id} {_mermaid_class(v)}" for v in graph.vertices if _mermaid_class(v)]
    if red:
        out.append(f"  linkStyle {','.join(red)} stroke:#c92a2a")
    return "\n".join(out) + "\n"


def _mermaid_class(v: Vertex) -> str:
    if v.kind in ("error", "handler", "unknown"):
        return "error"
    if any(c.changed for c in v.effective):
        return "elevated"
    return "" if v.reachable else "unreachable"
