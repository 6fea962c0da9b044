"""The generated documentation stays in step with its source (refresh: FLUX_UPDATE_GOLDENS=1)."""

from __future__ import annotations

from pathlib import Path

from golden_support import assert_golden

from flux_ls.codes import reference_markdown

DOCS = Path(__file__).parent.parent / "docs" / "diagnostics.md"


def test_diagnostics_reference_is_up_to_date() -> None:
    assert_golden(DOCS, reference_markdown())
