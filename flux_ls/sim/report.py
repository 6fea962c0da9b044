"""Rendering predictions: a text table, markdown, and the ``flux-sim/1`` JSON contract.

JSON (docs/simulate.md): ``{"schema": "flux-sim/1", "program", "costs", "workload",
"think_ms", "duration_s", "warmup_s", "seed", "speedup", "sessions", "runtime", "threads",
"client_cpu_ms", "points": [...]}``;
each point has ``cpus``, ``clients`` (closed loop) or ``rate`` (open), ``throughput``
(flows finished per second), ``mean_ms``, ``p50_ms``, ``p99_ms``, ``cpu_utilisation`` (0–1),
``bottleneck`` (a constraint's name, ``"cpu"``, or ``"none"``), ``flows``, ``errors`` and
``utilisation`` (busy fraction of the CPUs and of every program constraint). Pure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from . import SCHEMA
from .engine import Point


@dataclass(frozen=True)
class Run:
    program: str
    costs: str
    workload: str                   # "closed" | "open"
    think_ms: float
    duration_s: float
    warmup_s: float
    seed: int
    speedup: dict[str, float] = field(default_factory=dict)
    sessions: str = "per-session"   # | "global"
    points: tuple[Point, ...] = ()
    measured: tuple[Point, ...] = ()   # --measured: real runs to compare against
    runtime: str = "event"          # the runtime modelled: event | pool | thread
    threads: int = 0                # its event threads / workers (0: one per CPU)
    client_cpu_ms: float = 0.0      # the load generator's CPU per request on the same CPUs


def measured_of(run: Run, p: Point) -> Point | None:
    return next((m for m in run.measured if m.cpus == p.cpus and m.clients == p.clients
                 and m.rate == p.rate), None)


def error(predicted: float, measured: float) -> float | None:
    """Relative error of a prediction (None when nothing was measured)."""
    return (predicted - measured) / measured if measured else None


def load_measured(path: str, text: str) -> tuple[Point, ...]:
    """Measured points: JSON ``{"points": [{"cpus", "clients"|"rate", "throughput",
    "p99_ms", "mean_ms"?}, …]}`` (what ``--format json`` writes has this shape too)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as problem:
        raise ValueError(f"{path}:{problem.lineno}:{problem.colno}: not valid JSON: "
                         f"{problem.msg}") from None
    points = data.get("points") if isinstance(data, dict) else None
    if not isinstance(points, list):
        raise ValueError(f"{path}: expected an object with a list \"points\"")
    out: list[Point] = []
    for i, item in enumerate(points):
        try:
            clients = item.get("clients")
            rate = item.get("rate")
            if (clients is None) == (rate is None):
                raise TypeError
            out.append(Point(int(item["cpus"]), None if clients is None else int(clients),
                             None if rate is None else float(rate), float(item["throughput"]),
                             float(item.get("mean_ms", 0.0)), float(item.get("p50_ms", 0.0)),
                             float(item["p99_ms"]), float(item.get("cpu_utilisation", 0.0)),
                             str(item.get("bottleneck", "")), 0, 0, {}))
        except (TypeError, KeyError, ValueError, AttributeError):
            raise ValueError(f"{path}: points[{i}] needs cpus, clients or rate, throughput "
                             "and p99_ms (numbers)") from None
    return tuple(out)


def point_json(p: Point) -> dict[str, Any]:
    out: dict[str, Any] = {"cpus": p.cpus}
    if p.clients is not None:
        out["clients"] = p.clients
    else:
        out["rate"] = p.rate
    out |= {"throughput": round(p.throughput, 3), "mean_ms": round(p.mean_ms, 4),
            "p50_ms": round(p.p50_ms, 4), "p99_ms": round(p.p99_ms, 4),
            "cpu_utilisation": round(p.cpu_utilisation, 4), "bottleneck": p.bottleneck,
            "flows": p.flows, "errors": p.errors,
            "utilisation": {k: round(v, 4) for k, v in p.utilisation.items()}}
    return out


