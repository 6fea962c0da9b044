"""Cold start of ``flux check`` against the interpreter's own start-up.

Runs ``flux check`` on a generated 200-line program and ``python -c pass`` (the same
interpreter, the project's virtualenv) as fresh processes, interleaved, and reports the
medians and their ratio (the target is within 4x). ``flux check`` on the image server
example, whose C types are all single words, is measured alongside for comparison. Then
runs ``python -X importtime`` on ``flux check`` once and lists the imports that cost the
most, to guide slimming.

The commands run with the bytecode cache on (``PYTHONDONTWRITEBYTECODE`` removed from their
environment; the warm-up run writes ``__pycache__``), as for an installed package: without
it every start compiles every module from source, which is not what users pay.

    python bench/check_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from common import ROOT, ms, table, timed, venv_python, write_results
from gen import generate

TARGET_RATIO = 4.0
#: A small program whose C types are all single words (no lark on the way).
SIMPLE = ROOT / "examples" / "imageserver" / "imageserver.flux"


def flux_command(python: str) -> list[str]:
    """The console script users run when it is installed, else ``python -m``."""
    script = Path(python).parent / "flux"
    return [str(script)] if script.exists() else [python, "-m", "flux_ls.cli.main"]


#: The environment of the measured commands: the bytecode cache on, as users have it.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_quiet(command: list[str]) -> int:
    return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          cwd=ROOT, env=ENV, check=False).returncode


def interleaved(commands: list[list[str]], runs: int) -> list[list[float]]:
    """Wall times of ``runs`` rounds running each command once (after one warm-up each)."""
    for command in commands:
        run_quiet(command)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, samples in zip(commands, times, strict=True):
            samples.append(timed(partial(run_quiet, command)))
    return times


def top_imports(python: str, program: Path, count: int = 15) -> list[dict[str, Any]]:
    """The ``count`` imports of ``flux check`` with the largest cumulative time."""
    result = subprocess.run(
        [python, "-X", "importtime", "-m", "flux_ls.cli.main", "check", str(program)],
        capture_output=True, text=True, cwd=ROOT, env=ENV, check=False)
    rows: list[dict[str, Any]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:"):].split("|")
        rows.append({"module": name.strip(), "depth": (len(name) - len(name.lstrip())) // 2,
                     "self_us": int(self_us), "cumulative_us": int(cumulative_us)})
    return sorted(rows, key=lambda r: r["cumulative_us"], reverse=True)[:count]


def measure(runs: int) -> dict[str, Any]:
    """Time the three commands and read the import profile; every number for the report."""
    python = venv_python()
    text = generate(200, seed=1)
    flux = flux_command(python)
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / "service.flux"
        program.write_text(text, encoding="utf-8")
        subject = [*flux, "check", str(program)]
        exit_code = run_quiet(subject)
        base, generated, simple = interleaved(
            [[python, "-c", "pass"], subject, [*flux, "check", str(SIMPLE)]], runs)
        imports = top_imports(python, program)
    return {
        "runs": runs, "program_lines": text.count("\n"),
        "command": [os.path.relpath(subject[0], ROOT), *subject[1:-1], "<program>"],
        "flux_check_exit_code": exit_code,
        "python_pass_s": base, "flux_check_s": generated, "flux_check_simple_s": simple,
        "python_pass_median_s": statistics.median(base),
        "flux_check_median_s": statistics.median(generated),
        "flux_check_simple_median_s": statistics.median(simple),
        "ratio": statistics.median(generated) / statistics.median(base),
        "target_ratio": TARGET_RATIO, "top_imports": imports}


def report(r: dict[str, Any]) -> None:
    base = r["python_pass_median_s"]
    rows = [("`python -c pass`", r["python_pass_s"]),
            (f"`flux check` {r['program_lines']}-line program (exit "
             f"{r['flux_check_exit_code']})", r["flux_check_s"]),
            (f"`flux check {SIMPLE.relative_to(ROOT)}`", r["flux_check_simple_s"])]
    print(f"## flux check cold start ({r['runs']} interleaved runs)\n")
    print(table(["command", "median", "min", "max", "ratio"], [
        [label, ms(statistics.median(t)), ms(min(t)), ms(max(t)),
         f"{statistics.median(t) / base:.2f}x"] for label, t in rows]))
    verdict = "within" if r["ratio"] <= TARGET_RATIO else "OVER"
    print(f"\nratio on the generated program: **{r['ratio']:.2f}x** ({verdict} the "
          f"{TARGET_RATIO:.0f}x target)\n")
    print("### heaviest imports of `flux check` on it (python -X importtime, cumulative)\n")
    print(table(["module", "depth", "self", "cumulative"], [
        [f"`{i['module']}`", i["depth"], ms(i["self_us"] / 1e6), ms(i["cumulative_us"] / 1e6)]
        for i in r["top_imports"]]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    results = measure(parser.parse_args(argv).runs)
    report(results)
    path = write_results("check_startup", results)
    print(f"\nresults: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
