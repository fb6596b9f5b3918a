// The protocol's shapes for what the library gives: ranges, diagnostics, symbols, completions.

import CampaignRules
import Foundation

enum LspJson {
    static func position(_ place: (line: Int, character: Int)) -> [String: Any] {
        ["line": place.line, "character": place.character]
    }

    static func range(_ range: SourceRange, in positions: Utf16Positions) -> [String: Any] {
        ["start": position(positions.position(of: range.start)), "end": position(positions.position(of: range.end))]
    }

    static func diagnostic(_ diagnostic: Diagnostic, in positions: Utf16Positions) -> [String: Any] {
        let message = diagnostic.message + (diagnostic.fix.map { "\nfix: \($0)" } ?? "")
        return ["range": range(diagnostic.range, in: positions), "severity": diagnostic.severity == .error ? 1 : 2,
                "code": diagnostic.kind.rawValue, "source": "rules", "message": message]
    }

    static func symbol(_ symbol: EditorSymbol, in positions: Utf16Positions) -> [String: Any] {
        var json: [String: Any] = ["name": symbol.name.isEmpty ? "(unnamed)" : symbol.name, "kind": symbolKind(symbol.kind),
                                   "range": range(symbol.range, in: positions), "selectionRange": range(symbol.selectionRange, in: positions)]
        if !symbol.children.isEmpty { json["children"] = symbol.children.map { self.symbol($0, in: positions) } }
        return json
    }

    /// LSP's SymbolKind numbers.
    static func symbolKind(_ kind: EditorSymbol.Kind) -> Int {
        switch kind {
        case .campaign: 2
        case .import: 1
        case .record: 23
        case .field: 8
        case .enumeration: 10
        case .enumValue: 22
        case .input: 13
        case .constant: 14
        case .function: 12
        case .tierTable: 18
        case .plan: 19
        case .output: 13
        case .test: 24
        }
    }

    static func completion(_ completion: EditorCompletion) -> [String: Any] {
        var json: [String: Any] = ["label": completion.label, "kind": completionKind(completion.kind)]
        if let detail = completion.detail { json["detail"] = detail }
        return json
    }

    /// LSP's CompletionItemKind numbers.
    static func completionKind(_ kind: EditorCompletion.Kind) -> Int {
        switch kind {
        case .local: 6
        case .constant: 21
        case .function: 3
        case .builtin: 3
        case .field: 5
        case .enumValue: 20
        case .type: 22
        case .keyword: 14
        }
    }

    static func textEdit(_ range: [String: Any], _ newText: String) -> [String: Any] {
        ["range": range, "newText": newText]
    }
}
