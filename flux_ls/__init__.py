"""flux_ls: the Flux toolchain — front end, checks, formatter, program graph, editor features,
the ``flux`` CLI, the language server (``flux-ls``) and the compiler back end with its C runtime.

The pure core (``syntax``, ``model``, ``ctypes``, ``checks``, ``semantics``, ``analysis``,
``graph``, ``fmt``, ``render``, ``ide``) does no IO; ``cli`` and ``lsp`` are thin shells
around it, and ``build`` turns a checked program into a server. See ARCHITECTURE.md.
"""

__version__ = "0.1.0"
