"""``python -m flux_ls.lsp``: the same as the ``flux-ls`` command."""

import sys

from .main import main

sys.exit(main())
