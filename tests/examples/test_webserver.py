"""examples/webserver built with ``flux build`` and driven by real HTTP clients, in every runtime.

Responses, keep-alive, HEAD, pipelining, the error statuses answered by the program's error
handlers (400, 403, 404, 405, 414, 431), paths that try to escape the document root, the
file cache (hits, misses, changes on disk, files too large to cache), clients that close
mid-request, and descriptors and memory after 10,000 connections.
"""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from example_support import Builder, Server, concurrently

ONE_K = bytes((i * 7 + 13) % 251 for i in range(1024))
MID = bytes((i * 17 + 3) % 241 for i in range(40 * 1024))    # cached, sent with sendfile
BIG = bytes((i * 31 + 7) % 253 for i in range(200 * 1024))    # too large to cache


@pytest.fixture
def docroot(tmp_path: Path) -> Path:
    root = tmp_path / "www"
    (root / "sub").mkdir(parents=True)
    (root / "index.html").write_text("<h1>home</h1>\n")
    (root / "sub" / "index.html").write_text("<h1>sub</h1>\n")
    (root / "1k.html").write_bytes(ONE_K)
    (root / "style.css").write_text("body { margin: 0 }\n")
    (root / "mid.bin").write_bytes(MID)
    (root / "big.bin").write_bytes(BIG)
    (root / "a b.txt").write_text("space\n")
    (tmp_path / "secret.txt").write_text("outside the document root\n")
    (root / "escape").symlink_to(tmp_path)
    return root


@pytest.fixture
def server(build_example: Builder, runtime: str, docroot: Path) -> Iterator[Server]:
    binary = build_example("webserver")
    with Server(binary, runtime, ["--port", "0", "--root", str(docroot), "--cache-ttl-ms", "0",
                                  "--cache-file-kb", "64"]) as running:
        yield running


