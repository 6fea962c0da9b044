"""``flux build``: compile a Flux project (program + C sources, see ``flux.toml``) into a
server executable.

Prints the executable's path on standard output (the last line), progress and compiler
messages on standard error. Exit status: 0 built or up to date, 1 the program or the C code
has errors, 2 usage or I/O problems (no manifest, no compiler). The build itself lives in
``flux_ls.build``; this module only parses the command line.
"""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Callable

    from ..build.project import BuildOptions

DESCRIPTION = """\
Build a Flux server: check the program, generate flux_nodes.h and the flow driver,
compile them with the C runtime (thread, pool and event runtimes, chosen at launch with
--flux-runtime) and the C sources of flux.toml, and link. Unchanged inputs are not rebuilt.

The executable goes to DIR/.flux-build/<runtime>[-<sanitizers>][-debug]/<name> (or -o).

exit status: 0 built or up to date, 1 errors in the program or the C code, 2 usage or I/O.

examples:
  flux build                          the project in the current directory
  flux build examples/webserver --runtime pool
  flux build app/server.flux          the project whose program it is (app/flux.toml)
  flux build app/ --sanitize address,undefined
"""


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``flux build`` and ``flux run``."""
    from ..build.manifest import RUNTIMES

    parser.add_argument("target", nargs="?", metavar="DIR|flux.toml|FILE.flux",
                        help="the project: its directory, its manifest or its program (the "
                        "flux.toml beside it is used; default: the current directory)")
    parser.add_argument("--runtime", choices=RUNTIMES,
                        help="default runtime of the executable (default: [run] runtime)")
    parser.add_argument("--cc", metavar="CC", help="the C compiler (default: $CC, then the "
                        "manifest's cc, then cc)")
    parser.add_argument("--sanitize", metavar="LIST", default="",
                        help="build with sanitizers: address,undefined or thread")
    parser.add_argument("--debug", action="store_true", help="-O0 -g instead of -O2")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress output (errors and warnings are still shown)")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "build", help="build a server executable from a Flux project",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common(parser)
    parser.add_argument("--threads", type=int, metavar="N",
                        help="default number of worker/event threads (0: one per core)")
    parser.add_argument("-o", "--output", metavar="OUT", help="where to write the executable")
    parser.set_defaults(run=run)


def options(args: argparse.Namespace, threads: int | None = None) -> BuildOptions:
    from ..build.project import BuildOptions

    return BuildOptions(target=args.target, runtime=args.runtime, threads=threads,
                        cc=args.cc, sanitize=(args.sanitize,) if args.sanitize else (),
                        output=getattr(args, "output", None), debug=args.debug)


def threads_ok(threads: int | None) -> bool:
    """False, after saying so, when ``--threads`` is out of the runtime's range."""
    from ..build.manifest import MAX_THREADS, valid_threads

    if threads is None or valid_threads(threads):
        return True
    print(f"flux: error: --threads wants a number from 0 to {MAX_THREADS}", file=sys.stderr)
    return False


def progress(quiet: bool) -> Callable[[str], None]:
    def log(text: str) -> None:
        if not quiet:
            print(text, file=sys.stderr, flush=True)
    return log


def warning(text: str) -> None:
    """Warnings are shown whatever ``-q`` says."""
    print(text, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from ..build.errors import BuildError
    from ..build.project import build_project

    if not threads_ok(args.threads):
        return 2
    try:
        result = build_project(options(args, args.threads), progress(args.quiet), warning)
    except BuildError as error:
        print(str(error), file=sys.stderr)
        return error.status
    print(result.binary)
    return 0
