"""Data-driven checks: every tests/data/**/*.flux carries its expectations in comments on the
offending line (``// error[FLX201]``, ``// warning[FLX603]``) and runs through the same
``analyze`` the CLI uses. The set of reported (severity, code, line) must equal the set
expected — so a near-miss file with no expectation must produce no diagnostic at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from expectations import expected_diagnostics

from flux_ls.analysis import analyze
from flux_ls.codes import CODES

DATA = Path(__file__).parent / "data"
FILES = sorted(DATA.rglob("*.flux"))


def reported(text: str, path: str) -> set[tuple[str, str, int]]:
    analysis = analyze(text, path)
    return {(d.severity, d.code, analysis.lines.position(d.span.start)[0] + 1)
            for d in analysis.diagnostics}


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DATA)) for p in FILES])
def test_expectations(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert reported(text, str(path)) == expected_diagnostics(text)


def test_every_code_has_a_trigger_and_a_near_miss() -> None:
    triggered: set[str] = set()
    near_misses: set[str] = set()
    for path in FILES:
        triggered |= {code for _, code, _ in expected_diagnostics(path.read_text(encoding="utf-8"))}
        match = re.match(r"flx(\d{3})_near_miss", path.stem)
        if match:
            near_misses.add(f"FLX{match.group(1)}")
    contract = {code for code in CODES if code != "FLX000"}
    assert contract - triggered == set(), "codes without a program that triggers them"
    assert contract - near_misses == set(), "codes without a near-miss program"


def test_expectation_comments_are_parsed() -> None:
    assert expected_diagnostics("A = B;  // error[FLX101] warning[FLX105]\n") == {
        ("error", "FLX101", 1), ("warning", "FLX105", 1)}
