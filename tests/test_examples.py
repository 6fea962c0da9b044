"""The bundled example programs check cleanly through the real ``flux check`` CLI.

Each ``examples/**/*.flux`` must exit 0 with exactly the warnings its comments announce
(``// warning[FLX603]`` on the offending line, see ``tests/expectations.py``). The deadlock
example must report its one elevation and nothing else.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from expectations import expected_diagnostics

from flux_ls.analysis import analyze

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FILES = sorted(EXAMPLES.rglob("*.flux"))


def flux_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "check", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.fixture(scope="module")
def reported() -> dict[Path, list[dict[str, Any]]]:
    """One ``flux check --format json examples/`` run, its diagnostics grouped by file."""
    result = flux_check("--format", "json", str(EXAMPLES))
    assert result.returncode == 0, result.stdout + result.stderr
    by_file: dict[Path, list[dict[str, Any]]] = {path: [] for path in FILES}
    for diagnostic in json.loads(result.stdout):
        by_file.setdefault((ROOT / diagnostic["path"]).resolve(), []).append(diagnostic)
    return by_file


def test_the_four_examples_exist() -> None:
    names = {path.relative_to(EXAMPLES).as_posix() for path in FILES}
    assert {"imageserver/imageserver.flux", "webserver/webserver.flux",
            "gameserver/gameserver.flux", "deadlock/deadlock.flux"} <= names


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(EXAMPLES).as_posix() for p in FILES])
def test_example_reports_exactly_its_expectations(
        path: Path, reported: dict[Path, list[dict[str, Any]]]) -> None:
    found = {(d["severity"], d["code"], d["line"]) for d in reported[path]}
    assert not {d for d in found if d[0] == "error"}
    assert found == expected_diagnostics(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(EXAMPLES).as_posix() for p in FILES])
def test_example_checks_alone_with_exit_0(path: Path) -> None:
    result = flux_check("--format", "json", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(d["severity"] != "error" for d in json.loads(result.stdout))


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(EXAMPLES).as_posix() for p in FILES])
def test_example_directory_has_a_readme(path: Path) -> None:
    readme = path.parent / "README.md"
    assert readme.is_file() and readme.read_text(encoding="utf-8").strip()


def test_deadlock_example_has_exactly_one_elevation_of_x_to_c(
        reported: dict[Path, list[dict[str, Any]]]) -> None:
    path = EXAMPLES / "deadlock" / "deadlock.flux"
    [diagnostic] = reported[path]
    assert (diagnostic["severity"], diagnostic["code"]) == ("warning", "FLX603")
    assert "`x`" in diagnostic["message"] and "`C`" in diagnostic["message"]
    assert diagnostic["related"], "an elevation names the constraints it reorders"


def test_deadlock_example_effective_constraint_sets() -> None:
    path = EXAMPLES / "deadlock" / "deadlock.flux"
    semantics = analyze(path.read_text(encoding="utf-8"), str(path)).semantics
    effective = {name: {str(c) for c in semantics.nodes[name].effective} for name in "ABCD"}
    assert effective == {"A": {"x"}, "B": {"y"}, "C": {"x", "y"}, "D": {"x"}}


def test_expectations_are_read_from_line_comments_only() -> None:
    text = ("/* prose: warning[FLX105] // error[FLX101] */\n"
            "A = B;  // error[FLX101] warning[FLX105]: text may follow\n"
            "\n"
            "atomic D:{x};  // two markers: info[FLX105], warning[FLX603]\n")
    assert expected_diagnostics(text) == {
        ("error", "FLX101", 2), ("warning", "FLX105", 2), ("info", "FLX105", 4),
        ("warning", "FLX603", 4)}


def test_expectations_of_a_file_without_markers_are_empty() -> None:
    assert expected_diagnostics("// a comment\nA = B; /* warning[FLX603] */\n") == set()
