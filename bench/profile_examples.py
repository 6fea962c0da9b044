"""Profile the bundled web server and image server under load: their hot-path reports.

    python bench/profile_examples.py [--duration 10] [--runtime pool]

Builds ``examples/webserver`` and ``examples/imageserver`` (in a copy), starts each with
``--flux-profile``, drives it with ``wrk`` (keep-alive, 64 connections, a Lua script cycling
through a mix of requests), stops it with SIGTERM (which writes the profile) and prints
``flux profile report --format markdown``. The mixes:

- web server: the 1 KiB file 8 times in 10, the directory ``/`` (served by its index.html)
  once, a missing file once (404);
- image server: 8 noise images (480-704 × 360) × scales 1, 2, 4, 8 with a 4 MB cache, which
  holds about half of the renderings (hits and misses), and one request in 20 for a missing
  image (404).

The reports are what examples/webserver/README.md and examples/imageserver/README.md quote.
Needs ``wrk``, a C compiler and zlib. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT
from web_bench import free_port, make_docroot, stop, wait_listening

WEB_PATHS = ["/1k.html"] * 8 + ["/", "/missing.html"]
IMAGES = [f"img{i}" for i in range(8)]
IMAGE_PATHS = [f"/{name}.png?scale={k}" for name in IMAGES for k in (1, 2, 4, 8)]
IMAGE_PATHS += ["/nothing.png?scale=2"] * (len(IMAGE_PATHS) // 19)


def lua(paths: list[str]) -> str:
    items = ", ".join(f'"{p}"' for p in paths)
    return ("local paths = {" + items + "}\nlocal i = 0\n"
            "request = function()\n  i = i + 1\n"
            "  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n")


def ppm(name: str, width: int, height: int) -> bytes:
    """Noise: it compresses badly, so a rendering is about as large as its pixels."""
    rgb = random.Random(name).randbytes(width * height * 3)
    return b"P6\n%d %d\n255\n" % (width, height) + rgb


def build(name: str, tmp: Path) -> Path:
    copy = tmp / "examples"
    if not copy.exists():
        shutil.copytree(ROOT / "examples", copy, ignore=shutil.ignore_patterns(".flux-build"))
    binary = tmp / name
    subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "build", str(copy / name), "-q",
                    "-o", str(binary)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return binary


def profile(args: argparse.Namespace, binary: Path, options: list[str], paths: list[str],
            tmp: Path, name: str) -> str:
    port = free_port()
    out = tmp / f"{name}.json"
    script = tmp / f"{name}.lua"
    script.write_text(lua(paths), encoding="utf-8")
    proc = subprocess.Popen([str(binary), f"--flux-runtime={args.runtime}", "--flux-threads=2",
                             f"--flux-profile={out}", "--port", str(port), *options],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        wait_listening(port, proc)
        done = subprocess.run(["wrk", "-t2", "-c64", f"-d{args.duration}s", "-s", str(script),
                               f"http://127.0.0.1:{port}/"], capture_output=True, text=True,
                              check=False)
        print(done.stdout, file=sys.stderr)
    finally:
        stop(proc)
    report = subprocess.run([sys.executable, "-m", "flux_ls.cli.main", "profile", "report",
                             str(out), "--top", "5", "--format", "markdown"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return report.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--runtime", default="pool", choices=("thread", "pool", "event"))
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("needs wrk (Debian: apt install wrk)")
    with tempfile.TemporaryDirectory(prefix="flux-profile-examples-") as name:
        tmp = Path(name)
        docroot = tmp / "www"
        make_docroot(docroot)
        (docroot / "index.html").write_bytes((docroot / "1k.html").read_bytes())
        web = profile(args, build("webserver", tmp), ["--root", str(docroot)], WEB_PATHS, tmp,
                      "webserver")
        images = tmp / "images"
        images.mkdir()
        for i, image in enumerate(IMAGES):
            (images / f"{image}.ppm").write_bytes(ppm(image, 480 + 32 * i, 360))
        image = profile(args, build("imageserver", tmp),
                        ["--images", str(images), "--cache-mb", "4"], IMAGE_PATHS, tmp,
                        "imageserver")
    print(web)
    print(image)
    return 0


if __name__ == "__main__":
    sys.exit(main())
