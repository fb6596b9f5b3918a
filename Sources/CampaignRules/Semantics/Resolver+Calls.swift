// Resolution of calls: user functions, tier tables, `marginal`, and built-in functions.

extension Resolver {
    func resolveCall(_ callee: Identifier, _ arguments: [Expression], _ range: SourceRange) -> BoundExpression {
        let name = callee.name
        if recorder != nil { recordCallee(callee) }
        if frame.lookup(name) != nil {
            report(.notCallable, callee.range, "`\(name)` is a value, not a function")
            return poisoned(range)
        }
        if let index = functionIndex[name] {
            return resolveFunctionCall(index, arguments, range)
        }
        if let index = globalIndex[name] {
            guard case .tierTable = globals[index].declaration else {
                report(
                    .notCallable, callee.range, "`\(name)` is a value, not a function",
                    fix: "only functions (`fn`) and tier tables (`tiers`) can be called")
                return poisoned(range)
            }
            depend(on: .global(index), at: callee.range)
            resolveGlobal(index)
            guard checkArity(name, arguments, 1...1, usage: "\(name)(amount)", range) else { return poisoned(range) }
            let argument = resolve(arguments[0])
            checkTierKey(argument, table: index)
            return BoundExpression(.tierLookup(global: index, argument: argument), range, tierValueType(index))
        }
        if name == "marginal" {
            return resolveMarginal(arguments, range)
        }
        if let host = hostFunctions[name] {
            guard checkArity(name, arguments, host.parameters.count...host.parameters.count, usage: host.usage, range) else {
                return poisoned(range)
            }
            let bound = arguments.map(resolve)
            for (argument, parameter) in zip(bound, host.parameters) {
                TypeRules.checkArgument(argument, parameter.type, parameter: parameter.name, of: name, resolver: self)
            }
            return BoundExpression(.host(host, arguments: bound), range, staticType(of: host.result))
        }
        if let builtin = Builtin.byName[name] {
            guard checkArity(name, arguments, builtin.arity, usage: builtin.usage, range) else { return poisoned(range) }
            let bound = arguments.map(resolve)
            TypeRules.checkBuiltinArguments(builtin, bound, range, resolver: self)
            let type = builtin == .convert ? .money(settings.currency) : builtin.resultType(bound.map(\.type))
            return BoundExpression(.builtin(builtin, arguments: bound), range, type)
        }
        reportUndefined(
            name, callee.range,
            candidates: Array(functionIndex.keys) + Array(Builtin.byName.keys) + Array(hostFunctions.keys)
                + globals.filter { if case .tierTable = $0.declaration { true } else { false } }.map(\.name.name) + ["marginal"])
        _ = arguments.map(resolve)
        return poisoned(range)
    }

    private func resolveFunctionCall(_ index: Int, _ arguments: [Expression], _ range: SourceRange) -> BoundExpression {
        let declaration = functions[index].declaration
        let bound = arguments.map(resolve)
        depend(on: .function(index), at: range)
        let returnType = resolveFunction(index)
        guard
            checkArity(
                declaration.name.name, arguments, declaration.parameters.count...declaration.parameters.count,
                usage: "\(declaration.name.name)(\(declaration.parameters.map(\.name.name).joined(separator: ", ")))", range)
        else {
            return poisoned(range)
        }
        for (argument, parameter) in zip(bound, functions[index].bound.parameterTypes) {
            guard let type = parameter.type else { continue }
            TypeRules.checkArgument(argument, type, parameter: parameter.name, of: declaration.name.name, resolver: self)
        }
        return BoundExpression(.call(function: index, arguments: bound), range, returnType)
    }

    /// marginal(table, amount): the first argument names a tier table rather than a value.
    private func resolveMarginal(_ arguments: [Expression], _ range: SourceRange) -> BoundExpression {
        guard checkArity("marginal", arguments, 2...2, usage: "marginal(tier_table, amount)", range) else { return poisoned(range) }
        let tableNames = globals.filter { if case .tierTable = $0.declaration { true } else { false } }.map(\.name.name)
        guard case .name(let tableName) = arguments[0].kind, let index = globalIndex[tableName],
            case .tierTable = globals[index].declaration
        else {
            report(
                .typeMismatch, arguments[0].range, "marginal's first argument must name a tier table",
                fix: tableNames.isEmpty ? "declare one with `tiers name { ... }`" : "for example `marginal(\(tableNames[0]), amount)`")
            return poisoned(range)
        }
        depend(on: .global(index), at: arguments[0].range)
        resolveGlobal(index)
        let amount = resolve(arguments[1])
        checkTierKey(amount, table: index)
        let rateType = tierValueType(index)
        if rateType != .unknown && !rateType.isNumeric {
            report(
                .typeMismatch, arguments[0].range, "marginal needs a table of rates (numbers or percents), and `\(tableName)` holds \(rateType.name)",
                fix: "use `\(tableName)(amount)` to look up a bracket's value")
        }
        return BoundExpression(.marginal(global: index, argument: amount), range, amount.type)
    }

    /// The amount looked up must compare with the table's bounds (money with money, and so on).
    private func checkTierKey(_ key: BoundExpression, table index: Int) {
        guard case .tierTable(let table)? = globals[index].definition?.kind,
            let bound = table.brackets.lazy.compactMap({ $0.low ?? $0.high }).first
        else { return }
        TypeRules.checkComparable(key, bound, equality: false, at: key.range, resolver: self)
    }

    private func checkArity(
        _ name: String, _ arguments: [Expression], _ arity: ClosedRange<Int>, usage: @autoclosure () -> String,
        _ range: SourceRange
    ) -> Bool {
        guard !arity.contains(arguments.count) else { return true }
        let expected = arity.count == 1 ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
        report(
            .arityMismatch, range, "`\(name)` takes \(expected) argument\(arity.upperBound == 1 ? "" : "s"), given \(arguments.count)",
            fix: "call it as \(usage())")
        return false
    }
}
