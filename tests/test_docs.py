"""The generated documentation stays in step with its source (refresh: FLUX_UPDATE_GOLDENS=1)."""

from __future__ import annotations

import os
from pathlib import Path

from flux_ls.codes import reference_markdown

DOCS = Path(__file__).parent.parent / "docs" / "diagnostics.md"


def test_diagnostics_reference_is_up_to_date() -> None:
    expected = reference_markdown()
    if os.environ.get("FLUX_UPDATE_GOLDENS"):
        DOCS.write_text(expected, encoding="utf-8")
    assert DOCS.read_text(encoding="utf-8") == expected
