"""Collecting and reading the inputs of a command (files, directories, ``-`` for stdin) and
writing its output (standard output, or a file replaced atomically).

Directories are searched recursively for ``*.flux`` and ``*.fx`` (hidden sub-directories
skipped, symbolic links to directories not followed); files named explicitly are read
whatever their extension. Paths stay as the user wrote them, so relative stays relative.
Only regular files are read (a FIFO would block, ``/dev/zero`` never ends), at most 8 MiB
each unless ``--max-file-size`` or ``FLUX_MAX_FILE_SIZE`` says otherwise; standard input is
capped the same way. Every problem (a missing path, an unreadable, binary, oversized or
special file, a directory with no Flux files) becomes a one-line message in
``Inputs.errors`` while the other inputs are read.
"""

from __future__ import annotations

import argparse
import io
import os
import select
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

SUFFIXES = (".flux", ".fx")
STDIN = "-"
STDIN_NAME = "<stdin>"
BOM = b"\xef\xbb\xbf"  # dropped by read(), so columns agree with editors (which hide it)


@dataclass(frozen=True)
class Source:
    path: str   # as shown in output
    data: bytes


@dataclass
class Inputs:
    sources: list[Source] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class InputError(Exception):
    """A one-line, user-facing message about one input."""


def _reason(error: OSError) -> str:
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def _under(directory: str, full: str) -> str:
    """``full`` spelled from ``directory`` as the user wrote it (``.`` adds no prefix)."""
    rel = os.path.relpath(full, directory)
    return rel if os.path.normpath(directory) == "." else os.path.join(directory, rel)


def walk(directory: str) -> tuple[list[str], list[str]]:
    """The Flux files under ``directory`` (sorted) and the errors met on the way."""
    found: list[str] = []
    errors: list[str] = []

    def failed(error: OSError) -> None:
        errors.append(f"cannot read directory {error.filename or directory}: {_reason(error)}")

    for root, dirs, files in os.walk(directory, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [_under(directory, os.path.join(root, name))
                  for name in files if name.endswith(SUFFIXES)]
    if not found and not errors:
        errors.append(f"{directory}: no .flux or .fx files found")
    return sorted(found), errors


def files_of(path: str) -> tuple[list[str], list[str]]:
    """The files one command-line path stands for, and the errors met expanding it."""
    if path != STDIN and os.path.isdir(path):
        return walk(path)
    return [path], []


MAX_FILE_SIZE_ENV = "FLUX_MAX_FILE_SIZE"
DEFAULT_MAX_FILE_SIZE = 8 << 20
_UNITS = {"": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20,
          "MIB": 1 << 20, "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30}
_max_file_size: int | None = None  # set by ``--max-file-size`` (``command_paths``)


def parse_size(text: str) -> int:
    """``8388608``, ``512K``, ``8M``, ``8MiB``, ``1G`` (binary units) as a number of bytes."""
    spelled = text.strip().upper()
    digits = spelled.rstrip("KMGIB")
    unit = spelled[len(digits):]
    if not digits.isdigit() or unit not in _UNITS or int(digits) <= 0:
        raise ValueError(f"invalid size {text!r} (a positive number of bytes, or with K, M "
                         "or G: 512K, 8M)")
    return int(digits) * _UNITS[unit]


def max_file_size() -> int:
    """The most bytes a source file may hold: ``--max-file-size``, else the environment
    variable ``FLUX_MAX_FILE_SIZE``, else 8 MiB. A bad variable falls back to 8 MiB."""
    if _max_file_size is not None:
        return _max_file_size
    try:
        return parse_size(os.environ.get(MAX_FILE_SIZE_ENV, "") or "8M")
    except ValueError:
        return DEFAULT_MAX_FILE_SIZE


def shown_size(size: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def _too_large(name: str, limit: int) -> InputError:
    return InputError(f"{name}: larger than {shown_size(limit)}, the limit for a source file "
                      f"(raise it with --max-file-size or {MAX_FILE_SIZE_ENV})")


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    kinds = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"))
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in kinds if test(mode)), "not a regular file")


def read_fd(fd: int, limit: int | None = None, name: str = "input") -> bytes:
    """Everything ``fd`` holds, at most ``limit`` bytes (``InputError`` past it). A pipe,
    FIFO or terminal is waited on in 0.2 s slices: Python runs signal handlers only between
    bytecodes, so a Ctrl-C landing just before one long blocking ``read()`` would otherwise
    wait for input that may never come."""
    chunks: list[bytes] = []
    size = 0
    waits = not stat.S_ISREG(os.fstat(fd).st_mode)
    while True:
        if waits and not select.select([fd], [], [], 0.2)[0]:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if limit is not None and size > limit:
            raise _too_large(name, limit)
        chunks.append(chunk)


def read_file(path: str, limit: int | None = None) -> bytes:
    """A regular file's bytes (symbolic links followed). Anything else — a FIFO, which would
    block, a device such as ``/dev/zero``, which never ends — is refused before it is opened,
    and again after (opened without blocking), as is a file over ``limit`` bytes (default:
    ``max_file_size()``)."""
    limit = max_file_size() if limit is None else limit
    try:
        kind = _kind(os.stat(path).st_mode)
        if kind is not None:
            raise InputError(f"{path}: {kind}, not a regular file; only regular files are "
                             "read as source (use - to read standard input)")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):  # replaced since the check above
                raise InputError(f"{path}: not a regular file; only regular files are read")
            if info.st_size > limit:
                raise _too_large(path, limit)
            return read_fd(fd, limit, path)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {_reason(error)}") from None


