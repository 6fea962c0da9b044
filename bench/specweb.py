"""A SPECweb99-like benchmark of the web servers, with PHP (``web_bench.py specweb``).

    python bench/web_bench.py specweb                        # 16, 64, 256 clients, 1 round
    python bench/web_bench.py specweb --clients 16 64 --duration 5 --servers nginx flux-event

The paper measured its web server with a SPECweb99-like load against the fastest servers of
its day (Fig. 3); this is that load, scaled to this machine:

- The file set: SPECweb99's four size classes, nine files each, in ``--dirs`` directories
  (6: about 31 MB): class 0 102–921 bytes, class 1 1–9 KiB, class 2 10–90 KiB, class 3
  100–900 KiB, requested 35% / 50% / 14% / 1% of the time. Directories are chosen by a Zipf
  distribution (weight 1/rank), and so are the files within a class (SPECweb99's order).
- Dynamic requests: 30% of the requests (``--php-share``) go to ``specweb.php``, a small
  script that does some work (it builds an HTML table of 10–50 rows with an md5 each) and is
  run by one php-fpm pool shared by every server in the run (pm static, ``--php-children``).
- Connections: keep-alive, a ``Connection: close`` on every 5th request of a wrk thread, so a
  connection carries 5 requests on average, then the client reconnects (wrk reconnects when
  the server closes).
- The load generator is wrk with a Lua script: the request table (20,000 draws from the
  distributions above, fixed seed, the same for every server) is generated here and the script
  walks it from a random start per thread. wrk is C and multi-threaded, so at 256 clients the
  client is not the limit it would be in Python; it cannot run exactly 5 requests on each
  connection (its script does not see which connection it fills), hence the average.

Servers, one at a time on the same files and php-fpm pool: ``nginx`` (``fastcgi_pass`` to the
pool, a new FastCGI connection per request as nginx does by default; static files with
sendfile, no open_file_cache), ``epoll`` (bench/baselines; static only), ``flux-pool``,
``flux-event`` (and ``flux-thread``) with ``--php-fpm`` on the pool, and ``flux-event-nocache``
(``--cache-mb 0``: every request opens, fstat()s, reads or sendfile()s and closes its file, as
nginx and the baselines do; the like-for-like row for static files). The Flux server caches
file contents by default: compare ``flux-event-nocache`` with ``epoll`` to see the runtime
without the cache.

Every measurement: the server and php-fpm on CPU 0, wrk on CPU 1 (``taskset``). Results:
``bench/results/specweb.json``, ``specweb.md`` and the plot ``specweb.png`` (throughput and
latency against clients, as Fig. 3).
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import BENCH, RESULTS, ROOT, table, write_results
from web_bench import (
    WRK_SCRIPT,
    build_baselines,
    build_flux,
    cpu_seconds,
    descendants,
    free_port,
    stop,
    wait_listening,
)

CLASSES = ((102, 0.35), (1024, 0.50), (10240, 0.14), (102400, 0.01))  # base size, share
FILES_PER_CLASS = 9
TABLE_SIZE = 20000
PHP_SCRIPT = r"""<?php
// SPECweb99-like dynamic request: a little work per request (an HTML table of md5s).
$rows = max(1, min(200, (int)($_GET['rows'] ?? 20)));
$out = "<html><head><title>specweb</title></head><body><table>\n";
for ($i = 0; $i < $rows; $i++) {
    $out .= '<tr><td>' . $i . '</td><td>' . md5($_SERVER['QUERY_STRING'] . ':' . $i) .
            "</td></tr>\n";
}
echo $out, "</table></body></html>\n";
"""
WORKLOADS = ("static", "mixed")

LUA = r"""
local paths = {@PATHS@}
local count, at = 0, 0
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("start", counter * 7919)
end
init = function(args)
  at = (start or 0) % #paths
end
request = function()
  count = count + 1
  at = at % #paths + 1
  if count % 5 == 0 then
    return wrk.format("GET", paths[at], {["Host"] = "bench", ["Connection"] = "close"})
  end
  return wrk.format("GET", paths[at], {["Host"] = "bench"})
