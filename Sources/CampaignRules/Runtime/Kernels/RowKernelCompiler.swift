// Compiles a checked per-row expression into a row kernel for one table, or declines.

/// Builds a `RowKernel` from the bound tree of a per-row expression, given the table whose
/// rows the expression's row variable (`it`, a plan's subject) will hold.
///
/// The compiler handles the expressions commission rules are made of: amounts and truths,
/// fields of the row, `let`s, the file's functions (inlined), arithmetic, comparisons, logic,
/// `if`, `round`, `min`/`max`, `abs` and tier table lookups. Anything else, and any
/// combination of units the general evaluator would not simply compute (money plus a bare
/// number, say), makes it decline: the loop then runs on the general evaluator as before.
/// Units are derived with the runtime's own operations on sample values, as the checker does,
/// so the kernel and the general evaluator agree on what every operator means.
struct RowKernelCompiler {
    /// What a local slot holds while compiling.
    private enum Local {
        /// The row itself: usable as the base of a field or passed to a function.
        case row
        case amount(register: Int, Quantity.Unit)
        case truth(register: Int)
        /// A `let` used once, where it is always evaluated, compiled at its use instead.
        case inline(BoundExpression)
    }

    /// A compiled expression and what it computes.
    private enum Compiled {
        case amount(AmountOperand, Quantity.Unit)
        case truth(TruthCode)
        case row
    }

    private let program: BoundProgram
    private let table: RecordTable
    private var scopes: [[Int: Local]]
    private var amountRegisters = 0
    private var truthRegisters = 0
    private var globals: [RowKernel.GlobalUse] = []
    private var callDepth = 0
    private var deepestCall = 0
    /// How many branches (`if`, the right of `and` and `or`) enclose the code being compiled.
    private var branchDepth = 0
    /// The steps of calls every row makes, counted once per row instead of at each call.
    private var stepsPerRow = 0
    /// Codes built so far; inlining copies function bodies, so a bound keeps a pathological
    /// file from building an enormous kernel.
    private var size = 0
    private static let maximumSize = 4_096
    private static let maximumCallDepth = 64

    private init(program: BoundProgram, table: RecordTable, rowSlot: Int) {
        self.program = program
        self.table = table
        self.scopes = [[rowSlot: .row]]
    }

    /// The kernel for `body` over rows of `table` bound to `rowSlot`, or nil when it uses
    /// anything a kernel does not handle.
    static func compile(_ body: BoundExpression, rowSlot: Int, table: RecordTable, program: BoundProgram) -> RowKernel? {
        compile([(body, inBranch: false)], rowSlot: rowSlot, table: table, program: program)
    }

    /// One kernel for several expressions over the same row, evaluated in order (a plan's
    /// conditions, amounts, cap and minimum); `inBranch` marks those only some rows evaluate.
    static func compile(_ bodies: [(BoundExpression, inBranch: Bool)], rowSlot: Int, table: RecordTable, program: BoundProgram)
        -> RowKernel? {
        var compiler = RowKernelCompiler(program: program, table: table, rowSlot: rowSlot)
        var parts: [RowKernel.Result] = []
        for (body, inBranch) in bodies {
            let compiled = inBranch ? compiler.branch({ $0.compile(body) }) : compiler.compile(body)
            switch compiled {
            case .amount(let operand, let unit)?: parts.append(.amount(operand.code, unit))
            case .truth(let code)?: parts.append(.truth(code))
            case .row?, nil: return nil
            }
        }
        return RowKernel(parts: parts, amountRegisters: compiler.amountRegisters, truthRegisters: compiler.truthRegisters,
                         globals: compiler.globals, callDepth: compiler.deepestCall, stepsPerRow: compiler.stepsPerRow)
    }

