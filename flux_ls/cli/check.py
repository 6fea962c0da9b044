"""``flux check``: analyse Flux files and report diagnostics (docs/language.md#diagnostics).

Exit status: 0 when no error-severity diagnostic was found (warnings allowed), 1 when at
least one was (or any warning with ``--warnings-as-errors``), 2 when an input could not be
read or the command line is wrong. Unreadable inputs are reported as ``flux: error: …`` on
stderr and the other inputs are still checked. Start-up stays lean: the analysis and the
renderers are imported inside ``run``.
"""

from __future__ import annotations

import argparse
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from ..render.report import FileReport

FORMATS = ("text", "json", "sarif", "github")

DESCRIPTION = """\
Check Flux programs: syntax, names, types along flows, sources, dispatch, handlers and
atomicity constraints (deadlock freedom). Directories are searched recursively for *.flux
and *.fx files; `-` reads standard input; without PATH, the current directory is checked.

exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O problem.

examples:
  flux check                          every Flux file under the current directory
  flux check examples/
  flux check --format json app.flux
  cat app.flux | flux check --stdin-filename app.flux -
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .files import add_path_arguments

    parser = subparsers.add_parser(
        "check", help="check Flux files and report diagnostics", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="output format (default: text)")
    parser.add_argument("--warnings-as-errors", action="store_true",
                        help="exit with status 1 when any warning is reported")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print the diagnostics only, no summary line")
    add_path_arguments(parser, default=".")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .files import command_paths, gather

    inputs = gather(command_paths(args), args.stdin_filename)
    reports: list[FileReport] = []
    for source in inputs.sources:
        try:
            reports.append(_check(source.path, source.data))
        except Exception as error:  # a bug in us: one line, not a traceback
            inputs.errors.append(f"internal error while checking {source.path}: "
                                 f"{type(error).__name__}: {error}; please report it")
    for message in inputs.errors:
        print(f"flux: error: {message}", file=sys.stderr)
    _write(_render(args.format, reports), args.format == "text")
    code = status(reports, bool(inputs.errors), args.warnings_as_errors)
    if args.format == "text" and not args.quiet and reports and (code != 2 or _found(reports)):
        from ..render.report import summary
        print(summary(reports), file=sys.stderr)
    return code


def _check(path: str, data: bytes) -> FileReport:
    from ..analysis import analyze
    from ..render.report import FileReport

    return FileReport.of(analyze(data, path))


def _render(fmt: str, reports: list[FileReport]) -> str:
    if fmt == "json":
        from ..render.json import render_json
        return render_json(reports)
    if fmt == "sarif":
        from ..render.sarif import render_sarif
        return render_sarif(reports)
    if fmt == "github":
        from ..render.github import render_github
        return render_github(reports)
    from ..render.text import render_text, use_color
    return render_text(reports, color=use_color(_isatty(sys.stdout), os.environ))


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _write(text: str, for_terminal: bool) -> None:
    """Write to stdout: UTF-8 for machine formats, the terminal's encoding for text."""
    from .files import write_stdout

    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8") if for_terminal else "utf-8"
    write_stdout(text.encode(encoding, "replace"))


def _found(reports: list[FileReport]) -> bool:
    return any(report.diagnostics for report in reports)


def status(reports: list[FileReport], io_errors: bool, warnings_as_errors: bool) -> int:
    if io_errors:
        return 2
    failing = ("error", "warning") if warnings_as_errors else ("error",)
    found = any(d.severity in failing for report in reports for d in report.diagnostics)
    return 1 if found else 0
