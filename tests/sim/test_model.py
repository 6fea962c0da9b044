"""The simulator checked where queueing theory knows the answer (issue 11, "Correctness").

Every case runs enough simulated time (fixed seeds) that the tolerance is several standard
errors wide, yet the whole file costs a few seconds: SimPy runs ~60,000 flows a second here.
"""

from __future__ import annotations

import pytest

from flux_ls.analysis import analyze
from flux_ls.sim.costs import Costs, Timing, parse_estimates
from flux_ls.sim.engine import Point, Workload, simulate
from flux_ls.sim.predict import Settings, model_of, predict

from .sim_support import PICK

ONE_NODE = """\
Src () => (int x);
Work (int x) => ();

source Src => Work;
"""


def plan_of(text: str):  # type: ignore[no-untyped-def]
    analysis = analyze(text, "t.flux")
    assert not analysis.errors, analysis.errors
    return model_of(analysis)


def run(text: str, costs: Costs, cpus: int, *, clients: int | None = None,
        rate: float | None = None, duration: float = 500.0, seed: int = 7,
        global_sessions: bool = False) -> Point:
    return simulate(plan_of(text), costs, cpus, Workload(clients=clients, rate=rate),
                    duration=duration, warmup=5.0, seed=seed, global_sessions=global_sessions)


def costs(**nodes: Timing) -> Costs:
    return Costs("test", dict(nodes))


def erlang_c_response(arrival: float, service: float, c: int) -> float:
    """Mean response time of M/M/c (Erlang C waiting probability)."""
    a = arrival * service
    rho = a / c
    term, total = 1.0, 0.0
    for k in range(c):
        total += term
        term *= a / (k + 1)
    last = term / (1 - rho)
    wait_probability = last / (total + last)
    return wait_probability / (c / service - arrival) + service


def test_mm1_mean_response() -> None:
    # λ = 50/s, μ = 100/s: mean response 1/(μ−λ) = 20 ms, p99 = ln(100)/(μ−λ) ≈ 92 ms
    point = run(ONE_NODE, costs(Work=Timing(0.010, 0.010)), 1, rate=50, duration=1000)
    assert point.mean_ms == pytest.approx(20.0, rel=0.06)
    assert point.p99_ms == pytest.approx(92.1, rel=0.12)
    assert point.throughput == pytest.approx(50, rel=0.03)
    assert point.cpu_utilisation == pytest.approx(0.5, abs=0.02)


@pytest.mark.parametrize("cpus,arrival", [(2, 120.0), (4, 300.0)])
def test_mmc_erlang_c(cpus: int, arrival: float) -> None:
    point = run(ONE_NODE, costs(Work=Timing(0.010, 0.010)), cpus, rate=arrival, duration=400)
    expected = erlang_c_response(arrival, 0.010, cpus) * 1000
    assert point.mean_ms == pytest.approx(expected, rel=0.06)
    assert point.cpu_utilisation == pytest.approx(arrival * 0.010 / cpus, abs=0.02)


def test_constant_service_closed_loop_is_exact() -> None:
    # one client, constant 10 ms: exactly 100 flows a second, every latency 10 ms
    point = run(ONE_NODE, costs(Work=Timing(0.010, 0.010, dist="constant")), 2, clients=1,
                duration=20)
    assert point.throughput == pytest.approx(100, abs=0.1)
    assert point.p50_ms == pytest.approx(10.0) and point.p99_ms == pytest.approx(10.0)


WRITER = ONE_NODE + "\natomic Work:{table};\n"
READER = ONE_NODE + "\natomic Work:{table?};\n"


def test_writer_constraint_caps_throughput_at_one_over_service() -> None:
    for cpus in (1, 4):
        point = run(WRITER, costs(Work=Timing(0.010, 0.010)), cpus, clients=16, duration=200)
        assert point.throughput == pytest.approx(100, rel=0.04)
    assert point.bottleneck == "table"
    assert point.cpu_utilisation == pytest.approx(0.25, abs=0.03)


def test_reader_constraint_does_not() -> None:
    point = run(READER, costs(Work=Timing(0.010, 0.010)), 4, clients=16, duration=200)
    assert point.throughput == pytest.approx(400, rel=0.04)
    assert point.bottleneck == "cpu"


