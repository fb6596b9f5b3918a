// DecimalColumn, many decimals stored compactly: a coefficient each and, usually, one shared exponent.

/// A column of decimals, read back exactly as they were appended.
///
/// Data columns and computed amounts nearly always share one exponent (cents: −2; counts: 0)
/// and have small coefficients, so most columns are an array of 16- or 32-bit coefficients and
/// one exponent: two or four bytes a value instead of the 24 a `DecimalNumber` takes. A column
/// starts at 16 bits and moves to 32 at its first value that does not fit (counts of likes and
/// comments, ratings, quantities stay at two bytes); values that do not fit 32 bits move the
/// column to 64-bit coefficients; a column whose values differ in exponent (yen
/// beside cents, `12` beside `12.50`) keeps a 32-bit coefficient and an 8-bit exponent each;
/// any other, or one that holds a negative zero, keeps whole decimals. Reading never changes a
/// value's representation: `12.5` and `12.50` stay distinct.
struct DecimalColumn: Sendable {
    enum Storage: Sendable {
        case int16(exponent: Int32, [Int16])
        case int32(exponent: Int32, [Int32])
        case int64(exponent: Int32, [Int64])
        /// A coefficient and an exponent for each value.
        case scaled([Int32], exponents: [Int8])
        case decimals([DecimalNumber])
    }

    private enum Width {
        case int16, int32, int64, scaled, decimals
    }

    // One array is in use, as `width` says; keeping them apart (rather than in the enum
    // `storage` presents) lets an append grow the array in place.
    private var narrow: [Int16] = []
    private var small: [Int32] = []
    private var wide: [Int64] = []
    private var whole: [DecimalNumber] = []
    /// Each value's exponent, when the width is `scaled` (the coefficients are in `small`).
    private var exponents: [Int8] = []
    private var width = Width.int16
    private var exponent: Int32 = 0
    /// Whether a value has fixed `exponent` (placeholders do not).
    private var settled = false
    private(set) var count = 0

    init() {}

    init(_ values: some Sequence<DecimalNumber>) {
        for value in values { append(value) }
    }

    private init(storage: Storage) {
        switch storage {
        case .int16(let exponent, let coefficients):
            (width, self.exponent, narrow, count, settled) = (.int16, exponent, coefficients, coefficients.count, true)
        case .int32(let exponent, let coefficients):
            (width, self.exponent, small, count, settled) = (.int32, exponent, coefficients, coefficients.count, true)
        case .int64(let exponent, let coefficients):
            (width, self.exponent, wide, count, settled) = (.int64, exponent, coefficients, coefficients.count, true)
        case .scaled(let coefficients, let exponents): (width, small, self.exponents, count) = (.scaled, coefficients, exponents, coefficients.count)
        case .decimals(let values): (width, whole, count) = (.decimals, values, values.count)
        }
    }

    /// The values as they are stored, for code that reads a column many times.
    var storage: Storage {
        switch width {
        case .int16: .int16(exponent: exponent, narrow)
        case .int32: .int32(exponent: exponent, small)
        case .int64: .int64(exponent: exponent, wide)
        case .scaled: .scaled(small, exponents: exponents)
        case .decimals: .decimals(whole)
        }
    }

    @inline(__always)
    subscript(index: Int) -> DecimalNumber {
        switch width {
        case .int16: DecimalNumber(signedCoefficient: Int64(narrow[index]), storedExponent: exponent)
        case .int32: DecimalNumber(signedCoefficient: Int64(small[index]), storedExponent: exponent)
        case .int64: DecimalNumber(signedCoefficient: wide[index], storedExponent: exponent)
        case .scaled: DecimalNumber(signedCoefficient: Int64(small[index]), storedExponent: Int32(exponents[index]))
        case .decimals: whole[index]
        }
    }

    mutating func reserveCapacity(_ capacity: Int) {
        switch width {
        case .int16: narrow.reserveCapacity(capacity)
        case .int32: small.reserveCapacity(capacity)
        case .int64: wide.reserveCapacity(capacity)
        case .scaled:
            small.reserveCapacity(capacity)
            exponents.reserveCapacity(capacity)
        case .decimals: whole.reserveCapacity(capacity)
        }
    }

    /// Empties the column, keeping its arrays' memory.
    mutating func removeAll() {
        narrow.removeAll(keepingCapacity: true)
        small.removeAll(keepingCapacity: true)
        wide.removeAll(keepingCapacity: true)
        whole.removeAll(keepingCapacity: true)
        exponents.removeAll(keepingCapacity: true)
        (width, exponent, settled, count) = (.int16, 0, false, 0)
    }

