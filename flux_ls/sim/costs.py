"""What every node costs and which way every branch goes: the simulator's input.

Two sources give ``Costs``: an estimates file (TOML, ``parse_estimates``; for programs that
have no profile yet) and a profile (``flux_ls.sim.profile_costs``). Either way the result is
per node name (CPU and wall seconds per call, the shape of their distribution, the
probability that a call fails) and per abstract vertex (the weight of each out-edge).

Estimates file::

    [node.Compress]
    cpu_ms = 2.0          # CPU time per call (mean)
    wall_ms = 2.5         # time per call, of which the rest holds no CPU (default: cpu_ms)
    fail = 0.01           # probability that a call fails (default 0)
    dist = "exponential"  # or "constant" (default: exponential)

    [dispatch.Handler]
    weights = [0.8, 0.2]  # per alternative, in the order they are written (default: equal)
    fail = 0.0            # "no match" (only for an abstract node without an `_` alternative)

Nodes left out cost nothing. Every problem is a ``CostError`` with the file's line and
column where there is one. Pure: no IO.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Literal

from ..graph import Graph

Dist = Literal["exponential", "constant", "histogram"]
DISTS = ("exponential", "constant")
NODE_KEYS = ("cpu_ms", "wall_ms", "fail", "dist")
DISPATCH_KEYS = ("weights", "fail")
#: A distribution's shape: (low, high, count) buckets of a histogram scaled to mean 1.
Shape = tuple[tuple[float, float, int], ...]


class CostError(Exception):
    """A one-line problem with the costs, located: ``file:line:column: message``."""


@dataclass(frozen=True)
class Timing:
    cpu_s: float = 0.0              # mean CPU seconds per call
    wall_s: float = 0.0             # mean seconds per call (≥ cpu_s); the rest holds no CPU
    fail: float = 0.0               # probability that a call fails
    dist: Dist = "exponential"
    shape: Shape = ()               # for dist == "histogram"

    def faster(self, factor: float) -> Timing:
        return Timing(self.cpu_s / factor, self.wall_s / factor, self.fail, self.dist,
                      self.shape)


@dataclass(frozen=True)
class Costs:
    origin: str                                  # "estimates FILE" / "profile FILE"
    nodes: dict[str, Timing] = field(default_factory=dict)
    #: abstract node name → weight per alternative (in source order); missing: equal
    weights: dict[str, tuple[float, ...]] = field(default_factory=dict)
    #: abstract node name → probability of "no match"
    no_match: dict[str, float] = field(default_factory=dict)
    #: per vertex (a profile's measured edge counts): vertex id → {edge id: weight}
    edges: dict[int, dict[int, float]] = field(default_factory=dict)
    #: the runtime a profile was recorded under (None: estimates)
    runtime: str | None = None

    def sped_up(self, factors: dict[str, float]) -> Costs:
        nodes = dict(self.nodes)
        for name, factor in factors.items():
            nodes[name] = nodes.get(name, Timing()).faster(factor)
        return Costs(self.origin, nodes, self.weights, self.no_match, self.edges, self.runtime)


# -- the estimates file ---------------------------------------------------------------

_HEADER = re.compile(r'^\s*\[\s*(\w+)\s*\.\s*"?([^\]"]*?)"?\s*\]')
_KEY = re.compile(r"^\s*(\w+)\s*=")


class _Locator:
    """Line and column of a table's header or key (tomllib gives values, not positions)."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def at(self, table: str | None = None, name: str | None = None,
           key: str | None = None) -> str:
        current: tuple[str, str] | None = None
        header: int | None = None
        for number, line in enumerate(self.lines, 1):
            match = _HEADER.match(line)
            if match:
                current = (match.group(1), match.group(2))
                if current == (table, name):
                    header = number
                    if key is None:
                        return f"{self.path}:{number}:{line.index('[') + 1}"
                continue
            if key is not None and current == (table, name):
                found = _KEY.match(line)
                if found and found.group(1) == key:
                    return f"{self.path}:{number}:{line.index(key) + 1}"
        if header is not None:
            return f"{self.path}:{header}:1"
        return self.path

    def error(self, message: str, table: str | None = None, name: str | None = None,
              key: str | None = None) -> CostError:
        return CostError(f"{self.at(table, name, key)}: {message}")


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def parse_estimates(path: str, text: str, graph: Graph) -> Costs:
    """The costs an estimates file gives for this program graph (``CostError`` if wrong)."""
    where = _Locator(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if match:
            message = message[:match.start()].strip()
            raise CostError(f"{path}:{match.group(1)}:{match.group(2)}: not valid TOML: "
                            f"{message}") from None
        raise CostError(f"{path}: not valid TOML: {message}") from None
    concrete = sorted({v.name for v in graph.vertices
                       if v.kind in ("concrete", "source", "handler")})
    abstract = sorted({v.name for v in graph.vertices if v.kind == "abstract"})
    alternatives = {v.name: sum(1 for e in graph.out_edges(v.id) if e.kind == "dispatch")
                    for v in graph.vertices if v.kind == "abstract"}
    can_fail = {v.name for v in graph.vertices if v.kind == "abstract"
                and any(e.kind == "error" for e in graph.out_edges(v.id))}
    for table in data:
        if table not in ("node", "dispatch"):
            line = next((n for n, text in enumerate(where.lines, 1)
                         if re.match(rf"\s*\[?\s*{re.escape(table)}\b", text)), None)
            place = f"{path}:{line}:1" if line else path
            raise CostError(f"{place}: unknown table `{table}`: an estimates file has "
                            "[node.NAME] and [dispatch.NAME] tables")
    nodes: dict[str, Timing] = {}
    for name, entry in _tables(data, "node", where).items():
        if name not in concrete:
            if name in abstract:
                raise where.error(f"`{name}` is abstract: its time is that of the nodes of "
                                  f"its sub-flow (give them [node.…] tables; the weights of "
                                  f"its alternatives go in [dispatch.{name}])", "node", name)
            raise where.error(f"unknown node `{name}`{_suggest(name, concrete)}", "node",
                              name)
        _unknown_keys(entry, NODE_KEYS, where, "node", name)
        cpu = _time(entry, "cpu_ms", 0.0, where, name)
        wall = _time(entry, "wall_ms", cpu, where, name)
        if wall < cpu:
            raise where.error(f"`{name}`: wall_ms ({wall:g}) is less than cpu_ms ({cpu:g}); "
                              "a call's wall time includes its CPU time", "node", name,
                              "wall_ms")
        fail = _probability(entry, "fail", where, "node", name)
        dist = entry.get("dist", "exponential")
        if dist not in DISTS:
            raise where.error(f"`{name}`: dist must be one of {', '.join(DISTS)}, not "
                              f"{dist!r}", "node", name, "dist")
        nodes[name] = Timing(cpu / 1000, wall / 1000, fail, dist)
    weights: dict[str, tuple[float, ...]] = {}
    no_match: dict[str, float] = {}
    for name, entry in _tables(data, "dispatch", where).items():
        if name not in abstract:
            hint = (f": `{name}` is not abstract (it has no alternatives)" if name in concrete
                    else f"{_suggest(name, abstract)}")
            raise where.error(f"unknown abstract node `{name}`{hint}", "dispatch", name)
        _unknown_keys(entry, DISPATCH_KEYS, where, "dispatch", name)
        if "weights" in entry:
            values = entry["weights"]
            numbers = [_number(v) for v in values] if isinstance(values, list) else [None]
            if any(n is None or n < 0 for n in numbers) or not any(numbers):
                raise where.error(f"`{name}`: weights must be a list of numbers ≥ 0, not all "
                                  "0", "dispatch", name, "weights")
            if len(numbers) != alternatives[name]:
                raise where.error(f"`{name}` has {alternatives[name]} alternatives, the "
                                  f"weights list {len(numbers)}", "dispatch", name, "weights")
            weights[name] = tuple(n for n in numbers if n is not None)
        if "fail" in entry:
            if name not in can_fail:
                raise where.error(f"`{name}` cannot fail to dispatch: it has an alternative "
                                  "that matches everything", "dispatch", name, "fail")
            no_match[name] = _probability(entry, "fail", where, "dispatch", name)
    return Costs(f"estimates {path}", nodes, weights, no_match)


def _tables(data: dict[str, Any], table: str, where: _Locator) -> dict[str, dict[str, Any]]:
    value = data.get(table, {})
    if not isinstance(value, dict):
        raise CostError(f"{where.path}: `{table}` must be tables like [{table}.NAME]")
    for name, entry in value.items():
        if not isinstance(entry, dict):
            raise where.error(f"`{table}.{name}` must be a table [{table}.{name}]", table, name)
    return value


def _unknown_keys(entry: dict[str, Any], keys: tuple[str, ...], where: _Locator,
                  table: str, name: str) -> None:
    for key in entry:
        if key not in keys:
            raise where.error(f"unknown key `{key}` in [{table}.{name}]"
                              f"{_suggest(key, list(keys))}; keys: {', '.join(keys)}",
                              table, name, key)


def _time(entry: dict[str, Any], key: str, default: float, where: _Locator,
          name: str) -> float:
    if key not in entry:
        return default
    value = _number(entry[key])
    if value is None or value < 0:
        raise where.error(f"`{name}`: {key} must be a number of milliseconds ≥ 0, not "
                          f"{entry[key]!r}", "node", name, key)
    return value


def _probability(entry: dict[str, Any], key: str, where: _Locator, table: str,
                 name: str) -> float:
    if key not in entry:
        return 0.0
    value = _number(entry[key])
    if value is None or not 0 <= value <= 1:
        raise where.error(f"`{name}`: {key} is a probability, between 0 and 1, not "
                          f"{entry[key]!r}", table, name, key)
    return value


def parse_speedups(items: list[str], graph: Graph) -> dict[str, float]:
    """``NODE=FACTOR`` pairs (``CostError`` naming the bad one)."""
    concrete = sorted({v.name for v in graph.vertices
                       if v.kind in ("concrete", "source", "handler")})
    abstract = {v.name for v in graph.vertices if v.kind == "abstract"}
    out: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        try:
            factor = float(text)
        except ValueError:
            factor = -1.0
        if not sep or not factor > 0 or factor == float("inf"):
            raise CostError(f"--speedup {item}: expected NODE=FACTOR with a factor > 0 "
                            "(2 = twice as fast)")
        if name in abstract:
            raise CostError(f"--speedup {item}: `{name}` is abstract; speed up the nodes of "
                            "its sub-flow")
        if name not in concrete:
            raise CostError(f"--speedup {item}: unknown node `{name}`"
                            f"{_suggest(name, concrete)}")
        out[name] = out.get(name, 1.0) * factor
    return out
