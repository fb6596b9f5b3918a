// Static unit and type rules for operators, sharing the runtime's rules through sample values.

/// The checker's view of arithmetic and comparison.
///
/// Rather than restate the unit rules, the checker applies the runtime's own operations to
/// the constants it knows, or to sample values of the static types, so the two can never
/// disagree about what `Money + Number` means.
enum TypeRules {
    /// A representative value of a static type; nil when the type says too little.
    static func sample(_ type: StaticType) -> Value? {
        switch type {
        case .number: .number(.one)
        case .percent: .percent(.one)
        case .money(let currency): .money(.one, currency)
        case .bool: .bool(true)
        case .text: .text("")
        case .date: .date(CalendarDate(daysSinceEpoch: 0))
        case .timestamp: .timestamp(Timestamp(microseconds: 0))
        case .enumeration(let type): .enumValue(EnumValue(type: type, position: 0))
        case .list: .list([])
        default: nil
        }
    }

    /// Whether a value of the type can be shown in a line of text (interpolated, a key).
    static func isShowable(_ type: StaticType) -> Bool {
        switch type {
        case .unknown, .number, .percent, .money, .anyMoney, .bool, .text, .date, .timestamp, .symbol, .enumeration: true
        case .optional, .list, .record, .tierTable: false
        }
    }

    /// How to show something of a type that cannot be shown as it is.
    static func showingFix(_ type: StaticType, written: String) -> String {
        switch type {
        case .record(let record):
            "show one of its fields, as in `\\(\(written).\(record.fields.first?.name ?? "id"))`"
        case .list:
            "show one item or a total, as in `\\(count(\(written)))`"
        case .optional:
            "give a default for when it is missing: `\\(\(written) ?? ...)`"
        default:
            "show a field or a number computed from it"
        }
    }

    static func staticType(of value: Value) -> StaticType {
        switch value {
        case .number: .number
        case .percent: .percent
        case .money(_, let currency): .money(currency)
        case .bool: .bool
        case .text: .text
        case .date: .date
        case .timestamp: .timestamp
        case .symbol(let symbol): .symbol(symbol.family)
        case .enumValue(let value): .enumeration(value.type)
        case .list: .list(.unknown)
        case .record, .tierTable, .missing: .unknown
        }
    }

    static func isNegatable(_ type: StaticType) -> Bool {
        switch type {
        case .unknown, .number, .percent, .money, .anyMoney: true
        default: false
        }
    }

    static func constant(_ expression: BoundExpression) -> Value? {
        if case .constant(let value) = expression.kind { return value }
        return nil
    }

    static func apply(_ op: ArithmeticOperator, _ a: Value, _ b: Value) throws(ValueError) -> Value {
        switch op {
        case .add: try a.adding(b)
        case .subtract: try a.subtracting(b)
        case .multiply: try a.multiplied(by: b)
        case .divide: try a.divided(by: b)
        }
    }

    /// Folds constants, checks units, and types the result of `a op b`.
    static func arithmetic(
        _ op: ArithmeticOperator, _ a: BoundExpression, _ b: BoundExpression, _ range: SourceRange,
        resolver: Resolver
    ) -> BoundExpression {
        if let x = constant(a), let y = constant(b) {
            do throws(ValueError) {
                let folded = try apply(op, x, y)
                let type = op == .add && a.type.elementType != .unknown ? a.type.joined(with: b.type) : staticType(of: folded)
                return BoundExpression(.constant(folded), range, type)
            } catch {
                resolver.report(error, at: range)
                return resolver.poisoned(range)
            }
        }
        let node = BoundExpression(.arithmetic(op, a, b), range, .unknown)
        guard let x = constant(a) ?? sample(a.type), let y = constant(b) ?? sample(b.type) else {
            return BoundExpression(node.kind, range, partialType(op, a.type, b.type))
        }
        do throws(ValueError) {
            let result = try apply(op, x, y)
            let type: StaticType = if case .list = result { a.type.joined(with: b.type) } else { staticType(of: result) }
            return BoundExpression(node.kind, range, type)
        } catch  where error.kind == .moneyWithNumber {
            reportMoneyWithNumber(op, a, b, range, resolver: resolver)
        } catch  where error.kind == .divisionByZero {
            // A sample divisor of one never divides by zero; a constant zero divisor does.
            resolver.report(error, at: range)
        } catch {
            resolver.report(withoutSamples(error, a, b), at: range)
        }
        return BoundExpression(node.kind, range, .unknown)
    }

