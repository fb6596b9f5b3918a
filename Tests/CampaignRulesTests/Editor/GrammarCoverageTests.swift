// The VS Code grammar cannot drift from the language: every reserved word, built-in, symbol,
// type and operator, read from the sources, must be highlighted by a rule of the right kind.

import Foundation
import Testing

@testable import CampaignRules

struct GrammarCoverageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every `match` rule of the grammar with the scope it gives (its own name, or its first capture's).
    static func rules() throws -> [(regex: NSRegularExpression, scope: String)] {
        let data = try Data(contentsOf: root.appendingPathComponent("editors/vscode/syntaxes/rules.tmLanguage.json"))
        var found: [(NSRegularExpression, String)] = []
        func visit(_ node: Any, inherited: String) {
            if let object = node as? [String: Any] {
                let scope =
                    object["name"] as? String ?? ((object["captures"] as? [String: Any])?["1"] as? [String: Any])?["name"] as? String ?? inherited
                if let match = object["match"] as? String, let regex = try? NSRegularExpression(pattern: match, options: [.anchorsMatchLines]) {
                    found.append((regex, scope))
                }
                // Sorted, so the rule found first is the same on every run.
                for key in object.keys.sorted() { visit(object[key]!, inherited: scope) }
            } else if let array = node as? [Any] {
                for value in array { visit(value, inherited: inherited) }
            }
        }
        visit(try JSONSerialization.jsonObject(with: data), inherited: "")
        return found
    }

    /// The scope of the first rule that matches the whole of `word`, nil when none does.
    static func scope(of word: String, in rules: [(regex: NSRegularExpression, scope: String)]) -> String? {
        let whole = NSRange(word.startIndex..., in: word)
        return rules.first { $0.regex.firstMatch(in: word, range: whole)?.range == whole }?.scope
    }

    /// Words the parser reads only in their place (`checkWord("asc")`), found in its source.
    static func contextualWords() throws -> Set<String> {
        let folder = root.appendingPathComponent("Sources/CampaignRules/Syntax")
        var words: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"checkWord\("([a-z_]+)"\)"#)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasPrefix("Parser") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                words.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return words
    }

    @Test func everyReservedAndContextualWordIsAKeyword() throws {
        let rules = try Self.rules()
        let lineWords = [PlanDeclaration.LineKind.commission, .bonus, .deduct].map(\.rawValue) + ["key", "cap", "carry", "minimum", "step"]
        let contextual = try Self.contextualWords()
        #expect(contextual.isSuperset(of: ["import", "enum", "asc", "group", "running"]))
        for word in Keyword.allCases.map(\.rawValue) + contextual + lineWords {
            let scope = Self.scope(of: word, in: rules) ?? "none"
            let fits =
                scope.hasPrefix("keyword") || (scope.hasPrefix("constant.language") && ["true", "false"].contains(word))
                || (scope.hasPrefix("support.constant") && ["asc", "desc"].contains(word))
            #expect(fits, "`\(word)` is highlighted as \(scope)")
        }
    }

    @Test func everyBuiltinIsAFunction() throws {
        let rules = try Self.rules()
        for name in Builtin.allCases.map(\.rawValue) + Builtin.specialNames {
            #expect(Self.scope(of: name, in: rules)?.hasPrefix("support.function") == true, "`\(name)`")
        }
    }

    @Test func everySymbolAndTypeIsAConstantOrAType() throws {
        let rules = try Self.rules()
        for symbol in Symbol.allCases where ![.asc, .desc].contains(symbol) {
            #expect(Self.scope(of: symbol.name, in: rules)?.hasPrefix("support.constant") == true, "`\(symbol.name)`")
        }
        for type in Resolver.builtinTypeNames {
            #expect(Self.scope(of: type, in: rules)?.hasPrefix("support.type") == true, "`\(type)`")
        }
    }

    @Test func everyOperatorIsAnOperator() throws {
        let rules = try Self.rules()
        let symbolic = BinaryOperator.allCases.map(\.rawValue).filter { $0.first?.isLetter == false }
        for op in symbolic + ["..<", "...", "=", "?", "&&", "||"] {
            #expect(Self.scope(of: op, in: rules)?.hasPrefix("keyword.operator") == true, "`\(op)`")
        }
        for word in BinaryOperator.allCases.map(\.rawValue).filter({ $0.first?.isLetter == true }) + [UnaryOperator.not.rawValue] {
            #expect(Self.scope(of: word, in: rules)?.hasPrefix("keyword") == true, "`\(word)`")
        }
    }

    @Test func commentsStringsAndNumbersAreHighlighted() throws {
        let rules = try Self.rules()
        #expect(Self.scope(of: "# a note", in: rules)?.hasPrefix("comment") == true)
        #expect(Self.scope(of: "$1_250.50", in: rules)?.hasPrefix("constant.numeric") == true)
        #expect(Self.scope(of: "12.5%", in: rules)?.hasPrefix("constant.numeric") == true)
        #expect(Self.scope(of: "2026-03-01", in: rules)?.hasPrefix("constant.numeric") == true)
    }
}