    private mutating func compile(_ expression: BoundExpression) -> Compiled? {
        size += 1
        guard size <= RowKernelCompiler.maximumSize else { return nil }
        switch expression.kind {
        case .constant(let value): return constant(value)
        case .local(let slot): return local(slot)
        case .global(let index): return global(index)
        case .field(let base, let name): return field(base, name)
        case .negate(let operand):
            guard case .amount(let value, let unit)? = compile(operand) else { return nil }
            return .amount(.code(NegatedAmount(value)), unit)
        case .arithmetic(let op, let left, let right): return arithmetic(op, left, right)
        case .comparison(let op, let left, let right): return comparison(op, left, right)
        case .and(let left, let right):
            guard let a = truth(left), let b = branch({ $0.truth(right) }) else { return nil }
            return .truth(AndTruth(a, b))
        case .or(let left, let right):
            guard let a = truth(left), let b = branch({ $0.truth(right) }) else { return nil }
            return .truth(OrTruth(a, b))
        case .not(let operand):
            guard let a = truth(operand) else { return nil }
            return .truth(NotTruth(a))
        case .ifElse(let test, let then, let otherwise): return conditional(test, then, otherwise)
        case .block(let bindings, let result): return block(bindings, result)
        case .call(let function, let arguments): return call(function, arguments)
        case .builtin(let builtin, let arguments): return self.builtin(builtin, arguments)
        case .tierLookup(let table, let argument): return tierLookup(table, argument)
        default: return nil
        }
    }

    private mutating func truth(_ expression: BoundExpression) -> TruthCode? {
        guard case .truth(let code)? = compile(expression) else { return nil }
        return code
    }

    private mutating func amount(_ expression: BoundExpression) -> (AmountOperand, Quantity.Unit)? {
        guard case .amount(let operand, let unit)? = compile(expression) else { return nil }
        return (operand, unit)
    }

    // MARK: - Leaves

    private func constant(_ value: Value) -> Compiled? {
        if case .bool(let flag) = value { return .truth(ConstantTruth(flag)) }
        guard let quantity = Quantity(value) else { return nil }
        return .amount(.constant(quantity.amount, SmallAmount(quantity.amount)), quantity.unit)
    }

    private mutating func local(_ slot: Int) -> Compiled? {
        // Only the innermost frame is visible: an inlined function sees its own parameters.
        switch scopes[scopes.count - 1][slot] {
        case .row?: .row
        case .amount(let register, let unit)?: .amount(.register(register), unit)
        case .truth(let register)?: .truth(RegisterTruth(register))
        case .inline(let value)?: compile(value)
        case nil: nil
        }
    }

    /// Compiles code that only some rows run: a call in it counts its own step.
    private mutating func branch<T>(_ body: (inout RowKernelCompiler) -> T?) -> T? {
        branchDepth += 1
        defer { branchDepth -= 1 }
        return body(&self)
    }

    /// A global input or value of a known amount type, read into a register when the kernel starts.
    private mutating func global(_ index: Int) -> Compiled? {
        let definition = program.globals[index]
        switch definition.kind {
        case .input, .value: break
        default: return nil
        }
        guard let unit = Quantity.Unit(definition.type) else { return nil }
        if let use = globals.first(where: { $0.index == index }), let register = use.register {
            return .amount(.register(register), unit)
        }
        let register = newAmountRegister()
        globals.append(.init(index: index, register: register, unit: unit))
        return .amount(.register(register), unit)
    }

    private mutating func field(_ base: BoundExpression, _ name: String) -> Compiled? {
        guard case .local(let slot) = base.kind, case .row? = local(slot), let index = table.shape.index(of: name) else { return nil }
        switch table.columns[index] {
        case .amounts(let column, let unit):
            if case .int32(let exponent, let coefficients) = column.storage, exponent.magnitude <= SmallAmount.exponentBound {
                return .amount(.column(coefficients, exponent: exponent), unit)
            }
            return .amount(.code(ColumnAmount(column)), unit)
        case .values(let values):
            guard values.allSatisfy({ if case .bool = $0 { true } else { false } }) else { return nil }
            return .truth(ColumnTruth(values))
        case .constant(let value):
            return constant(value)
        }
    }

