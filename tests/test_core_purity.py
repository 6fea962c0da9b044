"""The core is pure (ARCHITECTURE.md, "The core is pure"): ``syntax``, ``model``, ``ctypes``,
``checks``, ``semantics``, ``analysis``, ``graph``, ``fmt``, ``render``, ``ide`` and the C
interface derivation do no IO and import neither argparse/subprocess nor pygls.

Two independent holds: importing every core module in a fresh interpreter loads none of the
forbidden modules (what an import at module level would pull in), and a scan of the core's
source finds no forbidden import anywhere (also inside functions, which the first cannot see)
and no call that does IO (``open``, ``print``, ``Path.read_text``, ``sys.stdout``, …).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "flux_ls"
CORE_PACKAGES = ("syntax", "checks", "render", "ide")
CORE_MODULES = ("model", "ctypes", "semantics", "analysis", "graph", "graph_build",
                "graph_render", "fmt", "fmt_layout", "cinterface", "diagnostics", "codes",
                "text", "lru")
#: Modules that do IO, start processes or belong to the language server.
FORBIDDEN = frozenset({
    "argparse", "subprocess", "pygls", "lsprotocol", "socket", "shutil", "tempfile",
    "asyncio", "concurrent", "multiprocessing", "http", "select", "selectors", "sqlite3",
    "os", "pathlib", "io", "sys", "glob", "fcntl"})
IO_CALLS = frozenset({"open", "print", "input", "exec", "eval"})
IO_ATTRIBUTES = frozenset({"read_text", "write_text", "read_bytes", "write_bytes", "stdout",
                           "stderr", "stdin", "system", "popen", "unlink", "mkdir", "environ",
                           "getenv"})
#: (file, what) pairs that are allowed, each with its reason.
ALLOWED = {
    ("render/sarif.py", "import os"): "os.path.isabs and os.sep on path strings, no IO",
    ("ctypes.py", "attribute read_text"): "the lark grammar of C types, package data",
}


def core_files() -> list[Path]:
    files = [p for d in CORE_PACKAGES for p in sorted((PACKAGE / d).rglob("*.py"))]
    return files + [PACKAGE / f"{m}.py" for m in CORE_MODULES]


def core_module_names() -> list[str]:
    names = []
    for path in core_files():
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def violations(path: Path, where: str | None = None) -> list[str]:
    """What in ``path``'s source breaks purity: ``file:line: what`` (``where``: the file's
    name inside the package, for the allowed list)."""
    where = where or path.relative_to(PACKAGE).as_posix()
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        found = None
        if isinstance(node, ast.Import):
            bad = [a.name for a in node.names if a.name.split(".")[0] in FORBIDDEN]
            found = f"import {bad[0]}" if bad else None
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and \
                node.module.split(".")[0] in FORBIDDEN:
            found = f"import {node.module}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in IO_CALLS:
            found = f"call {node.func.id}"
        elif isinstance(node, ast.Attribute) and node.attr in IO_ATTRIBUTES:
            found = f"attribute {node.attr}"
        if found and (where, found) not in ALLOWED:
            out.append(f"{where}:{getattr(node, 'lineno', 0)}: {found}")
    return out


def test_the_core_list_names_every_core_file() -> None:
    assert all(p.is_file() for p in core_files())
    assert len(core_files()) > 40


def test_importing_the_core_loads_no_io_process_or_server_module() -> None:
    script = ("import importlib, json, sys\n"
              f"for name in {core_module_names()!r}:\n"
              "    importlib.import_module(name)\n"
              "print(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    # The interpreter itself starts with some of these (io, os, sys); what matters is what
    # the core adds, so compare with a bare interpreter.
    bare = subprocess.run([sys.executable, "-c",
                           "import json, sys; print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, check=True)
    added = loaded - set(json.loads(bare.stdout))
    bad = sorted(m for m in added if m.split(".")[0] in FORBIDDEN | {"_posixsubprocess"})
    assert not bad, f"importing the core loads {bad}"
    assert "flux_ls.lsp" not in added and "flux_ls.cli" not in added and \
        "flux_ls.build" not in added


def test_the_core_source_has_no_io() -> None:
    found = [v for path in core_files() for v in violations(path)]
    assert not found, "the core must stay pure:\n" + "\n".join(found)


def test_the_scan_finds_io(tmp_path: Path) -> None:
    """The scan itself works: a module that opens a file, starts a process or prints is
    caught (so the test above cannot pass by finding nothing)."""
    bad = tmp_path / "probe.py"
    bad.write_text("def f():\n    import subprocess\n    print(open('x').read())\n"
                   "    from pygls.server import LanguageServer\n", encoding="utf-8")
    assert sorted(v.split(": ")[1] for v in violations(bad, "ide/probe.py")) == [
        "call open", "call print", "import pygls.server", "import subprocess"]
