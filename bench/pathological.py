"""Pathological checker inputs (issue 9, item 10): growth as each shape doubles.

Three shapes that used to be quadratic, each at three sizes (each twice the one before):

- *flow*: one flow of N steps on one line, every arrow a type mismatch (N-1 FLX201 errors),
  checked and printed as text (``flux check``'s output: the source excerpt of each error);
- *dispatch*: N dispatch alternatives of one node (FLX103 binding compared each with all);
- *parens*: a signature with N nested parentheses, never closed (tree-sitter's error
  recovery rebuilt one ERROR node per skipped token).

For each: the median time of ``analyze`` plus ``render_text`` (the work of ``flux check``),
the bytes of text output, and the growth ratio from one size to the next (2.0 is linear,
4.0 quadratic). A ``--timeout`` per run skips the larger sizes of a shape that blows up
(as the code before the fix did), so the script also measures old code.

    python bench/pathological.py [--scale 1.0] [--runs 3] [--timeout 120]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
from collections.abc import Callable
from typing import Any

from common import ms, table, timed, write_results

SHAPES: dict[str, tuple[Callable[[int], bytes], tuple[int, ...]]] = {
    "flow": (lambda n: b"A (int a) => (char *b);\nSrc () => (int a);\nsource Src => F;\nF = "
             + b" -> ".join([b"A"] * n) + b";\n", (1000, 2000, 4000)),
    "dispatch": (lambda n: b"Src () => (int a);\nsource Src => F;\nH (int a) => ();\n"
                 b"typedef p P;\n" + b"F:[p] = H;\n" * n, (6250, 12500, 25000)),
    "parens": (lambda n: b"A " + b"(" * n + b";\n", (25000, 50000, 100000)),
}


def check(data: bytes) -> int:
    """What ``flux check`` does with one file: analyse, render as text; the output's size."""
    from flux_ls.analysis import analyze
    from flux_ls.render import FileReport
    from flux_ls.render.text import render_text

    return len(render_text([FileReport.of(analyze(data, "bench.flux"))]))


def _child(data: bytes, runs: int, out: Any) -> None:
    sizes: list[int] = []
    times = [timed(lambda: sizes.append(check(data))) for _ in range(runs)]
    out.put(("times", statistics.median(times)))
    out.put(("size", sizes[-1]))


def measure(data: bytes, runs: int, timeout: float) -> tuple[float | None, int]:
    """Median seconds of ``check(data)`` in a child process, and the output size; None when
    one run takes longer than ``timeout``."""
    results: multiprocessing.Queue[tuple[str, Any]] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_child, args=(data, runs, results))
    child.start()
    child.join(timeout * runs)
    if child.is_alive():
        child.kill()
        child.join()
        return None, 0
    got = dict(results.get() for _ in range(2))
    return got["times"], got["size"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    args = parser.parse_args()
    rows, results = [], {}
    for shape, (make, sizes) in SHAPES.items():
        previous: float | None = None
        for size in (max(1, int(s * args.scale)) for s in sizes):
            seconds, output = measure(make(size), args.runs, args.timeout)
            growth = f"{seconds / previous:.1f}x" if seconds and previous else ""
            rows.append([shape, size, ms(seconds) if seconds else f"> {args.timeout:.0f} s",
                         f"{output / 1024:.0f} KiB" if seconds else "", growth])
            results[f"{shape}-{size}"] = {"seconds": seconds, "output_bytes": output}
            previous = seconds
            if seconds is None:
                break
    print(table(["shape", "N", "analyze + text", "text output", "growth (2x N)"], rows))
    write_results("pathological", {"runs": args.runs, "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
