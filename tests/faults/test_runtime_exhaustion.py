"""The runtime out of memory for a flow, or out of threads (issue 9, item 1).

programs/burst issues 300 flows as fast as the runtime takes them; each flow carries a MiB by
value and its node blocks for 5 ms, so flows pile up. Under an address-space limit a little
above what one flow needs, the runtime runs out: allocating a flow used to abort the server
(``flux: fatal: allocating a flow``), and the thread runtime waited for threads without a
word. Now the source waits for memory (or the launch for a thread), says so once, and every
flow runs; the server then stops in order (exit 0, flux_shutdown called).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from fault_support import HANG, limits, number

FLOWS = 300
HEADROOM = 48 << 20  # bytes of address space above the peak of a one-flow run
STACK = 64 << 20     # thread runtime: big stacks, so threads run out before memory does


def run(binary: Path, runtime: str, flows: int, address_space: int | None = None
        ) -> subprocess.CompletedProcess[str]:
    stack = STACK if runtime == "thread" else None
    env = dict(os.environ, MALLOC_ARENA_MAX="1")  # one arena: the same layout every run
    return subprocess.run([str(binary), f"--flux-runtime={runtime}", str(flows), "5"],
                          capture_output=True, text=True, timeout=4 * HANG, env=env,
                          preexec_fn=limits(address_space=address_space, stack=stack),
                          check=False)


@pytest.mark.parametrize(("runtime", "shortage"), [
    ("pool", "out of memory for a new flow"),
    ("event", "out of memory for a new flow"),
    ("thread", "out of threads (EAGAIN)"),
])
def test_flows_wait_for_memory_and_threads(build_program: Callable[[str], Path], runtime: str,
                                           shortage: str) -> None:
    binary = build_program("burst")
    baseline = run(binary, runtime, 1)
    assert baseline.returncode == 0, baseline.stderr
    found = re.search(r"VmPeak:\s+(\d+) kB", baseline.stdout)
    assert found
    limit = int(found[1]) * 1024 + HEADROOM
    result = run(binary, runtime, FLOWS, address_space=limit)
    assert result.returncode == 0, result.stderr
    assert f"flows done: {FLOWS} of {FLOWS}, corrupt: 0" in result.stdout
    assert sum(shortage in line for line in result.stderr.splitlines()) == 1, result.stderr
    number(f"burst.{runtime}.address_space_limit_mib", limit >> 20)
