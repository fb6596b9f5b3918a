// What a plan's `cap` and `minimum` may be: amounts a statement can pay, in whole minor units.

/// The rules for a plan's cap and minimum, checked by the resolver where the amount is a
/// constant and by the evaluator where it is computed.
///
/// A statement pays whole minor units (cents, yen), so a cap of `$541.005` cannot be paid as
/// written: left alone it made a statement total `$541.005`. And a cap or minimum below zero
/// has no meaning a contract could intend.
enum PayoutLimits {
    /// Nil when `amount` may be a plan's cap (or minimum, as `what` says) in `currency`;
    /// otherwise the error, with a fix.
    static func problem(_ amount: DecimalNumber, currency: Currency, what: String) -> ValueError? {
        // The text is made only for an error: a plan checks its cap once per statement.
        var shown: String { Value.money(amount, currency).description }
        if amount.isNegative, !amount.isZero {
            return ValueError(
                .invalidArgument, "the \(what) is \(shown), below zero",
                fix: "a plan's \(what) is an amount a statement pays: write zero or more")
        }
        let places = currency.minorDigits
        guard let down = try? amount.rounded(places: places, rounding: .down), down.compare(amount) != 0,
            let up = try? amount.rounded(places: places, rounding: .up)
        else { return nil }
        let unit = Value.money(DecimalNumber(isNegative: false, coefficient: 1, exponent: -places), currency).description
        return ValueError(
            .invalidArgument, "the \(what) \(shown) is finer than \(unit), the smallest amount a statement pays",
            fix: "write `\(Value.money(up, currency).literalDescription)` or `\(Value.money(down, currency).literalDescription)`")
    }
}
