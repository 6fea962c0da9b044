"""``flux new NAME``: scaffold a project that builds and runs (program, manifest, C file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Create the directory NAME with a working Flux project: NAME.flux (a small TCP line
server), NAME.c (its C nodes), flux.toml and .gitignore. Then:

  flux run NAME -- 8080          and in another terminal: echo hello | nc 127.0.0.1 8080
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("new", help="create a new Flux project",
                                   description=DESCRIPTION,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", metavar="NAME",
                        help="project name: a C identifier, also the directory's name")
    parser.add_argument("--dir", metavar="PARENT", default=".",
                        help="where to create the project directory (default: here)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..build.scaffold import project_files, valid_name

    name: str = args.name
    if not valid_name(name):
        print(f"flux: error: `{name}` is not a valid project name (a C identifier not "
              "starting with flux_)", file=sys.stderr)
        return 2
    root = Path(args.dir) / name
    if root.exists() and any(root.iterdir()):
        print(f"flux: error: {root} already exists and is not empty", file=sys.stderr)
        return 2
    try:
        root.mkdir(parents=True, exist_ok=True)
        for file, text in project_files(name).items():
            (root / file).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"flux: error: cannot create {root}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"created {root}: {name}.flux, {name}.c, flux.toml\n"
          f"run it:  flux run {root} -- 8080\n"
          f"try it:  echo hello | nc 127.0.0.1 8080")
    return 0