    // MARK: - Operators

    private mutating func arithmetic(_ op: ArithmeticOperator, _ left: BoundExpression, _ right: BoundExpression) -> Compiled? {
        guard let (a, unitA) = amount(left), let (b, unitB) = amount(right),
              let unit = RowKernelCompiler.directUnit(op, unitA, unitB) else { return nil }
        return .amount(.code(ArithmeticAmount(op, a, b)), unit)
    }

    /// The unit of `a op b` when the general evaluator computes it as the plain decimal
    /// operation on the two amounts; nil for every other pair (errors, and money with a bare
    /// number, which only zero may be).
    static func directUnit(_ op: ArithmeticOperator, _ a: Quantity.Unit, _ b: Quantity.Unit) -> Quantity.Unit? {
        switch (op, a, b) {
        case (.add, .money, .number), (.add, .money, .percent), (.add, .number, .money), (.add, .percent, .money),
             (.subtract, .money, .number), (.subtract, .money, .percent), (.subtract, .number, .money), (.subtract, .percent, .money):
            return nil
        default:
            guard let result = try? TypeRules.apply(op, Quantity(.one, a).value, Quantity(.one, b).value) else { return nil }
            return Quantity(result)?.unit
        }
    }

    private mutating func comparison(_ op: ComparisonOperator, _ left: BoundExpression, _ right: BoundExpression) -> Compiled? {
        if let fused = quotientComparison(op, left, right) { return fused }
        switch (compile(left), compile(right)) {
        case (.amount(let a, let unitA)?, .amount(let b, let unitB)?):
            guard RowKernelCompiler.alwaysCompare(unitA, unitB) else { return nil }
            return .truth(AmountComparison(op, a, b))
        case (.truth(let a)?, .truth(let b)?) where op == .equal || op == .notEqual:
            return .truth(TruthEquality(equal: op == .equal, a, b))
        default:
            return nil
        }
    }

    /// `a / b op c` (or `c op a / b`) as one comparison that rarely needs the division.
    private mutating func quotientComparison(_ op: ComparisonOperator, _ left: BoundExpression, _ right: BoundExpression) -> Compiled? {
        let mirrored: Bool
        let quotient: BoundExpression, other: BoundExpression
        if case .arithmetic(.divide, _, _) = left.kind {
            (quotient, other, mirrored) = (left, right, false)
        } else if case .arithmetic(.divide, _, _) = right.kind {
            (quotient, other, mirrored) = (right, left, true)
        } else {
            return nil
        }
        guard case .arithmetic(.divide, let numerator, let denominator) = quotient.kind else { return nil }
        let sizeBefore = size, amountsBefore = amountRegisters, truthsBefore = truthRegisters, globalsBefore = globals
        guard let (a, unitA) = amount(numerator), let (b, unitB) = amount(denominator),
              let unit = RowKernelCompiler.directUnit(.divide, unitA, unitB),
              let (c, unitC) = amount(other), RowKernelCompiler.alwaysCompare(unit, unitC) else {
            // Compile the two sides the ordinary way instead.
            (size, amountRegisters, truthRegisters, globals) = (sizeBefore, amountsBefore, truthsBefore, globalsBefore)
            return nil
        }
        return .truth(QuotientComparison(mirrored ? op.mirrored : op, a, b, c))
    }

    /// Whether two units compare by their decimals alone, as `Quantity.order` does.
    static func alwaysCompare(_ a: Quantity.Unit, _ b: Quantity.Unit) -> Bool {
        switch (a, b) {
        case (.money(let x), .money(let y)): x == y
        case (.money, _), (_, .money): false
        default: true
        }
    }

