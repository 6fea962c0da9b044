"""Checks beyond the expectation files: messages, related locations, the effective
constraint sets in the model, and the absence of cascades."""

from __future__ import annotations

from flux_ls.analysis import Analysis, analyze

PAPER = """\
Listen () => (int v);
Sink (int v) => ();
B (int v) => (int v);
D (int v) => (int v);
source Listen => Serve;
Serve = Pick -> Sink;
typedef odd IsOdd;
Pick:[odd] = A;
Pick:[_] = C;
A = B; C = D; atomic A:{x}; atomic B:{y}; atomic C:{y}; atomic D:{x};
"""


def at(analysis: Analysis, offset: int) -> tuple[int, int]:
    line, column = analysis.lines.position(offset)
    return line + 1, column + 1


def effective(analysis: Analysis, node: str) -> list[str]:
    info = analysis.semantics.node(node)
    assert info is not None
    return [str(c) for c in info.effective]


def test_paper_elevation_is_in_the_model() -> None:
    analysis = analyze(PAPER, "paper.flux")
    assert effective(analysis, "C") == ["x", "y"]
    assert effective(analysis, "A") == ["x"]
    assert effective(analysis, "B") == ["y"]
    assert effective(analysis, "D") == ["x"]
    info = analysis.semantics.node("C")
    assert info is not None
    x = info.effective[0]
    assert not x.declared and x.elevation is not None
    assert (x.elevation.from_node, x.elevation.held, x.elevation.held_by) == ("D", "y", "C")
    assert [c.name for c in info.elevated] == ["x"]


def test_flx603_related_locations_point_at_the_constraints() -> None:
    analysis = analyze(PAPER, "paper.flux")
    (warning,) = analysis.diagnostics
    assert warning.code == "FLX603" and warning.severity == "warning"
    text = PAPER.encode()
    assert text[warning.span.start:warning.span.end] == b"D"   # `C = D`: D entered in C
    related = {r.message: text[r.span.start:r.span.end] for r in warning.related}
    assert related["`D` needs `x` here"] == b"x"
    assert related["`y` is held by `C`"] == b"y"
    assert related["`C` is entered here"] == b"C"
    assert sorted(at(analysis, r.span.start)[0] for r in warning.related) == [9, 10, 10]


def test_flx201_shows_both_tuples_in_canonical_form_and_both_signatures() -> None:
    text = ("Listen () => (int s);\nA (int s) => (unsigned long int n, char const *p);\n"
            "B (int s) => ();\nT = A -> B;\nsource Listen => T;\n")
    analysis = analyze(text)
    (diag,) = analysis.diagnostics
    assert diag.code == "FLX201"
    assert "(unsigned long, const char *)" in diag.message and "(int)" in diag.message
    lines = sorted(at(analysis, r.span.start)[0] for r in diag.related)
    assert lines == [2, 3]


def test_undefined_node_gives_one_diagnostic_not_a_cascade() -> None:
    text = ("Listen () => (int s);\nClose (int s) => ();\n"
            "T = Parse -> Close;\nsource Listen => T;\n")
    codes = [d.code for d in analyze(text).diagnostics]
    assert codes == ["FLX101"]


def test_broken_signature_keeps_its_name_declared() -> None:
    text = ("Listen () => (int s);\nClose (int s => ();\n"
            "T = Close;\nsource Listen => T;\n")
    codes = [d.code for d in analyze(text).diagnostics]
    assert codes.count("FLX001") == 1
    assert "FLX101" not in codes and "FLX201" not in codes and "FLX105" not in codes


def test_malformed_type_does_not_cascade_into_mismatches() -> None:
    text = ("Listen () => (long char c);\nUse (int c) => ();\nsource Listen => Use;\n")
    codes = [d.code for d in analyze(text).diagnostics]
    assert codes == ["FLX211"]


def test_inferred_signature_of_abstract_node() -> None:
    text = ("Listen () => (int s);\nRead (int s) => (int s, char *line);\n"
            "Reply (int s, char *line) => ();\nServe = Read -> Reply;\nsource Listen => Serve;\n")
    analysis = analyze(text)
    info = analysis.semantics.node("Serve")
    assert info is not None and info.inferred and info.kind == "abstract"
    assert info.inputs == ("int",) and info.outputs == ()
    assert analysis.diagnostics == ()


def test_reader_upgrade_changes_the_effective_mode() -> None:
    text = ("Listen () => (int v);\nUpdate (int v) => ();\nsource Listen => Serve;\n"
            "Serve = Update;\natomic Serve:{cache?};\natomic Update:{cache};\n")
    analysis = analyze(text)
    info = analysis.semantics.node("Serve")
    assert info is not None
    (cache,) = info.effective
    assert cache.mode == "write" and cache.upgrade is not None
    assert cache.upgrade.writer == "Update"
    assert [c.mode for c in info.declared] == ["read"]


def test_elevation_reaches_a_fixpoint_through_nested_nodes() -> None:
    text = ("Listen () => (int v);\nWork (int v) => ();\nsource Listen => Outer;\n"
            "Outer = Middle;\nMiddle = Work;\natomic Outer:{z};\natomic Work:{a};\n")
    analysis = analyze(text)
    assert effective(analysis, "Outer") == ["a", "z"]
    assert effective(analysis, "Middle") == ["a"]
    assert [d.code for d in analysis.diagnostics] == ["FLX603", "FLX603"]


def test_session_constraints_and_sources() -> None:
    text = ("Listen () => (int v);\nWork (int v) => ();\n"
            "source Listen {session: Who} => Work;\natomic Work:{p(session)};\n")
    analysis = analyze(text)
    assert analysis.diagnostics == ()
    assert effective(analysis, "Work") == ["p(session)"]


def test_analyze_never_raises_on_binary_garbage() -> None:
    analysis = analyze(b"\x00\xff\xfe source \x00 => ;;; atomic", "garbage.flux")
    assert all(d.code == "FLX001" for d in analysis.diagnostics)


def test_type_mismatch_of_one_arity_names_the_positions_that_differ() -> None:
    analysis = analyze("A () => (int fd, char *line, int n);\nB (int fd, int line, long n) => ();\n"
                       "F = A -> B;\nsource A => F;\n")
    [found] = [d for d in analysis.diagnostics if d.code == "FLX201"]
    assert found.message.endswith(": position 2 is `char *`, not `int`; position 3 is `int`, "
                                  "not `long`")
    other = analyze("A () => (int fd, char *line);\nB (int fd) => ();\nF = A -> B;\n"
                    "source A => F;\n")
    [found] = [d for d in other.diagnostics if d.code == "FLX201"]
    assert "position" not in found.message  # the counts differ: the lists say it all
