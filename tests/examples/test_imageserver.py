"""examples/imageserver built with ``flux build`` and driven over HTTP, in every runtime.

The test writes PPM images, asks for them at every scale and decodes the PNGs it gets back
(zlib and the PNG filter in Python), comparing every pixel with a box filter computed here;
a second request for the same image and scale must be a cache hit (the predicate-type
dispatch skips rendering), and the errors are answered by the program's handlers.
"""

from __future__ import annotations

import http.client
import random
import socket
import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from example_support import Builder, Server, concurrently

SIZES = {"gradient": (123, 77), "tiny": (3, 2), "wide": (257, 9)}


def pixels(name: str, width: int, height: int) -> bytes:
    seed = sum(map(ord, name))
    return bytes(value % 256 for y in range(height) for x in range(width)
                 for value in (x * 3 + seed, y * 5 + seed, (x ^ y) * 7 + seed))


def ppm(width: int, height: int, rgb: bytes) -> bytes:
    return b"P6\n# written by the test\n%d %d\n255\n" % (width, height) + rgb


def box_filter(rgb: bytes, width: int, height: int, k: int) -> tuple[int, int, bytes]:
    """Each output pixel: the rounded mean of a k x k block, clipped at the edges."""
    out_w, out_h = -(-width // k), -(-height // k)
    out = bytearray()
    for y in range(out_h):
        rows = range(y * k, min(y * k + k, height))
        for x in range(out_w):
            cols = range(x * k, min(x * k + k, width))
            n = len(rows) * len(cols)
            for c in range(3):
                total = sum(rgb[(yy * width + xx) * 3 + c] for yy in rows for xx in cols)
                out.append((total + n // 2) // n)
    return out_w, out_h, bytes(out)


def decode_png(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, RGB) of an 8-bit RGB PNG; checks the signature and every CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    chunks = []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append(kind)
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            assert body[8:] == b"\x08\x02\x00\x00\x00"  # 8-bit RGB, no interlace
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND"
    raw, row, out = zlib.decompress(idat), width * 3, bytearray()
    for y in range(height):
        filter_type = raw[y * (row + 1)]
        line = bytearray(raw[y * (row + 1) + 1:(y + 1) * (row + 1)])
        if filter_type == 1:  # Sub
            for i in range(3, row):
                line[i] = (line[i] + line[i - 3]) % 256
        else:
            assert filter_type == 0
        out += line
    return width, height, bytes(out)


@pytest.fixture
def images(tmp_path: Path) -> Path:
    folder = tmp_path / "images"
    folder.mkdir()
    for name, (width, height) in SIZES.items():
        (folder / f"{name}.ppm").write_bytes(ppm(width, height, pixels(name, width, height)))
    (folder / "broken.ppm").write_bytes(b"P6\n10 10\n255\n" + b"\0" * 17)  # too short
    return folder


@pytest.fixture
def server(build_example: Builder, runtime: str, images: Path) -> Iterator[Server]:
    binary = build_example("imageserver")
    with Server(binary, runtime, ["--port", "0", "--images", str(images)]) as running:
        yield running


def fetch(conn: http.client.HTTPConnection, path: str,
          method: str = "GET") -> tuple[int, str | None, bytes]:
    conn.request(method, path)
    response = conn.getresponse()
    return response.status, response.getheader("X-Cache"), response.read()


@pytest.mark.parametrize("scale", [1, 2, 4, 8])
def test_every_scale_renders_the_box_filtered_image(server: Server, scale: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    for name, (width, height) in SIZES.items():
        status, cache, body = fetch(conn, f"/{name}.png?scale={scale}")
        assert (status, cache) == (200, "miss")
        expected = box_filter(pixels(name, width, height), width, height, scale)
        assert decode_png(body) == expected, (name, scale)


def test_a_second_request_is_a_cache_hit_with_the_same_bytes(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    status, cache, first = fetch(conn, "/gradient.png?scale=2")
    assert (status, cache) == (200, "miss")
    assert fetch(conn, "/gradient.png?scale=2") == (200, "hit", first)
    assert fetch(conn, "/gradient.png")[1] == "miss"        # another scale is another entry
    assert fetch(conn, "/gradient.png?scale=1")[1] == "hit"  # scale 1 is the default


def test_concurrent_requests_for_the_same_images(server: Server) -> None:
    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        for i in range(12):
            name = list(SIZES)[(i + offset) % len(SIZES)]
            scale = (1, 2, 4, 8)[(i + offset) % 4]
            status, _, body = fetch(conn, f"/{name}.png?scale={scale}")
            width, height = SIZES[name]
            assert status == 200 and decode_png(body) == box_filter(
                pixels(name, width, height), width, height, scale), f"{name} at 1/{scale}: {status}"

    concurrently(8, client)


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/missing.png", 404),
    ("GET", "/broken.png", 404),
    ("GET", "/../images/tiny.png", 404),
    ("GET", "/tiny.jpg", 404),
    ("GET", "/tiny.png?scale=3", 400),
    ("GET", "/tiny.png?size=2", 400),
    ("POST", "/tiny.png", 405),
])
def test_errors_are_answered_by_the_handlers(server: Server, method: str, path: str,
                                             status: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    got, _, body = fetch(conn, path, method)
    assert got == status and body.startswith(str(status).encode())
    if status in (404, 405):                              # the connection is kept
        assert fetch(conn, "/tiny.png")[0] == 200


def test_head_sends_no_body(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    size = len(fetch(conn, "/tiny.png")[2])
    conn.request("HEAD", "/tiny.png")
    response = conn.getresponse()
    assert response.getheader("Content-Length") == str(size)
    assert response.read() == b""


def test_closing_with_unread_input_does_not_lose_the_response(server: Server,
                                                              images: Path) -> None:
    """Closing a connection that still has unread input resets it, and the reset drops the end
    of the response still in the server's send buffer: the server must linger. The head fills
    the server's first read (4096 bytes) exactly, so the input behind it is only in the socket;
    the client's small receive buffer keeps most of the PNG (noise: incompressible) waiting in
    the server's."""
    width, height = 256, 128
    rgb = random.Random(7).randbytes(width * height * 3)
    (images / "noise.ppm").write_bytes(ppm(width, height, rgb))
    start = b"GET /noise.png HTTP/1.1\r\nHost: t\r\nConnection: close\r\nX-Pad: "
    head = start + b"p" * (4096 - len(start) - 4) + b"\r\n\r\n"
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(30)
        sock.connect(("127.0.0.1", server.port))
        sock.sendall(head + b"more input")
        time.sleep(0.1)                                   # read late: the server closes first
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert response.status == 200
        assert decode_png(response.read()) == (width, height, rgb)
