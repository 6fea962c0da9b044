"""Inlay hints (``flux_ls.ide.inlay_hints``): types on arrows, effective constraints."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from ide_support import FILES

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide.inlay_hints import InlayHint, InlayHintKind, inlay_hints

TEXT = """\
Listen () => (int fd);
Read (int fd) => (int fd, char* path);
Done (int fd, char *path) => ();
source Listen => Serve;
Serve = Read -> Inner;
Inner = Done;
"""

#: The paper's elevation example (docs/language.md#elevation), with a signature for C.
PAPER = """\
S () => ();
B () => ();
D () => ();
source S => Top;
Top = A -> C;
A = B;
C = D;
atomic A:{x};
atomic B:{y};
atomic C:{y};
atomic D:{x};
"""


def shown(analysis: Analysis, hints: list[InlayHint]) -> list[tuple[str, str]]:
    """(the word after each hint, its label)."""
    out = []
    for h in hints:
        rest = analysis.data[h.offset:].split(maxsplit=1)
        out.append((rest[0].decode() if rest else "", h.label))
    return out


def test_types_flow_on_each_arrow_and_into_each_source_target() -> None:
    analysis = analyze(TEXT)
    hints = [h for h in inlay_hints(analysis) if h.kind is InlayHintKind.TYPE]
    assert shown(analysis, hints) == [("Serve;", "(int fd)"),
                                      ("Inner;", "(int fd, char *path)")]
    assert all(h.padding_right and not h.padding_left for h in hints)
    assert hints[1].tooltip == "`Read` outputs `(int fd, char *path)`; `Inner` takes " \
                               "`(int, char *)`"


def test_inferred_outputs_are_shown_as_canonical_types() -> None:
    analysis = analyze(TEXT + "Outer = Serve2 -> Done;\nServe2 = Read;\n")
    hint = next(h for h in inlay_hints(analysis)
                if analysis.data.startswith(b"Done;", h.offset))
    assert hint.label == "(int, char *)"


def test_long_tuples_are_shortened() -> None:
    params = ", ".join(f"int field_{i}" for i in range(12))
    text = f"A () => ({params});\nB ({params}) => ();\nF = A -> B;\n"
    analysis = analyze(text)
    hint = inlay_hints(analysis, max_length=40)[0]
    assert len(hint.label) == 40 and hint.label.endswith("…)")
    assert hint.tooltip is not None and "field_11" in hint.tooltip


def test_only_hints_in_the_requested_range() -> None:
    analysis = analyze(TEXT)
    start = analysis.data.index(b"Serve =")
    end = analysis.data.index(b"Inner =")
    assert shown(analysis, inlay_hints(analysis, start, end)) == [
        ("Inner;", "(int fd, char *path)")]
    assert inlay_hints(analysis, 0, start - 1)[0].label == "(int fd)"
    assert inlay_hints(analysis, len(analysis.data), len(analysis.data)) == []


def test_elevated_constraints_after_the_atomic_declaration() -> None:
    analysis = analyze(PAPER)
    hints = [h for h in inlay_hints(analysis) if h.kind is InlayHintKind.CONSTRAINT]
    assert len(hints) == 1
    hint = hints[0]
    assert hint.label == "effective {x, y}" and hint.padding_left
    assert analysis.data[:hint.offset].endswith(b"atomic C:{y};")
    assert hint.tooltip is not None and "`D` needs it while `C` holds `y`" in hint.tooltip


def test_without_an_atomic_declaration_the_hint_follows_the_node_name() -> None:
    # C2 holds y around C, which has no atomic declaration: x is elevated to C, then on to
    # C2 (C takes x inside C2, which holds y).
    text = PAPER.replace("Top = A -> C;", "Top = A -> C2;")
    text = text.replace("C = D;", "C = D;\nC2 = C;")
    text = text.replace("atomic C:{y};", "atomic C2:{y};")
    analysis = analyze(text)
    hints = [h for h in inlay_hints(analysis) if h.kind is InlayHintKind.CONSTRAINT]
    assert [(analysis.data[:h.offset].rsplit(b"\n", 1)[-1], h.label) for h in hints] == [
        (b"C", "effective {x}"), (b"atomic C2:{y};", "effective {x, y}")]


def test_reader_upgraded_to_writer() -> None:
    text = ("S () => ();\nW () => ();\nsource S => Outer;\nOuter = W;\n"
            "atomic Outer:{c?};\natomic W:{c};\n")
    analysis = analyze(text)
    hint = next(h for h in inlay_hints(analysis) if h.kind is InlayHintKind.CONSTRAINT)
    assert hint.label == "effective {c}"
    assert hint.tooltip == "`c` upgraded to a writer: `W` inside writes it"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FILES), st.floats(0, 1), st.floats(0, 1),
       st.text(alphabet="A_b ->=:[](){},;?!*/é\n", max_size=12), st.floats(-0.1, 1.1),
       st.floats(-0.1, 1.1))
def test_any_range_of_broken_text(path: Path, a: float, b: float, insert: str, c: float,
                                  d: float) -> None:
    data = path.read_bytes()
    lo, hi = sorted((int(a * len(data)), int(b * len(data))))
    analysis = analyze(data[:lo] + insert.encode() + data[hi:])
    start, end = sorted((int(c * len(analysis.data)), int(d * len(analysis.data))))
    hints = inlay_hints(analysis, start, end)
    assert all(start <= h.offset <= end for h in hints)
    assert [h.offset for h in hints] == sorted(h.offset for h in hints)
