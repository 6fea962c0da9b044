"""What the path profiler costs: the web server with profiling on, off, and today's binary.

    python bench/profile_bench.py                    # 5 interleaved rounds of 5 s runs
    python bench/profile_bench.py --rounds 3 --duration 3 --runtimes event

Three builds of ``examples/webserver`` side by side in one run: ``main`` (built from the
``main`` branch's tree, the toolchain without the profiler: "today's binary"), ``off`` (this
tree, profiling compiled in but not switched on) and ``on`` (the same binary with
``--flux-profile``). Each runs the pool and the event runtime (2 threads), pinned to CPU 0,
with ``wrk -t2 -c64 --latency`` on CPU 1 fetching the 1 KiB file over keep-alive (as
``web_bench.py`` does). Every round runs every (build, runtime) pair once, in a shuffled
order, each on a fresh server; per round the ratios on/off and off/main are taken between
runs of that round, and the table reports medians over rounds with the spread of those
ratios (the box is shared: the spread says how far to trust a median).

Then the dispatch benchmark (``bench/dispatch``, chains of 21 empty nodes): CPU ns per node
(user + system time of the process over the nodes run: on a shared box far steadier than
wall time; the wall figures are in the JSON) with profiling off and on, interleaved, pool
and event runtime with one thread — the cost the profiler adds to a node (two clock reads,
the edge and node counters, and the CPU clock on one call in 1024) — and the same program
built from ``main``. Needs ``wrk`` and a C compiler; writes ``bench/results/profile.json``
and ``bench/results/profile.md``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import RESULTS, ROOT, table, write_results
from web_bench import (
    WRK_SCRIPT,
    descendants,
    free_port,
    make_docroot,
    stop,
    wait_listening,
    wrk_run,
)

VARIANTS = ("main", "off", "on")


def build_webserver(tree: Path, out: Path, python: list[str]) -> Path:
    copy = out / "examples"
    shutil.copytree(tree / "examples", copy, ignore=shutil.ignore_patterns(".flux-build"))
    binary = out / "webserver"
    subprocess.run([*python, "-m", "flux_ls.cli.main", "build", str(copy / "webserver"), "-q",
                    "-o", str(binary)], cwd=tree, check=True, stdout=subprocess.DEVNULL)
    return binary


def main_tree(tmp: Path) -> Path:
    tree = tmp / "main-tree"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "main"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def one_run(args: argparse.Namespace, binary: Path, runtime: str, profile: Path | None,
            docroot: Path, script: Path) -> dict[str, float]:
    port = free_port()
    argv = ["taskset", "-c", "0", str(binary), f"--flux-runtime={runtime}", "--flux-threads=2",
            "--port", str(port), "--root", str(docroot)]
    if profile is not None:
        argv.insert(4, f"--flux-profile={profile}")
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_listening(port, proc)
        subprocess.run(["wrk", "-t1", "-c16", "-d1s", f"http://127.0.0.1:{port}/1k.html"],
                       capture_output=True, check=False)
        r = wrk_run(args, descendants(proc.pid), port, "1k", "keepalive", True, script)
    finally:
        stop(proc)
    rps = r["requests"] / (r["duration_us"] / 1e6)
    return {"rps": rps, "cpu_us_per_req": r["server_cpu"] / rps * 1e6 if rps else 0.0,
            "p99_ms": r["p99_us"] / 1000, "errors": sum(
                r[k] for k in ("connect", "read", "write", "status", "timeout"))}


def web(args: argparse.Namespace, tmp: Path) -> tuple[list[dict[str, Any]], str]:
    python = [sys.executable]
    binaries = {"off": build_webserver(ROOT, tmp / "this", python)}
    binaries["on"] = binaries["off"]
    binaries["main"] = build_webserver(main_tree(tmp), tmp / "main", python)
    docroot = tmp / "www"
    make_docroot(docroot)
    script = tmp / "result.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    runs: dict[tuple[str, str], list[dict[str, float]]] = {}
    schedule = [(v, rt) for v in VARIANTS for rt in args.runtimes]
    for rnd in range(args.rounds):
        random.Random(rnd).shuffle(schedule)
        for variant, runtime in schedule:
            profile = tmp / f"profile-{runtime}-{rnd}.json" if variant == "on" else None
            r = one_run(args, binaries[variant], runtime, profile, docroot, script)
            runs.setdefault((variant, runtime), []).append(r)
            print(f"round {rnd} {runtime:5} {variant:4} {r['rps']:10,.0f} req/s "
                  f"{r['cpu_us_per_req']:5.1f} µs CPU/req p99 {r['p99_ms']:.2f} ms "
                  f"errors {r['errors']:.0f}", file=sys.stderr, flush=True)
            time.sleep(0.5)
    rows, out = [], []
    for runtime in args.runtimes:
        base = [r["rps"] for r in runs[("main", runtime)]]
        off = [r["rps"] for r in runs[("off", runtime)]]
        on = [r["rps"] for r in runs[("on", runtime)]]
        on_off = [a / b for a, b in zip(on, off, strict=True)]
        off_main = [a / b for a, b in zip(off, base, strict=True)]
        cpu = {v: [r["cpu_us_per_req"] for r in runs[(v, runtime)]] for v in VARIANTS}
        cpu_on_off = [a / b for a, b in zip(cpu["on"], cpu["off"], strict=True)]
        cpu_off_main = [a / b for a, b in zip(cpu["off"], cpu["main"], strict=True)]
        for variant in VARIANTS:
            rps = [r["rps"] for r in runs[(variant, runtime)]]
            cpu = [r["cpu_us_per_req"] for r in runs[(variant, runtime)]]
            rows.append({"runtime": runtime, "variant": variant, "rps": statistics.median(rps),
                         "rps_min": min(rps), "rps_max": max(rps),
                         "cpu_us_per_req": statistics.median(cpu)})
            out.append((runtime, variant, f"{statistics.median(rps):,.0f}",
                        f"{min(rps):,.0f}–{max(rps):,.0f}",
                        f"{statistics.median(cpu):.1f}"))
        rows.append({"runtime": runtime, "on_over_off": statistics.median(on_off),
                     "on_over_off_range": [min(on_off), max(on_off)],
                     "off_over_main": statistics.median(off_main),
                     "off_over_main_range": [min(off_main), max(off_main)],
                     "cpu_on_over_off": statistics.median(cpu_on_off),
                     "cpu_off_over_main": statistics.median(cpu_off_main)})
        out.append((runtime, "**on ÷ off**", f"**{statistics.median(on_off):.3f}**",
                    f"{min(on_off):.3f}–{max(on_off):.3f}",
                    f"**{statistics.median(cpu_on_off):.3f}** ({min(cpu_on_off):.3f}–"
                    f"{max(cpu_on_off):.3f})"))
        out.append((runtime, "**off ÷ main**", f"**{statistics.median(off_main):.3f}**",
                    f"{min(off_main):.3f}–{max(off_main):.3f}",
                    f"**{statistics.median(cpu_off_main):.3f}** ({min(cpu_off_main):.3f}–"
                    f"{max(cpu_off_main):.3f})"))
    text = (f"### Web server, 1 KiB keep-alive (pinned), median of {args.rounds} interleaved "
            f"rounds of {args.duration} s\n\n"
            + table(("runtime", "build", "req/s (ratio)", "min–max over rounds", "µs CPU/req"),
                    out))
    return rows, text


def build_dispatch(tree: Path, out: Path) -> Path:
    copy = out / "dispatch"
    shutil.copytree(tree / "bench" / "dispatch", copy,
                    ignore=shutil.ignore_patterns(".flux-build"))
    binary = out / "dispatch-bin"
    subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "build", str(copy), "-q", "-o",
                    str(binary)], cwd=tree, check=True, stdout=subprocess.DEVNULL)
    return binary


def dispatch(args: argparse.Namespace, tmp: Path) -> tuple[list[dict[str, Any]], str]:
    tree = tmp / "main-tree"
    if not tree.exists():
        tree = main_tree(tmp)
    binaries = {"off": build_dispatch(ROOT, tmp / "this"),
                "main": build_dispatch(tree, tmp / "main")}
    binaries["on"] = binaries["off"]
    rates: dict[tuple[str, str], list[float]] = {}   # CPU ns per node
    walls: dict[tuple[str, str], list[float]] = {}   # wall ns per node
    for rnd in range(args.rounds):
        for runtime in ("pool", "event"):
            order = ["main", "off", "on"]
            random.Random(rnd).shuffle(order)
            for variant in order:
                argv = [str(binaries[variant]), str(args.flows), f"--flux-runtime={runtime}",
                        "--flux-threads=1"]
                if variant == "on":
                    argv.append(f"--flux-profile={tmp / 'dispatch-profile.json'}")
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                done = subprocess.run(argv, capture_output=True, text=True, check=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                fields = dict(p.split("=") for p in done.stdout.split() if "=" in p)
                nodes = int(fields["nodes"])
                cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
                rates.setdefault((runtime, variant), []).append(cpu * 1e9 / nodes)
                walls.setdefault((runtime, variant), []).append(
                    float(fields["seconds"]) * 1e9 / nodes)
    rows, out = [], []
    for runtime in ("pool", "event"):
        base = rates[(runtime, "main")]
        off, on = rates[(runtime, "off")], rates[(runtime, "on")]
        added = [b - a for a, b in zip(off, on, strict=True)]
        off_added = [b - a for a, b in zip(base, off, strict=True)]
        rows.append({"runtime": runtime, "ns_per_node_main": statistics.median(base),
                     "ns_per_node_off": statistics.median(off),
                     "ns_per_node_on": statistics.median(on),
                     "added_ns_per_node": statistics.median(added),
                     "added_range": [min(added), max(added)],
                     "off_minus_main": statistics.median(off_added),
                     "off_minus_main_range": [min(off_added), max(off_added)],
                     "wall_ns_per_node": {v: statistics.median(walls[(runtime, v)])
                                          for v in ("main", "off", "on")}})
        out.append((runtime, f"{statistics.median(base):.1f}", f"{statistics.median(off):.1f}",
                    f"{statistics.median(on):.1f}",
                    f"**{statistics.median(added):.1f}** ({min(added):.1f} – {max(added):.1f})",
                    f"{statistics.median(off_added):+.1f} ({min(off_added):+.1f} – "
                    f"{max(off_added):+.1f})"))
    text = (f"### Dispatch (chains of 21 empty nodes, 1 thread), CPU ns per node (the "
            f"process's user + system time over the nodes run), median of {args.rounds} "
            "interleaved rounds\n\n"
            + table(("runtime", "main", "off", "on", "on − off (range)", "off − main (range)"),
                    out))
    return rows, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--runtimes", nargs="+", default=["pool", "event"])
    parser.add_argument("--flows", type=int, default=300_000, help="flows per dispatch run")
    parser.add_argument("--skip-web", action="store_true")
    args = parser.parse_args(argv)
    args.wrk_threads, args.connections = 2, 64
    if shutil.which("wrk") is None and not args.skip_web:
        raise SystemExit("needs wrk (Debian: apt install wrk), or --skip-web")
    with open("/proc/loadavg", encoding="utf-8") as file:
        load = file.read().split()[0]
    with tempfile.TemporaryDirectory(prefix="flux-profile-bench-") as name:
        tmp = Path(name)
        results: dict[str, Any] = {"load_average_at_start": float(load)}
        parts = [f"Load average at the start: {load} (2 cores, shared).\n"]
        if not args.skip_web:
            results["web"], text = web(args, tmp)
            parts.append(text)
        results["dispatch"], text = dispatch(args, tmp)
        parts.append(text)
    report = "\n".join(parts)
    print(report)
    write_results("profile", results)
    (RESULTS / "profile.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