end
""" + WRK_SCRIPT   # its done(): the RESULT line

NGINX_PHP = r"""
        location ~ \.php$ {
            try_files $uri =404;
            fastcgi_pass unix:@FPM@;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            fastcgi_param SCRIPT_NAME $fastcgi_script_name;
            fastcgi_param QUERY_STRING $query_string;
            fastcgi_param REQUEST_METHOD $request_method;
            fastcgi_param CONTENT_TYPE $content_type;
            fastcgi_param CONTENT_LENGTH $content_length;
            fastcgi_param REQUEST_URI $request_uri;
            fastcgi_param DOCUMENT_URI $document_uri;
            fastcgi_param DOCUMENT_ROOT $document_root;
            fastcgi_param SERVER_PROTOCOL $server_protocol;
            fastcgi_param GATEWAY_INTERFACE CGI/1.1;
            fastcgi_param SERVER_SOFTWARE nginx;
            fastcgi_param REMOTE_ADDR $remote_addr;
            fastcgi_param REMOTE_PORT $remote_port;
            fastcgi_param SERVER_ADDR $server_addr;
            fastcgi_param SERVER_PORT $server_port;
            fastcgi_param SERVER_NAME $server_name;
            fastcgi_param REDIRECT_STATUS 200;
        }
"""


# --------------------------------------------------------------------------- the workload

def file_set(root: Path, dirs: int) -> int:
    """SPECweb99's file set under root/dirNNNNN/classC_F; returns its size in bytes."""
    total = 0
    line = b"".join(bytes([65 + (i * 7) % 26]) for i in range(63)) + b"\n"
    for d in range(dirs):
        folder = root / f"dir{d:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        for c, (base, _) in enumerate(CLASSES):
            for f in range(1, FILES_PER_CLASS + 1):
                size = base * f
                (folder / f"class{c}_{f}").write_bytes((line * (size // len(line) + 1))[:size])
                total += size
    (root / "specweb.php").write_text(PHP_SCRIPT, encoding="utf-8")
    return total


def request_table(dirs: int, php_share: float, seed: int = 99) -> list[str]:
    """TABLE_SIZE request paths drawn from the SPECweb99-like distributions."""
    rng = random.Random(seed)
    dir_weights = [1 / (i + 1) for i in range(dirs)]
    file_weights = [1 / (i + 1) for i in range(FILES_PER_CLASS)]
    class_weights = [share for _, share in CLASSES]
    paths = []
    for _ in range(TABLE_SIZE):
        if rng.random() < php_share:
            paths.append(f"/specweb.php?rows={rng.randint(10, 50)}&user={rng.randint(1, 9999)}")
            continue
        d = rng.choices(range(dirs), dir_weights)[0]
        c = rng.choices(range(len(CLASSES)), class_weights)[0]
        f = rng.choices(range(FILES_PER_CLASS), file_weights)[0] + 1
        paths.append(f"/dir{d:05d}/class{c}_{f}")
    return paths


def lua_script(paths: list[str]) -> str:
    return LUA.replace("@PATHS@", ",".join(json.dumps(p) for p in paths))


# --------------------------------------------------------------------------- php-fpm

def php_fpm_binary() -> str | None:
    found = shutil.which("php-fpm") or shutil.which("php-fpm8.2")
    candidates = sorted(glob.glob("/usr/sbin/php-fpm*"))
    return found or (candidates[-1] if candidates else None)


def start_php_fpm(folder: Path, children: int) -> subprocess.Popen[bytes]:
    """php-fpm with a private configuration (no php.ini; opcache when installed), pinned to
    CPU 0 with the servers."""
    binary = php_fpm_binary()
    assert binary
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fpm.conf").write_text(
        f"[global]\nerror_log = {folder / 'fpm.log'}\ndaemonize = no\n[www]\n"
        f"listen = {folder / 'fpm.sock'}\nlisten.mode = 0666\nlisten.backlog = 4096\n"
        f"pm = static\npm.max_children = {children}\npm.max_requests = 0\n",
        encoding="utf-8")
    argv = ["taskset", "-c", "0", binary, "-n", "-R", "-F", "-y", str(folder / "fpm.conf")]
    opcache = sorted(glob.glob("/usr/lib/php/*/opcache.so"))
    if opcache:
        argv += ["-d", f"zend_extension={opcache[-1]}", "-d", "opcache.enable=1"]
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 10
    while not (folder / "fpm.sock").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("php-fpm did not start: " + (folder / "fpm.log").read_text())
        time.sleep(0.05)
    return proc


# --------------------------------------------------------------------------- servers

def server_argv(name: str, port: int, root: Path, work: Path, fpm: Path, args: argparse.Namespace,
                binaries: dict[str, Path]) -> list[str]:
    if name == "nginx":
        template = (BENCH / "nginx" / "nginx.conf.template").read_text(encoding="utf-8")
        conf = (template.replace("@WORKERS@", str(args.workers)).replace("@TMP@", str(work))
                .replace("@PORT@", str(port)).replace("@ROOT@", str(root))
                .replace("@OPEN_FILE_CACHE@", "# open_file_cache off"))
        conf = conf.replace("        location / {\n        }\n",
                            "        location / {\n        }\n" + NGINX_PHP.replace("@FPM@",
                                                                                   str(fpm)))
        work.mkdir(parents=True, exist_ok=True)
        (work / "nginx.conf").write_text(conf, encoding="utf-8")
        return ["nginx", "-p", str(work), "-e", str(work / "error.log"),
                "-c", str(work / "nginx.conf")]
    if name == "epoll":
        return [str(binaries["epoll"]), str(port), str(root), str(args.workers)]
    runtime = name.split("-")[1]
    argv = [str(binaries["flux"]), f"--flux-runtime={runtime}", f"--flux-threads={args.workers}",
            "--port", str(port), "--root", str(root), "--php-fpm", str(fpm),
            "--php-connections", str(args.php_children)]
    return argv + (["--cache-mb", "0"] if name.endswith("-nocache") else [])


CONFIGS = {
    "nginx": "nginx, {w} workers, sendfile, fastcgi_pass (a connection per request)",
    "epoll": "C epoll, {w} loops, sendfile (static only)",
    "flux-thread": "Flux, thread runtime, file cache",
    "flux-pool": "Flux, pool runtime, {w} threads, file cache",
    "flux-event": "Flux, event runtime, {w} threads, file cache",
    "flux-event-nocache": "Flux, event runtime, {w} threads, --cache-mb 0 (open/read/close)",
}


def run_wrk(script: Path, port: int, clients: int, duration: int, pids: list[int]
            ) -> dict[str, Any]:
    threads = min(2, clients)
    cmd = ["taskset", "-c", "1", "wrk", f"-t{threads}", f"-c{clients}", f"-d{duration}s",
           "--timeout", "10s", "--latency", "-s", str(script), f"http://127.0.0.1:{port}/"]
    cpu_before = cpu_seconds(pids)
    started = time.monotonic()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60,
                         check=False)
    elapsed = time.monotonic() - started
    found = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    if not found:
        raise RuntimeError(f"wrk gave no result: {out.stdout[-400:]} {out.stderr[-400:]}")
    result: dict[str, Any] = json.loads(found[-1][len("RESULT "):])
    result["server_cpu"] = (cpu_seconds(pids) - cpu_before) / elapsed
    return result


def measure(args: argparse.Namespace, name: str, root: Path, tmp: Path, fpm: Path,
            fpm_pids: list[int], scripts: dict[str, Path], binaries: dict[str, Path],
            log: Any) -> list[dict[str, Any]]:
    rows = []
    port = free_port()
    work = tmp / f"{name}-{time.monotonic_ns()}"
    work.mkdir(parents=True)
    argv = ["taskset", "-c", "0", *server_argv(name, port, root, work, fpm, args, binaries)]
    with open(work / "server.log", "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_listening(port, proc)
        workloads = [w for w in args.workloads if name != "epoll" or w == "static"]
        if name.endswith("-nocache"):
            workloads = [w for w in workloads if w == "static"]
        for workload in workloads:
            run_wrk(scripts[workload], port, 16, args.warmup, [])   # warm caches, fill pools
            for clients in args.clients:
                time.sleep(0.5)
                pids = descendants(proc.pid) + fpm_pids
                r = run_wrk(scripts[workload], port, clients, args.duration, pids)
                seconds = r["duration_us"] / 1e6
                errors = sum(r[k] for k in ("connect", "read", "write", "status", "timeout"))
                row = {"server": name, "workload": workload, "clients": clients,
                       "rps": r["requests"] / seconds, "mbps": r["bytes"] * 8 / seconds / 1e6,
                       "p50_ms": r["p50_us"] / 1000, "p90_ms": r["p90_us"] / 1000,
                       "p99_ms": r["p99_us"] / 1000, "errors": errors,
                       "status_errors": r["status"], "cpu": r["server_cpu"]}
                rows.append(row)
                log(f"{name:19} {workload:6} c={clients:<4} {row['rps']:9,.0f} req/s "
                    f"{row['mbps']:8,.1f} Mb/s p50 {row['p50_ms']:6.2f} ms p99 "
                    f"{row['p99_ms']:7.2f} ms cpu {row['cpu']:.0%} errors {errors}")
    finally:
        stop(proc)
    return rows


# --------------------------------------------------------------------------- report

def summarise(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Medians over rounds per (server, workload, clients), with ratios to nginx and epoll."""
    keys = sorted({(r["server"], r["workload"], r["clients"]) for r in rows},
                  key=lambda k: (WORKLOADS.index(k[1]), k[2], list(CONFIGS).index(k[0])))
    out = []
    for server, workload, clients in keys:
        mine = [r for r in rows if (r["server"], r["workload"], r["clients"]) ==
                (server, workload, clients)]
        row: dict[str, Any] = {"server": server, "workload": workload, "clients": clients,
                               "runs": len(mine)}
        for field in ("rps", "mbps", "p50_ms", "p90_ms", "p99_ms", "cpu"):
            row[field] = statistics.median(r[field] for r in mine)
        row["errors"] = sum(r["errors"] for r in mine)
        row["cpu_us_per_request"] = statistics.median(r["cpu"] * 1e6 / r["rps"] for r in mine
                                                      if r["rps"] > 0)
        out.append(row)
    for row in out:
        for base in ("nginx", "epoll"):
            same = [r for r in out if (r["server"], r["workload"], r["clients"]) ==
                    (base, row["workload"], row["clients"])]
            if same and same[0]["rps"]:
                row[f"vs_{base}"] = row["rps"] / same[0]["rps"]
    return out


def markdown(summary: list[dict[str, Any]], args: argparse.Namespace, notes: list[str]) -> str:
    lines = ["# SPECweb99-like benchmark (bench/specweb.py)", "",
             f"`python bench/web_bench.py specweb {' '.join(args.argv)}`".replace(" `", "`"), "",
             f"{args.dirs} directories of SPECweb99's file classes ({args.fileset_mb:.1f} MB), "
             f"Zipf choice, 5 requests per connection on average; `mixed` = "
             f"{args.php_share:.0%} PHP (`specweb.php` on one php-fpm pool, pm static, "
             f"{args.php_children} children, shared by all servers). wrk -t2 {args.duration} s "
             f"per point, {args.runs} round(s) (medians; each round starts with another "
             "server); server and php-fpm on CPU 0, wrk on CPU 1. `cpu` = server + php-fpm "
             "CPU (100% = one core); `µs CPU/req` = that CPU time per request. Ratios are req/s "
             "against the same point of nginx and of the hand-written epoll server in this "
             "run.", ""]
    lines += [f"- {note}" for note in notes]
    for workload in args.workloads:
        mine = [r for r in summary if r["workload"] == workload]
        if not mine:
            continue
        lines += ["", f"## {workload}", ""]
        body = [[r["server"], r["clients"], f"{r['rps']:,.0f}", f"{r['mbps']:,.1f}",
                 f"{r['p50_ms']:.2f}", f"{r['p99_ms']:.2f}", f"{r['cpu']:.0%}",
                 f"{r['cpu_us_per_request']:.1f}", r["errors"],
                 f"{r['vs_nginx']:.2f}" if "vs_nginx" in r else "–",
                 f"{r['vs_epoll']:.2f}" if "vs_epoll" in r else "–"] for r in mine]
        lines.append(table(["server", "clients", "req/s", "Mb/s", "p50 ms", "p99 ms", "cpu",
                            "µs CPU/req", "errors", "÷ nginx", "÷ epoll"], body))
    lines += ["", "Servers: " + "; ".join(f"`{name}`: {CONFIGS[name].format(w=args.workers)}"
                                          for name in args.servers if name in CONFIGS) + "."]
    return "\n".join(lines) + "\n"


COLOURS = {"nginx": "tab:blue", "epoll": "tab:orange", "flux-thread": "tab:gray",
           "flux-pool": "tab:green", "flux-event": "tab:red", "flux-event-nocache": "tab:purple"}


def plot(summary: list[dict[str, Any]], args: argparse.Namespace, path: Path) -> bool:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    workloads = [w for w in args.workloads if any(r["workload"] == w for r in summary)]
    fig, axes = plt.subplots(len(workloads), 2, figsize=(11, 3.6 * len(workloads)),
                             squeeze=False)
    for i, workload in enumerate(workloads):
        for name in args.servers:
            mine = sorted((r for r in summary if (r["server"], r["workload"]) ==
                           (name, workload)), key=lambda r: r["clients"])
            if not mine:
                continue
            x = [r["clients"] for r in mine]
            axes[i][0].plot(x, [r["mbps"] for r in mine], marker="o", label=name,
                            color=COLOURS[name])
            axes[i][1].plot(x, [r["p50_ms"] for r in mine], marker="o", label=name,
                            color=COLOURS[name])
        for j, label in enumerate(("throughput (Mb/s)", "median latency (ms)")):
            axes[i][j].set_xscale("log", base=2)
            axes[i][j].set_xticks(args.clients, [str(c) for c in args.clients])
            axes[i][j].set_xlabel("clients")
            axes[i][j].set_ylabel(label)
            axes[i][j].set_title(f"{workload}: {label}")
            axes[i][j].set_ylim(bottom=0)
            axes[i][j].grid(True, alpha=0.3)
        axes[i][0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


# --------------------------------------------------------------------------- main

def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="web_bench.py specweb",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", nargs="+", type=int, default=[16, 64, 256])
    parser.add_argument("--duration", type=int, default=8, help="seconds per point (8)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up (2)")
    parser.add_argument("--runs", type=int, default=1, help="rounds (medians over them)")
    parser.add_argument("--dirs", type=int, default=6, help="directories (6: about 31 MB)")
    parser.add_argument("--php-share", type=float, default=0.3)
    parser.add_argument("--php-children", type=int, default=8, help="php-fpm children")
    parser.add_argument("--workers", type=int, default=2,
                        help="nginx workers, epoll loops and Flux threads (2 = cores)")
    parser.add_argument("--workloads", nargs="+", choices=WORKLOADS, default=list(WORKLOADS))
    parser.add_argument("--servers", nargs="+", choices=list(CONFIGS),
                        default=["nginx", "epoll", "flux-pool", "flux-event",
                                 "flux-event-nocache"])
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results/")
    parser.add_argument("--from-results", action="store_true",
                        help="measure nothing: rewrite specweb.md and specweb.png from the runs "
                             "in bench/results/specweb.json")
    args = parser.parse_args(argv)
    args.argv = argv
    if args.from_results:
        saved = json.loads((RESULTS / "specweb.json").read_text(encoding="utf-8"))
        for key, value in saved["settings"].items():
            setattr(args, key, value)
        summary = summarise(saved["runs"])
        (RESULTS / "specweb.md").write_text(markdown(summary, args, saved["notes"]),
                                            encoding="utf-8")
        plot(summary, args, RESULTS / "specweb.png")
        return 0
    missing = [t for t in ("wrk", "taskset", "make", "nginx") if not shutil.which(t)]
    if missing or not php_fpm_binary():
        print(f"specweb: missing {', '.join(missing) or 'php-fpm'} (Debian: apt-get install wrk "
              "nginx php8.2-fpm)", file=sys.stderr)
        return 2
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="flux-specweb-") as name:
        tmp = Path(name)
        tmp.chmod(0o755)
        root = tmp / "www"
        args.fileset_mb = file_set(root, args.dirs) / 1e6
        scripts = {}
        for workload in WORKLOADS:
            share = args.php_share if workload == "mixed" else 0.0
            scripts[workload] = tmp / f"{workload}.lua"
            scripts[workload].write_text(lua_script(request_table(args.dirs, share)),
                                         encoding="utf-8")
        binaries = build_baselines(tmp / "baselines")
        if any(s.startswith("flux-") for s in args.servers):
            flux, why = build_flux(tmp / "flux")
            if flux is None:
                print(f"specweb: {why}", file=sys.stderr)
                return 1
            binaries["flux"] = flux
        fpm = start_php_fpm(tmp / "fpm", args.php_children)
        started = time.monotonic()
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        rows: list[dict[str, Any]] = []
        try:
            fpm_pids = descendants(fpm.pid)
            for rnd in range(args.runs):   # each round starts with the next server
                for server in args.servers[rnd:] + args.servers[:rnd]:
                    rows += measure(args, server, root, tmp, tmp / "fpm" / "fpm.sock",
                                    fpm_pids, scripts, binaries, print)
        finally:
            stop(fpm)
        load_after = Path("/proc/loadavg").read_text().split()[:3]
        notes.append(f"load average before: {' '.join(load_before)}, after: "
                     f"{' '.join(load_after)}; {time.monotonic() - started:.0f} s")
        summary = summarise(rows)
        report = markdown(summary, args, notes)
        print("\n" + report)
        if not args.no_write:
            write_results("specweb", {"settings": {k: v for k, v in vars(args).items()
                                                   if k not in ("no_write",)},
                                      "notes": notes, "summary": summary, "runs": rows})
            (RESULTS / "specweb.md").write_text(report, encoding="utf-8")
            if plot(summary, args, RESULTS / "specweb.png"):
                print(f"plot: {(RESULTS / 'specweb.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
