"""``flux stubs``: C stubs for every function the user must write, and the scan that finds
which ones a C file already defines.

The scan is deliberately simple: comments, string literals and preprocessor lines are
blanked out, then every ``name(…) {`` at brace depth 0 is a function definition. That is
enough to tell which prototypes are missing from a file. Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..cinterface import Interface, Prototype

_BLANK = re.compile(
    r"""/\*.*?\*/            # block comment
      | //[^\n]*             # line comment
      | "(?:\\.|[^"\\\n])*"  # string literal
      | '(?:\\.|[^'\\\n])*'  # character literal
      | ^[ \t]*\#(?:\\\n|[^\n])*  # preprocessor line, with continuations
    """, re.S | re.M | re.X)
_DEFINITION = re.compile(r"([A-Za-z_]\w*)\s*\(([^;{}()]*(?:\([^;{}()]*\)[^;{}()]*)*)\)\s*"
                         r"(?:__attribute__\s*\(\(.*?\)\)\s*)*$", re.S)
_NOT_FUNCTIONS = {"if", "while", "for", "switch", "return", "sizeof", "__attribute__"}


def _blank(text: str) -> str:
    return _BLANK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def defined_functions(text: str) -> list[str]:
    """Names of the functions a C file defines, in order."""
    code = _blank(text)
    names: list[str] = []
    depth = 0
    start = 0  # where the current top-level declaration began
    for index, char in enumerate(code):
        if char == "{":
            if depth == 0:
                match = _DEFINITION.search(code, start, index)
                if match and match.group(1) not in _NOT_FUNCTIONS and \
                        "=" not in code[start:match.start()]:
                    names.append(match.group(1))
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
            if depth == 0:
                start = index + 1
        elif char == ";" and depth == 0:
            start = index + 1
    return names


def _body(proto: Prototype) -> list[str]:
    lines = [f"    (void){param};" for param in proto.params]
    if proto.result == "int":
        lines.append("    return -1; /* TODO: return 0 once implemented */")
    elif proto.result == "bool":
        lines.append("    return false; /* TODO */")
    elif proto.result == "uint64_t":
        lines.append("    return 0; /* TODO: the session id of this flow */")
    return lines


def stub(proto: Prototype, doc: str | None = None) -> str:
    comment = f"/* {proto.about[0].upper()}{proto.about[1:]}: TODO."
    if doc:
        comment += " " + " ".join(doc.split())
    lines = [comment + " */", proto.text + " {", *_body(proto), "}"]
    return "\n".join(lines) + "\n"


INIT_STUBS = """\
/* Optional: called once before any source starts; return non-zero to abort. */
int flux_init(int argc, char **argv) {
    (void)argc;
    (void)argv;
    return 0;
}

/* Optional: called once on orderly shutdown, after every flow has ended. */
void flux_shutdown(void) {
}
"""


def stubs(prototypes: Iterable[Prototype], docs: dict[str, str | None]) -> str:
    return "\n".join(stub(p, docs.get(p.name)) for p in prototypes)


def new_file(interface: Interface, docs: dict[str, str | None], flux_name: str) -> str:
    head = (f"/* The C nodes of {flux_name}: stubs written by `flux stubs` — fill in the "
            "TODOs. */\n#define _GNU_SOURCE\n#include <stdbool.h>\n#include <stdint.h>\n\n"
            '#include "flux_nodes.h"\n\n')
    return head + stubs(interface.prototypes, docs) + "\n" + INIT_STUBS


def missing(interface: Interface, defined: Iterable[str]) -> list[Prototype]:
    have = set(defined)
    return [p for p in interface.prototypes if p.name not in have]
