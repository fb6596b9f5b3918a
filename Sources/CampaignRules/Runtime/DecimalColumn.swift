// DecimalColumn, many decimals stored compactly: a coefficient each and, usually, one shared exponent.

/// A column of decimals, read back exactly as they were appended.
///
/// Data columns and computed amounts nearly always share one exponent (cents: −2; counts: 0)
/// and have small coefficients, so most columns are an array of 32-bit coefficients and one
/// exponent: four bytes a value instead of the 24 a `DecimalNumber` takes. Values that do not
/// fit move the column to 64-bit coefficients, and a column whose values differ in exponent,
/// or that holds a negative zero, keeps whole decimals. Reading never changes a value's
/// representation: `12.5` and `12.50` stay distinct.
struct DecimalColumn: Sendable {
    enum Storage: Sendable {
        case int32(exponent: Int32, [Int32])
        case int64(exponent: Int32, [Int64])
        case decimals([DecimalNumber])
    }

    private(set) var storage: Storage

    init() {
        storage = .int32(exponent: 0, [])
    }

    init(_ values: some Sequence<DecimalNumber>) {
        self.init()
        for value in values { append(value) }
    }

    var count: Int {
        switch storage {
        case .int32(_, let coefficients): coefficients.count
        case .int64(_, let coefficients): coefficients.count
        case .decimals(let values): values.count
        }
    }

    @inline(__always)
    subscript(index: Int) -> DecimalNumber {
        switch storage {
        case .int32(let exponent, let coefficients):
            DecimalNumber(signedCoefficient: Int64(coefficients[index]), storedExponent: exponent)
        case .int64(let exponent, let coefficients):
            DecimalNumber(signedCoefficient: coefficients[index], storedExponent: exponent)
        case .decimals(let values):
            values[index]
        }
    }

    mutating func reserveCapacity(_ capacity: Int) {
        switch storage {
        case .int32(let exponent, var coefficients):
            storage = .decimals([])
            coefficients.reserveCapacity(capacity)
            storage = .int32(exponent: exponent, coefficients)
        case .int64(let exponent, var coefficients):
            storage = .decimals([])
            coefficients.reserveCapacity(capacity)
            storage = .int64(exponent: exponent, coefficients)
        case .decimals(var values):
            storage = .decimals([])
            values.reserveCapacity(capacity)
            storage = .decimals(values)
        }
    }

    /// Appends a value, widening the storage when it does not fit.
    mutating func append(_ value: DecimalNumber) {
        switch storage {
        case .int32(let exponent, var coefficients):
            // The first value sets the shared exponent.
            let shared = coefficients.isEmpty ? value.storedExponent : exponent
            if value.storedExponent == shared, let signed = value.signedCoefficient, let small = Int32(exactly: signed) {
                // Moving the array out of the enum keeps it uniquely referenced, so appending does not copy it.
                storage = .decimals([])
                coefficients.append(small)
                storage = .int32(exponent: shared, coefficients)
                return
            }
            widen(for: value)
        case .int64(let exponent, var coefficients):
            if value.storedExponent == exponent, let signed = value.signedCoefficient {
                storage = .decimals([])
                coefficients.append(signed)
                storage = .int64(exponent: exponent, coefficients)
                return
            }
            widen(for: value)
        case .decimals(var values):
            storage = .decimals([])
            values.append(value)
            storage = .decimals(values)
        }
    }

    /// Moves to the narrowest storage that holds the current values and `value`, then appends it.
    private mutating func widen(for value: DecimalNumber) {
        let values = (0..<count).map { self[$0] }
        if case .int32(let exponent, _) = storage, value.storedExponent == exponent, let signed = value.signedCoefficient {
            storage = .int64(exponent: exponent, values.map { $0.signedCoefficient ?? 0 } + [signed])
        } else {
            storage = .decimals(values + [value])
        }
    }

    /// The values at `rows`, in that order.
    func gathering(_ rows: [Int32]) -> DecimalColumn {
        switch storage {
        case .int32(let exponent, let coefficients):
            DecimalColumn(storage: .int32(exponent: exponent, rows.map { coefficients[Int($0)] }))
        case .int64(let exponent, let coefficients):
            DecimalColumn(storage: .int64(exponent: exponent, rows.map { coefficients[Int($0)] }))
        case .decimals(let values):
            DecimalColumn(storage: .decimals(rows.map { values[Int($0)] }))
        }
    }

    private init(storage: Storage) {
        self.storage = storage
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
