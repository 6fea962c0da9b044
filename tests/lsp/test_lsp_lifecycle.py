"""Start-up of ``flux-ls`` through pytest-lsp with VS Code's and Neovim's real client
capabilities: server info, capabilities, position encoding, logs, the file watcher."""

from __future__ import annotations

import pytest
from lsp_support import RecordingClient, encoding_of, pulls, wait_until
from lsprotocol import types

from flux_ls import __version__

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_initialize_reports_the_server_and_its_capabilities(client: RecordingClient
                                                                  ) -> None:
    result: types.InitializeResult = client.init_result
    caps = result.capabilities
    assert result.server_info is not None
    assert (result.server_info.name, result.server_info.version) == ("flux-ls", __version__)
    assert isinstance(caps.text_document_sync, types.TextDocumentSyncOptions)
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.text_document_sync.open_close
    assert caps.document_formatting_provider and caps.document_range_formatting_provider
    assert caps.execute_command_provider is not None
    assert "flux.flowGraph" in caps.execute_command_provider.commands
    assert isinstance(caps.code_action_provider, types.CodeActionOptions)
    assert "source.format" in (caps.code_action_provider.code_action_kinds or [])
    # one diagnostics model per client: pull where the client can, push otherwise
    assert (caps.diagnostic_provider is not None) == pulls(client)
    if caps.diagnostic_provider is not None:
        assert caps.diagnostic_provider.workspace_diagnostics


async def test_position_encoding_prefers_utf8_when_offered(client: RecordingClient) -> None:
    result: types.InitializeResult = client.init_result
    offered = client.capabilities.general.position_encodings if (
        client.capabilities and client.capabilities.general) else None
    expected = "utf-8" if offered and "utf-8" in [str(getattr(e, "value", e)) for e in offered] \
        else "utf-16"
    assert encoding_of(result) == expected


async def test_log_messages_reach_the_client(client: RecordingClient) -> None:
    expected = "diagnostics by " + ("pull" if pulls(client) else "push")
    await wait_until(client, lambda: any(m.message.endswith(expected)
                                         for m in client.log_messages))


async def test_file_watcher_is_registered_when_the_client_allows(client: RecordingClient
                                                                 ) -> None:
    caps = client.capabilities
    dynamic = bool(caps and caps.workspace and caps.workspace.did_change_watched_files
                   and caps.workspace.did_change_watched_files.dynamic_registration)

    def watchers() -> list[types.Registration]:
        return [r for r in client.registrations
                if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]

    if not dynamic:
        assert watchers() == []
        return
    await wait_until(client, watchers)
    assert len(watchers()) == 1
    options = watchers()[0].register_options
    patterns = [w["globPattern"] if isinstance(w, dict) else w.glob_pattern
                for w in (options["watchers"] if isinstance(options, dict) else options.watchers)]
    assert "**/*.flux" in patterns
