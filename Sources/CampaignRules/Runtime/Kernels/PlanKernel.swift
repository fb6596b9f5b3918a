// A payout plan's per-subject work as one row kernel: lines, cap and minimum, rounded and totalled.

/// What a plan computes for one subject, compiled for the rows of a table.
///
/// The statement follows `CompiledPlan.statement` step for step: each paid line's amount
/// (negated for a deduction) rounded to the currency's minor unit with zero never negative,
/// added to the total in order; then the cap's reduction when the total is above it, and the
/// minimum's carry-over when the total is positive but below it.
struct PlanKernel {
    /// One line's code. The references are unmanaged: the kernel's parts keep the code alive,
    /// and reading strong (or unowned) references out of an array counts references on every
    /// row, where a guaranteed reference costs nothing.
    struct Line {
        let condition: Unmanaged<TruthCode>
        let amount: Unmanaged<AmountCode>
        let hasCondition: Bool
        let isDeduction: Bool
    }

    let kernel: RowKernel
    let lines: [Line]
    /// The cap's and the minimum's code, or a placeholder never called when the plan has none.
    let cap: Unmanaged<AmountCode>
    let minimum: Unmanaged<AmountCode>
    let hasCap: Bool, hasMinimum: Bool
    /// Whether the cap and the minimum are computed, so each row must check that a statement
    /// can pay them; a constant one was checked before the file ran.
    let checksCap: Bool, checksMinimum: Bool
    let places: Int
    let rounding: DecimalNumber.RoundingMode
    /// Where a placeholder comes from: a code the kernel keeps, so unowned references stay valid.
    /// (Placeholders hold no state, so sharing them between threads is safe.)
    nonisolated(unsafe) private static let absent = AmountCode()
    nonisolated(unsafe) private static let always = TruthCode()

    /// The kernel's parts are each line's condition (when it has one) and amount, then the cap
    /// and the minimum, in that order.
    init?(_ kernel: RowKernel, plan: CompiledPlan, currency: Currency) {
        var parts = kernel.parts.makeIterator()
        func amountPart() -> AmountCode? {
            guard case .amount(let code, let unit)? = parts.next(), unit == .money(currency) else { return nil }
            return code
        }
        var lines: [Line] = []
        for line in plan.lines {
            var condition = PlanKernel.always
            if line.condition != nil {
                guard case .truth(let code)? = parts.next() else { return nil }
                condition = code
            }
            guard let amount = amountPart() else { return nil }
            lines.append(
                Line(
                    condition: .passUnretained(condition), amount: .passUnretained(amount), hasCondition: line.condition != nil,
                    isDeduction: line.kind == .deduct))
        }
        var cap = PlanKernel.absent, minimum = PlanKernel.absent
        if plan.cap != nil {
            guard let code = amountPart() else { return nil }
            cap = code
        }
        if plan.minimum != nil {
            guard let code = amountPart() else { return nil }
            minimum = code
        }
        (self.kernel, self.lines, self.cap, self.minimum) = (kernel, lines, .passUnretained(cap), .passUnretained(minimum))
        (hasCap, hasMinimum) = (plan.cap != nil, plan.minimum != nil)
        (checksCap, checksMinimum) = (!(plan.cap is ConstantNode), !(plan.minimum is ConstantNode))
        (places, rounding) = (currency.minorDigits, plan.settings.rounding)
    }

    /// One subject's statement, written into `row`.
    @inline(__always)
    func statement<N: KernelNumbers>(_: N.Type, _ frame: RowFrame, into row: PlanRow<N.Amount>) throws(Deopt) {
        var total = N.zero
        for index in lines.indices {
            let line = lines[index]
            if line.hasCondition, !(try guaranteed(line.condition) { (code) throws(Deopt) in try N.truth(code, frame) }) {
                row.paid[index] = false
                continue
            }
            let written = try guaranteed(line.amount) { (code) throws(Deopt) in try N.amount(code, frame) }
            let paid = try N.payment(line.isDeduction ? N.opposite(written) : written, places: places, mode: rounding)
            row.amounts[index] = paid
            row.paid[index] = true
            total = try N.sum(total, paid)
        }
        row.capped = false
        if hasCap {
            var limit = try guaranteed(cap) { (code) throws(Deopt) in try N.amount(code, frame) }
            if checksCap { limit = try payable(limit, N.self) }
            if N.order(total, limit) > 0 {
                let reduction = try N.difference(limit, total)
                row.cap = reduction
                row.capped = true
                total = try N.sum(total, reduction)
            }
        }
        row.belowMinimum = false
        if hasMinimum {
            var floor = try guaranteed(minimum) { (code) throws(Deopt) in try N.amount(code, frame) }
            if checksMinimum { floor = try payable(floor, N.self) }
            if N.sign(total) > 0, N.order(total, floor) < 0 {
                let carried = N.opposite(total)
                row.minimum = carried
                row.belowMinimum = true
                total = try N.sum(total, carried)
            }
        }
        row.total = total
    }

    /// A cap or minimum a statement can pay: zero or more, in whole minor units. Any other
    /// goes to the general evaluator, which reports it (see `PayoutLimits`).
    @inline(__always)
    private func payable<N: KernelNumbers>(_ limit: N.Amount, _: N.Type) throws(Deopt) -> N.Amount {
        guard N.sign(limit) >= 0, N.order(try N.payment(limit, places: places, mode: .down), limit) == 0 else { throw Deopt() }
        return limit
    }
}

/// `body` with the code an unmanaged reference points at, without counting a reference.
@inline(__always)
private func guaranteed<Code: AnyObject, Result>(_ code: Unmanaged<Code>, _ body: (Code) throws(Deopt) -> Result) throws(Deopt) -> Result {
    try code._withUnsafeGuaranteedRef { code in Swift.Result { () throws(Deopt) in try body(code) } }.get()
}

/// One statement's amounts while it is computed, kept apart until the whole row succeeds:
/// buffers allocated once per plan evaluation, so a row writes no array.
final class PlanRow<Amount> {
    let amounts: UnsafeMutablePointer<Amount>
    let paid: UnsafeMutablePointer<Bool>
    var cap: Amount, minimum: Amount, total: Amount
    var capped = false, belowMinimum = false
    private let lineCount: Int

    init(lineCount: Int, zero: Amount) {
        self.lineCount = lineCount
        amounts = .allocate(capacity: max(1, lineCount))
        amounts.initialize(repeating: zero, count: max(1, lineCount))
        paid = .allocate(capacity: max(1, lineCount))
        paid.initialize(repeating: false, count: max(1, lineCount))
        (cap, minimum, total) = (zero, zero, zero)
    }

    deinit {
        amounts.deinitialize(count: max(1, lineCount))
        amounts.deallocate()
        paid.deallocate()
    }

    /// Appends the statement to the columns, `append` putting one amount in the amounts column.
    @inline(__always)
    func write(to columns: inout StatementColumns, _ append: (inout DecimalColumn, Amount) -> Void) {
        @inline(__always)
        func slot(_ applies: Bool, _ amount: Amount) {
            if applies {
                append(&columns.amounts, amount)
                columns.paid.append(true)
            } else {
                columns.appendUnpaid()
            }
        }
        for index in 0..<lineCount { slot(paid[index], amounts[index]) }
        slot(capped, cap)
        slot(belowMinimum, minimum)
        append(&columns.totals, total)
    }
}
