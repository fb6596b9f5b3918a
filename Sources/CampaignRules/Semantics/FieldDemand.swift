// Which fields of an input's records a program can ever observe, so a data file's other
// columns need not be kept.

extension BoundProgram {
    /// For each input that is a list of declared records, the fields of its records that
    /// evaluating the program's outputs and plans can observe; nil for an input whose records
    /// may be observed whole (every field).
    ///
    /// A field is observed when an expression reads it by name (`r.sales`, a plan's `key`, a
    /// statement's inferred key `id`, `handle` or `name`). A whole record is observed — and
    /// with it every field — wherever a value that may hold one is printed, compared, hashed,
    /// put in text or handed to a library function: an output or plan of such a type (a
    /// plan's statements hold their subjects), `==` and the other comparisons, `in`, `when`
    /// on a subject, sort and group keys, interpolation, builtins other than `count`, `first`
    /// and `last`, tier lookups, host functions, and indexing anything but a list. A value
    /// whose type the checker does not know may hold one. Everything else (binding, passing
    /// to a function, iterating, selecting, building lists and records that are themselves
    /// checked where they go) only moves records along.
    func observedInputFields() -> [String: Set<String>?] {
        var observed: [String: Set<String>?] = [:]
        for global in globals {
            guard case .input(let type, _) = global.kind, case .list(.record(let descriptor)) = type.withoutOptional else { continue }
            var demand = FieldDemand(record: descriptor.name)
            demand.visit(self)
            observed[global.name] = demand.wholeRecord ? nil : demand.names.intersection(descriptor.fields.map(\.name))
        }
        return observed
    }
}

/// The walk behind `observedInputFields()`.
struct FieldDemand {
    /// The declared record type whose fields are tracked.
    let record: String
    private(set) var names: Set<String> = []
    /// Whether some expression may observe a whole record of the type.
    private(set) var wholeRecord = false
    /// Fields of records that may hold a tracked record: a group's `items`, an allocation
    /// row's `item`, a statement's `subject`, and those of record literals given one.
    private var carrying: Set<String> = ["items", "item", "subject"]
    /// Whether each function may return a tracked record.
    private var returnsRecord: [Bool] = []
    private var functions: [BoundFunction] = []

    init(record: String) {
        self.record = record
    }

    mutating func visit(_ program: BoundProgram) {
        functions = program.functions
        returnsRecord = Array(repeating: false, count: functions.count)
        findCarriers(program)
        for global in program.globals {
            switch global.kind {
            case .input(_, let fallback): if let fallback { visit(fallback.body) }
            case .value(let code):
                if global.isOutput { observed(code.body) } else { visit(code.body) }
            case .tierTable(let table):
                for bracket in table.brackets {
                    for bound in [bracket.low, bracket.high, bracket.value].compactMap({ $0 }) { visit(bound) }
                }
            // `rules run` prints every plan, `output` or not.
            case .plan(let plan): visit(plan)
            }
        }
        for function in program.functions { if let body = function.body { visit(body) } }
    }

    /// Which record fields and functions may carry a tracked record, found by going over the
    /// program until nothing new turns up (each round can only add, so it ends).
    private mutating func findCarriers(_ program: BoundProgram) {
        // The record literals and the function bodies stay as they are; only what they may carry grows.
        var literals: [(RecordShape, [BoundExpression])] = []
        for root in FieldDemand.roots(of: program) { collectRecordLiterals(root, into: &literals) }
        var changed = true
        while changed {
            let before = (carrying, returnsRecord)
            for (index, function) in functions.enumerated() {
                if let body = function.body, mayHoldRecord(body) { returnsRecord[index] = true }
            }
            for (shape, values) in literals {
                for (name, value) in zip(shape.fieldNames, values) where mayHoldRecord(value) { carrying.insert(name) }
            }
            changed = before.0 != carrying || before.1 != returnsRecord
        }
    }

    /// Every top-level expression of the program: globals' initializers, tier tables' bounds
    /// and values, every part of every plan, and function bodies.
    static func roots(of program: BoundProgram) -> [BoundExpression] {
        var roots: [BoundExpression] = []
        for global in program.globals {
            switch global.kind {
            case .input(_, let fallback): if let fallback { roots.append(fallback.body) }
            case .value(let code): roots.append(code.body)
            case .tierTable(let table):
                for bracket in table.brackets { roots += [bracket.low, bracket.high, bracket.value].compactMap { $0 } }
            case .plan(let plan):
                roots.append(plan.subjects)
                roots += plan.bindings.map(\.value)
                for line in plan.lines {
                    roots += [line.label, line.amount] + [line.items?.list, line.condition].compactMap { $0 }
                }
                roots += [plan.cap, plan.carry, plan.minimum].compactMap { $0 }
                if case .expression(let key) = plan.key { roots.append(key) }
            }
        }
        return roots + program.functions.compactMap(\.body)
    }

    /// Every record literal in the expression, with its fields' values.
    private func collectRecordLiterals(_ expression: BoundExpression, into literals: inout [(RecordShape, [BoundExpression])]) {
        if case .record(let shape, let values) = expression.kind { literals.append((shape, values)) }
        expression.forEachChild { collectRecordLiterals($0, into: &literals) }
    }

