"""``flux check`` end to end, through real subprocesses of the CLI.

Exit codes (0 clean or warnings only, 1 errors, 2 usage or I/O problems, 130 on Ctrl-C),
every output format (compared with golden files under tests/golden/expected/cli/;
``FLUX_UPDATE_GOLDENS=1`` rewrites them), input collection (directories, ``.fx``, stdin),
one-line messages for unreadable inputs, colour rules and the pre-commit hook definition.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest
from golden_support import assert_golden

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
CLI_GOLDEN = GOLDEN / "expected" / "cli"
FLUX = [sys.executable, "-m", "flux_ls.cli.main", "check"]
FORMATS = ("text", "json", "sarif", "github")
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github"}
CLEAN = "inputs/imageserver.flux"
ERRORS = "inputs/type_mismatch.flux"
WARNINGS = "inputs/warnings.flux"
SYNTAX = "oops\n"  # one syntax error


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(extra)
    return env


def flux(*args: str, cwd: Path = GOLDEN, stdin: bytes | None = None,
         **env: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([*FLUX, *args], cwd=cwd, input=stdin, capture_output=True,
                          env=environment(**env), timeout=120)
    out = proc.stdout.decode("utf-8")
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def as_json(proc: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = json.loads(proc.stdout)
    return objects


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# ---- goldens and exit codes --------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_over_the_golden_directory(fmt: str) -> None:
    proc = flux("--format", fmt, "inputs")
    assert proc.returncode == 1
    assert_golden(CLI_GOLDEN / f"check.{SUFFIX[fmt]}", proc.stdout)
    if fmt == "text":
        assert_golden(CLI_GOLDEN / "check.stderr", proc.stderr)
    else:
        assert proc.stderr == ""


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path, code", [(CLEAN, 0), (WARNINGS, 0), (ERRORS, 1), ("nope.flux", 2)])
def test_exit_code(fmt: str, path: str, code: int) -> None:
    assert flux("--format", fmt, path).returncode == code


@pytest.mark.parametrize("fmt", FORMATS)
def test_warnings_as_errors_fails_on_warnings_only(fmt: str) -> None:
    assert flux("--format", fmt, "--warnings-as-errors", WARNINGS).returncode == 1
    assert flux("--format", fmt, "--warnings-as-errors", CLEAN).returncode == 0


def test_clean_text_says_so_on_stderr_unless_quiet() -> None:
    proc = flux(CLEAN)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "All checks passed.\n")
    proc = flux("--quiet", CLEAN)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_text_is_gcc_style_with_a_summary() -> None:
    proc = flux(ERRORS)
    first = proc.stdout.splitlines()[0]
    assert re.fullmatch(r"inputs/type_mismatch\.flux:7:9: error: .+ \[FLX201\]", first)
    assert proc.stderr == "Found 1 error in 1 file.\n"
    assert flux("-q", ERRORS).stderr == ""


def test_json_output_keeps_the_contract_and_an_empty_array_when_clean() -> None:
    objects = as_json(flux("--format", "json", "inputs/warnings.flux", ERRORS, "inputs"))
    keys = [(o["path"], o["line"], o["column"]) for o in objects]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    for obj in objects:
        assert {"path", "line", "column", "end_line", "end_column", "severity", "code",
                "message", "related"} <= obj.keys()
    assert as_json(flux("--format", "json", CLEAN)) == []


# ---- inputs ------------------------------------------------------------------------------

def test_directories_are_searched_recursively_for_flux_and_fx(tmp_path: Path) -> None:
    for name in ("proj/a.flux", "proj/sub/deep/b.fx", "proj/.hidden/c.flux", "proj/notes.txt",
                 "proj/sub/d.flux.bak"):
        write(tmp_path / name, SYNTAX)
    paths = {o["path"] for o in as_json(flux("--format", "json", "proj", cwd=tmp_path))}
    assert paths == {"proj/a.flux", "proj/sub/deep/b.fx"}
    paths = {o["path"] for o in as_json(flux("--format", "json", ".", cwd=tmp_path / "proj"))}
    assert paths == {"a.flux", "sub/deep/b.fx"}
    assert flux(".", cwd=tmp_path / "proj").stderr == "Found 2 errors in 2 files.\n"


def test_named_files_are_checked_whatever_their_name_and_paths_stay_as_given(
        tmp_path: Path) -> None:
    write(tmp_path / "proj/.hidden/c.flux", SYNTAX)
    write(tmp_path / "proj/notes.txt", SYNTAX)
    proc = flux("--format", "json", "./proj/.hidden/c.flux", "proj/notes.txt", cwd=tmp_path)
    assert [o["path"] for o in as_json(proc)] == ["./proj/.hidden/c.flux", "proj/notes.txt"]
    absolute = str(tmp_path / "proj/notes.txt")
    assert [o["path"] for o in as_json(flux("--format", "json", absolute))] == [absolute]


def test_a_byte_order_mark_does_not_shift_columns(tmp_path: Path) -> None:
    write(tmp_path / "bom.flux", b"\xef\xbb\xbf" + SYNTAX.encode())
    write(tmp_path / "plain.flux", SYNTAX)
    objects = as_json(flux("--format", "json", "bom.flux", "plain.flux", cwd=tmp_path))
    assert [(o["path"], o["line"], o["column"]) for o in objects] == [
        ("bom.flux", 1, 1), ("plain.flux", 1, 1)]


def test_a_file_named_twice_is_checked_once(tmp_path: Path) -> None:
    write(tmp_path / "a.flux", SYNTAX)
    objects = as_json(flux("--format", "json", "a.flux", "./a.flux", ".", cwd=tmp_path))
    assert [o["path"] for o in objects] == ["a.flux"]


def test_stdin(tmp_path: Path) -> None:
    source = (GOLDEN / ERRORS).read_bytes()
    proc = flux("-", stdin=source)
    assert proc.returncode == 1 and proc.stdout.startswith("<stdin>:7:9: error: ")
    proc = flux("--stdin-filename", "srv/app.flux", "-", stdin=source)
    assert proc.stdout.startswith("srv/app.flux:7:9: error: ")
    proc = flux("--format", "json", "--stdin-filename", "app.flux", stdin=source)
    assert {o["path"] for o in as_json(proc)} == {"app.flux"}
    proc = flux("--format", "json", "-", CLEAN, stdin=source)
    assert {o["path"] for o in as_json(proc)} == {"<stdin>"}


# ---- I/O problems: one line on stderr, exit 2, the other files still checked ---------------

def errors_of(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("flux: error: ")]


def test_missing_file_is_reported_and_the_others_are_still_checked() -> None:
    proc = flux("nope.flux", ERRORS)
    assert proc.returncode == 2
    assert errors_of(proc) == ["flux: error: nope.flux: no such file or directory"]
    assert proc.stdout.startswith("inputs/type_mismatch.flux:7:9: error:")
    assert proc.stderr.splitlines()[-1] == "Found 1 error in 1 file."


BINARY = "bad.flux: binary file (contains NUL bytes), not Flux source"
LATIN1 = "bad.flux: not UTF-8 text (invalid byte 0xe9 at line 2, column 7)"


@pytest.mark.parametrize("content, message", [
    (b"A () => ();\0\n", BINARY),
    (b"A () => ();\n// caf\xe9\n", LATIN1),
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", BINARY),
])
def test_binary_and_non_utf8_files(tmp_path: Path, content: bytes, message: str) -> None:
    write(tmp_path / "bad.flux", content)
    write(tmp_path / "good.flux", SYNTAX)
    proc = flux("--format", "json", "bad.flux", "good.flux", cwd=tmp_path)
    assert proc.returncode == 2
    assert errors_of(proc) == [f"flux: error: {message}"] and proc.stderr.count("\n") == 1
    assert {o["path"] for o in as_json(proc)} == {"good.flux"}


def test_binary_stdin() -> None:
    proc = flux("-", stdin=b"\0\1\2")
    assert proc.returncode == 2
    assert errors_of(proc) == ["flux: error: <stdin>: binary file (contains NUL bytes), "
                               "not Flux source"]


def test_directory_without_flux_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "docs/readme.txt", "x")
    proc = flux("empty", "docs", CLEAN, cwd=tmp_path)
    assert proc.returncode == 2
    assert errors_of(proc) == ["flux: error: empty: no .flux or .fx files found",
                               "flux: error: docs: no .flux or .fx files found",
                               f"flux: error: {CLEAN}: no such file or directory"]
    proc = flux("empty", str(GOLDEN / CLEAN), cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr == (
        "flux: error: empty: no .flux or .fx files found\n"), "no 'All checks passed.' then"


def test_a_path_that_cannot_be_opened(tmp_path: Path) -> None:
    """A Unix socket cannot be opened even by root: the message says why."""
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.flux"))
        proc = flux("s.flux", "missing/x.flux", cwd=tmp_path)
    finally:
        sock.close()
    assert proc.returncode == 2
    assert errors_of(proc) == [
        "flux: error: s.flux: a socket, not a regular file; only regular files are read as "
        "source (use - to read standard input)",
        "flux: error: missing/x.flux: no such file or directory"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_unreadable_file_and_directory(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.flux", SYNTAX)
    locked = write(tmp_path / "tree/locked/x.flux", SYNTAX).parent
    write(tmp_path / "tree/ok.flux", SYNTAX)
    secret.chmod(0)
    locked.chmod(0)
    try:
        proc = flux("--format", "json", "secret.flux", "tree", cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 2
    assert errors_of(proc) == ["flux: error: cannot read secret.flux: permission denied",
                               "flux: error: cannot read directory tree/locked: permission denied"]
    assert {o["path"] for o in as_json(proc)} == {"tree/ok.flux"}


def test_usage_errors_exit_2() -> None:
    proc = flux("--format", "xml", CLEAN)
    assert proc.returncode == 2 and "invalid choice: 'xml'" in proc.stderr


# ---- colour, signals, pipes ----------------------------------------------------------------

def test_no_colour_when_piped_unless_forced() -> None:
    assert "\x1b[" not in flux(ERRORS, TERM="xterm").stdout
    assert "\x1b[1;31merror:\x1b[0m" in flux(ERRORS, FORCE_COLOR="1").stdout
    assert "\x1b[" not in flux(ERRORS, FORCE_COLOR="1", NO_COLOR="1").stdout
    assert "\x1b[" not in flux("--format", "json", ERRORS, FORCE_COLOR="1").stdout


def read_terminal(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_colour_on_a_terminal_and_none_with_no_color() -> None:
    for env, coloured in (({"TERM": "xterm"}, True), ({"TERM": "xterm", "NO_COLOR": "1"}, False)):
        master, slave = os.openpty()
        try:
            proc = subprocess.run([*FLUX, ERRORS], cwd=GOLDEN, stdout=slave,
                                  stderr=subprocess.PIPE, env=environment(**env), timeout=120)
        finally:
            os.close(slave)
        out = read_terminal(master)
        os.close(master)
        assert proc.returncode == 1 and b"type_mismatch.flux" in out
        assert (b"\x1b[1;31merror:\x1b[0m" in out) is coloured


def test_ctrl_c_exits_130_quietly() -> None:
    """Standard input is a pipe that stays open: once flux has read what was written, it is
    blocked reading the rest (the pipe is empty again)."""
    proc = subprocess.Popen([*FLUX, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=environment())
    assert proc.stdin is not None
    try:
        proc.stdin.write(b"Listen () => (int socket);\n")
        proc.stdin.flush()
        waiting = bytearray(4)
        for _ in range(6000):  # up to 60 s for flux to start and drain the pipe
            fcntl.ioctl(proc.stdin.fileno(), termios.FIONREAD, waiting)
            if int.from_bytes(waiting, sys.byteorder) == 0:
                break
            time.sleep(0.01)
        else:
            raise AssertionError("flux never read its input")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert (proc.returncode, out, err) == (130, b"", b"")


def test_a_closed_pipe_is_not_a_crash() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([*FLUX, "inputs"], cwd=GOLDEN, stdout=write_end,
                              stderr=subprocess.PIPE, env=environment(), timeout=120)
    finally:
        os.close(write_end)
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "Traceback" not in err and "Exception ignored" not in err and "Found" in err


def test_check_module_imports_nothing_heavy_at_start_up() -> None:
    code = ("import sys, flux_ls.cli.check; "
            "print(sorted(m for m in ('json', 'typing', 'tree_sitter', 'flux_ls.analysis', "
            "'flux_ls.render.text', 'unicodedata') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.strip() == "[]"


# ---- pre-commit ----------------------------------------------------------------------------

def hooks() -> dict[str, dict[str, str]]:
    """The hooks of .pre-commit-hooks.yaml (flat ``key: value`` entries; no YAML library)."""
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in (ROOT / ".pre-commit-hooks.yaml").read_text().splitlines():
        match = re.fullmatch(r"(-)?\s+(\w+): (.*)", line)
        if not match:
            continue
        if match.group(1):
            current = found.setdefault(match.group(3), {})
        current[match.group(2)] = match.group(3).strip("'\"")
    return found


def test_pre_commit_hook_runs_the_real_flux_command(tmp_path: Path) -> None:
    hook = hooks()["flux-check"]
    assert hook["name"] == "flux check" and hook["language"] == "python"
    assert hook["require_serial"] == "false"
    pattern = re.compile(hook["files"])
    assert pattern.search("src/app.flux") and not pattern.search("app.flux.bak")
    flux_command = shutil.which("flux", path=os.path.dirname(sys.executable))
    if flux_command is None:
        pytest.skip("the `flux` console script is not installed next to this Python")
    write(tmp_path / "bad.flux", SYNTAX)
    entry = hook["entry"].split()
    assert entry[0] == "flux"
    ok = subprocess.run([flux_command, *entry[1:], str(GOLDEN / CLEAN)], capture_output=True,
                        env=environment(PRE_COMMIT="1"), timeout=120)
    bad = subprocess.run([flux_command, *entry[1:], str(tmp_path / "bad.flux")],
                         capture_output=True, env=environment(PRE_COMMIT="1"), timeout=120)
    assert (ok.returncode, bad.returncode) == (0, 1)
    assert b"bad.flux:1:1: error:" in bad.stdout
