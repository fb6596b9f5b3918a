// Hover: what the name at an offset is, in a few lines of Markdown.

extension EditorAnalysis {
    /// A description of the name at `offset`: its type; a constant's value; a tier table's
    /// brackets; a built-in's signature and what it does. Nil where no name is.
    public func hover(at offset: Int) -> String? {
        guard let use = use(at: offset) else { return nil }
        return hoverText(of: use)
    }

    private func hoverText(of use: NameUse) -> String? {
        guard let resolver else { return nil }
        switch use.target {
        case .local: return code("\(use.name): \(use.type.name)") + "\nA local name."
        case .it: return code("it: \(use.type.name)") + "\nThe current item."
        case .global(let index): return globalHover(resolver.globals[index])
        case .function(let index):
            let function = resolver.functions[index]
            let parameters = function.declaration.parameters.map { parameter in
                parameter.name.name + (parameter.type.map { ": " + source.text(in: $0.range) } ?? "")
            }
            return code("fn \(use.name)(\(parameters.joined(separator: ", "))): \(function.returnType.name)")
        case .builtin(let builtin): return code(builtin.usage) + "\n" + builtin.summary.capitalizedFirst + "."
        case .marginal: return code("marginal(table, amount)") + "\nThe amount paid bracket by bracket: each part of it at its own bracket's rate."
        case .hostFunction(let name): return code(resolver.hostFunctions[name]?.usage ?? name) + "\nA function the host application provides."
        case .enumValue(let value): return code("\(use.name): \(value.type.name)") + "\nA value of `\(value.type.name)`: \(value.type.choices)."
        case .symbol(let symbol): return code("\(use.name): \(symbol.family.rawValue)") + "\nA built-in \(symbol.family.rawValue) value."
        case .field(let record): return code("\(use.name): \(use.type.name)") + "\nA field of `\(record.name ?? "a record")`."
        case .typeName:
            if let record = resolver.records[use.name]?.declaration { return code(source.text(in: record.range)) }
            return enumDeclaration(named: use.name).map { code(source.text(in: $0.range)) }
        }
    }

    private func globalHover(_ global: Resolver.GlobalEntry) -> String {
        let name = global.name.name, type = global.type.name
        switch global.declaration {
        case .input(let input):
            return code("input \(name): \(source.text(in: input.type.range))" + (input.defaultValue.map { " = " + source.text(in: $0.range) } ?? ""))
        case .tierTable(let table): return code(source.text(in: table.range))
        case .plan(let plan):
            return code("plan \(name) for \(plan.subject.name) in \(source.text(in: plan.subjects.range))") + "\nGives \(type)."
        case .output: return code("output \(name): \(type)")
        default:
            if case .value(let code)? = global.definition?.kind, case .constant(let value) = code.body.kind {
                return self.code("let \(name): \(type) = \(value)")
            }
            return code("let \(name): \(type)")
        }
    }

    private func code(_ text: String) -> String { "```rules\n\(text)\n```" }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
