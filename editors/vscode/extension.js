// Extension VS Code de copil : la coloration vient de la grammaire
// TextMate (syntaxes/), tout le reste du serveur de langage `copil lsp`,
// lancé avec le chemin et les arguments des réglages `copil.chemin` et
// `copil.arguments`.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function start() {
  const config = vscode.workspace.getConfiguration("copil");
  const command = config.get("chemin") || "copil";
  const args = ["lsp", ...(config.get("arguments") || [])];
  client = new LanguageClient(
    "copil",
    "copil",
    { run: { command, args }, debug: { command, args } },
    { documentSelector: [{ language: "copil" }] },
  );
  return client.start().catch((err) => {
    vscode.window.showErrorMessage(
      `copil : impossible de lancer « ${command} lsp » (${err.message}). ` +
        "Installez copil ou indiquez son chemin dans le réglage copil.chemin.",
    );
  });
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("copil")) {
        if (client) {
          await client.stop();
        }
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
