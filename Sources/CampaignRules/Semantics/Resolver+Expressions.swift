// Resolution of expressions: names to slots, operators to typed nodes with unit checks,
// query clauses with their `it`.

extension Resolver {
    /// A placeholder for an expression that failed to resolve; the error is already reported.
    func poisoned(_ range: SourceRange) -> BoundExpression {
        BoundExpression(.invalid, range, .unknown)
    }

    func resolve(_ expression: Expression) -> BoundExpression {
        let range = expression.range
        switch expression.kind {
        case .number(let value): return BoundExpression(.constant(.number(value)), range, .number)
        case .percent(let value): return BoundExpression(.constant(.percent(value)), range, .percent)
        case .money(let value, let mark):
            let currency: Currency
            switch mark {
            case .campaign: currency = settings.currency
            case .code(let code): currency = Currency(code: code) ?? settings.currency
            }
            return BoundExpression(.constant(.money(value, currency)), range, .money(currency))
        case .text(let value): return BoundExpression(.constant(.text(value)), range, .text)
        case .interpolation(let parts): return resolveInterpolation(parts, range)
        case .date(let value): return BoundExpression(.constant(.date(value)), range, .date)
        case .timestamp(let value): return BoundExpression(.constant(.timestamp(value)), range, .timestamp)
        case .bool(let value): return BoundExpression(.constant(.bool(value)), range, .bool)
        case .name(let name): return resolveName(name, range)
        case .it:
            guard let it = frame.itStack.last else {
                report(
                    .misplacedIt, range, "`it` means the current item, and only exists inside where, sort by, select, group by, running and allocate",
                    fix: "use it in a clause such as `affiliates where it.sales > $0`")
                return poisoned(range)
            }
            recordUse(range, "it", .it, it.type)
            return BoundExpression(.local(it.slot), range, it.type)
        case .group(let inner):
            let bound = resolve(inner)
            return BoundExpression(bound.kind, range, bound.type)
        case .list(let items): return resolveList(items, range)
        case .record(let fields): return resolveRecordLiteral(fields, range)
        case .unary(let op, let operand): return resolveUnary(op, operand, range)
        case .binary(let op, let left, let right): return resolveBinary(op, left, right, range)
        case .call(let callee, let arguments): return resolveCall(callee, arguments, range)
        case .field(let base, let name): return resolveField(base, name, range, allowMissing: false)
        case .index(let base, let index): return resolveIndex(base, index, range)
        case .ifElse(let condition, let then, let otherwise):
            let boundCondition = resolve(condition)
            expectBool(boundCondition, "`if`")
            let a = resolve(then), b = resolve(otherwise)
            return BoundExpression(.ifElse(boundCondition, a, b), range, a.type.joined(with: b.type))
        case .when(let subject, let arms, let otherwise): return resolveWhen(subject, arms, otherwise, range)
        case .query(let source, let clause): return resolveQuery(source, clause, range)
        case .allocate(let allocation): return resolveAllocation(allocation, range)
        case .between(let value, let low, let high): return resolveBetween(value, low, high, range)
        }
    }

    /// `"Order \(o.id)"`: every part must be a value `rules` can show in a line of text.
    private func resolveInterpolation(_ parts: [TextPart], _ range: SourceRange) -> BoundExpression {
        let bound = parts.map { part -> BoundTextPart in
            switch part {
            case .text(let text): return .text(text)
            case .value(let expression):
                let value = resolve(expression)
                if !TypeRules.isShowable(value.type) {
                    report(
                        .notShowable, value.range, "\(value.type.name) cannot be shown in text",
                        fix: TypeRules.showingFix(value.type, written: source.text(in: value.range)))
                }
                return .value(value)
            }
        }
        return BoundExpression(.interpolation(bound), range, .text)
    }

