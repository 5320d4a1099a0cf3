// The fgd extension: starts `fgd lsp` and connects VS Code to it over stdin/stdout.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function start() {
  const config = vscode.workspace.getConfiguration("fgd");
  const command = config.get("path", "fgd");
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "fgd",
    "fgd",
    { run: server, debug: server },
    {
      documentSelector: [{ language: "fgd" }],
      initializationOptions: { strict: config.get("strict", false) },
    }
  );
  return client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("fgd.path") || event.affectsConfiguration("fgd.strict")) {
        if (client) {
          await client.stop();
        }
        await start();
      }
    })
  );
  try {
    await start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `Could not start "${vscode.workspace.getConfiguration("fgd").get("path")} lsp": ${error}. ` +
        "Set fgd.path to the fgd command (bin/fgd in a clone of fgd)."
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
