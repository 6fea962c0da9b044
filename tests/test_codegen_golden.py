"""Golden files of the generated C: ``flux_nodes.h`` and ``flux_program.c`` of the image
server (the paper's example: dispatch on a predicate type, an error handler, reader and
writer constraints), generated exactly as ``flux build`` generates them, compared byte for
byte with ``tests/golden/expected/codegen/imageserver/``. A change to code generation shows
up as a diff of these files to review; refresh them with
``FLUX_UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_codegen_golden.py`` (CONTRIBUTING.md,
"Refresh goldens") and read ``git diff`` before committing."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_support import assert_golden

from flux_ls.analysis import analyze
from flux_ls.build.gen_header import render_header
from flux_ls.build.gen_program import render_program
from flux_ls.build.manifest import load
from flux_ls.build.plan import make_plan
from flux_ls.cinterface import build_interface
from flux_ls.graph import build as build_graph

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "golden" / "expected" / "codegen"


def generated(project: Path) -> dict[str, str]:
    """The two generated files of ``project`` with its manifest's settings (``_Builder.
    generate`` in ``build/project.py``, without writing them)."""
    manifest = load(project / "flux.toml", sources_must_exist=False)
    # The path as the build reads it, relative so the golden does not name this machine.
    analysis = analyze(manifest.flux.read_bytes(), manifest.flux.name)
    interface = build_interface(analysis)
    plan = make_plan(build_graph(analysis), analysis.program)
    return {
        "flux_nodes.h": render_header(interface, manifest.flux.name, manifest.headers),
        "flux_program.c": render_program(
            analysis.semantics, interface, plan, name=manifest.name,
            source_file=manifest.flux.name, runtime=manifest.runtime,
            threads=manifest.threads),
    }


@pytest.mark.parametrize("name", ["flux_nodes.h", "flux_program.c"])
def test_generated_c_of_the_image_server(name: str) -> None:
    files = generated(ROOT / "examples" / "imageserver")
    assert_golden(EXPECTED / "imageserver" / name, files[name])


def test_constraints_are_spelt_in_flux_syntax_everywhere() -> None:
    """One spelling of a constraint (``semantics.constraint_text``): the checked model, the
    hover, the program graph and the comments of the generated C all write a session-scoped
    reader as Flux does, ``p?(session)``."""
    from flux_ls.graph_render import render_dot, render_mermaid
    from flux_ls.ide.hover import hover

    text = ("Src () => (int v);\nTag (int v) => ();\nsource Src {session: Who} => Tag;\n"
            "atomic Tag:{p?(session), q};\n")
    analysis = analyze(text, "t.flux")
    assert not analysis.errors
    info = analysis.semantics.nodes["Tag"]
    assert [str(c) for c in info.effective] == ["p?(session)", "q"]
    graph = build_graph(analysis)
    assert "{p?(session), q}" in render_dot(graph) and "{p?(session), q}" in render_mermaid(
        graph)
    program = render_program(analysis.semantics, build_interface(analysis),
                             make_plan(graph, analysis.program), name="t", source_file="t.flux",
                             runtime="pool", threads=0)
    assert "/* p?(session), q */" in program
    found = hover(analysis, text.index("Tag (int"))
    assert found is not None and "`p` reader, session scope" in found.markdown


def test_the_star_against_the_name_rule_is_written_once() -> None:
    """``ctypes.space_after`` is the only place that decides the space after a star; the C
    interface, hovers, signatures, signature help, quick fixes and the formatter call it."""
    import re

    package = ROOT / "flux_ls"
    rule = re.compile(r"""endswith\(\s*["']\*["']\s*\)|(?:==|!=)\s*["']\*["']\s*else""")
    found = [str(p.relative_to(package)) for p in sorted(package.rglob("*.py"))
             for line in p.read_text(encoding="utf-8").splitlines() if rule.search(line)]
    assert found == ["ctypes.py"], found
