"""Accuracy of `flux simulate` against real servers (issue 11).

    python bench/sim_accuracy.py                          # ~15 minutes (3 rounds of 5 s)
    python bench/sim_accuracy.py --duration 3 --rounds 1  # a quick look

Four experiments, each: build the server (a temporary copy), **profile** it on one core
(``taskset -c 0``, ``--flux-profile=PATH``) under one closed-loop client (the load
generator pinned to the other core: a light load, so a node's wall time is not inflated by
waiting for a CPU), **predict** with ``flux simulate --profile --runtime R`` and
**measure** with N closed-loop clients (keep-alive, no think time), each point ``--rounds``
times (median). The server runs on 1 core (``taskset -c 0``, the load generator on core 1)
and on 2 cores (``taskset -c 0,1``, the load generator sharing them: the box has 2), with
``--flux-threads`` = its cores and ``--flux-runtime`` = ``--runtime`` (default event).

- ``image``: examples/imageserver with ``--cache-mb 0`` (every request reads a 512×512
  image, scales it and compresses it with zlib: CPU-bound), driven by ``wrk -t1``.
- ``constraint``: bench/simserver with ``--work-us 250 --locked-us 1000``: each request
  spins 1 ms of CPU under the writer constraint ``state``, so 2 cores cannot beat 1,000/s.
- ``speedup``: bench/simserver with ``--work-us 2000`` and then ``--work-us 1000`` (the
  work loop halved); the prediction ``--speedup Work=2`` from the first profile against the
  measured gain (1 core, 4 clients).
- ``kvstore``: examples/kvstore under SETs of ``--kv-value-bytes`` (100) to 1,000 keys,
  driven by ``kvload`` (bench/kvload.c, compiled here: one thread, epoll).

The closed loop's **think time** is the client's turnaround, measured in the profiling
run: with one client a request follows each response, so the time between requests (1 /
the measured throughput) minus a flow's mean time is spent outside the server's flows. The
load generator's CPU time per request (its rusage) is measured there too and given as
``--client-cpu`` for the 2-core predictions, where it shares the server's cores.
The output is a table per experiment with the error at every point, the server's CPU use
(cores) beside the predicted one, and the load average; files:
``bench/results/sim_accuracy[_RUNTIME].{json,md}``. Needs ``wrk``, ``taskset``, gcc, zlib
and a runtime with ``--flux-profile``. ``FLUX_ROOT=DIR`` builds with another checkout's
``flux``.
Benchmarks never assert: they report.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import BENCH, ROOT, machine, table, write_results

CLK_TCK = os.sysconf("SC_CLK_TCK")
RUNTIME = ["event"]  # the runtime every server runs (--runtime)
EXPERIMENTS = ("image", "constraint", "speedup", "kvstore")
KV_VALUE_BYTES = 100
IMAGE_SCRIPT = r"""
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/img" .. (n % 8) .. ".png?scale=2")
end
"""
RESULT_SCRIPT = r"""
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


