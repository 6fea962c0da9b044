"""Fixtures of the fault suite: the example servers are built and started as in
``tests/examples`` (``example_support.py``, imported from there), plus ``fault_support.py``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))

from example_support import build_example, runtime  # noqa: E402,F401  (fixtures)