    private mutating func visit(_ plan: BoundPlan) {
        // Statements show their subject's key; printed as JSON, the subject itself.
        observed(plan.subjects)
        for binding in plan.bindings { visit(binding.value) }
        for line in plan.lines {
            visit(line.label)
            if let items = line.items { visit(items.list) }
            if let condition = line.condition { visit(condition) }
            visit(line.amount)
        }
        for bound in [plan.cap, plan.carry, plan.minimum].compactMap({ $0 }) { visit(bound) }
        switch plan.key {
        case .expression(let key): observed(key)
        case .field(let name): names.insert(name)
        case .inferred: names.formUnion(BoundPlan.KeySource.identifyingFields)
        case .group, .position: break
        }
    }

    /// Marks every field observed when the expression's value may hold a tracked record.
    private mutating func observe(_ expression: BoundExpression) {
        if !wholeRecord, mayHoldRecord(expression) { wholeRecord = true }
    }

    /// Whether the value may hold a tracked record: by its type when the checker knows it
    /// whole, else by what the expression is (a sum is a number, whatever its operands).
    private func mayHoldRecord(_ expression: BoundExpression) -> Bool {
        if !FieldDemand.hasUnknown(expression.type, depth: 0) { return mayHoldRecord(expression.type, depth: 0) }
        switch expression.kind {
        case .invalid, .constant, .negate, .not, .arithmetic, .comparison, .contains, .and, .or, .interpolation, .between,
            .tierLookup, .marginal:
            return false
        case .local, .global, .host: return true
        case .field(_, let name): return carrying.contains(name)
        case .call(let function, _): return returnsRecord[function]
        case .builtin(let builtin, let arguments):
            return [.first, .last, .min, .max, .median, .distinct].contains(builtin) && arguments.contains(where: mayHoldRecord)
        case .list(let elements), .record(_, let elements): return elements.contains(where: mayHoldRecord)
        case .orDefault(let value, let fallback): return mayHoldRecord(value) || mayHoldRecord(fallback)
        case .index(let base, _): return mayHoldRecord(base)
        case .ifElse(_, let then, let otherwise): return mayHoldRecord(then) || mayHoldRecord(otherwise)
        case .when(let arms, let otherwise):
            return arms.contains { mayHoldRecord($0.result) } || otherwise.map(mayHoldRecord) == true
        case .match(_, let arms, let otherwise):
            return arms.contains { mayHoldRecord($0.result) } || otherwise.map(mayHoldRecord) == true
        case .query(let source, let clause, _):
            if case .select(let value) = clause { return mayHoldRecord(value) }
            return mayHoldRecord(source)
        case .allocate(let allocation, _): return mayHoldRecord(allocation.items)
        case .block(_, let result): return mayHoldRecord(result)
        }
    }

    private static func hasUnknown(_ type: StaticType, depth: Int) -> Bool {
        guard depth < 32 else { return true }
        switch type {
        case .unknown: return true
        case .optional(let wrapped), .list(let wrapped): return hasUnknown(wrapped, depth: depth + 1)
        case .record(let recordType): return recordType.fields.contains { hasUnknown($0.type, depth: depth + 1) }
        default: return false
        }
    }

    private func mayHoldRecord(_ type: StaticType, depth: Int) -> Bool {
        // Record types nest only as deep as a program writes them; a bound guards a cycle.
        guard depth < 32 else { return true }
        switch type {
        case .unknown: return true
        case .optional(let wrapped), .list(let wrapped): return mayHoldRecord(wrapped, depth: depth + 1)
        case .record(let recordType):
            return recordType.name == record || recordType.fields.contains { mayHoldRecord($0.type, depth: depth + 1) }
        case .number, .percent, .money, .bool, .text, .date, .timestamp, .symbol, .enumeration, .anyMoney, .tierTable:
            return false
        }
    }

    /// Visits an expression: the places that observe whole values by their own rule, every
    /// other one by visiting its subexpressions.
    private mutating func visit(_ expression: BoundExpression) {
        switch expression.kind {
        case .comparison(_, let left, let right), .contains(let left, let right):
            observed(left, right)
        case .between(let value, let low, let high):
            observed(value, low, high)
        case .host(_, let arguments):
            observed(arguments)
        case .builtin(let builtin, let arguments) where ![.count, .first, .last].contains(builtin):
            observed(arguments)
        case .tierLookup(_, let argument), .marginal(_, let argument):
            observed(argument)
        case .field(let base, let name):
            names.insert(name)
            visit(base)
        case .index(let base, let position):
            // A list's element moves along; a record indexed by text is read field by field.
            if case .list = base.type { visit(base) } else { observed(base) }
            observed(position)
        case .match(let subject, let arms, let otherwise):
            observed(subject)
            for arm in arms {
                observed(arm.patterns)
                visit(arm.result)
            }
            if let otherwise { visit(otherwise) }
        case .query(let source, .sort(let keys), _):
            visit(source)
            observed(keys.map(\.key))
        case .query(let source, .group(let keys, _), _):
            visit(source)
            observed(keys)
        case .interpolation(let parts):
            for case .value(let value) in parts { observed(value) }
        default:
            expression.forEachChild { visit($0) }
        }
    }

    /// Visits expressions whose whole values are observed.
    private mutating func observed(_ expressions: BoundExpression...) {
        observed(expressions)
    }

    private mutating func observed(_ expressions: [BoundExpression]) {
        for expression in expressions {
            observe(expression)
            visit(expression)
        }
    }
}