def read_stdin() -> bytes:
    if sys.stdin is None:
        raise InputError("cannot read standard input: it is closed")
    try:
        try:
            fd = sys.stdin.fileno()
        except (AttributeError, ValueError, io.UnsupportedOperation):
            return sys.stdin.buffer.read()  # a stand-in stream without a descriptor
        return read_fd(fd, max_file_size(), "standard input")
    except OSError as error:
        raise InputError(f"cannot read standard input: {_reason(error)}") from None


def check_text(path: str, data: bytes) -> None:
    """Raise ``InputError`` unless ``data`` is UTF-8 text without NUL bytes."""
    if b"\0" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), not Flux source")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[start:error.start].decode("utf-8", "replace")) + 1
        raise InputError(f"{path}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} "
                         f"at line {line}, column {column})") from None


def read_raw(path: str, stdin_name: str | None = None) -> Source:
    """One input as text bytes, a byte-order mark kept; ``-`` reads standard input, shown
    as ``stdin_name``."""
    if path == STDIN:
        name = stdin_name or STDIN_NAME
        data = read_stdin()
    else:
        name, data = path, read_file(path)
    check_text(name, data)
    return Source(name, data)


def read(path: str, stdin_name: str | None = None) -> Source:
    """``read_raw`` without the byte-order mark."""
    source = read_raw(path, stdin_name)
    return Source(source.path, source.data.removeprefix(BOM))


def add_path_arguments(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """The PATH arguments and ``--stdin-filename`` of a command (see ``command_paths``);
    ``default`` is what no PATH means (none: a usage error)."""
    after = f" (default: {default})" if default else ""
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=f"a file, a directory (searched recursively) or - for stdin{after}")
    parser.add_argument("--stdin-filename", metavar="NAME",
                        help="the name to show for standard input (implies - without PATH)")
    parser.add_argument("--max-file-size", metavar="SIZE", type=_size_argument,
                        help="refuse a source file larger than SIZE (bytes, or 512K, 8M, "
                             f"1G; default: ${MAX_FILE_SIZE_ENV}, else 8M)")
    parser.set_defaults(path_parser=parser, path_default=default)


def _size_argument(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def command_paths(args: argparse.Namespace) -> list[str]:
    """The PATH arguments of a command, ``-`` when only ``--stdin-filename`` was given, else
    the command's default; a usage error (exit 2) when there is none."""
    global _max_file_size
    if getattr(args, "max_file_size", None) is not None:
        _max_file_size = args.max_file_size
    default = [args.path_default] if args.path_default else []
    paths: list[str] = args.paths or ([STDIN] if args.stdin_filename else default)
    if not paths:
        args.path_parser.error("no PATH given (a file, a directory, or - for standard input)")
    return paths


def unique_files(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Every file the command-line paths stand for, each once (by real path), in
    command-line order, and the errors met expanding them."""
    found: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for path in paths:
        files, errors = files_of(path)
        problems += errors
        for name in files:
            key = name if name == STDIN else os.path.realpath(name)
            if key not in seen:
                seen.add(key)
                found.append(name)
    return found, problems


def gather(paths: Sequence[str], stdin_name: str | None = None) -> Inputs:
    """Expand and read every input once, in command-line order; problems are collected."""
    inputs = Inputs()
    names, inputs.errors = unique_files(paths)
    for name in names:
        try:
            inputs.sources.append(read(name, stdin_name))
        except InputError as error:
            inputs.errors.append(str(error))
    return inputs


def discard_stdout() -> None:
    """Send the rest of standard output to /dev/null: its reader is gone (``flux … | head``),
    and a flush at exit would otherwise fail again with a broken pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def write_stdout(data: bytes) -> None:
    """Write ``data`` to standard output, after any text already printed; when the reader
    has gone, the output is discarded and the command carries on to its exit status."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` (through symbolic links) with ``data`` through a temporary file in its
    directory: an existing file's mode is kept, a new one gets the usual 0666 & ~umask.
    An ``OSError`` leaves the file as it was."""
    import tempfile

    target = os.path.realpath(path)
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temp = tempfile.mkstemp(dir=os.path.dirname(target),
                                prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
