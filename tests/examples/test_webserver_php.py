"""examples/webserver's PHP: .php requests run by a real php-fpm over FastCGI, in every runtime.

One php-fpm with a private configuration (socket in a temporary directory, ``-R`` since the
tests may run as root, no php.ini) serves the module; the test that kills php-fpm starts its
own. Skipped, saying why, where php-fpm (Debian's php8.2-fpm) is not installed.

GET with a query string; POST form data and a 1 MiB multipart upload; status and headers set
by a script; a 5 MiB streamed response (chunked for HTTP/1.1, delimited by the close for 1.0);
50 concurrent PHP requests mixed with static ones; php-fpm down → 502 and back → 200; a
script that outlives --php-timeout-s → 504; the script's stderr in the server's log; paths
out of the document root, missing scripts and the cgi.fix_pathinfo case (``/upload.jpg/x.php``)
answered without php-fpm ever seeing them (its access log says which scripts it ran).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from example_support import Builder, Server, concurrently

SCRIPTS = {
    "info.php": r"""<?php
header('Content-Type: application/json');
$keys = ['REQUEST_METHOD', 'QUERY_STRING', 'SCRIPT_FILENAME', 'SCRIPT_NAME', 'REQUEST_URI',
         'SERVER_PROTOCOL', 'SERVER_NAME', 'SERVER_PORT', 'REMOTE_ADDR', 'CONTENT_TYPE',
         'CONTENT_LENGTH', 'HTTP_HOST', 'HTTP_X_CUSTOM', 'HTTP_PROXY', 'PATH_INFO'];
$server = [];
foreach ($keys as $k) $server[$k] = $_SERVER[$k] ?? null;
echo json_encode(['server' => $server, 'get' => $_GET, 'post' => $_POST]);
""",
    "upload.php": r"""<?php
header('Content-Type: application/json');
$files = [];
foreach ($_FILES as $name => $f)
    $files[$name] = ['size' => $f['size'], 'error' => $f['error'],
                     'sha256' => $f['error'] ? null : hash_file('sha256', $f['tmp_name'])];
$raw = file_get_contents('php://input');
echo json_encode(['files' => $files, 'post' => $_POST, 'input' => strlen($raw),
                  'input_sha256' => hash('sha256', $raw)]);
""",
    "headers.php": r"""<?php
http_response_code(201);
header('X-Answer: 42');
setcookie('flavour', 'ginger');
echo "created\n";
""",
    "redirect.php": "<?php header('Location: /elsewhere'); ?>",
    "big.php": r"""<?php
