"""flux_ls: the Flux toolchain — front end, checks, CLI and (later) language server.

The pure core (``syntax``, ``model``, ``ctypes``, ``checks``, ``analysis``, ``graph``,
``fmt``) does no IO; ``cli`` and ``lsp`` are thin shells around it.
"""

__version__ = "0.1.0"
