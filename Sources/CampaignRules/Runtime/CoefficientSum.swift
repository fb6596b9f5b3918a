// CoefficientSum, exact sums of decimals that share an exponent, added as integers.

/// The exact sum of amounts that share one exponent: the sum of their coefficients while
/// their magnitudes add up to fewer than the context's digits, which is then what adding
/// them one by one in the context gives. Added a column at a time (`DecimalColumn.exactSum`)
/// or a block of values at a time (`SelectNode.exactSumOfProjection`).
struct CoefficientSum {
    /// Values summed at a time; small enough to stay in cache.
    static let blockRows = 4_096
    private var block = DecimalColumn()
    private var total: Int128 = 0
    private var magnitudes: UInt128 = 0
    private var exponent: Int32?
    /// False once values came that cannot be summed so: of another exponent, not stored as
    /// coefficients, or whose magnitudes reach the context's digits.
    private(set) var summable = true

    mutating func append(_ value: SmallAmount) {
        block.append(value)
        if block.count == CoefficientSum.blockRows { summable = finish() }
    }

    mutating func append(_ value: DecimalNumber) {
        block.append(value)
        if block.count == CoefficientSum.blockRows { summable = finish() }
    }

    /// Adds the values not yet added; false when they cannot be summed so.
    mutating func finish() -> Bool {
        defer { block.removeAll() }
        return summable && add(block)
    }

    /// Adds a column's values; false when they cannot be summed so.
    mutating func add(_ block: DecimalColumn) -> Bool {
        switch block.storage {
        case .int16(let shared, let coefficients): add(coefficients, shared)
        case .int32(let shared, let coefficients): add(coefficients, shared)
        case .int64(let shared, let coefficients): add(coefficients, shared)
        case .scaled, .decimals: false
        }
    }

    private mutating func add<Coefficient: FixedWidthInteger & SignedInteger>(_ coefficients: [Coefficient], _ shared: Int32) -> Bool {
        guard coefficients.isEmpty || join(shared) else { return false }
        for coefficient in coefficients {
            total &+= Int128(coefficient)
            magnitudes &+= UInt128(coefficient.magnitude)
        }
        return magnitudes < PowersOfTen.uint128[DecimalNumber.Context.language.precision]
    }

    /// Adds another part's sum.
    mutating func add(_ other: CoefficientSum) -> Bool {
        guard let theirs = other.exponent else { return true }
        guard join(theirs) else { return false }
        total &+= other.total
        magnitudes &+= other.magnitudes
        return magnitudes < PowersOfTen.uint128[DecimalNumber.Context.language.precision]
    }

    private mutating func join(_ shared: Int32) -> Bool {
        if exponent == nil { exponent = shared }
        return exponent == shared
    }

    /// The total; nil when nothing was added or the exponent is outside the range where
    /// every such sum is a normal number.
    var decimal: DecimalNumber? {
        guard let exponent, DecimalColumn.sumsInRange(exponent) else { return nil }
        return DecimalNumber(isNegative: total < 0, coefficient: UInt128(total.magnitude), storedExponent: exponent)
    }
}
