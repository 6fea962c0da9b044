"""``flux_ls.lsp.cindex``: the C definitions of a project, found with tree-sitter's C grammar.

Real files in a temporary project (flux.toml, a program, C sources): definitions through
pointer declarators, ``#ifdef`` and ``extern "C"`` blocks count, prototypes, calls and
commented-out code do not; an unreadable source is a problem of the index, not an error;
a file changed on disk is read again; a manifest for another program gives no index.
"""

from __future__ import annotations

import os
from pathlib import Path

from flux_ls.lsp.cindex import MAX_C_BYTES, CIndexes, parse_c

C_SOURCE = """\
#include "x.h"
int Read(Read_in *in, Read_out *out);            /* a prototype: not a definition */
// int Parse(Parse_in *in, Parse_out *out) { return 0; }
static char *name_of(int fd) { return 0; }
#ifdef FLUX_EXTRA
bool IsHit(image_tag *t) { return t != 0; }
#else
bool IsHit(image_tag *t) { return 0; }
#endif
int Read(Read_in *in, Read_out *out) {
    return Parse(0, 0);
}
"""


def test_parse_c_finds_definitions_only() -> None:
    found = parse_c(C_SOURCE.encode(), "/p/x.c", "x.c")
    assert sorted(found) == ["IsHit", "Read", "name_of"]
    assert [d.line for d in found["IsHit"]] == [5, 7]
    read = found["Read"][0]
    assert (read.line, read.prefix, read.shown) == (9, "int ", "x.c")
    assert found["name_of"][0].prefix == "static char *"


def test_parse_c_survives_broken_c() -> None:
    found = parse_c(b"int Good(void) { return 0; }\nint Bad( { \xff\xfe }}}\n", "/p/x.c", "x.c")
    assert "Good" in found


def project(root: Path, sources: str = '["a.c", "b.c"]') -> Path:
    (root / "flux.toml").write_text(f'[program]\nflux = "p.flux"\nsources = {sources}\n')
    program = root / "p.flux"
    program.write_text("Listen () => (int socket);\n")
    return program


def test_project_index_and_problems(tmp_path: Path) -> None:
    program = project(tmp_path, '["a.c", "b.c", "big.c", "dir.c"]')
    (tmp_path / "a.c").write_text("int Listen(Listen_out *out) { return 0; }\n")
    (tmp_path / "big.c").write_bytes(b" " * (MAX_C_BYTES + 1))
    (tmp_path / "dir.c").mkdir()
    index = CIndexes().project(program)
    assert not isinstance(index, str)
    assert [d.shown for d in index.definitions["Listen"]] == ["a.c"]
    assert list(index.sources) == ["a.c", "b.c", "big.c", "dir.c"]
    problems = " | ".join(index.problems)
    assert "b.c" in problems and "larger than 4 MiB" in problems
    assert "dir.c is not a regular file" in problems


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    program = project(tmp_path, '["a.c"]')
    source = tmp_path / "a.c"
    source.write_text("int Listen(Listen_out *out) { return 0; }\n")
    indexes = CIndexes()
    first = indexes.project(program)
    assert not isinstance(first, str) and "Listen" in first.definitions
    source.write_text("int Other(void) { return 0; }\n")
    os.utime(source, ns=(1, 1))  # a different mtime even on a coarse clock
    second = indexes.project(program)
    assert not isinstance(second, str)
    assert "Listen" not in second.definitions and "Other" in second.definitions


def test_no_index_without_a_manifest_for_this_program(tmp_path: Path) -> None:
    program = tmp_path / "p.flux"
    program.write_text("Listen () => (int socket);\n")
    assert "flux.toml" in str(CIndexes().project(program))
    project(tmp_path)
    other = tmp_path / "q.flux"
    other.write_text("")
    assert CIndexes().project(other) == "flux.toml beside it builds p.flux, not q.flux"
