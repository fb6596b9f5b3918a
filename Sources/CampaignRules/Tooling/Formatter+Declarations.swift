// The formatter's layout of declarations and the items of their blocks.

extension Formatter {
    static let unit = "  "

    mutating func formatProgram(_ program: Program) {
        for declaration in program.declarations {
            let mark = output.count, saved = comments
            format(declaration)
            if comments.hasComment(before: declaration.range.end) {
                // A comment sat where this layout has no place for it: keep the declaration as written.
                output.removeSubrange(mark...)
                comments = saved
                let range = declaration.range
                let verbatim = source.text(in: SourceRange(start: lineStart(of: range.start), end: range.end))
                item(range, indent: "") { _ in
                    verbatim.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingSpaces() }.joined(
                        separator: "\n")
                }
                comments.skip(through: range)
                trailingComment(after: range.end)
            }
        }
        leadingComments(before: Int.max, indent: "")
        while output.last == "" { output.removeLast() }
    }

    func lineStart(of offset: Int) -> Int {
        var start = offset
        while start > 0, source.bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return start
    }

    mutating func format(_ declaration: Declaration) {
        switch declaration {
        case .import(let declaration):
            item(declaration.range, indent: "") { _ in "import \(Value.quoted(declaration.path))" }
        case .campaign(let header):
            block(
                header.range, head: "campaign \(Value.quoted(header.name))",
                items: header.settings.map { setting in
                    (
                        setting.key.range.joined(with: (setting.through ?? setting.value).range),
                        "\(setting.key.name): \(inline(setting.value))" + (setting.through.map { " to \(inline($0))" } ?? "")
                    )
                })
        case .record(let record):
            block(
                record.range, head: "record \(record.name.name)",
                items: record.fields.map { field in
                    (
                        field.name.range.joined(with: (field.defaultValue ?? Expression(.it, field.type.range)).range),
                        "\(field.name.name): \(field.type.written)" + (field.column.map { " from \(Value.quoted($0))" } ?? "")
                            + (field.defaultValue.map { " = \(inline($0))" } ?? "")
                    )
                })
        case .enumeration(let enumeration):
            let names = enumeration.cases.map(\.name)
            let single = "enum \(enumeration.name.name) { \(names.joined(separator: ", ")) }"
            if wasMultiline(enumeration.range) || single.count > Formatter.lineWidth {
                block(enumeration.range, head: "enum \(enumeration.name.name)", items: enumeration.cases.map { ($0.range, $0.name + ",") })
            } else {
                item(enumeration.range, indent: "") { _ in single }
            }
        case .input(let input):
            item(input.range, indent: "") { formatter in
                "input \(input.name.name): \(input.type.written)" + (input.defaultValue.map { " = " + formatter.expression($0, depth: 0) } ?? "")
            }
        case .let(let binding):
            item(binding.range, indent: "") { "let \(binding.name.name) = " + $0.expression(binding.value, depth: 0) }
        case .output(let output):
            item(output.range, indent: "") { "output \(output.name.name) = " + $0.expression(output.value, depth: 0) }
        case .function(let function):
            formatFunction(function)
        case .tierTable(let table):
            let heads = table.brackets.map { bracket -> String in
                switch (bracket.low, bracket.high) {
                case (nil, let high?): "..< \(inline(high)):"
                case (let low?, let high?): "\(inline(low)) ..< \(inline(high)):"
                case (let low?, nil): "\(inline(low)) ...:"
                case (nil, nil): "...:"
                }
            }
            let width = heads.map(\.count).max() ?? 0
            block(
                table.range, head: "tiers \(table.name.name)",
                items: zip(table.brackets, heads).map { bracket, head in
                    (bracket.range, head.padding(to: width) + " " + inline(bracket.value))
                })
        case .plan(let plan):
            formatPlan(plan)
        case .test(let test):
            formatTest(test)
        }
    }

    /// `head {`, one item per line indented, `}`.
    mutating func block(_ range: SourceRange, head: String, items: [(SourceRange, String)]) {
        item(SourceRange(start: range.start, end: range.start), indent: "") { _ in head + " {" }
        for (itemRange, text) in items {
            item(itemRange, indent: Formatter.unit) { _ in text }
        }
        closeBlock(range)
    }

    /// Emits the comments left before the block's `}`, then the brace.
    mutating func closeBlock(_ range: SourceRange) {
        leadingComments(before: range.end - 1, indent: Formatter.unit)
        output.append("}")
    }

    mutating func formatFunction(_ function: FunctionDeclaration) {
        let parameters = function.parameters.map { $0.name.name + ($0.type.map { ": \($0.written)" } ?? "") }.joined(separator: ", ")
        let head = "fn \(function.name.name)(\(parameters))"
        guard function.body.braced else {
            item(function.range, indent: "") { "\(head) = " + $0.expression(function.body.result, depth: 0) }
            return
        }
        item(SourceRange(start: function.range.start, end: function.range.start), indent: "") { _ in head + " {" }
        for binding in function.body.bindings {
            item(binding.range, indent: Formatter.unit) { "let \(binding.name.name) = " + $0.expression(binding.value, depth: 0) }
        }
        item(function.body.result.range, indent: Formatter.unit) { $0.expression(function.body.result, depth: 0) }
        closeBlock(function.range)
    }

    mutating func formatPlan(_ plan: PlanDeclaration) {
        item(SourceRange(start: plan.range.start, end: plan.subjects.range.end), indent: "") {
            "plan \(plan.name.name) for \(plan.subject.name) in \($0.expression(plan.subjects, depth: 0)) {"
        }
        let heads = plan.lines.map { line in
            "\(line.kind.rawValue) \(source.text(in: line.label.range))"
                + (line.items.map { " for \($0.name.name) in \(inline($0.list))" } ?? "")
                + (line.condition.map { " when \(inline($0))" } ?? "") + ":"
        }
        // Amounts line up when the heads are short enough for it to help reading.
        let width = heads.map(\.count).max() ?? 0
        let align = width <= 48
        // The items in the order they were written.
        var items: [(range: SourceRange, text: (inout Formatter) -> String)] = plan.bindings.map { binding in
            (binding.range, { "let \(binding.name.name) = " + $0.expression(binding.value, depth: 1) })
        }
        for (line, head) in zip(plan.lines, heads) {
            items.append((line.range, { (align ? head.padding(to: width) : head) + " " + $0.expression(line.amount, depth: 0) }))
        }
        for (word, value) in [("key", plan.key), ("cap", plan.cap), ("carry", plan.carry), ("minimum", plan.minimum)] {
            guard let value else { continue }
            items.append((value.range, { "\(word) " + $0.expression(value, depth: 0) }))
        }
        for entry in items.sorted(by: { $0.range.start < $1.range.start }) {
            item(entry.range, indent: Formatter.unit, entry.text)
        }
        closeBlock(plan.range)
    }

    mutating func formatTest(_ test: TestDeclaration) {
        let headEnd = test.givens.last?.value.range.end ?? test.range.start
        item(SourceRange(start: test.range.start, end: headEnd), indent: "") { formatter in
            let givens = test.givens.map { "\($0.name.name) = " + formatter.expression($0.value, depth: 0) }.joined(separator: ", ")
            return "test \(Value.quoted(test.name))" + (givens.isEmpty ? "" : " given \(givens)") + " {"
        }
        for step in test.steps {
            switch step {
            case .let(let binding):
                item(binding.range, indent: Formatter.unit) { "let \(binding.name.name) = " + $0.expression(binding.value, depth: 0) }
            case .expect(let condition):
                item(condition.range, indent: Formatter.unit) { "expect " + $0.expression(condition, depth: 0) }
            }
        }
        closeBlock(test.range)
    }
}

extension TypeAnnotation {
    /// The type as it is written in a rule file.
    var written: String {
        switch self {
        case .named(let name): name.name
        case .list(let element, _): "list of \(element.written)"
        case .optional(let wrapped, _): wrapped.written + "?"
        case .money(let currency, _): "Money(\(currency.name))"
        }
    }
}

extension CommentQueue {
    /// Whether a comment not yet placed starts before `offset`.
    func hasComment(before offset: Int) -> Bool {
        pending.indices.contains(nextIndex) && pending[nextIndex].range.start < offset
    }
}
