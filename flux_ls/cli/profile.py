"""``flux profile``: read the path profiles a server writes (``--flux-profile=PATH``).

``flux profile report PROFILE`` prints the hot paths, the node table and the constraint
waits; ``flux profile diff A B`` what changed between two runs of the same program. With
``--program`` the profile is checked against the program as it is now and refused if its
graph differs (a profile of last week's program must not be misread). Exit status: 0 done,
1 the profile does not belong to the program (or the two profiles to the same graph),
2 usage, I/O or an unreadable profile.
"""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..graph import Graph
    from ..profile.schema import Profile

DESCRIPTION = """\
Read a path profile written by a Flux server started with --flux-profile=PATH (or by
`flux run --profile`, which writes .flux-build/profile.json): the hot paths through the
program (by time and by count) with their latency, the time of every node (wall and CPU),
failures, and how long flows waited for each atomicity constraint.

exit status: 0 done, 1 profile and program (or the two profiles) do not match, 2 usage/I/O.

examples:
  flux run examples/webserver --profile -- --port 8080     (Ctrl-C writes the profile)
  flux profile report examples/webserver/.flux-build/profile.json
  flux profile report profile.json --program examples/webserver --top 5 --format markdown
  kill -USR1 $(pidof webserver)          a running server rewrites its profile
  flux profile diff before.json after.json
"""


class ProfileCommandError(Exception):
    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ..profile.report import FORMATS

    parser = subparsers.add_parser(
        "profile", help="report on a server's path profile (hot paths, node times, waits)",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    report = sub.add_parser("report", help="the hot paths, nodes and constraint waits",
                            description="Summarise a path profile.")
    report.add_argument("profile", metavar="PROFILE", help="a profile (JSON) a server wrote")
    report.add_argument("--program", metavar="FILE.flux|DIR",
                        help="refuse the profile unless it is of this program as it is now")
    report.add_argument("--top", type=int, default=10, metavar="N",
                        help="paths shown per table (default 10)")
    report.add_argument("--format", choices=FORMATS, default="text")
    report.set_defaults(run=run_report)
    diff = sub.add_parser("diff", help="what changed between two profiles of one program",
                          description="Compare two path profiles of the same program: paths "
                          "and nodes that got slower or hotter, largest change first.")
    diff.add_argument("before", metavar="A")
    diff.add_argument("after", metavar="B")
    diff.add_argument("--top", type=int, default=10, metavar="N")
    diff.add_argument("--format", choices=FORMATS, default="text")
    diff.set_defaults(run=run_diff)


def read_profile(path: str) -> Profile:
    from ..profile.schema import ProfileError, load

    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise ProfileCommandError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return load(data)
    except ProfileError as error:
        raise ProfileCommandError(f"{path}: not a readable profile: {error}") from None


def program_graph(target: str) -> tuple[Graph, str]:
    """The program graph of a .flux file or a project directory, and the file's path."""
    import os

    from ..analysis import analyze
    from ..graph import build

    path = target
    if os.path.isdir(target) or target.endswith(".toml"):
        from ..build.errors import BuildError
        from ..build.manifest import find, load

        try:
            path = str(load(find(target)).flux)
        except BuildError as error:
            raise ProfileCommandError(str(error)) from None
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise ProfileCommandError(f"cannot read {path}: {error.strerror or error}") from None
    analysis = analyze(data, path)
    if analysis.errors:
        raise ProfileCommandError(f"{path} has errors (`flux check {path}` shows them): "
                                  "cannot match a profile to it", 1)
    return build(analysis), path


def check_match(profile: Profile, profile_path: str, graph: Graph, program: str) -> None:
    from ..profile.hashing import graph_hash

    if graph_hash(graph) != profile.graph_hash:
        raise ProfileCommandError(
            f"{profile_path} is a profile of another version of {program}: its program graph "
            "differs from the program's now (a flow, a dispatch or a constraint changed since "
            "it was recorded); run the server again to profile this version", 1)


def _top(n: int) -> int:
    if n < 1:
        raise ProfileCommandError("--top wants a positive number")
    return n


def run_report(args: argparse.Namespace) -> int:
    from ..profile.report import render, summary

    try:
        profile = read_profile(args.profile)
        if args.program:
            graph, path = program_graph(args.program)
            check_match(profile, args.profile, graph, path)
        text = render(summary(profile, _top(args.top)), args.format)
    except ProfileCommandError as error:
        print(f"flux: error: {error}", file=sys.stderr)
        return error.status
    sys.stdout.write(text)
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from ..profile.report import diff, render
    from ..profile.schema import ProfileError

    try:
        before, after = read_profile(args.before), read_profile(args.after)
        text = render(diff(before, after, _top(args.top)), args.format)
    except ProfileCommandError as error:
        print(f"flux: error: {error}", file=sys.stderr)
        return error.status
    except ProfileError as error:
        print(f"flux: error: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0
