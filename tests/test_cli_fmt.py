"""``flux fmt`` through real subprocesses: in place, --check, --diff, stdin, exit codes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from flux_ls.fmt import FormatError, format_text

ROOT = Path(__file__).resolve().parent.parent
MESSY = "A=B->C;\n\n\n\natomic N:{c!};   \n"
CLEAN = "A = B -> C;\n\natomic N:{c};\n"
BROKEN = "A = B\nC = D;\n"


def flux_fmt(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "fmt", *args],
                          input=stdin, capture_output=True, text=True, cwd=cwd, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def syntax_error(text: str) -> FormatError:
    try:
        format_text(text)
    except FormatError as error:
        return error
    raise AssertionError("no syntax error")


def tree(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "messy.flux").write_text(MESSY)
    (tmp_path / "clean.flux").write_text(CLEAN)
    (tmp_path / "sub" / "other.fx").write_text("source L=>I;")
    (tmp_path / "notes.txt").write_text("A=B;")  # not a Flux file: never touched
    return tmp_path


def test_in_place_rewrites_changed_files_atomically_keeping_the_mode(tmp_path: Path) -> None:
    tree(tmp_path)
    os.chmod(tmp_path / "messy.flux", 0o640)
    result = flux_fmt(".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "messy.flux").read_text() == CLEAN
    assert (tmp_path / "sub" / "other.fx").read_text() == "source L => I;\n"
    assert (tmp_path / "notes.txt").read_text() == "A=B;"
    assert stat.S_IMODE((tmp_path / "messy.flux").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.flux", "messy.flux",
                                                         "notes.txt", "sub"]  # no temp files
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "reformatted messy.flux", f"reformatted {os.path.join('sub', 'other.fx')}",
        "2 files reformatted, 1 file left unchanged"]
    again = flux_fmt(".", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (0, "3 files left unchanged\n")


def test_check_lists_files_changes_nothing_and_exits_1(tmp_path: Path) -> None:
    tree(tmp_path)
    result = flux_fmt("--check", "messy.flux", "clean.flux", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "would reformat messy.flux", "1 file would be reformatted, 1 file would be left unchanged"]
    assert (tmp_path / "messy.flux").read_text() == MESSY
    clean = flux_fmt("--check", "clean.flux", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_diff_prints_a_unified_diff_and_exits_1(tmp_path: Path) -> None:
    tree(tmp_path)
    result = flux_fmt("--diff", "-q", "messy.flux", "clean.flux", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines()[:3] == [
        "--- messy.flux\t(original)", "+++ messy.flux\t(formatted)", "@@ -1,5 +1,3 @@"]
    assert "-A=B->C;" in result.stdout and "+A = B -> C;" in result.stdout
    assert (tmp_path / "messy.flux").read_text() == MESSY
    assert flux_fmt("--diff", "clean.flux", cwd=tmp_path).returncode == 0


def test_diff_marks_a_missing_final_newline(tmp_path: Path) -> None:
    (tmp_path / "a.flux").write_text("A = B;")
    result = flux_fmt("--diff", "a.flux", cwd=tmp_path)
    assert result.stdout.endswith("-A = B;\n\\ No newline at end of file\n+A = B;\n")


def test_a_closed_pipe_is_not_a_crash(tmp_path: Path) -> None:
    """`flux fmt --diff … | head`: the diff is discarded, the status and summary are kept."""
    tree(tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "fmt", "--diff", "."],
                                stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                                timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.endswith("2 files would be reformatted, 1 file would be left unchanged\n")
    assert (tmp_path / "messy.flux").read_text() == MESSY


def test_stdin_to_stdout(tmp_path: Path) -> None:
    result = flux_fmt("-", cwd=tmp_path, stdin=MESSY)
    assert (result.returncode, result.stdout) == (0, CLEAN)
    check = flux_fmt("--check", "-", cwd=tmp_path, stdin=MESSY)
    assert (check.returncode, check.stdout) == (1, "")
    assert "would reformat <stdin>" in check.stderr
    named = flux_fmt("--check", "--stdin-filename", "app.flux", cwd=tmp_path, stdin=CLEAN)
    assert (named.returncode, named.stdout) == (0, "")


def test_syntax_error_exits_2_and_other_files_are_still_formatted(tmp_path: Path) -> None:
    tree(tmp_path)
    (tmp_path / "broken.flux").write_text(BROKEN)
    result = flux_fmt("broken.flux", "messy.flux", cwd=tmp_path)
    assert result.returncode == 2
    error = syntax_error(BROKEN)
    assert result.stderr.startswith(
        f"broken.flux:{error.line}:{error.column}: error: cannot format: {error.message}\n")
    assert "Traceback" not in result.stderr
    assert (tmp_path / "broken.flux").read_text() == BROKEN
    assert (tmp_path / "messy.flux").read_text() == CLEAN
    assert result.stderr.splitlines()[-1] == (
        "1 file reformatted, 1 file could not be formatted")
    stdin = flux_fmt("-", cwd=tmp_path, stdin=BROKEN)
    assert (stdin.returncode, stdin.stdout) == (2, "")
    assert stdin.stderr.startswith(f"<stdin>:{error.line}:{error.column}: error: cannot format: ")


def test_io_and_usage_problems_exit_2_without_traceback(tmp_path: Path) -> None:
    missing = flux_fmt("nowhere.flux", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nowhere.flux: no such file or directory" in missing.stderr
    (tmp_path / "binary.flux").write_bytes(b"A = B;\0")
    binary = flux_fmt("binary.flux", cwd=tmp_path)
    assert binary.returncode == 2 and "binary file" in binary.stderr
    usage = flux_fmt(cwd=tmp_path)
    assert usage.returncode == 2 and "no PATH given" in usage.stderr
    for result in (missing, binary, usage):
        assert "Traceback" not in result.stderr


def test_crlf_becomes_lf_and_a_bom_is_kept(tmp_path: Path) -> None:
    (tmp_path / "dos.flux").write_bytes(b"\xef\xbb\xbfA=B;\r\n// c\r\n")
    assert flux_fmt("dos.flux", cwd=tmp_path).returncode == 0
    assert (tmp_path / "dos.flux").read_bytes() == b"\xef\xbb\xbfA = B;\n// c\n"


def test_a_symbolic_link_stays_a_link_to_the_rewritten_file(tmp_path: Path) -> None:
    (tmp_path / "real.flux").write_text(MESSY)
    (tmp_path / "link.flux").symlink_to("real.flux")
    assert flux_fmt("link.flux", cwd=tmp_path).returncode == 0
    assert (tmp_path / "link.flux").is_symlink()
    assert (tmp_path / "real.flux").read_text() == CLEAN
