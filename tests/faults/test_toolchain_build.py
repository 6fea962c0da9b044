"""Issue 9, items 11 and 12: hostile ``flux.toml`` values get located errors, not tracebacks,
and nothing from the manifest reaches generated C unchecked.

Each case runs ``flux build`` on a ``flux new`` project whose manifest gets one bad line, and
must exit with a ``flux.toml:LINE:COLUMN: error:`` message (no ``Traceback``), before any
file is generated. Absolute paths are allowed when they name the right kind of file, but
none can make a diagnostic print ``/etc/passwd``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FLUX = [sys.executable, "-m", "flux_ls.cli.main"]


def flux(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FLUX, *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, **(env or {})}, check=False)


@pytest.fixture
def app(tmp_path: Path) -> Path:
    assert flux("new", "app", cwd=tmp_path).returncode == 0
    return tmp_path / "app"


def with_line(app: Path, section: str, line: str) -> None:
    """The manifest of ``flux new`` with ``line`` replacing its key (or added)."""
    manifest = app / "flux.toml"
    key = line.split("=")[0].strip()
    lines = [x for x in manifest.read_text().splitlines() if x.split("=")[0].strip() != key]
    at = lines.index(f"[{section}]") + 1
    manifest.write_text("\n".join(lines[:at] + [line] + lines[at:]) + "\n")


CASES = {
    "cc with an open quote": ("program", 'cc = "gcc \\"-O2"', "is not a command line"),
    "a NUL in cflags": ("program", 'cflags = ["-O2\\u0000"]', "contains a NUL character"),
    "a NUL in libs": ("program", 'libs = ["-lm", "-l\\u0000z"]', "contains a NUL character"),
    "a NUL in args": ("run", 'args = ["\\u0000"]', "contains a NUL character"),
    "a NUL in sources": ("program", 'sources = ["app\\u0000.c"]', "contains a NUL character"),
    "a header with a line break": ("program", 'headers = ["app.h\\n#error injected"]',
                                   "contains a line break"),
    "a header with a quote": ("program", 'headers = ["a\\".h"]', "contains a double quote"),
    "a header that is not one": ("program", 'headers = ["<stdio.h> x"]',
                                 "is not a header name"),
    "args nested 5,000 deep": ("run", "args = " + "[" * 5000 + "]" * 5000,
                               "nested more than 100 deep"),
    "flux = /etc/passwd": ("program", 'flux = "/etc/passwd"', "is not a Flux program"),
    "sources = /etc/passwd": ("program", 'sources = ["/etc/passwd"]',
                              "is not a C source file"),
    "headers = /etc/passwd": ("program", 'headers = ["/etc/passwd"]', "is not a header name"),
    "include = /": ("program", 'include = ["/"]', "is the root directory"),
}


@pytest.mark.parametrize("section, line, message", CASES.values(), ids=list(CASES))
def test_a_bad_manifest_value_is_a_located_error(app: Path, section: str, line: str,
                                                 message: str) -> None:
    with_line(app, section, line)
    done = flux("build", str(app))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "root:" not in done.stderr
    [first] = [x for x in done.stderr.splitlines() if ": error: " in x]
    where = f"{app / 'flux.toml'}:"
    assert first.startswith(where) and message in first, first
    row, column = first[len(where):].split(":")[:2]
    assert (app / "flux.toml").read_text().splitlines()[int(row) - 1][int(column) - 1:]
    assert not (app / ".flux-build" / "event" / "flux_nodes.h").exists()


def test_absolute_paths_of_the_right_kind_are_allowed(app: Path) -> None:
    with_line(app, "program", f'include = [".", "{app}"]')
    with_line(app, "program", f'flux = "{app / "app.flux"}"')
    done = flux("stubs", str(app), "--stdout")
    assert done.returncode == 0, done.stderr


def test_a_file_where_the_build_directory_goes_is_named(app: Path) -> None:
    (app / ".flux-build").mkdir()
    (app / ".flux-build" / "event").write_text("not a directory")
    done = flux("build", str(app))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{app / '.flux-build' / 'event'}: error: exists and is not a directory" \
        in done.stderr


def test_a_cc_from_the_command_line_that_does_not_split_is_an_error(app: Path) -> None:
    for args, env in ((["--cc", 'gcc "-O2'], None), ([], {"CC": "gcc 'x"})):
        done = flux("build", str(app), *args, env=env)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert "is not a command line (no closing quotation)" in done.stderr
