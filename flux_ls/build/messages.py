"""Compiler and linker output, reworded in Flux terms where it is about the C interface.

A missing implementation shows up as the linker's ``undefined reference to `X'``, a
mistyped one as the compiler's ``conflicting types for 'X'`` (user files include
``flux_nodes.h``, which declares every prototype). Both are mapped back to the node,
predicate, handler or session function ``X`` with the prototype it must have. A C type
that no header declares (``headers`` forgotten in flux.toml) shows up as ``unknown type name``
(or ``field … has incomplete type`` for a ``struct x``) inside the generated
``flux_nodes.h``, once per use in every file that includes it: it is said once, with the
nodes whose signatures use it and the header to list, and the errors that follow from it
(in the generated files, and in user files that meet the same types) are counted, not
shown. Any other output is passed through unchanged. Pure: text in, text out.
"""

from __future__ import annotations

import re

from ..cinterface import Interface

#: Where the C library declares the types a signature most often names without its header.
SYSTEM_TYPES = {"ssize_t": "<sys/types.h>", "off_t": "<sys/types.h>", "pid_t": "<sys/types.h>",
                "mode_t": "<sys/types.h>", "uid_t": "<sys/types.h>", "gid_t": "<sys/types.h>",
                "time_t": "<time.h>", "FILE": "<stdio.h>", "socklen_t": "<sys/socket.h>",
                "in_addr_t": "<netinet/in.h>", "in_port_t": "<netinet/in.h>",
                "pthread_t": "<pthread.h>", "va_list": "<stdarg.h>",
                "struct stat": "<sys/stat.h>", "struct timespec": "<time.h>",
                "struct timeval": "<sys/time.h>", "struct sockaddr": "<sys/socket.h>",
                "struct sockaddr_storage": "<sys/socket.h>",
                "struct sockaddr_in": "<netinet/in.h>", "struct sockaddr_in6": "<netinet/in.h>",
                "struct pollfd": "<poll.h>", "struct iovec": "<sys/uio.h>"}
GENERATED = ("flux_nodes.h", "flux_program.c")

_UNDEFINED = re.compile(r"undefined reference to [`'‘](?P<name>[A-Za-z_]\w*)['’]")
_UNKNOWN_TYPE = re.compile(r"^(?P<file>[^:\n]*flux_nodes\.h):\d+:\d+: error: unknown type name "
                           r"[`'‘](?P<type>[A-Za-z_]\w*)['’]")
_INCOMPLETE = re.compile(r"^[^:\n]*flux_nodes\.h:\d+:\d+: error: field [`'‘](?P<field>\w+)['’] "
                         r"has incomplete type")
_TAGGED = re.compile(r"(?:struct|union|enum) [A-Za-z_]\w*")
_LOCATED = re.compile(r"^(?P<file>[^:\n]+):\d+:(?:\d+:)? (?:fatal )?(?:error|warning|note): ")
_CONTEXT = re.compile(r"^(In file included from |\s+from |.*: In function |.*: At top level:)")
_IN_FUNCTION = re.compile(r": in function [`'‘][^'’]*['’]:$|: In function [`'‘].*:$")
_CONFLICT = re.compile(r"^(?P<where>.*?):(?:\s*)error: conflicting types for "
                       r"[`'‘](?P<name>[A-Za-z_]\w*)['’](?P<rest>.*)$")


def reword_link(output: str, interface: Interface, sources: str) -> str:
    """The linker's output with undefined user functions explained."""
    missing: list[str] = []
    kept: list[str] = []
    where: str | None = None  # the linker's "…: in function `f':" before its references
    for line in output.splitlines():
        if _IN_FUNCTION.search(line):
            where = line
            continue
        match = _UNDEFINED.search(line)
        if match and interface.prototype(match.group("name")) is not None:
            if match.group("name") not in missing:
                missing.append(match.group("name"))
            continue
        if "ld returned" in line and missing:
            continue
        if where is not None and match:  # a reference not explained: keep its context
            kept.append(where)
        where = None if match else where
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


def unknown_types(outputs: list[str], interface: Interface) -> list[str]:
    """The C types the compiler did not know inside the generated flux_nodes.h, in order: a
    type name it had never seen, or a ``struct``/``union``/``enum`` of a field (by value)
    that was never defined."""
    found: list[str] = []
    for output in outputs:
        for line in output.splitlines():
            match = _UNKNOWN_TYPE.match(line)
            if match:
                found.append(match.group("type"))
            incomplete = _INCOMPLETE.match(line)
            if incomplete:
                found += [t for pair in interface.structs.values() for struct in pair
                          if struct is not None for t, name in struct.fields
                          if name == incomplete.group("field") and _TAGGED.fullmatch(t)]
    return list(dict.fromkeys(found))


