// Lowers the checked program's bound tree into evaluator nodes.

/// Turns a `BoundProgram` into a `CompiledProgram`: one node per bound expression, with
/// function calls pointing straight at their compiled function.
final class NodeBuilder {
    let settings: CampaignSettings
    /// The checked program, from which loops compile their row kernels.
    let program: BoundProgram
    let functions: [CompiledFunction]
    /// Field-access nodes built so far; each gets its own slot in `Machine.fieldCache`.
    private var fieldAccesses = 0

    init(program: BoundProgram, functions: [CompiledFunction]) {
        self.settings = program.settings
        self.program = program
        self.functions = functions
    }

    static func build(_ program: BoundProgram, source: SourceFile) -> CompiledProgram {
        let functions = program.functions.map { CompiledFunction(name: $0.name, parameterCount: $0.parameterCount) }
        let builder = NodeBuilder(program: program, functions: functions)
        for (bound, compiled) in zip(program.functions, functions) {
            compiled.frameSize = bound.frameSize
            compiled.parameterTypes = bound.parameterTypes
            compiled.body = bound.body.map(builder.node)
            compiled.operations = bound.body?.operations ?? 1
        }
        let globals = program.globals.map(builder.global)
        let tests = program.tests.map(builder.test)
        return CompiledProgram(
            source: source, settings: program.settings, globals: globals, functions: functions,
            tests: tests, recordTypes: program.recordTypes, fieldAccessCount: builder.fieldAccesses)
    }

    private func code(_ code: Code) -> CompiledCode {
        CompiledCode(body: node(code.body), frameSize: code.frameSize)
    }

    private func global(_ definition: GlobalDefinition) -> CompiledGlobal {
        let kind: CompiledGlobal.Kind
        switch definition.kind {
        case .input(let type, let defaultValue):
            kind = .input(type: type, defaultValue: defaultValue.map(code))
        case .value(let value):
            kind = .value(code(value))
        case .tierTable(let table):
            kind = .tierTable(
                name: table.name, brackets: table.brackets.map { (low: $0.low.map(node), high: $0.high.map(node), value: node($0.value)) },
                frameSize: table.frameSize)
        case .plan(let plan):
            kind = .plan(compiledPlan(plan))
        }
        return CompiledGlobal(name: definition.name, kind: kind, range: definition.range, isOutput: definition.isOutput)
    }

    private func compiledPlan(_ plan: BoundPlan) -> CompiledPlan {
        let lines = plan.lines.map { line in
            CompiledPlan.Line(
                kind: line.kind, label: node(line.label), writtenLabel: line.writtenLabel,
                items: line.items.map { (slot: $0.slot, name: $0.name, list: node($0.list)) },
                condition: line.condition.map(node), amount: node(line.amount),
                perItem: BoundExpression.perItem([line.label, line.condition, line.amount]), range: line.range)
        }
        let key: CompiledPlan.KeySource =
            switch plan.key {
            case .expression(let expression): .expression(node(expression))
            case .field(let name): .field(name)
            case .group(let shape): .group(shape)
            case .position: .position
            case .inferred: .inferred
            }
        return CompiledPlan(
            name: plan.name, subjectSlot: plan.subjectSlot, subjects: node(plan.subjects),
            bindings: plan.bindings.map { (slot: $0.slot, value: node($0.value)) }, lines: lines, key: key,
            cap: plan.cap.map(node), carry: plan.carry.map(node), minimum: plan.minimum.map(node),
            balanceSubject: CompiledPlan.balanceSubject(of: plan.subjects.type.elementType), frameSize: plan.frameSize,
            settings: settings,
            // A plan over a table's rows that carries balances runs on the general
            // evaluator; one over groups leaves the statements with a balance to it.
            kernelSource: plan.carry == nil ? planKernelSource(plan) : nil,
            itemizedSource: ItemizedPlanSource(plan, program: program, node: node),
            range: plan.range)
    }

