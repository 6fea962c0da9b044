"""flux-ls in a real batch Emacs through Eglot and ``editors/emacs/flux-mode.el``.

``eglot_e2e.el`` opens a copy of the gameserver project's program, checks that
``flux-mode`` is chosen and highlights, starts Eglot with the contact flux-mode registered,
asks for a hover (Eglot without markdown-mode declares ``plaintext`` only: the answer must
be plain text and say where ``Decode`` is implemented), runs ``eglot-find-implementation``
(gameserver.c in ``*xref*``), edits the buffer and sends ``didChange`` by calling Eglot's
function (batch Emacs runs no idle timers), waits for the new diagnostic and shuts down.

Needs Debian's ``emacs-nox`` and ``elpa-eglot`` (Eglot 1.9; ``make test`` installs both);
without them the test skips.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXAMPLES = ROOT / "examples"
ELPA = Path("/usr/share/emacs/site-lisp/elpa")
BIN = Path(sys.executable).parent


def test_eglot_end_to_end(tmp_path: Path) -> None:
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.skip("no emacs on PATH (Debian: apt-get install emacs-nox elpa-eglot)")
    if not any(ELPA.glob("eglot-*")):
        pytest.skip(f"no Eglot in {ELPA} (Debian: apt-get install elpa-eglot)")
    for part in ("gameserver", "common"):
        shutil.copytree(EXAMPLES / part, tmp_path / part)
    program = tmp_path / "gameserver" / "gameserver.flux"
    env = {**os.environ, "FLUX_E2E_FILE": str(program), "HOME": str(tmp_path),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [emacs, "-Q", "--batch", "-L", str(ROOT / "editors" / "emacs"),
         "-l", str(HERE / "eglot_e2e.el")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240,
        stdin=subprocess.DEVNULL, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "ALL OK" in result.stdout, output
    assert re.search(r"ok: implementation: gameserver\.c:\d+", result.stdout), output