$chunk = str_repeat('0123456789abcdef', 4096);
for ($i = 0; $i < 80; $i++) echo $chunk;   // 5 MiB
""",
    "slow.php": "<?php usleep((int)($_GET['ms'] ?? 0) * 1000); echo 'slept';",
    "stderr.php": "<?php error_log('marker-' . $_GET['m']); echo 'logged';",
}
BIG = b"0123456789abcdef" * 4096 * 80
UPLOAD_JPG = b"<?php echo 'EXECUTED';"


def _php_fpm() -> str | None:
    found = shutil.which("php-fpm") or shutil.which("php-fpm8.2")
    candidates = sorted(glob.glob("/usr/sbin/php-fpm*"))
    return found or (candidates[-1] if candidates else None)


class PhpFpm:
    """A php-fpm master with a private configuration in `folder`, in the foreground."""

    def __init__(self, folder: Path, children: int = 8) -> None:
        self.folder = folder
        self.socket = folder / "fpm.sock"
        self.access_log = folder / "access.log"
        self.config = folder / "fpm.conf"
        folder.mkdir(parents=True, exist_ok=True)
        self.config.write_text(
            "[global]\n"
            f"error_log = {folder / 'fpm.log'}\n"
            "daemonize = no\n"
            "[www]\n"
            f"listen = {self.socket}\n"
            "pm = static\n"
            f"pm.max_children = {children}\n"
            f"access.log = {self.access_log}\n"
            'access.format = "%{SCRIPT_FILENAME}e"\n')
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> PhpFpm:
        binary = _php_fpm()
        assert binary
        self.proc = subprocess.Popen([binary, "-n", "-R", "-F", "-y", str(self.config)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self._accepting():
            assert self.proc.poll() is None and time.monotonic() < deadline, (
                "php-fpm did not start: " + (self.folder / "fpm.log").read_text())
            time.sleep(0.02)
        return self

    def _accepting(self) -> bool:
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.connect(str(self.socket))
            return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)   # fast shutdown: the children die too
            self.proc.wait(timeout=20)

    def scripts_run(self) -> str:
        return self.access_log.read_text() if self.access_log.exists() else ""


@contextlib.contextmanager
def stopping(fpm: PhpFpm) -> Iterator[PhpFpm]:
    try:
        yield fpm
    finally:
        fpm.stop()


@pytest.fixture(scope="module")
def php_docroot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("php")
    root = base / "www"
    (root / "dir.php").mkdir(parents=True)
    for name, text in SCRIPTS.items():
        (root / name).write_text(text)
    (root / "static.txt").write_text("static\n")
    (root / "upload.jpg").write_bytes(UPLOAD_JPG)
    (base / "secret.php").write_text("<?php echo 'SECRET';")
    (root / "escape").symlink_to(base)
    (root / "link.php").symlink_to(base / "secret.php")
    return root


@pytest.fixture(scope="module")
def fpm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PhpFpm]:
    if not _php_fpm():
        pytest.skip("php-fpm is not installed (Debian: apt-get install php8.2-fpm)")
    running = PhpFpm(tmp_path_factory.mktemp("fpm")).start()
    yield running
    running.stop()


def php_server(build_example: Builder, runtime: str, root: Path, fpm: PhpFpm,
               *extra: str) -> Server:
    return Server(build_example("webserver"), runtime,
                  ["--port", "0", "--root", str(root), "--php-fpm", str(fpm.socket),
                   "--php-connections", "4", *extra])


@pytest.fixture
def server(build_example: Builder, runtime: str, php_docroot: Path,
           fpm: PhpFpm) -> Iterator[Server]:
    with php_server(build_example, runtime, php_docroot, fpm, "--php-timeout-s", "0.5") as s:
        yield s


def request(server: Server, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None,
            conn: http.client.HTTPConnection | None = None
            ) -> tuple[int, dict[str, str], bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    if own:
        conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def test_get_with_a_query_string_sees_the_cgi_variables(server: Server,
                                                        php_docroot: Path) -> None:
    status, headers, body = request(server, "GET", "/info.php?a=1&b=two%20words",
                                    headers={"X-Custom": "yes", "Proxy": "http://evil"})
    assert status == 200 and headers["content-type"] == "application/json"
    info = json.loads(body)
    assert info["get"] == {"a": "1", "b": "two words"}
    env = info["server"]
    assert env["REQUEST_METHOD"] == "GET" and env["QUERY_STRING"] == "a=1&b=two%20words"
    assert env["SCRIPT_FILENAME"] == str((php_docroot / "info.php").resolve())
    assert env["SCRIPT_NAME"] == "/info.php"
    assert env["REQUEST_URI"] == "/info.php?a=1&b=two%20words"
    assert env["SERVER_PROTOCOL"] == "HTTP/1.1" and env["SERVER_PORT"] == str(server.port)
    assert env["SERVER_NAME"] == "127.0.0.1" and env["REMOTE_ADDR"] == "127.0.0.1"
    assert env["HTTP_HOST"] == f"127.0.0.1:{server.port}" and env["HTTP_X_CUSTOM"] == "yes"
    assert env["HTTP_PROXY"] is None and env["PATH_INFO"] in (None, "")   # httpoxy; no split


def test_post_form_data_and_keep_alive(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    form = b"name=flux&lang=C%2B%2B"
    status, _, body = request(server, "POST", "/info.php", form,
                              {"Content-Type": "application/x-www-form-urlencoded"}, conn)
    info = json.loads(body)
    assert status == 200 and info["post"] == {"name": "flux", "lang": "C++"}
    assert info["server"]["CONTENT_LENGTH"] == str(len(form))
    assert info["server"]["CONTENT_TYPE"] == "application/x-www-form-urlencoded"
    # The body was read whole: the same connection serves a static file and PHP again.
    assert request(server, "GET", "/static.txt", conn=conn)[::2] == (200, b"static\n")
    assert request(server, "GET", "/slow.php", conn=conn)[::2] == (200, b"slept")
    conn.close()


def test_a_1_mib_upload(server: Server) -> None:
    data = os.urandom(1 << 20)
    boundary = "fluxboundary7d3"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    status, _, answer = request(server, "POST", "/upload.php", body,
                                {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    info = json.loads(answer)
    assert status == 200 and info["post"] == {"note": "hi"}
    assert info["files"]["file"] == {"size": len(data), "error": 0,
                                     "sha256": hashlib.sha256(data).hexdigest()}
    # The same megabyte as a raw body (php://input), after "100 Continue" (as curl asks).
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(b"PUT /upload.php HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(data))
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(data)
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"HTTP/1.1 200")
        length = 0
        while (line := reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        assert json.loads(reader.read(length))["input"] == len(data)
    status, _, answer = request(server, "PUT", "/upload.php", data,
                                {"Content-Type": "application/octet-stream"})
    info = json.loads(answer)
    assert (info["input"], info["input_sha256"]) == (len(data), hashlib.sha256(data).hexdigest())


def test_status_and_headers_set_by_the_script(server: Server) -> None:
    status, headers, body = request(server, "GET", "/headers.php")
    assert (status, body) == (201, b"created\n")
    assert headers["x-answer"] == "42" and headers["set-cookie"].startswith("flavour=ginger")
    assert "status" not in headers and headers["content-length"] == "8"
    status, headers, _ = request(server, "GET", "/redirect.php")
    assert status == 302 and headers["location"] == "/elsewhere"
    status, headers, body = request(server, "HEAD", "/headers.php")
    assert (status, body, headers["x-answer"]) == (201, b"", "42")


def test_a_5_mib_response_is_streamed(server: Server) -> None:
    status, headers, body = request(server, "GET", "/big.php")
    assert status == 200 and headers["transfer-encoding"] == "chunked"
    assert hashlib.sha256(body).digest() == hashlib.sha256(BIG).digest()
    # HTTP/1.0 has no chunks: the end of the body is the end of the connection.
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(b"GET /big.php HTTP/1.0\r\n\r\n")
        received = b"".join(iter(lambda: sock.recv(1 << 16), b""))
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"connection: close" in head.lower()
    assert body == BIG


def test_50_concurrent_php_requests_mixed_with_static(server: Server) -> None:
    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        for i in range(3):
            status, _, body = request(server, "GET", f"/info.php?n={n}&i={i}", conn=conn)
            assert status == 200 and json.loads(body)["get"] == {"n": str(n), "i": str(i)}
            assert request(server, "GET", "/static.txt", conn=conn)[::2] == (200, b"static\n")
        conn.close()
    concurrently(50, client, timeout=120)


@pytest.mark.parametrize(("path", "status"), [
    ("/upload.jpg/x.php", 404),       # cgi.fix_pathinfo: must not run upload.jpg
    ("/static.txt/x.php", 404),
    ("/nope.php", 404),
    ("/dir.php", 404),                # a directory
    ("/../secret.php", 403),
    ("/%2e%2e/secret.php", 403),
    ("/escape/secret.php", 403),      # a symlink out of the document root
    ("/link.php", 403),               # a script that is a symlink out of the root
])
def test_scripts_outside_the_root_or_missing_never_reach_php(
        server: Server, fpm: PhpFpm, path: str, status: int) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode())
        answer = b"".join(iter(lambda: sock.recv(1 << 16), b""))
    assert answer.startswith(f"HTTP/1.1 {status} ".encode())
    assert b"EXECUTED" not in answer and b"SECRET" not in answer
    ran = fpm.scripts_run()
    assert "upload.jpg" not in ran and "secret.php" not in ran and "nope.php" not in ran


def test_a_script_that_outlives_the_timeout_gets_504(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    assert request(server, "GET", "/slow.php?ms=3000", conn=conn)[0] == 504
    assert request(server, "GET", "/slow.php", conn=conn)[::2] == (200, b"slept")
    conn.close()
    assert any("no answer from php-fpm" in line for line in server.stderr)


def test_the_script_stderr_goes_to_the_server_log(server: Server) -> None:
    marker = f"{os.getpid()}-{time.monotonic_ns()}"
    assert request(server, "GET", f"/stderr.php?m={marker}")[::2] == (200, b"logged")
    deadline = time.monotonic() + 10
    while not any(f"marker-{marker}" in line for line in server.stderr):
        assert time.monotonic() < deadline, "".join(server.stderr)
        time.sleep(0.02)
    assert any(line.startswith("webserver: php /stderr.php: ") and marker in line
               for line in server.stderr)


def test_php_fpm_down_gives_502_then_recovers(build_example: Builder, runtime: str,
                                              php_docroot: Path, fpm: PhpFpm,
                                              tmp_path: Path) -> None:
    own = PhpFpm(tmp_path / "fpm", children=2)
    with php_server(build_example, runtime, php_docroot, own) as server, stopping(own):
        assert request(server, "GET", "/slow.php")[0] == 502       # not started yet
        own.start()
        assert request(server, "GET", "/slow.php")[::2] == (200, b"slept")  # pooled now
        slow: list[int] = []
        waiting = threading.Thread(
            target=lambda: slow.append(request(server, "GET", "/slow.php?ms=5000")[0]))
        waiting.start()
        time.sleep(0.5)
        own.stop()                                                 # killed mid-request
        waiting.join(timeout=30)
        assert slow == [502]
        assert request(server, "GET", "/slow.php")[0] == 502
        assert request(server, "GET", "/static.txt")[::2] == (200, b"static\n")
        own.start()
        for _ in range(3):                                         # the pool reconnects
            assert request(server, "GET", "/slow.php")[::2] == (200, b"slept")
    assert any("php-fpm" in line for line in server.stderr)


@pytest.mark.parametrize("sanitize", ["address,undefined", "thread"])
def test_php_under_the_sanitizers(build_example: Builder, runtime: str, sanitize: str,
                                  php_docroot: Path, fpm: PhpFpm) -> None:
    """ASan+UBSan and TSan: no report (``Server`` checks its stderr) while PHP requests of
    every kind (query, POST, streamed, timed out, refused) run concurrently with static ones."""
    binary = build_example("webserver", sanitize)
    with Server(binary, runtime, ["--port", "0", "--root", str(php_docroot), "--php-fpm",
                                  str(fpm.socket), "--php-connections", "4",
                                  "--php-timeout-s", "1"]) as server:
        # a connection per client (none waits for one), and a timeout the sanitized 5 MiB
        # answer cannot reach on a loaded machine; slow.php outlives it
        def client(n: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            for i in range(4):
                assert request(server, "GET", f"/info.php?n={n}&i={i}", conn=conn)[0] == 200
                assert request(server, "POST", "/info.php", b"a=1", {
                    "Content-Type": "application/x-www-form-urlencoded"}, conn=conn)[0] == 200
                assert request(server, "GET", "/static.txt", conn=conn)[0] == 200
                assert request(server, "GET", "/upload.jpg/x.php", conn=conn)[0] == 404
            assert len(request(server, "GET", "/big.php", conn=conn)[2]) == len(BIG)
            assert request(server, "GET", "/slow.php?ms=3000", conn=conn)[0] == 504
            conn.close()
        concurrently(4, client, timeout=300)