    /// A plan's kernel evaluates, per subject, each line's condition and amount (the amount
    /// only when the condition holds), then the cap and the minimum (see `PlanKernel`). Plans
    /// with `let` lines, itemized lines, labels that show values or a `key` line run on the
    /// general evaluator.
    private func planKernelSource(_ plan: BoundPlan) -> KernelSource? {
        let plain =
            plan.bindings.isEmpty
            && plan.lines.allSatisfy { line in
                if line.items != nil { return false }
                if case .constant = line.label.kind { return true }
                return false
            }
        guard plain else { return nil }
        if case .expression = plan.key { return nil }
        var bodies: [(BoundExpression, inBranch: Bool)] = []
        for line in plan.lines {
            if let condition = line.condition { bodies.append((condition, inBranch: false)) }
            bodies.append((line.amount, inBranch: line.condition != nil))
        }
        if let cap = plan.cap { bodies.append((cap, inBranch: false)) }
        if let minimum = plan.minimum { bodies.append((minimum, inBranch: false)) }
        return KernelSource(bodies: bodies, rowSlot: plan.subjectSlot, program: program)
    }

    private func test(_ test: BoundTest) -> CompiledTest {
        let steps = test.steps.map { step -> CompiledTest.Step in
            switch step {
            case .bind(let slot, let value):
                return .bind(slot: slot, value: node(value))
            case .expect(let condition):
                let parts = condition.shownParts.map(node)
                if case .comparison(let op, let left, let right) = condition.kind {
                    return .expect(node(condition), comparison: (op, node(left), node(right)), parts: parts)
                }
                return .expect(node(condition), comparison: nil, parts: parts)
            }
        }
        return CompiledTest(
            name: test.name, range: test.range, givens: test.givens.map { ($0.global, node($0.value), $0.range) },
            steps: steps, frameSize: test.frameSize)
    }