def _with_measured(run: Run, p: Point) -> dict[str, Any]:
    out = point_json(p)
    m = measured_of(run, p)
    if m is not None:
        t, l99 = error(p.throughput, m.throughput), error(p.p99_ms, m.p99_ms)
        out["measured"] = {"throughput": m.throughput, "p99_ms": m.p99_ms,
                           "throughput_error": None if t is None else round(t, 4),
                           "p99_error": None if l99 is None else round(l99, 4)}
    return out


def to_json(run: Run) -> str:
    data = {"schema": SCHEMA, "program": run.program, "costs": run.costs,
            "workload": run.workload, "think_ms": run.think_ms, "duration_s": run.duration_s,
            "warmup_s": run.warmup_s, "seed": run.seed, "speedup": run.speedup,
            "sessions": run.sessions, "runtime": run.runtime, "threads": run.threads,
            "client_cpu_ms": run.client_cpu_ms,
            "points": [_with_measured(run, p) for p in run.points]}
    return json.dumps(data, indent=2) + "\n"


def _rows(run: Run) -> tuple[list[str], list[list[str]]]:
    load = "clients" if run.workload == "closed" else "rate/s"
    head = ["cpus", load, "throughput/s", "mean ms", "p50 ms", "p99 ms", "cpu"]
    if run.measured:
        head += ["measured/s", "error", "measured p99", "error"]
    head.append("bottleneck")
    rows = []
    for p in run.points:
        row = [str(p.cpus), str(p.clients) if p.clients is not None else f"{p.rate:g}",
               f"{p.throughput:.1f}", _ms(p.mean_ms), _ms(p.p50_ms), _ms(p.p99_ms),
               f"{p.cpu_utilisation * 100:.0f}%"]
        if run.measured:
            m = measured_of(run, p)
            if m is None:
                row += ["-", "-", "-", "-"]
            else:
                row += [f"{m.throughput:.1f}", _percent(error(p.throughput, m.throughput)),
                        _ms(m.p99_ms), _percent(error(p.p99_ms, m.p99_ms))]
        rows.append([*row, p.bottleneck])
    return head, rows


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:+.1f}%"


def _ms(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def headline(run: Run) -> str:
    if run.workload == "closed":
        load = "closed loop" + (f", think {run.think_ms:g} ms" if run.think_ms else "") + (
            f" ({run.client_cpu_ms:g} ms of it the load generator's CPU on the same CPUs)"
            if run.client_cpu_ms else "")
    else:
        load = "open arrivals (Poisson)"
    extra = "".join(f", {n} ×{f:g} faster" for n, f in run.speedup.items())
    sessions = ", session constraints global" if run.sessions == "global" else ""
    threads = (f"{run.threads} thread{'s' if run.threads > 1 else ''}" if run.threads
               else "one per CPU" if run.runtime != "thread" else "one per flow")
    return (f"{run.program}: {run.costs}; {run.runtime} runtime, {threads}; {load}; "
            f"{run.duration_s:g} s simulated after {run.warmup_s:g} s warm-up; "
            f"seed {run.seed}{extra}{sessions}")


def to_text(run: Run) -> str:
    head, rows = _rows(run)
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [headline(run), ""]
    for row in [head, *rows]:
        cells = [c.rjust(w) if i < len(row) - 1 else c for i, (c, w)
                 in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def to_markdown(run: Run) -> str:
    head, rows = _rows(run)
    lines = [headline(run), "", "| " + " | ".join(head) + " |",
             "|" + "|".join("---:" if i < len(head) - 1 else "---" for i in range(len(head)))
             + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render(run: Run, fmt: str) -> str:
    if fmt == "json":
        return to_json(run)
    if fmt == "markdown":
        return to_markdown(run)
    return to_text(run)