def simulate(*args: str, cwd: Path) -> dict[str, Any]:
    """``flux simulate`` run in ``cwd`` (the work folder), so that the profile is named
    relative to it in the recorded output, not by a temporary path of this machine."""
    done = subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "simulate", *args,
                           "--format", "json"], text=True, capture_output=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=1200)
    if done.returncode != 0:
        raise SystemExit(f"flux simulate failed: {done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


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
    def __init__(self, binary: Path, cpus: str, threads: int, args: list[str],
                 profile: Path | None = None) -> None:
        self.port = free_port()
        argv = ["taskset", "-c", cpus, str(binary), f"--flux-threads={threads}",
                f"--flux-runtime={RUNTIME[0]}",
                *([f"--flux-profile={profile}"] if profile else []),
                "--port", str(self.port), *args]
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


@dataclass
class Project:
    program: Path
    binary: Path
    script: Path                      # wrk's Lua script, or the kvload binary
    args: list[str]
    kvload: list[str] | None = None   # kvload's options (None: wrk)


def drive(port: int, clients: int, duration: float, project: Project, cpus: str | None
          ) -> dict[str, Any]:
    """Closed-loop load: wrk (HTTP, with the project's script) or kvload (kvstore)."""
    if project.kvload is not None:
        argv = [str(project.script), "--port", str(port), "-c", str(clients), "-d",
                f"{duration:g}", *project.kvload]
    else:
        argv = ["wrk", "-t1", f"-c{clients}", f"-d{duration:g}s", "-s", str(project.script),
                f"http://127.0.0.1:{port}/"]
    if cpus is not None:
        argv = ["taskset", "-c", cpus, *argv]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 60).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"{argv[0]} gave no result:\n{out}")
    data: dict[str, Any] = json.loads(line[len("RESULT "):])
    data["throughput"] = data["requests"] / (data["duration_us"] / 1e6)
    data["client_cpu_ms"] = used / max(1, data["requests"]) * 1000
    return data


def build(work: Path, name: str, source: Path, script_text: str, args: list[str]) -> Project:
    """A copy of a project (at the same depth, so its ../ paths hold) built with flux."""
    copy = work / source.relative_to(ROOT)
    if not copy.exists():
        shutil.copytree(source, copy)
    common = work / "examples" / "common"
    if not common.exists():
        shutil.copytree(ROOT / "examples" / "common", common)
    built = flux("build", str(copy))
    if built.returncode != 0:
        raise SystemExit(f"flux build {source} failed:\n{built.stderr}")
    binary = next(p for p in (copy / ".flux-build").rglob(copy.name) if p.is_file()
                  and os.access(p, os.X_OK))
    script = work / f"{name}.lua"
    script.write_text(script_text + RESULT_SCRIPT)
    return Project(next(copy.glob("*.flux")), binary, script, args)


def kvstore(work: Path, kvload: list[str], args: list[str]) -> Project:
    """examples/kvstore built, driven by bench/kvload.c (compiled here with gcc -O2)."""
    project = build(work, "kvstore", ROOT / "examples" / "kvstore", "", args)
    loader = work / "kvload"
    done = subprocess.run(["gcc", "-O2", "-o", str(loader), str(BENCH / "kvload.c")],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"cannot compile kvload.c:\n{done.stderr}")
    return Project(project.program, project.binary, loader, args, kvload)


def profile(project: Project, seconds: float, path: Path) -> tuple[float, float]:
    """Profile on one core under one client; the client's turnaround (think time) and the
    load generator's CPU time per request, in ms. With one client a request follows each
    response, so the time between requests that the load generator measured (1 /
    throughput) minus a flow's mean time is spent outside the server's flows (the load
    generator, the loopback, the source noticing the request)."""
    server = Server(project.binary, "0", 1, project.args, path)
    result = drive(server.port, 1, seconds, project, "1")
    server.stop()
    if not path.exists():
        raise SystemExit("no profile written (a runtime without --flux-profile?)")
    data = json.loads(path.read_text())
    flows = sum(p["count"] for p in data["paths"])
    flow_ms = sum(p["total_ns"] for p in data["paths"]) / flows / 1e6
    return max(0.0, 1000 / result["throughput"] - flow_ms), result["client_cpu_ms"]


