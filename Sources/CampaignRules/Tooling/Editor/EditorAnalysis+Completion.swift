// Completion: the names that may be written at an offset, or a record's fields after `.`.

/// A name an editor may offer, with what it is.
public struct EditorCompletion: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case local, constant, function, builtin, field, enumValue, type, keyword
    }
    public let label: String
    public let kind: Kind
    /// A type or a signature.
    public let detail: String?
}

extension EditorAnalysis {
    /// The name written in place of a missing one, so a file ending in `o.` still parses and
    /// the resolver says what `o` is.
    static let placeholder = "complete_here"

    /// What may be written at `offset` of `text`: after `.`, the fields of the record before it;
    /// otherwise the names in scope there, the file's names, built-ins and enumeration values.
    public static func completions(
        in source: SourceFile, at offset: Int, imports: (any ImportResolver)? = nil,
        limits: Limits = .default
    ) -> [EditorCompletion] {
        let offset = max(0, min(offset, source.bytes.count))
        let afterName = offset > 0 && source.bytes[offset - 1].isIdentifierContinue
        var probed = source
        if !afterName {
            // A name is missing here: write one so the resolver meets a name where the cursor is.
            let bytes = Array(source.bytes[..<offset]) + Array(placeholder.utf8) + Array(source.bytes[offset...])
            probed = SourceFile(path: source.path, bytes: bytes)
        }
        let analysis = EditorAnalysis(probed, imports: imports, limits: limits, completionOffset: offset)
        return analysis.completions(at: offset)
    }

    func completions(at offset: Int) -> [EditorCompletion] {
        let field = recorder.uses.first { use in
            if case .field = use.target { return use.range.start <= offset && offset <= use.range.end }
            return false
        }
        if let field, case .field(let record) = field.target {
            return record.fields.map { EditorCompletion(label: $0.name, kind: .field, detail: $0.type.name) }
        }
        return namesInScope()
    }

    private func namesInScope() -> [EditorCompletion] {
        var found = (recorder.visibleAtCompletion ?? []).reversed().map { EditorCompletion(label: $0.name, kind: .local, detail: $0.type.name) }
        if let resolver {
            found += resolver.globals.map { EditorCompletion(label: $0.name.name, kind: .constant, detail: $0.type.name) }
            found += resolver.functions.map { EditorCompletion(label: $0.declaration.name.name, kind: .function, detail: nil) }
            found += resolver.enumValues.keys.sorted().map {
                EditorCompletion(label: $0, kind: .enumValue, detail: resolver.enumValues[$0]?.type.name)
            }
            found += (resolver.records.keys.sorted() + resolver.enums.keys.sorted()).map { EditorCompletion(label: $0, kind: .type, detail: nil) }
        }
        found += Builtin.allCases.map { EditorCompletion(label: $0.rawValue, kind: .builtin, detail: $0.usage) }
        found += [EditorCompletion(label: "marginal", kind: .builtin, detail: "marginal(table, amount)")]
        found += Symbol.byName.keys.sorted().map { EditorCompletion(label: $0, kind: .enumValue, detail: Symbol.byName[$0]?.family.rawValue) }
        found += Keyword.allCases.map { EditorCompletion(label: $0.rawValue, kind: .keyword, detail: nil) }
        var seen = Set<String>()
        return found.filter { $0.label != Self.placeholder && seen.insert($0.label).inserted }
    }
}