    private mutating func conditional(_ test: BoundExpression, _ then: BoundExpression, _ otherwise: BoundExpression) -> Compiled? {
        guard let condition = truth(test) else { return nil }
        switch (branch({ $0.compile(then) }), branch({ $0.compile(otherwise) })) {
        case (.amount(let a, let unitA)?, .amount(let b, let unitB)?) where unitA == unitB:
            return .amount(.code(ConditionalAmount(condition, a, b)), unitA)
        case (.truth(let a)?, .truth(let b)?):
            return .truth(ConditionalTruth(condition, a, b))
        default:
            return nil
        }
    }

    private mutating func block(_ bindings: [(slot: Int, value: BoundExpression)], _ result: BoundExpression) -> Compiled? {
        var stores: [(Int, KernelValue)] = []
        for (position, binding) in bindings.enumerated() {
            if KernelUses.isInlinable(binding, after: bindings[(position + 1)...], result) {
                scopes[scopes.count - 1][binding.slot] = .inline(binding.value)
                continue
            }
            guard let value = compile(binding.value), let (local, store) = newLocal(for: value) else { return nil }
            scopes[scopes.count - 1][binding.slot] = local
            if let store { stores.append(store) }
        }
        guard let body = compile(result) else { return nil }
        return RowKernelCompiler.storing(stores, before: body)
    }

    /// `body` after each value is stored in its register, in order.
    private static func storing(_ stores: [(Int, KernelValue)], before body: Compiled) -> Compiled? {
        var result = body
        for (register, value) in stores.reversed() {
            switch result {
            case .amount(let operand, let unit): result = .amount(.code(LetAmount(register, value, in: operand)), unit)
            case .truth(let code): result = .truth(LetTruth(register, value, in: code))
            case .row: return nil
            }
        }
        return result
    }

    /// A register for a computed value, and what stores it there; the row needs none.
    private mutating func newLocal(for value: Compiled) -> (Local, (Int, KernelValue)?)? {
        switch value {
        case .row: return (.row, nil)
        case .amount(let operand, let unit):
            let register = newAmountRegister()
            return (.amount(register: register, unit), (register, .amount(operand.code)))
        case .truth(let code):
            let register = truthRegisters
            truthRegisters += 1
            return (.truth(register: register), (register, .truth(code)))
        }
    }

    private mutating func newAmountRegister() -> Int {
        amountRegisters += 1
        return amountRegisters - 1
    }

    // MARK: - Calls

    /// A call to one of the file's functions, inlined in a frame of its own.
    private mutating func call(_ index: Int, _ arguments: [BoundExpression]) -> Compiled? {
        let function = program.functions[index]
        guard let body = function.body, callDepth < RowKernelCompiler.maximumCallDepth else { return nil }
        var frame: [Int: Local] = [:]
        var stores: [(Int, KernelValue)] = []
        for (position, argument) in arguments.enumerated() {
            guard let value = compile(argument) else { return nil }
            // A declared parameter type is checked at each call; the kernel only passes
            // arguments whose kind the declaration accepts unchanged.
            if let declared = function.parameterTypes[position].type, !RowKernelCompiler.accepts(declared, value, table) { return nil }
            guard let (local, store) = newLocal(for: value) else { return nil }
            frame[position] = local
            if let store { stores.append(store) }
        }
        scopes.append(frame)
        callDepth += 1
        deepestCall = max(deepestCall, callDepth)
        defer {
            scopes.removeLast()
            callDepth -= 1
        }
        // The call's step comes first, then its arguments in order, then the body. A call
        // every row makes counts its step with the row's.
        let counted = branchDepth > 0
        if !counted { stepsPerRow += 1 }
        switch compile(body).flatMap({ RowKernelCompiler.storing(stores, before: $0) }) {
        case .amount(let operand, let unit)?: return .amount(counted ? .code(CallAmount(operand)) : operand, unit)
        case .truth(let code)?: return .truth(counted ? CallTruth(code) : code)
        default: return nil
        }
    }

