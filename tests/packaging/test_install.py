"""The toolchain as a user installs it: one ``pip install``, no second step.

A clean ``git clone`` of this repository at HEAD (committed work only) is installed into a
fresh virtual environment with ``pip install git+file://CLONE@SHA`` (pip clones it again and
builds the one wheel: ``flux_ls`` plus the grammar compiled into ``tree_sitter_flux``). Then,
from outside the repository and with no ``PYTHONPATH``: ``flux check`` on an example,
``flux new`` + ``flux build`` (the C runtime ships as package data), ``flux-ls --version`` and
an LSP ``initialize`` over stdio. And pre-commit, pinned, from PyPI: a project whose
``.pre-commit-config.yaml`` names the clone and the commit (``repo: PATH``, ``rev: SHA``, the
README's recipe, its placeholders filled in) runs both hooks, ``flux-check`` and ``flux-fmt``,
on a good and two bad files; and the README's ``repo: local`` recipe runs them with the
commands the environment installed.

One environment per session (module-scoped fixtures), pip's cache as usual. Skips when pip
cannot reach the package index or git is missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = "pre-commit==4.7.0"

# One worker runs them all (`make test` passes --dist loadgroup): one environment to build.
pytestmark = pytest.mark.xdist_group("packaging")
#: What pip says when the network, not the package, is missing (a requirement that no index
#: has, such as an unpublished grammar package, must fail the test, not skip it).
_OFFLINE = ("NewConnectionError", "Temporary failure in name resolution",
            "Network is unreachable", "Failed to establish a new connection")

GOOD = "Listen () => (int socket);\nClose (int socket) => ();\n\nsource Listen => Close;\n"
MISSPELT = GOOD.replace("=> Close;", "=> Clsoe;")          # FLX101, formatted
MESSY = GOOD.replace("source Listen => Close;", "source Listen=>Close;")  # valid, unformatted


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would import the working tree's code."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, **extra}


def run(args: list[str | Path], cwd: Path, timeout: float = 600,
        **env: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run([str(a) for a in args], cwd=cwd, env=clean_env(**env),
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(map(str, args))} did not finish in {timeout} s")


def pip_install(venv: Path, *requirements: str, cwd: Path) -> None:
    result = run([venv / "bin" / "python", "-m", "pip", "install", "--quiet",
                  "--disable-pip-version-check", *requirements], cwd)
    if result.returncode != 0 and any(m in result.stdout + result.stderr for m in _OFFLINE):
        pytest.skip(f"pip cannot reach the package index: {result.stderr.strip()[-300:]}")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A clean clone of the repository at HEAD, on a branch, and the commit's SHA."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
    path = tmp_path_factory.mktemp("clone") / "flux"
    for args in (["git", "init", "--quiet", path],
                 ["git", "-C", path, "fetch", "--quiet", ROOT, sha],
                 ["git", "-C", path, "checkout", "--quiet", "-b", "main", sha]):
        result = run(list(args), path.parent)
        assert result.returncode == 0, result.stderr
    return path, sha


@pytest.fixture(scope="module")
def venv(clone: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with ``pip install git+file://CLONE@SHA`` done."""
    path, sha = clone
    venv = tmp_path_factory.mktemp("venv") / "env"
    result = run([sys.executable, "-m", "venv", venv], venv.parent)
    assert result.returncode == 0, result.stderr
    pip_install(venv, f"git+file://{path}@{sha}", cwd=venv.parent)
    return venv


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A working directory with nothing of the repository in it."""
    return tmp_path


def test_the_installed_code_is_the_installed_copy(venv: Path, outside: Path) -> None:
    probe = ("import flux_ls, tree_sitter_flux, tree_sitter as ts; "
             "print(flux_ls.__file__); print(tree_sitter_flux.__file__); "
             "ts.Parser(ts.Language(tree_sitter_flux.language())); "
             "print(len(tree_sitter_flux.HIGHLIGHTS_QUERY) > 0)")
    result = run([venv / "bin" / "python", "-W", "error", "-c", probe], outside)
    assert result.returncode == 0, result.stderr
    flux_ls_file, binding_file, queries = result.stdout.split()
    site = venv / "lib"
    assert Path(flux_ls_file).is_relative_to(site) and Path(binding_file).is_relative_to(site)
    assert queries == "True"


def test_flux_check_on_an_example(venv: Path, clone: tuple[Path, str], outside: Path) -> None:
    example = clone[0] / "examples" / "webserver" / "webserver.flux"
    result = run([venv / "bin" / "flux", "check", example], outside)
    assert result.returncode == 0, result.stdout + result.stderr
    (outside / "bad.flux").write_text(MISSPELT)
    result = run([venv / "bin" / "flux", "check", "bad.flux"], outside)
    assert result.returncode == 1 and "[FLX101]" in result.stdout + result.stderr, result


def test_flux_new_and_flux_build_with_the_packaged_runtime(venv: Path, outside: Path) -> None:
    if shutil.which("gcc") is None and shutil.which("cc") is None:
        pytest.skip("no C compiler")
    result = run([venv / "bin" / "flux", "new", "echo"], outside)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run([venv / "bin" / "flux", "build", "-q", "echo"], outside)
    assert result.returncode == 0, result.stdout + result.stderr
    binaries = list((outside / "echo" / ".flux-build").rglob("echo"))
    assert any(p.is_file() and os.access(p, os.X_OK) for p in binaries), binaries


def _message(stream: object) -> dict[str, object]:
    """One JSON-RPC message from an LSP stdio stream (Content-Length framing)."""
    length = None
    while True:
        line = stream.readline()  # type: ignore[attr-defined]
        assert line, "flux-ls closed its output"
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    assert length is not None
    return dict(json.loads(stream.read(length)))  # type: ignore[attr-defined]


def _send(stream: object, message: dict[str, object]) -> None:
    body = json.dumps(message).encode()
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)  # type: ignore[attr-defined]
    stream.flush()  # type: ignore[attr-defined]


@pytest.fixture
def flux_ls(venv: Path, outside: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen([venv / "bin" / "flux-ls", "--stdio"], cwd=outside,
                               env=clean_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    yield process
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)
    for stream in (process.stdin, process.stdout, process.stderr):
        assert stream is not None
        stream.close()


def test_flux_ls_answers_version_and_initialize(venv: Path, outside: Path,
                                                flux_ls: subprocess.Popen[bytes]) -> None:
    version = run([venv / "bin" / "flux-ls", "--version"], outside)
    assert version.returncode == 0 and "0.1.0" in version.stdout + version.stderr, version
    stdin, stdout = flux_ls.stdin, flux_ls.stdout
    assert stdin is not None and stdout is not None
    _send(stdin, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": os.getpid(), "rootUri": outside.as_uri(), "capabilities": {}}})
    while "id" not in (reply := _message(stdout)):
        pass  # a notification (log message) before the answer
    result = reply.get("result")
    assert isinstance(result, dict), reply
    assert result["serverInfo"]["name"] == "flux-ls"
    assert "textDocumentSync" in result["capabilities"]
    _send(stdin, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    while _message(stdout).get("id") != 2:
        pass
    _send(stdin, {"jsonrpc": "2.0", "method": "exit"})
    assert flux_ls.wait(timeout=30) == 0


# --- pre-commit -----------------------------------------------------------------------------

def readme_recipes(readme: Path) -> tuple[str, str]:
    """The two ``.pre-commit-config.yaml`` recipes of the README's pre-commit section: the
    one with placeholders for the repository and the revision, and the ``repo: local`` one."""
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("\n## pre-commit"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"^```yaml\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    remote = [b for b in blocks if re.search(r"^\s*- repo: <", b, re.MULTILINE)]
    local = [b for b in blocks if re.search(r"^\s*- repo: local$", b, re.MULTILINE)]
    assert len(remote) == 1 and len(local) == 1, blocks
    return remote[0], local[0]


@pytest.fixture(scope="module")
def project(venv: Path, clone: tuple[Path, str],
            tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A git repository with a good, a misspelt and an unformatted Flux file and the
    README's two pre-commit recipes: ``.pre-commit-config.yaml`` pointing at the clone and
    its commit, ``local.yaml`` the ``repo: local`` one; and the ``pre-commit`` command
    (pinned, from PyPI, in the environment that has ``flux``)."""
    pip_install(venv, PRE_COMMIT, cwd=venv.parent)
    path, sha = clone
    remote, local = readme_recipes(path / "README.md")
    remote = re.sub(r"(repo:) <[^>\n]*>", rf"\1 {path}", remote)
    remote = re.sub(r"(rev:) <[^>\n]*>", rf"\1 {sha}", remote)
    repo = tmp_path_factory.mktemp("project")
    (repo / "good.flux").write_text(GOOD)
    (repo / "misspelt.flux").write_text(MISSPELT)
    (repo / "messy.flux").write_text(MESSY)
    (repo / ".pre-commit-config.yaml").write_text(remote)
    (repo / "local.yaml").write_text(local)
    for args in (["git", "init", "--quiet"], ["git", "add", "."]):
        result = run(args, repo)
        assert result.returncode == 0, result.stderr
    return repo, venv / "bin" / "pre-commit"


