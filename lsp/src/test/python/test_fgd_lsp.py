"""fgd lsp end to end: pytest-lsp, a client written independently of fgd, starts the server
over stdio and talks to it as an editor would. The server command is the JSON list in
FGD_LSP_COMMAND (LspEndToEndTest sets it; .ci/run also runs these tests against bin/fgd lsp)."""

import json
import os

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

COMMAND = os.environ.get("FGD_LSP_COMMAND")
if not COMMAND:
    raise RuntimeError("FGD_LSP_COMMAND must name the server command, as a JSON list")

URI = "file:///work/shop.fgd"

APP = """app shop {
  region         us-west-1
  account        123456789012
  cluster        shop-prod
  execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
  network {
    subnets         subnet-0a1b2c3d
    security_groups sg-0123456789abcdef0
  }
}
"""

MISSPELT = APP + """
service api {
  image  "nginx:1.27.3"
  memroy 512
  health none
}
"""

FIXED = APP + """
service api {
  image  "nginx:1.27.3"
  cpu    0.5 vcpu
  memory 1 GiB
  health none
}
"""

UNFORMATTED = APP + """
service api {
  image "nginx:1.27.3"
      health none
}
"""


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=json.loads(COMMAND)),
)
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            initialization_options={"debounceMillis": 0},
        )
    )
    assert result.server_info.name == "fgd"
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, text: str, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=URI, language_id="fgd", version=version, text=text
            )
        )
    )


async def diagnostics(client: LanguageClient):
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[URI]


async def test_diagnostics_on_open_and_change_and_close(client: LanguageClient):
    open_document(client, MISSPELT)
    found = await diagnostics(client)
    assert [d.code for d in found] == ["syntax.unknownAttribute"]
    assert found[0].severity == types.DiagnosticSeverity.Error
    assert found[0].range == types.Range(
        start=types.Position(line=13, character=2), end=types.Position(line=13, character=8)
    )
    assert 'Did you mean "memory"?' in found[0].message

    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=FIXED)],
        )
    )
    assert list(await diagnostics(client)) == []

    # An incremental change: "memory" on line 15 becomes "memroy" again.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=3),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=14, character=5),
                        end=types.Position(line=14, character=7),
                    ),
                    text="ro",
                )
            ],
        )
    )
    found = await diagnostics(client)
    assert [d.code for d in found] == ["syntax.unknownAttribute"]
    assert '"memroy" is not an attribute' in found[0].message

    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    assert list(await diagnostics(client)) == []


async def test_completion_offers_the_blocks_statements(client: LanguageClient):
    text = APP + "\nservice api {\n  image \"nginx:1.27.3\"\n  \n}\n"
    open_document(client, text)
    await diagnostics(client)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=types.Position(line=13, character=2),
        )
    )
    labels = [item.label for item in result]
    assert {"cpu", "memory", "health", "sidecar", "depends_on"} <= set(labels)
    assert "region" not in labels


async def test_hover_explains_cpu_with_the_task_size(client: LanguageClient):
    open_document(client, FIXED)
    await diagnostics(client)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=types.Position(line=13, character=3),
        )
    )
    assert hover is not None
    assert "Task size: 512 CPU units (0.5 vCPU) and 1024 MiB" in hover.contents.value


async def test_formatting_is_fgd_fmts_layout(client: LanguageClient):
    open_document(client, UNFORMATTED)
    await diagnostics(client)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert len(edits) == 1
    assert edits[0].new_text.endswith(
        'service api {\n  image  "nginx:1.27.3"\n  health none\n}\n'
    )
