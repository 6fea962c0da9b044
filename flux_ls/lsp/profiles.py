"""Path profiles in the editor: which profile belongs to a document, read when it changes.

The setting ``flux.profile.path`` (initialization option ``{"profile": {"path": …}}`` or
``{"flux.profile.path": …}``, or ``workspace/didChangeConfiguration`` with
``{"flux": {"profile": {"path": …}}}``) names the profile; relative to the document's
project (the nearest directory above it with a ``flux.toml``, else the document's
directory); default ``.flux-build/profile.json``, where ``flux run --profile`` writes. A
profile is read again whenever its size or modification time changes (a stat per request),
and the workspace's file watcher (``lsp/workspace.py``, registered dynamically) also watches
``**/<file name of the profile>``, so that the server asks the client to refresh its code
lenses at once when a profile changes. A profile that cannot be
read is logged and ignored; one of another version of the program is shown as stale by the
features (``flux_ls.profile.editor``). The server only reads the file: it never runs the
program.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.uris import to_fs_path

from ..profile import DEFAULT_PATH

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..profile.overlay import Traffic
    from ..profile.schema import Profile
    from .server import FluxServer

log = logging.getLogger(__name__)


def traffic_of(server: FluxServer, analysis: Analysis) -> tuple[Profile, Traffic] | None:
    """The profile of an analysed document laid over its graph (in the executor), or None."""
    from ..graph import build
    from ..profile.overlay import traffic

    if analysis.errors:
        return None
    profile = server.profiles.load(analysis.path)
    if profile is None:
        return None
    return profile, traffic(profile, build(analysis))


def setting_of(options: Any) -> str | None:
    """``flux.profile.path`` from initialization options or configuration settings."""
    if not isinstance(options, dict):
        return None
    value = options.get("flux.profile.path")
    if value is None:
        node = options.get("flux", options)
        node = node.get("profile") if isinstance(node, dict) else None
        value = node.get("path") if isinstance(node, dict) else None
    return value if isinstance(value, str) and value else None


def project_of(path: str) -> str:
    directory = os.path.dirname(os.path.abspath(path))
    here = directory
    while True:
        if os.path.isfile(os.path.join(here, "flux.toml")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return directory
        here = parent


class Profiles:
    def __init__(self, server: FluxServer) -> None:
        self.server = server
        self.setting: str | None = None
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[int, int], Profile | None]] = {}

    def configure(self, options: Any) -> None:
        setting = setting_of(options)
        if setting != self.setting:
            self.setting = setting
            self.refresh_clients()

    def path_for(self, document: str) -> str:
        chosen = os.path.expanduser(self.setting or DEFAULT_PATH)
        if os.path.isabs(chosen):
            return chosen
        return os.path.join(project_of(document), chosen)

    def load(self, document: str) -> Profile | None:
        """The profile of a document's program, or None (runs in the executor)."""
        from ..profile.schema import ProfileError, load

        path = self.path_for(document)
        try:
            info = os.stat(path)
        except OSError:
            return None
        stamp = (info.st_mtime_ns, info.st_size)
        with self._lock:
            cached = self._cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        profile: Profile | None
        try:
            with open(path, "rb") as file:
                profile = load(file.read())
        except (OSError, ProfileError) as error:
            log.warning("profile %s cannot be read: %s", path, error)
            profile = None
        with self._lock:
            self._cache[path] = (stamp, profile)
        return profile

    def refresh_clients(self) -> None:
        if self.server.client_supports("workspace.code_lens.refresh_support"):
            self.server.workspace_code_lens_refresh(None)

    def changed(self, params: types.DidChangeWatchedFilesParams) -> None:
        name = os.path.basename(self.setting or DEFAULT_PATH)
        if any((to_fs_path(c.uri) or "").endswith(os.sep + name) for c in params.changes):
            self.refresh_clients()

    def glob(self) -> str:
        """The profile files the workspace's file watcher also watches (lsp/workspace.py)."""
        return f"**/{os.path.basename(self.setting or DEFAULT_PATH)}"


def register(server: FluxServer) -> None:
    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(params: types.DidChangeConfigurationParams) -> None:
        server.profiles.configure(params.settings)
