"""``flux run``: build a Flux project if needed, then run the server in its place.

``flux run [DIR] [--runtime R] [--threads N] -- ARGS…`` builds quietly (progress appears
only when something is compiled) and then *executes* the server in place of itself
(``execv``): signals (Ctrl-C, SIGTERM) reach the server directly, its exit status is the
command's, and standard streams are its own. ARGS (default: ``[run] args`` of flux.toml)
reach the server's ``flux_init``. The server says where it listens, if it wants to.
"""

from __future__ import annotations

import argparse
import os
import sys

DESCRIPTION = """\
Build the project if needed and run the server. Arguments after `--` go to the server
(flux_init sees them); without them, [run] args of flux.toml are used.

examples:
  flux run -- 8080
  flux run examples/webserver --runtime pool -- --port 8080 --root www/
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .build import add_common

    parser = subparsers.add_parser(
        "run", help="build if needed and run a Flux server", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common(parser)
    parser.add_argument("--threads", type=int, metavar="N",
                        help="worker/event threads for this run (passed as --flux-threads)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..build.errors import BuildError
    from ..build.project import build_project
    from .build import options, progress, threads_ok, warning

    if not threads_ok(args.threads):
        return 2
    try:
        result = build_project(options(args), progress(args.quiet), warning)
    except BuildError as error:
        print(str(error), file=sys.stderr)
        return error.status
    server_args = list(args.passthrough) if args.passthrough else list(result.manifest.args)
    if args.threads is not None:
        server_args.insert(0, f"--flux-threads={args.threads}")
    binary = str(result.binary)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(binary, [binary, *server_args])
    except OSError as error:
        print(f"flux: error: cannot run {binary}: {error.strerror}", file=sys.stderr)
        return 2
    return 0  # not reached
