"""Quick fixes, as data: the one place they are made (``diagnostics.Fix``).

``fixes(analysis, diagnostic)`` returns the fixes of one diagnostic of ``analysis``:
``with_fixes(analysis)`` its diagnostics with them. The CLI (``--format json``/``sarif``/text,
through ``render.report.FileReport.of``) and the language server (``ide.code_actions``, which
only turns them into code actions) offer the same fixes. Fixes are computed on demand from
the whole analysis (a "Declare node" fix reads the program around the use), never stored by
the checks, so incremental re-analysis never keeps a stale one. Applying a fix gives a
program whose analysis no longer reports that diagnostic (the tests check this on every
fix). Pure: no IO.

=======  =====================================================================================
code     fixes
=======  =====================================================================================
FLX101   declare the missing node, its signature inferred from its neighbours: inputs = the
         previous step's outputs (or the enclosing node's inputs), outputs = the next step's
         inputs (or the enclosing node's outputs), named as the C interface names those
         fields (``cinterface``); inserted after the last signature. When the checker guessed
         a near name ("did you mean"), also: change the name to it (preferred).
FLX105   remove the unused declaration — reusing the checker's ``Fix`` where it has one, with
         whole lines, its doc comment and trailing comment — together with the node's flow
         definitions, ``atomic`` and ``handle error`` declarations, which would otherwise name
         an undefined node. Not offered while another flow still names it.
FLX302   add a catch-all alternative after the last one: ``N:[_, …] = ;`` when N's input and
         output types are equal (the data passes through), else with the last alternative's
         flow.
FLX603   write the elevated constraint into the source: add it to the enclosing node's last
         ``atomic`` declaration, or add ``atomic N:{c};`` after the file's last ``atomic``
         declaration (or after N's flow).
FLX604   make the reader acquisition a writer (``c?`` → ``c``).
other    the checker's own fixes (``Diagnostic.fixes``)
=======  =====================================================================================
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .analysis import Analysis
from .cinterface import Derivation, Side
from .ctypes import typed_name
from .diagnostics import Diagnostic, Edit, Fix
from .model import Atomic, Declaration, FlowDef, Handler, Param, Signature, Source, Span
from .semantics import EffectiveConstraint, NodeInfo
from .syntax.lower import doc_comment
from .text import line_start

__all__ = ["fixes", "with_fixes"]


def _edit(start: int, end: int, text: str) -> Edit:
    return Edit(Span(start, end), text)


# --- text helpers ---------------------------------------------------------------------------

def _newline(data: bytes) -> str:
    return "\r\n" if b"\r\n" in data else "\r" if b"\r" in data else "\n"


def _line_end(data: bytes, offset: int) -> int:
    ends = [i for i in (data.find(b"\n", offset), data.find(b"\r", offset)) if i >= 0]
    return min(ends) if ends else len(data)


def _insert_line_after(data: bytes, offset: int, text: str) -> Edit:
    """A new line holding ``text`` after the line of ``offset``."""
    end = _line_end(data, offset)
    return _edit(end, end, _newline(data) + text)


def _declaration_lines(analysis: Analysis, span: Span) -> Edit:
    """An edit deleting a declaration with its doc comment, its trailing comment and, when
    nothing else is on them, its whole lines."""
    data = analysis.data
    start, end = span.start, span.end
    top = analysis.syntax.top
    i = top.index_at(start)
    node = top.nodes[i] if i >= 0 and top.ranges[i][1] > start else None
    doc = doc_comment(node.prev_named_sibling, node, data) if node is not None else None
    if doc is not None and not data[line_start(data, doc.start_byte):doc.start_byte].strip():
        start = doc.start_byte
    line_end = _line_end(data, end)
    rest = data[end:line_end].strip()
    if rest and not rest.startswith(b"//"):      # more code after it on its line
        while end < line_end and data[end] in b" \t":
            end += 1
        return _edit(start, end, "")
    end = line_end                               # (and its trailing comment)
    begins = line_start(data, start)
    if data[begins:start].strip():               # code before it on its line
        while start > begins and data[start - 1] in b" \t":
            start -= 1
        return _edit(start, end, "")
    end += 2 if data.startswith(b"\r\n", end) else 1 if end < len(data) else 0
    return _edit(begins, end, "")             # alone: whole lines


# --- signatures for FLX101 --------------------------------------------------------------------

def _param_text(params: Sequence[tuple[str, str]]) -> str:
    return "(" + ", ".join(typed_name(t, n) for t, n in params) + ")"


def _from_params(params: tuple[Param, ...]) -> list[tuple[str, str]]:
    return [(p.type.text, p.name.text) for p in params]


def _side(derive: Derivation, info: NodeInfo | None, side: Side) -> list[tuple[str, str]] | None:
    """A node's inputs or outputs as (type, name): its declared parameters as written, else
    its inferred types named as the C interface names those fields (the names of the
    parameters they come from), so a declared node never mixes real and made-up names."""
    if info is None:
        return None
    if info.signature is not None and not info.signature.incomplete:
        return _from_params(info.signature.inputs if side == "in" else info.signature.outputs)
    types, names = derive.types(info.name, side), derive.names(info.name, side)
    if types is None or names is None or len(types) != len(names):
        return None
    return list(zip(types, names, strict=True))


Key = tuple[int, int]   # a span's (start, end): spans compare by value


def _key(span: Span) -> Key:
    return span.start, span.end


class _Index:
    """The program read once for all the fixes of one analysis (a file with thousands of
    diagnostics must not cost thousands of walks over it): where every node name is used,
    and what flows into and out of each use."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.sem = analysis.semantics
        self.derive = Derivation(analysis)
        program = analysis.program
        self.uses: dict[str, list[tuple[FlowDef, int]]] = {}     # step name → its uses
        self.step_at: dict[Key, tuple[FlowDef, int]] = {}
        for flow in program.flows:
            for i, step in enumerate(flow.steps):
                self.uses.setdefault(step.text, []).append((flow, i))
                self.step_at[_key(step.span)] = (flow, i)
        self.sources_into: dict[str, list[Source]] = {}
        self.source_target_at: dict[Key, Source] = {}
        self.source_node_at: dict[Key, Source] = {}
        self.in_sources: set[str] = set()
        for source in program.sources:
            self.sources_into.setdefault(source.target.text, []).append(source)
            self.source_target_at.setdefault(_key(source.target.span), source)
            self.source_node_at.setdefault(_key(source.node.span), source)
            self.in_sources |= {source.node.text, source.target.text}
        self.in_patterns = {e.name.text for f in program.flows for e in f.pattern or ()
                            if e.name is not None}
        self.typedef_at = {_key(t.type.span): t for t in program.typedefs}
        self.pattern_at = {(f.pattern[0].span.start - 1, f.pattern[-1].span.end + 1): f
                           for f in program.flows if f.pattern}
        self.declarations: dict[str, list[Span]] = {}
        for d in program.declarations:
            name = _declared_node(d)
            if name is not None:
                self.declarations.setdefault(name, []).append(d.span)
        self.elevated: dict[Key, list[tuple[NodeInfo, EffectiveConstraint]]] = {}
        for info in self.sem.nodes.values():
            for c in info.effective:
                if c.elevation is not None:
                    self.elevated.setdefault(_key(c.elevation.entered_at), []).append((info, c))
        self.readers_at = {_key(c.span): (atomic, c) for atomic in program.atomics
                           for c in atomic.constraints if c.mode == "read"}

    def _inputs_of(self, info: NodeInfo | None) -> list[tuple[str, str]] | None:
        return _side(self.derive, info, "in")

    def _outputs_of(self, info: NodeInfo | None) -> list[tuple[str, str]] | None:
        return _side(self.derive, info, "out")

    def into(self, node: str, seen: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
        """The parameters flowing into node ``node`` wherever it is used."""
        info = self.sem.node(node)
        known = self._inputs_of(info) if info is not None and (
            info.signature is not None or info.inputs is not None) else None
        if known is not None:
            return known
        for source in self.sources_into.get(node, ()):
            out = self._outputs_of(self.sem.node(source.node))
            if out is not None:
                return out
        for flow, i in self.uses.get(node, ()):
            if i > 0:
                out = self._outputs_of(self.sem.node(flow.steps[i - 1]))
                if out is not None:
                    return out
            elif flow.name.text not in seen:
                return self.into(flow.name.text, seen | {node})
        return []

    def out_of(self, node: str, seen: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
        """The parameters expected out of node ``node`` wherever it is used."""
        info = self.sem.node(node)
        if info is not None and info.signature is not None and not info.signature.incomplete:
            return _from_params(info.signature.outputs)
        for flow, i in self.uses.get(node, ()):
            if i + 1 < len(flow.steps):
                inp = self._inputs_of(self.sem.node(flow.steps[i + 1]))
                if inp is not None:
                    return inp
            elif flow.name.text not in seen:
                return self.out_of(flow.name.text, seen | {node})
        return []

    def signature_for(self, name: str, span: Span) -> str:
        """A signature for undefined ``name`` used at ``span``."""
        inputs: list[tuple[str, str]] = []
        outputs: list[tuple[str, str]] = []
        if (source := self.source_target_at.get(_key(span))) is not None:
            inputs = self._outputs_of(self.sem.node(source.node)) or []
        elif (source := self.source_node_at.get(_key(span))) is not None:
            outputs = self._inputs_of(self.sem.node(source.target)) or []
        if (use := self.step_at.get(_key(span))) is not None:
            flow, i = use
            if i > 0:
                inputs = self._outputs_of(self.sem.node(flow.steps[i - 1])) or []
            else:
                inputs = self.into(flow.name.text)
            if i + 1 < len(flow.steps):
                outputs = self._inputs_of(self.sem.node(flow.steps[i + 1])) or []
            else:
                outputs = self.out_of(flow.name.text)
        return f"{name} {_param_text(inputs)} => {_param_text(outputs)};"


def _declared_node(d: Declaration) -> str | None:
    """The node ``d`` declares something of (signature, flow, atomic, handler), if any."""
    if isinstance(d, Signature | FlowDef):
        return d.name.text
    if isinstance(d, Atomic | Handler):
        return d.node.text
    return None


# --- the fixes --------------------------------------------------------------------------------

def _fix_undefined(analysis: Analysis, diag: Diagnostic, ix: _Index) -> list[Fix]:
    data = analysis.data
    name = data[diag.span.start:diag.span.end].decode("utf-8", "replace")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return []
    actions = []
    if diag.hint and (m := re.fullmatch(r"did you mean `([A-Za-z_][A-Za-z0-9_]*)`\?", diag.hint)):
        actions.append(Fix(f"Change `{name}` to `{m.group(1)}`",
                           (Edit(diag.span, m.group(1)),), preferred=True))
    text = ix.signature_for(name, diag.span)
    signatures = analysis.program.signatures
    if signatures:
        edit = _insert_line_after(data, signatures[-1].span.end, text)
    else:
        decl = _declaration_at(analysis, diag.span.start)
        at = line_start(data, decl.span.start) if decl is not None else 0
        edit = _edit(at, at, text + _newline(data))
    actions.append(Fix(f"Declare node `{text}`", (edit,)))
    return actions


def _declaration_at(analysis: Analysis, offset: int) -> Declaration | None:
    return next((d for d in analysis.program.declarations
                 if d.span.start <= offset <= d.span.end), None)


def _fix_unused(analysis: Analysis, diag: Diagnostic, ix: _Index) -> list[Fix]:
    typedef = ix.typedef_at.get(_key(diag.span))
    if typedef is not None:
        name = typedef.type.text
        if name in ix.in_patterns:
            return []
        spans = [typedef.span]
        title = f"Remove the unused predicate type `{name}`"
    else:
        name = analysis.data[diag.span.start:diag.span.end].decode("utf-8", "replace")
        if analysis.semantics.node(name) is None or name in ix.uses or name in ix.in_sources:
            return []
        spans = ix.declarations.get(name, [])
        title = f"Remove the unused node `{name}`"
    # The checker's own fix (when it has one) deletes the declaration; keep its title and
    # edits, widened to whole lines, and delete what would name an undefined node with it.
    checker = [e.span for f in diag.fixes for e in f.edits if not e.text]
    if diag.fixes:
        title = diag.fixes[0].title
    edits = tuple(_declaration_lines(analysis, span) for span in {*spans, *checker})
    return [Fix(title, _merge(edits), preferred=True)]


def _merge(edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
    """Deletions sorted and joined where they touch or overlap."""
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: e.span.start):
        if out and e.span.start <= out[-1].span.end:
            out[-1] = _edit(out[-1].span.start, max(out[-1].span.end, e.span.end), "")
        else:
            out.append(e)
    return tuple(out)


def _fix_catch_all(analysis: Analysis, diag: Diagnostic, ix: _Index) -> list[Fix]:
    last = ix.pattern_at.get(_key(diag.span))
    if last is None or last.pattern is None:
        return []
    info = analysis.semantics.node(last.name)
    count = len(info.inputs) if info is not None and info.inputs is not None else len(last.pattern)
    head = f"{last.name}:[{', '.join('_' for _ in range(count))}]"
    through = (info is not None and info.inputs is not None and info.inputs == info.outputs
               and None not in info.inputs)
    if through or info is None:
        body = ""
    else:
        body = next((" -> ".join(s.text for s in f.steps) for f in reversed(info.flows)
                     if f.steps), "")
    text = f"{head} = {body};" if body else f"{head} = ;"
    title = f"Add a catch-all alternative `{text}`"
    return [Fix(title, (_insert_line_after(analysis.data, last.span.end, text),),
                preferred=True)]


def _fix_elevation(analysis: Analysis, diag: Diagnostic, ix: _Index) -> list[Fix]:
    found = next(((info, c) for info, c in ix.elevated.get(_key(diag.span), ())
                  if f"`{c.name}` elevated to `{info.name}`" in diag.message), None)
    if found is None:
        return []
    info, c = found
    text = str(c)
    title = f"Declare `{text}` on `{info.name}`"
    atomics = [a for a in info.atomics if a.constraints]
    if atomics:
        last = max(atomics, key=lambda a: a.span.end).constraints[-1]
        edit = _edit(last.span.end, last.span.end, f", {text}")
        return [Fix(title, (edit,), preferred=True)]
    new = f"atomic {info.name}:{{{text}}};"
    anchors = analysis.program.atomics or info.flows
    anchor = max(d.span.end for d in anchors) if anchors else info.name_span.end
    return [Fix(f"{title}: `{new}`", (_insert_line_after(analysis.data, anchor, new),),
                preferred=True)]


def _fix_upgrade(analysis: Analysis, diag: Diagnostic, ix: _Index) -> list[Fix]:
    found = ix.readers_at.get(_key(diag.span))
    if found is None:
        return []
    atomic, c = found
    text = c.name.text + (f"({c.scope})" if c.explicit_scope else "")
    return [Fix(f"Make `{c.name}` a writer in `atomic {atomic.node}`", (Edit(c.span, text),),
                preferred=True)]


_FIXERS = {"FLX101": _fix_undefined, "FLX105": _fix_unused, "FLX302": _fix_catch_all,
           "FLX603": _fix_elevation, "FLX604": _fix_upgrade}


def fixes(analysis: Analysis, diagnostic: Diagnostic) -> tuple[Fix, ...]:
    """The quick fixes of one diagnostic of ``analysis``."""
    return _fixes(analysis, diagnostic, {})


def with_fixes(analysis: Analysis) -> tuple[Diagnostic, ...]:
    """The diagnostics of ``analysis``, each carrying its quick fixes (the program is read
    once for all of them)."""
    shared: dict[str, _Index] = {}
    out = []
    for d in analysis.diagnostics:
        found = _fixes(analysis, d, shared)
        out.append(d if found == d.fixes else replace(d, fixes=found))
    return tuple(out)


def _fixes(analysis: Analysis, diagnostic: Diagnostic, shared: dict[str, _Index]
           ) -> tuple[Fix, ...]:
    fixer = _FIXERS.get(diagnostic.code)
    if fixer is None:
        return diagnostic.fixes
    if "index" not in shared:
        shared["index"] = _Index(analysis)
    return tuple(fixer(analysis, diagnostic, shared["index"]))