    /// Whether a parameter declared `declared` takes the value as it is.
    private static func accepts(_ declared: DeclaredType, _ value: Compiled, _ table: RecordTable) -> Bool {
        switch (declared, value) {
        case (.any, _): true
        case (.number, .amount(_, let unit)), (.percent, .amount(_, let unit)): unit == .number || unit == .percent
        case (.money(let currency), .amount(_, let unit)): unit == .money(currency)
        case (.bool, .truth): true
        case (.record(let descriptor), .row): descriptor.shape === table.shape
        default: false
        }
    }

    // MARK: - Built-in functions

    private mutating func builtin(_ builtin: Builtin, _ arguments: [BoundExpression]) -> Compiled? {
        switch builtin {
        case .round: return round(arguments)
        case .min, .max:
            guard arguments.count == 2, let (a, unitA) = amount(arguments[0]), let (b, unitB) = amount(arguments[1]),
                  unitA == unitB else { return nil }
            return .amount(.code(ExtremeAmount(a, b, largest: builtin == .max)), unitA)
        case .abs:
            guard let (a, unit) = amount(arguments[0]) else { return nil }
            return .amount(.code(MagnitudeAmount(a)), unit)
        default:
            return nil
        }
    }

    /// `round(x)`, `round(x, places)` and `round(x, places, mode)` with constant places and mode.
    private mutating func round(_ arguments: [BoundExpression]) -> Compiled? {
        guard let (value, unit) = amount(arguments[0]) else { return nil }
        var places: Int
        if case .money(let currency) = unit { places = currency.minorDigits } else { places = 0 }
        if arguments.count > 1 {
            guard case .constant(let written) = arguments[1].kind, let whole = try? Rounding.wholeNumber(written, "") else { return nil }
            places = whole
        }
        var mode = DecimalNumber.RoundingMode.halfUp
        if arguments.count > 2 {
            guard case .constant(.symbol(let symbol)) = arguments[2].kind, let named = symbol.roundingMode else { return nil }
            mode = named
        }
        return .amount(.code(RoundedAmount(value, places: unit == .percent ? places + 2 : places, mode: mode)), unit)
    }

    /// A lookup in a tier table whose bounds and values are constants and whose brackets follow
    /// one another, as commission tables do.
    private mutating func tierLookup(_ index: Int, _ argument: BoundExpression) -> Compiled? {
        guard case .tierTable(let bound) = program.globals[index].kind, let (key, keyUnit) = amount(argument) else { return nil }
        var brackets: [TierTableValue.Bracket] = []
        for bracket in bound.brackets {
            func constant(_ expression: BoundExpression?) -> Value?? {
                guard let expression else { return .some(nil) }
                guard case .constant(let value) = expression.kind else { return nil }
                return .some(value)
            }
            guard let low = constant(bracket.low), let high = constant(bracket.high), case .constant(let value) = bracket.value.kind else {
                return nil
            }
            brackets.append(.init(low: low, high: high, value: value))
        }
        let tiers = TierTableValue(name: bound.name, brackets: brackets)
        guard let bounds = tiers.numericBounds, bounds.contiguous, bounds.unit == keyUnit else { return nil }
        let units = bounds.values.map { $0?.unit }
        guard let unit = units.first ?? nil, units.allSatisfy({ $0 == unit }) else { return nil }
        // The general evaluator computes the table when it is first used; the kernel waits for that.
        if !globals.contains(where: { $0.index == index }) { globals.append(.init(index: index, register: nil, unit: nil)) }
        let values = bounds.values.map { $0?.amount ?? .zero }
        return .amount(.code(TierAmount(key: key, lowest: bounds.lows[0], highs: bounds.highs, values: values)), unit)
    }
}

extension Quantity.Unit {
    /// The unit of a static type that is a number, percent or money.
    init?(_ type: StaticType) {
        switch type {
        case .number: self = .number
        case .percent: self = .percent
        case .money(let currency): self = .money(currency)
        default: return nil
        }
    }
}

extension ComparisonOperator {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    var mirrored: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        }
    }
}
