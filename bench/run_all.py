"""Run every benchmark in turn, each in its own process with the project's interpreter.

    python bench/run_all.py

Each benchmark prints a markdown table and writes ``bench/results/<name>.json``; paste the
tables into ``bench/README.md`` when the numbers change.
"""

from __future__ import annotations

import subprocess
import sys
import time

from common import BENCH, ROOT, venv_python

#: Each a few seconds to a minute; web_bench.py (about 15 minutes, needs wrk and nginx) runs
#: on its own.
BENCHMARKS = ("check_startup.py", "analyze_scaling.py", "incremental.py", "keystroke.py",
              "lsp_bench.py", "pathological.py", "dispatch_bench.py")


def main() -> int:
    python = venv_python()
    failed = []
    started = time.perf_counter()
    for script in BENCHMARKS:
        print(f"\n<!-- {script} -->", flush=True)
        if subprocess.run([python, str(BENCH / script)], cwd=ROOT, check=False).returncode:
            failed.append(script)
    print(f"\n<!-- all benchmarks: {time.perf_counter() - started:.0f} s -->")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