def test_wall_much_longer_than_cpu_scales_with_clients_not_cpus() -> None:
    slow = costs(Work=Timing(0.001, 0.100, dist="constant"))
    one = run(ONE_NODE, slow, 1, clients=1, duration=100)
    many = run(ONE_NODE, slow, 1, clients=32, duration=100)
    many_cpus = run(ONE_NODE, slow, 4, clients=32, duration=100)
    assert one.throughput == pytest.approx(1 / 0.100, rel=0.02)
    assert many.throughput == pytest.approx(32 * one.throughput, rel=0.05)
    assert many_cpus.throughput == pytest.approx(many.throughput, rel=0.03)
    assert many.bottleneck == "none"


NESTED = """\
Src () => (int x);
Outer (int x) => ();
B (int x) => (int x);
C (int x) => ();

source Src => Outer;
Outer = B -> C;

atomic Outer:{table};
"""


def test_constraint_is_held_across_an_abstract_sub_flow() -> None:
    # B and C take 5 ms each; Outer's writer constraint spans both: 1/(10 ms) = 100/s
    point = run(NESTED, costs(B=Timing(0.005, 0.005), C=Timing(0.005, 0.005)), 4,
                clients=16, duration=200)
    assert point.throughput == pytest.approx(100, rel=0.04)
    assert point.bottleneck == "table"


FAILING = """\
Src () => (int x);
Work (int x) => ();

source Src => Work;

handle error Work => Recover;

atomic Work:{table};
"""


def test_constraints_are_released_before_the_handler_runs() -> None:
    # Work always fails after 0.1 ms under the writer; the 10 ms handler runs without it,
    # so 4 CPUs serve ~4/(10.1 ms) flows a second, not 1/(10.1 ms)
    point = run(FAILING, costs(Work=Timing(0.0001, 0.0001, fail=1.0),
                               Recover=Timing(0.010, 0.010)), 4, clients=16, duration=100)
    assert point.throughput == pytest.approx(4 / 0.0101, rel=0.05)
    assert point.errors == point.flows


SESSION = """\
Src () => (int x);
Work (int x) => ();

source Src {session: ByClient} => Work;

atomic Work:{table(session)};
"""


def test_session_constraints_are_per_session_unless_global() -> None:
    given = costs(Work=Timing(0.010, 0.010))
    per_client = run(SESSION, given, 4, clients=16, duration=100)
    assert per_client.throughput == pytest.approx(400, rel=0.05)
    shared = run(SESSION, given, 4, clients=16, duration=100, global_sessions=True)
    assert shared.throughput == pytest.approx(100, rel=0.05)


def test_dispatch_weights_from_an_estimates_file() -> None:
    plan = plan_of(PICK)
    given = parse_estimates("e.toml", "[node.Fast]\ncpu_ms = 1\ndist = \"constant\"\n"
                            "[node.Slow]\ncpu_ms = 10\ndist = \"constant\"\n"
                            "[dispatch.Pick]\nweights = [3, 1]\n", plan.graph)
    point = simulate(plan, given, 1, Workload(clients=1), duration=200, warmup=1, seed=3)
    # mean service 0.75·1 + 0.25·10 = 3.25 ms
    assert point.mean_ms == pytest.approx(3.25, rel=0.04)


def test_speedup_divides_a_nodes_time() -> None:
    plan = plan_of(ONE_NODE)
    base = Costs("t", {"Work": Timing(0.010, 0.010, dist="constant")})
    settings = Settings(cpus=(1,), clients=(4,), duration_s=20, warmup_s=1,
                        speedup=(("Work", 2.0),))
    faster = predict(plan, base, settings, "t.flux").points[0]
    assert faster.throughput == pytest.approx(200, rel=0.01)


def test_same_seed_same_numbers_other_seed_others() -> None:
    given = costs(Work=Timing(0.010, 0.010))
    a = run(ONE_NODE, given, 2, rate=150, duration=20, seed=5)
    b = run(ONE_NODE, given, 2, rate=150, duration=20, seed=5)
    c = run(ONE_NODE, given, 2, rate=150, duration=20, seed=6)
    assert a == b
    assert a != c
