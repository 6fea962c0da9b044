"""``flux-ls``: the Flux language server's command line (stdio is the only transport).

Start-up stays lean: the ``initialize`` request is answered before pygls and lsprotocol are
imported (``handshake``), and the analysis is imported in the background after
``initialized`` (or when the first document arrives).
Standard output belongs to the protocol: before the server starts, ``sys.stdout`` is pointed
at standard error so no stray ``print`` can corrupt a message. Exit status: 0 after
``shutdown`` + ``exit`` or when the client closes standard input, 1 on ``exit`` without
``shutdown`` (as LSP asks), 2 on a bad command line.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from typing import Any

DESCRIPTION = """\
The Flux language server: diagnostics, navigation, completion, formatting and the program
graph of Flux programs for any editor that speaks the Language Server Protocol.

The client talks to it over standard input and output (--stdio, the default). Logs go to
the client (window/logMessage) and to --log-file, never to standard output.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flux-ls", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"flux-ls {__version__}")
    parser.add_argument("--stdio", action="store_true",
                        help="talk LSP over standard input/output (the default)")
    parser.add_argument("--log-level", choices=("error", "warning", "info", "debug"),
                        default="info", help="the least severe messages logged (default: info)")
    parser.add_argument("--log-file", metavar="PATH",
                        help="also append logs to PATH (pygls' own logs included)")
    parser.add_argument("--clientProcessId", "--client-process-id", dest="client_pid",
                        type=int, metavar="PID", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but protocol messages may reach the real stdout

    from . import logs

    try:
        client_log = logs.setup(args.log_level, args.log_file)
    except OSError as error:
        print(f"flux-ls: error: cannot open the log file: {error}", file=sys.stderr)
        return 2

    from . import handshake

    first, message = handshake.read_message(stdin)
    if not first:
        return 0  # the client went away before saying anything
    out: Any = stdout
    if handshake.is_initialize(message):  # answer now; pygls is still to be imported
        result = handshake.initialize_result(message.get("params"))
        stdout.write(handshake.frame({"jsonrpc": "2.0", "id": message["id"], "result": result}))
        stdout.flush()
        out = handshake.SkipResponse(stdout, message["id"], result)

    from .server import create_server

    server = create_server(client_log)
    status = server.run(handshake.Replay(first, stdin), out)
    import logging

    logging.shutdown()  # flush the log file
    sys.stderr.flush()
    os._exit(status)  # worker threads may be mid-analysis or blocked on stdin: do not wait


if __name__ == "__main__":
    sys.exit(main())
