"""Inlay hints: the types flowing along each arrow, and effective constraints.

``inlay_hints(analysis, start, end)`` returns the hints whose position lies in the byte range
``[start, end]``, ordered by position:

* **Types on arrows** (kind ``TYPE``): before each step after the first of a flow, the data
  that flows into it — ``A -> ⟨(int fd, char *path)⟩ B`` — written as the previous node's
  output parameters when it has a signature, else as the canonical types of its (inferred)
  outputs; likewise before a source's target. Longer than ``max_length`` characters, a label
  is shortened with ``…`` and the full tuple goes into the tooltip.
* **Effective constraints** (kind ``CONSTRAINT``): where the checker elevated a constraint to
  a node (FLX603) or upgraded a reader to a writer (FLX604), the node's effective set —
  ``⟨effective {x, y}⟩`` — after its last ``atomic`` declaration, or, when it has none, after
  its name in its signature (or its first flow definition); the tooltip gives the reason for
  each change.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import Enum

from ..analysis import Analysis
from ..model import FlowDef, Name, Source
from ..semantics import EffectiveConstraint, NodeInfo, show_types
from .index import cached
from .semantic_tokens import declaration_starts

__all__ = ["InlayHint", "InlayHintKind", "inlay_hints"]


class InlayHintKind(Enum):
    """``TYPE`` maps to LSP ``InlayHintKind.Type``; ``CONSTRAINT`` has no LSP kind."""

    TYPE = "type"
    CONSTRAINT = "constraint"


@dataclass(frozen=True)
class InlayHint:
    offset: int                       # byte of analysis.data the hint is shown before
    label: str
    kind: InlayHintKind
    tooltip: str | None = None        # markdown
    padding_left: bool = False
    padding_right: bool = False


def _outputs(info: NodeInfo) -> str:
    sig = info.signature
    if sig is not None and not sig.incomplete:
        return "(" + ", ".join(str(p) for p in sig.outputs) + ")"
    return show_types(info.outputs)


def _shorten(label: str, max_length: int) -> str:
    return label if len(label) <= max_length else label[:max_length - 2] + "…)"


def _arrow(analysis: Analysis, left: Name, right: Name, max_length: int) -> InlayHint | None:
    info = analysis.semantics.node(left)
    if info is None:
        return None
    full = _outputs(info)
    label = _shorten(full, max_length)
    tooltip = f"`{left}` outputs `{full}`"
    target = analysis.semantics.node(right)
    if target is not None:
        tooltip += f"; `{right}` takes `{show_types(target.inputs)}`"
    return InlayHint(right.span.start, label, InlayHintKind.TYPE, tooltip, padding_right=True)


def _flow_hints(analysis: Analysis, flow: FlowDef | Source,
                max_length: int) -> list[InlayHint]:
    if isinstance(flow, Source):
        pairs = [(flow.node, flow.target)]
    else:
        pairs = list(zip(flow.steps, flow.steps[1:], strict=False))
    return [h for left, right in pairs if (h := _arrow(analysis, left, right, max_length))]


def _reason(c: EffectiveConstraint) -> str:
    if c.elevation is not None:
        e = c.elevation
        return (f"`{c.name}` elevated: `{e.from_node}` needs it while `{e.held_by}` holds "
                f"`{e.held}` (lock order {c.name} < {e.held}); deadlock avoided")
    if c.upgrade is not None:
        return f"`{c.name}` upgraded to a writer: `{c.upgrade.writer}` inside writes it"
    return f"`{c}` declared"


def _constraint_hint(info: NodeInfo) -> InlayHint | None:
    changed = info.elevated
    if not changed:
        return None
    label = "effective {" + ", ".join(str(c) for c in info.effective) + "}"
    tooltip = "\n\n".join(_reason(c) for c in changed)
    if info.atomics:
        last = max(info.atomics, key=lambda a: a.span.end)
        return InlayHint(last.span.end, label, InlayHintKind.CONSTRAINT, tooltip,
                         padding_left=True)
    name = info.signature.name if info.signature is not None else info.flows[0].name
    return InlayHint(name.span.end, label, InlayHintKind.CONSTRAINT, tooltip,
                     padding_left=True, padding_right=True)


def _constraint_hints(analysis: Analysis) -> list[InlayHint]:
    return cached(analysis, "ide.inlay_hints.constraints", list, lambda: sorted(
        (h for info in analysis.semantics.nodes.values() if (h := _constraint_hint(info))),
        key=lambda h: h.offset))


def inlay_hints(analysis: Analysis, start: int = 0, end: int | None = None,
                max_length: int = 60) -> list[InlayHint]:
    """The hints positioned in ``[start, end]`` (bytes; ``end`` None: to the end)."""
    end = len(analysis.data) if end is None else end
    decls = analysis.program.declarations
    starts = declaration_starts(analysis)
    lo = max(0, bisect.bisect_right(starts, start) - 1)
    hi = bisect.bisect_right(starts, end)
    hints: list[InlayHint] = []
    for decl in decls[lo:hi]:
        if isinstance(decl, FlowDef | Source) and decl.span.end >= start:
            hints += _flow_hints(analysis, decl, max_length)
    constraint_hints = _constraint_hints(analysis)
    offsets = [h.offset for h in constraint_hints]
    hints += constraint_hints[bisect.bisect_left(offsets, start):
                              bisect.bisect_right(offsets, end)]
    hints = [h for h in hints if start <= h.offset <= end]
    hints.sort(key=lambda h: (h.offset, h.kind.value))
    return hints
