"""Fixtures of the back-end tests: the test programs, built once per session.

``tests/build/programs/<name>/`` holds small Flux projects (program, C nodes, flux.toml)
whose C code checks what the runtime must guarantee and prints what happened. They are
copied to a temporary directory and built there on first use (with ``-Werror``), one
build per (program, sanitizers) for the whole session; every executable holds the three
runtimes, chosen per test with ``--flux-runtime``.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from flux_ls.build.manifest import RUNTIMES  # noqa: F401  (the tests import it from here)
from flux_ls.build.project import BuildOptions, BuildResult, build_project

PROGRAMS = Path(__file__).parent / "programs"
WATCHDOG = 120  # seconds: a run that takes longer is a hang (a deadlock) and fails


@pytest.fixture(scope="session")
def programs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("programs")
    for program in PROGRAMS.iterdir():
        if program.is_dir():
            shutil.copytree(program, root / program.name,
                            ignore=shutil.ignore_patterns(".flux-build"))
    return root


Builder = Callable[..., BuildResult]


@pytest.fixture(scope="session")
def built(programs: Path) -> Builder:
    cache: dict[tuple[str, tuple[str, ...]], BuildResult] = {}

    def build(name: str, sanitize: tuple[str, ...] = ()) -> BuildResult:
        key = (name, sanitize)
        if key not in cache:
            cache[key] = build_project(BuildOptions(target=str(programs / name),
                                                    sanitize=sanitize,
                                                    extra_cflags=("-Werror",)))
        return cache[key]
    return build


def run(binary: Path, *args: str, stdin: str = "", timeout: float = WATCHDOG,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a server to its end; a hang past the watchdog fails the test."""
    try:
        return subprocess.run([str(binary), *args], input=stdin, capture_output=True,
                              text=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"{binary.name} {' '.join(args)} did not finish in {timeout} s "
                    f"(deadlock or stall); output so far: {error.stdout!r} {error.stderr!r}")


def tsan_works(tmp_path: Path) -> bool:
    """Whether ThreadSanitizer builds and runs here (some kernels' memory layouts defeat it)."""
    source = tmp_path / "probe.c"
    source.write_text("#include <pthread.h>\nstatic void *f(void *a) { return a; }\n"
                      "int main(void) { pthread_t t; pthread_create(&t, 0, f, 0); "
                      "return pthread_join(t, 0); }\n")
    try:
        subprocess.run(["cc", "-fsanitize=thread", str(source), "-o", str(tmp_path / "p")],
                       check=True, capture_output=True, timeout=60)
        return subprocess.run([str(tmp_path / "p")], capture_output=True,
                              timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
