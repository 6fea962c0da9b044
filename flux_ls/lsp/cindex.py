"""The C functions a Flux project defines, for "go to implementation" and hover.

``CIndexes.project(program)`` reads the ``flux.toml`` beside a Flux program
(``flux_ls.build.manifest``), parses every C file of its ``sources`` with the tree-sitter C
grammar (the ``tree-sitter-c`` wheel) and returns a ``flux_ls.ide.implementation.CIndex``:
the name of every function *definition* (not prototypes), through pointer declarators and
preprocessor conditionals. This is IO: call it off the event loop (the features call it from
their executor job). Manifests and C files are cached by (mtime, size), so an unchanged file
is not read again; only regular files of at most ``MAX_C_BYTES`` are read, anything else is
reported as a problem in the index instead.
"""

from __future__ import annotations

import os
import stat
import threading
from functools import cache
from pathlib import Path

import tree_sitter
import tree_sitter_c

from ..build.errors import BuildError
from ..build.manifest import MANIFEST, Manifest, load
from ..ide.implementation import CDefinition, CIndex

MAX_C_BYTES = 4 * 1024 * 1024
#: Nodes whose children may hold top-level definitions.
_CONTAINERS = frozenset({"translation_unit", "preproc_if", "preproc_ifdef", "preproc_else",
                         "preproc_elif", "preproc_elifdef", "linkage_specification",
                         "declaration_list"})
Key = tuple[int, int]  # (mtime_ns, size)


@cache
def _language() -> tree_sitter.Language:
    return tree_sitter.Language(tree_sitter_c.language())


def _declarator_name(node: tree_sitter.Node | None) -> tree_sitter.Node | None:
    """The identifier a function definition's declarator declares (``f`` of ``int *f(…)``)."""
    while node is not None:
        if node.type == "identifier":
            return node
        if node.type == "function_declarator" or node.type.endswith("_declarator"):
            node = node.child_by_field_name("declarator")
        else:
            return None
    return None


def parse_c(data: bytes, path: str, shown: str) -> dict[str, list[CDefinition]]:
    """Every function defined at the top level of C source ``data`` (by name)."""
    tree = tree_sitter.Parser(_language()).parse(data)
    found: dict[str, list[CDefinition]] = {}
    todo = [tree.root_node]
    while todo:
        node = todo.pop()
        for child in node.named_children:
            if child.type in _CONTAINERS:
                todo.append(child)
            elif child.type == "function_definition":
                name = _declarator_name(child.child_by_field_name("declarator"))
                if name is None or name.text is None:
                    continue
                row, column = name.start_point
                line_start = name.start_byte - column
                prefix = data[line_start:name.start_byte].decode("utf-8", "replace")
                found.setdefault(name.text.decode("utf-8", "replace"), []).append(
                    CDefinition(name.text.decode("utf-8", "replace"), path, shown, row, prefix))
    for defs in found.values():
        defs.sort(key=lambda d: d.line)
    return found


def _key(path: Path) -> Key | str:
    """(mtime, size) of a regular file, or why it is not read."""
    try:
        st = os.stat(path)
    except OSError as error:
        return f"cannot read {path.name}: {error.strerror or error}"
    if not stat.S_ISREG(st.st_mode):
        return f"{path.name} is not a regular file"
    if st.st_size > MAX_C_BYTES:
        return f"{path.name} is larger than {MAX_C_BYTES // (1024 * 1024)} MiB, not read"
    return (st.st_mtime_ns, st.st_size)


def _shown(path: Path, root: Path) -> str:
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return str(path)


class CIndexes:
    """Cached manifests and parsed C files; safe to use from several executor threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._manifests: dict[Path, tuple[Key, Manifest | str]] = {}
        self._files: dict[tuple[Path, str], tuple[Key, dict[str, list[CDefinition]]]] = {}

    def project(self, program: Path) -> CIndex | str:
        """The C index of the project whose program is ``program``, or why there is none."""
        manifest = self._manifest(program.parent / MANIFEST)
        if isinstance(manifest, str):
            return manifest
        if manifest.flux.resolve() != program.resolve():
            return f"{MANIFEST} beside it builds {manifest.flux.name}, not {program.name}"
        definitions: dict[str, list[CDefinition]] = {}
        problems: list[str] = []
        shown = [_shown(source, manifest.root) for source in manifest.sources]
        for source, name in zip(manifest.sources, shown, strict=True):
            found = self._c_file(source, name)
            if isinstance(found, str):
                problems.append(found)
                continue
            for function, defs in found.items():
                definitions.setdefault(function, []).extend(defs)
        return CIndex(definitions, shown, problems)

    def _manifest(self, path: Path) -> Manifest | str:
        key = _key(path)
        if isinstance(key, str):
            return f"no readable {MANIFEST} beside the program" if not path.exists() else key
        with self._lock:
            cached = self._manifests.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            result: Manifest | str = load(path, sources_must_exist=False)
        except BuildError as error:
            result = str(error).splitlines()[0]
        with self._lock:
            self._manifests[path] = (key, result)
        return result

    def _c_file(self, path: Path, shown: str) -> dict[str, list[CDefinition]] | str:
        key = _key(path)
        if isinstance(key, str):
            return key
        with self._lock:
            cached = self._files.get((path, shown))
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            data = path.read_bytes()
        except OSError as error:
            return f"cannot read {shown}: {error.strerror or error}"
        found = parse_c(data[:MAX_C_BYTES], str(path), shown)
        with self._lock:
            self._files[(path, shown)] = (key, found)
        return found
