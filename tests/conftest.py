"""Shared by every test: failed assertions of the helper modules show what differed, and
every test runs the working tree's ``flux_ls``.

``make install`` is a regular (non-editable) install: it compiles the grammar into
``tree_sitter_flux`` and puts ``flux`` and ``flux-ls`` in ``.venv/bin``. So that the tests
exercise the code being edited, not the copy installed last, the repository root comes first
on ``sys.path`` here and on ``PYTHONPATH`` in every subprocess the tests start (the console
scripts ``.venv/bin/flux`` and ``flux-ls`` included). Tests of the installed distribution
itself (``tests/packaging/``) start their subprocesses without it.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)

pytest.register_assert_rewrite("golden_support")
