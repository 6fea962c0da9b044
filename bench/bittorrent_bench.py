"""The Flux BitTorrent peer (examples/bittorrent) against CTorrent, seeding the same file, in
one run: the paper's setup (§4.3), where every leecher requests random blocks of the file from
one seeding peer.

    .venv/bin/python bench/bittorrent_bench.py [--size-mib 64] [--leechers 8 32]
                                               [--runtime event] [--profile PATH]

For each seeder and each leecher count, a load generator (asyncio, in this process) opens that
many peer-wire connections to the seeder, handshakes, declares interest, and once unchoked
requests every 16 KiB block of the file in a random order, 16 requests outstanding per
connection. It reports aggregate upload throughput, per-leecher completion time (median, max)
and the seeder's CPU time (user + system, from /proc) per MiB served. A leecher the seeder
never unchokes does not complete; the table shows how many did.

CTorrent (Enhanced CTorrent dnh3.3.2, Debian's) cannot be told to unchoke everyone: it has no
option for its unchoke slots. It unchokes 3 peers plus one optimistic unchoke, re-picked
every 10 s, the optimistic one every 30 s (more slots only with an upload rate limit, -U,
when that limit is not reached, one more per round). So the Flux peer runs twice:
"flux-ctchoke" chokes like CTorrent (--upload-slots 3: three plus one optimistic, 10 s
rounds, the optimistic one every third round); "flux-all" with --unchoke-all, the paper's
"all peers unchoked". --profile PATH records the path profile of the flux-all seeder at the
largest leecher count (docs/profile.md).

Needs ctorrent, opentracker and mktorrent (Debian packages). Writes bench/results/bittorrent.json.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BLOCK = 16384
PIPELINE = 16
PIECE_EXP = 18


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def info_hash(torrent: Path) -> bytes:
    data = torrent.read_bytes()
    start = data.index(b"4:info") + 6
    return hashlib.sha1(data[start:-1]).digest()   # mktorrent writes info last


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


FLUX_CHOKING = {"flux-ctchoke": ["--upload-slots", "3", "--choke-ms", "10000"],
                "flux-all": ["--unchoke-all"]}


def run_seeder(kind: str, torrent: Path, data_dir: Path, runtime: str,
               profile: str | None = None) -> tuple[subprocess.Popen[Any], int]:
    port = free_port()
    if kind != "ctorrent":
        binary = data_dir / "bittorrent"
        proc: subprocess.Popen[Any] = subprocess.Popen(
            [str(binary), f"--flux-runtime={runtime}",
             *([f"--flux-profile={profile}"] if profile else []), str(torrent),
             "--dir", str(data_dir), "--port", str(port), "--no-connect", *FLUX_CHOKING[kind]],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout
        for line in proc.stdout:
            if line.strip() == "complete":
                break
    else:
        proc = subprocess.Popen(["ctorrent", "-e", "100", "-i", "127.0.0.2", "-p", str(port),
                                 "-s", str(data_dir / "data.bin"), str(torrent)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=data_dir)
    deadline = time.monotonic() + 60
    host = "127.0.0.2" if kind == "ctorrent" else "127.0.0.1"
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    time.sleep(1.0 if kind == "ctorrent" else 0.1)            # ctorrent checks its pieces
    return proc, port


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=64)
    parser.add_argument("--leechers", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--runtime", default="event", choices=["thread", "pool", "event"])
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--profile", help="write the flux-all seeder's path profile here")
    parser.add_argument("--seeders", nargs="+", default=["ctorrent", "flux-ctchoke", "flux-all"],
                        choices=["ctorrent", "flux-ctchoke", "flux-all"])
    args = parser.parse_args()
    missing = [p for p in ("ctorrent", "mktorrent") if not shutil.which(p)]
    if missing:
        print(f"needs {', '.join(missing)} (Debian packages)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="flux-bt-bench-"))
    results: list[dict[str, Any]] = []
    try:
        binary = work / "bittorrent"
        subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "build",
                        str(ROOT / "examples" / "bittorrent"), "-q", "-o", str(binary)],
                       check=True)
        data = work / "data.bin"
        data.write_bytes(os.urandom(args.size_mib << 20))
        torrent = work / "t.torrent"
        subprocess.run(["mktorrent", "-a", "http://127.0.0.1:1/announce", "-l", str(PIECE_EXP),
                        "-o", str(torrent), str(data)], check=True, capture_output=True)
        ih = info_hash(torrent)
        size = data.stat().st_size
        print("| seeder | leechers | completed | MiB/s (aggregate) | completion s (median / max)"
              " | seeder CPU ms per MiB |")
        print("|---|---|---|---|---|---|")
        for count in args.leechers:
            for kind in args.seeders:
                profile = (str(Path(args.profile).resolve()) if args.profile and kind == "flux-all"
                           and count == max(args.leechers) else None)
                proc, port = run_seeder(kind, torrent, work, args.runtime, profile)
                host = "127.0.0.2" if kind == "ctorrent" else "127.0.0.1"
                cpu0, t0 = cpu_seconds(proc.pid), time.monotonic()
                times = asyncio.run(_load(host, port, ih, size, count, args.timeout))
                elapsed, cpu = time.monotonic() - t0, cpu_seconds(proc.pid) - cpu0
                proc.terminate()
                proc.wait(timeout=30)
                done = [t for t in times if t is not None]
                mib = len(done) * size / (1 << 20)
                row = {"seeder": kind, "leechers": count, "completed": len(done),
                       "mib_per_s": mib / elapsed if done else 0.0,
                       "median_s": statistics.median(done) if done else None,
                       "max_s": max(done) if done else None,
                       "cpu_ms_per_mib": 1000 * cpu / mib if mib else None}
                results.append(row)
                print(f"| {kind} | {count} | {len(done)}/{count} | {row['mib_per_s']:.1f} | "
                      f"{row['median_s'] or 0:.2f} / {row['max_s'] or 0:.2f} | "
                      f"{row['cpu_ms_per_mib'] or 0:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "bench" / "results" / "bittorrent.json"
    out.write_text(json.dumps({"runtime": args.runtime, "size_mib": args.size_mib,
                               "cpus": os.cpu_count(),
                               "results": results}, indent=2) + "\n")
    return 0


async def _load(host: str, port: int, ih: bytes, size: int, count: int,
                timeout: float) -> list[float | None]:
    deadline = time.monotonic() + timeout
    return list(await asyncio.gather(*(_leech(host, port, ih, size, deadline, n)
                                       for n in range(count))))


async def _leech(host: str, port: int, ih: bytes, size: int, deadline: float,
                 n: int) -> float | None:
    """Seconds to receive every block (random order, asked again after a choke), or None.
    Each leecher connects from its own loopback address (CTorrent takes one peer per address)."""
    try:
        reader, writer = await asyncio.open_connection(
            host, port, local_addr=(f"127.0.{1 + n // 250}.{1 + n % 250}", 0))
    except OSError:
        return None
    start = time.monotonic()
    writer.write(b"\x13BitTorrent protocol" + bytes(8) + ih + b"-LG0001-"
                 + os.urandom(6).hex().encode())
    writer.write(struct.pack(">IB", 1, 2))                       # interested
    piece_len = 1 << PIECE_EXP
    todo = list(range(0, size, BLOCK))
    random.shuffle(todo)
    asked: set[int] = set()
    unchoked = False
    try:
        await asyncio.wait_for(reader.readexactly(68), max(0.1, deadline - time.monotonic()))
        while todo or asked:
            while unchoked and len(asked) < PIPELINE and todo:
                offset = todo.pop()
                writer.write(struct.pack(">IBIII", 13, 6, offset // piece_len,
                                         offset % piece_len, min(BLOCK, size - offset)))
                asked.add(offset)
            await writer.drain()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            (n,) = struct.unpack(">I", await asyncio.wait_for(reader.readexactly(4), left))
            body = await reader.readexactly(n) if n else b""
            if not body:
                continue
            if body[0] == 1:
                unchoked = True
            elif body[0] == 0:
                unchoked = False
                todo.extend(asked)                               # void: asked again later
                asked.clear()
            elif body[0] == 7:
                index, begin = struct.unpack(">II", body[1:9])
                asked.discard(index * piece_len + begin)
        return time.monotonic() - start
    except (TimeoutError, asyncio.IncompleteReadError, ConnectionError):
        return None
    finally:
        writer.close()


if __name__ == "__main__":
    sys.exit(main())
