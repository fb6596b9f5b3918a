// Row kernels: a query's or plan's per-row expression compiled for the rows of one table.

/// A per-row expression (a `select` projection, a `where` predicate, a plan line) compiled
/// for the rows of one `RecordTable`.
///
/// The general evaluator handles every value of every kind; a kernel handles only amounts
/// (numbers, percents, money) and truths, with each unit known when it is compiled, fields
/// read straight from the table's columns, and calls to the file's functions inlined. That
/// makes it an order of magnitude faster, and it never decides anything the general
/// evaluator would decide differently: whenever a kernel meets a case it does not handle
/// exactly as the general evaluator does (an error, an overflow, a value of another kind),
/// it gives up on that row (`Deopt`) and the row is evaluated again by the general evaluator,
/// which then produces the result, or the error with its location and call chain.
final class RowKernel: @unchecked Sendable {
    enum Result {
        case amount(AmountCode, Quantity.Unit)
        case truth(TruthCode)
    }

    /// A global the kernel reads: it runs only once the global has been computed, and reads
    /// the value into a register (or just relies on it being ready, for a tier table).
    struct GlobalUse {
        let index: Int
        let register: Int?
        let unit: Quantity.Unit?
        /// For a rates list `convert` reads: the frame's rate table it fills (see `RateTable`).
        var rates: Int? = nil
    }

    /// What the kernel computes: one result for a query clause, several for a plan.
    let parts: [Result]
    var result: Result { parts[0] }
    let amountRegisters: Int
    let truthRegisters: Int
    let globals: [GlobalUse]
    /// How deeply the kernel's inlined calls nest, which the call depth limit must allow.
    let callDepth: Int
    /// The steps every row takes besides its own operations: those of the calls it always makes.
    let stepsPerRow: Int

    init(parts: [Result], amountRegisters: Int, truthRegisters: Int, globals: [GlobalUse], callDepth: Int, stepsPerRow: Int) {
        self.stepsPerRow = stepsPerRow
        self.parts = parts
        self.amountRegisters = amountRegisters
        self.truthRegisters = truthRegisters
        self.globals = globals
        self.callDepth = callDepth
    }

    /// A frame to run the kernel in, or nil while a global it reads is not computed yet (the
    /// general evaluator computes it when a row needs it) or the call depth would not allow
    /// the kernel's calls.
    func frame(_ machine: Machine) -> RowFrame? {
        guard machine.depth + callDepth <= machine.limits.maximumCallDepth else { return nil }
        let frame = RowFrame(machine: machine, amountRegisters: amountRegisters, truthRegisters: truthRegisters, stepsPerRow: stepsPerRow)
        for use in globals {
            guard case .ready(let value) = machine.globals[use.index] else { return nil }
            if use.rates != nil {
                frame.rateTables.append(RateTable(value, campaign: machine.program.settings.currency))
                continue
            }
            guard let register = use.register else { continue }
            guard let quantity = Quantity(value), quantity.unit == use.unit else { return nil }
            frame.amounts[register] = quantity.amount
            if let small = SmallAmount(quantity.amount) { frame.smalls[register] = small } else { frame.smallGlobals = false }
        }
        return frame
    }
}

/// Why a kernel gave up on a row: the general evaluator must decide it.
struct Deopt: Error {}

/// The state of one kernel run: the row being evaluated and the registers its `let`s and
/// inlined arguments are kept in. Used by one thread at a time.
final class RowFrame {
    unowned(unsafe) let machine: Machine
    /// The table row being evaluated. (Its properties are read and written for every row of a
    /// kernel's loop, by the one thread the frame belongs to: unchecked for exclusivity, which
    /// otherwise costs a runtime call at each access.)
    @exclusivity(unchecked) var row = 0
    let stepsPerRow: Int
    let amounts: UnsafeMutablePointer<DecimalNumber>
    let smalls: UnsafeMutablePointer<SmallAmount>
    let truths: UnsafeMutablePointer<Bool>
    /// False when a global the kernel reads has no small form, so rows start with decimals.
    @exclusivity(unchecked) var smallGlobals = true
    /// The rates of each list the kernel's `convert`s read.
    @exclusivity(unchecked) var rateTables: [RateTable] = []

    init(machine: Machine, amountRegisters: Int, truthRegisters: Int, stepsPerRow: Int) {
        self.machine = machine
        self.stepsPerRow = stepsPerRow
        let amountCount = max(1, amountRegisters), truthCount = max(1, truthRegisters)
        amounts = .allocate(capacity: amountCount)
        amounts.initialize(repeating: .zero, count: amountCount)
        smalls = .allocate(capacity: amountCount)
        smalls.initialize(repeating: SmallAmount(coefficient: 0, exponent: 0), count: amountCount)
        truths = .allocate(capacity: truthCount)
        truths.initialize(repeating: false, count: truthCount)
    }

    deinit {
        amounts.deallocate()
        smalls.deallocate()
        truths.deallocate()
    }

    /// The row computed with small amounts, or nil when that gave up, with the steps it
    /// counted taken back so that the decimal path can count them again.
    @inline(__always)
    func small<T>(_ body: () throws(Deopt) -> T) -> T? {
        guard smallGlobals else { return nil }
        let steps = machine.steps
        do throws(Deopt) {
            return try body()
        } catch {
            machine.steps = steps
            return nil
        }
    }

    /// Counts a call's steps as the general evaluator does; past a checkpoint the row goes
    /// back to the general evaluator, which looks at the limits and reports one passed.
    @inline(__always)
    func step(_ units: Int) throws(Deopt) {
        machine.steps &+= units
        if machine.steps > machine.stepCheckpoint { throw Deopt() }
    }
}

/// Kernel code that computes an amount; its unit is known to the compiler, not stored.
///
/// Every code computes in two ways: `small` with `SmallAmount`s, which handles nearly every
/// row, and `amount` with `DecimalNumber`s, for a row where `small` gave up; a row both give
/// up on goes to the general evaluator. Codes are immutable once compiled, so threads share them.
class AmountCode {
    func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber { throw Deopt() }
    func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount { throw Deopt() }
}

/// Kernel code that computes true or false, in the same two ways.
class TruthCode {
    func truth(_ frame: RowFrame) throws(Deopt) -> Bool { throw Deopt() }
    func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool { throw Deopt() }

    /// The row's truth with small amounts, or with decimals where that gave up.
    @inline(__always)
    final func decide(_ frame: RowFrame) throws(Deopt) -> Bool {
        if let small = frame.small({ () throws(Deopt) in try smallTruth(frame) }) { return small }
        return try truth(frame)
    }
}

extension DecimalNumber {
    /// A decimal operation in the language's context, or a deopt where it would raise an error.
    @inline(__always)
    static func kernel(_ operation: () throws(ArithmeticError) -> DecimalNumber) throws(Deopt) -> DecimalNumber {
        do throws(ArithmeticError) {
            return try operation()
        } catch {
            throw Deopt()
        }
    }
}
