"""Fixtures: one ``flux-ls`` process per test module and editor (VS Code, Neovim).

``client`` is initialized with the named editor's real capabilities (pytest-lsp's
snapshots: VS Code pushes diagnostics and counts UTF-16; Neovim 0.11 pulls and counts
UTF-8) and a workspace folder holding a copy of the examples plus files with a warning and
an error. Tests use fresh document URIs, so they do not disturb one another.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsp_support import CLIENTS, EXAMPLES, SERVER, RecordingClient, capabilities, make_client
from lsprotocol import types
from pytest_lsp import ClientServerConfig

WARNING = "Listen () => (int socket);\nUnused (int a) => ();\nsource Listen => Sink;\n" \
          "Sink (int socket) => ();\n"
ERROR = "Listen () => (int socket);\nsource Listen => Missing;\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    for example in sorted(EXAMPLES.glob("*/*.flux")):
        shutil.copy(example, root / example.name)
    (root / "warning.flux").write_text(WARNING, encoding="utf-8")
    (root / "nested").mkdir()
    (root / "nested" / "error.flux").write_text(ERROR, encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "skipped.flux").write_text(ERROR, encoding="utf-8")
    return root


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client),
                    scope="module", params=CLIENTS)
async def client(request: pytest.FixtureRequest, lsp_client: RecordingClient,
                 workspace: Path) -> AsyncIterator[None]:
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities(request.param),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="workspace")]))
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()
