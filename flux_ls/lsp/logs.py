"""Where the server's logs go: the client (``window/logMessage``) and ``--log-file``.

Never standard output: that is the protocol channel. ``flux_ls.*`` records go to the client
at the chosen level; every record (pygls' too) goes to the log file when there is one.
pygls logs each message it sends at INFO, so its logger stays at WARNING unless the level
is ``debug`` — and it is never forwarded to the client (a log message about sending a log
message would never end). Records from worker threads reach the client through the event
loop, which owns the connection.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # asyncio costs ~60 ms to import: not before the early initialize answer
    import asyncio
    from collections.abc import Callable

LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO,
          "debug": logging.DEBUG}
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

#: LSP ``MessageType`` numbers: Error 1, Warning 2, Info 3, Log 4.
_MESSAGE_TYPES = ((logging.ERROR, 1), (logging.WARNING, 2), (logging.INFO, 3))


def message_type(levelno: int) -> int:
    for level, kind in _MESSAGE_TYPES:
        if levelno >= level:
            return kind
    return 4


class ClientHandler(logging.Handler):
    """Forwards records to the client once a sender and its event loop are attached."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.send: Callable[[int, str], None] | None = None
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def attach(self, loop: asyncio.AbstractEventLoop, send: Callable[[int, str], None]) -> None:
        self.loop, self.send = loop, send

    def emit(self, record: logging.LogRecord) -> None:
        loop, send = self.loop, self.send
        if loop is None or send is None or loop.is_closed():
            return
        try:
            text = self.format(record)
            loop.call_soon_threadsafe(self._deliver, send, message_type(record.levelno), text)
        except Exception:  # never let logging take the server down
            self.handleError(record)

    @staticmethod
    def _deliver(send: Callable[[int, str], None], kind: int, text: str) -> None:
        try:
            send(kind, text)
        except Exception:  # the connection may be gone; the file still has the record
            pass


def setup(level_name: str, log_file: str | None) -> ClientHandler:
    """Configure logging for one server process and return the client handler."""
    level = LEVELS[level_name]
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    if log_file:
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
        file_handler.setLevel(level)
        file_handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(file_handler)
    else:
        root.addHandler(logging.NullHandler())  # no stderr fallback for warnings
    logging.getLogger("pygls").setLevel(logging.DEBUG if level <= logging.DEBUG
                                        else logging.WARNING)
    client = ClientHandler(level)
    flux = logging.getLogger("flux_ls")
    flux.setLevel(level)
    flux.addHandler(client)
    return client
