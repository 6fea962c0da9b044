"""Reading a profile of schema ``flux-profile/1`` (docs/profile.md) into frozen values.

``load(text)`` returns a ``Profile`` or raises ``ProfileError`` with one sentence saying
what is wrong (not JSON — truncated?; not a profile; another schema version; a field of the
wrong type), never a traceback. Only the fields the tools read are checked and kept; the
file may carry more (readers ignore what they do not know, writers add fields only within
a schema version).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

SCHEMA = "flux-profile/1"

#: A histogram: (lower bound ns, upper bound ns or None for the last bucket, count).
Bucket = tuple[int, int | None, int]


class ProfileError(Exception):
    """The file is not a readable flux-profile/1 document (the message says why)."""


@dataclass(frozen=True)
class PathStat:
    id: int
    count: int
    total_ns: int
    end: str                       # "exit" | "error"
    nodes: tuple[str, ...]
    vertices: tuple[int, ...]
    edges: tuple[int, ...]
    histogram: tuple[Bucket, ...]

    @property
    def mean_ns(self) -> float:
        return self.total_ns / self.count if self.count else 0.0


@dataclass(frozen=True)
class NodeStat:
    name: str
    kind: str
    count: int
    wall_ns: int
    cpu_ns: int
    cpu_samples: int
    failures: tuple[tuple[int, int], ...]   # (error code, count), most frequent first
    failures_other: int
    histogram: tuple[Bucket, ...]

    @property
    def failed(self) -> int:
        return sum(n for _, n in self.failures) + self.failures_other


@dataclass(frozen=True)
class VertexStat:
    id: int
    name: str
    kind: str
    parent: int | None
    count: int
    wall_ns: int
    cpu_ns: int


@dataclass(frozen=True)
class Waits:
    acquired: int
    waited: int
    wait_ns: int


@dataclass(frozen=True)
class ConstraintStat:
    name: str
    scope: str
    read: Waits
    write: Waits


@dataclass(frozen=True)
class Profile:
    program: str
    file: str
    graph_hash: str
    runtime: str
    threads: int
    complete: bool
    wall_ns: int
    cpu_sample_every: int
    flows: int
    source_failures: int
    dropped_paths: int
    path_count: int
    paths: tuple[PathStat, ...]
    nodes: tuple[NodeStat, ...]
    vertices: tuple[VertexStat, ...]
    edges: dict[int, int]                   # edge id → times taken
    constraints: tuple[ConstraintStat, ...]
    wall_sample_every: int = 1              # node calls timed: the first 8, then one in this

    @property
    def flow_ns(self) -> int:
        """Total latency of the flows: the denominator of every share of time."""
        return sum(p.total_ns for p in self.paths)

    def node(self, name: str) -> NodeStat | None:
        return next((n for n in self.nodes if n.name == name), None)


def percentile(histogram: tuple[Bucket, ...], fraction: float) -> int | None:
    """The upper bound of the bucket holding that fraction of the values (None: no values)."""
    total = sum(n for _, _, n in histogram)
    if total == 0:
        return None
    rank = fraction * total
    seen = 0
    for lo, hi, n in histogram:
        seen += n
        if seen >= rank:
            return hi if hi is not None else lo
    last = histogram[-1]
    return last[1] if last[1] is not None else last[0]


# -- validation -----------------------------------------------------------------------

class _Reader:
    def __init__(self, where: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise ProfileError(f"{where or 'the document'}: expected an object")
        self.where, self.data = where, data

    def _get(self, key: str) -> Any:
        if key not in self.data:
            raise ProfileError(f"missing field `{self._name(key)}`")
        return self.data[key]

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def count(self, key: str, default: int | None = None) -> int:
        if default is not None and key not in self.data:
            return default
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ProfileError(f"field `{self._name(key)}`: expected a count, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise ProfileError(f"field `{self._name(key)}`: expected a string, not {value!r}")
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            raise ProfileError(f"field `{self._name(key)}`: expected true or false")
        return value

    def seq(self, key: str) -> list[Any]:
        value = self._get(key)
        if not isinstance(value, list):
            raise ProfileError(f"field `{self._name(key)}`: expected a list")
        return value

    def at(self, key: str, index: int | None = None) -> _Reader:
        value = self._get(key) if index is None else self.seq(key)[index]
        return _Reader(self._name(key) + ("" if index is None else f"[{index}]"), value)

    def items(self, key: str) -> list[_Reader]:
        return [self.at(key, i) for i in range(len(self.seq(key)))]

    def ints(self, key: str) -> tuple[int, ...]:
        values = self.seq(key)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ProfileError(f"field `{self._name(key)}`: expected a list of numbers")
        return tuple(values)

    def strs(self, key: str) -> tuple[str, ...]:
        values = self.seq(key)
        if not all(isinstance(v, str) for v in values):
            raise ProfileError(f"field `{self._name(key)}`: expected a list of names")
        return tuple(values)

    def histogram(self, key: str = "histogram") -> tuple[Bucket, ...]:
        out: list[Bucket] = []
        for bucket in self.seq(key):
            if (not isinstance(bucket, list) or len(bucket) != 3
                    or not all(isinstance(x, int) or (i == 1 and x is None)
                               for i, x in enumerate(bucket))):
                raise ProfileError(f"field `{self._name(key)}`: expected [low, high, count] "
                                   "buckets")
            out.append((bucket[0], bucket[1], bucket[2]))
        return tuple(out)


def _node(r: _Reader) -> NodeStat:
    failures = r.at("failures").data
    codes: list[tuple[int, int]] = []
    for code, n in failures.items():
        try:
            codes.append((int(code), int(n)))
        except (TypeError, ValueError):
            raise ProfileError(f"field `{r.where}.failures`: expected error code → count"
                               ) from None
    codes.sort(key=lambda item: (-item[1], item[0]))
    return NodeStat(r.text("name"), r.text("kind"), r.count("count"), r.count("wall_ns"),
                    r.count("cpu_ns"), r.count("cpu_samples", 0), tuple(codes),
                    r.count("failures_other", 0), r.histogram())


def _waits(r: _Reader) -> Waits:
    return Waits(r.count("acquired"), r.count("waited"), r.count("wait_ns"))


def parse(data: Any) -> Profile:
    root = _Reader("", data)
    schema = data.get("schema")
    if schema != SCHEMA:
        if isinstance(schema, str) and schema.startswith("flux-profile/"):
            raise ProfileError(f"schema `{schema}` is not supported (this flux reads {SCHEMA})")
        raise ProfileError(f"not a Flux profile (no \"schema\": \"{SCHEMA}\")")
    paths = tuple(PathStat(p.count("id"), p.count("count"), p.count("total_ns"), p.text("end"),
                           p.strs("nodes"), p.ints("vertices"), p.ints("edges"), p.histogram())
                  for p in root.items("paths"))
    vertices = []
    for v in root.items("vertices"):
        parent = v.data.get("parent")
        vertices.append(VertexStat(v.count("id"), v.text("name"), v.text("kind"),
                                   parent if isinstance(parent, int) else None, v.count("count"),
                                   v.count("wall_ns"), v.count("cpu_ns")))
    edges = {e.count("id"): e.count("count") for e in root.items("edges")}
    constraints = tuple(ConstraintStat(c.text("name"), c.text("scope"), _waits(c.at("read")),
                                       _waits(c.at("write"))) for c in root.items("constraints"))
    return Profile(root.text("program"), root.text("file"), root.text("graph_hash"),
                   root.text("runtime"), root.count("threads"), root.flag("complete"),
                   root.count("wall_ns"), root.count("cpu_sample_every", 1), root.count("flows"),
                   root.count("source_failures", 0), root.count("dropped_paths", 0),
                   root.count("path_count", 0), paths,
                   tuple(_node(n) for n in root.items("nodes")), tuple(vertices), edges,
                   constraints, root.count("wall_sample_every", 1))


def load(text: str | bytes) -> Profile:
    """Parse a profile (``ProfileError`` with a one-line reason when it cannot be read)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ProfileError("not a Flux profile (not UTF-8 text)") from None
    if not text.strip():
        raise ProfileError("the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        cut = " (truncated?)" if error.pos >= len(text.rstrip()) - 1 else ""
        raise ProfileError(f"not valid JSON{cut}: {error.msg} at line {error.lineno} column "
                           f"{error.colno}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"not a Flux profile (no \"schema\": \"{SCHEMA}\")")
    return parse(data)
