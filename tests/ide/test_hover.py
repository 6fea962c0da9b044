"""Hover (``flux_ls.ide.hover``): signatures, the C interface of
docs/language.md#the-c-interface, constraints with the reasons for elevations and upgrades,
handlers, predicates and doc comments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ide_support import EXAMPLES, ROOT, image_server

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide.hover import c_prototype, c_structs, hover
from flux_ls.ide.index import Symbol, index

#: A session-scoped program in the style of the game server (kept here so that edits to the
#: examples do not change what these tests check).
GAME = """\
Receive () => (int player, char *data);
Decode (int player, char *data) => (int player, msg *m);
Validate (int player, msg *m) => (int player, msg *m);
Apply (int player, msg *m) => (int player, msg *m);
Chat (int player, msg *m) => (int player, msg *m);
Free (int player, msg *m) => ();
source Receive {session: PlayerOf} => Message;
Message = Decode -> Handle -> Free;
typedef move IsMove;
Handle:[_, move] = Move;
Handle:[_, _] = Chat;
Move = Validate -> Apply;
handle error Move => RejectMove;
atomic Move:{player(session)};
atomic Validate:{player?(session)};
atomic Chat:{player?(session)};
atomic Apply:{world};
"""


def example(name: str) -> Analysis:
    return analyze((ROOT / "examples" / name / f"{name}.flux").read_bytes(), f"{name}.flux")


@pytest.fixture(scope="module")
def image() -> Analysis:
    return image_server()


def text_at(analysis: Analysis, kind: str, name: str, nth: int = 0) -> str:
    occ = index(analysis).of(Symbol(kind, name))[nth]  # type: ignore[arg-type]
    found = hover(analysis, occ.start)
    assert found is not None and (found.start, found.end) == (occ.start, occ.end)
    return found.markdown


def code_blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)\n```", markdown, re.DOTALL)


def test_concrete_node_shows_signature_doc_structs_prototype_and_handler(image: Analysis) -> None:
    md = text_at(image, "node", "ReadInFromDisk", 1)  # on its use in a flow
    flux = code_blocks(md, "flux")[0]
    assert " ".join(flux.split()).replace("( ", "(").replace(" )", ")") == (
        "ReadInFromDisk (int socket, bool close, image_tag *request) => "
        "(int socket, bool close, image_tag *request, uint8_t *rgb);")
    assert "Reads the raw RGB pixels of the image from disk" in md
    c = code_blocks(md, "c")
    assert "int ReadInFromDisk(ReadInFromDisk_in *in, ReadInFromDisk_out *out);" in c[0]
    assert "} ReadInFromDisk_in;" in c[0] and "uint8_t *rgb;" in c[0]
    assert "void NotFound(ReadInFromDisk_in *in, int err);" in c[1]
    # sections in a stable order: signature, doc, C, handler
    assert md.index("```flux") < md.index("Reads the raw") < md.index("```c") < md.index(
        "NotFound")


def test_prototype_variants_of_section_7() -> None:
    text = ("Src () => (int fd);\nMid (int fd) => (int fd, char *line);\n"
            "Sink (int fd, char *line) => ();\nTick () => ();\nS = Mid -> Sink;\n"
            "source Src => S;\n")
    analysis = analyze(text)
    assert c_prototype(analysis, "Src") == "int Src(Src_out *out);"
    assert c_prototype(analysis, "Mid") == "int Mid(Mid_in *in, Mid_out *out);"
    assert c_prototype(analysis, "Sink") == "int Sink(Sink_in *in);"
    assert c_prototype(analysis, "Tick") == "int Tick(void);"
    assert c_prototype(analysis, "S") is None  # abstract: no C function
    assert c_structs(analysis, "Mid") == ["typedef struct { int fd; } Mid_in;",
                                          "typedef struct { int fd; char *line; } Mid_out;"]
    assert c_structs(analysis, "Tick") == []


def test_long_structs_are_laid_out_one_field_per_line(image: Analysis) -> None:
    structs = c_structs(image, "ReadInFromDisk")
    assert structs[1] == ("typedef struct {\n    int socket;\n    bool close;\n"
                          "    image_tag *request;\n    uint8_t *rgb;\n} ReadInFromDisk_out;")


def test_types_in_canonical_form() -> None:
    analysis = analyze("N (long unsigned int n, char const *s) => ();\n")
    md = text_at(analysis, "node", "N")
    assert "N (unsigned long n, const char *s) => ();" in md
    assert "typedef struct { unsigned long n; const char *s; } N_in;" in md


def test_abstract_node_shows_its_flows_not_a_prototype(image: Analysis) -> None:
    md = text_at(image, "node", "Handler", 2)
    assert "no C function" in md and "int Handler(" not in md
    flows = code_blocks(md, "flux")[1]
    assert flows == ("Handler:[_, _, hit] = ;\n"
                     "Handler:[_, _, _] = ReadInFromDisk -> Compress -> StoreInCache;")
    assert "typedef struct { int socket; bool close; image_tag *request; } Handler_in;" in md


def test_inferred_signature_borrows_names_from_the_flow() -> None:
    md = text_at(example("deadlock"), "node", "Serve")
    assert "Serve (int socket, request *req) => ();  // inferred from its flow" in md
    assert "typedef struct { int socket; request *req; } Serve_in;" in md
    assert "**flows start at** `source Accept => Serve;`" in md


def test_source_node_and_session_function(image: Analysis) -> None:
    md = text_at(image, "node", "Listen")
    assert "int Listen(Listen_out *out);" in md
    assert "**source**: `source Listen => Image;`" in md
    game = analyze(GAME)
    md = text_at(game, "node", "Receive")
    assert "uint64_t PlayerOf(Message_in *in);" in md
    session = text_at(game, "function", "PlayerOf")
    assert "**session function**" in session
    assert code_blocks(session, "c") == [
        "typedef struct { int player; char *data; } Message_in;\n"
        "uint64_t PlayerOf(Message_in *in);"]


def test_constraints_with_the_reason_for_an_elevation() -> None:
    deadlock = example("deadlock")
    md = text_at(deadlock, "node", "C")
    assert "declared: `{y}`" in md
    line = deadlock.lines.line_of(deadlock.data.index(b"\nC = D;") + 1) + 1
    assert (f"- `x` writer — elevated from `D` (entered at line {line}), which needs `x` "
            "while `C` holds `y`; `y` comes after `x` in lock order") in md
    assert "- `y` writer — declared at line" in md
    plain = text_at(deadlock, "node", "A")
    assert "declared:" not in plain and "- `x` writer — declared at line" in plain


def test_constraints_with_the_reason_for_an_upgrade() -> None:
    text = ("Listen () => (int v);\nUpdate (int v) => ();\nsource Listen => Serve;\n"
            "Serve = Update;\natomic Serve:{cache?};\natomic Update:{cache};\n")
    md = text_at(analyze(text), "node", "Serve")
    assert "declared: `{cache?}`" in md
    assert ("- `cache` writer — declared as a reader at line 5; made a writer because "
            "`Update` writes it inside (entered at line 4)") in md


def test_session_scope_is_spelled_out() -> None:
    md = text_at(analyze(GAME), "node", "Validate")
    assert "- `player` reader, session scope — declared at line 15" in md
    assert "**errors** go to the handler of an enclosing node: `RejectMove` (of `Move`)" in md


def test_node_without_any_handler(image: Analysis) -> None:
    assert "**errors**: no handler; a failure ends the flow" in text_at(image, "node", "Write")


def test_constraint_lists_every_node_that_takes_it() -> None:
    deadlock = example("deadlock")
    md = text_at(deadlock, "constraint", "x")
    assert md.splitlines()[0] == "**constraint** `x` — program scope"
    assert "- `A` writer — declared at line" in md and "- `D` writer — declared" in md
    assert "- `C` writer — elevated from `D`" in md
    game = text_at(analyze(GAME), "constraint", "player")
    assert game.splitlines() == [
        "**constraint** `player` — session scope (one lock per session)",
        "- `Move` writer — declared at line 14",
        "- `Validate` reader — declared at line 15",
        "- `Chat` reader — declared at line 16"]


def test_constraint_with_a_scope_conflict() -> None:
    path = ROOT / "tests" / "data" / "constraints" / "flx601_scope_conflict.flux"
    md = text_at(analyze(path.read_bytes()), "constraint", "state", 1)
    assert md.splitlines() == [
        "**constraint** `state` — session scope (one lock per session)",
        "- `Read` writer — declared at line 6",
        "- `Close` — declared with the other scope, so ignored (FLX601) (line 7)"]


def test_constraint_on_an_undefined_node_is_listed() -> None:
    md = text_at(analyze("atomic Ghost:{lock};\n"), "constraint", "lock")
    assert "- `Ghost` — not a node (line 1)" in md


def test_predicate_type_prototype_from_the_field_it_tests(image: Analysis) -> None:
    for kind, name in (("predicate_type", "hit"), ("function", "TestInCache")):
        md = text_at(image, kind, name)
        assert code_blocks(md, "flux") == ["typedef hit TestInCache;"]
        assert code_blocks(md, "c") == ["bool TestInCache(image_tag *request);"]
        assert "It tests `request` of `Handler` (input 3)." in md


def test_predicate_applied_to_fields_of_different_types() -> None:
    text = ("A (int a, char *b) => ();\ntypedef p P;\nA2:[p, _] = A;\nA2:[_, p] = A;\n"
            "A2:[_, _] = A;\n")
    md = text_at(analyze(text), "predicate_type", "p")
    assert code_blocks(md, "c") == ["bool P(int a);\nbool P(char *b);"]
    assert "FLX209" in md


def test_unused_predicate_type_has_a_generic_prototype() -> None:
    md = text_at(analyze("typedef hot IsHot;\n"), "predicate_type", "hot")
    assert "`bool IsHot(T v);`" in md and "no pattern" in md


def test_handler_function(image: Analysis) -> None:
    md = text_at(image, "function", "NotFound")
    assert "**error handler** of `ReadInFromDisk`" in md
    assert code_blocks(md, "c") == ["void NotFound(ReadInFromDisk_in *in, int err);"]
    md = text_at(analyze("S () => (int x);\nhandle error S => Oops;\n"), "function", "Oops")
    assert code_blocks(md, "c") == ["void Oops(int err);"]


def test_undefined_names() -> None:
    analysis = analyze("A = Ghost;\nB:[nope] = ;\n")
    assert "**undefined node** `Ghost`" in text_at(analysis, "node", "Ghost")
    assert "**undefined predicate type** `nope`" in text_at(analysis, "predicate_type", "nope")


def test_nothing_off_a_name(image: Analysis) -> None:
    assert hover(image, 0) is None  # inside the opening comment
    assert hover(image, image.data.index(b"=>")) is None
    assert hover(image, len(image.data)) is None


def test_hover_after_non_ascii_text_and_at_both_ends_of_a_name() -> None:
    text = "/* ünïcödé → */ Node (int x) => ();\n"
    analysis = analyze(text)
    start = text.encode().index(b"Node")
    for offset in (start, start + 4):
        found = hover(analysis, offset)
        assert found is not None and found.start == start and "int Node(Node_in *in);" in \
            found.markdown
    assert hover(analysis, start - 1) is None


def test_broken_signature_does_not_make_up_a_prototype() -> None:
    analysis = analyze("N (int 3) => (int y);\nM = N;\n")
    md = text_at(analysis, "node", "N")
    assert "int N(" not in md and "known once its signature parses" in md
    assert "N (?) => (?);  // types not fully known" in md


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_node_of_the_examples_has_a_complete_hover(path: Path) -> None:
    analysis = analyze(path.read_bytes(), str(path))
    for name, info in analysis.semantics.nodes.items():
        md = text_at(analysis, "node", name)
        assert code_blocks(md, "flux")[0].startswith(name + " (")
        if info.kind == "concrete":
            assert c_prototype(analysis, name) in md
        if info.doc:
            assert info.doc in md
        for c in info.effective:
            assert f"`{c.name}`" in md


def test_hover_shows_the_structs_and_prototypes_the_generated_header_declares() -> None:
    """One derivation of the C interface: the hover's C is the header's, qualifiers and all
    (a field drops its top-level `const` so the runtime can copy it)."""
    from flux_ls.build.gen_header import render_header
    from flux_ls.cinterface import build_interface

    text = ("Src () => (const int fd, char * const name);\n"
            "Work (const int fd, char * const name) => ();\n"
            "source Src {session: Who} => Work;\nhandle error Work => Failed;\n")
    analysis = analyze(text)
    header = render_header(build_interface(analysis), "t.flux", [])
    md = text_at(analysis, "node", "Work")
    c = code_blocks(md, "c")[0].splitlines()
    assert c[0] == "typedef struct { int fd; char *name; } Work_in;"
    assert all(line in header.splitlines() for line in c)
    for name, kind in (("Failed", "function"), ("Who", "function")):
        for block in code_blocks(text_at(analysis, kind, name), "c"):
            assert all(line in header.splitlines() for line in block.splitlines()), block