def explain_unknown_types(outputs: list[str], interface: Interface, listed: tuple[str, ...],
                          declaring: dict[str, list[str]], manifest: str) -> list[str]:
    """The compiler's outputs (one per file) with the unknown types of flux_nodes.h said once,
    first, and every error located in the generated files dropped (they follow from them);
    ``declaring`` maps a type to the project headers that declare it."""
    types = unknown_types(outputs, interface)
    if not types:
        return outputs
    known = {t: declaring.get(t) or ([SYSTEM_TYPES[t]] if t in SYSTEM_TYPES else [])
             for t in types}
    out = [_unknown_type(t, interface, known[t]) for t in types]
    out.append(_headers_fix(listed, [h for t in types for h in known[t][:1]],
                            not all(known.values()), manifest))
    dropped, files = 0, list(GENERATED)
    # a user file that includes flux_nodes.h for the user's header meets the same types
    user_unknown = re.compile(r"error: (unknown type name [`'‘]|.*[`'‘](?:" +
                              "|".join(re.escape(t) for t in types) + r")['’])")
    for output in outputs:
        kept: list[str] = []
        for group in _groups(output):
            first = next((line for line in group if not _CONTEXT.match(line)), group[0])
            located = _LOCATED.match(first)
            if located and located.group("file").endswith(GENERATED):
                dropped += "error: " in first
                continue
            kept.extend(group)
        if user_unknown.search("\n".join(kept)):  # the user's file relies on the header too
            dropped += sum(bool(_LOCATED.match(line)) and "error: " in line for line in kept)
            files += list(dict.fromkeys(m.group("file") for line in kept
                                        if (m := _LOCATED.match(line))))
        elif any(line.strip() for line in kept):
            out.append("\n".join(kept))
    if dropped:
        out.append(f"  ({dropped} more compiler error{'s' if dropped > 1 else ''}, in "
                   f"{', '.join(dict.fromkeys(files))}, follow from this and are not shown)")
    return out


def _unknown_type(ctype: str, interface: Interface, known: list[str]) -> str:
    word = re.compile(rf"\b{re.escape(ctype)}\b")
    users = [(node, "inputs" if side == 0 else "outputs")
             for node, pair in interface.structs.items() for side, struct in enumerate(pair)
             if struct is not None and any(word.search(t) for t, _ in struct.fields)]
    concrete = {p.name for p in interface.prototypes if p.kind == "node"}
    nodes = list(dict.fromkeys([n for n, _ in users if n in concrete] or
                               [n for n, _ in users]))
    named = [f"`{n}` ({' and '.join(side for m, side in users if m == n)})"
             for n in nodes[:3]]
    more = len(nodes) - len(named)
    if more:
        named.append(f"{more} more node{'s' if more > 1 else ''}")
    uses = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else \
        "".join(named) or "a node"
    where = f" ({' or '.join(f'`{h}`' for h in known)} does)" if known else ""
    return (f"error: unknown C type `{ctype}` in the signature of {uses}: no header that "
            f"flux_nodes.h includes declares it{where}")


def _headers_fix(listed: tuple[str, ...], known: list[str], unplaced: bool,
                 manifest: str) -> str:
    wanted = list(dict.fromkeys([*listed, *known]))
    if unplaced:
        wanted.append("….h")
    return (f"  the header declaring a type of a signature belongs in {manifest}:\n"
            "    headers = [" + ", ".join(f'"{h}"' for h in wanted) + "]\n"
            "  (flux_nodes.h includes them before it declares the nodes' structs)")


def _groups(output: str) -> list[list[str]]:
    """Compiler output cut into diagnostics: include/function context, the located line,
    then its source excerpt and caret lines."""
    groups: list[list[str]] = []
    context: list[str] = []
    for line in output.splitlines():
        if _CONTEXT.match(line):
            context.append(line)
        elif _LOCATED.match(line) or not groups or not line.startswith(" "):
            groups.append([*context, line])
            context = []
        else:
            groups[-1].append(line)
    if context:
        groups.append(context)
    return groups
