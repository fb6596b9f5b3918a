// The walk over a checked program that finds which lists each value is part of, what each
// plan's statements are made from, and every construct that reads a list whole.

extension BoundProgram {
    /// What `partitioning(printing:)` needs to know of this program; `source` quotes code in fixes.
    func partitionFacts(source: SourceFile) -> PartitionFacts {
        var walk = PartitionWalk(program: self, source: source)
        walk.run()
        return walk.facts
    }
}

/// Visits every declaration once, carrying what each local holds. A list of an input's rows,
/// groups of them, or a plan's statements may be filtered (`where`), mapped (`select`),
/// grouped (rows only), projected (`.field`), bound and printed; anything else done to it
/// (an aggregate, `count`, a sort or `take`, `running`, an allocation, indexing, a comparison,
/// passing it to a function) reads it whole, which is a problem to report.
struct PartitionWalk {
    let program: BoundProgram
    let source: SourceFile
    private(set) var facts = PartitionFacts()
    private var globalExtents: [Int: PartitionExtent] = [:]
    private var walking: Set<Int> = []
    private var locals: [Int: PartitionExtent] = [:]
    private var owner = PartitionFacts.Owner.global(0)
    /// The output being walked, whose problems are worded as an output's.
    private var output: String?

    init(program: BoundProgram, source: SourceFile) {
        self.program = program
        self.source = source
        facts.globalNames = program.globals.map(\.name)
        facts.globalRanges = program.globals.map(\.range)
    }

    mutating func run() {
        for index in program.globals.indices { _ = extent(ofGlobal: index) }
        for (index, function) in program.functions.enumerated() {
            guard let body = function.body else { continue }
            within(.function(index), output: nil) { walk in walk.readWhole(walk.walk(body), by: body) }
        }
    }

    /// Walks a global's code once, the first time it is named, and remembers its extent.
    private mutating func extent(ofGlobal index: Int) -> PartitionExtent {
        if let known = globalExtents[index] { return known }
        // The checker rejects cycles; a guard keeps a missed one from looping.
        guard walking.insert(index).inserted else { return .whole }
        let global = program.globals[index]
        var extent = PartitionExtent.whole
        switch global.kind {
        case .input(let type, _):
            if case .list(.record(let descriptor)) = type.withoutOptional {
                facts.inputColumns[global.name] = descriptor.fields.map(\.name)
                extent = .rows(input: global.name, mapped: false)
            }
        case .value(let code):
            extent = within(.global(index), output: global.isOutput ? global.name : nil) { $0.walk(code.body) }
            if global.isOutput { facts.outputs[index] = extent }
        case .tierTable(let table):
            within(.global(index), output: nil) { walk in
                for bracket in table.brackets {
                    for part in [bracket.low, bracket.high, bracket.value].compactMap({ $0 }) { walk.readWhole(walk.walk(part), by: part) }
                }
            }
        case .plan(let plan):
            within(.global(index), output: nil) { $0.walk(plan, index: index) }
            extent = .statements(plan: global.name)
        }
        globalExtents[index] = extent
        return extent
    }

    /// Runs `body` as the code of `owner`, with locals of its own.
    @discardableResult
    private mutating func within<T>(_ owner: PartitionFacts.Owner, output: String?, _ body: (inout PartitionWalk) -> T) -> T {
        let saved = (self.owner, self.output, locals)
        (self.owner, self.output, locals) = (owner, output, [:])
        defer { (self.owner, self.output, locals) = saved }
        return body(&self)
    }

    private mutating func walk(_ plan: BoundPlan, index: Int) {
        let subjects = walk(plan.subjects)
        locals[plan.subjectSlot] = .whole
        for binding in plan.bindings {
            readWhole(walk(binding.value), by: binding.value)
            locals[binding.slot] = .whole
        }
        for line in plan.lines {
            if let items = line.items {
                readWhole(walk(items.list), by: items.list)
                locals[items.slot] = .whole
            }
            for part in [line.label, line.amount] + [line.condition].compactMap({ $0 }) { readWhole(walk(part), by: part) }
        }
        var parts = [plan.cap, plan.carry, plan.minimum].compactMap { $0 }
        if case .expression(let key) = plan.key { parts.append(key) }
        for part in parts { readWhole(walk(part), by: part) }
        facts.plans[index] = classify(subjects, of: plan)
    }