    /// Appends a value, widening the storage when it does not fit.
    @inline(__always)
    mutating func append(_ value: DecimalNumber) {
        if let signed = value.signedCoefficient, appendInPlace(signed, value.storedExponent) { return }
        appendWidening(value)
    }

    /// Appends a kernel's small amount.
    @inline(__always)
    mutating func append(_ value: SmallAmount) {
        if appendInPlace(value.coefficient, value.exponent) { return }
        appendWidening(value.decimal)
    }

    /// Appends a coefficient that fits the column's width at its exponent; false, appending
    /// nothing, when it does not.
    @inline(__always)
    private mutating func appendInPlace(_ coefficient: Int64, _ valueExponent: Int32) -> Bool {
        guard valueExponent == exponent || !settled else { return false }
        switch width {
        case .int16:
            guard let narrowed = Int16(exactly: coefficient) else { return false }
            narrow.append(narrowed)
        case .int32:
            guard let narrowed = Int32(exactly: coefficient) else { return false }
            small.append(narrowed)
        case .int64, .scaled, .decimals:
            return false
        }
        (exponent, settled) = (valueExponent, true)
        count += 1
        return true
    }

    /// Appends values given as coefficients at one exponent (none a negative zero): at once
    /// when they fit the column's 16- or 32-bit coefficients, else one by one.
    mutating func append(_ coefficients: UnsafeBufferPointer<Int64>, exponent: Int32) {
        if exponent == self.exponent || !settled {
            if width == .int16, !coefficients.allSatisfy({ $0 >= Int64(Int16.min) && $0 <= Int64(Int16.max) }) { widenNarrow() }
            switch width {
            case .int16:
                narrow.append(contentsOf: coefficients.lazy.map { Int16(truncatingIfNeeded: $0) })
                joined(exponent, coefficients.count)
                return
            case .int32 where coefficients.allSatisfy({ $0 >= Int64(Int32.min) && $0 <= Int64(Int32.max) }):
                small.append(contentsOf: coefficients.lazy.map { Int32(truncatingIfNeeded: $0) })
                joined(exponent, coefficients.count)
                return
            default:
                break
            }
        }
        for coefficient in coefficients { append(DecimalNumber(signedCoefficient: coefficient, storedExponent: exponent)) }
    }

    /// Counts `added` values appended in place at `exponent`, which then is the column's.
    private mutating func joined(_ shared: Int32, _ added: Int) {
        if added > 0 { (exponent, settled) = (shared, true) }
        count += added
    }

    /// Appends another column's values.
    mutating func append(contentsOf other: DecimalColumn) {
        // Columns of one width and one exponent (or none yet) join array to array.
        if width == other.width, width == .int16 || width == .int32, exponent == other.exponent || !settled || !other.settled {
            if width == .int16 { narrow.append(contentsOf: other.narrow) } else { small.append(contentsOf: other.small) }
            if !settled { exponent = other.exponent }
            settled = settled || other.settled
            count += other.count
            return
        }
        // Otherwise 16-bit coefficients join as 32-bit ones.
        if width == .int16 {
            widenNarrow()
            append(contentsOf: other)
            return
        }
        if other.width == .int16 {
            var widened = other
            widened.widenNarrow()
            append(contentsOf: widened)
            return
        }
        // Columns of 32-bit coefficients join as one with an exponent each.
        if width == .int32 || width == .scaled, other.width == .int32 || other.width == .scaled,
            exponentsIfScaled() != nil, let theirs = other.exponentsIfScaled()
        {
            if width == .int32, let mine = exponentsIfScaled() { (exponents, width) = (mine, .scaled) }
            small.append(contentsOf: other.small)
            exponents.append(contentsOf: theirs)
            count += other.count
            return
        }
        for index in 0..<other.count { append(other[index]) }
    }

    /// Each value's exponent, for a column of 32-bit coefficients whose exponents fit in 8 bits.
    private func exponentsIfScaled() -> [Int8]? {
        if width == .scaled { return exponents }
        guard width == .int32, let shared = Int8(exactly: exponent) else { return nil }
        return Array(repeating: shared, count: count)
    }

    /// Appends a slot that is never read (a line a statement does not have): a zero at
    /// whatever exponent the column has, so that it never widens the column.
    mutating func appendPlaceholder() {
        switch width {
        case .int16: narrow.append(0)
        case .int32: small.append(0)
        case .int64: wide.append(0)
        case .scaled:
            small.append(0)
            exponents.append(0)
        case .decimals: whole.append(DecimalNumber(isNegative: false, smallCoefficient: 0, storedExponent: exponent))
        }
        count += 1
    }

