// Arithmetic and comparison on values, with the language's unit rules for money and percents.

/// A failure inside a value operation, before the interpreter attaches a location to it.
public struct ValueError: Error, Sendable {
    public let kind: DiagnosticKind
    public let message: String
    public let fix: String?

    init(_ kind: DiagnosticKind, _ message: String, fix: String? = nil) {
        self.kind = kind
        self.message = message
        self.fix = fix
    }
}

/// The arithmetic context of the language: 28 significant digits, ties to even.
let languageContext = DecimalNumber.Context.language

extension DecimalNumber {
    /// Runs a decimal operation and turns its arithmetic errors into located-later value errors.
    static func checked(_ operation: () throws(DecimalNumber.ArithmeticError) -> DecimalNumber) throws(ValueError) -> DecimalNumber {
        do throws(DecimalNumber.ArithmeticError) {
            return try operation()
        } catch .divisionByZero {
            throw ValueError(.divisionByZero, "division by zero")
        } catch .overflow {
            throw ValueError(.arithmeticOverflow, "the result is too large for a number (beyond 28 digits and exponent 6144)")
        } catch {
            throw ValueError(.arithmeticOverflow, "the result cannot be represented as a number")
        }
    }
}

extension Value {
    /// The operands' kinds, named for a message.
    static func describe(_ left: Value, _ right: Value) -> String {
        "\(left.kindName) and \(right.kindName)"
    }

    func adding(_ other: Value) throws(ValueError) -> Value {
        try combineAdditive(other, isSubtraction: false)
    }

    func subtracting(_ other: Value) throws(ValueError) -> Value {
        try combineAdditive(other, isSubtraction: true)
    }

    private func combineAdditive(_ other: Value, isSubtraction: Bool) throws(ValueError) -> Value {
        let symbol = isSubtraction ? "-" : "+"
        func apply(_ a: DecimalNumber, _ b: DecimalNumber) throws(ValueError) -> DecimalNumber {
            try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
                isSubtraction ? try a.subtracting(b, context: languageContext) : try a.adding(b, context: languageContext)
            }
        }
        switch (self, other) {
        case (.number(let a), .number(let b)), (.number(let a), .percent(let b)), (.percent(let a), .number(let b)):
            return .number(try apply(a, b))
        case (.percent(let a), .percent(let b)):
            return .percent(try apply(a, b))
        case (.money(let a, let x), .money(let b, let y)):
            guard x == y else { throw Value.mixedCurrencies(self, other) }
            return .money(try apply(a, b), x)
        case (.money(let a, let currency), .number(let b)), (.money(let a, let currency), .percent(let b)):
            guard b.isZero else { throw Value.moneyWith(other, currency, symbol) }
            return .money(a, currency)
        case (.number(let a), .money(let b, let currency)), (.percent(let a), .money(let b, let currency)):
            guard a.isZero else { throw Value.moneyWith(self, currency, symbol) }
            return .money(try apply(.zero, b), currency)
        case (.text(let a), .text(let b)) where !isSubtraction:
            return .text(a + b)
        case (.list(let a), .list(let b)) where !isSubtraction:
            return .list(a + b)
        default:
            throw ValueError(.invalidOperand, "cannot \(isSubtraction ? "subtract" : "add") \(Value.describe(self, other))")
        }
    }

    func multiplied(by other: Value) throws(ValueError) -> Value {
        func apply(_ a: DecimalNumber, _ b: DecimalNumber) throws(ValueError) -> DecimalNumber {
            try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try a.multiplied(by: b, context: languageContext) }
        }
        switch (self, other) {
        case (.number(let a), .number(let b)), (.number(let a), .percent(let b)), (.percent(let a), .number(let b)):
            return .number(try apply(a, b))
        case (.percent(let a), .percent(let b)):
            return .percent(try apply(a, b))
        case (.money(let a, let currency), .number(let b)), (.money(let a, let currency), .percent(let b)),
            (.number(let b), .money(let a, let currency)), (.percent(let b), .money(let a, let currency)):
            return .money(try apply(a, b), currency)
        case (.money, .money):
            throw ValueError(
                .moneyTimesMoney, "cannot multiply money by money",
                fix: "multiply money by a number or a percent, such as `a.sales * 10%`")
        default:
            throw ValueError(.invalidOperand, "cannot multiply \(Value.describe(self, other))")
        }
    }

    func divided(by other: Value) throws(ValueError) -> Value {
        func apply(_ a: DecimalNumber, _ b: DecimalNumber) throws(ValueError) -> DecimalNumber {
            try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try a.divided(by: b, context: languageContext) }
        }
        switch (self, other) {
        case (.number(let a), .number(let b)), (.number(let a), .percent(let b)), (.percent(let a), .percent(let b)):
            return .number(try apply(a, b))
        case (.percent(let a), .number(let b)):
            return .percent(try apply(a, b))
        case (.money(let a, let currency), .number(let b)), (.money(let a, let currency), .percent(let b)):
            return .money(try apply(a, b), currency)
        case (.money(let a, let x), .money(let b, let y)):
            guard x == y else { throw Value.mixedCurrencies(self, other) }
            return .number(try apply(a, b))
        default:
            throw ValueError(.invalidOperand, "cannot divide \(Value.describe(self, other))")
        }
    }

    func negated() throws(ValueError) -> Value {
        switch self {
        case .number(let a): .number(a.negated(context: languageContext))
        case .percent(let a): .percent(a.negated(context: languageContext))
        case .money(let a, let currency): .money(a.negated(context: languageContext), currency)
        default: throw ValueError(.invalidOperand, "cannot negate \(kindName)")
        }
    }

    static func mixedCurrencies(_ x: Currency, _ y: Currency) -> ValueError {
        ValueError(
            .mixedCurrencies, "cannot combine money in two currencies, \(x.code) and \(y.code)",
            fix: "convert one amount into the other's currency first, with `convert(amount, rates)`")
    }

    /// Two amounts of two currencies, named, for the errors only run time can find.
    static func mixedCurrencies(_ a: Value, _ b: Value) -> ValueError {
        guard case .money(_, let x) = a, case .money(_, let y) = b else { return mixedCurrencies(.usd, .usd) }
        return ValueError(
            .mixedCurrencies, "cannot combine \(a) and \(b), money in two currencies (\(x.code) and \(y.code))",
            fix: "convert one amount into the other's currency first, with `convert(amount, rates)`")
    }

    /// Money next to a number or percent that is not zero: say which, and how to write what was meant.
    static func moneyWith(_ other: Value, _ currency: Currency, _ symbol: String) -> ValueError {
        if case .percent = other {
            return ValueError(
                .moneyWithNumber, "cannot use money and the percent \(other) with `\(symbol)`",
                fix: "to add \(other) of an amount, multiply: `amount * (1 \(symbol) \(other))`")
        }
        return moneyWithNumber(other.decimal ?? .zero, currency, symbol)
    }

    static func moneyWithNumber(_ number: DecimalNumber, _ currency: Currency, _ symbol: String) -> ValueError {
        let literal = Value.money(number, currency).literalDescription
        return ValueError(
            .moneyWithNumber, "cannot use money and a bare number \(number.plainDescription) with `\(symbol)`",
            fix: "write the number as money: `\(literal)`")
    }
}

