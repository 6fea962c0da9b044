"""The Python binding of tree-sitter-flux as users get it: ``pip install ./tree-sitter-flux``.

A real (non-editable) install of a copy into a temporary directory, compiled with the C
compiler, then a fresh interpreter with warnings turned into errors: ``language()`` is a
``tree_sitter.Language`` capsule and every query ships in the package and compiles.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tree-sitter-flux"
_OFFLINE = ("NewConnectionError", "Temporary failure in name resolution",
            "No matching distribution found for setuptools")

_CHECK = textwrap.dedent("""\
    import sys
    sys.path.insert(0, sys.argv[1])
    import tree_sitter, tree_sitter_flux
    assert tree_sitter_flux.__file__.startswith(sys.argv[1]), tree_sitter_flux.__file__
    capsule = tree_sitter_flux.language()
    assert type(capsule).__name__ == "PyCapsule", type(capsule)
    language = tree_sitter.Language(capsule)
    tree = tree_sitter.Parser(language).parse(b"A = B -> C;")
    assert str(tree.root_node).startswith("(source_file (flow_definition"), tree.root_node
    for name in ("HIGHLIGHTS_QUERY", "LOCALS_QUERY", "TAGS_QUERY", "FOLDS_QUERY",
                 "INDENTS_QUERY"):
        tree_sitter.Query(language, getattr(tree_sitter_flux, name))
    print("ok")
""")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("src") / "tree-sitter-flux"  # builds write into it
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "node_modules", "target", "*.so", "__pycache__"))
    target = tmp_path_factory.mktemp("site")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
             "--target", str(target), str(source)],
            capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("pip install ./tree-sitter-flux did not finish in 600 s")
    if result.returncode != 0 and any(marker in result.stderr for marker in _OFFLINE):
        pytest.skip("pip cannot reach the package index for the build requirements")
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def test_the_wheel_ships_the_compiled_grammar_and_the_queries(installed: Path) -> None:
    package = installed / "tree_sitter_flux"
    assert list(package.glob("_binding*.so")), sorted(p.name for p in package.iterdir())
    queries = {p.name for p in (package / "queries").glob("*.scm")}
    assert queries == {p.name for p in (PACKAGE / "queries").glob("*.scm")}
    assert (package / "py.typed").is_file() and (package / "__init__.pyi").is_file()


def test_the_installed_binding_loads_without_warnings(installed: Path) -> None:
    result = subprocess.run([sys.executable, "-W", "error", "-c", _CHECK, str(installed)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