    /// Moves 16-bit coefficients to 32 bits, keeping the room reserved for them.
    private mutating func widenNarrow() {
        guard width == .int16 else { return }
        small.reserveCapacity(Swift.max(narrow.capacity, count + 1))
        small.append(contentsOf: narrow.lazy.map(Int32.init))
        narrow = []
        width = .int32
    }

    @inline(never)
    private mutating func appendWidening(_ value: DecimalNumber) {
        // Past 16 bits: the value goes in as it would to a column of 32-bit coefficients.
        if width == .int16 {
            widenNarrow()
            append(value)
            return
        }
        // A 32-bit coefficient at another exponent: each value keeps its own.
        if width == .int32 || width == .scaled, let signed = value.signedCoefficient, let coefficient = Int32(exactly: signed),
            let own = Int8(exactly: value.storedExponent), let earlier = exponentsIfScaled()
        {
            (exponents, width) = (earlier, .scaled)
            small.append(coefficient)
            exponents.append(own)
            count += 1
            return
        }
        if width == .scaled {
            whole = (0..<count).map { self[$0] }
            (small, exponents, width) = ([], [], .decimals)
        } else if width == .int32 {
            let sameExponent = value.storedExponent == exponent || !settled
            if sameExponent, let signed = value.signedCoefficient {
                wide = small.map(Int64.init)
                small = []
                width = .int64
                exponent = value.storedExponent
                settled = true
                wide.append(signed)
                count += 1
                return
            }
            whole = (0..<count).map { self[$0] }
            small = []
            width = .decimals
        } else if width == .int64 {
            if value.storedExponent == exponent, let signed = value.signedCoefficient {
                wide.append(signed)
                count += 1
                return
            }
            whole = (0..<count).map { self[$0] }
            wide = []
            width = .decimals
        }
        whole.append(value)
        count += 1
    }

    /// The sum of the values, added in order in the language's context, when no addition
    /// rounds: the coefficients share an exponent well inside the range and their magnitudes
    /// add up to fewer than 28 digits, so each partial sum is exact and the total is simply
    /// the sum of the coefficients. Nil otherwise (and for decimals stored whole), when the
    /// values must be added one by one.
    func exactSum() -> DecimalNumber? {
        var sum = CoefficientSum()
        guard count > 0, sum.add(self) else { return nil }
        return sum.decimal
    }

    /// Whether every sum of at most 28 digits at this exponent is a normal number below overflow.
    static func sumsInRange(_ exponent: Int32) -> Bool {
        let context = DecimalNumber.Context.language
        return Int(exponent) >= context.minExponent && Int(exponent) <= context.maxExponent - context.precision
    }

    /// The values at `rows`, in that order.
    func gathering(_ rows: [Int32]) -> DecimalColumn {
        switch storage {
        case .int16(let exponent, let coefficients):
            DecimalColumn(storage: .int16(exponent: exponent, rows.map { coefficients[Int($0)] }))
        case .int32(let exponent, let coefficients):
            DecimalColumn(storage: .int32(exponent: exponent, rows.map { coefficients[Int($0)] }))
        case .int64(let exponent, let coefficients):
            DecimalColumn(storage: .int64(exponent: exponent, rows.map { coefficients[Int($0)] }))
        case .scaled(let coefficients, let exponents):
            DecimalColumn(storage: .scaled(rows.map { coefficients[Int($0)] }, exponents: rows.map { exponents[Int($0)] }))
        case .decimals(let values):
            DecimalColumn(storage: .decimals(rows.map { values[Int($0)] }))
        }
    }
}

extension DecimalNumber {
    /// The value from a signed coefficient; negative zero cannot be written this way, which is
    /// why a column holding one keeps whole decimals.
    @inline(__always)
    init(signedCoefficient: Int64, storedExponent: Int32) {
        self.init(isNegative: signedCoefficient < 0, coefficient: UInt128(signedCoefficient.magnitude), storedExponent: storedExponent)
    }

    /// The coefficient with the sign applied, when it fits in an Int64; nil for larger values
    /// and for negative zero, which an Int64 cannot tell from zero.
    @inline(__always)
    var signedCoefficient: Int64? {
        guard let small = coefficient.uint64Value, small <= UInt64(Int64.max) else { return nil }
        if isNegative {
            return small == 0 ? nil : -Int64(small)
        }
        return Int64(small)
    }
}
