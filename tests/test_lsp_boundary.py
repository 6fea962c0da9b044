"""ARCHITECTURE.md's invariant "Only ``lsp/`` knows LSP", held by reading the source: pygls and
lsprotocol are imported only in ``flux_ls/lsp/``, and inside it LSP positions and ranges are
built only in ``lsp/convert.py``."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "flux_ls"
LSP = PACKAGE / "lsp"
PROTOCOL = ("pygls", "lsprotocol")


@cache
def modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
            for path in sorted(PACKAGE.rglob("*.py"))]


def imported(tree: ast.Module) -> set[str]:
    """Every module an import statement anywhere in ``tree`` names (inside functions too)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_only_the_language_server_imports_the_protocol_libraries() -> None:
    found = modules()
    assert len(found) > 40
    outside = [f"{path.relative_to(PACKAGE)}: {name}" for path, tree in found
               if LSP not in path.parents
               for name in imported(tree) if name.split(".")[0] in PROTOCOL]
    assert not outside, f"LSP libraries imported outside flux_ls/lsp: {outside}"


def test_positions_and_ranges_are_built_only_in_convert() -> None:
    built = []
    for path, tree in modules():
        if LSP not in path.parents or path.name == "convert.py":
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("Position", "Range")):
                built.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not built, f"LSP positions built outside lsp/convert.py: {built}"
