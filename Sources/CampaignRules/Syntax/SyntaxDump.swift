// A compact s-expression rendering of the syntax tree, for tests and debugging.

extension Expression {
    /// `(+ 1 (* 2 3))`, `(. a sales)`, `(where xs (> (. it x) 1))`: structure without ranges.
    public var dump: String {
        switch kind {
        case .number(let value): return value.plainDescription
        case .percent(let value): return Value.percentText(value)
        case .money(let value, let mark):
            switch mark {
            case .campaign: return "$" + value.plainDescription
            case .code(let code): return value.plainDescription + " " + code
            }
        case .text(let text): return Value.quoted(text)
        case .interpolation(let parts):
            return "(text"
                + parts.map { part in
                    switch part {
                    case .text(let text): " " + Value.quoted(text)
                    case .value(let value): " " + value.dump
                    }
                }.joined() + ")"
        case .date(let date): return date.description
        case .timestamp(let instant): return instant.description
        case .bool(let flag): return flag ? "true" : "false"
        case .name(let name): return name
        case .it: return "it"
        case .list(let items): return "[" + items.map(\.dump).joined(separator: " ") + "]"
        case .record(let fields): return "{" + fields.map { "\($0.name.name): \($0.value.dump)" }.joined(separator: ", ") + "}"
        case .group(let inner): return inner.dump
        case .unary(let op, let operand): return "(\(op.rawValue) \(operand.dump))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(left.dump) \(right.dump))"
        case .call(let callee, let arguments): return "(\(callee.name)" + arguments.map { " " + $0.dump }.joined() + ")"
        case .field(let base, let name): return "(. \(base.dump) \(name.name))"
        case .index(let base, let index): return "([] \(base.dump) \(index.dump))"
        case .ifElse(let condition, let then, let otherwise): return "(if \(condition.dump) \(then.dump) \(otherwise.dump))"
        case .when(let subject, let arms, let otherwise):
            let head = subject.map { "(when \($0.dump)" } ?? "(when"
            let body = arms.map { " (" + $0.patterns.map(\.dump).joined(separator: " ") + " => " + $0.result.dump + ")" }.joined()
            return head + body + (otherwise.map { " (else \($0.dump))" } ?? "") + ")"
        case .query(let source, let clause):
            switch clause {
            case .where(let condition): return "(where \(source.dump) \(condition.dump))"
            case .take(let count): return "(take \(source.dump) \(count.dump))"
            case .select(let projection): return "(select \(source.dump) \(projection.dump))"
            case .sort(let keys):
                return "(sort \(source.dump)" + keys.map { " " + $0.key.dump + ($0.descending ? " desc" : "") }.joined() + ")"
            case .group(let keys):
                return "(group \(source.dump)" + keys.map { " " + ($0.name.map { "\($0.name): " } ?? "") + $0.key.dump }.joined() + ")"
            case .running(let name, let value):
                return "(running \(source.dump) \(name.name) \(value.dump))"
            }
        case .between(let value, let low, let high):
            return "(in \(value.dump) \(low.dump) \(high.dump))"
        case .allocate(let allocation):
            let method =
                switch allocation.method {
                case .proportional(let weight): "by \(weight.dump)"
                case .equally: "equally"
                case .greedy(let score): "greedy \(score.dump)"
                }
            let bounds = [("min", allocation.minimum), ("max", allocation.maximum), ("step", allocation.step)]
                .compactMap { name, value in value.map { " \(name) \($0.dump)" } }.joined()
            return "(allocate \(allocation.budget.dump) \(allocation.items.dump) \(method)\(bounds))"
        }
    }
}

extension Declaration {
    /// One line per declaration: its kind, name and main expression.
    public var dump: String {
        switch self {
        case .campaign(let header):
            return "campaign \(Value.quoted(header.name)) " + header.settings.map { "\($0.key.name)=\($0.value.dump)" }.joined(separator: " ")
        case .record(let record):
            return "record \(record.name.name) "
                + record.fields.map {
                    "\($0.name.name):\($0.type.dump)" + ($0.column.map { " from " + Value.quoted($0) } ?? "")
                        + ($0.defaultValue.map { "=" + $0.dump } ?? "")
                }.joined(separator: " ")
        case .enumeration(let enumeration): return "enum \(enumeration.name.name) " + enumeration.cases.map(\.name).joined(separator: " ")
        case .input(let input): return "input \(input.name.name):\(input.type.dump)" + (input.defaultValue.map { "=" + $0.dump } ?? "")
        case .let(let binding): return "let \(binding.name.name) \(binding.value.dump)"
        case .function(let function):
            let lets = function.body.bindings.map { " (let \($0.name.name) \($0.value.dump))" }.joined()
            return "fn \(function.name.name)(\(function.parameters.map(\.name.name).joined(separator: " ")))\(lets) \(function.body.result.dump)"
        case .tierTable(let table):
            return "tiers \(table.name.name) "
                + table.brackets.map { "[\($0.low?.dump ?? "") ..\($0.high?.dump ?? "") => \($0.value.dump)]" }.joined(separator: " ")
        case .plan(let plan):
            let lets = plan.bindings.map { " (let \($0.name.name) \($0.value.dump))" }.joined()
            let lines = plan.lines.map {
                " (\($0.kind.rawValue) \($0.label.dump)" + ($0.items.map { " for \($0.name.name) in \($0.list.dump)" } ?? "")
                    + ($0.condition.map { " when \($0.dump)" } ?? "") + " \($0.amount.dump))"
            }.joined()
            return "plan \(plan.name.name) \(plan.subject.name) \(plan.subjects.dump)\(lets)\(lines)" + (plan.key.map { " (key \($0.dump))" } ?? "")
                + (plan.cap.map { " (cap \($0.dump))" } ?? "") + (plan.carry.map { " (carry \($0.dump))" } ?? "")
                + (plan.minimum.map { " (minimum \($0.dump))" } ?? "")
        case .output(let output): return "output \(output.name.name) \(output.value.dump)"
        case .import(let declaration): return "import \(Value.quoted(declaration.path))"
        case .test(let test):
            let givens = test.givens.map { " (given \($0.name.name) \($0.value.dump))" }.joined()
            let steps = test.steps.map { step -> String in
                switch step {
                case .let(let binding): " (let \(binding.name.name) \(binding.value.dump))"
                case .expect(let expression): " (expect \(expression.dump))"
                }
            }.joined()
            return "test \(Value.quoted(test.name))\(givens)\(steps)"
        }
    }
}

extension TypeAnnotation {
    var dump: String {
        switch self {
        case .named(let name): name.name
        case .list(let element, _): "list<\(element.dump)>"
        case .optional(let wrapped, _): wrapped.dump + "?"
        case .money(let currency, _): "Money(\(currency.name))"
        }
    }
}
