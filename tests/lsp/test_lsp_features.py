"""The editor features of ``flux_ls.ide`` over LSP, with VS Code's and Neovim's capabilities.

What each feature *finds* is tested with the feature (tests/ide); here the question is
whether the server wires it right: the request reaches the feature at the right byte offset,
and the answer comes back converted to the client's encoding. So every check compares the
LSP answer with the feature's own answer on the same text, converted by the test's own code
(the document has an astral emoji and an accented letter before the names on its lines).
"""

from __future__ import annotations

from typing import Any

import pytest
from lsp_support import (
    RecordingClient,
    apply_edits,
    ask,
    change,
    client_encoding,
    diagnostics_of,
    edit,
    opened,
    position_of,
)
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from flux_ls.analysis import analyze
from flux_ls.ide import (
    callhierarchy,
    completion,
    folding,
    hover,
    inlay_hints,
    navigation,
    selection,
    semantic_tokens,
    symbols,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = """\
/* é🎉 */ Listen () => (int socket);
/** Reads a request. */
Read (int socket) => (int socket, bool close);
Check (int socket, bool close) => (int socket, bool close);
Reply (int socket, bool close) => ();
Serve (int socket) => ();
Handler (int socket, bool close) => (int socket, bool close);
source Listen => Serve;
/* 🎉 */ Serve = Read -> Check -> Handler -> Reply;
typedef hit IsHit;
Handler:[_, hit] = ;
Handler:[_, _] = Check;
atomic Check:{cache?};
"""
DATA = PROGRAM.encode("utf-8")
ANALYSIS = analyze(DATA)
CHECK_USE = DATA.index(b"Check ->") + 2   # a byte inside `Check` in the flow


def at(client: RecordingClient, byte: int, text: str = PROGRAM) -> types.Position:
    return position_of(text, len(text.encode("utf-8")[:byte].decode("utf-8")),
                       client_encoding(client))


def span(client: RecordingClient, start: int, end: int, text: str = PROGRAM) -> types.Range:
    return types.Range(start=at(client, start, text), end=at(client, end, text))


async def test_navigation(client: RecordingClient) -> None:
    uri, doc = opened(client, PROGRAM, "features")
    where = at(client, CHECK_USE)
    expected = [span(client, loc.start, loc.end)
                for loc in navigation.definition(ANALYSIS, CHECK_USE)]
    found = await ask(client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=where)))
    assert [loc.range for loc in found] == expected and {loc.uri for loc in found} == {uri}
    found = await ask(client.text_document_declaration_async(
        types.DeclarationParams(text_document=doc, position=where)))
    assert [loc.range for loc in found] == [
        span(client, loc.start, loc.end) for loc in navigation.declaration(ANALYSIS, CHECK_USE)]
    for include in (True, False):
        found = await ask(client.text_document_references_async(types.ReferenceParams(
            text_document=doc, position=where,
            context=types.ReferenceContext(include_declaration=include))))
        assert [loc.range for loc in found] == [
            span(client, loc.start, loc.end)
            for loc in navigation.references(ANALYSIS, CHECK_USE, include)]
    marks = await ask(client.text_document_document_highlight_async(
        types.DocumentHighlightParams(text_document=doc, position=where)))
    assert [m.range for m in marks] == [
        span(client, h.start, h.end) for h in navigation.document_highlight(ANALYSIS, CHECK_USE)]


async def test_hover(client: RecordingClient) -> None:
    _, doc = opened(client, PROGRAM, "features")
    found = await ask(client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=at(client, CHECK_USE))))
    expected = hover.hover(ANALYSIS, CHECK_USE)
    assert expected is not None
    # the features document has no flux.toml beside it: the C implementation is not looked up
    head, _, rest = expected.markdown.partition("\n\n")
    assert found.contents.value == f"{head}\n\n**C implementation** of `Check`: not looked " \
        f"up — no readable flux.toml beside the program\n\n{rest}"
    assert found.range == span(client, expected.start, expected.end)
    nothing = await ask(client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=types.Position(0, 1))))
    assert nothing is None


async def test_completion_and_signature_help(client: RecordingClient) -> None:
    _, doc = opened(client, PROGRAM, "features")
    offset = DATA.index(b"-> Check") + 3
    found = await ask(client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=at(client, offset))))
    expected = completion.complete(ANALYSIS, offset)
    assert [i.label for i in found.items] == [i.label for i in expected.items
                                              if not i.is_snippet]
    first = found.items[0]
    assert first.text_edit.range == span(client, expected.items[0].start, expected.items[0].end)
    offset = DATA.index(b"bool close) => (int socket, bool close);\nReply")
    help_ = await ask(client.text_document_signature_help_async(
        types.SignatureHelpParams(text_document=doc, position=at(client, offset))))
    assert help_.active_parameter == 1
    assert help_.signatures[0].label.startswith("Check (int socket, bool close)")


async def test_rename(client: RecordingClient) -> None:
    uri, doc = opened(client, PROGRAM, "features")
    where = at(client, CHECK_USE)
    ready = await ask(client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc, position=where)))
    assert ready.placeholder == "Check"
    assert ready.range == span(client, DATA.index(b"Check ->"), DATA.index(b"Check ->") + 5)
    result = await ask(client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=where, new_name="Inspect")))
    renamed = apply_edits(PROGRAM, result.changes[uri], client_encoding(client))
    assert renamed == PROGRAM.replace("Check", "Inspect")
    assert analyze(renamed.encode("utf-8")).diagnostics == ()
    with pytest.raises(JsonRpcException) as refused:
        await ask(client.text_document_rename_async(
            types.RenameParams(text_document=doc, position=where, new_name="source")))
    assert refused.value.code == -32803 and "reserved" in refused.value.message


