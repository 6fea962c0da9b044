"""tree-sitter-flux against the real tree-sitter CLI (0.22, through ../shared/tools/debian13-run).

- The committed ``src/parser.c``, ``src/grammar.json`` and ``src/node-types.json`` are exactly
  what ``tree-sitter generate`` makes of ``grammar.js`` (so nobody edits generated files and
  nobody forgets to regenerate).
- ``tree-sitter test`` passes: corpus, highlight and tag tests.

Both work on a copy of the package in a temporary directory, so a run never touches the
committed files. Skipped when the wrapper is absent; its first run downloads the CLI.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tree-sitter-flux"
RUNNER = ROOT.parent / "shared" / "tools" / "debian13-run"
GENERATED = ("src/parser.c", "src/grammar.json", "src/node-types.json")
TIMEOUT = 600  # the first run of the wrapper downloads the CLI from Debian

pytestmark = pytest.mark.skipif(not RUNNER.is_file(), reason=f"{RUNNER} is absent")


def _copy_package(tmp_path: Path) -> Path:
    target = tmp_path / "tree-sitter-flux"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "node_modules", "target", "*.so", "__pycache__"))
    return target


def _tree_sitter(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # A private cache: the CLI would otherwise reuse a `flux.so` compiled from another copy.
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd.parent / "cache")}
    # The wrapper's first run downloads packages under apt's lock and takes no lock of its
    # own: two first runs at once (pytest -n 2) collide. Every test that calls it takes this
    # lock (tests/editors/test_neovim.py too).
    lock_path = Path(tempfile.gettempdir()) / "flux-debian13-run.lock"
    try:
        with lock_path.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return subprocess.run([str(RUNNER), "tree-sitter", *args], cwd=cwd, env=env,
                                  text=True, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`tree-sitter {' '.join(args)}` did not finish in {TIMEOUT} s: {exc}")


def _explain(result: subprocess.CompletedProcess[str]) -> str:
    return (f"exit status {result.returncode}\n--- stdout\n{result.stdout}"
            f"\n--- stderr\n{result.stderr}")


def test_generated_files_are_up_to_date(tmp_path: Path) -> None:
    copy = _copy_package(tmp_path)
    for name in GENERATED:
        (copy / name).unlink()
    result = _tree_sitter(["generate"], copy)
    assert result.returncode == 0, _explain(result)
    stale = [name for name in GENERATED
             if (copy / name).read_bytes() != (PACKAGE / name).read_bytes()]
    assert not stale, (
        f"{', '.join(stale)} differ from what `tree-sitter generate` makes of grammar.js; "
        "regenerate (see tree-sitter-flux/README.md) and commit the result")


def test_tree_sitter_test_passes(tmp_path: Path) -> None:
    copy = _copy_package(tmp_path)
    result = _tree_sitter(["test"], copy)
    assert result.returncode == 0, _explain(result)
    output = result.stdout + result.stderr
    assert "✗" not in output, _explain(result)
    for section in ("errors:", "syntax highlighting:", "tags:"):
        assert section in output, f"`tree-sitter test` ran no {section[:-1]} tests\n" + output
