"""Helix with the recipe in ``editors/helix/``: a real ``hx`` 25.01, in a real terminal (tmux).

- ``test_queries_compile``: the Helix queries (textobjects, indents) compile against the
  flux grammar (py-tree-sitter; ``hx --health`` only checks that the files exist).
- ``test_health``: the recipe's ``languages.toml`` (grammar path filled in) and the queries in
  a fresh config folder; ``hx --grammar build`` compiles the grammar, and ``hx --health flux``
  shows the server, the parser and every query with ✓ and no ✘.
- ``test_editing_in_a_terminal``: Helix in tmux on a copy of the gameserver project: ``gi``
  (go to implementation, through flux-ls) opens gameserver.c at ``Decode``'s definition;
  ``maf`` (the textobjects query) selects the ``Decode`` signature, ``d`` deletes it, ``:w``
  writes the file, and flux-ls's diagnostics (the flow now names an undefined node) appear in
  the status line. Before that, ``Space k`` shows the hover, which says where ``Decode`` is
  implemented; that screen is saved as ``docs/screenshots/helix.txt`` (``.ansi``: with
  colours) when ``FLUX_UPDATE_SCREENSHOTS=1``.

``hx`` is the one on PATH when it is 25.01 or newer, else Debian 13's through
``../shared/tools/debian13-run hx``; without either (or without tmux) the tests skip.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tree_sitter
import tree_sitter_flux
from terminal import Terminal, save_screenshot

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RECIPE = ROOT / "editors" / "helix"
RUNNER = ROOT.parent / "shared" / "tools" / "debian13-run"
BIN = Path(sys.executable).parent
EXAMPLES = ROOT / "examples"
SCREENSHOT = ROOT / "docs" / "screenshots" / "helix.txt"


def test_queries_compile() -> None:
    language = tree_sitter.Language(tree_sitter_flux.language())
    for name in ("textobjects.scm", "indents.scm"):
        query = tree_sitter.Query(language, (RECIPE / "queries" / "flux" / name).read_text())
        assert query.capture_count > 0, name


@functools.cache
def helix() -> tuple[list[str] | None, str]:
    reasons = []
    for command in ([shutil.which("hx") or ""], [str(RUNNER), "hx"]):
        if not command[0] or not Path(command[0]).is_file():
            continue
        try:
            out = subprocess.run([*command, "--version"], capture_output=True, text=True,
                                 timeout=600, stdin=subprocess.DEVNULL, check=False).stdout
        except (OSError, subprocess.TimeoutExpired) as exc:
            reasons.append(f"{command[0]}: {exc}")
            continue
        match = re.search(r"helix (\d+)\.(\d+)", out)
        if match and (int(match[1]), int(match[2])) >= (25, 1):
            return command, ""
        reasons.append(f"{' '.join(command)} --version: {out.strip() or 'no output'}")
    return None, "; ".join(reasons) or f"no hx on PATH and {RUNNER} is absent"


@pytest.fixture
def hx() -> list[str]:
    command, why = helix()
    if command is None:
        pytest.skip(f"no Helix 25.01+: {why}")
    return command


def configure(tmp_path: Path) -> dict[str, str]:
    """A config folder with the recipe, as the README says to install it; the environment."""
    config = tmp_path / "config"
    queries = config / "helix" / "runtime" / "queries" / "flux"
    queries.mkdir(parents=True)
    (config / "helix" / "runtime" / "grammars").mkdir()
    recipe = (RECIPE / "languages.toml").read_text(encoding="utf-8")
    assert "/path/to/checkout" in recipe
    # only the flux grammar: `hx --grammar build` would otherwise try all 220 of Helix's
    (config / "helix" / "languages.toml").write_text(
        'use-grammars = { only = ["flux"] }\n' + recipe.replace("/path/to/checkout", str(ROOT)),
        encoding="utf-8")
    shutil.copy(ROOT / "tree-sitter-flux" / "queries" / "highlights.scm", queries)
    for query in (RECIPE / "queries" / "flux").glob("*.scm"):
        shutil.copy(query, queries)
    return {**os.environ, "XDG_CONFIG_HOME": str(config),
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def build_grammar(hx: list[str], env: dict[str, str], tmp_path: Path) -> None:
    built = subprocess.run([*hx, "--grammar", "build"], env=env, capture_output=True,
                           text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)
    assert (tmp_path / "config" / "helix" / "runtime" / "grammars" / "flux.so").is_file(), (
        built.stdout + built.stderr)


def test_health(hx: list[str], tmp_path: Path) -> None:
    env = configure(tmp_path)
    build_grammar(hx, env, tmp_path)
    health = subprocess.run([*hx, "--health", "flux"], env={**env, "NO_COLOR": "1"},
                            capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL, check=False)
    text = re.sub(r"\x1b\[[0-9;]*m", "", health.stdout)
    assert health.returncode == 0 and "✘" not in text, text
    for line in ("✓ flux-ls: " + str(BIN / "flux-ls"), "Tree-sitter parser: ✓",
                 "Highlight queries: ✓", "Textobject queries: ✓", "Indent queries: ✓"):
        assert line in text, text


def status(screen: str) -> str:
    lines = [line for line in screen.splitlines() if line.strip()]
    return next((line for line in reversed(lines) if re.search(r"\d+:\d+\s*$", line)), "")


def test_editing_in_a_terminal(hx: list[str], tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    env = configure(tmp_path)
    env.setdefault("TERM", "xterm-256color")
    build_grammar(hx, env, tmp_path)
    for part in ("gameserver", "common"):
        shutil.copytree(EXAMPLES / part, tmp_path / part)
    project = tmp_path / "gameserver"
    program = project / "gameserver.flux"
    line = program.read_text(encoding="utf-8").splitlines().index(
        next(x for x in program.read_text(encoding="utf-8").splitlines()
             if x.startswith("Decode (")))
    c_lines = (project / "gameserver.c").read_text(encoding="utf-8").splitlines()
    c_line = next(n for n, x in enumerate(c_lines) if x.startswith("int Decode(")) + 1
    term = Terminal("Helix", [*hx, f"gameserver.flux:{line + 1}"], project, env)
    try:
        term.wait(lambda s: "gameserver.flux" in status(s) and f"{line + 1}:1" in status(s),
                  "the program at the Decode signature")
        # go to implementation: flux-ls answers once it has started and analysed the file
        deadline = time.monotonic() + term.timeout
        while "gameserver.c" not in status(term.screen()) and time.monotonic() < deadline:
            term.keys("g", "i")
            time.sleep(0.5)  # the key again until the server is up: Helix has no signal for it
        screen = term.wait(lambda s: "gameserver.c" in status(s), "gameserver.c after gi")
        assert f"{c_line}:5" in status(screen), screen
        term.keys(":buffer-close", "Enter")
        term.wait(lambda s: "gameserver.flux" in status(s), "the program again")
        term.keys("Space", "k")  # hover: where Decode is implemented
        screen = term.wait(lambda s: f"gameserver.c:{c_line}" in s, "the hover")
        assert "implemented in C at gameserver.c" in screen, screen
        if os.environ.get("FLUX_UPDATE_SCREENSHOTS") == "1":
            save_screenshot(SCREENSHOT, term)
        term.keys("Escape")
        term.keys("m", "a", "f", "d", ":w", "Enter")
        screen = term.wait(lambda s: "●" in status(s), "diagnostics after deleting Decode")
        text = program.read_text(encoding="utf-8")
        assert "Decode (player_id" not in text and "Message = Decode ->" in text
    finally:
        term.close()
