"""flux-ls in a real, headless Neovim (0.10+) through the plugin in ``editors/neovim/``.

- ``test_plugin_setup``: filetype detection, ``setup()``, the commands, workspace roots, and
  what happens without ``flux-ls`` or the parser (``nvim_setup.lua``).
- ``test_language_server_end_to_end``: the plugin builds the tree-sitter parser and starts
  ``flux-ls --stdio`` on a copy of the image server with one error; Neovim highlights it,
  shows the server's diagnostics, jumps to a definition, shows a hover with the C prototype,
  sends three incremental edits (multi-line, non-ASCII, the fix) and sees the diagnostics
  follow them; then ``:FluxFlowGraph``, the code lenses, ``:FluxCheck``, ``:checkhealth
  flux`` and a clean shutdown (``nvim_e2e.lua``, which lists every step).

Neovim is the ``nvim`` on PATH when it is 0.10 or newer, else Debian 13's through
``../shared/tools/debian13-run nvim`` (the ``shared`` folder beside the checkout; its first
run downloads and unpacks the packages). Without either the tests skip, saying why. Each
Lua driver exits 0 only when every check held; on failure the assertion shows Neovim's
output and the tail of its LSP log (which holds flux-ls's standard error).
"""

from __future__ import annotations

import fcntl
import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from terminal import Terminal, save_screenshot

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PLUGIN = ROOT / "editors" / "neovim"
EXAMPLE = ROOT / "examples" / "imageserver" / "imageserver.flux"
RUNNER = ROOT.parent / "shared" / "tools" / "debian13-run"
BIN = Path(sys.executable).parent  # the environment's scripts: flux-ls, flux

PROBE_TIMEOUT = 900  # the wrapper's first run downloads about 11 MB of Debian packages
PROBE_ATTEMPTS = 3
SCREENSHOT = ROOT / "docs" / "screenshots" / "neovim.txt"
RUN_TIMEOUT = 240  # one whole Neovim session (each wait inside it has its own timeout)
WAIT_MS = 30_000  # the driver's limit for each awaited event

# The image server's flow `Image = ... -> CheckCache -> ... -> Write -> Complete;` gets the
# deliberate error (FLX101: `Writ` is undefined) and, before it on the same line, non-ASCII
# text (2-, 3- and 4-byte UTF-8; astral characters are 2 UTF-16 units); a non-ASCII comment
# opens the file. LSP positions (UTF-16 with Neovim 0.10) then differ from bytes and from
# code points.
FLOW = re.compile(r"^(Image = .*?-> )(CheckCache -> .*?-> )Write( -> Complete;)$", re.MULTILINE)
BROKEN_FLOW = r"\1/* größe · naïve — 𝔽𝕃𝕌𝕏 */ \2Writ\3"
HEADER = "// Bildserver «Flux» — 画像サーバー 🖼 (non-ASCII on purpose)\n"


