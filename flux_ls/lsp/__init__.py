"""The Flux language server (``flux-ls``): a thin pygls shell around the pure core.

``main`` is the command line (``logs``: where logs go; ``handshake``: the ``initialize``
answer given before pygls is imported), ``server`` the protocol and life cycle,
``documents`` the server's own copy of each open document (bytes, incremental re-parse),
``positions`` byte offsets ↔ positions in the negotiated encoding, ``convert`` the one
module that knows both byte offsets and LSP types, and one module per group of features
(``diagnostics``, ``workspace`` (+ ``progress``), ``formatting``, ``actions``, ``flowgraph``,
``features``: the ``flux_ls.ide`` requests).
The protocol the server speaks, custom requests included, is described in docs/lsp.md.
"""
