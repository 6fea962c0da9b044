"""``flux.toml``: the project manifest beside a Flux program (see docs/build.md).

```toml
[program]
flux = "webserver.flux"          # optional when the directory holds exactly one .flux file
name = "webserver"               # optional: the executable (default: the .flux file's stem)
sources = ["webserver.c"]        # the user's C files
include = ["."]                  # include directories (the build directory is always one)
headers = ["webserver.h"]        # user headers with the types, included by flux_nodes.h
cflags = ["-O2"]
ldflags = []
libs = ["-lz"]
cc = "cc"                        # optional; $CC and --cc override it

[run]
runtime = "event"                # thread | pool | event (the default; --flux-runtime overrides)
threads = 0                      # 0: one per core
args = []                        # default arguments of `flux run`
```

Paths are relative to the manifest's directory; absolute ones are allowed, but each names
the kind of file it must be (``flux``: a ``.flux``/``.fx`` file, ``sources``: ``.c`` files,
``headers``: ``.h`` names, ``include``: directories other than ``/``), so no manifest can
make a diagnostic print the contents of a file that is not Flux or C (``/etc/passwd``).
Values that reach generated C (``headers``, the program's file name) hold no line breaks,
control characters or quotes; no value holds a NUL; ``cc`` must split as a shell command
line. Every problem is a ``BuildError`` naming the file and, where it can be found, the
line: ``flux.toml:3:9: error: …``.
"""

from __future__ import annotations

import difflib
import json
import re
import shlex
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BuildError

MANIFEST = "flux.toml"
RUNTIMES = ("thread", "pool", "event")
MAX_THREADS = 1024  # as the runtime's --flux-threads (runtime/main.c)
KEYS = {
    "program": ("flux", "name", "sources", "include", "headers", "cflags", "ldflags", "libs",
                "cc"),
    "run": ("runtime", "threads", "args"),
}
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]*")


@dataclass(frozen=True)
class Manifest:
    path: Path                     # the flux.toml
    root: Path                     # its directory
    name: str
    flux: Path
    sources: tuple[Path, ...]
    include: tuple[Path, ...]
    headers: tuple[str, ...]
    cflags: tuple[str, ...]
    ldflags: tuple[str, ...]
    libs: tuple[str, ...]
    cc: str | None
    runtime: str
    threads: int
    args: tuple[str, ...]


def valid_threads(threads: object) -> bool:
    """A number of worker/event threads the runtime takes: 0 (one per core) to MAX_THREADS."""
    return (isinstance(threads, int) and not isinstance(threads, bool)
            and 0 <= threads <= MAX_THREADS)


def find(target: str | None) -> Path:
    """The manifest named by a command-line argument: a directory, a flux.toml, or a Flux
    program (the manifest beside it; ``load`` checks that it builds that program)."""
    path = Path(target or ".")
    if path.suffix in FLUX_SUFFIXES and not path.is_dir():
        return _beside(path)
    if path.is_dir():
        programs = [p for suffix in FLUX_SUFFIXES for p in sorted(path.glob("*" + suffix))]
        if not (path / MANIFEST).is_file() and len(programs) == 1:
            return _beside(programs[0], directory=True)  # says which manifest to write
        path = path / MANIFEST
    if not path.is_file():
        raise BuildError(f"{path}: no such file; a Flux project has a {MANIFEST} manifest "
                         "beside its program (`flux new NAME` makes one)", 2)
    return path


FLUX_SUFFIXES = (".flux", ".fx")


def _beside(program: Path, directory: bool = False) -> Path:
    """The manifest of the project whose program is ``program``, or what to write."""
    if not program.is_file():
        raise BuildError(f"{program}: no such file", 2)
    manifest = program.parent / MANIFEST
    if manifest.is_file():
        return manifest
    folder = program.parent
    sources = sorted(p.name for p in folder.glob("*.c"))
    headers = sorted(p.name for p in folder.glob("*.h") if p.name != "flux_nodes.h")
    lines = ["[program]", f'flux = "{program.name}"',
             "sources = [" + ", ".join(f'"{s}"' for s in sources) + "]"
             + ("" if sources else "  # the C files that implement the nodes")]
    if headers:
        lines.append("headers = [" + ", ".join(f'"{h}"' for h in headers) + "]"
                     "  # the headers declaring the C types of the signatures")
    toml = "\n".join(f"    {line}" for line in lines)
    first = (f"{folder}: error: no {MANIFEST}; the project of {program.name} needs one"
             if directory else
             f"{program}: error: a Flux program is built as a project, with a {MANIFEST} "
             f"manifest beside it, and {folder / MANIFEST} does not exist")
    raise BuildError(f"{first}.\n  Write {folder / MANIFEST}:\n{toml}\n"
                     "  or start a new project with `flux new NAME`. "
                     f"(`flux check {program}` checks the program alone.)", 2)