def _version(command: list[str], timeout: float) -> tuple[tuple[int, int] | None, str]:
    try:
        result = subprocess.run([*command, "--version"], capture_output=True, text=True,
                                timeout=timeout, stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"{' '.join(command)} --version: {exc}"
    match = re.match(r"NVIM v(\d+)\.(\d+)", result.stdout)
    if result.returncode != 0 or match is None:
        detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"{' '.join(command)} --version exited {result.returncode}: {detail}"
    return (int(match[1]), int(match[2])), ""


@functools.cache
def neovim() -> tuple[list[str] | None, str]:
    """The command that runs Neovim ≥ 0.10, or None and why there is none."""
    reasons = []
    on_path = shutil.which("nvim")
    if on_path:
        version, why = _version([on_path], 30)
        if version is not None and version >= (0, 10):
            return [on_path], ""
        reasons.append(why or f"{on_path} is Neovim {version}, older than 0.10")
    else:
        reasons.append("no nvim on PATH")
    if not RUNNER.is_file():
        return None, "; ".join([*reasons, f"{RUNNER} is absent"])
    # The first run downloads into a cache shared with the tree-sitter CLI tests, and the
    # wrapper takes no lock: a concurrent first run fails on apt's lock ("Could not get lock
    # .../lists/lock"). Serialize our own probes, and retry after the other run had time.
    lock_path = Path(tempfile.gettempdir()) / "flux-debian13-run.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for attempt in range(PROBE_ATTEMPTS):
            if attempt:
                time.sleep(15)  # a retry pause, not a wait for an event
            version, why = _version([str(RUNNER), "nvim"], PROBE_TIMEOUT)
            if version is not None:
                break
    if version is not None and version >= (0, 10):
        return [str(RUNNER), "nvim"], ""
    reasons.append(why or f"{RUNNER} nvim is Neovim {version}, older than 0.10")
    return None, "; ".join(reasons)


@pytest.fixture
def nvim() -> list[str]:
    command, why = neovim()
    if command is None:
        pytest.skip(f"no Neovim 0.10+: {why}")
    return command


def _run(nvim: list[str], driver: str, tmp_path: Path, env: dict[str, str]) -> None:
    state = tmp_path / "xdg"
    full_env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "XDG_CONFIG_HOME": str(state / "config"),
        "XDG_DATA_HOME": str(state / "data"),
        "XDG_STATE_HOME": str(state / "state"),
        "XDG_CACHE_HOME": str(state / "cache"),
        "FLUX_NVIM_PLUGIN": str(PLUGIN),
        **env,
    }
    command = [*nvim, "--headless", "--clean",
               "--cmd", "lua vim.opt.rtp:prepend(vim.env.FLUX_NVIM_PLUGIN)"]
    if nvim[0] == str(RUNNER):
        # Debian keeps Neovim's bundled parsers (markdown: hover windows) in /usr/lib/nvim, on
        # the compiled-in 'runtimepath'; the wrapper relocates the package under its cache.
        command += ["--cmd", "lua vim.opt.rtp:append("
                    "vim.fn.simplify(vim.env.VIMRUNTIME .. '/../../../lib/nvim'))"]
    command += ["-S", str(HERE / driver)]
    process = subprocess.Popen(command, cwd=tmp_path, env=full_env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        output, errors = process.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # Neovim and the flux-ls it started
        output, errors = process.communicate()
        pytest.fail(f"Neovim did not finish within {RUN_TIMEOUT} s\n{output}"
                    f"\n--- stderr\n{errors}{_lsp_log(state)}")
    assert process.returncode == 0 and "ALL OK" in output, (
        f"{driver} exited with status {process.returncode}\n{output}"
        f"\n--- stderr (Neovim's messages)\n{errors}{_lsp_log(state)}")


def _lsp_log(state: Path) -> str:
    log = state / "state" / "nvim" / "lsp.log"
    if not log.is_file():
        return ""
    tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-80:]
    return "\n--- lsp.log (tail)\n" + "\n".join(tail)


def test_plugin_setup(nvim: list[str], tmp_path: Path) -> None:
    work = (tmp_path / "files").resolve()
    work.mkdir()
    _run(nvim, "nvim_setup.lua", tmp_path, {"FLUX_SETUP_DIR": str(work)})


def test_language_server_end_to_end(nvim: list[str], tmp_path: Path) -> None:
    assert (BIN / "flux-ls").is_file() and (BIN / "flux").is_file(), (
        f"flux-ls and flux must be installed next to {sys.executable}")
    source = EXAMPLE.read_text(encoding="utf-8")
    broken, count = FLOW.subn(BROKEN_FLOW, source)
    assert count == 1, f"{EXAMPLE} changed: update FLOW in this test"
    workspace = (tmp_path / "workspace").resolve()
    workspace.mkdir()
    (workspace / "flux.toml").write_text("", encoding="utf-8")  # the root marker
    (workspace / "estimates.toml").write_text(  # for the "Simulate load" lens
        "[node.Compress]\ncpu_ms = 2\n", encoding="utf-8")
    program = workspace / "imageserver.flux"
    program.write_text(HEADER + broken, encoding="utf-8")
    _run(nvim, "nvim_e2e.lua", tmp_path, {
        "FLUX_E2E_FILE": str(program),
        "FLUX_E2E_SITE": str(tmp_path / "site"),
        "FLUX_E2E_TIMEOUT": str(WAIT_MS),
    })


def test_without_init_files(nvim: list[str], tmp_path: Path) -> None:
    """``nvim -u NONE`` has filetype detection off and loads no plugins: ``setup()`` still
    makes a Flux file given on the command line a Flux buffer and attaches flux-ls."""
    program = tmp_path / "a.flux"
    program.write_text("Listen () => (int socket);\n", encoding="utf-8")
    (tmp_path / "b.fx").write_text("", encoding="utf-8")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "XDG_STATE_HOME": str(tmp_path / "state"), "FLUX_E2E_TIMEOUT": str(WAIT_MS),
           "FLUX_E2E_SECOND": str(tmp_path / "b.fx")}
    command = [*nvim, "--headless", "-u", "NONE", "--cmd", f"set rtp^={PLUGIN}",
               str(program), "-c", "lua require('flux').setup()",
               "-S", str(HERE / "nvim_noinit.lua")]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL, check=False)
    assert result.returncode == 0 and "ALL OK" in result.stdout, (
        f"{result.stdout}\n--- stderr\n{result.stderr}{_lsp_log(tmp_path)}")


