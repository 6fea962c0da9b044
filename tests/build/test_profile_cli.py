"""``flux profile report|diff``, ``flux graph --profile`` and ``flux run --profile`` end to end,
on profiles the real ``programs/profiled`` server wrote."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from build_support import WATCHDOG, Builder, run

FLUX = [sys.executable, "-m", "flux_ls.cli.main"]


def flux(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FLUX, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=WATCHDOG, check=False)


@pytest.fixture(scope="module")
def recorded(built: Builder, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("profiles")
    paths = {}
    for runtime in ("pool", "event"):
        paths[runtime] = out / f"{runtime}.json"
        done = run(built("profiled").binary, f"--flux-runtime={runtime}",
                   f"--flux-profile={paths[runtime]}")
        assert done.returncode == 0, done.stderr
    paths["program"] = built("profiled").manifest.root
    return paths


def test_report_text_names_the_hot_paths_nodes_and_waits(recorded: dict[str, Path]) -> None:
    done = flux("profile", "report", str(recorded["pool"]), "--program", str(recorded["program"]))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("Profile of profiled (profiled.flux): pool runtime, 2 threads")
    assert "1,000 flows finished" in text
    went = next(line for line in text.splitlines() if "where the flows' time went" in line)
    shares = [float(x) for x in re.findall(r"([0-9.]+)%", went)]
    assert len(shares) == 3 and sum(shares) == pytest.approx(100, abs=0.2)
    by_count = text.split("Hot paths by count")[1].split("Nodes")[0]
    rows = [line for line in by_count.splitlines() if "→" in line]
    assert [r.split()[2] for r in rows] == ["700", "200", "100"]
    assert rows[0].endswith("Gen → Work → Fast → Done")
    assert rows[2].endswith("Gen → Work → Busy → Fails → Recover → ERROR")
    assert "70.0%" in rows[0]
    fails = next(line for line in text.splitlines() if line.strip().startswith("Fails "))
    assert "100 (100×5)" in fails
    assert "counter" in text.split("Constraints")[1]


def test_report_json_and_markdown(recorded: dict[str, Path]) -> None:
    done = flux("profile", "report", str(recorded["event"]), "--format", "json", "--top", "2")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == "flux-profile-report/1"
    assert [p["count"] for p in data["paths_by_count"]] == [700, 200]
    share = sum(p["share_of_flows"] for p in data["paths_by_count"])
    assert share == pytest.approx(0.9)
    assert {n["name"]: n["count"] for n in data["nodes"]}["Sleepy"] == 200
    md = flux("profile", "report", str(recorded["event"]), "--format", "markdown").stdout
    assert "| # | time | flows | of flows | mean | p99 | path |" in md
    assert "|---:|---:|---:|---:|---:|---:|---|" in md


def test_diff_compares_two_runs(recorded: dict[str, Path]) -> None:
    done = flux("profile", "diff", str(recorded["pool"]), str(recorded["event"]))
    assert done.returncode == 0, done.stderr
    assert "A: 1,000 flows, pool runtime" in done.stdout
    assert "B: 1,000 flows, event runtime" in done.stdout
    data = json.loads(flux("profile", "diff", str(recorded["pool"]), str(recorded["event"]),
                           "--format", "json").stdout)
    assert {p["count_a"] for p in data["paths"]} == {700, 200, 100}


def test_a_profile_of_another_program_version_is_refused(recorded: dict[str, Path],
                                                         tmp_path: Path) -> None:
    program = tmp_path / "profiled"
    shutil.copytree(recorded["program"], program, ignore=shutil.ignore_patterns(".flux-build"))
    flux_file = program / "profiled.flux"
    text = flux_file.read_text()
    # reformatting and comments keep the profile valid
    relaid = text.replace("Route:[fast] = Fast;", "Route:[fast]   =   Fast;  // the hot one")
    assert relaid != text
    flux_file.write_text(relaid)
    assert flux("profile", "report", str(recorded["pool"]), "--program", str(program)
                ).returncode == 0
    flux_file.write_text(text.replace("Job = Work -> Route -> Done;",
                                      "Job = Work -> Work2 -> Route -> Done;\n"
                                      "Work2 (long i) => (long i);"))
    for command in (("profile", "report", str(recorded["pool"]), "--program", str(program)),
                    ("graph", str(flux_file), "--profile", str(recorded["pool"]))):
        done = flux(*command)
        assert done.returncode == 1, done
        assert "profile of another version" in done.stderr
        assert "Traceback" not in done.stderr
        assert done.stdout == ""
    other = json.loads(recorded["event"].read_text())
    other["graph_hash"] = "sha256:" + "0" * 64
    changed = tmp_path / "other.json"
    changed.write_text(json.dumps(other))
    done = flux("profile", "diff", str(recorded["pool"]), str(changed))
    assert done.returncode == 1 and "different program graphs" in done.stderr


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "the file is empty"),
    (b'{"schema": "flux-profile/1", "paths": [', "not valid JSON (truncated?)"),
    (b'{"schema": "flux-profile/2"}', "schema `flux-profile/2` is not supported"),
    (b"[1, 2]", "not a Flux profile"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_a_corrupt_profile_gets_one_clear_line(tmp_path: Path, content: bytes,
                                               reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    done = flux("profile", "report", str(bad))
    assert done.returncode == 2
    assert done.stderr.startswith(f"flux: error: {bad}: not a readable profile: ")
    assert reason in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_a_field_of_the_wrong_type_is_named(recorded: dict[str, Path], tmp_path: Path) -> None:
    data = json.loads(recorded["pool"].read_text())
    data["paths"][1]["count"] = "many"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    done = flux("profile", "report", str(bad))
    assert done.returncode == 2
    assert "field `paths[1].count`: expected a count" in done.stderr


def test_graph_with_a_profile_draws_traffic(recorded: dict[str, Path]) -> None:
    flux_file = str(recorded["program"] / "profiled.flux")
    dot = flux("graph", flux_file, "--profile", str(recorded["pool"]))
    assert dot.returncode == 0, dot.stderr
    fast = next(line for line in dot.stdout.splitlines() if 'label=<Fast' in line)
    assert 'fillcolor="#' in fast and "% · " in fast
    widths = {int(line.split('id="e')[1].split('"')[0]): float(line.split("penwidth=")[-1]
                                                               .split()[0])
              for line in dot.stdout.splitlines() if "penwidth=" in line and "xlabel" in line}
    data = json.loads(flux("graph", flux_file, "--profile", str(recorded["pool"]),
                           "--format", "json").stdout)
    assert data["profile"]["stale"] is False and data["profile"]["flows"] == 1000
    counts = {e["id"]: e["count"] for e in data["edges"]}
    into = {e["dst"]: e["id"] for e in data["edges"] if e["kind"] == "dispatch"}
    names = {v["id"]: v["name"] for v in data["vertices"]}
    by_name = {names[dst]: counts[eid] for dst, eid in into.items()}
    assert by_name["Fast"] == 700 and by_name["Sleepy"] == 200 and by_name["Busy"] == 100
    assert widths[into[next(k for k, v in names.items() if v == "Fast")]] > \
        widths[into[next(k for k, v in names.items() if v == "Busy")]]
    sleepy = next(v for v in data["vertices"] if v["name"] == "Sleepy")
    assert sleepy["traffic"]["count"] == 200 and sleepy["traffic"]["mean_ns"] >= 1_000_000
    if shutil.which("dot"):
        svg = flux("graph", flux_file, "--profile", str(recorded["pool"]), "--format", "svg")
        assert svg.returncode == 0 and "<svg" in svg.stdout


def test_flux_run_profile_writes_the_default_path(built: Builder, tmp_path: Path) -> None:
    program = tmp_path / "profiled"
    shutil.copytree(built("profiled").manifest.root, program,
                    ignore=shutil.ignore_patterns(".flux-build"))
    done = subprocess.run([*FLUX, "run", str(program), "-q", "--profile", "--", "20"],
                          capture_output=True, text=True, timeout=WATCHDOG, check=False)
    assert done.returncode == 0, done.stderr
    profile = program / ".flux-build" / "profile.json"
    assert "profiling into" in done.stderr
    assert json.loads(profile.read_text())["flows"] == 20
    mine = tmp_path / "mine.json"
    done = subprocess.run([*FLUX, "run", str(program), "-q", f"--profile={mine}", "--", "10"],
                          capture_output=True, text=True, timeout=WATCHDOG, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(mine.read_text())["flows"] == 10
