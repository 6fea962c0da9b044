"""SET latency of examples/kvstore while snapshots are written, against no snapshots.

The store is filled with --keys keys (values of --value-bytes), then one client sends SET
after SET for --seconds, first with the server started without --snapshot, then with a
snapshot every --snapshot-ms (default 1: back to back, each synced to disk). Reported: SETs
per second, p50/p99/max latency, and the ratio snapshots/no snapshots (issue 9: a snapshot must
not slow SET several-fold; it copies the store under the reader constraint and writes the
copy without it). --binary measures another build (e.g. an older one) the same way.

    .venv/bin/python bench/kv_snapshot_bench.py [--keys 100000] [--seconds 3] [--snapshot-ms 1]
                                                [--binary PATH]
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, table, write_results


def build(tmp: Path) -> Path:
    out = tmp / "kvstore"
    subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "build",
                    str(ROOT / "examples" / "kvstore"), "-q", "-o", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return out


def start(binary: Path, args: list[str]) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([str(binary), "--port", "0", *args], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    found = re.search(r":(\d+)", proc.stdout.readline())
    assert found, "kvstore did not start"
    proc.stdout.readline()
    return proc, int(found[1])


def measure(port: int, keys: int, value: bytes, seconds: float) -> list[float]:
    sock = socket.create_connection(("127.0.0.1", port))
    reader = sock.makefile("rb")
    for first in range(0, keys, 1000):                     # fill, pipelined
        sock.sendall(b"".join(b"SET key%d %s\r\n" % (i, value)
                              for i in range(first, min(keys, first + 1000))))
        for _ in range(first, min(keys, first + 1000)):
            reader.readline()
    time.sleep(0.2)
    latencies, end, i = [], time.monotonic() + seconds, 0
    while time.monotonic() < end:
        start_ = time.perf_counter()
        sock.sendall(b"SET key%d %s\r\n" % (i % keys, value))
        assert reader.readline() == b"STORED\r\n"
        latencies.append(time.perf_counter() - start_)
        i += 1
    sock.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=100000)
    parser.add_argument("--value-bytes", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--snapshot-ms", type=int, default=1)
    parser.add_argument("--binary", type=Path)
    args = parser.parse_args()
    value = b"v" * args.value_bytes
    rows, raw = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        binary = args.binary or build(Path(tmp))
        for label, extra in (("no snapshots", []),
                             (f"snapshot every {args.snapshot_ms} ms",
                              ["--snapshot", f"{tmp}/store.snapshot",
                               "--snapshot-ms", str(args.snapshot_ms)])):
            proc, port = start(binary, extra)
            try:
                lat = measure(port, args.keys, value, args.seconds)
            finally:
                proc.terminate()
                proc.wait(timeout=60)
            lat.sort()
            raw[label] = {"sets_per_s": len(lat) / args.seconds,
                          "p50_ms": statistics.median(lat) * 1000,
                          "p99_ms": lat[int(len(lat) * 0.99)] * 1000, "max_ms": lat[-1] * 1000}
    base = raw["no snapshots"]["sets_per_s"]
    snapshots = f"snapshot every {args.snapshot_ms} ms"
    for name, r in raw.items():
        rows.append([name, f"{r['sets_per_s']:.0f}", f"{r['p50_ms']:.3f} ms",
                     f"{r['p99_ms']:.3f} ms", f"{r['max_ms']:.1f} ms",
                     f"{base / r['sets_per_s']:.2f}x"])
    print(f"kvstore SET, {args.keys} keys of {args.value_bytes} bytes, one client, "
          f"{args.seconds:g} s each" + (f" ({args.binary})" if args.binary else ""))
    print(table(["server", "SET/s", "p50", "p99", "max", "slowdown"], rows))
    if not args.binary:
        write_results("kv_snapshot", {"keys": args.keys, "value_bytes": args.value_bytes,
                                      "seconds": args.seconds, "snapshot_ms": args.snapshot_ms,
                                      "slowdown": base / raw[snapshots]["sets_per_s"],
                                      "results": raw})


if __name__ == "__main__":
    main()
