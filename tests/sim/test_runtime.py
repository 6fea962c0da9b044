"""The runtimes' scheduling in the simulator, checked where the answer is known.

- The CPUs are processor-shared (the kernel time-slices runnable threads): checked on the
  resource itself, and through the thread runtime, where M/D/1 under processor sharing has
  mean response S/(1−ρ) while first come, first served has S + ρS/(2(1−ρ)).
- The event runtime runs the continuations of started flows before new flows: a flow of
  many short nodes is served nearly first come, first served, not interleaved with every
  flow that arrived.
- A pool worker is held through a node's I/O, so the workers, not the clients, cap it.
- The constants the model copies from the runtime still say what the runtime's C does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import simpy

from flux_ls.sim import engine
from flux_ls.sim.costs import Costs, Timing
from flux_ls.sim.engine import Point, Workload, simulate
from flux_ls.sim.resources import Cpus, Threads

from .test_model import ONE_NODE, plan_of

RUNTIME = Path(engine.__file__).resolve().parent.parent / "runtime"

CHAIN = """\
Src () => (int x);
A (int x) => (int x);
B (int x) => (int x);
C (int x) => (int x);
D (int x) => (int x);
E (int x) => ();

source Src => Serve;
Serve = A -> B -> C -> D -> E;
"""


def run(text: str, costs: Costs, cpus: int, runtime: str, *, clients: int | None = None,
        rate: float | None = None, threads: int = 0, duration: float = 400.0) -> Point:
    return simulate(plan_of(text), costs, cpus, Workload(clients=clients, rate=rate),
                    duration=duration, warmup=5.0, seed=11, runtime=runtime, threads=threads)


def finish_times(cpus: int, works: list[float]) -> list[float]:
    env = simpy.Environment()
    shared = Cpus(env, cpus)
    ends: list[float] = []
    for work in works:
        shared.run(work).callbacks.append(lambda _e: ends.append(env.now))
    env.run()
    return ends


def test_cpus_are_processor_shared() -> None:
    # two 1 s jobs on one CPU progress at half speed each: both end at 2 s
    assert finish_times(1, [1.0, 1.0]) == pytest.approx([2.0, 2.0])
    # three on two CPUs run at 2/3 each until the short one ends (0.5 s of work: at 0.75 s);
    # then the other two have 0.5 s left at full speed: 1.25 s
    assert finish_times(2, [0.5, 1.0, 1.0]) == pytest.approx([0.75, 1.25, 1.25])
    # no more threads than CPUs: each its own CPU
    assert finish_times(2, [1.0, 3.0]) == pytest.approx([1.0, 3.0])


def test_threads_grant_started_flows_first_with_a_fair_pick() -> None:
    env = simpy.Environment()
    threads = Threads(env, 1, fair_every=3)
    order: list[str] = []
    assert threads.request(started=False).triggered          # grant 1 (idle thread)
    for name, started in (("new1", False), ("new2", False), ("cont1", True),
                          ("cont2", True)):
        threads.request(started).callbacks.append(lambda _e, n=name: order.append(n))
    for _ in range(4):
        threads.release()
        env.run()
    # grant 2: a continuation; grant 3: the fair pick takes a new flow; then the rest
    assert order == ["cont1", "new1", "cont2", "new2"]


def test_thread_runtime_is_processor_sharing_event_is_first_come_first_served() -> None:
    # one node of constant 10 ms, Poisson 50/s (ρ = 0.5) on one CPU
    work = Costs("t", {"Work": Timing(0.010, 0.010, dist="constant")})
    shared = run(ONE_NODE, work, 1, "thread", rate=50)
    assert shared.mean_ms == pytest.approx(10 / (1 - 0.5), rel=0.06)           # 20 ms
    queued = run(ONE_NODE, work, 1, "event", rate=50)
    assert queued.mean_ms == pytest.approx(10 + 0.5 * 10 / (2 * (1 - 0.5)), rel=0.05)  # 15
    assert shared.throughput == pytest.approx(queued.throughput, rel=0.03)


def test_event_runtime_finishes_started_flows_before_new_ones() -> None:
    # five nodes of 2 ms: were flows interleaved node by node (round robin), a flow would
    # share the CPU with every flow that came after it, close to processor sharing (20 ms);
    # served first come, first served it is M/D/1 (15 ms), plus the fair picks' share
    nodes = {name: Timing(0.002, 0.002, dist="constant") for name in "ABCDE"}
    event = run(CHAIN, Costs("t", nodes), 1, "event", rate=50)
    shared = run(CHAIN, Costs("t", nodes), 1, "thread", rate=50)
    assert 14.5 < event.mean_ms < 16.5
    assert shared.mean_ms == pytest.approx(20.0, rel=0.06)


def test_a_pool_worker_is_held_through_io_an_event_thread_is_not() -> None:
    # 1 ms of CPU in 100 ms of wall time, 32 clients, one CPU
    slow = Costs("t", {"Work": Timing(0.001, 0.100, dist="constant")})
    event = run(ONE_NODE, slow, 1, "event", clients=32, duration=100)
    assert event.throughput == pytest.approx(32 / 0.1015, rel=0.05)
    one_worker = run(ONE_NODE, slow, 1, "pool", clients=32, duration=100)
    assert one_worker.throughput == pytest.approx(1 / 0.100, rel=0.03)
    four = run(ONE_NODE, slow, 1, "pool", clients=32, threads=4, duration=100)
    assert four.throughput == pytest.approx(4 / 0.100, rel=0.03)


def constant(source: str, name: str) -> str:
    found = re.search(rf"#define {name} (\w+)", source)
    assert found, f"runtime/event.c no longer defines {name}"
    return found[1]


def test_the_model_follows_the_runtime_source() -> None:
    event = (RUNTIME / "event.c").read_text()
    assert int(constant(event, "FAIR_EVERY")) == engine.EVENT_FAIR_EVERY
    assert int(constant(event, "MONITOR_NS").rstrip("L")) == engine.EVENT_MONITOR_S * 1e9
    # one pick in FAIR_EVERY takes a new flow (from the shared queue or the thread's own place,
    # local sources) first; otherwise continuations, then new flows
    fair = re.search(r"if \(\+\+w->tick % FAIR_EVERY == 0\) \{?\s*flow = pop_shared\(\);", event)
    assert fair, "runtime/event.c no longer takes a new flow first once every FAIR_EVERY picks"
    after = event[fair.end():]
    assert after.index("take(w)") < after.index("poll_place(w)", after.index("take(w)")), \
        "a local source's new flows no longer come after the continuations"
    main = (RUNTIME / "main.c").read_text()
    assert "if (threads <= 0) threads = flux_cores();" in main  # 0: one per core
    assert set(engine.RUNTIMES) == {p.stem for p in RUNTIME.glob("*.c")} & {
        "event", "pool", "thread"}
