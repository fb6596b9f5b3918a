// The language requests: hover, definition, document symbols, completion and formatting.

import CampaignRules
import Foundation

extension LspServer {
    func hover(_ params: [String: Any]) throws(RpcError) -> Any {
        let (document, offset) = try documentPosition(params)
        guard let text = document.analysis.hover(at: offset) else { return NSNull() }
        return ["contents": ["kind": "markdown", "value": text]]
    }

    func definition(_ params: [String: Any]) throws(RpcError) -> Any {
        let (document, offset) = try documentPosition(params)
        guard let target = document.analysis.definition(at: offset) else { return NSNull() }
        let isOwn = target.path == document.path
        let positions = isOwn ? document.positions : Utf16Positions(target.fileBytes)
        let uri = isOwn ? document.uri : URL(fileURLWithPath: target.path).absoluteString
        return ["uri": uri, "range": LspJson.range(target.range, in: positions)]
    }

    func documentSymbols(_ params: [String: Any]) throws(RpcError) -> Any {
        let document = try document(params)
        return document.analysis.symbols.map { LspJson.symbol($0, in: document.positions) }
    }

    func completion(_ params: [String: Any]) throws(RpcError) -> Any {
        let (document, offset) = try documentPosition(params)
        let found = EditorAnalysis.completions(in: document.source, at: offset, imports: document.imports)
        return ["isIncomplete": false, "items": found.map(LspJson.completion)]
    }

    /// One edit replacing the whole text with its formatted layout; none when it is formatted
    /// already or has syntax errors (which the diagnostics show).
    func formatting(_ params: [String: Any]) throws(RpcError) -> Any {
        let document = try document(params)
        guard case .formatted(let text) = Formatter.format(document.source), Array(text.utf8) != document.positions.bytes else {
            return [Any]()
        }
        let whole = SourceRange(start: 0, end: document.positions.bytes.count)
        return [LspJson.textEdit(LspJson.range(whole, in: document.positions), text)]
    }
}
