"""Fixtures of the fault suite: the example servers are built and started as in
``tests/examples`` (``example_support.py``, imported from there; the builds are shared), and
the suite's own programs in ``programs/`` are built with ``build_program``. Helpers:
``fault_support.py``."""

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))

from example_support import build_example, runtime  # noqa: E402,F401  (fixtures)

PROGRAMS = Path(__file__).parent / "programs"


@pytest.fixture(scope="session")
def build_program(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``build_program(name)``: the executable of ``tests/faults/programs/<name>`` (``flux
    build`` with -Werror, once per session)."""
    built: dict[str, Path] = {}

    def build(name: str) -> Path:
        if name not in built:
            copy = tmp_path_factory.mktemp(name) / name
            shutil.copytree(PROGRAMS / name, copy, ignore=shutil.ignore_patterns(".flux-build"))
            out = copy / name
            result = subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "build", str(copy),
                                     "-q", "-o", str(out)], capture_output=True, text=True,
                                    timeout=600, check=False)
            assert result.returncode == 0, result.stdout + result.stderr
            built[name] = out
        return built[name]
    return build