    func node(_ expression: BoundExpression) -> Node {
        let range = expression.range
        switch expression.kind {
        case .invalid: return Node(range: range)
        case .constant(let value): return ConstantNode(value, range: range)
        case .local(let slot): return LocalNode(slot: slot, range: range)
        case .global(let index): return GlobalNode(index: index, range: range)
        case .list(let items): return ListNode(items: items.map(node), range: range)
        case .record(let shape, let fields): return RecordNode(shape: shape, fields: fields.map(node), range: range)
        case .negate(let operand): return NegateNode(operand: node(operand), range: range)
        case .not(let operand): return NotNode(operand: node(operand), range: range)
        case .arithmetic(let op, let left, let right): return ArithmeticNode(op: op, left: node(left), right: node(right), range: range)
        case .comparison(let op, let left, let right): return ComparisonNode(op: op, left: node(left), right: node(right), range: range)
        case .contains(let element, let list): return ContainsNode(element: node(element), list: node(list), range: range)
        case .and(let left, let right): return AndNode(left: node(left), right: node(right), range: range)
        case .or(let left, let right): return OrNode(left: node(left), right: node(right), range: range)
        case .orDefault(let access, let fallback):
            guard let accessNode = node(access) as? AccessNode else { return node(access) }
            return OrDefaultNode(access: accessNode, fallback: node(fallback), range: range)
        case .call(let function, let arguments):
            return CallNode(function: functions[function], arguments: arguments.map(node), range: range)
        case .host(let function, let arguments):
            return HostCallNode(function: function, arguments: arguments.map(node), range: range)
        case .builtin(.round, let arguments):
            return RoundNode(
                value: node(arguments[0]), places: arguments.count > 1 ? node(arguments[1]) : nil,
                mode: arguments.count > 2 ? node(arguments[2]) : nil, range: range)
        case .builtin(let builtin, let arguments) where (builtin == .min || builtin == .max) && arguments.count == 2:
            return PairExtremeNode(left: node(arguments[0]), right: node(arguments[1]), largest: builtin == .max, range: range)
        case .builtin(let builtin, let arguments):
            let emptySum: Value? = if builtin == .sum, case .money(let currency) = expression.type { .money(.zero, currency) } else { nil }
            return BuiltinNode(builtin: builtin, arguments: arguments.map(node), settings: settings, emptySum: emptySum, range: range)
        case .tierLookup(let table, let argument): return TierNode(table: table, use: .lookup, argument: node(argument), range: range)
        case .marginal(let table, let argument): return TierNode(table: table, use: .marginal, argument: node(argument), range: range)
        case .field(let base, let name):
            // Take the slot before building the base, whose own field accesses take the next ones.
            let slot = fieldAccesses
            fieldAccesses += 1
            return FieldNode(base: node(base), name: name, cacheSlot: slot, range: range)
        case .index(let base, let index): return IndexNode(base: node(base), index: node(index), range: range)
        case .ifElse(let test, let then, let otherwise):
            return IfNode(test: node(test), then: node(then), otherwise: node(otherwise), range: range)
        case .when(let arms, let otherwise):
            return WhenNode(arms: arms.map { (node($0.condition), node($0.result)) }, otherwise: otherwise.map(node), range: range)
        case .match(let subject, let arms, let otherwise):
            return MatchNode(
                subject: node(subject), arms: arms.map { ($0.patterns.map(node), node($0.result)) },
                otherwise: otherwise.map(node), range: range)
        case .query(let source, let clause, let itSlot):
            return query(node(source), clause, itSlot, range)
        case .allocate(let allocation, let itSlot):
            let items = node(allocation.items)
            // Each item's weight or score, as `items select WEIGHT` computes it.
            let each = { (weight: BoundExpression) in
                SelectNode(
                    source: items, projection: self.node(weight), itSlot: itSlot,
                    kernelSource: KernelSource(body: weight, rowSlot: itSlot, program: self.program), range: weight.range)
            }
            let method: AllocateNode.Method =
                switch allocation.method {
                case .proportional(let weight): .proportional(each(weight))
                case .equally: .equally
                case .greedy(let score): .greedy(each(score))
                }
            return AllocateNode(
                budget: node(allocation.budget), items: items, method: method,
                minimum: allocation.minimum.map(node), maximum: allocation.maximum.map(node),
                step: allocation.step.map(node), range: range)
        case .block(let bindings, let result):
            return BlockNode(bindings: bindings.map { ($0.slot, node($0.value)) }, result: node(result), range: range)
        case .interpolation(let parts):
            return InterpolationNode(
                parts: parts.map { part in
                    switch part {
                    case .text(let text): .text(text)
                    case .value(let value): .value(node(value))
                    }
                }, range: range)
        case .between(let value, let low, let high):
            return BetweenNode(value: node(value), low: node(low), high: node(high), range: range)
        }
    }

    private func query(_ source: Node, _ clause: BoundClause, _ itSlot: Int, _ range: SourceRange) -> Node {
        switch clause {
        case .where(let predicate):
            WhereNode(
                source: source, predicate: node(predicate), itSlot: itSlot,
                kernelSource: KernelSource(body: predicate, rowSlot: itSlot, program: program), range: range)
        case .select(let projection):
            SelectNode(
                source: source, projection: node(projection), itSlot: itSlot,
                kernelSource: KernelSource(body: projection, rowSlot: itSlot, program: program), range: range)
        case .take(let count): TakeNode(source: source, count: node(count), range: range)
        case .sort(let keys):
            SortNode(
                source: source, keys: keys.map { (node($0.key), $0.descending) }, itSlot: itSlot,
                perItem: BoundExpression.perItem(keys.map(\.key)), range: range)
        case .group(let keys, let shape):
            GroupNode(source: source, keys: keys.map(node), shape: shape, itSlot: itSlot, perItem: BoundExpression.perItem(keys), range: range)
        case .running(let value, let name):
            RunningNode(source: source, value: node(value), name: name, itSlot: itSlot, perItem: BoundExpression.perItem([value]), range: range)
        }
    }
}