extension Value {
    /// Orders two values of the same kind; money and numbers meet only at zero.
    func compare(to other: Value) throws(ValueError) -> Int {
        switch (self, other) {
        case (.number(let a), .number(let b)), (.number(let a), .percent(let b)),
            (.percent(let a), .number(let b)), (.percent(let a), .percent(let b)):
            return a.compare(b)
        case (.money(let a, let x), .money(let b, let y)):
            guard x == y else { throw Value.mixedCurrencies(self, other) }
            return a.compare(b)
        case (.money(let a, let currency), .number(let b)), (.money(let a, let currency), .percent(let b)):
            guard b.isZero else { throw Value.notComparable(self, other, currency: currency, number: b) }
            return a.compare(b)
        case (.number(let a), .money(let b, let currency)), (.percent(let a), .money(let b, let currency)):
            guard a.isZero else { throw Value.notComparable(self, other, currency: currency, number: a) }
            return a.compare(b)
        case (.text(let a), .text(let b)):
            return Value.compareScalars(a, b)
        case (.date(let a), .date(let b)):
            return a == b ? 0 : (a < b ? -1 : 1)
        case (.timestamp(let a), .timestamp(let b)):
            return a == b ? 0 : (a < b ? -1 : 1)
        case (.enumValue(let a), .enumValue(let b)) where a.type == b.type:
            // Values of an enumeration order as they are declared.
            return a.position == b.position ? 0 : (a.position < b.position ? -1 : 1)
        case (.bool(let a), .bool(let b)):
            return a == b ? 0 : (a ? 1 : -1)
        case (.symbol(let a), .symbol(let b)) where a.family == b.family && a.family == .tier:
            return a == b ? 0 : (a.rawValue < b.rawValue ? -1 : 1)
        case (.symbol(let a), .symbol(let b)) where a.family == b.family:
            throw ValueError(.notComparable, "\(a.family.rawValue) values have no order", fix: "compare them with == or !=")
        default:
            throw Value.notComparable(self, other)
        }
    }

    /// Equality by value: `1.0 == 1.00`, `$150 / $600 == 25%`; lists and records element by element.
    func isEqual(to other: Value) throws(ValueError) -> Bool {
        switch (self, other) {
        case (.symbol(let a), .symbol(let b)):
            guard a.family == b.family else { throw Value.notComparable(self, other) }
            return a == b
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !(try x.isEqual(to: y)) { return false }
            return true
        case (.record(let a), .record(let b)):
            // An optional field left missing is as good as absent: `{id: "a"}` equals a record
            // whose `reversed_on` is missing.
            let present = { (record: RecordValue) in zip(record.shape.fieldNames, record.values).filter { !$0.1.isMissing } }
            let left = present(a), right = present(b)
            guard left.count == right.count else { return false }
            for (name, value) in left {
                guard let otherValue = b[name], !otherValue.isMissing, try value.isEqual(to: otherValue) else { return false }
            }
            return true
        case (.tierTable(let a), .tierTable(let b)):
            return a === b
        case (.missing, .missing):
            return true
        case (.missing, _), (_, .missing):
            return false
        default:
            return try compare(to: other) == 0
        }
    }

    /// Text orders by Unicode scalar values, so the order never depends on locale or normalization.
    ///
    /// UTF-8 orders its bytes as the scalars they encode, so comparing the bytes is enough.
    static func compareScalars(_ a: String, _ b: String) -> Int {
        var left = a, right = b
        return left.withUTF8 { x in
            right.withUTF8 { y in
                let shared = Swift.min(x.count, y.count)
                for index in 0..<shared where x[index] != y[index] { return x[index] < y[index] ? -1 : 1 }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
    }

    static func notComparable(_ a: Value, _ b: Value, currency: Currency? = nil, number: DecimalNumber? = nil) -> ValueError {
        if let currency, let number {
            return ValueError(
                .notComparable, "cannot compare money with the bare number \(number.plainDescription)",
                fix: "write the number as money: `\(Value.money(number, currency).literalDescription)`")
        }
        return ValueError(.notComparable, "cannot compare \(describe(a, b))")
    }
}
