"""Per-node dispatch overhead of the three runtimes against a plain C loop.

    python bench/dispatch_bench.py [--runs 5] [--flows 1000000] [--thread-flows 50000]

``bench/dispatch/`` is a Flux program whose flows are chains of 20 empty nodes plus a
sink (21 nodes a flow). It is built with ``flux build`` and run in each runtime (default
threads: one per core; and with one thread); ``baseline.c`` calls the same node functions in
the same order in a plain loop, compiled with the same flags. Reported: nodes per second,
nanoseconds per node (the time of the whole run divided by the nodes run, so per-flow costs
— the source, the queues, a thread per flow in the thread runtime — are included), and the
slowdown against the loop. Medians of several runs; written to
``bench/results/dispatch.json``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys

from common import BENCH, ROOT, table, write_results

sys.path.insert(0, str(ROOT))

from flux_ls.build.project import BuildOptions, build_project  # noqa: E402

PROGRAM = BENCH / "dispatch"
OUTPUT = re.compile(r"flows=(\d+) nodes=(\d+) seconds=([0-9.]+)")


def measure(command: list[str], runs: int) -> dict[str, float]:
    rates: list[float] = []
    nodes = 0
    for _ in range(runs):
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
        match = OUTPUT.search(done.stdout)
        if match is None:
            raise SystemExit(f"unexpected output of {command}: {done.stdout!r} {done.stderr!r}")
        nodes = int(match[2])
        rates.append(nodes / float(match[3]))
    rate = statistics.median(rates)
    return {"nodes": nodes, "nodes_per_s": rate, "ns_per_node": 1e9 / rate,
            "min_nodes_per_s": min(rates), "max_nodes_per_s": max(rates)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--flows", type=int, default=1_000_000)
    parser.add_argument("--thread-flows", type=int, default=50_000,
                        help="flows for the thread runtime (a thread each)")
    args = parser.parse_args(argv)

    built = build_project(BuildOptions(target=str(PROGRAM)),
                          lambda text: print(text, file=sys.stderr))
    baseline = built.build_dir / "baseline"
    subprocess.run(["cc", "-std=c11", "-O2", "-Wall", "-Wextra", "-I", str(built.build_dir),
                    str(PROGRAM / "baseline.c"), str(PROGRAM / "nodes.c"), "-o",
                    str(baseline)], check=True)

    results: dict[str, dict[str, float]] = {}
    results["C loop"] = measure([str(baseline), str(args.flows * 10)], args.runs)
    for runtime in ("event", "pool", "thread"):
        flows = args.thread_flows if runtime == "thread" else args.flows
        for threads in (0, 1):
            if runtime == "thread" and threads == 1:
                continue
            label = f"{runtime}" + (" (1 thread)" if threads == 1 else "")
            results[label] = measure([str(built.binary), str(flows),
                                      f"--flux-runtime={runtime}",
                                      f"--flux-threads={threads}"], args.runs)
    loop = results["C loop"]["nodes_per_s"]
    rows = [(label, f"{r['nodes_per_s'] / 1e6:.1f} M", f"{r['ns_per_node']:.1f} ns",
             f"{loop / r['nodes_per_s']:.1f}x",
             f"{r['min_nodes_per_s'] / 1e6:.1f}–{r['max_nodes_per_s'] / 1e6:.1f} M")
            for label, r in results.items()]
    print(f"### Per-node dispatch overhead (chains of 21 empty nodes, median of {args.runs})\n")
    print(table(("runtime", "nodes/s", "time per node", "slowdown vs C loop", "min–max"),
                rows))
    path = write_results("dispatch", {"runs": args.runs, "flows": args.flows,
                                      "thread_flows": args.thread_flows,
                                      "nodes_per_flow": 21, "results": results})
    print(f"\nwrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
