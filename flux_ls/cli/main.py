"""``flux``: entry point and subcommand dispatch.

Each subcommand lives in its own module exposing ``add_parser(subparsers)`` and
``run(args) -> int``. Exit codes everywhere: 0 success, 1 findings (errors), 2 usage or
I/O problems. No traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__

SUBCOMMANDS = ("check", "fmt", "graph", "build", "run", "new", "stubs",
               "simulate")
#: Commands whose arguments after a lone `--` are passed through (``args.passthrough``).
PASSTHROUGH = ("run",)

DESCRIPTION = """\
The Flux toolchain. Flux composes sequential C functions into a concurrent server;
`flux` checks Flux programs, formats them, draws their program graph, and builds and
runs the servers they describe.

examples:
  flux check examples/                 check every .flux file under a directory
  flux check --format json app.flux    machine-readable diagnostics (a stable contract)
  flux fmt --check src/                exit 1 if any file is not formatted
  flux graph app.flux --format svg -o app.svg
  flux new hello && flux run hello -- 8080   a new project, built and running
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `flux` parser; with ``only`` (a subcommand name), just that subcommand is imported
    and registered: `flux check` in a pre-commit hook should not pay for the others."""
    parser = argparse.ArgumentParser(
        prog="flux", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"flux {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only in SUBCOMMANDS else SUBCOMMANDS:
        module = importlib.import_module(f".{name}", __package__)
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv else None)
    passthrough: list[str] = []
    if argv and argv[0] in PASSTHROUGH and "--" in argv:
        split = argv.index("--")
        argv, passthrough = argv[:split], argv[split + 1:]
    args = parser.parse_args(argv)
    if args.command in PASSTHROUGH:
        args.passthrough = passthrough
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `flux … | head`: the reader left; no traceback, no error
        from .files import discard_stdout

        discard_stdout()
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
