// The compiler's calls: the file's functions (inlined), built-in functions and tier lookups.

extension RowKernelCompiler {
    // MARK: - Calls

    /// A call to one of the file's functions, inlined in a frame of its own.
    mutating func call(_ index: Int, _ arguments: [BoundExpression]) -> Compiled? {
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
        // The call counts its body's steps, as the general evaluator does; a call every row
        // makes counts them with the row's.
        let counted = branchDepth > 0, units = body.operations
        if !counted { stepsPerRow += units }
        switch compile(body).flatMap({ RowKernelCompiler.storing(stores, before: $0) }) {
        case .amount(let operand, let unit)?: return .amount(counted ? .code(CallAmount(operand, units: units)) : operand, unit)
        case .truth(let code)?: return .truth(counted ? CallTruth(code, units: units) : code)
        default: return nil
        }
    }

    /// Whether a parameter declared `declared` takes the value as it is.
    static func accepts(_ declared: DeclaredType, _ value: Compiled, _ table: RecordTable) -> Bool {
        switch (declared, value) {
        case (.any, _): true
        case (.number, .amount(_, let unit)), (.percent, .amount(_, let unit)): unit == .number || unit == .percent
        case (.money(let currency), .amount(_, let unit)): unit == .money(currency)
        case (.bool, .truth), (.text, .coded): true
        case (.record(let descriptor), .row): descriptor.shape === table.shape
        default: false
        }
    }

    // MARK: - Built-in functions

    mutating func builtin(_ builtin: Builtin, _ arguments: [BoundExpression]) -> Compiled? {
        switch builtin {
        case .round: return round(arguments)
        case .min, .max:
            guard arguments.count == 2, let (a, unitA) = amount(arguments[0]), let (b, unitB) = amount(arguments[1]),
                unitA == unitB
            else { return nil }
            return .amount(.code(ExtremeAmount(a, b, largest: builtin == .max)), unitA)
        case .abs:
            guard let (a, unit) = amount(arguments[0]) else { return nil }
            return .amount(.code(MagnitudeAmount(a)), unit)
        case .convert: return convert(arguments)
        case .date:
            switch compile(arguments[0]) {
            case .ordinal(let code, .timestamp)?: return .ordinal(DateOfInstant(code, zone: program.settings.timezone), .date)
            case .ordinal(let code, .date)?: return .ordinal(code, .date)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `round(x)`, `round(x, places)` and `round(x, places, mode)` with constant places and mode.
    mutating func round(_ arguments: [BoundExpression]) -> Compiled? {
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
    mutating func tierLookup(_ index: Int, _ argument: BoundExpression) -> Compiled? {
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