def measure(project: Project, cpus: int, clients: int, args: argparse.Namespace,
            extra: list[str] | None = None) -> dict[str, Any]:
    mask, client_mask = ("0", "1") if cpus == 1 else (",".join(map(str, range(cpus))), None)
    runs = []
    for _ in range(args.rounds):
        server = Server(project.binary, mask, cpus, extra or project.args)
        try:
            before = server.cpu_seconds()
            result = drive(server.port, clients, args.duration, project, client_mask)
            result["cores"] = (server.cpu_seconds() - before) / args.duration
            runs.append(result)
        finally:
            server.stop()
    point = {"cpus": cpus, "clients": clients,
             "throughput": statistics.median(r["throughput"] for r in runs),
             "p99_ms": statistics.median(r["p99_us"] for r in runs) / 1000,
             "p50_ms": statistics.median(r["p50_us"] for r in runs) / 1000,
             "rounds": [round(r["throughput"], 1) for r in runs],
             "server_cores": round(statistics.median(r["cores"] for r in runs), 3),
             "errors": sum(r["errors"] for r in runs)}
    print(f"    {cpus} cpu {clients:3d} clients: {point['throughput']:.1f}/s "
          f"p99 {point['p99_ms']:.2f} ms rounds {point['rounds']}, server used "
          f"{point['server_cores']:.2f} cores", file=sys.stderr)
    return point


def compare(prediction: dict[str, Any], measured: list[dict[str, Any]]) -> str:
    rows = []
    for p in prediction["points"]:
        m = next(x for x in measured if (x["cpus"], x["clients"]) == (p["cpus"], p["clients"]))
        t_err = (p["throughput"] - m["throughput"]) / m["throughput"]
        l_err = (p["p99_ms"] - m["p99_ms"]) / m["p99_ms"] if m["p99_ms"] else float("nan")
        spread = (max(m["rounds"]) - min(m["rounds"])) / m["throughput"]
        rows.append([p["cpus"], p["clients"], f"{p['throughput']:.0f}",
                     f"{m['throughput']:.0f}", f"**{t_err * 100:+.1f}%**",
                     f"{spread * 100:.0f}%", f"{p['p99_ms']:.2f}", f"{m['p99_ms']:.2f}",
                     f"{l_err * 100:+.0f}%", f"{p['cpu_utilisation'] * p['cpus']:.2f}",
                     f"{m['server_cores']:.2f}", p["bottleneck"]])
    return table(["cpus", "clients", "predicted/s", "measured/s", "error", "spread of rounds",
                  "predicted p99 ms", "measured p99 ms", "p99 error", "predicted cores",
                  "server's cores", "bottleneck"], rows)


def accuracy(name: str, project: Project, clients: list[int], args: argparse.Namespace,
             work: Path, report: dict[str, Any]) -> str:
    print(f"{name}: profiling on 1 core, 1 client …", file=sys.stderr)
    path = work / f"{name}-profile.json"
    think, client_cpu = profile(project, args.profile_seconds, path)
    common = ("--profile", path.name, "--clients", ",".join(map(str, clients)), "--duration",
              "20", "--think", f"{think:.4f}", "--runtime", RUNTIME[0])
    # on 1 core the load generator has the other core; on 2 it shares the server's
    prediction = simulate(str(project.program), *common, "--cpus", "1", cwd=work)
    shared = simulate(str(project.program), *common, "--cpus", "2", "--client-cpu",
                      f"{client_cpu:.4f}", cwd=work)
    prediction["points"] += shared["points"]
    prediction["client_cpu_ms"] = shared["client_cpu_ms"]
    print(f"  client turnaround {think:.3f} ms, load generator's CPU {client_cpu:.3f} ms a "
          "request; measuring …", file=sys.stderr)
    measured = [measure(project, cpus, n, args) for cpus in (1, 2) for n in clients]
    text = compare(prediction, measured)
    report[name] = {"think_ms": think, "client_cpu_ms": client_cpu, "prediction": prediction,
                    "measured": measured, "table": text}
    return (f"### {name}\n\nclient turnaround {think:.3f} ms, of which the load generator's CPU "
            f"{client_cpu:.3f} ms (from the profiling run; on 2 cores it shares the server's)"
            f"\n\n{text}\n")


