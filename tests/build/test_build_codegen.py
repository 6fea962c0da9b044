"""Code generation: the C interface (docs/language.md#the-c-interface), the flow driver's plan,
and generated code that compiles warning-free (``-Wall -Wextra -Wpedantic -Werror``) for every
program without errors — the examples, the test data, the test programs and generated programs.

Programs name their own types (``image_tag``, ``http_request``); the tests give them a
header declaring each unknown type as a small struct, so the generated header, driver and
stubs can be compiled on their own (``-fsyntax-only``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from flux_ls.analysis import Analysis, analyze
from flux_ls.build.errors import BuildError
from flux_ls.build.gen_header import render_header
from flux_ls.build.gen_program import render_program
from flux_ls.build.plan import make_plan
from flux_ls.build.stubs import defined_functions, new_file
from flux_ls.cinterface import InterfaceError, build_interface, field_type
from flux_ls.graph import build as build_graph

ROOT = Path(__file__).parent.parent.parent
RUNTIME = ROOT / "flux_ls" / "runtime"
sys.path.insert(0, str(ROOT / "bench"))

KNOWN = {"const", "volatile", "char", "short", "int", "long", "unsigned", "signed", "float",
         "double", "void", "bool", "_Bool", "size_t", "ssize_t", "off_t", "time_t", "struct",
         "uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t", "int16_t", "int32_t",
         "int64_t", "stat", "sockaddr_in"}
FLAGS = ["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only"]


def _programs() -> list[Path]:
    found = sorted((ROOT / "examples").rglob("*.flux")) + sorted((ROOT / "tests" / "data")
                                                                  .rglob("*.flux"))
    found += sorted((ROOT / "tests" / "build" / "programs").rglob("*.flux"))
    found += [ROOT / "bench" / "dispatch" / "dispatch.flux"]
    return [p for p in found if not analyze(p.read_bytes(), str(p)).errors]


def _types_header(analysis: Analysis) -> str:
    lines = ["#include <sys/types.h>", "#include <sys/stat.h>", "#include <netinet/in.h>"]
    seen: set[str] = set()
    for info in analysis.semantics.nodes.values():
        for ctype in (*(info.inputs or ()), *(info.outputs or ())):
            for tag, word in re.findall(r"(struct\s+)?([A-Za-z_]\w*)", ctype or ""):
                if word in KNOWN or word in seen:
                    continue
                seen.add(word)
                lines.append(f"struct {word} {{ int flux_x; }};" if tag else
                             f"typedef struct {{ int flux_x; }} {word};")
    return "\n".join(lines) + "\n"


def _generate(path: Path, text: bytes, into: Path) -> None:
    analysis = analyze(text, str(path))
    interface = build_interface(analysis)
    plan = make_plan(build_graph(analysis), analysis.program)
    (into / "types.h").write_text(_types_header(analysis))
    (into / "flux_nodes.h").write_text(render_header(interface, path.name, ["types.h"]))
    (into / "flux_program.c").write_text(render_program(
        analysis.semantics, interface, plan, name="p", source_file=path.name,
        runtime="pool", threads=0))
    docs = {n: i.doc for n, i in analysis.semantics.nodes.items()}
    (into / "stubs.c").write_text(new_file(interface, docs, path.name))


def _compile(directory: Path) -> None:
    for unit in ("flux_program.c", "stubs.c"):
        done = subprocess.run(["cc", *FLAGS, "-I", str(directory), "-I", str(RUNTIME),
                               str(directory / unit)], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, f"{unit}:\n{done.stderr}"


@pytest.mark.parametrize("path", _programs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_generated_code_compiles_without_warnings(path: Path, tmp_path: Path) -> None:
    _generate(path, path.read_bytes(), tmp_path)
    _compile(tmp_path)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_code_of_large_generated_programs_compiles(seed: int, tmp_path: Path) -> None:
    from gen import generate

    text = generate(600, seed=seed).encode()
    assert not analyze(text, "gen.flux").errors
    _generate(Path("gen.flux"), text, tmp_path)
    _compile(tmp_path)


def _interface_of(text: str) -> dict[str, str]:
    analysis = analyze(text.encode(), "t.flux")
    assert not analysis.errors, analysis.errors
    return {p.name: p.text for p in build_interface(analysis).prototypes}


def test_prototypes_follow_the_c_interface() -> None:
    protos = _interface_of("""
        Src () => (int fd, const char *name);
        Both (int fd, const char *name) => (int fd);
        Sink (int fd) => ();
        Tick () => ();
        source Src {session: Who} => Flow;
        source Tick => Nothing;
        Flow = Both -> Pick;
        Nothing () => ();
        Nothing = ;
        typedef big IsBig;
        Pick:[big] = Sink;
        Pick:[_] = Sink;
        handle error Both => OnBoth;
        handle error Tick => OnTick;
    """)
    assert protos == {
        "Both": "int Both(Both_in *in, Both_out *out)",
        "Sink": "int Sink(Sink_in *in)",
        "Src": "int Src(Src_out *out)",
        "Tick": "int Tick(void)",
        "IsBig": "bool IsBig(int fd)",
        "OnBoth": "void OnBoth(Both_in *in, int err)",
        "OnTick": "void OnTick(int err)",
        "Who": "uint64_t Who(Flow_in *in)",
    }


def test_abstract_structs_take_the_names_of_their_first_and_last_steps() -> None:
    analysis = analyze(b"""
        S () => (int socket);
        A (int socket) => (int socket, char *line);
        B (int fd, char *text) => ();
        source S => T;
        T = A -> B;
    """, "t.flux")
    interface = build_interface(analysis)
    assert interface.fields("T", "in") == (("int", "socket"),)
    assert interface.fields("A", "out") == (("int", "socket"), ("char *", "line"))
    header = render_header(interface, "t.flux", ["user.h"])
    assert header.startswith("/* Generated by flux from t.flux — do not edit. */")
    assert "#include <stdint.h>\n#include <stdbool.h>\n#include <stddef.h>\n" \
           '#include "user.h"' in header
    assert "typedef struct { int fd; char *text; } B_in;" in header


def test_top_level_qualifiers_leave_struct_fields() -> None:
    assert field_type("const int") == "int"
    assert field_type("const char *") == "const char *"
    assert field_type("char * const") == "char *"
    assert field_type("const char * const *") == "const char * const *"


def test_duplicate_parameter_names_are_refused_by_the_checker_before_the_build() -> None:
    analysis = analyze(b"S () => (int x, int x);\nE (int a, int b) => ();\nsource S => E;\n",
                       "dup.flux")
    assert [d.code for d in analysis.errors] == ["FLX106"]
    with pytest.raises(InterfaceError, match=r"dup\.flux:1:14: error: node `S` has two "
                                         r"parameters named `x`"):
        build_interface(analysis)


def test_plan_acquires_effective_constraints_once_in_canonical_order() -> None:
    analysis = analyze(b"""
        S () => (int v);
        B (int v) => (int v);
        D (int v) => (int v);
        E (int v) => ();
        source S => T;
        T = Route -> E;
        typedef a IsA;
        Route:[a] = A;
        Route:[_] = C;
        A = B;
        C = D;
        atomic A:{x}; atomic B:{y}; atomic C:{y}; atomic D:{x}; atomic E:{b?, a};
    """, "p.flux")
    plan = make_plan(build_graph(analysis), analysis.program)
    named = {plan.graph.vertex(v).name: v for v in plan.vertices}
    acquired = {name: [(a.name, a.write) for a in plan.acquire[vid]]
                for name, vid in named.items()}
    assert acquired["C"] == [("x", True), ("y", True)]     # x elevated to C (FLX603)
    assert acquired["D"] == []                             # re-entered: C holds x
    assert acquired["B"] == [("y", True)]
    assert acquired["E"] == [("a", True), ("b", False)]    # canonical (byte) order
    assert plan.mark[named["D"]] == 2 and plan.max_held == 2


def test_an_empty_flow_without_a_signature_is_refused_by_the_checker() -> None:
    analysis = analyze(b"T () => ();\nsource T => N;\nN = ;\n", "e.flux")
    assert [d.code for d in analysis.errors] == ["FLX212"]
    with pytest.raises(InterfaceError, match="the types of `N` are unknown"):
        build_interface(analysis)


def test_session_constraints_before_the_session_are_refused_by_the_checker() -> None:
    analysis = analyze(b"""
        S () => (int v);
        E (int v) => ();
        source S {session: F} => E;
        atomic S:{s(session)};
    """, "s.flux")
    assert [d.code for d in analysis.errors] == ["FLX605"]
    with pytest.raises(BuildError, match="before the flow has a session"):
        make_plan(build_graph(analysis), analysis.program)


def test_function_definitions_are_found_by_a_simple_scan() -> None:
    text = """
        #include "flux_nodes.h"
        #define MACRO(x) int x(void) { return 0; }
        static int helper(int a);            /* int NotThis(void) { } */
        int Read(Read_out *out) { if (x) { return 1; } return 0; }
        static const char *names[] = { "int Fake(void) {" };
        struct point { int x, y; };
        bool IsBig(long n)
        {
            return n > 10;
        }
        void __attribute__((unused)) Drop(Job_in *in, int err) { (void)in; }
        uint64_t (Who)(Flow_in *in) { return 0; }
    """
    assert defined_functions(text) == ["Read", "IsBig", "Drop"]
