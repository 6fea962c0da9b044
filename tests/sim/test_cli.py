"""``flux simulate`` through real subprocesses: the flux-sim/1 contract, formats, seeds,
and one located line (no traceback) for every kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .sim_support import PICK

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = PICK + "\natomic Slow:{table};\n"
ESTIMATES = """\
[node.Fast]
cpu_ms = 1

[node.Slow]
cpu_ms = 4
wall_ms = 6

[dispatch.Pick]
weights = [3, 1]
"""


def flux(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "simulate", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.flux").write_text(PROGRAM)
    (tmp_path / "estimates.toml").write_text(ESTIMATES)
    return tmp_path


FAST = ("--duration", "5", "--warmup", "0.5")


def test_json_contract_and_determinism(project: Path) -> None:
    args = ("app.flux", "--cpus", "1,2", "--clients", "1,8", "--format", "json", *FAST)
    result = flux(*args, cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "flux-sim/1"
    assert [(p["cpus"], p["clients"]) for p in data["points"]] == [(1, 1), (1, 8), (2, 1),
                                                                    (2, 8)]
    for point in data["points"]:
        assert {"throughput", "mean_ms", "p50_ms", "p99_ms", "cpu_utilisation",
                "bottleneck"} <= point.keys()
        assert point["bottleneck"] in ("cpu", "table", "none")
        assert "rate" not in point
    # mean service 0.75·1 + 0.25·6 = 2.25 ms: one client finishes ~444 flows a second
    assert data["points"][0]["throughput"] == pytest.approx(444, rel=0.08)
    assert flux(*args, cwd=project).stdout == result.stdout
    other = flux(*args, "--seed", "2", cwd=project).stdout
    assert other != result.stdout


def test_runtime_threads_and_the_load_generators_cpu(project: Path) -> None:
    base = ("app.flux", "--cpus", "1", "--clients", "8", "--format", "json", *FAST)
    event = json.loads(flux(*base, cwd=project).stdout)
    assert (event["runtime"], event["threads"], event["client_cpu_ms"]) == ("event", 0, 0.0)
    # Fast waits 4 ms for I/O: one pool worker is held through it (5.25 ms a flow: 190/s);
    # an event thread only until the monitor's second look (1–2 ms)
    (project / "io.toml").write_text(ESTIMATES.replace("cpu_ms = 1\n", "cpu_ms = 1\nwall_ms = 5\n"))
    io = (*base, "--estimates", "io.toml")
    pool = json.loads(flux(*io, "--runtime", "pool", "--threads", "1", cwd=project).stdout)
    assert (pool["runtime"], pool["threads"]) == ("pool", 1)
    assert pool["points"][0]["throughput"] == pytest.approx(1 / 5.25e-3, rel=0.08)
    threads = json.loads(flux(*io, cwd=project).stdout)["points"][0]["throughput"]
    assert pool["points"][0]["throughput"] < 0.7 * threads
    # a load generator computing 1 ms a request on the same (saturated) CPU slows the server
    shared = json.loads(flux(*base, "--think", "1", "--client-cpu", "1", cwd=project).stdout)
    assert shared["client_cpu_ms"] == 1.0
    assert shared["points"][0]["throughput"] == pytest.approx(1 / 2.75e-3, rel=0.08)
    text = flux("app.flux", "--cpus", "1", "--clients", "1", "--runtime", "thread", *FAST,
                cwd=project)
    assert "thread runtime, one per flow" in text.stdout
    bad = flux("app.flux", "--threads", "-1", cwd=project)
    assert bad.returncode == 2 and "expected a number from 0 to 1024" in bad.stderr


def test_open_arrivals_text_and_markdown(project: Path) -> None:
    text = flux(".", "--cpus", "2", "--rate", "100,200", *FAST, cwd=project)
    assert text.returncode == 0, text.stderr
    assert "rate/s" in text.stdout and "open arrivals" in text.stdout
    markdown = flux(".", "--cpus", "2", "--rate", "100", "--format", "markdown", *FAST,
                    cwd=project)
    assert "| cpus | rate/s | throughput/s |" in markdown.stdout
    data = json.loads(flux(".", "--cpus", "2", "--rate", "100", "--format", "json", *FAST,
                           cwd=project).stdout)
    assert data["points"][0]["rate"] == 100 and "clients" not in data["points"][0]


def test_speedup_raises_the_prediction(project: Path) -> None:
    base = ("app.flux", "--cpus", "1", "--clients", "8", "--format", "json", *FAST)
    slow = json.loads(flux(*base, cwd=project).stdout)["points"][0]["throughput"]
    fast = json.loads(flux(*base, "--speedup", "Slow=4", "--speedup", "Fast=2",
                           cwd=project).stdout)["points"][0]["throughput"]
    # CPU per flow 0.75·1 + 0.25·4 = 1.75 ms, then 0.75·0.5 + 0.25·1 = 0.625 ms
    assert fast / slow == pytest.approx(1.75 / 0.625, rel=0.1)


@pytest.mark.parametrize("estimates,expected", [
    ("[node.Fats]\ncpu_ms = 1\n", "estimates.toml:1:1: unknown node `Fats` (did you mean "
     "`Fast`?)"),
    ("[node.Fast]\ncpu_ms = 1\n\n[node.Slow]\ncpu_ms = -3\n",
     "estimates.toml:5:1: `Slow`: cpu_ms must be a number of milliseconds ≥ 0"),
    ("[node.Slow]\nfail = 1.5\n", "estimates.toml:2:1: `Slow`: fail is a probability"),
    ("[node.Slow]\ncpu_ms = 2\nwall_ms = 1\n", "estimates.toml:3:1: `Slow`: wall_ms (1) is "
     "less than cpu_ms (2)"),
    ("[node.Slow]\ncpu = 2\n", "estimates.toml:2:1: unknown key `cpu` in [node.Slow]"),
    ("[node.Pick]\ncpu_ms = 2\n", "estimates.toml:1:1: `Pick` is abstract"),
    ("[dispatch.Pick]\nweights = [1]\n", "estimates.toml:2:1: `Pick` has 2 alternatives, "
     "the weights list 1"),
    ("[node.Slow\n", "estimates.toml:1:11: not valid TOML"),
])
def test_bad_estimates_are_one_located_line(project: Path, estimates: str,
                                            expected: str) -> None:
    (project / "estimates.toml").write_text(estimates)
    result = flux("app.flux", "--cpus", "1", "--clients", "1", *FAST, cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("flux: error: ")
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args,expected", [
    (("--speedup", "Slow=0"), "--speedup Slow=0: expected NODE=FACTOR with a factor > 0"),
    (("--speedup", "Slwo=2"), "unknown node `Slwo` (did you mean `Slow`?)"),
    (("--speedup", "Pick=2"), "`Pick` is abstract"),
    (("--clients", ","), "expected numbers ≥ 1"),
    (("--cpus", "0"), "expected numbers ≥ 1"),
    (("--source", "Nope"), "the program's sources are Src"),
    (("--estimates", "missing.toml"), "missing.toml: no such estimates file"),
])
def test_bad_arguments(project: Path, args: tuple[str, ...], expected: str) -> None:
    result = flux("app.flux", *FAST, *args, cwd=project)
    assert result.returncode == 2
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_program_with_errors_and_no_costs(project: Path) -> None:
    (project / "bad.flux").write_text("Src () => (int x);\nsource Src => Missing;\n")
    result = flux("bad.flux", *FAST, cwd=project)
    assert result.returncode == 1
    assert "bad.flux:2:" in result.stderr and "`flux check`" in result.stderr
    (project / "estimates.toml").unlink()
    result = flux("app.flux", *FAST, cwd=project)
    assert result.returncode == 2 and "no costs" in result.stderr


def test_measured_points_and_plot(project: Path) -> None:
    (project / "measured.json").write_text(json.dumps({"points": [
        {"cpus": 1, "clients": 8, "throughput": 500.0, "p99_ms": 40.0}]}))
    args = ("app.flux", "--cpus", "1", "--clients", "1,8", "--measured", "measured.json",
            *FAST)
    table = flux(*args, cwd=project)
    assert table.returncode == 0, table.stderr
    assert "measured/s" in table.stdout and "500.0" in table.stdout
    data = json.loads(flux(*args, "--format", "json", cwd=project).stdout)
    measured = data["points"][1]["measured"]
    assert measured["throughput_error"] == pytest.approx(
        data["points"][1]["throughput"] / 500 - 1, abs=1e-3)
    assert "measured" not in data["points"][0]
    bad = flux(*args, "--plot", "out.pdf", cwd=project)
    assert bad.returncode == 2 and "must end in .svg or .png" in bad.stderr
    pytest.importorskip("matplotlib", reason="--plot needs matplotlib (the plot extra)")
    drawn = flux(*args, "--plot", "out.svg", cwd=project)
    assert drawn.returncode == 0, drawn.stderr
    svg = (project / "out.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "measured" in svg and "predicted" in svg  # the legend: both series drawn


def test_progress_bar_only_on_a_terminal(project: Path) -> None:
    import pty

    args = [sys.executable, "-m", "flux_ls.cli.main", "simulate", "app.flux", "--cpus", "1",
            "--clients", "1,2", *FAST]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FLUX_PROGRESS_AFTER": "0"}
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(args, cwd=project, env=env, stdout=subprocess.PIPE,
                                   stderr=follower)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
        out, _ = process.communicate(timeout=60)
    finally:
        os.close(leader)
    assert process.returncode == 0
    assert b"simulating [" in seen and b"100%" in seen
    assert b"throughput/s" in out  # the table still goes to stdout, untouched
    piped = subprocess.run(args, cwd=project, env=env, capture_output=True, timeout=60)
    assert piped.returncode == 0 and piped.stderr == b""


def test_the_image_servers_estimates(tmp_path: Path) -> None:
    # examples/imageserver ships an estimates.toml: `flux simulate examples/imageserver` works
    result = flux(str(ROOT / "examples" / "imageserver"), "--cpus", "1", "--clients", "2",
                  "--format", "json", *FAST, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["costs"].endswith("examples/imageserver/estimates.toml")
    assert data["points"][0]["bottleneck"] == "cpu"
