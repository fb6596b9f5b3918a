// Numbers, percents and money passed between nodes without the Value enum around them.

/// A number, percent or amount as plain data.
///
/// Arithmetic and comparison nodes ask their operands for a `Quantity` first: it is a
/// trivially copyable struct, so handing one from node to node costs no reference counting and
/// no outlined enum copy, which is what a `Value` costs. Values of other kinds still travel as
/// `Value`, through the same call, so nothing is evaluated twice.
struct Quantity {
    enum Unit: Equatable {
        case number, percent
        case money(Currency)
    }

    var amount: DecimalNumber
    var unit: Unit

    init(_ amount: DecimalNumber, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Nil for a value that is not a number, percent or money.
    @inline(__always)
    init?(_ value: Value) {
        switch value {
        case .number(let amount): self.init(amount, .number)
        case .percent(let amount): self.init(amount, .percent)
        case .money(let amount, let currency): self.init(amount, .money(currency))
        default: return nil
        }
    }

    var value: Value {
        switch unit {
        case .number: .number(amount)
        case .percent: .percent(amount)
        case .money(let currency): .money(amount, currency)
        }
    }

    /// The order of two quantities that always compare (numbers with percents, amounts in one
    /// currency); nil for pairs the full rules must judge.
    @inline(__always)
    static func order(_ a: Quantity, _ b: Quantity) -> Int? {
        switch (a.unit, b.unit) {
        case (.money(let x), .money(let y)): x == y ? a.amount.compare(b.amount) : nil
        case (.money, _), (_, .money): nil
        default: a.amount.compare(b.amount)
        }
    }

    /// `a op b` for the common money and number cases when the decimal shortcuts apply, with
    /// no unit checks left to make; nil sends everything else through the full rules.
    @inline(__always)
    static func exact(_ op: ArithmeticOperator, _ a: Quantity, _ b: Quantity) -> Quantity? {
        let context = DecimalNumber.Context.language
        switch (op, a.unit, b.unit) {
        case (.multiply, .money(let currency), .percent), (.multiply, .money(let currency), .number):
            return DecimalFastPath.product(a.amount, b.amount, context: context).map { Quantity($0, .money(currency)) }
        case (.multiply, .percent, .money(let currency)), (.multiply, .number, .money(let currency)):
            return DecimalFastPath.product(a.amount, b.amount, context: context).map { Quantity($0, .money(currency)) }
        case (.add, .money(let currency), .money(let other)) where currency == other:
            return DecimalFastPath.sum(a.amount, b.amount, context: context).map { Quantity($0, .money(currency)) }
        case (.subtract, .money(let currency), .money(let other)) where currency == other:
            return DecimalFastPath.sum(a.amount, b.amount.negated(), context: context).map { Quantity($0, .money(currency)) }
        case (.add, .number, .number):
            return DecimalFastPath.sum(a.amount, b.amount, context: context).map { Quantity($0, .number) }
        case (.subtract, .number, .number):
            return DecimalFastPath.sum(a.amount, b.amount.negated(), context: context).map { Quantity($0, .number) }
        case (.multiply, .number, .number):
            return DecimalFastPath.product(a.amount, b.amount, context: context).map { Quantity($0, .number) }
        case (.divide, .number, .number):
            return DecimalFastPath.quotient(a.amount, b.amount, context: context).map { Quantity($0.value, .number) }
        case (.divide, .money(let currency), .number), (.divide, .money(let currency), .percent):
            return DecimalFastPath.quotient(a.amount, b.amount, context: context).map { Quantity($0.value, .money(currency)) }
        case (.divide, .money(let currency), .money(let other)) where currency == other:
            return DecimalFastPath.quotient(a.amount, b.amount, context: context).map { Quantity($0.value, .number) }
        default:
            return nil
        }
    }
}

extension Node {
    /// A computed value as a quantity, or left in `machine.spilled` when it is not one.
    @inline(__always)
    final func spillingQuantity(of value: Value, _ machine: Machine) -> Quantity? {
        if let quantity = Quantity(value) { return quantity }
        machine.spilled = value
        return nil
    }
}

extension Machine {
    /// The value a `quantity` call left behind because it was not a number, percent or money.
    @inline(__always)
    func takeSpilled() -> Value {
        let value = spilled
        spilled = .bool(false)
        return value
    }
}
