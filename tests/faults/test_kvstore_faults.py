"""The key-value store's snapshots and INCR (issue 9, items 4 and 5).

Snapshots: saves used to overlap (SaveSnapshot held only the reader constraint) and all wrote
the same FILE.tmp, so a third of the files read from disk were empty or truncated; values
with a NUL came back cut at the NUL; the whole write happened under the reader constraint,
so SET waited for it; and ThreadSanitizer reported the static snapshot_job the timer rewrote
while a save read it. Now the store is copied under the reader constraint and written
without it, one snapshot at a time, to a temporary file of its own that is synced and
renamed over the snapshot (the directory synced too): every state of the file on disk is a
whole snapshot.

INCR of 9223372036854775807 computed the overflowing sum (undefined behaviour, fatal under
UBSan) before answering; now it answers an error and leaves the value as it was.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from example_support import EXAMPLES, Builder, Client, Server, concurrently
from fault_support import number

KEYS = 2000
VALUE = b"x" * 500


def parse_snapshot(data: bytes) -> dict[bytes, bytes]:
    """The keys of a snapshot file; fails unless it is whole (its header and end line)."""
    assert data.startswith(b"kvstore snapshot 2\n"), data[:40]
    pos, keys = len(b"kvstore snapshot 2\n"), {}
    while True:
        eol = data.index(b"\n", pos)
        key, length = data[pos:eol].split(b" ")
        if key == b"end":
            assert int(length) == len(keys) and eol + 1 == len(data)
            return keys
        start = eol + 1
        keys[key] = data[start:start + int(length)]
        assert data[start + int(length):start + int(length) + 1] == b"\n"
        pos = start + int(length) + 1


def test_snapshots_on_disk_are_always_whole(build_example: Builder, runtime: str,
                                            tmp_path: Path) -> None:
    snapshot = tmp_path / "store.snapshot"
    args = ["--port", "0", "--snapshot", str(snapshot), "--snapshot-ms", "1"]
    with Server(build_example("kvstore"), runtime, args, ready_lines=2) as server:
        kv = Client(server.port)
        kv.sock.sendall(b"".join(b"SET key%d %s\r\n" % (i, VALUE) for i in range(KEYS)))
        for _ in range(KEYS):
            assert kv.line() == b"STORED\r\n"
        samples, whole = 0, 0
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:                # snapshots are written all along
            if snapshot.exists():
                keys = parse_snapshot(snapshot.read_bytes())
                samples += 1
                whole += len(keys) == KEYS
        assert samples > 0 and whole > 0
        kv.close()
    assert len(parse_snapshot(snapshot.read_bytes())) == KEYS
    assert [p.name for p in tmp_path.iterdir()] == ["store.snapshot"]   # no temporary left
    number(f"kvstore.{runtime}.snapshot_samples_read_whole", samples)


def test_values_with_nul_survive_a_snapshot_and_restart(build_example: Builder, runtime: str,
                                                        tmp_path: Path) -> None:
    snapshot = tmp_path / "store.snapshot"
    args = ["--port", "0", "--snapshot", str(snapshot)]
    values = {b"nul": b"a\x00b", b"cr": b"c\rd", b"lead": b"\x00", b"plain": b"text"}
    with Server(build_example("kvstore"), runtime, args, ready_lines=2) as first:
        kv = Client(first.port)
        for key, value in values.items():
            assert kv(b"SET " + key + b" " + value) == b"STORED\r\n"
    with Server(build_example("kvstore"), runtime, args, ready_lines=2) as second:
        kv = Client(second.port)
        for key, value in values.items():
            assert kv(b"GET " + key) == b"VALUE %d\r\n%s\r\n" % (len(value), value)


def test_a_damaged_snapshot_is_not_overwritten(build_example: Builder, tmp_path: Path) -> None:
    snapshot = tmp_path / "store.snapshot"
    snapshot.write_bytes(b"kvstore snapshot 2\nkey 10\nshort\n")
    result = subprocess.run([str(build_example("kvstore")), "--port", "0", "--snapshot",
                             str(snapshot)], capture_output=True, text=True, timeout=30,
                            check=False)
    assert result.returncode == 1
    assert "is damaged (0 whole keys before the damage); move it away" in result.stderr
    assert snapshot.read_bytes() == b"kvstore snapshot 2\nkey 10\nshort\n"


def test_snapshots_under_thread_sanitizer(build_example: Builder, runtime: str,
                                          tmp_path: Path) -> None:
    args = ["--port", "0", "--snapshot", str(tmp_path / "store.snapshot"), "--snapshot-ms", "1"]
    with Server(build_example("kvstore", "thread"), runtime, args, ready_lines=2) as server:
        def client(n: int) -> None:
            kv = Client(server.port)
            for i in range(60):
                assert kv(b"SET k%d %d" % (n, i)) == b"STORED\r\n"
            kv.close()
        concurrently(3, client)                           # Server fails on a TSan report


def test_snapshot_writes_hold_no_constraint() -> None:
    """SET waits for the copy of the store, not for the file write: only CopyStore holds
    store?, and SaveSnapshot, which writes and fsyncs, holds nothing."""
    graph = json.loads(subprocess.run(
        [sys.executable, "-m", "flux_ls.cli.main", "graph", str(EXAMPLES / "kvstore" /
                                                                 "kvstore.flux"),
         "--format", "json"], capture_output=True, text=True, check=True).stdout)
    held = {v["name"]: [(c["name"], c["mode"]) for c in v["constraints"]["effective"]]
            for v in graph["vertices"] if v["kind"] == "concrete"}
    assert held["CopyStore"] == [("store", "read")]
    assert held["SaveSnapshot"] == []


def test_incr_overflow_is_an_error_and_keeps_the_value(build_example: Builder,
                                                       runtime: str) -> None:
    with Server(build_example("kvstore", "address,undefined"), runtime, ["--port", "0"],
                ready_lines=2) as server:
        kv = Client(server.port)
        assert kv(b"SET n 9223372036854775807") == b"STORED\r\n"
        assert kv(b"INCR n") == b"ERROR increment would overflow\r\n"
        assert kv(b"GET n") == b"VALUE 19\r\n9223372036854775807\r\n"
        assert kv(b"SET m -9223372036854775808") == b"STORED\r\n"
        assert kv(b"INCR m") == b"-9223372036854775807\r\n"
        assert kv(b"SET big 9223372036854775808") == b"STORED\r\n"
        assert kv(b"INCR big") == b"ERROR not a number\r\n"
        assert kv(b"SET nul 1\x002") == b"STORED\r\n"
        assert kv(b"INCR nul") == b"ERROR not a number\r\n"
        assert b" violations=0" in Client(server.addresses[1][2])(b"STATS")
