"""``build_project``: from a manifest to a server executable.

1. Load ``flux.toml`` and analyse the program; error diagnostics stop the build (printed
   as ``flux check`` prints them), warnings are shown.
2. Generate ``flux_nodes.h`` and ``flux_program.c`` into the build directory
   ``<project>/.flux-build/<runtime>[-<sanitizers>][-debug]/`` (rewritten only when their
   text changes).
3. Compile the runtime (package data, all three runtimes in every binary), the generated
   driver and the user's C sources, in parallel, each only if its command or the content of
   a file it was made from changed (``cache``); link likewise.
4. Compiler and linker errors about the C interface are reworded (``messages``).

The executable is ``<build dir>/<name>`` unless ``output`` says otherwise.
"""

from __future__ import annotations

import fcntl
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..analysis import Analysis, analyze
from ..cinterface import Interface, InterfaceError, build_interface
from ..graph import build as build_graph
from .cache import Cache, read_deps
from .errors import BuildError
from .gen_header import render_header
from .gen_program import render_program
from .manifest import RUNTIMES, Manifest, load_target
from .messages import explain_unknown_types, reword_compile, reword_link, unknown_types
from .plan import make_plan
from .stubs import defined_functions

RUNTIME_DIR = Path(__file__).resolve().parent.parent / "runtime"
BUILD_DIR = ".flux-build"
SANITIZERS = {"address": "asan", "undefined": "ubsan", "thread": "tsan"}
BASE_FLAGS = ("-std=c11", "-Wall", "-Wextra", "-pthread")

Log = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    target: str | None = None          # a project directory, its flux.toml or its program
    runtime: str | None = None         # default runtime of the executable
    threads: int | None = None         # default thread count (0: one per core)
    cc: str | None = None
    sanitize: tuple[str, ...] = ()     # address, undefined, thread
    output: str | None = None
    debug: bool = False
    extra_cflags: tuple[str, ...] = () # for every unit (tests add -Werror)


@dataclass(frozen=True)
class BuildResult:
    binary: Path
    build_dir: Path
    rebuilt: bool
    manifest: Manifest


@dataclass(frozen=True)
class Unit:
    source: Path
    object: Path
    label: str


def build_project(options: BuildOptions, log: Log | None = None,
                  warn: Log | None = None) -> BuildResult:
    """Build; ``log`` receives progress, ``warn`` warnings (the checker's, the compiler's
    and the build's own; default: ``log``), so that quiet progress keeps the warnings."""
    manifest = load_target(options.target)
    return _Builder(manifest, options, log or _silent, warn or log or _silent).run()


def _silent(_text: str) -> None:
    pass