    /// What the plan's statements are made from; a problem when they cannot be told apart by a column.
    private mutating func classify(_ subjects: PartitionExtent, of plan: BoundPlan) -> PartitionFacts.Subjects {
        switch subjects {
        case .rows(let input, _):
            if case .position = plan.key {
                report(.always, PartitionMessages.positionalKey(plan: plan.name), at: plan.subjects.range)
                return .unknown
            }
            return .rows(input: input, preferredField: keyColumn(of: plan))
        case .groups(let input, let fields):
            if fields.isEmpty {
                report(.always, PartitionMessages.groupKeyNotColumn(plan: plan.name, input: input), at: plan.subjects.range)
                return .unknown
            }
            return .groups(input: input, fields: fields)
        case .statements(let other):
            return .statements(plan: other)
        case .whole:
            report(.always, PartitionMessages.subjectsNotRows(plan: plan.name), at: plan.subjects.range)
            return .unknown
        }
    }

    /// The column a plan over rows reads its statements' key from, when it is one.
    private func keyColumn(of plan: BoundPlan) -> String? {
        switch plan.key {
        case .field(let name): return name
        case .expression(let key):
            if case .field(let base, let name) = key.kind, case .local(plan.subjectSlot) = base.kind { return name }
            return nil
        case .inferred, .group, .position: return nil
        }
    }

    /// The extent of an expression's value, reporting what inside it reads a list whole.
    private mutating func walk(_ expression: BoundExpression) -> PartitionExtent {
        switch expression.kind {
        case .global(let index):
            facts.references[owner, default: []].insert(.global(index))
            return extent(ofGlobal: index)
        case .local(let slot):
            return locals[slot] ?? .whole
        case .query(let list, let clause, let itSlot):
            let extent = walk(list)
            locals[itSlot] = .whole
            return walk(clause, of: extent, itSlot: itSlot, query: expression)
        case .field(let base, _):
            // A field of a list is the list of that field of each element: still one per element.
            let extent = walk(base)
            if case .list = base.type { return extent }
            readWhole(extent, by: expression)
            return .whole
        case .block(let bindings, let result):
            for binding in bindings { locals[binding.slot] = walk(binding.value) }
            return walk(result)
        case .call(let function, _):
            facts.references[owner, default: []].insert(.function(function))
        case .tierLookup(let global, _), .marginal(let global, _):
            facts.references[owner, default: []].insert(.global(global))
        default: break
        }
        expression.forEachChild { child in readWhole(walk(child), by: expression) }
        return .whole
    }

    private mutating func walk(_ clause: BoundClause, of list: PartitionExtent, itSlot: Int, query: BoundExpression) -> PartitionExtent {
        switch clause {
        case .where(let condition):
            readWhole(walk(condition), by: condition)
            return list
        case .select(let value):
            readWhole(walk(value), by: value)
            if case .rows(let input, _) = list { return .rows(input: input, mapped: true) }
            return list
        case .group(let keys, _):
            for key in keys { readWhole(walk(key), by: key) }
            guard case .rows(let input, let mapped) = list else {
                readWhole(list, by: query)
                return .whole
            }
            // After a `select`, a field of the row is no longer a column of the input.
            let columns = mapped ? [] : keys.compactMap { PartitionWalk.column(of: $0, itSlot: itSlot) }
            return .groups(input: input, fields: Set(columns))
        case .sort(let keys):
            for key in keys { readWhole(walk(key.key), by: key.key) }
        case .take(let count):
            readWhole(walk(count), by: count)
        case .running(let value, _):
            readWhole(walk(value), by: value)
        }
        readWhole(list, by: query)
        return .whole
    }

    /// `it.field` as a group key: the column it reads.
    private static func column(of key: BoundExpression, itSlot: Int) -> String? {
        guard case .field(let base, let name) = key.kind, case .local(itSlot) = base.kind else { return nil }
        return name
    }

    /// Reports `reader` when the value it reads whole is part of a list.
    private mutating func readWhole(_ extent: PartitionExtent, by reader: BoundExpression) {
        guard let list = extent.source else { return }
        let text = source.text(in: reader.range)
        let wording =
            output.map { PartitionMessages.outputReadsWhole(output: $0, reader: text, list: extent.listName) }
            ?? PartitionMessages.readsWhole(reader: text, list: extent.listName)
        report(list, wording, at: reader.range)
    }

    private mutating func report(_ list: PartitionFacts.Source, _ wording: (message: String, fix: String), at range: SourceRange) {
        let diagnostic = Diagnostic(.notPartitionable, at: range, wording.message, fix: wording.fix)
        facts.problems.append(.init(owner: owner, source: list, diagnostic: diagnostic))
    }
}
