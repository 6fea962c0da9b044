"""Accuracy of `flux simulate` against the real image server (issue 11).

    python bench/sim_accuracy.py                          # ~3 minutes
    python bench/sim_accuracy.py --duration 5 --clients 1,2,4,8,16

1. Builds examples/imageserver (in a temporary copy) and writes 8 test images (512×512
   PPM). The server runs with ``--cache-mb 0``, so every request renders: it reads the
   image, scales it, compresses it with zlib and stores nothing — CPU-bound work.
2. **Profiles** it on one core (``taskset -c 0``, ``--flux-profile=PATH``) under one
   closed-loop client (``wrk -c1``, pinned to the other core): a light load, so a node's
   wall time is not inflated by waiting for the CPU.
3. **Predicts** with ``flux simulate --profile`` for 1 and 2 CPUs at every load level.
4. **Measures** the server pinned to 1 core (``taskset -c 0``; wrk on core 1) and to 2 cores
   (``taskset -c 0,1``; wrk shares them: this box has 2) with ``wrk -t1 -cN`` (N closed-loop
   clients, keep-alive, no think time), each point ``--rounds`` times (the median is kept).
5. Prints predicted vs measured throughput and p99 with the error of each point, and writes
   ``bench/results/sim_accuracy.{json,md}`` and ``measured.json`` (for
   ``flux simulate --measured``).

Needs ``wrk``, ``taskset``, zlib and a profiler-capable runtime (``--flux-profile``). The
build uses this tree's ``flux`` (``FLUX_ROOT=DIR`` builds with another checkout's).
Benchmarks never assert: they report.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT, machine, table, write_results

CLK_TCK = os.sysconf("SC_CLK_TCK")

WRK_SCRIPT = r"""
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/img" .. (n % 8) .. ".png?scale=2")
end
done = function(summary, latency, requests)
  io.write(string.format('\nRESULT {"requests":%d,"duration_us":%d,"errors":%d,' ..
    '"p50_us":%d,"p99_us":%d}\n', summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def flux(*args: str) -> subprocess.CompletedProcess[str]:
    tree = os.environ.get("FLUX_ROOT", str(ROOT))
    return subprocess.run([sys.executable, "-m", "flux_ls.cli.main", *args], text=True,
                          capture_output=True, env={**os.environ, "PYTHONPATH": tree},
                          timeout=600)


def sim(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "simulate", *args],
                          text=True, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=1200)


def images(folder: Path) -> None:
    w = h = 512
    for i in range(8):
        rows = (bytes(((x + y * (i + 1)) ^ (x >> 3)) & 255 for x in range(w * 3))
                for y in range(h))
        (folder / f"img{i}.ppm").write_bytes(b"P6\n%d %d\n255\n" % (w, h) + b"".join(rows))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, binary: Path, cpus: str, threads: int, images_dir: Path,
                 profile: Path | None = None, level: int = 6) -> None:
        self.port = free_port()
        argv = ["taskset", "-c", cpus, str(binary), f"--flux-threads={threads}",
                "--port", str(self.port), "--images", str(images_dir), "--cache-mb", "0",
                "--level", str(level)]
        if profile is not None:
            argv.insert(4, f"--flux-profile={profile}")
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    why = self.process.stderr.read() if self.process.stderr else ""
                    raise SystemExit(f"the server exited: {why}") from None
                time.sleep(0.05)
        raise SystemExit("the server did not start listening")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used (taskset execs it: same pid)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wrk(port: int, clients: int, duration: float, script: Path, cpus: str | None
        ) -> dict[str, Any]:
    argv = ["wrk", "-t1", f"-c{clients}", f"-d{duration:g}s", "--latency", "-s", str(script),
            f"http://127.0.0.1:{port}/"]
    if cpus is not None:
        argv = ["taskset", "-c", cpus, *argv]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 60).stdout
    line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{out}")
    data: dict[str, Any] = json.loads(line[len("RESULT "):])
    data["throughput"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def speedup(args: argparse.Namespace, binary: Path, pictures: Path, script: Path, work: Path,
            program: Path, think_ms: float, profile: Path) -> str:
    """A node made actually faster: Compress at zlib level 1 instead of 6. Its speed-up
    factor comes from a profile at level 1; the prediction of the whole server's gain
    (1 CPU, 4 clients) is compared with the measured gain."""
    fast_profile = work / "profile-level1.json"
    server = Server(binary, "0", 1, pictures, fast_profile, level=1)
    wrk(server.port, 1, args.profile_seconds, script, "1")
    server.stop()

    def compress_cpu(path: Path) -> float:
        node = next(n for n in json.loads(path.read_text())["nodes"] if n["name"] == "Compress")
        return float(node["cpu_ns"]) / node["count"]

    factor = compress_cpu(profile) / compress_cpu(fast_profile)
    base = ("--cpus", "1", "--clients", "4", "--duration", "20", "--think", f"{think_ms:.4f}",
            "--format", "json")
    before = json.loads(sim(str(program), "--profile", str(profile), *base).stdout)
    after = json.loads(sim(str(program), "--profile", str(profile), "--speedup",
                           f"Compress={factor:.3f}", *base).stdout)
    predicted = after["points"][0]["throughput"] / before["points"][0]["throughput"]
    measured_runs: dict[int, list[float]] = {6: [], 1: []}
    for _ in range(args.rounds):
        for level in (6, 1):
            server = Server(binary, "0", 1, pictures, level=level)
            try:
                measured_runs[level].append(
                    wrk(server.port, 4, args.duration, script, "1")["throughput"])
            finally:
                server.stop()
    slow, fast = (statistics.median(measured_runs[k]) for k in (6, 1))
    measured = fast / slow
    return (f"--speedup check (1 CPU, 4 clients): Compress {factor:.2f}x faster at zlib level 1 "
            f"(its CPU time in two profiles); predicted throughput gain x{predicted:.3f} "
            f"({before['points'][0]['throughput']:.0f} -> "
            f"{after['points'][0]['throughput']:.0f}/s), measured x{measured:.3f} "
            f"({slow:.0f} -> {fast:.0f}/s; rounds {measured_runs}); error of the gain "
            f"{(predicted - measured) / measured * 100:+.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", default="1,2,4,8")
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile-seconds", type=float, default=5.0)
    args = parser.parse_args()
    for tool in ("wrk", "taskset"):
        if shutil.which(tool) is None:
            print(f"sim_accuracy: needs {tool}", file=sys.stderr)
            return 2
    clients = [int(c) for c in args.clients.split(",")]
    work = Path(tempfile.mkdtemp(prefix="flux-sim-bench-"))
    try:
        return run(args, clients, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, clients: list[int], work: Path) -> int:
    shutil.copytree(ROOT / "examples" / "imageserver", work / "imageserver")
    shutil.copytree(ROOT / "examples" / "common", work / "common")
    built = flux("build", str(work / "imageserver"))
    if built.returncode != 0:
        print(built.stderr, file=sys.stderr)
        return 1
    binary = next(p for p in (work / "imageserver" / ".flux-build").rglob("imageserver")
                  if p.is_file() and os.access(p, os.X_OK))
    pictures = work / "images"
    pictures.mkdir()
    images(pictures)
    script = work / "wrk.lua"
    script.write_text(WRK_SCRIPT)
    profile = work / "profile.json"

    print("profiling on 1 core, 1 client …", file=sys.stderr)
    server = Server(binary, "0", 1, pictures, profile)
    wrk(server.port, 1, args.profile_seconds, script, "1")
    server.stop()
    if not profile.exists():
        print("no profile written (a runtime without --flux-profile?)", file=sys.stderr)
        return 1
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    shutil.copy(profile, ROOT / "bench" / "results" / "sim_accuracy_profile.json")
    # The client's turnaround (wrk and the loopback, between a response and the next
    # request), measured in the same profiling run: with one client the source waits for
    # the next request exactly that long after a flow ends. It is the closed loop's think
    # time from the server's side.
    data = json.loads(profile.read_text())
    source = next(n for n in data["nodes"] if n["kind"] == "source")
    flows = sum(p["count"] for p in data["paths"])
    flow_ms = sum(p["total_ns"] for p in data["paths"]) / flows / 1e6
    think_ms = max(0.0, source["wall_ns"] / source["count"] / 1e6 - flow_ms)
    print(f"  flow {flow_ms:.3f} ms, client turnaround {think_ms:.3f} ms", file=sys.stderr)

    program = work / "imageserver" / "imageserver.flux"
    predicted = sim(str(program), "--profile", str(profile), "--cpus", "1,2", "--clients",
                    ",".join(map(str, clients)), "--duration", "20", "--think",
                    f"{think_ms:.4f}", "--format", "json")
    if predicted.returncode != 0:
        print(predicted.stderr, file=sys.stderr)
        return 1
    prediction = json.loads(predicted.stdout)

    measured: list[dict[str, Any]] = []
    for cpus, mask, client_mask in ((1, "0", "1"), (2, "0,1", None)):
        for n in clients:
            runs = []
            for _ in range(args.rounds):
                server = Server(binary, mask, cpus, pictures)
                try:
                    before = server.cpu_seconds()
                    result = wrk(server.port, n, args.duration, script, client_mask)
                    result["cores"] = (server.cpu_seconds() - before) / args.duration
                    runs.append(result)
                finally:
                    server.stop()
            point = {"cpus": cpus, "clients": n,
                     "throughput": statistics.median(r["throughput"] for r in runs),
                     "p99_ms": statistics.median(r["p99_us"] for r in runs) / 1000,
                     "p50_ms": statistics.median(r["p50_us"] for r in runs) / 1000,
                     "rounds": [round(r["throughput"], 1) for r in runs],
                     "server_cores": statistics.median(r["cores"] for r in runs),
                     "errors": sum(r["errors"] for r in runs)}
            measured.append(point)
            print(f"  {cpus} cpu {n:3d} clients: {point['throughput']:.1f}/s "
                  f"p99 {point['p99_ms']:.2f} ms {point['rounds']}, server used "
                  f"{point['server_cores']:.2f} cores", file=sys.stderr)

    rows = []
    for p in prediction["points"]:
        m = next(x for x in measured if (x["cpus"], x["clients"]) == (p["cpus"], p["clients"]))
        t_err = (p["throughput"] - m["throughput"]) / m["throughput"]
        l_err = (p["p99_ms"] - m["p99_ms"]) / m["p99_ms"] if m["p99_ms"] else float("nan")
        spread = (max(m["rounds"]) - min(m["rounds"])) / m["throughput"]
        rows.append([p["cpus"], p["clients"], f"{p['throughput']:.1f}",
                     f"{m['throughput']:.1f}", f"{t_err * 100:+.1f}%", f"{spread * 100:.0f}%",
                     f"{p['p99_ms']:.2f}", f"{m['p99_ms']:.2f}", f"{l_err * 100:+.1f}%",
                     f"{p['cpu_utilisation'] * p['cpus']:.2f}", f"{m['server_cores']:.2f}",
                     p["bottleneck"]])
    headers = ["cpus", "clients", "predicted/s", "measured/s", "error", "spread of rounds",
               "predicted p99 ms", "measured p99 ms", "p99 error", "predicted cores used",
               "server's cores used", "bottleneck"]
    markdown = table(headers, rows)
    print(markdown)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "sim_accuracy_measured.json").write_text(
        json.dumps({"points": measured}, indent=2) + "\n")
    load = os.getloadavg()
    write_results("sim_accuracy", {"machine": machine(), "load_average": load,
                                   "flow_ms": flow_ms, "think_ms": think_ms,
                                   "prediction": prediction, "measured": measured,
                                   "table": markdown})
    speed = speedup(args, binary, pictures, script, work, program, think_ms, profile)
    print(speed)
    (ROOT / "bench" / "results" / "sim_accuracy.md").write_text(
        f"{speed}\n\nflow {flow_ms:.3f} ms and client turnaround {think_ms:.3f} ms in the profile; "
        f"load average at the end: {load[0]:.1f}\n\n{markdown}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
