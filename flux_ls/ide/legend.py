"""The semantic-token legend and the command names, in a module of its own with no imports:
the language server announces them in its ``initialize`` answer, which it gives before
loading anything heavy (``lsp/handshake.py``); ``semantic_tokens`` encodes tokens with the
legend and ``code_lens`` names the commands.

The commands: ``flux.flowGraph`` (the program graph, ``lsp/flowgraph.py``) and
``flux.showReferences`` (a node's references, for the references lens), and ``flux.simulate``
(the performance prediction, ``lsp/simulate.py``)."""

from __future__ import annotations

#: Token types (LSP standard names); a token's ``type`` is an index into this tuple.
TOKEN_TYPES: tuple[str, ...] = (
    "function",    # 0 a node (declared, defined or used); a C function the program names
    "type",        # 1 a word of a C type; a predicate type
    "parameter",   # 2 a parameter name in a signature
    "macro",       # 3 an atomicity constraint name
    "keyword",     # 4 typedef source handle error atomic session program, const struct …, `_`
    "comment",     # 5 a comment (one token per line)
    "operator",    # 6 -> => ? ! and the pointer star
)
#: Token modifiers; bit i of a token's ``modifiers`` is ``TOKEN_MODIFIERS[i]``.
TOKEN_MODIFIERS: tuple[str, ...] = (
    "declaration",     # 0 a node's signature, a predicate type's typedef, a parameter
    "definition",      # 1 the name of a flow definition or dispatch alternative
    "abstract",        # 2 an abstract node (defined by flows), wherever it appears
    "readonly",        # 3 a reader constraint (c?)
    "modification",    # 4 a writer constraint (c, c!)
    "defaultLibrary",  # 5 a C primitive type (int, size_t, uint8_t, …)
    "documentation",   # 6 a doc comment (/** … */)
    "callback",        # 7 (custom) a C function the user writes: predicate, handler, session
    "session",         # 8 (custom) a session-scoped constraint
)

#: The commands the server executes (``workspace/executeCommand``) and code lenses name.
FLOW_GRAPH_COMMAND = "flux.flowGraph"
REFERENCES_COMMAND = "flux.showReferences"
SIMULATE_COMMAND = "flux.simulate"  # the performance simulator (lsp/simulate.py)
