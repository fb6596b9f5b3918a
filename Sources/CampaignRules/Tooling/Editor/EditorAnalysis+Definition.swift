// Go to definition: where the name at an offset was declared, in this file or an imported one.

/// A place in one file: its path, the range in that file's own bytes, and those bytes (an
/// imported file's text is part of the analysis, so an editor need not read it again).
public struct EditorLocation: Sendable, Hashable {
    public let path: String
    public let range: SourceRange
    public let fileBytes: [UInt8]
}

extension EditorAnalysis {
    /// Where the name at `offset` is declared; nil for built-ins, symbols and unknown names.
    public func definition(at offset: Int) -> EditorLocation? {
        guard let use = use(at: offset), let range = declarationRange(of: use) else { return nil }
        return location(of: range)
    }

    /// A range of the analysed source as a place in the file it falls in.
    func location(of range: SourceRange) -> EditorLocation {
        let file = source.fileRange(at: range.start)
        let local = SourceRange(start: range.start - file.lowerBound, end: min(range.end, file.upperBound) - file.lowerBound)
        return EditorLocation(path: source.path(at: range.start), range: local, fileBytes: Array(source.bytes[file]))
    }

    func declarationRange(of use: NameUse) -> SourceRange? {
        guard let resolver else { return nil }
        switch use.target {
        case .local(let declaredAt): return declaredAt
        case .global(let index): return resolver.globals[index].name.range
        case .function(let index): return resolver.functions[index].declaration.name.range
        case .enumValue(let value): return enumDeclaration(named: value.type.name)?.cases[value.position].range
        case .field(let record):
            guard let name = record.name, let declaration = resolver.records[name]?.declaration else { return nil }
            return declaration.fields.first { $0.name.name == use.name }?.name.range
        case .typeName:
            return resolver.records[use.name]?.declaration.name.range ?? enumDeclaration(named: use.name)?.name.range
        case .builtin, .marginal, .hostFunction, .symbol, .it: return nil
        }
    }

    func enumDeclaration(named name: String) -> EnumDeclaration? {
        for declaration in program.declarations {
            if case .enumeration(let enumeration) = declaration, enumeration.name.name == name { return enumeration }
        }
        return nil
    }
}