    /// Money next to a bare number: name the number when it is a constant, so the fix can say `$5`.
    private static func reportMoneyWithNumber(
        _ op: ArithmeticOperator, _ a: BoundExpression, _ b: BoundExpression,
        _ range: SourceRange, resolver: Resolver
    ) {
        let numberSide = a.type.isNumeric ? a : b
        let moneySide = a.type.isNumeric ? b : a
        guard case .money(let currency) = moneySide.type else { return }
        if let value = constant(numberSide) {
            let error = Value.moneyWith(value, currency, op.rawValue)
            resolver.report(error.kind, numberSide.range, error.message, fix: error.fix)
        } else {
            resolver.report(
                .moneyWithNumber, range, "cannot use money and a bare number with `\(op.rawValue)`",
                fix: "a number has no currency: multiply a rate by money, or write the amount as money (`\(currency.symbol ?? "")5`)")
        }
    }

    /// The result type when one side's type is unknown.
    private static func partialType(_ op: ArithmeticOperator, _ a: StaticType, _ b: StaticType) -> StaticType {
        switch (op, a, b) {
        case (.add, .money, _), (.subtract, .money, _), (.multiply, .money, _), (.divide, .money, .number), (.divide, .money, .percent),
            (.add, .anyMoney, _), (.subtract, .anyMoney, _), (.multiply, .anyMoney, _), (.divide, .anyMoney, .number),
            (.divide, .anyMoney, .percent):
            return a == .anyMoney || b == .anyMoney ? .anyMoney : a
        case (.add, _, .money), (.subtract, _, .money), (.multiply, _, .money), (.add, _, .anyMoney), (.subtract, _, .anyMoney),
            (.multiply, _, .anyMoney):
            return a == .anyMoney || b == .anyMoney ? .anyMoney : b
        case (.add, .list, _), (.add, _, .list):
            return a.joined(with: b)
        default:
            return .unknown
        }
    }

    /// Reports comparisons that can never work, such as Money with Text or two currencies.
    static func checkComparable(
        _ a: BoundExpression, _ b: BoundExpression, equality: Bool, at range: SourceRange,
        resolver: Resolver
    ) {
        if checkPercentAgainstNumber(a, b, resolver: resolver) { return }
        if let kindA = comparisonKind(a.type), let kindB = comparisonKind(b.type), kindA != kindB {
            resolver.report(
                .notComparable, range, "cannot compare \(a.type.name) and \(b.type.name)",
                fix: comparisonFix(a, b) ?? comparisonFix(b, a)
                    ?? "compare values of one kind: a field with a field, a record's field with a value")
            return
        }
        guard let x = constant(a) ?? sample(a.type), let y = constant(b) ?? sample(b.type) else { return }
        do throws(ValueError) {
            if equality { _ = try x.isEqual(to: y) } else { _ = try x.compare(to: y) }
        } catch  where error.kind == .notComparable && isMoneyAgainstNumber(a.type, b.type) && constant(a.type.isNumeric ? a : b) == nil {
            resolver.report(
                .notComparable, range, "cannot compare money with a bare number",
                fix: "compare money with money, such as `$100`, or with 0")
        } catch {
            resolver.report(withoutSamples(error, a, b), at: range)
        }
    }

    /// The error the runtime's operation gave on sample values, reworded when it would quote
    /// them (`$1.00 and €1.00`) as if they were the file's amounts.
    private static func withoutSamples(_ error: ValueError, _ a: BoundExpression, _ b: BoundExpression) -> ValueError {
        guard error.kind == .mixedCurrencies, constant(a) == nil || constant(b) == nil,
            case .money(let x) = a.type, case .money(let y) = b.type
        else { return error }
        return Value.mixedCurrencies(x, y)
    }

    /// An argument for a parameter with a declared type must already be of that type.
    static func checkArgument(
        _ argument: BoundExpression, _ type: DeclaredType, parameter: String, of function: String,
        resolver: Resolver
    ) {
        guard let value = constant(argument) ?? sample(argument.type), type.accepting(value) == nil else { return }
        var fix: String?
        if case .money(let currency) = type, let number = constant(argument), case .number(let amount) = number {
            fix = "write the number as money: `\(Value.money(amount, currency).literalDescription)`"
        }
        resolver.report(
            .typeMismatch, argument.range, "`\(function)` expects \(type.name) for `\(parameter)`, found \(argument.type.name)",
            fix: fix)
    }

    /// `convert`'s rates: a list of records with a Text `currency` and a Number `rate`, as far
    /// as the checker can see.
    private static func checkRates(_ rates: BoundExpression, resolver: Resolver) {
        let fix = "give rates as a list such as `[{currency: \"EUR\", rate: 1.08}]`: how many of the campaign's currency one unit buys"
        switch rates.type {
        case .unknown, .list(.unknown): return
        case .list(.record(let record)):
            for (field, type) in [("currency", StaticType.text), ("rate", .number)] {
                guard let found = record.field(field) else {
                    resolver.report(.missingField, rates.range, "convert's rates need a field `\(field)`", fix: fix)
                    return
                }
                if found.type != .unknown, found.type != type {
                    resolver.report(
                        .typeMismatch, rates.range, "convert's rates need `\(field)` to be \(type.name), found \(found.type.name)", fix: fix)
                }
            }
        default:
            resolver.report(.typeMismatch, rates.range, "convert's rates must be a list of records, found \(rates.type.name)", fix: fix)
        }
    }