def sanitizers(names: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        for part in name.split(","):
            part = part.strip()
            if not part:
                continue
            if part not in SANITIZERS:
                raise BuildError(f"unknown sanitizer `{part}` (choose from "
                                 f"{', '.join(SANITIZERS)})", 2)
            if part not in out:
                out.append(part)
    if "thread" in out and len(out) > 1 and "address" in out:
        raise BuildError("the thread sanitizer cannot be combined with the address sanitizer",
                         2)
    return tuple(out)


def variant(runtime: str, sanitize: tuple[str, ...], debug: bool) -> str:
    name = runtime + "".join(f"-{SANITIZERS[s]}" for s in sanitize)
    return name + ("-debug" if debug else "")


def render_diagnostics(analysis: Analysis) -> str:
    from ..render.report import FileReport, summary
    from ..render.text import render_text

    reports = [FileReport.of(analysis)]
    return render_text(reports).rstrip("\n") + "\n" + summary(reports)


class _Builder:
    def __init__(self, manifest: Manifest, options: BuildOptions, log: Log, warn: Log) -> None:
        self.manifest, self.options, self.log, self.warn = manifest, options, log, warn
        self.runtime = options.runtime or manifest.runtime
        if self.runtime not in RUNTIMES:
            raise BuildError(f"unknown runtime `{self.runtime}` (choose from "
                             f"{', '.join(RUNTIMES)})", 2)
        self.sanitize = sanitizers(options.sanitize)
        self.dir = manifest.root / BUILD_DIR / variant(self.runtime, self.sanitize,
                                                       options.debug)
        self.rebuilt = False

    # -- steps ---------------------------------------------------------------------------

    def run(self) -> BuildResult:
        analysis = self.analyse()
        try:
            interface = build_interface(analysis)
        except InterfaceError as error:
            raise BuildError(str(error)) from None
        self.make_dir()
        with open(self.dir / "flux-build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one build of a directory at a time
            return self.locked_run(analysis, interface)

    def make_dir(self) -> None:
        """The build directory (and its ``.gitignore``); a file in the way is an error that
        names it, not a traceback."""
        for path in (self.dir.parent, self.dir):
            if path.exists() and not path.is_dir():
                raise BuildError(f"{path}: error: exists and is not a directory, so the build "
                                 "cannot write there; remove or rename it", 2)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            ignore = self.dir.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
        except OSError as error:
            raise BuildError(f"{error.filename or self.dir}: error: cannot create the build "
                             f"directory: {error.strerror or error}", 2) from None

    def locked_run(self, analysis: Analysis, interface: Interface) -> BuildResult:
        self.generate(analysis, interface)
        self.warn_missing_include(interface)
        cc = self.compiler()
        cache = Cache.open(self.dir)
        try:
            objects = self.compile_all(cc, cache, interface)
            binary = self.link(cc, cache, objects, interface)
        finally:
            cache.save()
        return BuildResult(binary, self.dir, self.rebuilt, self.manifest)

    def analyse(self) -> Analysis:
        path = self.manifest.flux
        try:
            data = path.read_bytes()
        except OSError as error:
            raise BuildError(f"cannot read {path}: {error.strerror}", 2) from None
        analysis = analyze(data, str(path))
        if analysis.errors:
            raise BuildError(render_diagnostics(analysis) + "\nflux: not building "
                             f"{self.manifest.name}: the program has errors")
        if analysis.diagnostics:
            self.warn(render_diagnostics(analysis))
        return analysis

    def generate(self, analysis: Analysis, interface: Interface) -> None:
        plan = make_plan(build_graph(analysis), analysis.program)
        threads = self.options.threads if self.options.threads is not None else \
            self.manifest.threads
        source_name = self.manifest.flux.name
        self.write("flux_nodes.h", render_header(interface, source_name,
                                                 self.manifest.headers))
        self.write("flux_program.c", render_program(
            analysis.semantics, interface, plan, name=self.manifest.name,
            source_file=source_name, runtime=self.runtime, threads=threads))

    def write(self, name: str, text: str) -> None:
        path = self.dir / name
        try:
            if path.read_text(encoding="utf-8") == text:
                return
        except OSError:
            pass
        path.write_text(text, encoding="utf-8")

    def warn_missing_include(self, interface: Interface) -> None:
        for source in self.manifest.sources:
            try:
                text = source.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if re.search(r'#\s*include\s*[<"]flux_nodes\.h[">]', text):
                continue
            ours = [n for n in defined_functions(text) if interface.prototype(n) is not None]
            if ours:
                self.warn(f"{source}: warning: defines {', '.join(ours)} but does not "
                          '#include "flux_nodes.h", so their prototypes are not checked')

    # -- the compiler --------------------------------------------------------------------

    def compiler(self) -> list[str]:
        spec = self.options.cc or os.environ.get("CC") or self.manifest.cc or "cc"
        try:
            cc = shlex.split(spec)
        except ValueError as error:  # the manifest's cc was checked; --cc and $CC were not
            raise BuildError(f"the C compiler `{spec}` is not a command line "
                             f"({str(error).lower()})", 2) from None
        if not cc or shutil.which(cc[0]) is None:
            raise BuildError(f"C compiler `{spec}` not found (set CC, `cc` in {self.manifest.path}"
                             ", or --cc; on Debian: apt install gcc)", 2)
        try:
            version = subprocess.run([*cc, "--version"], capture_output=True, text=True,
                                     check=False).stdout.splitlines()[:1]
        except OSError as error:
            raise BuildError(f"cannot run the C compiler `{spec}`: {error}", 2) from None
        self.cc_version = version[0] if version else spec
        return cc

    def flags(self) -> list[str]:
        flags = list(BASE_FLAGS)
        if self.options.debug:
            flags += ["-O0", "-g"]
        elif self.sanitize:
            flags += ["-O1", "-g"]
        else:
            flags += ["-O2"]
        flags += self.sanitizer_flags()
        flags += ["-I", str(self.dir)]
        for include in self.manifest.include:
            flags += ["-I", str(include)]
        flags += ["-I", str(self.manifest.root), "-I", str(RUNTIME_DIR)]
        return flags + list(self.manifest.cflags) + list(self.options.extra_cflags)

    def sanitizer_flags(self) -> list[str]:
        if not self.sanitize:
            return []
        flags = [f"-fsanitize={','.join(self.sanitize)}", "-fno-omit-frame-pointer"]
        if "undefined" in self.sanitize:
            flags.append("-fno-sanitize-recover=undefined")
        return flags

    def units(self) -> list[Unit]:
        objects = self.dir / "obj"
        units = [Unit(src, objects / f"rt-{src.stem}.o", f"runtime/{src.name}")
                 for src in sorted(RUNTIME_DIR.glob("*.c"))]
        units.append(Unit(self.dir / "flux_program.c", objects / "flux_program.o",
                          "flux_program.c (generated)"))
        units += [Unit(src, objects / f"src{i}-{src.stem}.o", str(src))
                  for i, src in enumerate(self.manifest.sources)]
        return units

    def compile_all(self, cc: list[str], cache: Cache, interface: Interface) -> list[Path]:
        (self.dir / "obj").mkdir(exist_ok=True)
        flags = self.flags()
        jobs = []
        for unit in self.units():
            command = [*cc, *flags, "-c", str(unit.source), "-o", str(unit.object)]
            if not cache.fresh(unit.object, [*command, self.cc_version]):
                jobs.append((unit, command))
        if jobs:
            self.rebuilt = True
            self.log(f"flux: compiling {len(jobs)} file{'s' if len(jobs) > 1 else ''} "
                     f"for {self.manifest.name} ({self.dir.name})")
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                results = list(pool.map(lambda job: self.compile(cc, job), jobs))
            failures: list[str] = []
            for (unit, command), (ok, output) in zip(jobs, results, strict=True):
                if ok:
                    deps = read_deps(unit.object.with_suffix(".d")) or [str(unit.source)]
                    cache.store(unit.object, [*command, self.cc_version], deps)
                else:
                    cache.forget(unit.object)
                if output.strip():
                    text = reword_compile(output.rstrip(), interface)
                    (self.warn if ok else failures.append)(text)
            if failures:
                failures = explain_unknown_types(
                    failures, interface, self.manifest.headers,
                    self.declaring(unknown_types(failures, interface)),
                    str(self.manifest.path))
                raise BuildError("\n".join(failures) + f"\nflux: compiling "
                                 f"{self.manifest.name} failed")
        return [unit.object for unit in self.units()]

    def declaring(self, types: list[str]) -> dict[str, list[str]]:
        """The project's headers (beside the manifest, in its include directories) that
        declare each type, named as ``headers`` would name them."""
        found: dict[str, list[str]] = {}
        if not types:
            return found
        words = {t: _declaration_of(t) for t in types}
        for folder in dict.fromkeys([self.manifest.root, *self.manifest.include]):
            for header in sorted(folder.glob("*.h")):
                try:
                    text = header.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                for ctype, word in words.items():
                    if word.search(text) and header.name not in found.get(ctype, []):
                        found.setdefault(ctype, []).append(header.name)
        return found

    def compile(self, cc: list[str], job: tuple[Unit, list[str]]) -> tuple[bool, str]:
        unit, command = job
        self.log(f"  cc {unit.label}")
        dep = unit.object.with_suffix(".d")
        done = subprocess.run([*command, "-MMD", "-MF", str(dep)], capture_output=True,
                              text=True, env=_c_locale(), check=False)
        return done.returncode == 0, done.stderr + done.stdout

    def link(self, cc: list[str], cache: Cache, objects: list[Path],
             interface: Interface) -> Path:
        output = Path(self.options.output) if self.options.output else \
            self.dir / self.manifest.name
        command = [*cc, *(str(o) for o in objects), "-pthread", *self.sanitizer_flags(),
                   *(["-g"] if self.options.debug or self.sanitize else []),
                   *self.manifest.ldflags, *self.manifest.libs, "-o", str(output)]
        if cache.fresh(output, [*command, self.cc_version]):
            if not self.rebuilt:
                self.log(f"flux: {self.manifest.name} is up to date ({output})")
            return output
        self.rebuilt = True
        self.log(f"flux: linking {output}")
        output.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(command, capture_output=True, text=True, env=_c_locale(),
                              check=False)
        if done.returncode != 0:
            cache.forget(output)
            sources = ", ".join(str(s) for s in self.manifest.sources) or "none listed"
            text = reword_link((done.stderr + done.stdout).rstrip(), interface, sources)
            raise BuildError(text + f"\nflux: linking {self.manifest.name} failed")
        cache.store(output, [*command, self.cc_version], [str(o) for o in objects])
        return output


def _declaration_of(ctype: str) -> re.Pattern[str]:
    """Where a header declares a type name (``typedef … T;``, ``} T;``, ``struct T {``) or
    defines ``struct x`` (``struct x {``)."""
    if " " in ctype:  # struct x, union x, enum x
        kind, name = ctype.split()
        return re.compile(rf"\b{kind}\s+{name}\s*\{{")
    return re.compile(rf"typedef\b[^;]*\b{ctype}\s*;|\}}\s*{ctype}\s*;"
                      rf"|\b(?:struct|union|enum)\s+{ctype}\s*\{{")


def _c_locale() -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C"  # plain quotes in messages, so they can be reworded
    return env
