"""Golden files: an output compared with the file holding what it must be, or, with
``FLUX_UPDATE_GOLDENS=1`` (any value but empty or ``0``), written there instead (review the
diff). Files are read and written as they are, without line-break translation."""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = os.environ.get("FLUX_UPDATE_GOLDENS", "") not in ("", "0")


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as stream:
        return stream.read()


def assert_golden(path: Path, actual: str) -> None:
    """``actual`` is the text of the golden file ``path`` (which ``UPDATE`` rewrites)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no golden {path}: run with FLUX_UPDATE_GOLDENS=1"
    assert actual == read(path), f"{path.name} differs from its golden"
