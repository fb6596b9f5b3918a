// Kernel code for `convert`: a Money(field) column times the rate of each row's currency.

/// The rates of one list `convert` reads, by currency, checked as `convert` checks them; made
/// when a kernel's frame starts, from the list's computed value.
struct RateTable {
    let rates: [DecimalNumber?]
    let smallRates: [SmallAmount?]
    /// The steps a call counts, as a built-in does for each item of a list it is given.
    let steps: Int

    init(_ list: Value, campaign: Currency) {
        var rates = [DecimalNumber?](repeating: nil, count: Currency.table.count)
        for (position, _) in Currency.table.enumerated() {
            let currency = Currency(index: UInt8(position))
            // A currency with no rate (or a list `convert` rejects) has none here: its rows go
            // to the general evaluator, which reports the error.
            rates[position] = Conversion.checkedRate(of: currency, in: list, campaign: campaign)
        }
        self.rates = rates
        smallRates = rates.map { $0.flatMap(SmallAmount.init) }
        if case .list(let items) = list { steps = items.count } else { steps = 0 }
    }
}

/// `convert(it.amount, rates)` for a Money(field) column: the amount itself in the campaign's
/// currency, else the exact product with its currency's rate.
final class ConvertedAmount: AmountCode {
    let amounts: DecimalColumn
    let currencies: [Currency]
    let campaign: Currency
    /// Which of the frame's rate tables holds the list's rates.
    let table: Int

    init(amounts: DecimalColumn, currencies: [Currency], campaign: Currency, table: Int) {
        self.amounts = amounts
        self.currencies = currencies
        self.campaign = campaign
        self.table = table
    }

    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        try frame.step(frame.rateTables[table].steps)
        let value = amounts[frame.row], currency = currencies[frame.row]
        if currency == campaign { return value }
        guard let rate = frame.rateTables[table].rates[Int(currency.index)] else { throw Deopt() }
        if let product = DecimalFastPath.product(value, rate, context: .language) { return product }
        return try DecimalNumber.kernel { () throws(DecimalNumber.ArithmeticError) in try value.multiplied(by: rate, context: .language) }
    }

    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        try frame.step(frame.rateTables[table].steps)
        guard let value = SmallAmount(amounts[frame.row]) else { throw Deopt() }
        let currency = currencies[frame.row]
        if currency == campaign { return value }
        guard let rate = frame.rateTables[table].smallRates[Int(currency.index)] else { throw Deopt() }
        return try value * rate
    }
}

extension RowKernelCompiler {
    /// `convert(FIELD, RATES)` where the field is a Money(field) column and the rates a global.
    mutating func convert(_ arguments: [BoundExpression]) -> Compiled? {
        guard arguments.count == 2, let name = columnName(of: arguments[0]), let index = table.shape.index(of: name),
            case .moneys(let amounts, let currencies) = table.columns[index], case .global(let rates) = arguments[1].kind
        else { return nil }
        switch program.globals[rates].kind {
        case .input, .value: break
        default: return nil
        }
        // One table per list, however many calls read it.
        let slot: Int
        if let known = globals.first(where: { $0.index == rates && $0.rates != nil })?.rates {
            slot = known
        } else {
            slot = globals.filter { $0.rates != nil }.count
            globals.append(.init(index: rates, register: nil, unit: nil, rates: slot))
        }
        let campaign = program.settings.currency
        return .amount(.code(ConvertedAmount(amounts: amounts, currencies: currencies, campaign: campaign, table: slot)), .money(campaign))
    }
}