    /// `d in 2026-03-01 to 2026-03-31`: both ends must compare with the value.
    private func resolveBetween(_ value: Expression, _ low: Expression, _ high: Expression, _ range: SourceRange) -> BoundExpression {
        let boundValue = resolve(value), boundLow = resolve(low), boundHigh = resolve(high)
        TypeRules.checkComparable(boundValue, boundLow, equality: false, at: boundLow.range, resolver: self)
        TypeRules.checkComparable(boundValue, boundHigh, equality: false, at: boundHigh.range, resolver: self)
        if let a = TypeRules.constant(boundLow), let b = TypeRules.constant(boundHigh), (try? a.compare(to: b)) == 1 {
            report(
                .invalidArgument, boundLow.range.joined(with: boundHigh.range), "this range runs backwards: \(a) is after \(b), so nothing is in it",
                fix: "write the earlier end first: `in \(source.text(in: boundHigh.range)) to \(source.text(in: boundLow.range))`")
        }
        return BoundExpression(.between(boundValue, low: boundLow, high: boundHigh), range, .bool)
    }

    private func resolveName(_ name: String, _ range: SourceRange) -> BoundExpression {
        if let local = frame.lookup(name) {
            recordUse(range, name, .local(declaredAt: local.range), local.type)
            return BoundExpression(.local(local.slot), range, local.type)
        }
        let meaning = meaning(of: name)
        if recorder != nil { recordUse(range, name, meaning) }
        switch meaning {
        case .global(let index):
            depend(on: .global(index), at: range)
            let type = resolveGlobal(index)
            return BoundExpression(.global(index), range, type)
        case .function:
            report(.notCallable, range, "`\(name)` is a function; call it with arguments", fix: "write `\(name)(...)`")
            return poisoned(range)
        case .symbol(let symbol):
            return BoundExpression(.constant(.symbol(symbol)), range, .symbol(symbol.family))
        case .enumValue(let value):
            return BoundExpression(.constant(.enumValue(value)), range, .enumeration(value.type))
        case .recordType:
            report(
                .typeMismatch, range, "`\(name)` is a record type, not a value",
                fix: "write a record literal such as `{id: \"ava\"}`; inputs convert it to `\(name)`")
            return poisoned(range)
        case .enumType(let type):
            report(
                .typeMismatch, range, "`\(name)` is an enumeration, not a value",
                fix: "write one of its values: \(type.choices)")
            return poisoned(range)
        case .undefined:
            // Values of enumerations first, so `aproved` suggests `approved`.
            reportUndefined(
                name, range,
                candidates: Array(enumValues.keys) + frame.visibleNames + Array(globalIndex.keys)
                    + Array(functionIndex.keys) + Array(Builtin.byName.keys) + Array(Symbol.byName.keys))
            return poisoned(range)
        }
    }

    /// What a name that is not a local stands for: the first of a global, a function the file
    /// or host declares, an enumeration value, a built-in function, a symbol and a record type,
    /// in that order. A file's names are fixed once its
    /// declarations are collected, so each name is looked up in those tables once.
    enum NameMeaning {
        case global(Int)
        case function
        case symbol(Symbol)
        case enumValue(EnumValue)
        case recordType
        case enumType(EnumType)
        case undefined
    }

    func meaning(of name: String) -> NameMeaning {
        if let known = meanings[name] { return known }
        let found: NameMeaning
        if let index = globalIndex[name] {
            found = .global(index)
        } else if functionIndex[name] != nil || hostFunctions[name] != nil {
            found = .function
        } else if let value = enumValues[name] {
            // A value the file declares (`enum Period { day, month }`) hides a built-in of its
            // name where a value is written; `day(d)` still calls the built-in.
            found = .enumValue(value)
        } else if Builtin.byName[name] != nil || Builtin.specialNames.contains(name) {
            found = .function
        } else if let symbol = Symbol.byName[name] {
            found = .symbol(symbol)
        } else if records[name] != nil {
            found = .recordType
        } else if let type = enums[name] {
            found = .enumType(type)
        } else {
            found = .undefined
        }
        meanings[name] = found
        return found
    }

    func reportUndefined(_ name: String, _ range: SourceRange, candidates: [String]) {
        let suggestion = Suggestions.closest(to: name, among: candidates)
        report(
            .undefinedName, range, "unknown name `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
            fix: suggestion.map { "write `\($0)`" } ?? "declare it with `let \(name) = ...` or `input \(name): Type`")
        diagnostics[diagnostics.count - 1].replacement = suggestion
    }

