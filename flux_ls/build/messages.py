"""Compiler and linker output, reworded in Flux terms where it is about the C interface.

A missing implementation shows up as the linker's ``undefined reference to `X'``, a
mistyped one as the compiler's ``conflicting types for 'X'`` (user files include
``flux_nodes.h``, which declares every prototype). Both are mapped back to the node,
predicate, handler or session function ``X`` with the prototype it must have; any other
output is passed through unchanged. Pure: text in, text out.
"""

from __future__ import annotations

import re

from ..cinterface import Interface

_UNDEFINED = re.compile(r"undefined reference to [`'‘](?P<name>[A-Za-z_]\w*)['’]")
_CONFLICT = re.compile(r"^(?P<where>.*?):(?:\s*)error: conflicting types for "
                       r"[`'‘](?P<name>[A-Za-z_]\w*)['’](?P<rest>.*)$")


def reword_link(output: str, interface: Interface, sources: str) -> str:
    """The linker's output with undefined user functions explained."""
    missing: list[str] = []
    kept: list[str] = []
    for line in output.splitlines():
        match = _UNDEFINED.search(line)
        if match and interface.prototype(match.group("name")) is not None:
            if match.group("name") not in missing:
                missing.append(match.group("name"))
            continue
        if missing and ("in function" in line or "ld returned" in line):
            continue  # context of the lines explained below
        kept.append(line)
    out = []
    for name in missing:
        proto = interface.prototype(name)
        assert proto is not None
        out.append(f"error: {proto.about} is not implemented; write it in one of the C "
                   f"sources ({sources}):\n    {proto.text} {{ … }}\n"
                   "  (flux_nodes.h declares it; `flux stubs` writes a stub to fill in)")
    rest = "\n".join(line for line in kept if line.strip())
    if rest:
        out.append(rest)
    return "\n".join(out)


def reword_compile(output: str, interface: Interface) -> str:
    """The compiler's output with prototype mismatches explained."""
    out = []
    for line in output.splitlines():
        match = _CONFLICT.match(line)
        proto = interface.prototype(match.group("name")) if match else None
        if match is None or proto is None:
            out.append(line)
            continue
        out.append(f"{match.group('where')}: error: `{proto.name}` does not have the "
                   f"prototype of the {proto.about}; it must be:\n    {proto.text};\n"
                   "  (declared in the generated flux_nodes.h; the compiler's details follow)")
    return "\n".join(out)
