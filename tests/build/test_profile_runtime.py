"""The path profiler's recording in the C runtime (docs/profile.md), in all three runtimes.

``programs/profiled`` issues 1000 flows over three dispatch branches in the proportions
700 : 200 : 100 (the last failing into a handler): the profile must count exactly those
paths, edges and node arrivals; times must be sane (CPU ≤ wall, a 1 ms sleep takes ≥ 1 ms
and little CPU); SIGUSR1 under load writes a valid profile, and nothing is lost when the
per-thread counters are merged. The profile's graph hash is the one Python computes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from build_support import RUNTIMES, WATCHDOG, Builder, run

from flux_ls.analysis import analyze
from flux_ls.graph import build as build_graph
from flux_ls.graph import numbering
from flux_ls.profile.hashing import graph_hash
from flux_ls.profile.report import summary
from flux_ls.profile.schema import load

FAST = ["Gen", "Work", "Fast", "Done"]
SLEEPY = ["Gen", "Work", "Sleepy", "Done"]
FAILING = ["Gen", "Work", "Busy", "Fails", "Recover"]


def profile_of(built: Builder, tmp_path: Path, runtime: str, *args: str,
               env: dict[str, str] | None = None) -> dict[str, Any]:
    out = tmp_path / f"{runtime}.json"
    done = run(built("profiled").binary, f"--flux-runtime={runtime}", "--flux-threads=2",
               f"--flux-profile={out}", *args, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ended 1000 counter 700"
    data: dict[str, Any] = json.loads(out.read_text())
    load(out.read_bytes())  # the reader accepts what the writer wrote
    return data


def node(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(n for n in data["nodes"] if n["name"] == name)


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_exact_path_edge_and_node_counts(built: Builder, tmp_path: Path, runtime: str) -> None:
    data = profile_of(built, tmp_path, runtime)
    assert data["schema"] == "flux-profile/1"
    assert (data["program"], data["runtime"], data["threads"]) == ("profiled", runtime, 2)
    assert data["complete"] is True
    paths = {tuple(p["nodes"]): p for p in data["paths"]}
    assert {k: p["count"] for k, p in paths.items()} == {
        tuple(FAST): 700, tuple(SLEEPY): 200, tuple(FAILING): 100}
    assert paths[tuple(FAILING)]["end"] == "error"
    assert paths[tuple(FAST)]["end"] == "exit"
    # merging the per-thread counters loses nothing: path counts add up to the flows
    assert sum(p["count"] for p in data["paths"]) == data["flows"] == 1000
    assert data["source_failures"] == 0  # Gen's last call fails while stopping: not a flow
    assert {n["name"]: n["count"] for n in data["nodes"]} == {
        "Gen": 1001, "Job": 1000, "Work": 1000, "Route": 1000, "Fast": 700, "Sleepy": 200,
        "Busy": 100, "Fails": 100, "Recover": 100, "Done": 900}
    assert node(data, "Fails")["failures"] == {"5": 100}
    # edges: what the decoded paths take, plus Gen's last, interrupted, call
    expected: Counter[int] = Counter()
    for p in data["paths"]:
        for edge in p["edges"]:
            expected[edge] += p["count"]
    entry = data["paths"][0]["edges"][0]
    gen = next(v["id"] for v in data["vertices"] if v["name"] == "Gen")
    gen_error = next(e["id"] for e in data["edges"]
                     if e["src"] == gen and data["vertices"][e["dst"]]["kind"] in ("error",))
    expected[entry] += 1
    expected[gen_error] += 1
    assert {e["id"]: e["count"] for e in data["edges"] if e["count"]} == dict(expected)
    counter = data["constraints"][0]
    assert counter["name"] == "counter"
    assert (counter["read"]["acquired"], counter["write"]["acquired"]) == (200, 700)


def test_path_ids_and_graph_hash_are_those_python_computes(built: Builder,
                                                           tmp_path: Path) -> None:
    data = profile_of(built, tmp_path, "pool")
    source = Path(built("profiled").manifest.flux)
    graph = build_graph(analyze(source.read_bytes(), str(source)))
    assert data["graph_hash"] == graph_hash(graph)
    number = numbering(graph)
    assert data["path_count"] == number.paths
    for p in data["paths"]:
        assert tuple(p["edges"]) == number.decode(p["id"])
        dst = {e.id: e.dst for e in graph.edges}
        assert p["vertices"] == [0, *(dst[e] for e in p["edges"])]


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_times_are_sane(built: Builder, tmp_path: Path, runtime: str) -> None:
    data = profile_of(built, tmp_path, runtime,
                      env={**os.environ, "FLUX_PROFILE_CPU_EVERY": "1"})
    busy, sleepy = node(data, "Busy"), node(data, "Sleepy")
    for n in (busy, sleepy):
        assert n["cpu_samples"] == n["count"]  # every call measured
        # CPU time is read inside the measured wall interval (2% for the two clocks' rates)
        assert n["cpu_sampled_ns"] <= n["cpu_sampled_wall_ns"] * 1.02
    assert busy["cpu_ns"] >= 100 * 500_000 * 0.98  # Busy spins until 0.5 ms of CPU has passed
    assert sleepy["wall_ns"] / sleepy["count"] >= 1_000_000  # nanosleep(1 ms) sleeps ≥ 1 ms
    assert sleepy["cpu_ns"] / sleepy["count"] < 500_000
    for p in data["paths"]:
        assert p["total_ns"] > 0
        assert sum(b[2] for b in p["histogram"]) == p["count"]
        assert all(b[0] <= b[1] for b in p["histogram"] if b[1] is not None)


# (the thread runtime's flow threads each start a counter set: their first 8 calls are timed)
@pytest.mark.parametrize("runtime", ["pool", "event"])
def test_wall_time_is_sampled_and_scaled(built: Builder, tmp_path: Path, runtime: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLUX_PROFILE_")}
    data = profile_of(built, tmp_path, runtime, env={**env, "FLUX_PROFILE_WALL_EVERY": "4"})
    assert data["wall_sample_every"] == 4
    fast, sleepy = node(data, "Fast"), node(data, "Sleepy")
    assert (fast["count"], sleepy["count"]) == (700, 200)  # counts stay exact
    # the first 8 calls per thread, then one in 4: 2 threads, and in the event runtime the
    # monitor may add a thread or two while Sleepy blocks (each new thread times its first 8)
    first = 8 * (2 if runtime == "pool" else 5)
    for n in (fast, sleepy):
        assert n["count"] / 4 <= n["wall_samples"] <= n["count"] / 4 + first
        assert n["cpu_samples"] <= n["wall_samples"]  # a CPU-sampled call is wall-timed
        # the histogram is scaled to all calls (each bucket rounded)
        assert abs(sum(b[2] for b in n["histogram"]) - n["count"]) <= len(n["histogram"])
    # scaled to all calls: 200 sleeps of at least 1 ms, not only the timed ones
    assert sleepy["wall_ns"] >= 200 * 1_000_000
    profile = load((tmp_path / f"{runtime}.json").read_bytes())
    assert profile.wall_sample_every == 4
    notes = [t.note for t in summary(profile).tables]
    assert any("wall time and latency timed on the first 8 calls and then one in 4" in n
               for n in notes)
    every = profile_of(built, tmp_path, runtime, env={**env, "FLUX_PROFILE_WALL_EVERY": "1"})
    assert every["wall_sample_every"] == 1
    for n in every["nodes"]:
        if n["histogram"]:
            assert n["wall_samples"] == n["count"]
            assert sum(b[2] for b in n["histogram"]) == n["count"]


def test_bad_wall_sample_period_is_refused(built: Builder, tmp_path: Path) -> None:
    done = run(built("profiled").binary, f"--flux-profile={tmp_path / 'p.json'}",
               env={**os.environ, "FLUX_PROFILE_WALL_EVERY": "0"})
    assert done.returncode != 0
    assert "FLUX_PROFILE_WALL_EVERY wants a number from 1 to 65536, not '0'" in done.stderr


@pytest.mark.parametrize("runtime", ["pool", "event"])
def test_sigusr1_under_load_writes_valid_profiles(built: Builder, tmp_path: Path,
                                                  runtime: str) -> None:
    out = tmp_path / "live.json"
    server = subprocess.Popen([str(built("profiled").binary), "0", f"--flux-runtime={runtime}",
                               f"--flux-profile={out}"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        flows = []
        for _ in range(4):
            time.sleep(0.3)
            server.send_signal(signal.SIGUSR1)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if out.exists():
                    try:
                        data = json.loads(out.read_text())  # never half a file (rename)
                    except json.JSONDecodeError:
                        pytest.fail("a profile was read half-written")
                    if data["flows"] not in flows:
                        break
                time.sleep(0.02)
            assert data["complete"] is False
            load(out.read_bytes())
            flows.append(data["flows"])
        assert flows == sorted(flows) and flows[-1] > flows[0]
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=WATCHDOG)
    finally:
        server.kill()
    data = json.loads(out.read_text())
    assert server.returncode == 0
    assert data["complete"] is True
    assert sum(p["count"] for p in data["paths"]) == data["flows"] > flows[-1]
    assert not list(tmp_path.glob("live.json.tmp*"))


def test_sigusr1_without_a_profile_is_answered_not_fatal(built: Builder,
                                                        tmp_path: Path) -> None:
    """SIGUSR1 asks for a profile; a server started without one says so and keeps serving."""
    server = subprocess.Popen([str(built("profiled").binary), "0"], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(0.3)
        server.send_signal(signal.SIGUSR1)
        time.sleep(0.3)
        assert server.poll() is None, "SIGUSR1 killed a server that records no profile"
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=WATCHDOG)
    finally:
        server.kill()
    assert server.returncode == 0, err
    assert "SIGUSR1 ignored: no path profile is being recorded" in err
    assert "--flux-profile=PATH" in err
    assert list(tmp_path.iterdir()) == []


def test_profiling_is_off_by_default_and_a_bad_path_is_refused(built: Builder,
                                                               tmp_path: Path) -> None:
    binary = built("profiled").binary
    done = subprocess.run([str(binary), "10"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=WATCHDOG, check=False)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []
    done = run(binary, "10", f"--flux-profile={tmp_path}/missing/dir/p.json")
    assert done.returncode == 1
    assert "cannot write the profile" in done.stderr and "No such file" in done.stderr
    done = run(binary, "10", f"--flux-profile={tmp_path}")
    assert done.returncode == 1 and "is a directory" in done.stderr
    done = run(binary, "10", "--flux-profile=")
    assert done.returncode == 1 and "wants a file name" in done.stderr


@pytest.mark.parametrize("sanitize", [("thread",), ("address", "undefined")])
def test_profiling_under_sanitizers(built: Builder, tmp_path: Path,
                                    sanitize: tuple[str, ...]) -> None:
    binary = built("profiled", sanitize).binary
    env = {**os.environ, "TSAN_OPTIONS": "halt_on_error=1"}
    for runtime in RUNTIMES:
        out = tmp_path / f"{runtime}.json"
        done = run(binary, f"--flux-runtime={runtime}", f"--flux-profile={out}", env=env)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Sanitizer" not in done.stderr and "runtime error" not in done.stderr
        assert json.loads(out.read_text())["flows"] == 1000