    private func resolveList(_ items: [Expression], _ range: SourceRange) -> BoundExpression {
        let bound = items.map(resolve)
        let element = bound.dropFirst().reduce(bound.first?.type ?? .unknown) { $0.joined(with: $1.type) }
        if bound.allSatisfy({ if case .constant = $0.kind { true } else { false } }) {
            let values = bound.map { item -> Value in
                if case .constant(let value) = item.kind { return value }
                return .bool(false)
            }
            return BoundExpression(.constant(.list(values)), range, .list(element))
        }
        return BoundExpression(.list(bound), range, .list(element))
    }

    private func resolveRecordLiteral(_ fields: [RecordField], _ range: SourceRange) -> BoundExpression {
        let bound = fields.map { resolve($0.value) }
        let type = RecordType(
            name: nil, fields: zip(fields, bound).map { .init(name: $0.name.name, type: $1.type, alwaysPresent: true) },
            isDeclared: false)
        return BoundExpression(.record(type.shape, bound), range, .record(type))
    }

    private func resolveUnary(_ op: UnaryOperator, _ operand: Expression, _ range: SourceRange) -> BoundExpression {
        let bound = resolve(operand)
        switch op {
        case .not:
            expectBool(bound, "`not`")
            if case .constant(.bool(let flag)) = bound.kind { return BoundExpression(.constant(.bool(!flag)), range, .bool) }
            return BoundExpression(.not(bound), range, .bool)
        case .negate:
            if case .constant(let value) = bound.kind {
                do throws(ValueError) {
                    return BoundExpression(.constant(try value.negated()), range, bound.type)
                } catch {
                    report(error, at: range)
                    return poisoned(range)
                }
            }
            if !TypeRules.isNegatable(bound.type) {
                report(.invalidOperand, range, "cannot negate \(bound.type.name)")
            }
            return BoundExpression(.negate(bound), range, bound.type)
        }
    }

