"""Editor features as pure functions of an ``Analysis`` (no LSP types, no IO).

Positions and ranges here are byte offsets into ``Analysis.data`` (UTF-8); the language
server's conversion module (``flux_ls.lsp.convert``) turns them into LSP positions in the
negotiated encoding.
"""
