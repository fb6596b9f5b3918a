// Starts `rules lsp` for rule files; vscode-languageclient speaks the protocol with it.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("rules").get("server.path") || "rules";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient("rules", "Campaign Rules", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "rules" }, { scheme: "untitled", language: "rules" }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
