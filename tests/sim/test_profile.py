"""Costs from a flux-profile/1 profile: histograms, edge counts, and the graph-hash check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flux_ls.analysis import analyze
from flux_ls.graph import Graph
from flux_ls.sim.costs import CostError
from flux_ls.sim.engine import Workload, simulate
from flux_ls.sim.predict import model_of
from flux_ls.sim.profile_costs import costs_of_profile, graph_hash

from .sim_support import PICK

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = PICK + "\nhandle error Slow => Oops;\n"


def profile(graph: Graph, fast: int = 300, slow: int = 100, slow_failures: int = 0,
            hash_: str | None = None) -> dict[str, Any]:
    pick = next(v for v in graph.vertices if v.name == "Pick" and v.kind == "abstract")
    slow_vertex = next(v for v in graph.vertices if v.name == "Slow")
    dispatch = sorted((e for e in graph.out_edges(pick.id) if e.kind == "dispatch"),
                      key=lambda e: e.alternative or 0)
    counts = {dispatch[0].id: fast, dispatch[1].id: slow}
    for edge in graph.out_edges(slow_vertex.id):
        counts[edge.id] = slow_failures if edge.kind == "error" else slow - slow_failures
    ms = 1_000_000
    return {
        "schema": "flux-profile/1", "program": "app", "file": "app.flux",
        "graph_hash": hash_ or graph_hash(graph), "runtime": "pool", "threads": 1,
        "complete": True, "wall_ns": 10**9, "flows": fast + slow,
        "nodes": [
            {"name": "Src", "kind": "source", "count": fast + slow, "wall_ns": 10**9,
             "cpu_ns": 0, "failures": {}, "histogram": []},
            {"name": "Fast", "kind": "concrete", "count": fast, "wall_ns": fast * ms,
             "cpu_ns": fast * ms, "failures": {}, "histogram": [[ms - 1000, ms + 1000, fast]]},
            # half the calls 1–2 ms, half 6–7 ms: mean 4 ms; never more than 7 ms
            {"name": "Slow", "kind": "concrete", "count": slow, "wall_ns": slow * 4 * ms,
             "cpu_ns": slow * 4 * ms, "failures": {"5": slow_failures},
             "histogram": [[ms, 2 * ms, slow // 2], [6 * ms, 7 * ms, slow // 2]]},
        ],
        "edges": [{"id": e, "src": 0, "dst": 0, "count": n} for e, n in counts.items()],
        "paths": [], "vertices": [], "constraints": [],  # fields every profile carries
    }


def plan() -> Any:
    return model_of(analyze(PROGRAM, "app.flux"))


def test_times_and_branches_come_from_the_profile() -> None:
    p = plan()
    costs = costs_of_profile("p.json", json.dumps(profile(p.graph)), p.graph)
    point = simulate(p, costs, 1, Workload(clients=1), duration=100, warmup=1, seed=4)
    # 3/4 of the flows take Fast (1 ms), 1/4 Slow (4 ms): 1.75 ms
    assert point.mean_ms == pytest.approx(1.75, rel=0.04)
    # drawn from the histogram, Slow never takes more than 7 ms (an exponential of mean
    # 4 ms would put the p99 near 13 ms)
    assert 6.0 <= point.p99_ms <= 7.05


def test_failures_from_the_error_edge_counts() -> None:
    p = plan()
    costs = costs_of_profile("p.json", json.dumps(profile(p.graph, slow_failures=50)),
                             p.graph)
    point = simulate(p, costs, 1, Workload(clients=1), duration=50, warmup=1, seed=4)
    assert point.errors / point.flows == pytest.approx(0.125, abs=0.02)


def test_a_profile_of_another_graph_is_refused() -> None:
    p = plan()
    stale = profile(p.graph, hash_="sha256:" + "0" * 64)
    with pytest.raises(CostError, match="another program graph"):
        costs_of_profile("p.json", json.dumps(stale), p.graph)
    with pytest.raises(CostError, match="p.json: not valid JSON: .* at line 1 column 2"):
        costs_of_profile("p.json", "{oops", p.graph)
    with pytest.raises(CostError, match="not a Flux profile"):
        costs_of_profile("p.json", '{"schema": "other"}', p.graph)


def test_cli_with_a_profile(tmp_path: Path) -> None:
    p = plan()
    (tmp_path / "app.flux").write_text(PROGRAM)
    (tmp_path / "profile.json").write_text(json.dumps(profile(p.graph)))
    changed = PROGRAM + "\natomic Slow:{table};\n"  # same nodes, other constraints
    (tmp_path / "changed.flux").write_text(changed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    base = [sys.executable, "-m", "flux_ls.cli.main", "simulate", "--profile", "profile.json",
            "--cpus", "1", "--clients", "1", "--duration", "20", "--format", "json"]
    ok = subprocess.run([*base, "app.flux"], capture_output=True, text=True, cwd=tmp_path,
                        env=env, timeout=60)
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["costs"] == "profile profile.json"
    assert data["runtime"] == "pool"  # the profile's runtime, unless --runtime says
    assert data["points"][0]["mean_ms"] == pytest.approx(1.75, rel=0.06)
    stale = subprocess.run([*base, "changed.flux"], capture_output=True, text=True,
                           cwd=tmp_path, env=env, timeout=60)
    assert stale.returncode == 2 and "another program graph" in stale.stderr
