"""Helpers shared by the editor-feature tests (a module name of its own: tests/ has no
packages, so test folders must not share module names)."""

from __future__ import annotations

import re
from pathlib import Path

from flux_ls.analysis import Analysis, analyze

ROOT = Path(__file__).resolve().parents[2]
#: The example programs.
EXAMPLES = sorted(ROOT.glob("examples/*/*.flux"))
#: The example programs and the test programs (``tests/data``).
FILES = sorted([*EXAMPLES, *(ROOT / "tests/data").rglob("*.flux")])
#: The paper's image server as it was written for these tests (the example itself grew C-level
#: types when its C code arrived).
IMAGE_SERVER = ROOT / "tests" / "ide" / "programs" / "imageserver.flux"


def image_server(path: str = "imageserver.flux") -> Analysis:
    """The analysis of ``IMAGE_SERVER``, as the file ``path``."""
    return analyze(IMAGE_SERVER.read_bytes(), path)

#: The paper's image server (examples/imageserver).
PAPER = """\
/** An image server: reads a request, serves it from a cache or renders it. */
Listen () => (int socket);
ReadRequest (int socket) => (int socket, bool close, image_tag *request);
CheckCache (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);
ReadInFromDisk (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request, uint8_t *rgb);
Compress (int socket, bool close, image_tag *request, uint8_t *rgb) => (int socket, bool close, image_tag *request);
StoreInCache (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);
Write (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);
Complete (int socket, bool close, image_tag *request) => ();

source Listen => Image;                                  // each accepted connection starts a flow
Image = ReadRequest -> CheckCache -> Handler -> Write -> Complete;

typedef hit TestInCache;                                 // predicate type: bool TestInCache(image_tag *request)
Handler:[_, _, hit] = ;                                  // cache hit: nothing to do
Handler:[_, _, _]   = ReadInFromDisk -> Compress -> StoreInCache;

handle error ReadInFromDisk => NotFound;                 // void NotFound(ReadInFromDisk_in *in, int err)

atomic CheckCache:{cache?};                              // reader
atomic StoreInCache:{cache};                             // writer (the default)
atomic Complete:{cache};
"""  # noqa: E501


def word_at(text: str, word: str, nth: int = 0) -> int:
    """Byte offset of the ``nth`` whole-word occurrence of ``word`` in ``text``."""
    data = text.encode()
    matches = list(re.finditer(rb"(?<![A-Za-z0-9_])" + re.escape(word.encode())
                               + rb"(?![A-Za-z0-9_])", data))
    return matches[nth].start()
