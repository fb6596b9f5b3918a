// The language server's lifecycle and dispatch: reads messages, answers requests, and keeps
// going whatever a client sends.

import CampaignRules
import Foundation

/// A Language Server Protocol 3.17 server for rule files, over a pair of file descriptors.
final class LspServer {
    private let reader: MessageReader
    let writer: MessageWriter
    var documents: [String: OpenDocument] = [:]
    private var initialized = false
    private var shutdownRequested = false
    /// Whether the client takes `workspace/codeLens/refresh` requests.
    var refreshesCodeLenses = false
    private var nextRequestId = 1

    init(input: Int32, output: Int32, maximumMessageLength: Int) {
        reader = MessageReader(descriptor: input, maximumLength: maximumMessageLength)
        writer = MessageWriter(descriptor: output)
    }

    /// Serves until `exit` or the end of input; the exit status the protocol asks for: 0 when
    /// `shutdown` came first, 1 otherwise.
    func serve() -> Int32 {
        while true {
            switch reader.next() {
            case .endOfInput: return shutdownRequested ? 0 : 1
            case .badHeader(let reason):
                writer.write(JsonRpc.reply(id: NSNull(), error: RpcError(code: .parseError, message: "unreadable message: \(reason)")))
            case .message(let body):
                if let status = handle(IncomingMessage.decode(body)) { return status }
            }
        }
    }

    /// Handles one message; an exit status when it was `exit`.
    private func handle(_ message: IncomingMessage) -> Int32? {
        switch message {
        case .response: return nil
        case .invalid(let id, let error):
            writer.write(JsonRpc.reply(id: id, error: error))
        case .notification(let method, let params):
            if method == "exit" { return shutdownRequested ? 0 : 1 }
            // Notifications get no reply, so a failing one is simply dropped.
            if initialized { notify(method, params) }
        case .request(let id, let method, let params):
            writer.write(answer(method, params, id: id))
        }
        return nil
    }

    private func answer(_ method: String, _ params: [String: Any], id: Any) -> [UInt8] {
        do throws(RpcError) {
            if method == "initialize" { return JsonRpc.reply(id: id, result: initialize(params)) }
            guard initialized else { throw RpcError(code: .serverNotInitialized, message: "the server is not initialized yet") }
            guard !shutdownRequested else { throw RpcError(code: .invalidRequest, message: "the server is shutting down") }
            if method == "shutdown" {
                shutdownRequested = true
                return JsonRpc.reply(id: id, result: NSNull())
            }
            return JsonRpc.reply(id: id, result: try dispatch(method, params))
        } catch {
            return JsonRpc.reply(id: id, error: error)
        }
    }

    private func initialize(_ params: [String: Any]) -> [String: Any] {
        initialized = true
        let workspace = (params["capabilities"] as? [String: Any])?["workspace"] as? [String: Any]
        refreshesCodeLenses = (workspace?["codeLens"] as? [String: Any])?["refreshSupport"] as? Bool ?? false
        return ["capabilities": Self.capabilities, "serverInfo": ["name": "rules", "version": RulesCommand.version]]
    }

    /// Exactly what the handlers below implement.
    static var capabilities: [String: Any] {
        [
            "positionEncoding": "utf-16",
            "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": false]] as [String: Any],
            "hoverProvider": true,
            "definitionProvider": true,
            "documentSymbolProvider": true,
            "completionProvider": ["triggerCharacters": ["."]],
            "documentFormattingProvider": true,
            "codeActionProvider": ["codeActionKinds": ["quickfix"]],
            "codeLensProvider": ["resolveProvider": false],
            "executeCommandProvider": ["commands": [LspServer.runTestsCommand]],
        ]
    }

    /// The answer to a request other than initialize and shutdown.
    private func dispatch(_ method: String, _ params: [String: Any]) throws(RpcError) -> Any {
        switch method {
        case "textDocument/hover": try hover(params)
        case "textDocument/definition": try definition(params)
        case "textDocument/documentSymbol": try documentSymbols(params)
        case "textDocument/completion": try completion(params)
        case "textDocument/formatting": try formatting(params)
        case "textDocument/codeAction": try codeActions(params)
        case "textDocument/codeLens": try codeLenses(params)
        case "workspace/executeCommand": try executeCommand(params)
        default: throw RpcError(code: .methodNotFound, message: "no method \(method)")
        }
    }

    /// Handles a notification; unknown ones (`$/cancelRequest`, `didSave`...) are ignored.
    private func notify(_ method: String, _ params: [String: Any]) {
        switch method {
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didClose": didClose(params)
        case "textDocument/didSave": didSave(params)
        default: break
        }
    }

    /// Sends a request to the client; its reply is read and ignored.
    func sendRequest(_ method: String) {
        writer.write(JsonRpc.request(id: nextRequestId, method))
        nextRequestId += 1
    }

    /// The open document a request names.
    func document(_ params: [String: Any]) throws(RpcError) -> OpenDocument {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String else {
            throw RpcError(code: .invalidParams, message: "textDocument.uri is missing")
        }
        guard let document = documents[uri] else { throw RpcError(code: .invalidParams, message: "\(uri) is not open") }
        return document
    }

    /// The document and byte offset a position request names.
    func documentPosition(_ params: [String: Any]) throws(RpcError) -> (OpenDocument, Int) {
        let document = try document(params)
        guard let offset = document.offset(params["position"] as? [String: Any]) else {
            throw RpcError(code: .invalidParams, message: "position is missing")
        }
        return (document, offset)
    }
}
