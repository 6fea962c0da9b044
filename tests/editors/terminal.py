"""A program in a real terminal: its own tmux server, keys sent, the screen captured.

Used by the editor tests (Helix, Neovim) to drive a full-screen editor as a user would, and
to save what it shows (``capture-pane -e`` keeps the colours) as a README screenshot.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

#: The environment variables passed to the program (tmux starts it from its own server's).
PASSED = ("PATH", "PYTHONPATH", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
          "XDG_CACHE_HOME", "HOME", "FLUX_DEVTOOLS_CACHE", "LANG", "TERM", "FLUX_NVIM_PLUGIN")


class Terminal:
    """A tmux server of its own, with one 100x36 window running ``command``."""

    timeout = 60.0  # the limit of each awaited screen

    def __init__(self, name: str, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.name = name
        self.socket = f"flux-{name.lower()}-{os.getpid()}"
        # no user tmux.conf; the pane stays (showing the last screen) if the program exits
        self.tmux("-f", "/dev/null", "start-server", ";",
                  "set-option", "-g", "remain-on-exit", "on", ";",
                  "new-session", "-d", "-s", "t", "-x", "100", "-y", "36", "-c", str(cwd),
                  "env", *[f"{k}={v}" for k, v in env.items() if k in PASSED], *command)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=30, check=True).stdout

    def screen(self, colours: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "t")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def wait(self, ready: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + self.timeout
        while True:
            screen = self.screen()
            if ready(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"{self.name} never showed {what}; the screen:\n{screen}")
            time.sleep(0.2)  # polling the screen: there is no event to wait on

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=30, check=False)


def save_screenshot(path: Path, term: Terminal) -> None:
    """The screen as plain text (``path``) and with colours (``path`` with ``.ansi``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(x.rstrip() for x in term.screen().splitlines()).rstrip() + "\n",
                    encoding="utf-8")
    path.with_suffix(".ansi").write_text(term.screen(colours=True), encoding="utf-8")
