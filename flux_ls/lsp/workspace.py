"""The workspace index: every Flux file under the workspace folders, analysed from disk.

Open documents always win: the index holds what is on disk, for files the editor has not
opened — for workspace diagnostics (pulled, or pushed without a version), workspace symbols
and requests about closed files. The scan starts at ``initialized`` (off the event loop,
with work-done progress when the client supports it), skips hidden directories like
``flux check`` does (and ``node_modules``, ``__pycache__``, ``site-packages``) and does not
follow symbolic links to directories. Files stay fresh
through ``workspace/didChangeWatchedFiles`` (the watcher is registered dynamically when the
client supports that; otherwise clients like VS Code send the events they are configured to
send) and ``workspace/didChangeWorkspaceFolders``. A file is re-analysed only when its
modification time or size changed. Only regular files are read, at most
``FLUX_MAX_FILE_SIZE`` bytes (8 MiB), as ``flux check`` reads them (``cli/files.py``).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Coroutine, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path

from .diagnostics import encoded, publish
from .documents import Analysed, analyze_document
from .positions import Encoding, Lines
from .progress import Progress

if TYPE_CHECKING:
    from .server import FluxServer

log = logging.getLogger(__name__)

SUFFIXES = (".flux", ".fx")       # as ``flux check`` (cli/files.py)
MAX_FILES = 5000                  # a workspace with more Flux files than this is not indexed whole
MAX_DIRECTORIES = 50_000          # nor is one whose folders take longer than this to walk
SKIPPED = frozenset({"node_modules", "__pycache__", "site-packages"})
WATCHERS = ("**/*.flux", "**/*.fx")


@dataclass(eq=False)
class Entry:
    path: str
    uri: str
    stamp: tuple[int, int]         # (mtime_ns, size) when it was read
    result: Analysed


def list_files(roots: Iterable[str]) -> list[str]:
    """The Flux files under ``roots`` (sorted, each once, at most ``MAX_FILES``)."""
    found: dict[str, str] = {}
    walked = 0
    for root in roots:
        for directory, dirs, files in os.walk(root):
            walked += 1
            if walked > MAX_DIRECTORIES:
                log.warning("more than %d directories: indexing stops here", MAX_DIRECTORIES)
                return sorted(found.values())
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED)
            for name in files:
                if name.endswith(SUFFIXES):
                    path = os.path.join(directory, name)
                    found.setdefault(os.path.realpath(path), path)
                    if len(found) >= MAX_FILES:
                        log.warning("more than %d Flux files: indexing stops here", MAX_FILES)
                        return sorted(found.values())
    return sorted(found.values())


def stamp_of(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def load(path: str, encoding: Encoding, previous: Analysed | None) -> Entry | None:
    """Read and analyse one file (in the executor); None when it is not readable Flux text.
    As ``flux check``, only regular files up to ``FLUX_MAX_FILE_SIZE`` (8 MiB) are read: a
    FIFO named ``*.flux`` would block the executor, a link to ``/dev/zero`` never ends."""
    from ..cli.files import InputError, read
    from ..syntax.parse import parse

    stamp = stamp_of(path)
    if stamp is None:
        return None
    try:
        data = read(path).data
    except InputError as error:
        log.info("not indexed: %s", error)
        return None
    uri = from_fs_path(path) or path
    analysis = analyze_document(parse(data), path,
                                previous.analysis if previous is not None else None)
    lines = Lines(data, encoding)
    result = Analysed(uri, 0, None, analysis, lines)
    encoded(result)  # converted here, in the executor
    return Entry(path, uri, stamp, result)


class WorkspaceIndex:
    def __init__(self, server: FluxServer) -> None:
        self.server = server
        self._entries: dict[str, Entry] = {}
        self._scan: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[object]] = set()
        self._loading: dict[str, asyncio.Lock] = {}  # one refresh of a path at a time

    def entries(self) -> list[Entry]:
        return sorted(self._entries.values(), key=lambda e: e.path)

    def roots(self) -> list[str]:
        folders = self.server.workspace.folders.values()
        paths = [to_fs_path(f.uri) for f in folders]
        if not folders and self.server.workspace.root_path:
            paths = [self.server.workspace.root_path]
        return [p for p in paths if p and os.path.isdir(p)]

    def under_roots(self, path: str) -> bool:
        real = os.path.realpath(path)
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep)
                   for r in map(os.path.realpath, self.roots()))

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> None:
        self._scan = asyncio.ensure_future(self._scan_all())

    def stop(self) -> None:
        for task in [self._scan, *self._tasks]:
            if task is not None:
                task.cancel()

    async def ready(self) -> None:
        """Wait for the scan and for the file events received so far to be indexed."""
        pending = [t for t in (self._scan, *self._tasks) if t is not None and not t.done()]
        if pending:
            await asyncio.shield(asyncio.gather(*pending, return_exceptions=True))

    def _spawn(self, coro: Coroutine[Any, Any, object]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- scanning ------------------------------------------------------------------------------

    async def _scan_all(self) -> None:
        try:
            await self._watch()
            roots = self.roots()
            if not roots:
                return
            progress = await Progress.create(self.server, "Indexing Flux files")
            progress.begin()
            paths = await self.server.in_executor(list_files, roots)
            loaded: list[Entry] = []
            for done, path in enumerate(paths, 1):
                entry = await self.refresh(path, publish=False)
                if entry is not None:
                    loaded.append(entry)
                progress.report(done, len(paths))
            progress.end(f"{len(self._entries)} Flux files")
            log.info("indexed %d Flux files under %s", len(self._entries), ", ".join(roots))
            # What the scan read and nobody has re-read since: a file a watcher event refreshed
            # during the scan was published then, and publishing it again would repeat it.
            self._announce([e for e in loaded if self._entries.get(e.path) is e])
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("indexing the workspace failed")

    async def _watch(self) -> None:
        if not self.server.client_supports(
                "workspace.did_change_watched_files.dynamic_registration"):
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g)
                      for g in (*WATCHERS, self.server.profiles.glob())])
        registration = types.Registration(id="flux-ls/watched-files",
                                          method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                          register_options=options)
        try:
            await self.server.client_register_capability_async(
                types.RegistrationParams(registrations=[registration]))
        except Exception as error:
            log.warning("the client refused the file watcher: %s", error)

    async def refresh(self, path: str, publish: bool = True) -> Entry | None:
        """Re-read ``path`` if it changed on disk (or drop it if it is gone); the new entry,
        or None when nothing was read. Refreshes of one path run one at a time, so a slow
        read (the scan's) never overwrites a newer one (a watcher event's)."""
        async with self._loading.setdefault(path, asyncio.Lock()):
            return await self._refresh(path, publish)

    async def _refresh(self, path: str, publish: bool) -> Entry | None:
        old = self._entries.get(path)
        stamp = await self.server.in_executor(stamp_of, path)
        if stamp is None:
            self.remove(path)
            return None
        if old is not None and old.stamp == stamp:
            return None
        entry = await self.server.in_executor(load, path, self.server.documents.encoding,
                                              old.result if old else None)
        if entry is None:
            self.remove(path)
            return None
        self._entries[path] = entry
        if publish:
            self._announce([entry])
        return entry

    def remove(self, path: str) -> None:
        prefix = path.rstrip(os.sep) + os.sep
        gone = [p for p in self._entries if p == path or p.startswith(prefix)]
        for p in gone:
            entry = self._entries.pop(p)
            if not self.server.pull_diagnostics and not self._is_open(p):
                publish(self.server, entry.uri, None)
        if gone:
            self._refresh_pulls()

    def _is_open(self, path: str) -> bool:
        return any(doc.path == path for doc in self.server.documents)

    def _announce(self, entries: list[Entry]) -> None:
        """Tell the client about new results: publish them (push) or ask it to pull."""
        if self.server.pull_diagnostics:
            self._refresh_pulls()
            return
        for entry in entries:
            if not self._is_open(entry.path):
                publish(self.server, entry.uri, entry.result)

    def _refresh_pulls(self) -> None:
        if self.server.pull_diagnostics and self.server.client_supports(
                "workspace.diagnostics.refresh_support"):
            self.server.workspace_diagnostic_refresh(None)

    # -- lookups -------------------------------------------------------------------------------

    async def analysed(self, uri: str) -> Analysed | None:
        """The indexed analysis of a file that is not open (read on demand if need be)."""
        path = to_fs_path(uri)
        if path is None:
            return None
        entry = self._entries.get(path)
        if entry is None and path.endswith(SUFFIXES):
            entry = await self.server.in_executor(load, path, self.server.documents.encoding,
                                                  None)
            if entry is not None and self.under_roots(path):
                self._entries[path] = entry
        return entry.result if entry is not None else None

    # -- events --------------------------------------------------------------------------------

    def changed_files(self, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = to_fs_path(change.uri)
            if path is None:
                continue
            if change.type == types.FileChangeType.Deleted:
                self.remove(path)
            elif path.endswith(SUFFIXES):
                self._spawn(self.refresh(path))

    def closed(self, path: str, uri: str) -> None:
        """A document was closed: what is on disk is what counts now."""
        self._spawn(self._reload_closed(path, uri))

    async def _reload_closed(self, path: str, uri: str) -> None:
        if self.under_roots(path) and path.endswith(SUFFIXES):
            self._entries.pop(path, None)  # the editor may have left unsaved changes behind
            await self.refresh(path)
        if path not in self._entries and not self.server.pull_diagnostics \
                and not self._is_open(path):
            publish(self.server, uri, None)

    def folders_changed(self, params: types.DidChangeWorkspaceFoldersParams) -> None:
        for folder in params.event.removed:
            root = to_fs_path(folder.uri)
            if root:
                self.remove(root)
        added = [p for f in params.event.added if (p := to_fs_path(f.uri))]
        if added:
            self._spawn(self._scan_more(added))

    async def _scan_more(self, roots: list[str]) -> None:
        for path in await self.server.in_executor(list_files, roots):
            await self.refresh(path)


def register(server: FluxServer) -> None:
    index = server.index

    @server.notification(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        index.changed_files(params)
        server.profiles.changed(params)

    @server.notification(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def workspace_folders(params: types.DidChangeWorkspaceFoldersParams) -> None:
        index.folders_changed(params)

    server.on_document_closed.append(lambda doc: index.closed(doc.path, doc.uri))