    /// `engagement_rate(c) >= 3`: a Percent against a bare number above 1, which means 300%.
    /// Reported at the number, with the fix that writes the percentage meant; true when reported.
    private static func checkPercentAgainstNumber(_ a: BoundExpression, _ b: BoundExpression, resolver: Resolver) -> Bool {
        for (percent, number) in [(a, b), (b, a)] where percent.type == .percent {
            guard case .constant(.number(let value))? = Optional(number.kind), value.magnitude.compare(.one) > 0 else { continue }
            // Only a number as written (`3`, `2.5`), not one computed from constants (`3 / 2.5`).
            let written = resolver.source.text(in: number.range)
            guard written.allSatisfy({ $0.isNumber || "._-kM".contains($0) }) else { continue }
            resolver.report(
                .typeMismatch, number.range,
                "\(written) compared with a Percent means \(Value.percent(value)): a bare number is a fraction",
                fix: "write `\(written)%` for \(written) percent")
            return true
        }
        return false
    }

    /// The fix for comparing `a` with `b` of another kind, when there is a likely one.
    private static func comparisonFix(_ a: BoundExpression, _ b: BoundExpression) -> String? {
        switch (a.type, constant(b)) {
        case (.enumeration(let type), .text(let name)?):
            if let value = type.value(named: name) { return "write the value without quotes: `\(value.name)`" }
            return "a \(type.name) is one of \(type.choices), written without quotes"
        case (.enumeration(let type), _) where b.type == .text:
            return "a \(type.name) is one of \(type.choices); compare it with one of them"
        case (.timestamp, _) where b.type == .date:
            return "compare the timestamp's date, `date(...)`, which is in the campaign's time zone"
        default:
            return nil
        }
    }

    /// What kind of comparison a type takes part in, when the checker knows: values of two
    /// kinds never compare (`it.platform == it`, a Platform with a record). Nil when unknown.
    private static func comparisonKind(_ type: StaticType) -> String? {
        switch type {
        case .unknown: nil
        case .number, .percent, .money, .anyMoney: "amount"
        case .bool: "bool"
        case .text: "text"
        case .date: "date"
        case .timestamp: "timestamp"
        case .symbol(let family): family.rawValue
        case .enumeration(let type): "enum " + type.name
        case .list: "list"
        case .record: "record"
        case .tierTable: "tier table"
        case .optional: nil
        }
    }

    static func isMoneyAgainstNumber(_ a: StaticType, _ b: StaticType) -> Bool {
        switch (a, b) {
        case (.money, .number), (.money, .percent), (.number, .money), (.percent, .money): true
        default: false
        }
    }

    /// Checks the arguments of built-ins whose needs the static types can already show.
    static func checkBuiltinArguments(_ builtin: Builtin, _ arguments: [BoundExpression], _ range: SourceRange, resolver: Resolver) {
        switch builtin {
        case .sum, .count, .avg, .median, .first, .last, .all, .any, .distinct, .percentile:
            resolver.expectList(arguments[0])
        case .min, .max:
            if arguments.count == 1 {
                resolver.expectList(arguments[0])
            } else {
                checkComparable(arguments[0], arguments[1], equality: false, at: range, resolver: resolver)
            }
        case .rank:
            resolver.expectList(arguments[1])
        case .round:
            if arguments.count > 2, let mode = constant(arguments[2]) {
                guard case .symbol(let symbol) = mode, symbol.roundingMode != nil else {
                    resolver.report(
                        .invalidArgument, arguments[2].range, "round's third argument must be a rounding mode",
                        fix: "use one of half_up, half_even, half_down, up, down, floor, ceiling")
                    return
                }
            }
        case .convert:
            switch arguments[0].type {
            case .unknown, .money, .anyMoney: break
            default: resolver.report(.typeMismatch, arguments[0].range, "convert needs money to convert, found \(arguments[0].type.name)")
            }
            checkRates(arguments[1], resolver: resolver)
        case _ where builtin.isCalendar:
            for (index, argument) in arguments.enumerated() where index == 0 || builtin == .daysBetween {
                switch argument.type {
                case .unknown, .date, .timestamp: continue
                default:
                    resolver.report(
                        .typeMismatch, argument.range, "`\(builtin.rawValue)` needs a date or a timestamp, found \(argument.type.name)",
                        fix: "call it as \(builtin.usage)")
                }
            }
            if [.addDays, .addMonths].contains(builtin), arguments[1].type != .unknown, arguments[1].type != .number {
                resolver.report(.typeMismatch, arguments[1].range, "`\(builtin.rawValue)` needs a whole number, found \(arguments[1].type.name)")
            }
        default:
            break
        }
    }
}