def load_target(target: str | None, sources_must_exist: bool = True) -> Manifest:
    """The manifest of a command-line argument (see ``find``); for a Flux program, only if
    the manifest beside it builds that program."""
    manifest = load(find(target), sources_must_exist)
    program = Path(target or ".")
    if program.suffix in FLUX_SUFFIXES and not program.is_dir() and \
            manifest.flux.resolve() != program.resolve():
        raise BuildError(f"{program}: error: {manifest.path} builds {manifest.flux.name}, not "
                         f"{program.name}; build the project with `flux build "
                         f"{manifest.root}`, or check this file alone with `flux check "
                         f"{program}`", 2)
    return manifest


def load(path: Path, sources_must_exist: bool = True) -> Manifest:
    """Read and check a manifest; ``flux stubs`` passes ``sources_must_exist=False`` since
    it may be about to create the first C source."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BuildError(f"cannot read {path}: {error}", 2) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BuildError(_toml_message(path, str(error), text)) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        line, column = _too_deep(text)
        raise BuildError(f"{path}:{line}:{column}: error: arrays or tables nested more than "
                         f"{MAX_NESTING} deep (TOML syntax); a manifest needs at most 2") \
            from None
    return _Reader(path, text, data, sources_must_exist).manifest()


MAX_NESTING = 100


def _too_deep(text: str) -> tuple[int, int]:
    """Where brackets and braces first nest more than ``MAX_NESTING`` deep (outside strings
    and comments, roughly as TOML reads them), as a 1-based line and column."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        quote = ""
        for column, char in enumerate(line, 1):
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > MAX_NESTING:
                    return number, column
            elif char in "]}":
                depth -= 1
    return 1, 1


def _toml_message(path: Path, message: str, text: str) -> str:
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        return (f"{path}:{match.group(1)}:{match.group(2)}: error: "
                f"{message[:match.start()]} (TOML syntax)")
    match = re.search(r"\s*\(at end of document\)$", message)
    if match:
        lines = text.splitlines() or [""]
        return (f"{path}:{len(lines)}:{len(lines[-1]) + 1}: error: {message[:match.start()]} "
                "at the end of the file (TOML syntax)")
    return f"{path}: error: {message} (TOML syntax)"


