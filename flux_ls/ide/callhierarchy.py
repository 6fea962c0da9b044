"""Call hierarchy mapped to data flow: who feeds a node, and whom it feeds.

Nodes do not call each other in Flux; data flows from one to the next. X *feeds* Y when
Y receives what X produced or was given:

- ``flow``: ``… X -> Y …`` in any flow; Out(X) is In(Y); the range covers ``X -> Y``;
- ``enter``: ``X = Y -> …`` (every alternative): abstract X hands its input to its first
  step Y; the range is the step ``Y``;
- ``leave``: ``Y = … -> X`` (every alternative): the output of the last step X is abstract
  Y's output; the range is the step ``X``;
- ``source``: ``source X => Y``: each output of source X starts a flow of Y; the range
  covers ``X … => Y``.

``incoming_calls(analysis, N)`` lists the nodes that feed N, ``outgoing_calls`` the nodes N
feeds, one ``Call`` per other node with every ``CallSite`` (byte range in the file, kind,
the types that flow there, from ``Semantics``). ``prepare_call_hierarchy`` turns the node
under the cursor into a ``CallItem``. Flows come from the checked model (``NodeInfo.flows``:
conflicting duplicate definitions, FLX103, are left out as the checks left them out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..semantics import Types, show_types
from .index import Symbol, cached, index

if TYPE_CHECKING:
    from ..analysis import Analysis

SiteKind = Literal["flow", "enter", "leave", "source"]
ItemKind = Literal["concrete", "abstract", "unknown"]

_CACHE_KEY = "flux_ls.ide.callhierarchy"


@dataclass(frozen=True)
class CallItem:
    """A node: ``[start, end)`` is its declaration (signature, else first flow definition),
    ``[selection_start, selection_end)`` its name there; ``detail`` its types."""

    name: str
    kind: ItemKind
    path: str
    start: int
    end: int
    selection_start: int
    selection_end: int
    detail: str


@dataclass(frozen=True)
class CallSite:
    """One place where ``feeder`` feeds ``fed``; ``types`` is what flows there."""

    feeder: str
    fed: str
    start: int
    end: int
    kind: SiteKind
    types: Types

    @property
    def detail(self) -> str:
        verb = {"flow": "→", "enter": "enters", "leave": "returns to",
                "source": "starts flows of"}[self.kind]
        return f"{self.feeder} {verb} {self.fed} {show_types(self.types)}"


@dataclass(frozen=True)
class Call:
    """The other node (``item``) and every site between it and the node asked about."""

    item: CallItem
    sites: tuple[CallSite, ...]


@dataclass(frozen=True)
class _Edges:
    by_feeder: dict[str, list[CallSite]]
    by_fed: dict[str, list[CallSite]]


def prepare_call_hierarchy(analysis: Analysis, offset: int) -> tuple[CallItem, ...]:
    """The node under the cursor as a call-hierarchy item (empty if not on a node name)."""
    occ = index(analysis).at(offset)
    if occ is None or occ.kind != "node":
        return ()
    return (call_item(analysis, occ.name),)


def incoming_calls(analysis: Analysis, node: str) -> tuple[Call, ...]:
    """The nodes that feed ``node``, each with the sites where it does."""
    sites = _edges(analysis).by_fed.get(node, [])
    return _group(analysis, sites, lambda s: s.feeder)


def outgoing_calls(analysis: Analysis, node: str) -> tuple[Call, ...]:
    """The nodes ``node`` feeds, each with the sites where it does."""
    sites = _edges(analysis).by_feeder.get(node, [])
    return _group(analysis, sites, lambda s: s.fed)


def call_item(analysis: Analysis, name: str) -> CallItem:
    info = analysis.semantics.node(name)
    if info is not None:
        decl = info.signature.span if info.signature is not None else info.flows[0].span
        selection = info.name_span
        detail = f"{show_types(info.inputs)} => {show_types(info.outputs)}"
        return CallItem(name, info.kind, analysis.path, decl.start, decl.end, selection.start,
                        selection.end, detail)
    found = index(analysis).of(Symbol("node", name))
    start, end = (found[0].start, found[0].end) if found else (0, 0)
    return CallItem(name, "unknown", analysis.path, start, end, start, end, "undefined node")


def _group(analysis: Analysis, sites: list[CallSite],
           other: Callable[[CallSite], str]) -> tuple[Call, ...]:
    groups: dict[str, list[CallSite]] = {}
    for site in sites:
        groups.setdefault(other(site), []).append(site)
    calls = [Call(call_item(analysis, name), tuple(sorted(group, key=lambda s: s.start)))
             for name, group in groups.items()]
    return tuple(sorted(calls, key=lambda c: c.sites[0].start))


def _edges(analysis: Analysis) -> _Edges:
    return cached(analysis, _CACHE_KEY, _Edges, lambda: _build_edges(analysis))


def _build_edges(analysis: Analysis) -> _Edges:
    edges = _Edges({}, {})
    for site in _sites(analysis):
        edges.by_feeder.setdefault(site.feeder, []).append(site)
        edges.by_fed.setdefault(site.fed, []).append(site)
    return edges


def _sites(analysis: Analysis) -> list[CallSite]:
    nodes = analysis.semantics.nodes

    def out(name: str) -> Types:
        info = nodes.get(name)
        return info.outputs if info is not None else None

    def inp(name: str) -> Types:
        info = nodes.get(name)
        return info.inputs if info is not None else None

    sites: list[CallSite] = []
    for name, info in nodes.items():
        for flow in info.flows:
            steps = flow.steps
            if not steps:
                continue
            first, last = steps[0], steps[-1]
            sites.append(CallSite(name, first.text, first.span.start, first.span.end, "enter",
                                  inp(name)))
            for left, right in zip(steps, steps[1:], strict=False):
                sites.append(CallSite(left.text, right.text, left.span.start, right.span.end,
                                      "flow", out(left.text)))
            sites.append(CallSite(last.text, name, last.span.start, last.span.end, "leave",
                                  out(last.text)))
    for source in analysis.semantics.sources:
        sites.append(CallSite(source.node.text, source.target.text, source.node.span.start,
                              source.target.span.end, "source", out(source.node.text)))
    return sites
