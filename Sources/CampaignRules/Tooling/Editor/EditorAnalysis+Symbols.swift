// Document symbols: the file's declarations, with a record's fields and an enumeration's values.

/// A declaration as an editor's outline shows it.
public struct EditorSymbol: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case campaign, `import`, record, field, enumeration, enumValue, input, constant, function, tierTable, plan, output, test
    }
    public let name: String
    public let kind: Kind
    /// The whole declaration.
    public let range: SourceRange
    /// Its name.
    public let selectionRange: SourceRange
    public let children: [EditorSymbol]
}

extension EditorAnalysis {
    /// The file's own declarations in source order.
    public var symbols: [EditorSymbol] {
        ownDeclarations.map(symbol(of:))
    }

    private func symbol(of declaration: Declaration) -> EditorSymbol {
        func leaf(_ name: Identifier, _ kind: EditorSymbol.Kind) -> EditorSymbol {
            EditorSymbol(name: name.name, kind: kind, range: declaration.range, selectionRange: name.range, children: [])
        }
        switch declaration {
        case .import(let written):
            return EditorSymbol(name: written.path, kind: .import, range: written.range, selectionRange: written.pathRange, children: [])
        case .campaign(let header):
            return EditorSymbol(name: header.name, kind: .campaign, range: header.range, selectionRange: header.range, children: [])
        case .record(let record):
            let fields = record.fields.map {
                EditorSymbol(
                    name: $0.name.name, kind: .field, range: $0.name.range.joined(with: $0.type.range), selectionRange: $0.name.range, children: [])
            }
            return EditorSymbol(name: record.name.name, kind: .record, range: record.range, selectionRange: record.name.range, children: fields)
        case .enumeration(let enumeration):
            let values = enumeration.cases.map {
                EditorSymbol(name: $0.name, kind: .enumValue, range: $0.range, selectionRange: $0.range, children: [])
            }
            return EditorSymbol(
                name: enumeration.name.name, kind: .enumeration, range: enumeration.range,
                selectionRange: enumeration.name.range, children: values)
        case .input(let input): return leaf(input.name, .input)
        case .let(let binding): return leaf(binding.name, .constant)
        case .function(let function): return leaf(function.name, .function)
        case .tierTable(let table): return leaf(table.name, .tierTable)
        case .plan(let plan): return leaf(plan.name, .plan)
        case .output(let output): return leaf(output.name, .output)
        case .test(let test):
            return EditorSymbol(name: test.name, kind: .test, range: test.range, selectionRange: test.range, children: [])
        }
    }

    /// The file's own `test` declarations in order, which `runTests` reports on in the same order.
    public var tests: [(name: String, range: SourceRange)] {
        ownDeclarations.compactMap { declaration in
            if case .test(let test) = declaration { return (test.name, test.range) }
            return nil
        }
    }
}
