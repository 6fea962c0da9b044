"""Web benchmark: the Flux web server in each runtime against nginx and two hand-written C servers.

    python bench/web_bench.py                      # 3 rounds of 10 s runs, about 15 minutes
    python bench/web_bench.py --runs 1 --duration 3 --servers nginx epoll   # a quick look
    python bench/web_bench.py specweb              # the SPECweb99-like load with PHP (specweb.py)

Needs ``wrk`` and ``nginx`` (Debian packages of those names; this script installs nothing) and
a C compiler. For every server it serves the same document root (a 1 KiB and a 100 KiB file)
on 127.0.0.1 and runs ``wrk`` with keep-alive (server pinned to CPU 0, wrk to CPU 1, so the
server and not the box is measured) and with a new connection per request
(``-H 'Connection: close'``, unpinned; wrk saturates a core there, so those rows measure the
client as much as the server). Rounds are interleaved (each server restarted every round) and
each row is the median of the rounds, with p50/p99 latency (medians of wrk's per-run
percentiles), the server's CPU, and ratios to each baseline measured in the same invocation.

Fairness: wrk does not report connections that were never served (a blocking pool with fewer
threads than connections gets high req/s while most connections starve). During each
keep-alive run the script samples ``ss -tni`` twice and counts the client connections whose
``bytes_received`` grew between the samples: every connection must have been served.

The servers: ``nginx`` (bench/nginx/nginx.conf.template: sendfile on, tcp_nopush off,
access_log off, keep-alive, same worker count), ``tpool`` and ``epoll`` (bench/baselines/,
built here with ``make``), and ``flux-thread``/``flux-pool``/``flux-event`` (examples/webserver
built with ``flux build`` and launched with ``--flux-runtime=…``) when ``flux build`` works.
Results: ``bench/results/web.json`` and the markdown table ``bench/results/web.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import BENCH, RESULTS, ROOT, table, write_results

FILES = {"1k": ("1k.html", 1024), "100k": ("100k.html", 102400)}
MODES = ("keepalive", "close")
BASELINES = ("nginx", "tpool", "epoll")
FLUX_RUNTIMES = ("thread", "pool", "event")
CLK_TCK = os.sysconf("SC_CLK_TCK")

WRK_SCRIPT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max))
end
"""


@dataclass
class Server:
    """One server configuration: how to start it on a port with a document root."""

    name: str
    config: str
    command: Callable[[int, Path, Path], list[str]]  # (port, document root, temp dir) -> argv
    setup: Callable[[int, Path, Path], None] = lambda port, root, tmp: None


@dataclass
class Run:
    server: str
    file: str
    mode: str
    round: int
    pinned: bool
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    errors: dict[str, int]
    server_cpu: float  # cores (1.0 = one core busy)
    client_cpu: float
    box_busy: float    # fraction of the whole machine
    connections_served: int | None = None
    connections_seen: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- the document root

