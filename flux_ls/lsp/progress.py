"""Work-done progress ($/progress) for long jobs, a no-op when there is no token.

A request may bring its own ``workDoneToken`` (``Progress(server, token, title)``); a job the
server starts itself (the workspace scan) asks the client for a token first
(``await Progress.create(...)``, only when the client supports ``window.workDoneProgress``).
Reports are sent only when the percentage moves, so a scan of many small files does not
flood the client.
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from .server import FluxServer

log = logging.getLogger(__name__)
_tokens = itertools.count(1)


class Progress:
    def __init__(self, server: FluxServer, token: types.ProgressToken | None, title: str) -> None:
        self.server, self.token, self.title = server, token, title
        self._percentage = -1

    @staticmethod
    async def create(server: FluxServer, title: str) -> Progress:
        """Server-initiated progress (``window/workDoneProgress/create``) if the client can."""
        if not server.client_supports("window.work_done_progress"):
            return Progress(server, None, title)
        token = f"flux-ls/{next(_tokens)}"
        try:
            await server.work_done_progress.create_async(token)
        except Exception as error:  # the client refused: carry on without progress
            log.info("no progress for %s: %s", title, error)
            return Progress(server, None, title)
        return Progress(server, token, title)

    def begin(self, message: str | None = None) -> None:
        if self.token is not None:
            self.server.work_done_progress.begin(self.token, types.WorkDoneProgressBegin(
                title=self.title, message=message, percentage=0, cancellable=False))

    def report(self, done: int, total: int, message: str | None = None) -> None:
        percentage = 100 * done // total if total else 100
        if self.token is None or percentage == self._percentage:
            return
        self._percentage = percentage
        self.server.work_done_progress.report(self.token, types.WorkDoneProgressReport(
            message=message, percentage=percentage))

    def end(self, message: str | None = None) -> None:
        if self.token is not None:
            self.server.work_done_progress.end(self.token,
                                               types.WorkDoneProgressEnd(message=message))
