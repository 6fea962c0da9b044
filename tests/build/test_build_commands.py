"""What a new user meets first, through the real CLI, gcc and the built server: a program
file where a project is expected, ``flux check`` without a path, ``-q`` that keeps warnings,
a forgotten ``headers`` said once instead of pages of gcc errors, and the server's own
``--help``. (A missing node without the linker's leftovers: ``test_build_project``.)
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from build_support import WATCHDOG, run
from test_build_project import ECHO_C, ECHO_FLUX, FLUX, PRINT_C, flux, project

from flux_ls.build.project import BuildOptions, build_project


def test_a_program_file_stands_for_its_project(tmp_path: Path) -> None:
    root = project(tmp_path / "echo")
    built = flux("build", "-q", str(root / "echo.flux"))
    assert built.returncode == 0, built.stderr
    assert built.stdout.strip() == str(root / ".flux-build" / "event" / "echo")
    ran = subprocess.run([*FLUX, "run", "-q", str(root / "echo.flux")], input="1 2\n",
                         capture_output=True, text=True, timeout=WATCHDOG, check=False)
    assert ran.returncode == 0, ran.stderr
    assert sorted(ran.stdout.split()) == ["2", "4"]
    (root / "other.flux").write_text(ECHO_FLUX)
    other = flux("build", str(root / "other.flux"))
    assert other.returncode == 2
    assert f"{root / 'flux.toml'} builds echo.flux, not other.flux" in other.stderr


def test_a_program_file_without_a_manifest_says_what_to_write(tmp_path: Path) -> None:
    root = tmp_path / "bare"
    root.mkdir()
    (root / "echo.flux").write_text(ECHO_FLUX)
    (root / "echo.c").write_text(ECHO_C + PRINT_C)
    (root / "types.h").write_text("typedef int unused_t;\n")
    for command in ("build", "run"):
        done = flux(command, str(root / "echo.flux"))
        assert done.returncode == 2
        assert "TOML" not in done.stderr and "Invalid statement" not in done.stderr
        assert f"Write {root / 'flux.toml'}:\n    [program]\n    flux = \"echo.flux\"\n" \
               '    sources = ["echo.c"]\n    headers = ["types.h"]' in done.stderr
        assert "`flux new NAME`" in done.stderr
    directory = flux("build", str(root))
    assert directory.returncode == 2
    assert f"{root}: error: no flux.toml; the project of echo.flux needs one." in \
        directory.stderr and 'flux = "echo.flux"' in directory.stderr
    assert not (root / "flux.toml").exists()
    missing = flux("build", str(root / "nope.flux"))
    assert missing.returncode == 2 and "nope.flux: no such file" in missing.stderr


def test_check_without_a_path_checks_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.flux").write_text("A = B;\n")
    done = flux("check", cwd=tmp_path)
    assert done.returncode == 1
    assert "bad.flux:1:5: error: undefined node `B`" in done.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = flux("check", cwd=empty)
    assert nothing.returncode == 2 and "no .flux or .fx files found" in nothing.stderr


def test_quiet_builds_still_show_warnings(tmp_path: Path) -> None:
    root = project(tmp_path / "quiet", flux_text=ECHO_FLUX + "Unused (int n) => ();\n",
                   c_text=ECHO_C, toml='[program]\nsources = ["echo.c", "print.c"]\n')
    (root / "print.c").write_text("#include <stdio.h>\n" + PRINT_C.replace(
        "Print_in *in", "void *in").replace("in->n", "*(int *)in"))
    done = flux("build", "-q", str(root))
    assert done.returncode == 0, done.stderr
    assert "warning: node `Unused` is never used" in done.stderr
    assert 'print.c: warning: defines Print but does not #include "flux_nodes.h"' in \
        done.stderr
    assert "compiling" not in done.stderr and "linking" not in done.stderr


TAGGED_FLUX = """\
Read () => (tag t, struct stat st, int n);
Twice (tag t, struct stat st, int n) => (int n);
Print (int n) => ();
source Read => Job;
Job = Twice -> Print;
"""

TAGGED_C = """\
#include <stdio.h>
#include "flux_nodes.h"

int Read(Read_out *out) {
    tag t = {1};
    out->t = t;
    return scanf("%d", &out->n) == 1 ? 0 : (flux_stop(), 1);
}
int Twice(Twice_in *in, Twice_out *out) { out->n = 2 * in->n * in->t.weight; return 0; }
"""


def test_a_forgotten_header_is_said_once_with_the_node_and_the_fix(tmp_path: Path) -> None:
    root = project(tmp_path / "tagged", flux_text=TAGGED_FLUX, c_text=TAGGED_C + PRINT_C)
    (root / "tag.h").write_text("typedef struct { int weight; } tag;\n")
    done = flux("build", "-q", str(root))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == ("error: unknown C type `tag` in the signature of `Read` (outputs) and "
                        "`Twice` (inputs): no header that flux_nodes.h includes declares it "
                        "(`tag.h` does)")
    assert lines[1] == ("error: unknown C type `struct stat` in the signature of `Read` "
                        "(outputs) and `Twice` (inputs): no header that flux_nodes.h includes "
                        "declares it (`<sys/stat.h>` does)")
    assert '    headers = ["tag.h", "<sys/stat.h>"]' in lines
    assert "unknown type name" not in done.stderr and "incomplete type" not in done.stderr
    assert len(lines) < 10, done.stderr
    (root / "flux.toml").write_text('[program]\nsources = ["echo.c"]\n'
                                    'headers = ["tag.h", "<sys/stat.h>"]\n')
    fixed = flux("build", "-q", str(root))
    assert fixed.returncode == 0, fixed.stderr


def test_the_server_help_lists_the_runtime_options_without_running_flux_init(
        tmp_path: Path) -> None:
    init = ('int flux_init(int argc, char **argv) {\n'
            '    for (int i = 1; i < argc; i++) printf("arg %s\\n", argv[i]);\n'
            '    fflush(stdout);\n    return 3;\n}\n')
    root = project(tmp_path / "help", c_text=ECHO_C + PRINT_C + init)
    binary = build_project(BuildOptions(target=str(root), runtime="pool",
                                        extra_cflags=("-Werror",))).binary
    for flag in ("--help", "--flux-help"):
        shown = run(binary, "x", flag)
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.startswith("usage: echo [RUNTIME OPTIONS] [ARGS...] [-- ARGS...]")
        for option in ("--flux-runtime=thread|pool|event", "--flux-threads=N",
                       "--help, --flux-help", "built in: --flux-runtime=pool"):
            assert option in shown.stdout
        assert "arg " not in shown.stdout  # flux_init never ran
    passed = run(binary, "--", "--help")
    assert passed.returncode == 3 and passed.stdout == "arg --\narg --help\n"
