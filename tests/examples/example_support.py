"""Fixtures of the example-server tests: each example of ``examples/`` built once per session
with the real ``flux build``, and servers started on 127.0.0.1 on a free port.

The examples are copied to a temporary directory (the build writes ``.flux-build/`` beside the
program) and built there with ``-o``. Every executable holds the three runtimes; a test
picks one with ``--flux-runtime``. A server prints ``listening on SCHEME://HOST:PORT`` when it
is ready (it is started with port 0, so the kernel picks a free port) and must exit 0 on
SIGTERM, with no sanitizer report on its stderr: an orderly shutdown is part of every test.

Also the helpers several test modules use: ``concurrently`` (client threads whose failures fail
the test), the key-value store's ``Client`` and the game server's ``Player``.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

import pytest

from flux_ls.build.manifest import RUNTIMES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
READY_TIMEOUT = 20.0   # seconds for a server to print where it listens
STOP_TIMEOUT = 20.0    # seconds for an orderly shutdown after SIGTERM

Builder = Callable[..., Path]  # (name, sanitize="") -> executable
SANITIZER_REPORTS = re.compile(r"ERROR: (Address|Leak)Sanitizer|WARNING: ThreadSanitizer|"
                               r"runtime error:")


def _why_unavailable() -> str | None:
    if not (shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")):
        return "no C compiler (cc) on this machine"
    return None


_built: dict[tuple[str, str], Path] = {}  # shared by every suite importing this module
_copies: list[Path] = []


@pytest.fixture(scope="session")
def build_example(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """``build_example(name, sanitize="")``: the executable of ``examples/<name>`` (built once
    per sanitizer set, e.g. ``"address,undefined"`` or ``"thread"``, and per test process:
    the fault suite, tests/faults, shares these builds)."""
    why = _why_unavailable()
    if why:
        pytest.skip(why)
    if not _copies:
        copy = tmp_path_factory.mktemp("examples")
        shutil.copytree(EXAMPLES, copy, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".flux-build"))
        _copies.append(copy)
    copy = _copies[0]

    def build(name: str, sanitize: str = "") -> Path:
        if (name, sanitize) not in _built:
            out = copy / "bin" / (name + (f"-{sanitize.replace(',', '-')}" if sanitize else ""))
            command = [sys.executable, "-m", "flux_ls.cli.main", "build", str(copy / name), "-q",
                       "-o", str(out)] + (["--sanitize", sanitize] if sanitize else [])
            result = subprocess.run(command, capture_output=True, text=True, timeout=600,
                                    check=False)
            assert result.returncode == 0 and out.exists(), (
                f"flux build examples/{name} failed:\n{result.stdout}{result.stderr}")
            _built[name, sanitize] = out
        return _built[name, sanitize]
    return build


class Server:
    """A running example server; ``with Server(...) as s:`` starts it and checks its exit."""

    def __init__(self, binary: Path, runtime: str, args: Sequence[str], ready_lines: int = 1,
                 threads: int | None = None, preexec: Callable[[], None] | None = None,
                 env: dict[str, str] | None = None) -> None:
        """preexec runs in the child before the server starts (e.g. to set resource limits)."""
        self.argv = [str(binary), f"--flux-runtime={runtime}", *args]
        self.preexec, self.env = preexec, env
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
                                     stdin=subprocess.DEVNULL, text=True,
                                     preexec_fn=self.preexec, env=self.env)
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


def concurrently(count: int, work: Callable[[int], None], timeout: float | None = None) -> None:
    """Runs ``work(0)`` … ``work(count - 1)`` in as many threads at once and fails with the
    errors they raised; with a timeout (seconds for them all), also when one still runs then
    (a hang)."""
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            work(n)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    deadline = None if timeout is None else time.monotonic() + timeout
    for thread in threads:
        thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    hung = sum(thread.is_alive() for thread in threads)
    assert not hung, f"{hung} of {count} threads still running after {timeout} s: a hang"
    assert not errors, errors[:3]


class Client:
    """A client of examples/kvstore: ``client(command)`` sends one line and reads the reply."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.reader = self.sock.makefile("rb")

    def line(self) -> bytes:
        answer = self.reader.readline()
        if answer.startswith(b"VALUE "):
            answer += self.reader.read(int(answer.split()[1]) + 2)
        return answer

    def __call__(self, command: bytes) -> bytes:
        self.sock.sendall(command + b"\r\n")
        return self.line()

    def close(self) -> None:
        self.reader.close()
        self.sock.close()


GAME_SIZE = 64     # the game server's world (its default --size)
WINDOW = 50        # moves a player sends before waiting for them to be applied (no UDP overrun)


class Player:
    """A player of examples/gameserver, joined on creation (UDP, one command per datagram)."""

    def __init__(self, port: int, name: str) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(10)
        self.sock.connect(("127.0.0.1", port))
        self.name = name
        self.send(f"JOIN {name}")                       # the address proves it receives:
        token = self.expect("CHALLENGE").split()[1]      # a token, then the join
        self.send(f"JOIN {name} {token}")
        words = self.expect("WELCOME").split()
        self.id, self.x, self.y = int(words[1]), int(words[2]), int(words[3])
        assert int(words[4]) == GAME_SIZE

    def send(self, text: str) -> None:
        self.sock.send(text.encode())

    def expect(self, prefix: str) -> str:
        """The next datagram starting with prefix (tick snapshots and chat are skipped)."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            line = self.sock.recv(65536).decode()
            if line.startswith(prefix):
                return line.strip()
        raise AssertionError(f"no {prefix} for {self.name}")

    def who(self) -> dict[str, int]:
        self.send("WHO")
        words = self.expect("YOU").split()
        assert words[2] == self.name
        keys = ("id", "_", "x", "y", "moves", "tagged", "it", "violations", "players")
        return {k: int(v) for k, v in zip(keys, words[1:], strict=True) if k != "_"}

    def wait_moves(self, count: int) -> dict[str, int]:
        """WHO until at least `count` moves are applied (a WHO may overtake moves still in
        flight); fails when they are not within 20 s."""
        deadline = time.monotonic() + 20
        while (state := self.who())["moves"] < count:
            assert time.monotonic() < deadline, (
                f"{self.name}: {state['moves']} of {count} moves applied")
            time.sleep(0.01)
        return state


def closed_by_peer(sock: socket.socket, timeout: float = 15.0) -> bool:
    """Whether the server closes the connection within timeout (reading what it sends)."""
    sock.settimeout(timeout)
    try:
        while sock.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
