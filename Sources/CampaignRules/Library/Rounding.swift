// round and abs: explicit rounding with a mode, money to its minor unit, percents in points.

enum Rounding {
    /// round(x), round(x, places), round(x, places, mode). The default mode is half_up, as in
    /// spreadsheets; money rounds to its currency's minor unit unless places are given; a
    /// percent's places count percentage points (`round(12.345%, 1) == 12.3%`).
    static func round(_ arguments: [Value]) throws(ValueError) -> Value {
        try round(arguments[0], places: arguments.count > 1 ? arguments[1] : nil, mode: arguments.count > 2 ? arguments[2] : nil)
    }

    static func round(_ value: Value, places placesArgument: Value?, mode modeArgument: Value?) throws(ValueError) -> Value {
        var places: Int
        switch value {
        case .money(_, let currency): places = currency.minorDigits
        default: places = 0
        }
        if let placesArgument { places = try wholeNumber(placesArgument, "round's places") }
        var mode = DecimalNumber.RoundingMode.halfUp
        if let modeArgument {
            guard case .symbol(let symbol) = modeArgument, let named = symbol.roundingMode else {
                throw ValueError(
                    .invalidArgument, "round's mode must be a rounding mode, found \(modeArgument)",
                    fix: "use one of half_up, half_even, half_down, up, down, floor, ceiling")
            }
            mode = named
        }
        return try rounded(value, places: places, mode: mode)
    }

    static func rounded(_ value: Value, places: Int, mode: DecimalNumber.RoundingMode) throws(ValueError) -> Value {
        func apply(_ amount: DecimalNumber, _ places: Int) throws(ValueError) -> DecimalNumber {
            try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try amount.rounded(places: places, rounding: mode) }
        }
        switch value {
        case .number(let amount): return .number(try apply(amount, places))
        case .percent(let amount): return .percent(try apply(amount, places + 2))
        case .money(let amount, let currency): return .money(try apply(amount, places), currency)
        default: throw ValueError(.invalidArgument, "round needs a number, percent or money, found \(value.kindName)")
        }
    }

    static func absolute(_ value: Value) throws(ValueError) -> Value {
        switch value {
        case .number(let amount): .number(amount.magnitude(context: languageContext))
        case .percent(let amount): .percent(amount.magnitude(context: languageContext))
        case .money(let amount, let currency): .money(amount.magnitude(context: languageContext), currency)
        default: throw ValueError(.invalidArgument, "abs needs a number, percent or money, found \(value.kindName)")
        }
    }

    /// A whole number argument such as a count or a number of places.
    static func wholeNumber(_ value: Value, _ what: String) throws(ValueError) -> Int {
        guard case .number(let number) = value, let whole = number.integerValue, abs(whole) <= 1_000_000_000 else {
            throw ValueError(.invalidArgument, "\(what) must be a whole number, found \(value)")
        }
        return whole
    }
}
