"""The build cache: what each output was made from, so unchanged inputs are not rebuilt.

Every object file and the executable have a record in ``<build dir>/flux-cache.json``:
a key (SHA-256 of the command that made it and of the *contents* of every file it was
made from) and that list of files. Objects list the dependencies the compiler reported
(``-MMD``: the C file and every header it included), so a header edit rebuilds exactly
the objects that include it; the executable lists its objects. An output is up to date
when it exists and the key computed from its recorded inputs today is the same.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

CACHE = "flux-cache.json"


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def key(command: list[str], inputs: list[str]) -> str | None:
    """The key of an output made by ``command`` from ``inputs`` (None if one is missing)."""
    digest = hashlib.sha256("\0".join(command).encode())
    for name in sorted(set(inputs)):
        content = file_digest(Path(name))
        if content is None:
            return None
        digest.update(f"\0{name}\0{content}".encode())
    return digest.hexdigest()


def read_deps(path: Path) -> list[str]:
    """The files of a ``-MMD`` dependency file (``obj: a.c b.h \\`` …)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    text = text.replace("\\\n", " ")
    _, _, rest = text.partition(": ")
    deps = []
    for token in rest.split():
        if token and token != "\\":
            deps.append(token.replace("\\ ", " "))
    return deps


@dataclass
class Cache:
    path: Path
    records: dict[str, dict[str, object]] = field(default_factory=dict)

    @staticmethod
    def open(directory: Path) -> Cache:
        path = directory / CACHE
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            records = {}
        return Cache(path, records if isinstance(records, dict) else {})

    def fresh(self, output: Path, command: list[str]) -> bool:
        record = self.records.get(str(output))
        if record is None or not output.exists():
            return False
        inputs = record.get("inputs")
        if not isinstance(inputs, list):
            return False
        return key(command, [str(i) for i in inputs]) == record.get("key")

    def store(self, output: Path, command: list[str], inputs: list[str]) -> None:
        self.records[str(output)] = {"key": key(command, inputs), "inputs": sorted(set(inputs))}

    def forget(self, output: Path) -> None:
        self.records.pop(str(output), None)

    def save(self) -> None:
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.records, indent=1, sort_keys=True),
                             encoding="utf-8")
        os.replace(temporary, self.path)
