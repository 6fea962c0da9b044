"""Fixtures of the example-server tests: each example of ``examples/`` built once per session
with the real ``flux build``, and servers started on 127.0.0.1 on a free port.

The examples are copied to a temporary directory (the build writes ``.flux-build/`` beside the
program) and built there with ``-o``. Every executable holds the three runtimes; a test
picks one with ``--flux-runtime``. A server prints ``listening on SCHEME://HOST:PORT`` when it
is ready (it is started with port 0, so the kernel picks a free port) and must exit 0 on
SIGTERM, with no sanitizer report on its stderr: an orderly shutdown is part of every test.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
RUNTIMES = ("thread", "pool", "event")
READY_TIMEOUT = 20.0   # seconds for a server to print where it listens
STOP_TIMEOUT = 20.0    # seconds for an orderly shutdown after SIGTERM

Builder = Callable[..., Path]  # (name, sanitize="") -> executable
SANITIZER_REPORTS = re.compile(r"ERROR: (Address|Leak)Sanitizer|WARNING: ThreadSanitizer|"
                               r"runtime error:")


def _why_unavailable() -> str | None:
    if not (shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")):
        return "no C compiler (cc) on this machine"
    return None


@pytest.fixture(scope="session")
def build_example(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """``build_example(name, sanitize="")``: the executable of ``examples/<name>`` (built once
    per sanitizer set, e.g. ``"address,undefined"`` or ``"thread"``)."""
    why = _why_unavailable()
    if why:
        pytest.skip(why)
    copy = tmp_path_factory.mktemp("examples")
    shutil.copytree(EXAMPLES, copy, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".flux-build"))
    built: dict[tuple[str, str], Path] = {}

    def build(name: str, sanitize: str = "") -> Path:
        if (name, sanitize) not in built:
            out = copy / "bin" / (name + (f"-{sanitize.replace(',', '-')}" if sanitize else ""))
            command = [sys.executable, "-m", "flux_ls.cli.main", "build", str(copy / name), "-q",
                       "-o", str(out)] + (["--sanitize", sanitize] if sanitize else [])
            result = subprocess.run(command, capture_output=True, text=True, timeout=600,
                                    check=False)
            assert result.returncode == 0 and out.exists(), (
                f"flux build examples/{name} failed:\n{result.stdout}{result.stderr}")
            built[name, sanitize] = out
        return built[name, sanitize]
    return build


class Server:
    """A running example server; ``with Server(...) as s:`` starts it and checks its exit."""

    def __init__(self, binary: Path, runtime: str, args: Sequence[str], ready_lines: int = 1,
                 threads: int | None = None) -> None:
        self.argv = [str(binary), f"--flux-runtime={runtime}", *args]
        if threads is not None:
            self.argv.insert(2, f"--flux-threads={threads}")
        self.ready_lines = ready_lines
        self.addresses: list[tuple[str, str, int]] = []  # (scheme, host, port)
        self.stderr: list[str] = []
        self.returncode: int | None = None

    @property
    def port(self) -> int:
        return self.addresses[0][2]

    @property
    def pid(self) -> int:
        return self.proc.pid

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, text=True)
        self.stdout: queue.Queue[str] = queue.Queue()
        self._drains = [
            threading.Thread(target=self._read, args=(self.proc.stdout, self.stdout.put),
                             daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, self.stderr.append),
                             daemon=True)]
        for drain in self._drains:
            drain.start()
        deadline = time.monotonic() + READY_TIMEOUT
        while len(self.addresses) < self.ready_lines:
            try:
                line = self.stdout.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                line = ""
            if not line:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError(f"{' '.join(self.argv)} did not start: "
                                     f"{''.join(self.stderr)}")
            found = re.search(r"(\w+)://([\d.]+):(\d+)", line)
            if found:
                self.addresses.append((found.group(1), found.group(2), int(found.group(3))))
        return self

    @staticmethod
    def _read(stream: IO[str] | None, put: Callable[[str], None]) -> None:
        assert stream is not None
        for line in stream:
            put(line)
        put("")

    def stop(self) -> int:
        """SIGTERM, then the exit status (killed and reported as -9 after STOP_TIMEOUT)."""
        if self.returncode is None:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.returncode = self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.returncode = -9
            for drain in self._drains:
                drain.join(timeout=5)
        return self.returncode

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        status = self.stop()
        if kind is None:
            log = "".join(self.stderr)
            assert not SANITIZER_REPORTS.search(log), f"{' '.join(self.argv)}:\n{log}"
            assert status == 0, f"{' '.join(self.argv)} exited with {status} after SIGTERM: {log}"

    def open_fds(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.pid}/status").read_text()
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        assert found
        return int(found.group(1))

    def settle(self, baseline_fds: int, timeout: float = 10.0) -> int:
        """Open descriptors once they stop falling towards baseline_fds (closes are async)."""
        deadline = time.monotonic() + timeout
        fds = self.open_fds()
        while fds > baseline_fds and time.monotonic() < deadline:
            time.sleep(0.05)
            fds = self.open_fds()
        return fds


@pytest.fixture(params=RUNTIMES)
def runtime(request: pytest.FixtureRequest) -> Iterator[str]:
    yield str(request.param)