async def test_call_hierarchy(client: RecordingClient) -> None:
    uri, doc = opened(client, PROGRAM, "features")
    [item] = await ask(client.text_document_prepare_call_hierarchy_async(
        types.CallHierarchyPrepareParams(text_document=doc, position=at(client, CHECK_USE))))
    assert item.name == "Check" and item.uri == uri
    incoming = await ask(client.call_hierarchy_incoming_calls_async(
        types.CallHierarchyIncomingCallsParams(item=item)))
    outgoing = await ask(client.call_hierarchy_outgoing_calls_async(
        types.CallHierarchyOutgoingCallsParams(item=item)))
    assert [c.from_.name for c in incoming] == [
        c.item.name for c in callhierarchy.incoming_calls(ANALYSIS, "Check")]
    assert [c.to.name for c in outgoing] == [
        c.item.name for c in callhierarchy.outgoing_calls(ANALYSIS, "Check")]
    first = callhierarchy.incoming_calls(ANALYSIS, "Check")[0].sites[0]
    assert incoming[0].from_ranges[0] == span(client, first.start, first.end)


async def test_symbols(client: RecordingClient, workspace: Any) -> None:
    uri, doc = opened(client, PROGRAM, "features")
    found = await ask(client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc)))
    expected = symbols.document_symbols(ANALYSIS)
    assert [s.name for s in found] == [s.name for s in expected]
    if isinstance(found[0], types.DocumentSymbol):
        assert [s.range for s in found] == [span(client, s.start, s.end) for s in expected]
    hits = await ask(client.workspace_symbol_async(types.WorkspaceSymbolParams(query="Listen")))
    uris = {s.location.uri for s in hits if s.name == "Listen"}
    assert uri in uris and (workspace / "imageserver.flux").as_uri() in uris


async def test_folding_selection_and_inlay_hints(client: RecordingClient) -> None:
    text = PROGRAM + "/* a\n   long\n   comment */\n"
    _, doc = opened(client, text, "features")
    data = text.encode("utf-8")
    analysis = analyze(data)
    folds = await ask(client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=doc)))
    assert [(f.start_line, f.end_line) for f in folds] == [
        (f.start_line, f.end_line) for f in folding.folding_ranges(analysis)]
    chain = await ask(client.text_document_selection_range_async(types.SelectionRangeParams(
        text_document=doc, positions=[at(client, CHECK_USE, text)])))
    ranges, current = [], chain[0]
    while current is not None:
        ranges.append(current.range)
        current = current.parent
    assert ranges == [span(client, s.start, s.end, text)
                      for s in selection.selection_range(analysis, CHECK_USE)]
    everything = types.Range(start=types.Position(0, 0), end=types.Position(99, 0))
    hints = await ask(client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=doc, range=everything)))
    expected = inlay_hints.inlay_hints(analysis)
    assert [(h.position, h.label) for h in hints] == [
        (at(client, h.offset, text), h.label) for h in expected]


async def test_semantic_tokens_full_and_delta(client: RecordingClient) -> None:
    uri, doc = opened(client, PROGRAM, "features")
    encoding = client_encoding(client)
    full = await ask(client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc)))
    assert list(full.data) == semantic_tokens.encode(
        semantic_tokens.semantic_tokens(ANALYSIS), DATA, encoding)  # type: ignore[arg-type]
    text = PROGRAM.replace("Reply (", "Reply2 (")
    change(client, uri, 2, edit((4, 0), (4, 5), "Reply2"))
    delta = await ask(client.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=doc, previous_result_id=full.result_id)))
    expected = semantic_tokens.encode(semantic_tokens.semantic_tokens(analyze(text.encode())),
                                      text.encode(), encoding)  # type: ignore[arg-type]
    if isinstance(delta, types.SemanticTokensDelta):
        data = list(full.data)
        for e in sorted(delta.edits, key=lambda e: e.start, reverse=True):
            data[e.start:e.start + e.delete_count] = list(e.data or [])
        assert data == expected
    else:
        assert list(delta.data) == expected


async def test_code_lenses_and_quick_fixes(client: RecordingClient) -> None:
    uri, doc = opened(client, PROGRAM, "features")
    lenses = await ask(client.text_document_code_lens_async(
        types.CodeLensParams(text_document=doc)))
    titles = [lens.command.title for lens in lenses]
    assert "Show flow graph" in titles and "3 references" in titles
    assert all(lens.command.arguments[0] == uri for lens in lenses)
    text = PROGRAM.replace("-> Reply;", "-> Reply -> Log;").replace(
        "Reply (int socket, bool close) => ();", "Reply (int socket, bool close) => (int s);")
    uri, doc = opened(client, text, "features")
    [missing] = [d for d in await diagnostics_of(client, uri, 1) if d.code == "FLX101"]
    actions = await ask(client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc, range=missing.range,
        context=types.CodeActionContext(diagnostics=[missing]))))
    declare = [a for a in actions if a.kind == types.CodeActionKind.QuickFix
               and "Log" in a.title]
    assert declare, [a.title for a in actions]
    fixed = apply_edits(text, declare[0].edit.changes[uri], client_encoding(client))
    assert "FLX101" not in [d.code for d in analyze(fixed.encode()).diagnostics]
