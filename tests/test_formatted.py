"""The project's own Flux text is in the formatter's layout: ``flux fmt --check`` (a real
subprocess) passes on every ``.flux`` file of the repository, every ```` ```flux ```` block
of README.md and of the Markdown files under docs/, and what ``flux new`` writes.

A few test fixtures are written differently on purpose; they are listed in ``UNFORMATTED``
with the reason, and a test checks that each of them still exists and still is not in the
layout (so the list cannot outlive its reasons). A new ``.flux`` file, docs page or
```` ```flux ```` block is covered without touching this module.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flux_ls.build.scaffold import project_files
from flux_ls.fmt import FormatError, format_text

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {"node_modules", "build", "__pycache__", "target"}
_FENCE = re.compile(r"^```flux[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)

_SYNTAX_ERRORS = "a syntax error on purpose (the formatter refuses it)"
_SPELLING = "spelled differently from the layout on purpose: the spelling is what it tests"
UNFORMATTED = {
    "tests/data/syntax/flx001_bad_token.flux": _SYNTAX_ERRORS,
    "tests/data/syntax/flx001_missing_semicolon.flux": _SYNTAX_ERRORS,
    "tests/golden/inputs/syntax_errors.flux": _SYNTAX_ERRORS,
    "tests/golden/inputs/unicode_tabs.flux": _SYNTAX_ERRORS,
    "tests/data/dispatch/flx302_near_miss.flux": _SPELLING + " (the wildcard `*`)",
    "tests/data/names/flx102_near_miss.flux": _SPELLING + " (the wildcard `*`)",
    "tests/data/types/flx201_near_miss_canonical.flux": _SPELLING + " (`char const* s`)",
    "tests/data/sources/flx205_near_miss.flux": _SPELLING + " (`char* name`)",
    "tests/data/types/flx211_near_miss.flux": _SPELLING + " (`const char * const *argv`)",
    "tree-sitter-flux/test/highlight/declarations.flux": _SPELLING + " (`*` and `c!`)",
    "tests/ide/programs/imageserver.flux":
        "the IDE tests edit its one-line signatures by their text",
}


def flux_files() -> list[Path]:
    found = []
    for root, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        found += [Path(root, f) for f in files if f.endswith((".flux", ".fx"))]
    return sorted(found)


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def flux_blocks(path: Path) -> list[tuple[int, str]]:
    """The ```` ```flux ```` blocks of a Markdown file: (1-based line of the fence, text)."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _FENCE.finditer(text)]


def flux_fmt_check(paths: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "fmt", "--check",
                           *map(str, paths)], capture_output=True, text=True, cwd=cwd,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_every_flux_file_of_the_repository_is_formatted() -> None:
    files = [p for p in flux_files() if p.relative_to(ROOT).as_posix() not in UNFORMATTED]
    assert len(files) > 50, "the walk found the repository's programs"
    for example in ("webserver", "imageserver", "gameserver", "kvstore", "deadlock"):
        assert ROOT / "examples" / example / f"{example}.flux" in files
    result = flux_fmt_check(files, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(files)} files would be left unchanged" in result.stdout + result.stderr


def test_every_flux_block_of_the_documentation_is_formatted(tmp_path: Path) -> None:
    snippets = []
    for doc in markdown_files():
        for line, text in flux_blocks(doc):
            name = f"{doc.relative_to(ROOT).as_posix().replace('/', '__')}__line{line}.flux"
            (tmp_path / name).write_text(text, encoding="utf-8")
            snippets.append(tmp_path / name)
    assert any("README.md" in p.name for p in snippets), "the README's quick start"
    result = flux_fmt_check(snippets, tmp_path)
    assert result.returncode == 0, (
        "a ```flux block is not formatted (file name: the Markdown file and the fence's "
        "line; a block that shows invalid Flux on purpose needs another info string):\n"
        + result.stdout + result.stderr)


def test_what_flux_new_writes_is_formatted(tmp_path: Path) -> None:
    written = []
    for name, text in project_files("echo").items():
        if name.endswith(".flux"):
            (tmp_path / name).write_text(text, encoding="utf-8")
            written.append(tmp_path / name)
    assert written
    result = flux_fmt_check(written, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", sorted(UNFORMATTED))
def test_each_unformatted_fixture_still_needs_its_exception(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    try:
        assert format_text(text) != text, f"{path} is formatted now: drop it from UNFORMATTED"
    except FormatError:
        assert UNFORMATTED[path] == _SYNTAX_ERRORS
