// One declaration a REPL session holds, and what it declares, so a later one can replace it.

import CampaignRules

/// A declaration accepted into the session, kept as its text in the source it came from
/// (what was typed, or a loaded file) so errors found later still point at the right place.
struct SessionDeclaration {
    /// What a declaration declares; a new declaration with the same key replaces the old.
    enum Key: Hashable {
        /// Values, functions, inputs, tier tables, plans, outputs and record types share one namespace.
        case name(String)
        case campaign
        case test(String)
    }

    let key: Key
    let origin: SourceFile
    let originID: Int
    /// The declaration's bytes in its origin.
    let range: Range<Int>
    /// True when it was typed at the prompt rather than loaded from a file.
    let wasTyped: Bool
    /// The origin as later entries show it: what was typed becomes "earlier input". Made once
    /// for all the declarations of one entry, not once per declaration each time it is shown.
    let shownOrigin: SourceFile

    var text: String { origin.text(in: SourceRange(start: range.lowerBound, end: range.upperBound)) }

    /// How messages name it: "`rate`", "the campaign header", "test \"caps\"".
    var title: String {
        switch key {
        case .name(let name): "`\(name)`"
        case .campaign: "the campaign header"
        case .test(let name): "test \"\(name)\""
        }
    }

    /// The session's declarations from a parsed source, in order.
    static func all(in parsed: ParsedSource, originID: Int, wasTyped: Bool) -> [SessionDeclaration] {
        let shown = wasTyped ? SourceFile(path: "earlier input", bytes: parsed.source.bytes) : parsed.source
        // An import's declarations are in the parsed source already, after the file's own.
        return parsed.program.declarations.compactMap { declaration in
            guard let key = key(of: declaration) else { return nil }
            let range = declaration.range
            return SessionDeclaration(
                key: key, origin: parsed.source, originID: originID,
                range: range.start..<max(range.start, range.end), wasTyped: wasTyped, shownOrigin: shown)
        }
    }

    static func key(of declaration: Declaration) -> Key? {
        switch declaration {
        case .import: nil
        case .campaign: .campaign
        case .record(let record): .name(record.name.name)
        case .enumeration(let enumeration): .name(enumeration.name.name)
        case .input(let input): .name(input.name.name)
        case .let(let binding): .name(binding.name.name)
        case .function(let function): .name(function.name.name)
        case .tierTable(let table): .name(table.name.name)
        case .plan(let plan): .name(plan.name.name)
        case .output(let output): .name(output.name.name)
        case .test(let test): .test(test.name)
        }
    }

    /// Keywords that start a declaration; any other entry is an expression to evaluate.
    static let keywords: Set<Keyword> = [.let, .fn, .record, .input, .output, .campaign, .tiers, .plan, .test]

    /// True when the text starts with a declaration keyword (or `enum Name {`).
    static func startsDeclaration(_ text: String) -> Bool {
        let source = SourceFile(path: "input", text: text)
        let tokens = Lexer.tokens(in: source).tokens
        guard let first = tokens.first else { return false }
        if first.kind == .identifier, source.text(in: first.range) == "enum", tokens.count > 2,
            tokens[1].kind == .identifier, tokens[2].kind == .leftBrace
        {
            return true
        }
        guard case .keyword(let word) = first.kind else { return false }
        return keywords.contains(word)
    }
}