def test_hover_in_a_terminal(nvim: list[str], tmp_path: Path) -> None:
    """Neovim in a real terminal (tmux) on a copy of the gameserver project: the parser
    built by the plugin highlights, ``K`` on ``Decode`` shows the server's hover, which says
    where its C function is. That screen is saved as ``docs/screenshots/neovim.txt``
    (``.ansi``: with colours) when ``FLUX_UPDATE_SCREENSHOTS=1``."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    for part in ("gameserver", "common"):
        shutil.copytree(ROOT / "examples" / part, tmp_path / part)
    project = tmp_path / "gameserver"
    lines = (project / "gameserver.flux").read_text(encoding="utf-8").splitlines()
    line = next(n for n, x in enumerate(lines) if x.startswith("Decode (")) + 1
    c_lines = (project / "gameserver.c").read_text(encoding="utf-8").splitlines()
    c_line = next(n for n, x in enumerate(c_lines) if x.startswith("int Decode(")) + 1
    parser = tmp_path / "flux.so"
    state = tmp_path / "xdg"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "XDG_CONFIG_HOME": str(state / "config"), "XDG_DATA_HOME": str(state / "data"),
           "XDG_STATE_HOME": str(state / "state"), "XDG_CACHE_HOME": str(state / "cache"),
           "FLUX_NVIM_PLUGIN": str(PLUGIN), "TERM": "xterm-256color"}
    setup = (f"lua local flux = require('flux'); assert(flux.build_parser('{parser}')); "
             f"flux.setup({{ parser = '{parser}' }})")
    # Neovim runs headless with a socket, and its terminal UI is `nvim --remote-ui` in tmux:
    # the plain TUI re-executes its own binary with --embed, which through debian13-run's
    # loader is ld.so, not nvim.
    socket = tmp_path / "nvim.sock"
    command = [*nvim, "--clean", "--headless", "--listen", str(socket),
               "--cmd", f"set rtp^={PLUGIN}"]
    if nvim[0] == str(RUNNER):  # Debian's bundled markdown parser, for the hover window
        command += ["--cmd", "lua vim.opt.rtp:append("
                    "vim.fn.simplify(vim.env.VIMRUNTIME .. '/../../../lib/nvim'))"]
    command += ["-c", setup, f"+{line}", "gameserver.flux"]
    server = subprocess.Popen(command, cwd=project, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    deadline = time.monotonic() + Terminal.timeout
    while not socket.exists() and server.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # Neovim creates the socket once it listens
    if not socket.exists():
        server.kill()
        pytest.fail(f"headless Neovim did not listen on {socket}: {server.communicate()[1]}")
    term = Terminal("Neovim", [*nvim, "--remote-ui", "--server", str(socket)], project, env)
    try:
        term.wait(lambda s: f"{line},1" in s, "the program at the Decode signature")
        remote = [*nvim, "--headless", "--server", str(socket), "--remote-expr",
                  "luaeval('#vim.lsp.get_clients({ bufnr = 0, name = \"flux-ls\" })')"]
        deadline = time.monotonic() + term.timeout
        while subprocess.run(remote, capture_output=True, text=True, env=env, timeout=60,
                             check=False).stdout.strip() != "1":
            if time.monotonic() > deadline:
                pytest.fail(f"flux-ls did not attach; the screen:\n{term.screen()}")
            time.sleep(0.2)  # asking Neovim again: the attachment sends no signal outside
        term.keys("K")
        screen = term.wait(lambda s: f"gameserver.c:{c_line}" in s, "the hover")
        assert "implemented" in screen and "int Decode(Decode_in *in, Decode_out *out);" \
            in screen, screen
        if os.environ.get("FLUX_UPDATE_SCREENSHOTS") == "1":
            save_screenshot(SCREENSHOT, term)
    finally:
        term.close()
        os.killpg(server.pid, signal.SIGKILL)  # Neovim and the flux-ls it started
        server.communicate()