def _shown(value: str) -> str:
    """A manifest value quoted for a message, escapes visible, long ones cut."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + '..."'


class _Reader:
    def __init__(self, path: Path, text: str, data: dict[str, Any],
                 sources_must_exist: bool = True) -> None:
        self.path, self.lines, self.data = path, text.splitlines(), data
        self.root = path.parent
        self.sources_must_exist = sources_must_exist

    def where(self, section: str | None, key: str | None = None) -> str:
        """``flux.toml:LINE:COL`` of a key (or a section header) when it can be found."""
        current: str | None = None
        for number, line in enumerate(self.lines, 1):
            header = re.match(r"\s*\[\s*([A-Za-z0-9_.-]+)\s*\]", line)
            if header:
                current = header.group(1)
                if key is None and current == section:
                    return f"{self.path}:{number}:1"
                continue
            if key is not None and current == section:
                found = re.match(rf"\s*({re.escape(key)})\s*=", line)
                if found:
                    return f"{self.path}:{number}:{found.start(1) + 1}"
        return str(self.path)

    def fail(self, section: str | None, key: str | None, message: str) -> BuildError:
        return BuildError(f"{self.where(section, key)}: error: {message}")

    def table(self, section: str) -> dict[str, Any]:
        value = self.data.get(section, {})
        if not isinstance(value, dict):
            raise self.fail(None, section, f"`{section}` must be a table: [{section}]")
        for key in value:
            if key not in KEYS[section]:
                close = difflib.get_close_matches(key, KEYS[section], n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                raise self.fail(section, key, f"unknown key `{key}` in [{section}]{hint}; "
                                f"known keys: {', '.join(KEYS[section])}")
        return value

    def string(self, section: str, key: str, default: str | None = None) -> str | None:
        value = self.table(section).get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.fail(section, key, f"[{section}] {key} must be a string")
        if value is not None:
            self.no_nul(section, key, value)
        return value

    def strings(self, section: str, key: str) -> tuple[str, ...]:
        value = self.table(section).get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(section, key, f"[{section}] {key} must be a list of strings, "
                            f'e.g. {key} = ["…"]')
        for item in value:
            self.no_nul(section, key, item)
        return tuple(value)

    def no_nul(self, section: str, key: str, value: str) -> None:
        """No value may hold a NUL: it cannot be passed to a program or open a file."""
        if "\0" in value:
            raise self.fail(section, key, f"[{section}] {key}: {_shown(value)} contains a NUL "
                            "character")

    def plain(self, section: str, key: str | None, value: str, what: str) -> None:
        """A value written into generated C: no line breaks, control characters or quotes."""
        bad = next((c for c in value if unicodedata.category(c) == "Cc" or c in '"\\'), None)
        if bad is not None:
            shown = {"\n": "a line break", "\r": "a line break", '"': "a double quote",
                     "\\": "a backslash"}.get(bad, f"the control character U+{ord(bad):04X}")
            raise self.fail(section, key, f"[{section}] {key or 'flux'}: {_shown(value)} "
                            f"contains {shown}; {what}")

    def headers(self) -> tuple[str, ...]:
        headers = self.strings("program", "headers")
        what = 'a header is a file name such as "app.h" or <zlib.h>'
        for header in headers:
            self.plain("program", "headers", header, what)
            name = header[1:-1] if header.startswith("<") and header.endswith(">") else header
            if "<" in name or ">" in name or not name.endswith(".h") or name == ".h":
                raise self.fail("program", "headers", f"[program] headers: {_shown(header)} "
                                f"is not a header name; {what}")
        return headers

    def c_sources(self) -> tuple[Path, ...]:
        names = self.strings("program", "sources")
        for name in names:
            if not name.endswith(".c"):
                raise self.fail("program", "sources", f"[program] sources: {_shown(name)} is "
                                "not a C source file (a name ending in .c)")
        return tuple(self.file("program", "sources", s) if self.sources_must_exist
                     else self.root / s for s in names)

    def include_dirs(self) -> tuple[Path, ...]:
        names = self.strings("program", "include")
        for name in names:
            if (self.root / name).resolve() == Path("/").resolve():
                raise self.fail("program", "include", f"[program] include: {_shown(name)} "
                                "is the root directory, which would make every file on the "
                                "machine includable; name the directory of the headers")
        return tuple(self.file("program", "include", d, directory=True) for d in names)

    def file(self, section: str, key: str, name: str, directory: bool = False) -> Path:
        path = self.root / name
        ok = path.is_dir() if directory else path.is_file()
        if not ok:
            kind = "directory" if directory else "file"
            raise self.fail(section, key, f"[{section}] {key}: no such {kind} `{name}` "
                            f"(paths are relative to {self.root})")
        return path

    def flux_file(self) -> Path:
        name = self.string("program", "flux")
        if name is not None:
            if not name.endswith((".flux", ".fx")):
                raise self.fail("program", "flux", f"[program] flux: {_shown(name)} is not a "
                                "Flux program (a name ending in .flux or .fx)")
            self.plain("program", "flux", Path(name).name,
                       "the program's file name is written into the generated C")
            return self.file("program", "flux", name)
        found = sorted(self.root.glob("*.flux"))
        if len(found) != 1:
            what = "no .flux file" if not found else f"{len(found)} .flux files"
            raise self.fail("program", None, f"[program] flux is missing and the directory "
                            f"has {what}; name the program: flux = \"NAME.flux\"")
        self.plain("program", None, found[0].name,
                   "the program's file name is written into the generated C")
        return found[0]

    def manifest(self) -> Manifest:
        for section in self.data:
            if section not in KEYS:
                close = difflib.get_close_matches(section, KEYS, n=1)
                hint = f" (did you mean [{close[0]}]?)" if close else ""
                raise self.fail(section, None, f"unknown section [{section}]{hint}; known "
                                "sections: [program], [run]")
        flux = self.flux_file()
        name = self.string("program", "name", flux.stem) or flux.stem
        if not _NAME.fullmatch(name):
            raise self.fail("program", "name", f"[program] name `{name}` is not a usable "
                            "file name")
        cc = self.string("program", "cc")
        if cc is not None:
            try:
                shlex.split(cc)
            except ValueError as error:
                raise self.fail("program", "cc", f"[program] cc: {_shown(cc)} is not a "
                                f"command line ({str(error).lower()})") from None
        runtime = self.string("run", "runtime", "event") or "event"
        if runtime not in RUNTIMES:
            raise self.fail("run", "runtime", f"[run] runtime must be one of "
                            f"{', '.join(RUNTIMES)}, not `{runtime}`")
        threads = self.table("run").get("threads", 0)
        if not valid_threads(threads):
            raise self.fail("run", "threads", "[run] threads must be a whole number from 0 "
                            f"(one per core) to {MAX_THREADS}")
        return Manifest(
            path=self.path, root=self.root, name=name, flux=flux,
            sources=self.c_sources(),
            include=self.include_dirs(),
            headers=self.headers(),
            cflags=self.strings("program", "cflags"),
            ldflags=self.strings("program", "ldflags"),
            libs=self.strings("program", "libs"),
            cc=cc,
            runtime=runtime, threads=threads, args=self.strings("run", "args"))
