"""Generate realistic Flux programs of about N lines, for the benchmarks.

A program is a sequence of *services*, each a small server of its own: a source (some with a
session function), a main flow of 3–8 steps mixing concrete nodes, nested abstract nodes and
predicate dispatch, signatures over a varied pool of C types, doc comments, error handlers
and atomic constraints. Some services deliberately nest a constraint out of lock order so the
checker must elevate it (FLX603), and some hold a reader around an inner writer (FLX604).
Everything else is well formed: a generated program has no error diagnostic.

    python bench/gen.py 1000 [--seed 7] [-o program.flux]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field

#: C types with the parameter names a C programmer would give them.
TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("int", ("fd", "count", "status", "retries")),
    ("bool", ("close", "dirty", "keep_alive", "cached")),
    ("char *", ("buffer", "line", "body", "reply")),
    ("const char *", ("path", "key", "host", "name")),
    ("size_t", ("length", "size", "offset", "capacity")),
    ("struct stat *", ("info",)),
    ("uint64_t", ("id", "tick", "version", "deadline")),
    ("unsigned long", ("hash", "flags")),
    ("off_t", ("position",)),
    ("time_t", ("modified", "expires")),
    ("uint8_t *", ("pixels", "digest")),
    ("double", ("score", "load")),
    ("struct sockaddr_in *", ("peer",)),
    ("image_tag *", ("tag",)),
    ("http_request *", ("request",)),
    ("session_t *", ("sess",)),
    ("const struct config *", ("config",)),
)
SERVICES = ("Orders", "Media", "Chat", "Billing", "Search", "Auth", "Feed", "Upload", "Stats",
            "Mail", "Geo", "Cart", "Thumbs", "Proxy", "Metrics", "Inventory")
VERBS = ("Read", "Parse", "Validate", "Lookup", "Fetch", "Store", "Compress", "Encode", "Decode",
         "Write", "Log", "Authorize", "Render", "Resolve", "Notify", "Update", "Commit", "Audit",
         "Hash", "Sign", "Index", "Merge", "Filter", "Schedule")
NOUNS = ("Request", "Header", "Session", "Cache", "Record", "Page", "Image", "Token", "Account",
         "Order", "Message", "Frame", "Chunk", "Ticket", "Quota", "Reply", "Digest", "Entry")

Field = tuple[str, str]  # (C type, parameter name)


@dataclass
class Service:
    """The declarations of one service, emitted as blocks of lines."""

    prefix: str
    rng: random.Random
    lines: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    locks: list[str] = field(default_factory=list)
    session: bool = False

    def fresh(self, base: str) -> str:
        name, n = f"{self.prefix}{base}", 2
        while name in self.used:
            name, n = f"{self.prefix}{base}{n}", n + 1
        self.used.add(name)
        return name

    def node_name(self) -> str:
        return self.fresh(self.rng.choice(VERBS) + self.rng.choice(NOUNS))

    def emit(self, *lines: str) -> None:
        self.lines.extend(lines)


def _params(fields: list[Field]) -> str:
    return "(" + ", ".join(f"{t}{'' if t.endswith('*') else ' '}{n}" for t, n in fields) + ")"


def _random_field(rng: random.Random, taken: set[str]) -> Field:
    while True:
        ctype, names = rng.choice(TYPES)
        name = rng.choice(names)
        if name not in taken:
            return ctype, name


def mutate(rng: random.Random, fields: list[Field]) -> list[Field]:
    """The output of a node that consumes ``fields``: add, drop, replace or keep one field."""
    out = list(fields)
    choice = rng.random()
    if choice < 0.3 and len(out) < 6:
        out.append(_random_field(rng, {n for _, n in out}))
    elif choice < 0.5 and len(out) > 2:
        del out[rng.randrange(1, len(out))]
    elif choice < 0.75:
        i = rng.randrange(1, len(out))
        out[i] = _random_field(rng, {n for _, n in out} - {out[i][1]})
    return out


def concrete(svc: Service, inputs: list[Field], outputs: list[Field]) -> str:
    name = svc.node_name()
    if svc.rng.random() < 0.4:
        svc.emit(f"/** {name}: one step of {svc.prefix}, implemented in C. */")
    svc.emit(f"{name} {_params(inputs)} => {_params(outputs)};")
    if svc.rng.random() < 0.2:
        svc.emit(f"handle error {name} => {svc.fresh('On' + name[len(svc.prefix):])};")
    if svc.locks and svc.rng.random() < 0.35:
        lock = svc.rng.choice(svc.locks)
        mode = svc.rng.choice(("?", "", "!"))
        scope = "(session)" if lock.endswith("_user") else ""
        svc.emit(f"atomic {name}:{{{lock}{mode}{scope}}};")
    return name


def chain(svc: Service, inputs: list[Field], outputs: list[Field], length: int,
          depth: int) -> list[str]:
    """Steps of a flow from ``inputs`` to ``outputs``; intermediate types are random."""
    steps, current = [], inputs
    for i in range(length):
        nxt = outputs if i == length - 1 else mutate(svc.rng, current)
        steps.append(step(svc, current, nxt, depth))
        current = nxt
    return steps


def step(svc: Service, inputs: list[Field], outputs: list[Field], depth: int) -> str:
    roll = svc.rng.random()
    if depth < 2 and roll < 0.2:
        return abstract(svc, inputs, outputs, depth + 1)
    if depth < 2 and roll < 0.35:
        return dispatch(svc, inputs, outputs, depth + 1)
    return concrete(svc, inputs, outputs)


def abstract(svc: Service, inputs: list[Field], outputs: list[Field], depth: int) -> str:
    name = svc.fresh(svc.rng.choice(("Stage", "Phase", "Pipeline", "Step")))
    steps = chain(svc, inputs, outputs, svc.rng.randint(2, 4), depth)
    svc.emit("", f"/** {name}: a sub-flow of {svc.prefix}. */")
    if svc.rng.random() < 0.5:
        svc.emit(f"{name} {_params(inputs)} => {_params(outputs)};")
    svc.emit(f"{name} = {' -> '.join(steps)};")
    return name


def dispatch(svc: Service, inputs: list[Field], outputs: list[Field], depth: int) -> str:
    name = svc.fresh(svc.rng.choice(("Route", "Choose", "Branch", "Select")))
    for alt in range(svc.rng.randint(2, 3)):
        last = alt > 0 and svc.rng.random() < 0.6
        pattern = ["_"] * len(inputs)
        if not last:
            index, ptype = predicate(svc, inputs)
            pattern[index] = ptype
        if inputs == outputs and svc.rng.random() < 0.3:
            steps: list[str] = []
        else:
            steps = chain(svc, inputs, outputs, svc.rng.randint(1, 3), depth)
        svc.emit(f"{name}:[{', '.join(pattern)}] = {' -> '.join(steps)};")
        if last:
            return name
    svc.emit(f"{name}:[{', '.join(['_'] * len(inputs))}] = "
             f"{' -> '.join(chain(svc, inputs, outputs, 1, depth))};")
    return name


def predicate(svc: Service, inputs: list[Field]) -> tuple[int, str]:
    """Declare a predicate type on a random input field: (the field's index, the type)."""
    index = svc.rng.randrange(len(inputs))
    ctype, field_name = inputs[index]
    ptype = svc.fresh("_" + field_name).lower()
    function = svc.fresh("Is" + field_name.title().replace("_", ""))
    svc.emit("", f"typedef {ptype} {function};  // bool {function}{_params([inputs[index]])}")
    return index, ptype


def elevation(svc: Service, inputs: list[Field], writer: bool) -> str:
    """A deliberate out-of-order nesting: an abstract node holds ``zz_*`` (or reads ``aa_*``)
    and an inner node needs ``aa_*`` (or writes it): FLX603 (or FLX604)."""
    inner = concrete(svc, inputs, inputs)
    outer = svc.fresh("Guarded")
    low, high = f"aa_{svc.prefix.lower()}", f"zz_{svc.prefix.lower()}"
    svc.emit("", f"{outer} = {inner};")
    if writer:
        svc.emit(f"atomic {outer}:{{{low}?}};", f"atomic {inner}:{{{low}!}};")
    else:
        svc.emit(f"atomic {outer}:{{{high}}};", f"atomic {inner}:{{{low}}};")
    return outer


def service(prefix: str, rng: random.Random) -> list[str]:
    svc = Service(prefix, rng)
    svc.session = rng.random() < 0.3
    svc.locks = [f"{prefix.lower()}_{n}" for n in ("cache", "index", "stats")]
    if svc.session:
        svc.locks.append(f"{prefix.lower()}_user")
    start: list[Field] = [("int", "socket")]
    for _ in range(rng.randint(1, 2)):
        start.append(_random_field(rng, {n for _, n in start}))
    source, main = svc.fresh("Accept"), svc.fresh("Serve")
    svc.emit(f"/** {prefix}: waits for the next connection or event. */",
             f"{source} () => {_params(start)};")
    steps, current = [], start
    for _ in range(rng.randint(2, 6)):
        nxt = mutate(rng, current)
        steps.append(step(svc, current, nxt, 0))
        current = nxt
    roll = rng.random()
    if roll < 0.4:
        steps.append(elevation(svc, current, writer=roll < 0.15))
    steps.append(concrete(svc, current, []))
    session = f" {{session: {svc.fresh('SessionOf')}}}" if svc.session else ""
    svc.emit("", f"source {source}{session} => {main};", f"{main} = {' -> '.join(steps)};", "")
    return svc.lines


def generate(lines: int, seed: int = 0) -> str:
    """A well-formed Flux program of at least ``lines`` lines (whole services)."""
    rng = random.Random(seed)
    out = ["/* Generated by bench/gen.py — a synthetic Flux program for benchmarks. */", ""]
    index = 0
    while len(out) < lines:
        out += service(f"{SERVICES[index % len(SERVICES)]}{index // len(SERVICES)}", rng)
        index += 1
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lines", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    args = parser.parse_args(argv)
    text = generate(args.lines, args.seed)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
