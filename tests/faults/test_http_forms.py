"""Request forms the web server mishandled (issue 9, items 7 and 8).

``GET https://x/hello.txt`` (absolute-form, RFC 9112 §3.2.2) was answered 404 while the
``http://`` form worked: the authority was skipped from the wrong offset. Requests whose lines
end with a bare LF got no answer at all, only a close after the partial-request timeout; they
are answered now, as nginx answers them (RFC 9112 §2.2 allows a recipient to accept a bare LF
as a line terminator). The image server shares the framing and answers them too.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from example_support import Builder, Server


@pytest.fixture
def server(build_example: Builder, runtime: str, tmp_path: Path) -> Iterator[Server]:
    (tmp_path / "hello.txt").write_text("hello\n")
    (tmp_path / "index.html").write_text("home\n")
    with Server(build_example("webserver"), runtime, ["--port", "0", "--root", str(tmp_path),
                                                      "--request-timeout-s", "5"]) as s:
        yield s


def exchange(port: int, data: bytes) -> bytes:
    """Sends data, then reads until the server closes (every request says close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


@pytest.mark.parametrize("target", [b"https://x/hello.txt", b"HTTPS://x:443/hello.txt",
                                    b"http://x/hello.txt", b"https://x/hello.txt?q=1"])
def test_absolute_form_targets(server: Server, target: bytes) -> None:
    answer = exchange(server.port, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n"
                                   b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200 OK") and answer.endswith(b"\r\n\r\nhello\n")


def test_absolute_form_without_a_path_is_the_root(server: Server) -> None:
    answer = exchange(server.port, b"GET https://x HTTP/1.1\r\nHost: x\r\nConnection: close"
                                   b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200 OK") and answer.endswith(b"home\n")


@pytest.mark.parametrize("request_bytes", [
    b"GET /hello.txt HTTP/1.1\nHost: x\nConnection: close\n\n",
    b"GET /hello.txt HTTP/1.1\r\nHost: x\nConnection: close\r\n\n",
    b"\nGET /hello.txt HTTP/1.1\nHost: x\nConnection: close\n\n",
    b"GET /hello.txt HTTP/1.0\n\n",
])
def test_lines_ending_in_a_bare_lf_are_answered(server: Server, request_bytes: bytes) -> None:
    answer = exchange(server.port, request_bytes)
    assert answer.startswith(b"HTTP/1.1 200 OK") and answer.endswith(b"\r\n\r\nhello\n")


def test_pipelined_bare_lf_requests_are_answered_in_order(server: Server) -> None:
    answer = exchange(server.port, b"GET /hello.txt HTTP/1.1\nHost: x\n\n"
                                   b"GET / HTTP/1.1\nHost: x\nConnection: close\n\n")
    first, _, second = answer.partition(b"hello\n")
    assert first.startswith(b"HTTP/1.1 200 OK") and second.startswith(b"HTTP/1.1 200 OK")
    assert second.endswith(b"home\n")


def test_a_bare_cr_is_still_refused(server: Server) -> None:
    answer = exchange(server.port, b"GET /hello.txt HTTP/1.1\nHost: x\rEvil: 1\n\n")
    assert answer.startswith(b"HTTP/1.1 400 Bad Request")


def test_the_image_server_answers_bare_lf_requests(build_example: Builder, runtime: str,
                                                   tmp_path: Path) -> None:
    args = ["--port", "0", "--images", str(tmp_path)]
    with Server(build_example("imageserver"), runtime, args) as server:
        answer = exchange(server.port, b"GET /missing.png HTTP/1.1\nHost: x\n"
                                       b"Connection: close\n\n")
        assert answer.startswith(b"HTTP/1.1 404 Not Found")