def get(server: Server, path: str, method: str = "GET",
        headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def read_response(reader: BinaryIO, head_only: bool = False
                  ) -> tuple[int, dict[str, str], bytes]:
    """One response from a buffered reader: (status, headers with lower-case names, body)."""
    status_line = reader.readline()
    assert status_line.startswith(b"HTTP/1.1 "), status_line
    headers = {}
    while (line := reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = 0 if head_only else int(headers.get("content-length", "0"))
    return int(status_line.split()[1]), headers, reader.read(length)


def raw(server: Server, data: bytes, responses: int = 1) -> list[tuple[int, dict[str, str], bytes]]:
    """Sends bytes as they are; reads `responses` responses (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(data)
        reader = sock.makefile("rb")
        head_only = data.startswith(b"HEAD ")
        return [read_response(reader, head_only) for _ in range(responses)]


def closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(10)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def test_serves_files_with_type_length_and_cache_status(server: Server) -> None:
    first = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    first.request("GET", "/1k.html")
    response = first.getresponse()
    assert (response.status, response.read()) == (200, ONE_K)
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Content-Length") == "1024"
    assert response.getheader("X-Cache") == "miss"
    assert response.getheader("Date") and response.getheader("Last-Modified")
    first.request("GET", "/1k.html")
    again = first.getresponse()
    assert (again.read(), again.getheader("X-Cache")) == (ONE_K, "hit")
    css = get(server, "/style.css")
    assert css.getheader("Content-Type") == "text/css"
    assert get(server, "/a%20b.txt").status == 200


def test_directories_are_served_by_their_index(server: Server) -> None:
    for path, body in (("/", b"<h1>home</h1>\n"), ("/sub/", b"<h1>sub</h1>\n"),
                       ("/sub/./", b"<h1>sub</h1>\n"), ("/sub/../", b"<h1>home</h1>\n")):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", path)
        response = conn.getresponse()
        assert (response.status, response.read()) == (200, body), path


def test_keep_alive_serves_many_requests_on_one_connection(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.connect()
    sock = conn.sock
    for _ in range(50):
        conn.request("GET", "/1k.html")
        response = conn.getresponse()
        assert response.read() == ONE_K and not response.will_close
    assert conn.sock is sock


def test_head_has_the_headers_and_no_body(server: Server) -> None:
    [(status, headers, _)] = raw(server, b"HEAD /1k.html HTTP/1.1\r\nHost: t\r\n\r\n")
    assert status == 200 and headers["content-length"] == "1024"
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"HEAD /1k.html HTTP/1.1\r\nHost: t\r\n\r\nGET /style.css HTTP/1.1\r\n"
                     b"Host: t\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    assert data.count(b"HTTP/1.1 200 OK") == 2
    assert data.endswith(b"body { margin: 0 }\n"), "HEAD sent a body"


def test_pipelined_requests_are_answered_in_order(server: Server) -> None:
    request = b"GET /%s HTTP/1.1\r\nHost: t\r\n\r\n"
    answers = raw(server, request % b"1k.html" + request % b"style.css" + request % b"nope", 3)
    assert [a[0] for a in answers] == [200, 200, 404]
    assert answers[0][2] == ONE_K and answers[1][2] == b"body { margin: 0 }\n"


def test_connection_close_and_http10_close_the_connection(server: Server) -> None:
    for head in (b"GET /1k.html HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                 b"GET /1k.html HTTP/1.0\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(head)
            response = http.client.HTTPResponse(sock)
            response.begin()
            assert response.read() == ONE_K and response.will_close
            assert closed_by_server(sock)
    keep = b"GET /1k.html HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"   # HTTP/1.0 keep-alive
    answers = raw(server, keep * 2, 2)
    assert [(status, headers["connection"], body) for status, headers, body in answers] == [
        (200, "keep-alive", ONE_K)] * 2


@pytest.mark.parametrize(("request_bytes", "status"), [
    (b"GET /nope.html HTTP/1.1\r\nHost: t\r\n\r\n", 404),
    (b"GET /sub HTTP/1.1\r\nHost: t\r\n\r\n", 404),              # a directory without '/'
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /1k.html\r\nHost: t\r\n\r\n", 400),                    # no version
    (b"GET /1k.html HTTP/1.1\r\n\r\n", 400),                      # HTTP/1.1 without Host
    (b"GET /1k.html HTTP/1.1\r\nHost: t\r\nBad Header\r\n\r\n", 400),
    (b"GET /1k.html HTTP/1.1\r\nHost: t\r\n folded\r\n\r\n", 400),
    (b"GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    (b"GET /1k.html HTTP/2.0\r\nHost: t\r\n\r\n", 505),
    (b"POST /1k.html HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 405),
    (b"DELETE /1k.html HTTP/1.1\r\nHost: t\r\n\r\n", 405),
    (b"GET /" + b"a" * 3000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", 414),
    (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", 414),  # longer than the buffer
    (b"GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", 431),
])
def test_errors_are_answered_by_the_handlers(server: Server, request_bytes: bytes,
                                             status: int) -> None:
    [(got, headers, body)] = raw(server, request_bytes)
    assert got == status
    assert body.startswith(str(status).encode())
    if status == 405:
        assert headers["allow"] == "GET, HEAD"


def test_the_connection_survives_a_404_and_a_405(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    for method, path, status in (("GET", "/nope", 404), ("PUT", "/x", 405),
                                 ("GET", "/1k.html", 200)):
        conn.request(method, path)
        response = conn.getresponse()
        response.read()
        assert response.status == status and not response.will_close


@pytest.mark.parametrize("path", [
    b"/../secret.txt", b"/sub/../../secret.txt", b"/%2e%2e/secret.txt", b"/%2E%2E%2Fsecret.txt",
    b"/escape/secret.txt",                                        # a symlink out of the root
])
def test_paths_escaping_the_document_root_are_refused(server: Server, path: bytes) -> None:
    [(status, _, body)] = raw(server, b"GET " + path + b" HTTP/1.1\r\nHost: t\r\n\r\n")
    assert status == 403
    assert b"outside" not in body


def test_a_changed_file_is_read_again(server: Server, docroot: Path) -> None:
    assert get(server, "/style.css").getheader("X-Cache") == "miss"
    assert get(server, "/style.css").getheader("X-Cache") == "hit"
    (docroot / "style.css").write_text("p { color: red; margin: 1px }\n")
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/style.css")
    response = conn.getresponse()
    assert response.read() == b"p { color: red; margin: 1px }\n"
    assert response.getheader("X-Cache") == "miss"
    (docroot / "style.css").unlink()
    assert get(server, "/style.css").status == 404


def test_large_cached_files_are_sent_whole(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    for cache in ("miss", "hit", "hit"):
        conn.request("GET", "/mid.bin")
        response = conn.getresponse()
        assert (response.read(), response.getheader("X-Cache")) == (MID, cache)
    conn.request("HEAD", "/mid.bin")
    response = conn.getresponse()
    assert (response.read(), response.getheader("Content-Length")) == (b"", str(len(MID)))
    conn.request("GET", "/1k.html")
    assert conn.getresponse().read() == ONE_K


def test_files_larger_than_the_cache_limit_are_sent_whole(server: Server) -> None:
    for _ in range(2):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", "/big.bin")
        response = conn.getresponse()
        assert response.read() == BIG
        assert response.getheader("X-Cache") == "miss"    # never cached
        assert response.getheader("Content-Type") == "application/octet-stream"


def test_clients_closing_mid_request_do_not_disturb_the_server(server: Server) -> None:
    get(server, "/1k.html")
    baseline = server.open_fds()
    for partial in (b"GET /1k.ht", b"GET /1k.html HTTP/1.1\r\nHost: t\r\n", b"G"):
        for _ in range(20):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            sock.sendall(partial)
            sock.close()
    # A client that goes away without reading a large response.
    for _ in range(5):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        sock.sendall(b"GET /big.bin HTTP/1.1\r\nHost: t\r\n\r\n")
        sock.close()
    assert get(server, "/1k.html").status == 200
    assert server.settle(baseline) <= baseline


def test_concurrent_clients_are_all_served(server: Server) -> None:
    def client(_: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        for i in range(40):
            path = ("/1k.html", "/mid.bin", "/big.bin")[i % 3]
            conn.request("GET", path)
            body = conn.getresponse().read()
            assert body == {"/1k.html": ONE_K, "/mid.bin": MID, "/big.bin": BIG}[path], (
                f"wrong body of {len(body)} bytes for {path}")

    concurrently(16, client)


def test_descriptors_and_memory_return_after_10000_connections(server: Server) -> None:
    def connections(count: int, workers: int = 8) -> None:
        request = b"GET /1k.html HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"

        def worker(_: int) -> None:
            for i in range(count // workers):
                with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                    if i % 10 == 9:            # now and then a keep-alive client that
                        s.sendall(request[:-21] + b"\r\n")  # just hangs up
                        s.recv(2048)
                        continue
                    s.sendall(request)
                    data = b""
                    while chunk := s.recv(65536):
                        data += chunk
                    assert data.endswith(ONE_K)

        concurrently(workers, worker)

    connections(800)                                   # warm up: caches, pools, arenas
    fds, rss = server.settle(0, timeout=0.5), server.rss_kib()
    connections(10_000)
    assert server.settle(fds) <= fds
    assert server.rss_kib() <= rss + 8 * 1024, (rss, server.rss_kib())
    assert server.proc.poll() is None, "the server exited"
