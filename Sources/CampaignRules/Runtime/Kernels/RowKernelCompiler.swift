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
    enum Local {
        /// The row itself: usable as the base of a field or passed to a function.
        case row
        case amount(register: Int, Quantity.Unit)
        case truth(register: Int)
        /// A `let` used once, where it is always evaluated, compiled at its use instead.
        case inline(BoundExpression)
        /// An item of an itemized plan line: a record made from the row, whose fields are
        /// columns of the row or values computed for the item (see `ItemFields`).
        case item(ItemFields)
        /// A text of the row from a coded column, passed to a function.
        case coded(CodedColumn)
    }

    /// A compiled expression and what it computes.
    enum Compiled {
        case amount(AmountOperand, Quantity.Unit)
        case truth(TruthCode)
        case row
        /// A date, timestamp or enumeration value, which only comparisons use.
        case ordinal(OrdinalCode, OrdinalKind)
        /// A text from a coded column, which comparisons with constants and `when` use.
        case coded(CodedColumn)
    }

    let program: BoundProgram
    let table: RecordTable
    var scopes: [[Int: Local]]
    var amountRegisters = 0
    var truthRegisters = 0
    var globals: [RowKernel.GlobalUse] = []
    var callDepth = 0
    var deepestCall = 0
    /// How many branches (`if`, the right of `and` and `or`) enclose the code being compiled.
    var branchDepth = 0
    /// The steps of calls every row makes, counted once per row instead of at each call.
    var stepsPerRow = 0
    /// Codes built so far; inlining copies function bodies, so a bound keeps a pathological
    /// file from building an enormous kernel.
    var size = 0
    static let maximumSize = 4_096
    static let maximumCallDepth = 64

    init(program: BoundProgram, table: RecordTable, rowSlot: Int) {
        self.program = program
        self.table = table
        self.scopes = [[rowSlot: .row]]
    }

    /// One kernel for the expressions over the same row, evaluated in order (a query's one
    /// clause; a plan's conditions, amounts, cap and minimum); `inBranch` marks those only some
    /// rows evaluate. Nil when one uses anything a kernel does not handle.
    static func compile(_ bodies: [(BoundExpression, inBranch: Bool)], rowSlot: Int, table: RecordTable, program: BoundProgram)
        -> RowKernel?
    {
        var compiler = RowKernelCompiler(program: program, table: table, rowSlot: rowSlot)
        var parts: [RowKernel.Result] = []
        for (body, inBranch) in bodies {
            let compiled = inBranch ? compiler.branch({ $0.compile(body) }) : compiler.compile(body)
            switch compiled {
            case .amount(let operand, let unit)?: parts.append(.amount(operand.code, unit))
            case .truth(let code)?: parts.append(.truth(code))
            case .row?, .ordinal?, .coded?, nil: return nil
            }
        }
        return RowKernel(
            parts: parts, amountRegisters: compiler.amountRegisters, truthRegisters: compiler.truthRegisters,
            globals: compiler.globals, callDepth: compiler.deepestCall, stepsPerRow: compiler.stepsPerRow)
    }

    mutating func compile(_ expression: BoundExpression) -> Compiled? {
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
        case .between(let value, let low, let high): return between(value, low, high)
        case .match(let subject, let arms, let otherwise): return match(subject, arms, otherwise)
        default: return nil
        }
    }

    mutating func truth(_ expression: BoundExpression) -> TruthCode? {
        guard case .truth(let code)? = compile(expression) else { return nil }
        return code
    }

    mutating func amount(_ expression: BoundExpression) -> (AmountOperand, Quantity.Unit)? {
        guard case .amount(let operand, let unit)? = compile(expression) else { return nil }
        return (operand, unit)
    }

    // MARK: - Leaves

    func constant(_ value: Value) -> Compiled? {
        if case .bool(let flag) = value { return .truth(ConstantTruth(flag)) }
        if let (code, kind) = RowKernelCompiler.ordinal(of: value) { return .ordinal(code, kind) }
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
        case .coded(let column)?: .coded(column)
        case .item?, nil: nil
        }
    }

    /// Compiles code that only some rows run: a call in it counts its own step.
    mutating func branch<T>(_ body: (inout RowKernelCompiler) -> T?) -> T? {
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
        guard case .local(let slot) = base.kind else { return nil }
        switch scopes[scopes.count - 1][slot] {
        case .row?:
            return column(named: name)
        case .item(let item)?:
            switch item[name] {
            case .column(let column)?: return self.column(named: column)
            case .amount(let register, let unit, _)?: return .amount(.register(register), unit)
            case .truth(let register, _)?: return .truth(RegisterTruth(register))
            case nil: return nil
            }
        default:
            return nil
        }
    }

    /// The row's field `name`, read from its column.
    private func column(named name: String) -> Compiled? {
        guard let index = table.shape.index(of: name) else { return nil }
        switch table.columns[index] {
        case .amounts(let column, let unit):
            switch column.storage {
            case .int16(let exponent, let coefficients) where exponent.magnitude <= SmallAmount.exponentBound:
                return .amount(.narrowColumn(coefficients, exponent: exponent), unit)
            case .int32(let exponent, let coefficients) where exponent.magnitude <= SmallAmount.exponentBound:
                return .amount(.column(coefficients, exponent: exponent), unit)
            default: break
            }
            return .amount(.code(ColumnAmount(column)), unit)
        case .bools(let flags):
            return .truth(ColumnTruth(flags))
        case .constant(let value):
            return constant(value)
        case .timestamps, .dates, .enumValues:
            return RowKernelCompiler.ordinal(of: table.columns[index]).map { .ordinal($0, $1) }
        case .codedTexts(let dictionary, let codes):
            return .coded(CodedColumn(codes: codes, texts: dictionary.texts))
        case .moneys, .texts, .values:
            return nil
        }
    }

    /// The table column a field of the row (or a row's item) reads, when it reads one.
    func columnName(of expression: BoundExpression) -> String? {
        guard case .field(let base, let name) = expression.kind, case .local(let slot) = base.kind else { return nil }
        switch scopes[scopes.count - 1][slot] {
        case .row?: return table.shape.index(of: name) == nil ? nil : name
        case .item(let item)?:
            if case .column(let column)? = item[name] { return column }
            return nil
        default: return nil
        }
    }

    // MARK: - Operators

    private mutating func arithmetic(_ op: ArithmeticOperator, _ left: BoundExpression, _ right: BoundExpression) -> Compiled? {
        guard let (a, unitA) = amount(left), let (b, unitB) = amount(right),
            let unit = RowKernelCompiler.directUnit(op, unitA, unitB)
        else { return nil }
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
        case (.ordinal(let a, let kindA)?, .ordinal(let b, let kindB)?) where kindA == kindB:
            return .truth(OrdinalComparison(op, a, b))
        case (.coded(let column)?, _):
            guard case .constant(let value) = right.kind else { return nil }
            return .truth(CodedTruth(column) { (text) throws(RuntimeError) in try ComparisonNode.holds(op, text, value, right.range) })
        case (_, .coded(let column)?):
            guard case .constant(let value) = left.kind else { return nil }
            return .truth(CodedTruth(column) { (text) throws(RuntimeError) in try ComparisonNode.holds(op, value, text, left.range) })
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
            let (c, unitC) = amount(other), RowKernelCompiler.alwaysCompare(unit, unitC)
        else {
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
    static func storing(_ stores: [(Int, KernelValue)], before body: Compiled) -> Compiled? {
        var result = body
        for (register, value) in stores.reversed() {
            switch result {
            case .amount(let operand, let unit): result = .amount(.code(LetAmount(register, value, in: operand)), unit)
            case .truth(let code): result = .truth(LetTruth(register, value, in: code))
            case .row, .ordinal, .coded: return nil
            }
        }
        return result
    }

    /// A register for a computed value, and what stores it there; the row needs none.
    mutating func newLocal(for value: Compiled) -> (Local, (Int, KernelValue)?)? {
        switch value {
        case .row: return (.row, nil)
        case .coded(let column): return (.coded(column), nil)
        case .ordinal: return nil
        case .amount(let operand, let unit):
            let register = newAmountRegister()
            return (.amount(register: register, unit), (register, .amount(operand.code)))
        case .truth(let code):
            let register = truthRegisters
            truthRegisters += 1
            return (.truth(register: register), (register, .truth(code)))
        }
    }

    mutating func newAmountRegister() -> Int {
        amountRegisters += 1
        return amountRegisters - 1
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