    private func resolveBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, _ range: SourceRange) -> BoundExpression {
        if op == .orDefault { return resolveDefault(left, right, range) }
        let a = resolve(left), b = resolve(right)
        switch op {
        case .and, .or:
            expectBool(a, "`\(op.rawValue)`")
            expectBool(b, "`\(op.rawValue)`")
            return BoundExpression(op == .and ? .and(a, b) : .or(a, b), range, .bool)
        case .in:
            if case .list(let element) = b.type {
                // Only the element type matters here, not the list's value.
                TypeRules.checkComparable(a, BoundExpression(.list([]), b.range, element), equality: true, at: range, resolver: self)
            } else {
                expectList(b)
            }
            return BoundExpression(.contains(element: a, list: b), range, .bool)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let comparison = ComparisonOperator(rawValue: op.rawValue) ?? .equal
            TypeRules.checkComparable(a, b, equality: comparison == .equal || comparison == .notEqual, at: range, resolver: self)
            return BoundExpression(.comparison(comparison, a, b), range, .bool)
        case .add, .subtract, .multiply, .divide:
            let arithmetic = ArithmeticOperator(rawValue: op.rawValue) ?? .add
            return TypeRules.arithmetic(arithmetic, a, b, range, resolver: self)
        case .orDefault:
            return poisoned(range)
        }
    }

    /// `a.field ?? fallback`: the left side must be a field or index, whose absence is allowed here.
    private func resolveDefault(_ left: Expression, _ right: Expression, _ range: SourceRange) -> BoundExpression {
        var inner = left
        while case .group(let grouped) = inner.kind { inner = grouped }
        let fallback = resolve(right)
        let access: BoundExpression
        switch inner.kind {
        case .field(let base, let name): access = resolveField(base, name, inner.range, allowMissing: true)
        case .index(let base, let index): access = resolveIndex(base, index, inner.range)
        default:
            report(
                .invalidOperand, left.range, "`??` gives a default for a missing field or list item, and this is neither",
                fix: "use it after a field, as in `c.saves ?? 0`")
            return poisoned(range)
        }
        return BoundExpression(.orDefault(access, fallback), range, access.type == .unknown ? fallback.type : access.type.joined(with: fallback.type))
    }

    func resolveField(_ base: Expression, _ name: Identifier, _ range: SourceRange, allowMissing: Bool) -> BoundExpression {
        let bound = resolve(base)
        var type = fieldType(of: bound.type, name, allowMissing: allowMissing, range: name.range)
        if let recorder, let record = Self.recordType(read: bound.type) {
            recorder.record(name.range, name.name, .field(record), type)
        }
        if let wrapped = type.optionalWrapped {
            if case .list = type {
                // `??` after a list's field would give a default for the list, never its items.
                report(
                    .optionalRead, range,
                    "`\(name.name)` may be missing in some items (it is \(type.elementType.name)), so reading it needs a default for each",
                    fix: "write `\(source.text(in: base.range)) select it.\(name.name) ?? DEFAULT`")
            } else if !allowMissing {
                report(
                    .optionalRead, range, "`\(name.name)` may be missing (it is \(type.name)), so reading it needs a default",
                    fix: "write `\(source.text(in: range)) ?? DEFAULT` with the value to use when it is missing")
            }
            type = wrapped
        }
        return BoundExpression(.field(bound, name: name.name), range, type)
    }

    /// The type of `x.name`: a record's field, or over a list the list of every element's field.
    private func fieldType(of type: StaticType, _ name: Identifier, allowMissing: Bool, range: SourceRange) -> StaticType {
        switch type {
        case .unknown: return .unknown
        case .list(let element):
            return element == .unknown ? .list(.unknown) : .list(fieldType(of: element, name, allowMissing: allowMissing, range: range))
        case .record(let record):
            if let field = record.field(name.name) { return field.type }
            if allowMissing { return .unknown }
            let names = record.fields.map(\.name)
            let suggestion = Suggestions.closest(to: name.name, among: names)
            if record.shape.keyFields != nil {
                report(
                    .unknownField, range, "a group has no field `\(name.name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                    fix: "a group has the fields \(names.joined(separator: ", ")); its items have the fields of the list's items (`g.items`)")
                return .unknown
            }
            let owner = record.name.map { "`\($0)`" } ?? "this record"
            report(
                .unknownField, range, "\(owner) has no field `\(name.name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                fix: suggestion.map { "write `.\($0)`" }
                    ?? (record.isDeclared
                        ? "its fields are \(names.joined(separator: ", ")); add the field to the record declaration"
                        : "its fields are \(names.joined(separator: ", ")); use `?? default` when a field may be missing"))
            diagnostics[diagnostics.count - 1].replacement = suggestion
            return .unknown
        default:
            report(.notARecord, range, "\(type.name) has no fields, so `.\(name.name)` means nothing here")
            return .unknown
        }
    }

    private func resolveIndex(_ base: Expression, _ index: Expression, _ range: SourceRange) -> BoundExpression {
        let list = resolve(base), position = resolve(index)
        expectList(list)
        if position.type != .unknown && position.type != .number {
            report(.typeMismatch, position.range, "a list index must be a whole number, found \(position.type.name)")
        }
        return BoundExpression(.index(list, position), range, list.type.elementType)
    }

    private func resolveWhen(_ subject: Expression?, _ arms: [WhenArm], _ otherwise: Expression?, _ range: SourceRange) -> BoundExpression {
        guard let subject else {
            let bound = arms.map { arm -> (condition: BoundExpression, result: BoundExpression) in
                let conditions = arm.patterns.map(resolve)
                for condition in conditions { expectBool(condition, "a `when` condition") }
                let condition = conditions.dropFirst().reduce(conditions[0]) { BoundExpression(.or($0, $1), $0.range.joined(with: $1.range), .bool) }
                return (condition, resolve(arm.result))
            }
            let fallback = otherwise.map(resolve)
            return BoundExpression(.when(arms: bound, otherwise: fallback), range, joinedType(bound.map(\.result), fallback))
        }
        let boundSubject = resolve(subject)
        let bound = arms.map { arm -> (patterns: [BoundExpression], result: BoundExpression) in
            let patterns = arm.patterns.map(resolve)
            for pattern in patterns {
                TypeRules.checkComparable(boundSubject, pattern, equality: true, at: pattern.range, resolver: self)
            }
            return (patterns, resolve(arm.result))
        }
        let fallback = otherwise.map(resolve)
        return BoundExpression(
            .match(subject: boundSubject, arms: bound, otherwise: fallback), range,
            joinedType(bound.map(\.result), fallback))
    }

    private func joinedType(_ results: [BoundExpression], _ fallback: BoundExpression?) -> StaticType {
        let all = results + (fallback.map { [$0] } ?? [])
        return all.dropFirst().reduce(all.first?.type ?? .unknown) { $0.joined(with: $1.type) }
    }

    private func resolveQuery(_ source: Expression, _ clause: QueryClause, _ range: SourceRange) -> BoundExpression {
        let list = resolve(source)
        expectList(list)
        let element = list.type.elementType
        let itSlot = frame.pushIt(type: element, range: source.range)
        defer { frame.popIt() }
        switch clause {
        case .where(let condition):
            let bound = resolve(condition)
            expectBool(bound, "`where`")
            return BoundExpression(.query(list, .where(bound), itSlot: itSlot), range, list.type)
        case .sort(let keys):
            let bound = keys.map { (key: resolve($0.key), descending: $0.descending) }
            return BoundExpression(.query(list, .sort(bound), itSlot: itSlot), range, list.type)
        case .take(let count):
            let bound = resolve(count)
            if bound.type != .unknown && bound.type != .number {
                report(.typeMismatch, bound.range, "`take` needs a whole number, found \(bound.type.name)")
            }
            return BoundExpression(.query(list, .take(bound), itSlot: itSlot), range, list.type)
        case .select(let projection):
            let bound = resolve(projection)
            return BoundExpression(.query(list, .select(bound), itSlot: itSlot), range, .list(bound.type))
        case .group(let keys):
            return resolveGroup(list, keys, itSlot: itSlot, range)
        case .running(let name, let value):
            return resolveRunning(list, name, value, itSlot: itSlot, range)
        }
    }

    /// `group by KEY` or `group by NAME: KEY, ...`: records of the key fields and `items`.
    private func resolveGroup(_ list: BoundExpression, _ keys: [GroupKey], itSlot: Int, _ range: SourceRange) -> BoundExpression {
        let bound = keys.map { resolve($0.key) }
        for key in bound where !TypeRules.isShowable(key.type) && key.type != .unknown {
            let fix =
                if case .record = key.type { "group by its fields, as in `group by a: it.a, b: it.b`" } else {
                    "group by a single value of each item, such as one of its fields"
                }
            report(
                .typeMismatch, key.range, "a group's key must be a single value such as text, a number or a date, found \(key.type.name)",
                fix: fix)
        }
        let names = keys.count == 1 && keys[0].name == nil ? ["key"] : keys.map { $0.name?.name ?? "key" }
        let shape = RecordShape(name: "Group", fieldNames: names + ["items"], keyFields: names)
        let fields =
            zip(names, bound).map { RecordType.Field(name: $0, type: $1.type, alwaysPresent: true) }
            + [.init(name: "items", type: list.type == .unknown ? .list(.unknown) : list.type, alwaysPresent: true)]
        let type = RecordType(name: "Group", fields: fields, isDeclared: true, shape: shape)
        return BoundExpression(.query(list, .group(bound, shape), itSlot: itSlot), range, .list(.record(type)))
    }

    /// `running NAME: VALUE`: each item, a record, gains the field NAME, the sum so far.
    private func resolveRunning(
        _ list: BoundExpression, _ name: Identifier, _ value: Expression, itSlot: Int,
        _ range: SourceRange
    ) -> BoundExpression {
        let bound = resolve(value)
        switch bound.type {
        case .unknown, .number, .percent, .money, .anyMoney: break
        default:
            report(.typeMismatch, bound.range, "`running` sums numbers, percents or money, found \(bound.type.name)")
        }
        var type = StaticType.list(.unknown)
        switch list.type.elementType {
        case .record(let record):
            if record.field(name.name) != nil {
                report(
                    .duplicateDeclaration, name.range, "the items already have a field `\(name.name)`",
                    fix: "name the running total otherwise, as in `running \(name.name)_so_far: ...`")
            } else {
                type = .list(
                    .record(
                        RecordType(
                            name: nil, fields: record.fields + [.init(name: name.name, type: bound.type, alwaysPresent: true)],
                            isDeclared: record.isDeclared)))
            }
        case .unknown:
            break
        case let other:
            report(
                .notARecord, list.range, "`running` adds a field to each item, so the items must be records, found \(other.name)",
                fix: "make records first, as in `select {x: it}`")
        }
        return BoundExpression(.query(list, .running(bound, name: name.name), itSlot: itSlot), range, type)
    }

    private func resolveAllocation(_ allocation: Allocation, _ range: SourceRange) -> BoundExpression {
        let budget = resolve(allocation.budget)
        expectMoney(budget, "an allocation's budget")
        let items = resolve(allocation.items)
        expectList(items)
        let itSlot = frame.pushIt(type: items.type.elementType, range: allocation.items.range)
        let method: BoundAllocation.Method
        switch allocation.method {
        case .proportional(let weight): method = .proportional(resolve(weight))
        case .equally: method = .equally
        case .greedy(let score): method = .greedy(resolve(score))
        }
        frame.popIt()
        let bounds = [allocation.minimum, allocation.maximum, allocation.step].map { $0.map(resolve) }
        for bound in bounds.compactMap({ $0 }) { expectMoney(bound, "an allocation's min, max and step") }
        let rowType = RecordType(
            name: "Allocation",
            fields: [
                .init(name: "item", type: items.type.elementType, alwaysPresent: true),
                .init(name: "amount", type: budget.type, alwaysPresent: true),
            ], isDeclared: true, shape: .allocationRow)
        let bound = BoundAllocation(budget: budget, items: items, method: method, minimum: bounds[0], maximum: bounds[1], step: bounds[2])
        return BoundExpression(.allocate(bound, itSlot: itSlot), range, .list(.record(rowType)))
    }

    // MARK: - Expectations on static types

    func expectBool(_ expression: BoundExpression, _ context: @autoclosure () -> String) {
        guard expression.type != .unknown, expression.type != .bool else { return }
        report(
            .typeMismatch, expression.range, "\(context()) needs true or false, found \(expression.type.name)",
            fix: "compare it, as in `x > 0`")
    }

    func expectList(_ expression: BoundExpression) {
        switch expression.type {
        case .unknown, .list: return
        default: report(.notAList, expression.range, "expected a list, found \(expression.type.name)")
        }
    }

    /// Requires money; with `paidIn`, money of that currency (what a plan pays).
    func expectMoney(_ expression: BoundExpression, _ context: @autoclosure () -> String, paidIn campaign: Currency? = nil) {
        switch expression.type {
        case .money(let currency):
            guard let campaign, currency != campaign else { return }
            report(
                .mixedCurrencies, expression.range, "\(context()) is in \(currency.code), but the campaign pays in \(campaign.code)",
                fix:
                    "a plan pays in the campaign's currency: convert the amount with `convert(amount, rates)`, give it in \(campaign.code), or set `currency: \(currency.code)` in the campaign"
            )
        case .unknown, .anyMoney:
            // Money in each record's own currency: whether it is the campaign's is known per record.
            return
        case .number:
            if case .constant(let value) = expression.kind, value.decimal?.isZero == true { return }
            report(
                .moneyWithNumber, expression.range, "\(context()) must be money, found a bare number",
                fix: "write it as money, such as `$\(source.text(in: expression.range))`")
        default:
            report(.typeMismatch, expression.range, "\(context()) must be money, found \(expression.type.name)")
        }
    }
}
