"""The registry of diagnostic codes (docs/language.md#diagnostics). Codes are a contract:
never reuse one.

Each entry carries the default severity, a one-line summary (the table of docs/diagnostics.md)
and a longer explanation used for SARIF rule metadata, documentation links and hovers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

# Each code is documented in docs/diagnostics.md, generated from this registry; its section's
# anchor is the code in lower case. Diagnostics carry no link to it: the project has no public
# address yet, and a link that leads nowhere is worse than none.


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    name: str
    summary: str
    explanation: str


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("FLX000", "error", "internal-error", "internal error in the checker",
             "The checker itself failed on this input. This is a bug in flux; please report it "
             "with the file that caused it."),
        Code("FLX001", "error", "syntax-error", "syntax error",
             "The text is not a Flux declaration. The message says what was expected there."),
        Code("FLX101", "error", "undefined-node", "undefined node",
             "A flow, source, handler or atomic declaration names a node that has no signature "
             "and no flow definition."),
        Code("FLX102", "error", "undefined-predicate-type",
             "undefined predicate type in a pattern",
             "A dispatch pattern element is neither a wildcard (`_`, `*`) nor a type declared "
             "with `typedef t F;`."),
        Code("FLX103", "error", "duplicate-definition",
             "duplicate or conflicting definition",
             "A name is declared twice in a way that cannot be merged: two signatures, two plain "
             "flows, a plain flow beside dispatch alternatives, two typedefs of one type."),
        Code("FLX104", "error", "invalid-c-identifier", "name not allowed as a C identifier",
             "Node names, parameter names and C function names become C identifiers: they may "
             "not be C keywords, start with `flux_` (reserved for the runtime) or be `_`."),
        Code("FLX105", "warning", "unused", "node or predicate type never used",
             "No flow reachable from a source uses this node or predicate type."),
        Code("FLX106", "error", "duplicate-parameter",
             "two parameters of one side of a signature have one name",
             "The inputs of a node become the fields of its C struct `N_in`, its outputs the "
             "fields of `N_out` (names are otherwise ignored: flows match types by position). "
             "Two inputs, or two outputs, with one name would be two fields with one name. An "
             "input and an output may share a name (`N (int fd) => (int fd);`)."),
        Code("FLX201", "error", "flow-type-mismatch", "output does not match the next input",
             "In `A -> B`, the output types of A must equal the input types of B, position by "
             "position, in canonical form."),
        Code("FLX202", "error", "flow-input-mismatch",
             "flow input does not match the declared input",
             "The first node of an abstract node's flow must take the abstract node's declared "
             "inputs."),
        Code("FLX203", "error", "flow-output-mismatch",
             "flow output does not match the declared output",
             "The last node of an abstract node's flow must produce the abstract node's declared "
             "outputs."),
        Code("FLX204", "error", "source-has-inputs", "a source has inputs",
             "A source is called in a loop with no input: its input list must be `()`."),
        Code("FLX205", "error", "source-target-mismatch",
             "source output does not match its target",
             "Each output of a source starts a flow of its target: Out(S) must equal In(T)."),
        Code("FLX206", "error", "pattern-length",
             "dispatch pattern length differs from the input count",
             "A dispatch pattern has one element per input of the abstract node."),
        Code("FLX207", "error", "alternative-signature-mismatch",
             "alternatives of one abstract node have different signatures",
             "Every flow of an abstract node must take and produce the same types; without a "
             "declared signature, the first alternative fixes it."),
        Code("FLX208", "error", "empty-flow-mismatch", "empty flow whose input and output differ",
             "An empty flow passes its data through unchanged, so the abstract node's input and "
             "output types must be equal."),
        Code("FLX209", "error", "predicate-type-conflict",
             "one predicate function applied to fields of different C types",
             "A predicate function has a single C prototype `bool F(T v)`; all fields it tests "
             "must have the same C type."),
        Code("FLX210", "warning", "source-values-dropped",
             "a source's flow ends with a non-empty output",
             "The values the target's flow produces are dropped at the end of every flow. End "
             "the flow with a node whose output is `()`."),
        Code("FLX211", "error", "malformed-c-type", "malformed C type in a signature",
             "The type is not a well-formed C type (for example `long char`, `unsigned double`, "
             "a bare `struct`)."),
        Code("FLX212", "error", "untyped-empty-node",
             "abstract node with only empty flows and no signature",
             "An abstract node without a signature takes its types from its flows: inputs from "
             "the first node of a non-empty flow, outputs from the last. When every flow of it "
             "is empty (`E = ;`, `E:[p] = ;`) there is nothing to take them from. The types "
             "are not taken from the places that use the node: a node has one C interface "
             "(its `E_in`/`E_out` structs, its handler's and its predicates' prototypes), so "
             "its types must be fixed where it is defined. Declare its signature, with equal "
             "inputs and outputs since an empty flow passes its data through: "
             "`E (int fd) => (int fd);`."),
        Code("FLX301", "warning", "unreachable-alternative",
             "dispatch alternative can never match",
             "An earlier alternative is all wildcards and matches everything first."),
        Code("FLX302", "warning", "no-catch-all",
             "dispatch has no all-wildcard alternative",
             "When no alternative matches, the flow ends with FLUX_ENOMATCH at run time."),
        Code("FLX401", "error", "cycle", "an abstract node contains itself",
             "Flux programs are acyclic: an abstract node may not contain itself, directly or "
             "through other abstract nodes."),
        Code("FLX501", "warning", "handler-never-runs",
             "handler for a node no reachable flow uses",
             "The node is not on any flow reachable from a source, so its handler can never run."),
        Code("FLX502", "error", "duplicate-handler", "more than one handler for one node",
             "A node has at most one error handler."),
        Code("FLX503", "error", "handler-input-conflict",
             "one handler function used for nodes with different inputs",
             "A handler function has a single C prototype `void H(N_in *in, int err)`; the "
             "nodes it handles must have the same input types."),
        Code("FLX601", "error", "constraint-scope-conflict",
             "one constraint name used with both program and session scope",
             "A constraint name has one scope in the whole program."),
        Code("FLX602", "error", "session-without-session-function",
             "session-scoped constraint in a flow whose source has no session function",
             "Session constraints belong to the session chosen by the source's session "
             "function: declare one with `source S {session: F} => T;`."),
        Code("FLX603", "warning", "constraint-elevated",
             "constraint elevated to an enclosing node to keep the lock order",
             "A node would acquire a constraint while an enclosing node holds a greater one "
             "(canonical order is byte order of names). The checker moves the constraint to "
             "the enclosing node so the program stays deadlock-free; this reduces concurrency."),
        Code("FLX604", "warning", "reader-upgraded",
             "reader acquisition upgraded to writer because an inner node writes",
             "An outer node takes the constraint as reader while an inner node needs it as "
             "writer; the outer acquisition becomes a writer."),
        Code("FLX605", "error", "session-in-source-flow",
             "session-scoped constraint in a source's own flow",
             "A source's flow (the source node, and every node of its flow when it is "
             "abstract) runs in the source's loop before any session exists: the session "
             "function is called on the source's output, when the flow of the target starts. "
             "A session-scoped constraint there has no session to belong to. Make the "
             "constraint program-scoped, or move the node into the target's flow."),
    )
}


def reference_markdown() -> str:
    """The diagnostics reference page (docs/diagnostics.md), generated from this registry."""
    lines = ["# Flux diagnostics", "",
             "Generated from `flux_ls/codes.py` — do not edit; run "
             "`FLUX_UPDATE_GOLDENS=1 pytest tests/test_docs.py` after changing the registry.",
             "Codes never change meaning and are never reused "
             "([the language reference](language.md#diagnostics)).", "",
             "| code | severity | name | when |", "|---|---|---|---|"]
    lines += [f"| [{c.code}](#{c.code.lower()}) | {c.severity} | `{c.name}` | {c.summary} |"
              for c in CODES.values()]
    for c in CODES.values():
        lines += ["", f"## {c.code}", "", f"**{c.severity}** · `{c.name}` — {c.summary}.", "",
                  c.explanation]
    return "\n".join(lines) + "\n"