def make_docroot(root: Path) -> None:
    """``1k.html`` and ``100k.html``: deterministic printable text, readable by nginx workers."""
    root.mkdir(parents=True, exist_ok=True)
    line = b"".join(bytes([65 + (i * 7) % 26]) for i in range(63)) + b"\n"
    for name, size in FILES.values():
        (root / name).write_bytes((line * (size // len(line) + 1))[:size])
        (root / name).chmod(0o644)
    root.chmod(0o755)


# --------------------------------------------------------------------------- processes

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, proc: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server did not listen on port {port} within {timeout:.0f} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (nginx workers are children of the master)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def cpu_seconds(pids: Sequence[int]) -> float:
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK_TCK


def box_counters() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine from /proc/stat (softirq counts as busy)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def client_bytes(port: int) -> dict[str, int]:
    """bytes_received of every established client connection to ``port`` (from ss -tni)."""
    out = subprocess.run(["ss", "-tniH", "state", "established", f"( dport = :{port} )"],
                         capture_output=True, text=True, check=False).stdout
    found: dict[str, int] = {}
    local = None
    for line in out.splitlines():
        if line and not line[0].isspace():
            parts = line.split()
            local = parts[2] if len(parts) >= 4 else None
        elif local is not None:
            match = re.search(r"bytes_received:(\d+)", line)
            found[local] = int(match.group(1)) if match else 0
    return found


# --------------------------------------------------------------------------- one wrk run

def wrk_run(args: argparse.Namespace, server_pids: list[int], port: int, file: str, mode: str,
            pinned: bool, script: Path) -> dict[str, Any]:
    url = f"http://127.0.0.1:{port}/{FILES[file][0]}"
    cmd = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{args.duration}s",
           "--latency", "-s", str(script)]
    if mode == "close":
        cmd += ["-H", "Connection: close"]
    cmd.append(url)
    if pinned:
        cmd = ["taskset", "-c", "1", *cmd]
    cpu_before, box_before = cpu_seconds(server_pids), box_counters()
    rusage_before = os.times()
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples: list[dict[str, int]] = []
    if mode == "keepalive":
        for at in (0.3, 0.9):
            time.sleep(max(0.0, started + at * args.duration - time.monotonic()))
            samples.append(client_bytes(port))
    try:
        stdout, stderr = proc.communicate(timeout=args.duration + 30)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
    elapsed = time.monotonic() - started
    rusage_after = os.times()
    cpu_after, box_after = cpu_seconds(server_pids), box_counters()
    match = re.search(r"^RESULT (\{.*\})$", stdout, re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk gave no result: {stdout[-500:]} {stderr[-500:]}")
    result: dict[str, Any] = json.loads(match.group(1))
    result["server_cpu"] = (cpu_after - cpu_before) / elapsed
    client = ((rusage_after.children_user + rusage_after.children_system)
              - (rusage_before.children_user + rusage_before.children_system))
    result["client_cpu"] = client / elapsed
    busy = box_after[0] - box_before[0]
    result["box_busy"] = busy / max(1, box_after[1] - box_before[1])
    if samples:
        first, last = samples
        common = [key for key in last if key in first]
        result["connections_seen"] = len(last)
        result["connections_served"] = sum(1 for key in common if last[key] > first[key])
    return result


# --------------------------------------------------------------------------- servers

def nginx_server(name: str, workers: int, open_file_cache: bool = False) -> Server:
    template = (BENCH / "nginx" / "nginx.conf.template").read_text(encoding="utf-8")

    def setup(port: int, root: Path, tmp: Path) -> None:
        tmp.mkdir(parents=True, exist_ok=True)
        ofc = ("open_file_cache max=1000 inactive=60s; open_file_cache_valid 60s;"
               if open_file_cache else "# open_file_cache off")
        conf = (template.replace("@WORKERS@", str(workers)).replace("@TMP@", str(tmp))
                .replace("@PORT@", str(port)).replace("@ROOT@", str(root))
                .replace("@OPEN_FILE_CACHE@", ofc))
        (tmp / "nginx.conf").write_text(conf, encoding="utf-8")

    def command(port: int, root: Path, tmp: Path) -> list[str]:
        return ["nginx", "-p", str(tmp), "-e", str(tmp / "error.log"),
                "-c", str(tmp / "nginx.conf")]

    config = f"nginx, {workers} worker{'s' if workers > 1 else ''}, sendfile, tcp_nopush off"
    return Server(name, config + (", open_file_cache" if open_file_cache else ""), command, setup)


def baseline_server(name: str, binary: Path, count: int, config: str) -> Server:
    return Server(name, config, lambda port, root, tmp: [str(binary), str(port), str(root),
                                                         str(count)])


def flux_server(runtime: str, binary: Path, threads: int) -> Server:
    def command(port: int, root: Path, tmp: Path) -> list[str]:
        return [str(binary), f"--flux-runtime={runtime}", f"--flux-threads={threads}",
                "--port", str(port), "--root", str(root)]

    config = f"Flux webserver, {runtime} runtime" + ("" if runtime == "thread"
                                                     else f", {threads} threads")
    return Server(f"flux-{runtime}", config, command)


def build_baselines(build: Path) -> dict[str, Path]:
    subprocess.run(["make", "-s", "-C", str(BENCH / "baselines"), f"BUILD={build}"], check=True)
    return {"tpool": build / "tpool", "epoll": build / "evserver"}


def build_flux(build: Path) -> tuple[Path | None, str]:
    """Build examples/webserver with ``flux build`` in a copy of examples/ (the build writes
    ``.flux-build/`` beside the program); (binary, "") or (None, why not)."""
    flux = ROOT / ".venv" / "bin" / "flux"
    if not flux.exists():
        return None, "no .venv/bin/flux"
    copy = build / "examples"
    shutil.copytree(ROOT / "examples", copy, ignore=shutil.ignore_patterns(".flux-build"))
    binary = build / "webserver"
    result = subprocess.run([str(flux), "build", str(copy / "webserver"), "-q", "-o", str(binary)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not binary.exists():
        reason = (result.stderr or result.stdout).strip().splitlines()
        return None, "flux build failed: " + (reason[-1] if reason else f"exit {result.returncode}")
    return binary, ""


# --------------------------------------------------------------------------- the schedule

def run_server(args: argparse.Namespace, server: Server, docroot: Path, tmp: Path, rnd: int,
               script: Path, log: Callable[[str], None]) -> list[Run]:
    runs = []
    for pinned, modes in ((True, [m for m in args.modes if m == "keepalive"]),
                          (False, [m for m in args.modes if m == "close"])):
        if not modes:
            continue
        port = free_port()
        work = tmp / f"{server.name}-{rnd}-{'pinned' if pinned else 'unpinned'}"
        server.setup(port, docroot, work)
        argv = server.command(port, docroot, work)
        if pinned:
            argv = ["taskset", "-c", "0", *argv]
        work.mkdir(parents=True, exist_ok=True)
        with open(work / "server.log", "wb") as out:
            proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_listening(port, proc)
            subprocess.run(["wrk", "-t1", "-c16", f"-d{args.warmup}s",
                            f"http://127.0.0.1:{port}/1k.html"], capture_output=True, check=False)
            for mode in modes:
                for file in args.files:
                    time.sleep(1)
                    pids = descendants(proc.pid)
                    r = wrk_run(args, pids, port, file, mode, pinned, script)
                    run = Run(server.name, file, mode, rnd, pinned,
                              rps=r["requests"] / (r["duration_us"] / 1e6),
                              p50_ms=r["p50_us"] / 1000, p90_ms=r["p90_us"] / 1000,
                              p99_ms=r["p99_us"] / 1000,
                              errors={k: r[k] for k in ("connect", "read", "write", "status",
                                                        "timeout")},
                              server_cpu=r["server_cpu"], client_cpu=r["client_cpu"],
                              box_busy=r["box_busy"],
                              connections_served=r.get("connections_served"),
                              connections_seen=r.get("connections_seen"))
                    runs.append(run)
                    served = ("" if run.connections_served is None else
                              f" served {run.connections_served}/{args.connections}")
                    log(f"round {rnd} {server.name:12} {file:>4} {mode:9} "
                        f"{run.rps:10,.0f} req/s p50 {run.p50_ms:.2f} ms p99 {run.p99_ms:.2f} ms "
                        f"srv {run.server_cpu:.0%}{served} errors {sum(run.errors.values())}")
        finally:
            stop(proc)
    return runs


def summarise(runs: list[Run], servers: list[Server]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    config = {s.name: s.config for s in servers}
    for file in FILES:
        for mode in MODES:
            for server in servers:
                mine = [r for r in runs if (r.server, r.file, r.mode) == (server.name, file, mode)]
                if not mine:
                    continue
                served = [r.connections_served for r in mine if r.connections_served is not None]
                rows.append({
                    "server": server.name, "config": config[server.name], "file": file,
                    "mode": mode, "pinned": mine[0].pinned, "runs": len(mine),
                    "rps": statistics.median(r.rps for r in mine),
                    "rps_min": min(r.rps for r in mine), "rps_max": max(r.rps for r in mine),
                    "p50_ms": statistics.median(r.p50_ms for r in mine),
                    "p99_ms": statistics.median(r.p99_ms for r in mine),
                    "server_cpu": statistics.median(r.server_cpu for r in mine),
                    "cpu_us_per_request": statistics.median(
                        r.server_cpu * 1e6 / r.rps for r in mine if r.rps > 0),
                    "client_cpu": statistics.median(r.client_cpu for r in mine),
                    "errors": sum(sum(r.errors.values()) for r in mine),
                    "connections_served_min": min(served) if served else None,
                })
    for row in rows:
        same: dict[str, float] = {r["server"]: r["rps"] for r in rows
                                  if (r["file"], r["mode"]) == (row["file"], row["mode"])}
        rps: float = row["rps"]
        row["ratios"] = {b: rps / same[b] for b in BASELINES if same.get(b)}
    return rows


def markdown(rows: list[dict[str, Any]], args: argparse.Namespace, notes: list[str]) -> str:
    out = ["# Web benchmark (bench/web_bench.py)", "",
           f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s --latency on "
           f"127.0.0.1; {args.runs} interleaved round(s), medians over rounds. Keep-alive rows: "
           "server pinned to CPU 0 and wrk to CPU 1 (the server is the bottleneck). Close rows "
           "(`Connection: close`, a new connection per request): unpinned, and wrk saturates a "
           "core, so they measure the client as much as the server. `served` = client "
           f"connections (of {args.connections}) that received data in the middle of the run "
           "(keep-alive only). `srv` = server CPU (100% = one core); `µs CPU/req` = server CPU "
           "time per request (less sensitive than req/s to other load on the box). Ratios are "
           "to each "
           "baseline's median in this same invocation. Differences under about 15% are noise "
           "on this machine.", ""]
    out += [f"- {note}" for note in notes]
    for file in FILES:
        for mode in MODES:
            mine = [r for r in rows if (r["file"], r["mode"]) == (file, mode)]
            if not mine:
                continue
            title = f"{FILES[file][1] // 1024} KiB, " + (
                "keep-alive (pinned)" if mode == "keepalive" else "new connection per request "
                "(unpinned, client-bound)")
            out += ["", f"## {title}", ""]
            headers = ["server", "config", "req/s", "min – max", "p50 ms", "p99 ms", "srv",
                       "µs CPU/req", "served", "errors", *[f"÷ {b}" for b in BASELINES]]
            body = []
            for r in mine:
                served = ("" if r["connections_served_min"] is None
                          else f"{r['connections_served_min']}/{args.connections}")
                body.append([r["server"], r["config"], f"{r['rps']:,.0f}",
                             f"{r['rps_min']:,.0f} – {r['rps_max']:,.0f}",
                             f"{r['p50_ms']:.2f}", f"{r['p99_ms']:.2f}",
                             f"{r['server_cpu']:.0%}", f"{r['cpu_us_per_request']:.1f}",
                             served, r["errors"],
                             *[f"{r['ratios'][b]:.2f}" if b in r["ratios"] else "–"
                               for b in BASELINES]])
            out.append(table(headers, body))
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if list(argv[:1]) == ["specweb"]:   # the SPECweb99-like load with PHP: bench/specweb.py
        import specweb
        return specweb.main(list(argv[1:]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per start")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2,
                        help="nginx workers, epoll loops and Flux threads (default 2 = cores)")
    parser.add_argument("--pool-threads", type=int, default=128,
                        help="threads of the hand-written pool (>= connections, else starvation)")
    parser.add_argument("--servers", nargs="+",
                        default=["nginx", "tpool", "epoll", *[f"flux-{r}" for r in FLUX_RUNTIMES]],
                        help="any of nginx tpool epoll flux-thread flux-pool flux-event, and "
                             "nginx-w1 epoll-1t nginx-ofc (nginx with open_file_cache)")
    parser.add_argument("--files", nargs="+", choices=list(FILES), default=list(FILES))
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results/")
    args = parser.parse_args(argv)

    missing = [tool for tool in ("wrk", "ss", "taskset", "make") if not shutil.which(tool)]
    if missing:
        print(f"web_bench: missing {', '.join(missing)} (apt-get install wrk nginx)",
              file=sys.stderr)
        return 2
    notes: list[str] = []
    log_lines: list[str] = []

    def log(line: str) -> None:
        print(line, flush=True)
        log_lines.append(line)

    with tempfile.TemporaryDirectory(prefix="flux-web-bench-") as tmpname:
        tmp = Path(tmpname)
        tmp.chmod(0o755)
        docroot = tmp / "www"
        make_docroot(docroot)
        script = tmp / "result.lua"
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        binaries = build_baselines(tmp / "baselines")
        catalogue: dict[str, Server] = {
            "tpool": baseline_server("tpool", binaries["tpool"], args.pool_threads,
                                     f"C thread pool, {args.pool_threads} blocking workers"),
            "epoll": baseline_server("epoll", binaries["epoll"], args.workers,
                                     f"C epoll, {args.workers} loops (SO_REUSEPORT)"),
            "epoll-1t": baseline_server("epoll-1t", binaries["epoll"], 1, "C epoll, 1 loop"),
        }
        if shutil.which("nginx"):
            catalogue["nginx"] = nginx_server("nginx", args.workers)
            catalogue["nginx-w1"] = nginx_server("nginx-w1", 1)
            catalogue["nginx-ofc"] = nginx_server("nginx-ofc", args.workers, open_file_cache=True)
        else:
            notes.append("nginx is not installed (apt-get install nginx): no nginx rows")
        if any(name.startswith("flux-") for name in args.servers):
            flux_binary, why = build_flux(tmp / "flux")
            if flux_binary is None:
                notes.append(f"Flux web server not benchmarked: {why}")
            else:
                for runtime in FLUX_RUNTIMES:
                    catalogue[f"flux-{runtime}"] = flux_server(runtime, flux_binary, args.workers)
        servers = [catalogue[name] for name in args.servers if name in catalogue]
        for note in notes:
            log(f"note: {note}")
        started = time.monotonic()
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        runs: list[Run] = []
        for rnd in range(1, args.runs + 1):
            for server in servers:
                try:
                    runs += run_server(args, server, docroot, tmp, rnd, script, log)
                except (RuntimeError, OSError) as error:
                    log(f"round {rnd} {server.name}: {error}")
        load_after = Path("/proc/loadavg").read_text().split()[:3]
        notes.append(f"load average (1, 5, 15 min) before: {' '.join(load_before)}, after: "
                     f"{' '.join(load_after)}; {os.cpu_count()} CPUs")
        rows = summarise(runs, servers)
        report = markdown(rows, args, notes)
        print("\n" + report)
        print(f"<!-- web_bench: {time.monotonic() - started:.0f} s -->")
        if not args.no_write:
            path = write_results("web", {
                "settings": {k: v for k, v in vars(args).items() if k != "no_write"},
                "notes": notes, "summary": rows, "runs": [vars(r) for r in runs]})
            (RESULTS / "web.md").write_text(report, encoding="utf-8")
            print(f"results: {path.relative_to(ROOT)}, {(RESULTS / 'web.md').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