def speedup(project: Project, args: argparse.Namespace, work: Path,
            report: dict[str, Any]) -> str:
    print("speedup: profiling the slow version …", file=sys.stderr)
    slow_args = ["--work-us", "2000", "--locked-us", "0"]
    fast_args = ["--work-us", "1000", "--locked-us", "0"]
    slow_project = Project(project.program, project.binary, project.script, slow_args)
    path = work / "speedup-profile.json"
    think, _ = profile(slow_project, args.profile_seconds, path)
    base = ("--profile", path.name, "--cpus", "1", "--clients", "4", "--duration", "20",
            "--think", f"{think:.4f}", "--runtime", RUNTIME[0])
    before = simulate(str(project.program), *base, cwd=work)["points"][0]["throughput"]
    after = simulate(str(project.program), *base, "--speedup", "Work=2", cwd=work)["points"][0][
        "throughput"]
    slow = measure(slow_project, 1, 4, args)
    fast = measure(slow_project, 1, 4, args, fast_args)
    predicted, measured = after / before, fast["throughput"] / slow["throughput"]
    report["speedup"] = {"predicted": [before, after], "measured": [slow, fast]}
    return (f"### speedup\n\nWork's loop halved (--work-us 2000 → 1000), 1 core, 4 clients: "
            f"predicted ×{predicted:.3f} ({before:.0f} → {after:.0f}/s, `--speedup Work=2`), "
            f"measured ×{measured:.3f} ({slow['throughput']:.0f} → {fast['throughput']:.0f}/s, "
            f"rounds {slow['rounds']} → {fast['rounds']}, server's cores "
            f"{slow['server_cores']:.2f} → {fast['server_cores']:.2f}); "
            f"error of the gain **{(predicted - measured) / measured * 100:+.1f}%**\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", default="1,2,4,8")
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile-seconds", type=float, default=5.0)
    parser.add_argument("--only", choices=EXPERIMENTS, action="append")
    parser.add_argument("--kv-value-bytes", type=int, default=KV_VALUE_BYTES,
                        help="kvstore: bytes of each SET's value")
    parser.add_argument("--runtime", choices=("event", "pool", "thread"), default="event",
                        help="the runtime the servers run and the model follows")
    args = parser.parse_args()
    RUNTIME[0] = args.runtime
    for tool in ("wrk", "taskset"):
        if shutil.which(tool) is None:
            print(f"sim_accuracy: needs {tool}", file=sys.stderr)
            return 2
    clients = [int(c) for c in args.clients.split(",")]
    only = args.only or list(EXPERIMENTS)
    work = Path(tempfile.mkdtemp(prefix="flux-sim-bench-"))
    report: dict[str, Any] = {"machine": machine(), "load_before": os.getloadavg()}
    parts = []
    try:
        if "image" in only:
            image = build(work, "image", ROOT / "examples" / "imageserver", IMAGE_SCRIPT,
                          ["--images", str(work / "images"), "--cache-mb", "0"])
            (work / "images").mkdir()
            images(work / "images")
            parts.append(accuracy("image", image, clients, args, work, report))
        if "constraint" in only or "speedup" in only:
            server = build(work, "simserver", ROOT / "bench" / "simserver", "",
                           ["--work-us", "250", "--locked-us", "1000"])
            if "constraint" in only:
                parts.append(accuracy("constraint", server, clients, args, work, report))
            if "speedup" in only:
                parts.append(speedup(server, args, work, report))
        if "kvstore" in only:
            kv = kvstore(work, ["--value-bytes", str(args.kv_value_bytes), "--keys", "1000"],
                         ["--admin-port", "0"])
            parts.append(accuracy("kvstore", kv, clients, args, work, report))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["load_after"] = os.getloadavg()
    report["runtime"] = args.runtime
    head = (f"{args.runtime} runtime; load average (1 min) {report['load_before'][0]:.1f} before, "
            f"{report['load_after'][0]:.1f} after, on {os.cpu_count()} cores")
    text = head + "\n\n" + "\n".join(parts)
    print(text)
    name = "sim_accuracy" + ("" if args.runtime == "event" else f"_{args.runtime}")
    write_results(name, report)
    (ROOT / "bench" / "results" / f"{name}.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
