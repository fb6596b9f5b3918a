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
        return [
            "range": range(diagnostic.range, in: positions), "severity": diagnostic.severity == .error ? 1 : 2,
            "code": diagnostic.kind.rawValue, "source": "rules", "message": message,
        ]
    }

    static func symbol(_ symbol: EditorSymbol, in positions: Utf16Positions) -> [String: Any] {
        var json: [String: Any] = [
            "name": symbol.name.isEmpty ? "(unnamed)" : symbol.name, "kind": symbolKind(symbol.kind),
            "range": range(symbol.range, in: positions), "selectionRange": range(symbol.selectionRange, in: positions),
        ]
        if !symbol.children.isEmpty { json["children"] = symbol.children.map { self.symbol($0, in: positions) } }
        return json
    }

    /// LSP's SymbolKind numbers (File 1, Module 2, Field 8, Enum 10, Function 12, Variable 13,
    /// Constant 14, Array 18, Object 19, EnumMember 22, Struct 23, Event 24).
    static func symbolKind(_ kind: EditorSymbol.Kind) -> Int {
        let numbers: [EditorSymbol.Kind: Int] = [
            .import: 1, .campaign: 2, .field: 8, .enumeration: 10, .function: 12, .input: 13, .output: 13,
            .constant: 14, .tierTable: 18, .plan: 19, .enumValue: 22, .record: 23, .test: 24,
        ]
        return numbers[kind] ?? 13
    }

    static func completion(_ completion: EditorCompletion) -> [String: Any] {
        var json: [String: Any] = ["label": completion.label, "kind": completionKind(completion.kind)]
        if let detail = completion.detail { json["detail"] = detail }
        return json
    }

    /// LSP's CompletionItemKind numbers (Function 3, Field 5, Variable 6, Keyword 14,
    /// EnumMember 20, Constant 21, Struct 22).
    static func completionKind(_ kind: EditorCompletion.Kind) -> Int {
        let numbers: [EditorCompletion.Kind: Int] = [
            .function: 3, .builtin: 3, .field: 5, .local: 6, .keyword: 14, .enumValue: 20,
            .constant: 21, .type: 22,
        ]
        return numbers[kind] ?? 6
    }

    static func textEdit(_ range: [String: Any], _ newText: String) -> [String: Any] {
        ["range": range, "newText": newText]
    }
}
