// The document notifications: open, change and close, each followed by the document's diagnostics.

import CampaignRules
import Foundation

extension LspServer {
    func didOpen(_ params: [String: Any]) {
        guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String,
            let text = item["text"] as? String
        else { return }
        let document = OpenDocument(uri: uri, bytes: Array(text.utf8), version: item["version"] as? Int)
        documents[uri] = document
        publishDiagnostics(of: document)
    }

    /// Full sync: the last change holds the whole text.
    func didChange(_ params: [String: Any]) {
        guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String,
            let document = documents[uri],
            let text = (params["contentChanges"] as? [[String: Any]])?.last?["text"] as? String
        else { return }
        document.replaceText(Array(text.utf8), version: item["version"] as? Int)
        publishDiagnostics(of: document)
    }

    /// A save changes no text, but the files it imports may have changed on disk meanwhile.
    func didSave(_ params: [String: Any]) {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String, let document = documents[uri] else { return }
        document.replaceText(document.positions.bytes, version: document.version)
        publishDiagnostics(of: document)
    }

    func didClose(_ params: [String: Any]) {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String,
            documents.removeValue(forKey: uri) != nil
        else { return }
        // A closed document's problems are no longer shown.
        writer.write(JsonRpc.notification("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": [Any]()]))
    }

    func publishDiagnostics(of document: OpenDocument) {
        var params: [String: Any] = [
            "uri": document.uri,
            "diagnostics": document.analysis.ownDiagnostics.map { LspJson.diagnostic($0, in: document.positions) },
        ]
        if let version = document.version { params["version"] = version }
        writer.write(JsonRpc.notification("textDocument/publishDiagnostics", params))
    }
}
