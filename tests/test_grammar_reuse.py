"""Incremental re-parsing reuses what an edit did not touch: after a one-character edit in
the middle of a long file, tree-sitter lexes a handful of tokens and steps over the rest a
paragraph at a time. (Two grammar shapes silently defeat this — a declaration beginning
with the `word` token, a paragraph beginning with a repetition — and nothing else would
notice: the trees are the same, only slower to get.)"""

from __future__ import annotations

import tree_sitter

from flux_ls.syntax.parse import language

PARAGRAPH = """\
/** Accept{i}: waits for a connection. */
Accept{i} () => (int socket);
Read{i} (int socket) => (int socket, bool close);
handle error Read{i} => Fail{i};
atomic Read{i}:{{cache{i}?}};
Serve{i} = Read{i} -> Reply{i};
source Accept{i} => Serve{i};
typedef hit{i} Hit{i};
Pick{i}:[_, hit{i}] = Serve{i};

"""


def reparse_log(data: bytes, at: int, inserted: bytes) -> tuple[list[str], tree_sitter.Tree]:
    parser = tree_sitter.Parser(language())
    old = parser.parse(data)
    edited = data[:at] + inserted + data[at:]
    row = data.count(b"\n", 0, at)
    column = at - (data.rfind(b"\n", 0, at) + 1)
    tree = old.copy()
    tree.edit(start_byte=at, old_end_byte=at, new_end_byte=at + len(inserted),
              start_point=(row, column), old_end_point=(row, column),
              new_end_point=(row, column + len(inserted)))
    messages: list[str] = []
    parser.logger = lambda _kind, message: messages.append(message)
    new = parser.parse(edited, old_tree=tree)
    parser.logger = None
    assert str(new.root_node) == str(parser.parse(edited).root_node)
    return messages, new


def test_an_edit_relexes_a_few_tokens_and_steps_over_paragraphs() -> None:
    data = "".join(PARAGRAPH.format(i=i) for i in range(400)).encode()
    at = data.index(b"Read200 (int") + len(b"Read200")
    messages, new = reparse_log(data, at, b"x")
    assert not new.root_node.has_error
    lexed = [m for m in messages if m.startswith("lexed_lookahead")]
    reused_paragraphs = [m for m in messages if m.startswith("reuse_node symbol:_paragraph")]
    assert len(lexed) < 40, f"{len(lexed)} tokens lexed again"
    assert len(reused_paragraphs) > 300


def test_declarations_after_an_edit_in_a_paragraph_are_reused() -> None:
    """Inside the edited paragraph the declarations after the edit, whose names are the
    first tokens, are reused one by one."""
    data = "".join(PARAGRAPH.format(i=i) for i in range(3)).encode()
    at = data.index(b"Accept1 ()") + len(b"Accept1")
    messages, _ = reparse_log(data, at, b"x")
    reused = [m for m in messages if m.startswith("reuse_node symbol:_declaration")]
    assert len(reused) >= 6  # Read1 … Pick1 of the edited paragraph