def pre_commit(project: tuple[Path, Path], *files: str,
               config: str = ".pre-commit-config.yaml") -> subprocess.CompletedProcess[str]:
    repo, command = project
    home = repo.parent / "pre-commit-home"  # the hook environments, kept for the module
    path = f"{command.parent}{os.pathsep}{os.environ.get('PATH', '')}"  # `flux`, for `local`
    return run([command, "run", "--config", config, "--color", "never", "--files", *files],
               repo, PRE_COMMIT_HOME=str(home), PATH=path)


def test_pre_commit_hooks_pass_on_a_good_file(project: tuple[Path, Path]) -> None:
    result = pre_commit(project, "good.flux")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.count("Passed") == 2, output


def test_pre_commit_flux_check_fails_on_an_error(project: tuple[Path, Path]) -> None:
    result = pre_commit(project, "good.flux", "misspelt.flux")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "flux check" in output and "[FLX101]" in output and "Failed" in output, output


def test_pre_commit_flux_fmt_fails_on_an_unformatted_file(project: tuple[Path, Path]) -> None:
    result = pre_commit(project, "messy.flux")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    lines = [line for line in output.splitlines() if line.startswith("flux ")]
    assert any(line.startswith("flux check") and line.endswith("Passed") for line in lines)
    assert any(line.startswith("flux fmt") and line.endswith("Failed") for line in lines)
    assert "would reformat messy.flux" in output


@pytest.mark.parametrize("config", [".pre-commit-config.yaml", "local.yaml"],
                         ids=["clone-at-commit", "repo-local"])
def test_pre_commit_both_readme_recipes_pass_and_fail(project: tuple[Path, Path],
                                                      config: str) -> None:
    good = pre_commit(project, "good.flux", config=config)
    assert good.returncode == 0 and good.stdout.count("Passed") == 2, good.stdout + good.stderr
    bad = pre_commit(project, "misspelt.flux", "messy.flux", config=config)
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1 and output.count("Failed") == 2, output
    assert "[FLX101]" in output and "would reformat messy.flux" in output, output
