"""The diagnostics the server sends as JSON written directly (``convert.diagnostics_json``)
are exactly what lsprotocol reads them as and writes back (``convert.diagnostics``, what code
actions attach): no key it would drop, rename or retype, for every program of the test data
and the examples, in every position encoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pygls.protocol import default_converter

from flux_ls.analysis import analyze
from flux_ls.lsp import convert
from flux_ls.lsp.positions import ENCODINGS, Lines

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted([*(ROOT / "tests" / "data").rglob("*.flux"),
                   *(ROOT / "examples").rglob("*.flux")])


def test_there_are_programs_with_related_information_and_tags() -> None:
    found = [d for p in PROGRAMS for d in analyze(p.read_bytes(), str(p)).diagnostics]
    assert any(d.related for d in found) and any(d.code in convert.UNNECESSARY_CODES
                                                 for d in found)
    assert any(d.hint for d in found)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_json_equals_the_lsprotocol_conversion(encoding: str) -> None:
    converter = default_converter()
    for path in PROGRAMS:
        analysis = analyze(path.read_bytes(), str(path))
        lines = Lines(analysis.syntax.data, encoding)  # type: ignore[arg-type]
        uri = path.as_uri()
        expected = converter.unstructure(convert.diagnostics(uri, lines, analysis.diagnostics))
        written = convert.diagnostics_json(uri, lines, analysis.diagnostics)
        assert json.loads(written) == expected, path


def test_result_ids_are_content_hashes() -> None:
    assert convert.result_id("[]") == convert.result_id("[]")
    assert convert.result_id("[]") != convert.result_id('[{"message": "x"}]')
