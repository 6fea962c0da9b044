"""``flux fmt``: rewrite Flux files in the canonical layout of ``flux_ls.fmt``.

By default each changed file is rewritten in place, atomically (a temporary file in the same
directory replaces it; the file's mode is kept) and ``reformatted PATH`` is printed on
stderr, followed by a summary. ``--check`` changes nothing and lists ``would reformat PATH``;
``--diff`` changes nothing and prints unified diffs on stdout. ``-`` formats standard input
to standard output. A file with a syntax error is left alone and reported as
``PATH:LINE:COL: error: cannot format: MESSAGE``; the other files are still processed.
Output uses LF line breaks; a UTF-8 byte-order mark at the start of a file is kept.

Exit status: 0 done (or nothing to change), 1 with ``--check``/``--diff`` when a file would
change, 2 when a file could not be read, written or parsed, or the command line is wrong.
Start-up stays lean: the formatter is imported inside ``run``.
"""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Format Flux programs in the one canonical layout (comments kept). Directories are searched
recursively for *.flux and *.fx files; `-` formats standard input to standard output.

exit status: 0 done, 1 --check/--diff found a file to reformat, 2 syntax, I/O or usage error.

examples:
  flux fmt examples/                   rewrite every Flux file in place
  flux fmt --check src/                exit 1 if any file is not formatted (CI, pre-commit)
  flux fmt --diff app.flux             show what would change
  flux fmt - < app.flux                format standard input to standard output
"""


class _Tally:
    def __init__(self, check: bool) -> None:
        self.check = check
        self.changed = 0
        self.unchanged = 0
        self.failed = 0

    def summary(self) -> str:
        would = "would be " if self.check else ""
        parts = [(self.changed, f"{would}reformatted"), (self.unchanged, f"{would}left unchanged"),
                 (self.failed, "could not be formatted")]
        return ", ".join(f"{_files(n)} {what}" for n, what in parts if n)


def _files(count: int) -> str:
    return f"{count} file" + ("" if count == 1 else "s")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .files import add_path_arguments

    parser = subparsers.add_parser(
        "fmt", help="format Flux files", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if any file would be reformatted")
    parser.add_argument("--diff", action="store_true",
                        help="change nothing; print unified diffs, exit 1 if any file differs")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print errors only (no reformatted lines, no summary)")
    add_path_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .files import command_paths, unique_files

    tally = _Tally(args.check or args.diff)
    names, errors = unique_files(command_paths(args))
    for message in errors:
        _fail(tally, f"flux: error: {message}")
    for name in names:
        _format_one(name, args, tally)
    if not args.quiet and tally.changed + tally.unchanged + tally.failed:
        print(tally.summary(), file=sys.stderr)
    if tally.failed:
        return 2
    return 1 if tally.check and tally.changed else 0


def _fail(tally: _Tally, message: str) -> None:
    print(message, file=sys.stderr)
    tally.failed += 1


def _format_one(name: str, args: argparse.Namespace, tally: _Tally) -> None:
    from .files import BOM, STDIN, InputError, read_raw, write_stdout

    try:
        source = read_raw(name, args.stdin_filename)
    except InputError as error:
        _fail(tally, f"flux: error: {error}")
        return
    shown, raw = source.path, source.data
    bom = BOM if raw.startswith(BOM) else b""
    text = raw[len(bom):].decode("utf-8")
    formatted = _formatted(text, shown, tally)
    if formatted is None:
        return
    new = bom + formatted.encode("utf-8")
    if name == STDIN and not tally.check:
        write_stdout(new)
    if new == raw:
        tally.unchanged += 1
        return
    if args.diff:
        write_stdout(_unified_diff(text, formatted, shown).encode("utf-8"))
    if not tally.check and name != STDIN and not _written(name, new, tally):
        return
    tally.changed += 1
    if not args.quiet:
        print(f"{'would reformat' if tally.check else 'reformatted'} {shown}", file=sys.stderr)


def _formatted(text: str, shown: str, tally: _Tally) -> str | None:
    """The formatted text, or None after reporting why it cannot be formatted."""
    from ..fmt import FormatError, FormatterBug, format_text

    try:
        return format_text(text)
    except FormatError as error:
        _fail(tally, f"{shown}:{error.line}:{error.column}: error: cannot format: "
                     f"{error.message}")
    except FormatterBug as error:
        _fail(tally, f"flux: error: internal error while formatting {shown}: {error}; "
                     "please report it")
    return None


def _written(path: str, data: bytes, tally: _Tally) -> bool:
    from .files import write_atomic

    try:
        write_atomic(path, data)
    except OSError as error:
        _fail(tally, f"flux: error: cannot write {path}: {error.strerror or error}")
        return False
    return True


def _unified_diff(before: str, after: str, shown: str) -> str:
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True),
                                 f"{shown}\t(original)", f"{shown}\t(formatted)")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)

