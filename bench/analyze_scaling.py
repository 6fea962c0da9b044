"""How ``analyze()`` scales with program size, in process.

Generates programs of 1,000 / 2,000 / 5,000 / 10,000 lines (``gen.py``) and reports the
median time of ``analyze(text)`` and, separately, of its phases as ``analyze`` runs them:
tree-sitter parse, lowering to the model (``lower_units``), syntax diagnostics, and the
semantic checks (``check_program``, island by island), each with the garbage collector
paused as in ``analyze``. The semantics' ``nodes`` are built when first read, so the checks
are timed without and with that (``semantics``). The growth ratio 10k/1k is 10 for linear
behaviour.

    python bench/analyze_scaling.py [--sizes 1000 2000 5000 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from typing import Any

from common import ROOT, median_time, ms, table, write_results
from gen import generate

from flux_ls.analysis import analyze
from flux_ls.checks.islands import check_program
from flux_ls.syntax.errors import syntax_diagnostics
from flux_ls.syntax.parse import parse
from flux_ls.syntax.units import lower_units

PHASES = ("analyze", "parse", "lower", "syntax_errors", "checks", "semantics")


def phase_calls(text: str) -> dict[str, Callable[[], object]]:
    """One zero-argument call per phase, each fed the previous phase's (precomputed) result."""
    syntax = parse(text)
    lowered = lower_units(syntax)
    return {
        "analyze": lambda: analyze(text, "bench.flux"),
        "parse": lambda: parse(text),
        "lower": lambda: lower_units(syntax),
        "syntax_errors": lambda: syntax_diagnostics(syntax, lowered),
        "checks": lambda: check_program(lowered, False),
        "semantics": lambda: check_program(lowered, False)[0].nodes,
    }


def paused(fn: Callable[[], object]) -> Callable[[], object]:
    """``fn`` run with the garbage collector paused, as ``analyze`` runs its phases."""
    def call() -> object:
        gc.disable()
        try:
            return fn()
        finally:
            gc.enable()
    return call


def measure(size: int, runs: int) -> dict[str, Any]:
    text = generate(size, seed=size)
    analysis = analyze(text, "bench.flux")
    calls = phase_calls(text)
    row: dict[str, Any] = {
        "requested_lines": size, "lines": text.count("\n"), "bytes": len(text.encode()),
        "declarations": len(analysis.program.declarations),
        "errors": sum(d.is_error for d in analysis.diagnostics),
        "warnings": sum(d.severity == "warning" for d in analysis.diagnostics),
    }
    for phase in PHASES:
        row[f"{phase}_s"] = median_time(paused(calls[phase]), runs)
    return row


def growth(rows: list[dict[str, Any]], phase: str) -> float:
    return float(rows[-1][f"{phase}_s"] / rows[0][f"{phase}_s"])


def report(rows: list[dict[str, Any]], runs: int) -> None:
    print(f"## analyze() scaling (median of {runs} runs, in process)\n")
    print(table(["lines", "declarations", "warnings", "analyze", "parse", "lower",
                 "syntax errors", "checks", "+ semantics", "analyze µs/line"], [
        [r["lines"], r["declarations"], r["warnings"], ms(r["analyze_s"]), ms(r["parse_s"]),
         ms(r["lower_s"]), ms(r["syntax_errors_s"]), ms(r["checks_s"]), ms(r["semantics_s"]),
         f"{r['analyze_s'] / r['lines'] * 1e6:.0f}"] for r in rows]))
    first, last = rows[0]["lines"], rows[-1]["lines"]
    print(f"\ngrowth from {first} to {last} lines ({last / first:.1f}x the input, so a linear "
          f"phase grows about {last / first:.1f}x):\n")
    print(table(["phase", "time ratio"], [[p, f"{growth(rows, p):.1f}x"] for p in PHASES]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    rows = [measure(size, args.runs) for size in args.sizes]
    report(rows, args.runs)
    if any(r["errors"] for r in rows):
        print("\nnote: a generated program has error diagnostics (gen.py or checker bug)")
    path = write_results("analyze_scaling", {
        "runs": args.runs, "sizes": rows,
        "growth": {p: growth(rows, p) for p in PHASES}})
    print(f"\nresults: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
