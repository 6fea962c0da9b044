"""Semantic tokens over LSP on a document of many blocks: full, delta and range answers.

What each token *is* is tested with the feature (tests/ide/test_semantic_tokens.py). Here:
the whole arrays the server sends as pre-encoded JSON are the feature's arrays; a keystroke's
``full/delta`` is one small edit (not the whole array again) that turns the previous array
into the new one; ``range`` gives the tokens of the declarations in range; and the
``abstract`` modifier, which the server reads from the flows of the tree, says what the
semantics say, also after edits (the server re-analyses incrementally).
"""

from __future__ import annotations

import pytest
from lsp_support import (
    EXAMPLES,
    RecordingClient,
    ask,
    change,
    client_encoding,
    diagnostics_of,
    edit,
    index_of,
    opened,
    position_of,
)
from lsprotocol import types

from flux_ls.analysis import analyze
from flux_ls.ide import semantic_tokens as st

pytestmark = pytest.mark.asyncio(loop_scope="module")


def service(i: int) -> str:
    return (f"/** Service {i}. */\nListen{i} () => (int socket);\n"
            f"Read{i} (int socket) => (int socket, bool close);\n"
            f"Reply{i} (int socket, bool close) => ();\n"
            f"Serve{i} = Read{i} -> Reply{i};\nsource Listen{i} => Serve{i};\n"
            f"atomic Read{i}:{{lock{i}?}};\n")


#: ~430 declarations (a dozen cached blocks), with non-ASCII text so encodings differ.
PROGRAM = "/* é🎉 ü */\n" + "".join(service(i) for i in range(70))


def expected(text: str, encoding: str, start: int | None = None, end: int | None = None
             ) -> list[int]:
    analysis = analyze(text.encode())
    tokens = st.semantic_tokens(analysis, start, end)
    return st.encode(tokens, analysis.data, encoding)  # type: ignore[arg-type]


def byte_of(text: str, line: int) -> int:
    """The UTF-8 offset where ``line`` starts."""
    return len("".join(text.splitlines(keepends=True)[:line]).encode())


async def test_full_then_a_keystroke_gives_one_small_delta(client: RecordingClient) -> None:
    uri, doc = opened(client, PROGRAM, "tokens")
    await diagnostics_of(client, uri, 1)
    encoding = client_encoding(client)
    full = await ask(client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc)))
    assert list(full.data) == expected(PROGRAM, encoding)
    assert full.result_id
    previous, result_id, text, version = list(full.data), full.result_id, PROGRAM, 1
    for name in ("Reply37 (", "Serve5 =", "Listen69 ("):  # type into three blocks
        index = text.index(name) + len(name.split()[0])
        where = position_of(text, index, encoding)
        text = text[:index] + "x" + text[index:]
        version += 1
        change(client, uri, version, edit((where.line, where.character),
                                          (where.line, where.character), "x"))
        delta = await ask(client.text_document_semantic_tokens_full_delta_async(
            types.SemanticTokensDeltaParams(text_document=doc, previous_result_id=result_id)))
        assert isinstance(delta, types.SemanticTokensDelta)
        [change_] = delta.edits
        # the tokens of the edited line, and of the uses whose kind the edit changed
        assert change_.delete_count <= 60 and len(change_.data or []) <= 60
        assert st.apply_edits(previous, [st.TokensEdit(
            change_.start, change_.delete_count, tuple(change_.data or []))]) \
            == expected(text, encoding)
        previous, result_id = expected(text, encoding), delta.result_id
    stale = await ask(client.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=doc, previous_result_id="unknown")))
    assert isinstance(stale, types.SemanticTokens)
    assert list(stale.data) == previous


async def test_range_gives_the_tokens_of_the_declarations_in_range(
        client: RecordingClient) -> None:
    uri, doc = opened(client, PROGRAM, "tokens")
    await diagnostics_of(client, uri, 1)
    encoding = client_encoding(client)
    for first, last in ((0, 3), (40, 52), (200, 260), (480, 10_000)):
        answer = await ask(client.text_document_semantic_tokens_range_async(
            types.SemanticTokensRangeParams(text_document=doc, range=types.Range(
                start=types.Position(first, 0), end=types.Position(last, 0)))))
        end = min(byte_of(PROGRAM, last), len(PROGRAM.encode()))
        assert list(answer.data) == expected(PROGRAM, encoding, byte_of(PROGRAM, first), end)


def functions(text: str, data: list[int], encoding: str) -> list[tuple[str, bool]]:
    """The node names among decoded tokens (functions that are not C callbacks), each with
    whether the token carries the ``abstract`` modifier."""
    out, line, char = [], 0, 0
    for i in range(0, len(data), 5):
        delta_line, delta_char, length, kind, mods = data[i:i + 5]
        line, char = line + delta_line, (char + delta_char if delta_line == 0 else delta_char)
        if kind != st.FUNCTION or mods & st.CALLBACK:
            continue
        start = index_of(text, types.Position(line, char), encoding)
        end = index_of(text, types.Position(line, char + length), encoding)
        out.append((text[start:end], bool(mods & st.ABSTRACT)))
    return out


async def test_abstract_modifier_says_what_the_semantics_say(client: RecordingClient) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*/*.flux"))]
    encoding = client_encoding(client)
    for text in texts[:3]:
        uri, doc = opened(client, text, "tokens")
        await diagnostics_of(client, uri, 1)
        versions = [text]
        flow = text.index("\n", text.index(" = ")) + 1  # drop the first flow's line
        start = text.rfind("\n", 0, text.index(" = ")) + 1
        versions.append(text[:start] + text[flow:])
        for version, current in enumerate(versions, 1):
            if version > 1:
                begin = position_of(versions[0], start, encoding)
                stop = position_of(versions[0], flow, encoding)
                change(client, uri, version, edit((begin.line, begin.character),
                                                  (stop.line, stop.character), ""))
            full = await ask(client.text_document_semantic_tokens_full_async(
                types.SemanticTokensParams(text_document=doc)))
            nodes = analyze(current.encode()).semantics.nodes
            found = functions(current, list(full.data), encoding)
            assert found
            for name, abstract in found:
                info = nodes.get(name)
                assert abstract == (info is not None and info.kind == "abstract"), name
