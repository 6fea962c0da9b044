"""The discrete-event model of a Flux server, on SimPy.

Each flow walks the program graph vertex by vertex, doing what the generated ``flux_step()``
does there (``flux_ls.build.gen_program``), with the code generator's own acquisition plan
(``flux_ls.build.plan``: per vertex the constraints to take, in canonical order, minus those
its enclosing abstract vertices hold, and the mark to release back to):

- a concrete, source or handler vertex takes its constraints, then computes for its CPU
  time and waits the rest of its wall time without computing; it fails with its
  probability, which releases every constraint and goes to the error edge's handler (or
  ERROR); otherwise it releases back to its mark and follows its edge;
- an abstract vertex takes its constraints (held across the whole sub-flow), picks an
  alternative by its weights (or "no match"), and its ``return`` vertex releases them;
- EXIT and ERROR end the flow.

Where a node computes follows the runtime (``flux_ls/runtime/``): the source node on its
source's own thread; ``event``: each other node is one event run by one of the event
threads, the continuations of started flows before new flows (one pick in
``EVENT_FAIR_EVERY`` takes a new one first), a node blocked in I/O keeping its thread until
the monitor gives it away; ``pool``: a worker runs the whole flow (I/O included) and is
given back while the flow waits for a constraint; ``thread``: every flow is a thread.
Threads that compute share the CPUs by processor sharing, as the kernel time-slices them
(``resources.Cpus``). Constraints are FIFO reader/writer locks like ``runtime/locks.c``.
Session-scoped constraints exist once per session (a closed-loop client is one session; an
open arrival is its own), or once for the program with ``global_sessions`` (the paper's
model).

``simulate`` runs one point (a CPU count and a load) and returns its ``Point``; it calls
``progress(fraction)`` every few hundred flows (it may raise to cancel).
Deterministic for a seed. No IO.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import simpy

from ..build.plan import Acquire, Plan
from ..graph import ERROR, EXIT, Graph
from .costs import Costs, Timing
from .resources import Cpus, Lock, Threads

#: progress is reported (and cancellation noticed) every this many flow events
TICK = 500
#: the runtimes the model follows (``flux_ls/runtime/{event,pool,thread}.c``)
RUNTIMES = ("event", "pool", "thread")
#: runtime/event.c's FAIR_EVERY: one pick in this many takes a new flow before the
#: continuations of started ones (tests/sim check the runtime still says so)
EVENT_FAIR_EVERY = 61
#: runtime/event.c's MONITOR_NS: how often the monitor looks for blocked event threads
EVENT_MONITOR_S = 0.001


@dataclass(frozen=True)
class Workload:
    clients: int | None = None        # closed loop: this many clients …
    think_s: float = 0.0              # … each thinking this long (exponential mean) between
    rate: float | None = None         # open: Poisson arrivals per second
    client_cpu_s: float = 0.0         # closed loop: the load generator's CPU per request on
                                      # the simulated CPUs (one thread), part of the think time
    source: int = 0                   # index of the source whose flows are driven

    @property
    def load(self) -> float:
        return float(self.clients if self.clients is not None else self.rate or 0)


@dataclass(frozen=True)
class Point:
    cpus: int
    clients: int | None
    rate: float | None
    throughput: float
    mean_ms: float
    p50_ms: float
    p99_ms: float
    cpu_utilisation: float
    bottleneck: str
    flows: int
    errors: int
    utilisation: dict[str, float]   # "cpu" and every program constraint: busy fraction


@dataclass(frozen=True)
class _Step:
    kind: str                                   # node | abstract | return | end | pass
    timing: Timing | None
    acquire: tuple[Acquire, ...]
    mark: int
    next: int | None
    error: int | None
    branches: tuple[int, ...]                   # abstract: destinations …
    cumulative: tuple[float, ...]               # … and their cumulative probabilities
    alternatives: int = 0                       # branches past this many are "no match"


class SimError(Exception):
    """The model cannot be built (a one-line reason)."""


def steps(plan: Plan, costs: Costs) -> dict[int, _Step]:
    graph = plan.graph
    out: dict[int, _Step] = {}
    for vertex in graph.vertices:
        vid = vertex.id
        flow = [e for e in graph.out_edges(vid) if e.kind not in ("error", "dispatch")]
        error = next((e.dst for e in graph.out_edges(vid) if e.kind == "error"), None)
        nxt = flow[0].dst if flow else None
        if vid in (EXIT, ERROR) or vertex.kind in ("entry", "exit", "error"):
            out[vid] = _Step("end", None, (), 0, None, None, (), ())
        elif vertex.kind in ("concrete", "source", "handler"):
            if vertex.kind == "handler":  # a handler's one edge (to ERROR) is an error edge
                nxt, error = (graph.out_edges(vid)[0].dst if graph.out_edges(vid) else ERROR,
                              None)
            timing = costs.nodes.get(vertex.name)
            if vertex.kind == "source" and timing is not None:
                # a source's wall time is mostly waiting for work: only its CPU counts
                timing = Timing(timing.cpu_s, timing.cpu_s, timing.fail, timing.dist,
                                timing.shape)
            measured = costs.edges.get(vid)
            if measured and vertex.kind != "handler":  # this use's measured failure rate
                failed = sum(w for eid, w in measured.items() if eid == _error_id(graph, vid))
                base = timing or Timing()
                timing = Timing(base.cpu_s, base.wall_s, failed / sum(measured.values()),
                                base.dist, base.shape)
            out[vid] = _Step("node", timing, plan.acquire.get(vid, ()), plan.mark.get(vid, 0),
                             nxt, error, (), ())
        elif vertex.kind == "abstract":
            dispatch = plan.dispatch_edges(vid)
            dsts = [e.dst for e in dispatch]
            measured = costs.edges.get(vid)
            if measured and sum(measured.values()) > 0:
                weights = [measured.get(e.id, 0.0) for e in dispatch]
                if error is not None:
                    dsts.append(error)
                    weights.append(sum(w for eid, w in measured.items()
                                       if eid not in {e.id for e in dispatch}))
            else:
                given = costs.weights.get(vertex.name)
                weights = list(given) if given else [1.0] * len(dispatch)
                no_match = costs.no_match.get(vertex.name, 0.0)
                total = sum(weights) or 1.0
                weights = [w / total * (1 - no_match) for w in weights]
                if error is not None and no_match > 0:
                    dsts.append(error)
                    weights.append(no_match)
            total = sum(weights)
            if not dsts or total <= 0:
                raise SimError(f"abstract node `{vertex.name}` has no alternative to take")
            cumulative, running = [], 0.0
            for w in weights:
                running += w / total
                cumulative.append(running)
            cumulative[-1] = 1.0
            out[vid] = _Step("abstract", None, plan.acquire.get(vid, ()),
                             plan.mark.get(vid, 0), None, error, tuple(dsts),
                             tuple(cumulative), len(dispatch))
        elif vertex.kind == "return":
            owner = vertex.parent if vertex.parent is not None else vid
            out[vid] = _Step("return", None, (), plan.mark.get(owner, 0), nxt, None, (), ())
        else:  # unknown: costs nothing
            out[vid] = _Step("pass", None, (), 0, nxt, error, (), ())
    for vid, step in out.items():
        if step.kind == "node" and step.timing is not None and step.timing.fail > 0 \
                and step.error is None:
            raise SimError(f"`{graph.vertex(vid).name}` is given a failure probability but "
                           "cannot fail (no error edge)")
    return out


def _error_id(graph: Graph, vid: int) -> int | None:
    return next((e.id for e in graph.out_edges(vid) if e.kind == "error"), None)


class _Model:
    def __init__(self, plan: Plan, costs: Costs, cpus: int, workload: Workload,
                 rng: random.Random, global_sessions: bool, runtime: str,
                 threads: int) -> None:
        if not plan.sources:
            raise SimError("the program has no source: nothing starts a flow")
        if not 0 <= workload.source < len(plan.sources):
            raise SimError("no such source")
        if runtime not in RUNTIMES:
            raise SimError(f"no runtime `{runtime}`: {', '.join(RUNTIMES)}")
        self.env = simpy.Environment()
        self.cpu = Cpus(self.env, cpus)
        self.cpus = cpus
        self.runtime = runtime
        count = threads if threads > 0 else cpus  # 0: one per core, as --flux-threads=0
        self.threads = (Threads(self.env, count, EVENT_FAIR_EVERY) if runtime == "event"
                        else Threads(self.env, count, resumed_first=True)
                        if runtime == "pool" else None)
        self.steps = steps(plan, costs)
        self.start = plan.sources[workload.source].entry.dst
        self.rng = rng
        self.locks = {name: Lock(self.env) for name in plan.program_locks}
        self.session_names = plan.session_locks
        if global_sessions:
            self.locks |= {name: Lock(self.env) for name in plan.session_locks}
        self.global_sessions = global_sessions
        self.workload = workload
        self.latencies: list[float] = []
        self.errors = 0
        self.recording = False
        self.events = 0
        self.tick: Callable[[], None] | None = None
        self.shapes: dict[int, tuple[list[float], list[tuple[float, float]]]] = {}
        self.load_generator = simpy.Resource(self.env, capacity=1)
        self.client_cpu = 0.0   # CPU-seconds the load generator used while recording

    def _factor(self, vid: int, timing: Timing) -> float:
        if timing.dist == "constant":
            return 1.0
        if timing.dist == "histogram" and timing.shape:
            table = self.shapes.get(vid)
            if table is None:
                cumulative, bounds, running = [], [], 0
                for lo, hi, n in timing.shape:
                    running += n
                    cumulative.append(float(running))
                    bounds.append((lo, hi))
                table = self.shapes[vid] = (cumulative, bounds)
            cumulative, bounds = table
            i = bisect.bisect_right(cumulative, self.rng.random() * cumulative[-1])
            lo, hi = bounds[min(i, len(bounds) - 1)]
            return self.rng.uniform(lo, hi)
        return self.rng.expovariate(1.0)

    # -- a flow --
    def flow(self, session: dict[str, Lock] | None) -> Generator[Any, Any, bool]:
        """One flow from its source node to EXIT or ERROR; True when it reached EXIT.

        Where a node runs depends on the runtime: the source node on the source's own
        thread; in ``event`` every other node is one event, run by one of the event threads
        (continuations before new flows); in ``pool`` a worker is taken for the whole flow
        (given back while the flow waits for a constraint: it comes back first); in
        ``thread`` the flow is its own thread. Every thread that computes shares the CPUs."""
        env, cpu, steps, rng, threads = self.env, self.cpu, self.steps, self.rng, self.threads
        event, pool = self.runtime == "event", self.runtime == "pool"
        held: list[tuple[Lock, bool]] = []
        started = False   # its first event (after the source node) has run, or it waited
        worker = False    # pool: it holds a worker; event: an event thread

        def lock(a: Acquire) -> Lock:
            if a.session and not self.global_sessions and session is not None:
                found = session.get(a.name)
                if found is None:
                    found = session[a.name] = Lock(env)
                return found
            return self.locks[a.name]

        def release_to(mark: int) -> None:
            while len(held) > mark:
                owner, write = held.pop()
                owner.release(write)

        vid: int | None = self.start
        ok = True
        while vid is not None:
            step = steps[vid]
            kind = step.kind
            if kind == "end":
                ok = vid == EXIT
                break
            for a in step.acquire:
                owner = lock(a)
                granted = owner.acquire(a.write)
                if not granted.triggered:
                    started = True
                    if worker and threads is not None:  # parked: its thread runs others
                        threads.release()
                        worker = False
                yield granted
                held.append((owner, a.write))
            if kind == "node":
                timing = step.timing
                on_source = vid == self.start
                if pool and not on_source and not worker and threads is not None:
                    yield threads.request(started)
                    worker = True
                if timing is not None and timing.wall_s > 0:
                    factor = self._factor(vid, timing)
                    if timing.cpu_s > 0:
                        if event and not on_source and threads is not None:
                            yield threads.again() if worker else threads.request(started)
                            worker = True
                        yield cpu.run(timing.cpu_s * factor)
                    if timing.wall_s > timing.cpu_s:
                        io = (timing.wall_s - timing.cpu_s) * factor
                        if event and worker and threads is not None:
                            # a node blocked in the kernel keeps its event thread until
                            # the monitor has seen it blocked on two looks in a row
                            kept = min(io, rng.uniform(1, 2) * EVENT_MONITOR_S)
                            yield env.timeout(kept)
                            io -= kept
                            if io > 0:
                                threads.release()
                                worker = False
                        if io > 0:
                            yield env.timeout(io)
                started = started or not on_source
                if timing is not None and timing.fail > 0 and rng.random() < timing.fail:
                    release_to(0)
                    vid = step.error
                    continue
                release_to(step.mark)
                vid = step.next
            elif kind == "abstract":
                pick = min(bisect.bisect_left(step.cumulative, rng.random()),
                           len(step.branches) - 1)
                vid = step.branches[pick]
                if pick >= step.alternatives:  # no match: a failure of the abstract node
                    release_to(0)
            elif kind == "return":
                release_to(step.mark)
                vid = step.next
            else:
                vid = step.next
        release_to(0)
        if worker and threads is not None:
            threads.release()
        return ok

    def _event(self) -> None:
        """Every ``TICK`` flows (started or finished): report progress (which may cancel)."""
        self.events += 1
        if self.events % TICK == 0 and self.tick is not None:
            self.tick()

    def _finished(self, started: float, ok: bool) -> None:
        self._event()
        if self.recording:
            self.latencies.append(self.env.now - started)
            if not ok:
                self.errors += 1

    def client(self) -> Generator[Any, Any, None]:
        session: dict[str, Lock] = {}
        think = self.workload.think_s
        if think > 0:  # clients start spread over one think time
            yield self.env.timeout(self.rng.uniform(0, think))
        while True:
            started = self.env.now
            ok = yield self.env.process(self.flow(session))
            self._finished(started, ok)
            rest = think
            if self.workload.client_cpu_s > 0:  # the load generator's work for the next one
                with self.load_generator.request() as turn:
                    yield turn
                    yield self.cpu.run(self.workload.client_cpu_s)
                if self.recording:
                    self.client_cpu += self.workload.client_cpu_s
                rest = think - self.workload.client_cpu_s
            if rest > 0:
                yield self.env.timeout(self.rng.expovariate(1 / rest))

    def one(self) -> Generator[Any, Any, None]:
        started = self.env.now
        ok = yield self.env.process(self.flow({}))
        self._finished(started, ok)

    def arrivals(self, rate: float) -> Generator[Any, Any, None]:
        while True:
            yield self.env.timeout(self.rng.expovariate(rate))
            self._event()
            self.env.process(self.one())


def simulate(plan: Plan, costs: Costs, cpus: int, workload: Workload, *, duration: float,
             warmup: float, seed: int, global_sessions: bool = False,
             runtime: str = "event", threads: int = 0,
             progress: Callable[[float], None] | None = None) -> Point:
    """One prediction: ``cpus`` CPUs under ``workload`` for ``duration`` simulated seconds
    after ``warmup`` seconds, served by ``runtime`` with ``threads`` event threads or pool
    workers (0: one per CPU)."""
    rng = random.Random(f"flux-sim:{seed}:{cpus}:{workload.clients}:{workload.rate}:"
                        f"{workload.think_s}")
    model = _Model(plan, costs, cpus, workload, rng, global_sessions, runtime, threads)
    env = model.env
    if progress is not None:
        model.tick = lambda: progress(max(0.0, (env.now - warmup) / duration))
    if workload.clients is not None:
        for _ in range(workload.clients):
            env.process(model.client())
    elif workload.rate:
        env.process(model.arrivals(workload.rate))
    model.cpu.window = (warmup, warmup + duration)
    env.run(until=warmup)
    for lk in model.locks.values():
        lk.tick()
    lock_start = {name: lk.busy for name, lk in model.locks.items()}
    model.recording = True
    env.run(until=warmup + duration)
    if progress is not None:
        progress(1.0)
    model.cpu.settle()
    utilisation = {"cpu": max(0.0, model.cpu.busy - model.client_cpu) / (cpus * duration)}
    for name, lk in model.locks.items():
        lk.tick()
        utilisation[name] = (lk.busy - lock_start[name]) / duration
    latencies = sorted(model.latencies)
    n = len(latencies)

    def quantile(q: float) -> float:
        return latencies[min(n - 1, int(q * n))] * 1000 if n else 0.0

    return Point(cpus, workload.clients, workload.rate, n / duration,
                 sum(latencies) / n * 1000 if n else 0.0, quantile(0.5), quantile(0.99),
                 utilisation["cpu"], bottleneck(utilisation), n, model.errors, utilisation)


def bottleneck(utilisation: dict[str, float]) -> str:
    """The busiest resource, if any is busier than half the time (else ``"none"``: the load,
    not the server, limits throughput). The CPUs win a tie with a constraint held mostly
    while using them."""
    cpu = utilisation.get("cpu", 0.0)
    name, busiest = "cpu", cpu
    for other, value in utilisation.items():
        if other != "cpu" and value > busiest and value > cpu + 0.02:
            name, busiest = other, value
    return name if busiest > 0.5 else "none"


def check_graph(graph: Graph) -> None:
    if graph.truncated:
        raise SimError("the program graph is too large to simulate")
