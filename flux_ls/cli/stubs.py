"""``flux stubs``: write C stubs for every function a Flux program needs
(docs/language.md#the-c-interface).

``flux stubs [DIR|flux.toml|FILE.flux] [-o FILE] [--stdout]``. Without ``-o`` the stubs go
to the manifest's first C source (or NAME.c beside the program). A new file gets every
stub plus ``flux_init``/``flux_shutdown``; an existing file gets only the functions that
neither it nor the project's other C sources define yet (appended at its end).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Write C stubs (with TODO bodies) for every node, predicate, handler and session function
the program uses, or append only the missing ones to an existing C file.

exit status: 0 done (or nothing missing), 1 the program has errors, 2 usage or I/O.
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("stubs", help="write C stubs for the program's functions",
                                   description=DESCRIPTION,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", nargs="?", metavar="DIR|flux.toml|FILE.flux",
                        help="the project or program (default: the current directory)")
    parser.add_argument("-o", "--output", metavar="FILE", help="the C file to write or extend")
    parser.add_argument("--stdout", action="store_true",
                        help="print every stub to standard output instead")
    parser.set_defaults(run=run)


def _locate(target: str | None) -> tuple[Path, list[Path], Path]:
    """The .flux file, the project's C sources and the default output file."""
    from ..build.manifest import find, load

    path = Path(target or ".")
    if path.suffix in (".flux", ".fx") and path.is_file():
        return path, [], path.with_suffix(".c")
    manifest = load(find(target), sources_must_exist=False)
    default = manifest.sources[0] if manifest.sources else manifest.root / f"{manifest.name}.c"
    return manifest.flux, list(manifest.sources), default


def run(args: argparse.Namespace) -> int:
    from ..analysis import analyze
    from ..build.errors import BuildError
    from ..build.project import render_diagnostics
    from ..build.stubs import defined_functions, missing, new_file, stubs
    from ..cinterface import InterfaceError, build_interface

    try:
        flux, sources, default = _locate(args.target)
        analysis = analyze(flux.read_bytes(), str(flux))
        if analysis.errors:
            raise BuildError(render_diagnostics(analysis))
        interface = build_interface(analysis)
    except (BuildError, InterfaceError) as error:
        print(str(error), file=sys.stderr)
        return error.status if isinstance(error, BuildError) else 1
    except OSError as error:
        print(f"flux: error: {error}", file=sys.stderr)
        return 2
    docs = {name: info.doc for name, info in analysis.semantics.nodes.items()}
    if args.stdout:
        sys.stdout.write(new_file(interface, docs, flux.name))
        return 0
    out = Path(args.output) if args.output else default
    try:
        if not out.exists():
            out.write_text(new_file(interface, docs, flux.name), encoding="utf-8")
            print(f"flux: wrote {out} with {len(interface.prototypes)} stubs", file=sys.stderr)
            return 0
        defined: list[str] = []
        for file in {out.resolve(), *(s.resolve() for s in sources)}:
            if file.exists():
                defined += defined_functions(file.read_text(encoding="utf-8", errors="replace"))
        todo = missing(interface, defined)
        if not todo:
            print(f"flux: {out} already defines everything the program needs", file=sys.stderr)
            return 0
        with out.open("a", encoding="utf-8") as stream:
            stream.write("\n/* Added by `flux stubs`: fill in the TODOs. */\n\n" +
                         stubs(todo, docs))
    except OSError as error:
        print(f"flux: error: cannot write {out}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"flux: added {len(todo)} stubs to {out}: {', '.join(p.name for p in todo)}",
          file=sys.stderr)
    return 0
