"""From a checked program and its costs to a ``Run`` of predictions (CLI and editor share it).

``model_of(analysis)`` gives the program graph and the code generator's acquisition plan
(``SimError`` when the program has errors); ``predict`` simulates every CPU count × load.
Pure (no IO); ``progress(done, total)`` is called as the simulated time advances and may
raise to cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..analysis import Analysis
from ..build.errors import BuildError
from ..build.plan import Plan, make_plan
from ..graph import build
from .costs import Costs
from .engine import RUNTIMES, Point, SimError, Workload, simulate
from .report import Run


@dataclass(frozen=True)
class Settings:
    cpus: tuple[int, ...] = (1, 2, 4, 8)
    clients: tuple[int, ...] | None = (1, 8, 32, 128)
    rates: tuple[float, ...] | None = None
    think_ms: float = 0.0
    client_cpu_ms: float = 0.0      # the load generator's CPU per request on these CPUs
    duration_s: float = 10.0
    warmup_s: float = 1.0
    seed: int = 1
    speedup: tuple[tuple[str, float], ...] = ()
    global_sessions: bool = False
    source: str | None = None
    runtime: str | None = None      # None: the profile's, else the runtime's default (event)
    threads: int = 0                # event threads / pool workers; 0: one per CPU


#: what a build runs without --flux-runtime (flux_ls/build/manifest.py's default)
DEFAULT_RUNTIME = "event"


def model_of(analysis: Analysis) -> Plan:
    if analysis.errors:
        first = analysis.errors[0]
        line, column = analysis.lines.position(first.span.start)
        where = f"{analysis.path}:{line + 1}:{column + 1}"
        raise SimError(f"{where}: the program has {len(analysis.errors)} error(s) "
                       f"(first: {first.code} {first.message}); `flux check` shows them")
    try:
        return make_plan(build(analysis), analysis.program)
    except BuildError as error:
        raise SimError(str(error)) from None


def predict(plan: Plan, costs: Costs, settings: Settings, program: str,
            progress: Callable[[int, int], None] | None = None) -> Run:
    source = 0
    if settings.source is not None:
        names = [s.name for s in plan.sources]
        if settings.source not in names:
            raise SimError(f"--source {settings.source}: the program's sources are "
                           f"{', '.join(names) or 'none'}")
        source = names.index(settings.source)
    if settings.clients is not None:
        loads = [Workload(clients=c, think_s=settings.think_ms / 1000, source=source,
                          client_cpu_s=settings.client_cpu_ms / 1000)
                 for c in settings.clients]
    else:
        loads = [Workload(rate=r, source=source) for r in settings.rates or ()]
    if not loads or not settings.cpus:
        raise SimError("the workload is empty: give at least one CPU count and one load")
    runtime = settings.runtime or costs.runtime or DEFAULT_RUNTIME
    if runtime not in RUNTIMES:
        raise SimError(f"no runtime `{runtime}`: the runtimes are {', '.join(RUNTIMES)}")
    sped = costs.sped_up(dict(settings.speedup)) if settings.speedup else costs
    total = len(settings.cpus) * len(loads)
    points: list[Point] = []
    for cpus in settings.cpus:
        for workload in loads:
            done = len(points)

            def tick(fraction: float, done: int = done) -> None:
                if progress is not None:
                    progress(done * 1000 + int(fraction * 1000), total * 1000)

            points.append(simulate(plan, sped, cpus, workload, duration=settings.duration_s,
                                   warmup=settings.warmup_s, seed=settings.seed,
                                   global_sessions=settings.global_sessions,
                                   runtime=runtime, threads=settings.threads, progress=tick))
    return Run(program, costs.origin, "closed" if settings.clients is not None else "open",
               settings.think_ms, settings.duration_s, settings.warmup_s, settings.seed,
               dict(settings.speedup), "global" if settings.global_sessions else "per-session",
               tuple(points), runtime=runtime, threads=settings.threads,
               client_cpu_ms=settings.client_cpu_ms)
