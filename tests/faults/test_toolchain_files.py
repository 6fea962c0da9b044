"""Issue 9, item 9: ``flux check`` reads only regular files, and at most 8 MiB of each.

A link to ``/dev/zero`` used to grow to 6 GB and a FIFO named ``*.flux`` hung; each is now
a one-line message naming the file (exit 2) while the other inputs are still checked.
Every run has a timeout, so the old behaviour fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FLUX = [sys.executable, "-m", "flux_ls.cli.main"]
GOOD = "Listen () => (int socket);\nClose (int socket) => ();\nsource Listen => Close;\n"
WARNS = GOOD + "Unused (int a) => ();\n"   # FLX105: shows that the file was checked


def flux(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*FLUX, *args], input=stdin, capture_output=True, timeout=60,
                          env={**os.environ, **(env or {})}, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_fifos_and_devices_are_refused_by_name_and_the_rest_is_checked(tmp_path: Path) -> None:
    (tmp_path / "zero.flux").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.flux")
    (tmp_path / "good.flux").write_text(WARNS, encoding="utf-8")
    for args in ([str(tmp_path)], [str(tmp_path / "zero.flux"), str(tmp_path / "pipe.flux"),
                                   str(tmp_path / "good.flux")]):
        done = flux("check", *args)
        assert done.returncode == 2
        assert f"{tmp_path / 'zero.flux'}: a character device, not a regular file" in done.stderr
        assert f"{tmp_path / 'pipe.flux'}: a FIFO, not a regular file" in done.stderr
        assert "good.flux:4:1: warning:" in done.stdout and "[FLX105]" in done.stdout


def test_a_file_over_the_limit_is_refused_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    big = tmp_path / "big.flux"
    big.write_bytes(GOOD.encode() + b" " * (8 << 20))
    done = flux("check", str(big))
    assert done.returncode == 2
    assert f"{big}: larger than 8 MiB, the limit for a source file" in done.stderr
    assert "--max-file-size" in done.stderr and "FLUX_MAX_FILE_SIZE" in done.stderr
    assert flux("check", "--max-file-size", "9M", str(big)).returncode == 0
    assert flux("check", str(big), env={"FLUX_MAX_FILE_SIZE": "9M"}).returncode == 0
    small = flux("fmt", "--check", "--max-file-size", "10", str(tmp_path / "big.flux"))
    assert small.returncode == 2 and "larger than 10 bytes" in small.stderr


def test_standard_input_is_capped_too() -> None:
    done = flux("check", "-", stdin=GOOD.encode() * 100, env={"FLUX_MAX_FILE_SIZE": "1K"})
    assert done.returncode == 2
    assert "standard input: larger than 1 KiB" in done.stderr


def test_a_bad_size_is_a_usage_error() -> None:
    done = flux("check", "--max-file-size", "lots", "-")
    assert done.returncode == 2 and "invalid size 'lots'" in done.stderr
