"""Incremental re-parse after a one-character edit against a full parse, in a large file.

Generates a 10,000-line program, then times ``parse`` of the whole text and
``reparse(tree, [TextEdit])`` for one-character insertions and deletions at many random
positions (each edit applied to the same unedited tree, which stays usable: trees are
values). Reports medians, the 90th percentile and the speed-up over a full parse, overall
and split by whether the edited text has a syntax error (an edit that makes one costs
more: the broken declarations are found by reading every child of the root).

    python bench/incremental.py [--lines 10000] [--edits 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from functools import partial
from typing import Any

from common import ROOT, median_time, ms, table, timed, write_results
from gen import generate

from flux_ls.syntax.parse import SyntaxTree, TextEdit, parse, reparse


def edit_positions(data: bytes, count: int, rng: random.Random) -> list[int]:
    """Random offsets of ASCII bytes (so a one-byte edit never splits a UTF-8 character)."""
    positions: list[int] = []
    while len(positions) < count:
        offset = rng.randrange(len(data))
        if data[offset] < 0x80:
            positions.append(offset)
    return positions


def edit_times(base: SyntaxTree, edits: list[TextEdit]) -> tuple[list[float], list[bool]]:
    """The time of each re-parse, and whether its result has a syntax error."""
    times, broken = [], []
    for edit in edits:
        times.append(timed(partial(reparse, base, [edit])))
        broken.append(reparse(base, [edit]).root.has_error)
    return times, broken


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summary(times: list[float], full: float) -> dict[str, Any]:
    median = statistics.median(times)
    return {"median_s": median, "p90_s": percentile(times, 0.9), "max_s": max(times),
            "speedup": full / median}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=300)
    args = parser.parse_args(argv)
    text = generate(args.lines, seed=args.lines)
    base = parse(text)
    full = median_time(lambda: parse(text), 21)
    positions = edit_positions(base.data, args.edits, random.Random(1))
    kinds = {
        "insert one character": [TextEdit(p, p, b"x") for p in positions],
        "delete one character": [TextEdit(p, p + 1, b"") for p in positions],
    }
    results = {}
    for kind, edits in kinds.items():
        times, broken = edit_times(base, edits)
        results[kind] = summary(times, full)
        for label, keep in (("no syntax error after", False), ("a syntax error after", True)):
            picked = [t for t, b in zip(times, broken, strict=True) if b == keep]
            if picked:
                results[f"{kind}, {label} ({len(picked)})"] = summary(picked, full)
    lines = text.count("\n")
    print(f"## incremental re-parse ({lines} lines, {len(base.data)} bytes, "
          f"{args.edits} random positions)\n")
    rows: list[list[object]] = [["full parse", ms(full), "", "", "1x"]]
    rows += [[kind, ms(r["median_s"]), ms(r["p90_s"]), ms(r["max_s"]), f"{r['speedup']:.0f}x"]
             for kind, r in results.items()]
    print(table(["operation", "median", "p90", "max", "speed-up"], rows))
    path = write_results("incremental", {
        "lines": lines, "bytes": len(base.data), "edits": args.edits,
        "full_parse_median_s": full, "reparse": results})
    print(f"\nresults: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
