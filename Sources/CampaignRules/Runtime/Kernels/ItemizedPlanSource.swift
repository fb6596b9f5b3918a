// What a plan over groups hands its kernel: each `let` as an item pipeline, and its lines.

/// A plan paid item by item over groups (`plan p for g in xs group by ...` with `let orders =
/// g.items sort by ... select {...} running ...` and lines `for o in orders`), as the checker
/// bound it, for `ItemizedPlanKernel` to compile once the group's table is known.
///
/// Only plans of that shape have one: every `let` an item pipeline, at least one itemized
/// line, and a key that is not a `key` expression (which could read the `let`s, which the
/// kernel never makes as values).
struct ItemizedPlanSource {
    /// A list of a group's items: rows the general evaluator finds (the group's `items`,
    /// sorted), then a `select` and a `running` the kernel computes item by item.
    struct Pipeline {
        /// The `let`'s slot, or nil for a list written in the line itself.
        let slot: Int?
        /// The rows, evaluated for each statement by the general evaluator.
        let rows: Node
        /// The sort's keys (none when the rows are the items as they are), the steps it counts
        /// per item and where it is, so the kernel can sort the rows itself.
        let itemsSorted: (keys: [(field: String, descending: Bool)], perItem: Int, range: SourceRange)
        let select: (itSlot: Int, shape: RecordShape, fields: [BoundExpression])?
        let running: (itSlot: Int, name: String, value: BoundExpression)?
        /// The steps the general evaluator counts for each item in the select and running loops.
        let perItem: Int
    }

    let pipelines: [Pipeline]
    /// Each plan line's pipeline, in the plan's order; nil for a line that is not itemized.
    let linePipelines: [Int?]
    let plan: BoundPlan
    let program: BoundProgram

    /// `node` makes the general evaluator's node of an expression.
    init?(_ plan: BoundPlan, program: BoundProgram, node: (BoundExpression) -> Node) {
        guard plan.lines.contains(where: { $0.items != nil }) else { return nil }
        if case .expression = plan.key { return nil }
        var pipelines: [Pipeline] = []
        var pipelineOfSlot: [Int: Int] = [:]
        for binding in plan.bindings {
            guard let pipeline = ItemizedPlanSource.pipeline(binding.value, slot: binding.slot, subjectSlot: plan.subjectSlot, node) else {
                return nil
            }
            pipelineOfSlot[binding.slot] = pipelines.count
            pipelines.append(pipeline)
        }
        var linePipelines: [Int?] = []
        for line in plan.lines {
            guard let items = line.items else {
                linePipelines.append(nil)
                continue
            }
            if case .local(let slot) = items.list.kind, let index = pipelineOfSlot[slot] {
                linePipelines.append(index)
                continue
            }
            guard let pipeline = ItemizedPlanSource.pipeline(items.list, slot: nil, subjectSlot: plan.subjectSlot, node) else { return nil }
            linePipelines.append(pipelines.count)
            pipelines.append(pipeline)
        }
        (self.pipelines, self.linePipelines, self.plan, self.program) = (pipelines, linePipelines, plan, program)
    }

    /// `LIST [select {...}] [running NAME: VALUE]` where LIST is the group's items, perhaps
    /// sorted by fields of the items.
    private static func pipeline(
        _ expression: BoundExpression, slot: Int?, subjectSlot: Int,
        _ node: (BoundExpression) -> Node
    ) -> Pipeline? {
        var rest = expression
        var running: (itSlot: Int, name: String, value: BoundExpression)?
        var select: (itSlot: Int, shape: RecordShape, fields: [BoundExpression])?
        var perItem = 0
        if case .query(let source, .running(let value, let name), let itSlot) = rest.kind {
            running = (itSlot, name, value)
            perItem += BoundExpression.perItem([value])
            rest = source
        }
        if case .query(let source, .select(let projection), let itSlot) = rest.kind {
            guard case .record(let shape, let fields) = projection.kind else { return nil }
            select = (itSlot, shape, fields)
            perItem += BoundExpression.perItem([projection])
            rest = source
        }
        guard let sorted = itemsSorted(rest, subjectSlot: subjectSlot) else { return nil }
        return Pipeline(slot: slot, rows: node(rest), itemsSorted: sorted, select: select, running: running, perItem: perItem)
    }

    /// For the group's `items`, or those sorted by fields of the items (`g.items sort by it.a,
    /// it.b`): the sort's keys (none for the items as they are), its steps per item and its place.
    private static func itemsSorted(_ expression: BoundExpression, subjectSlot: Int)
        -> (keys: [(field: String, descending: Bool)], perItem: Int, range: SourceRange)?
    {
        switch expression.kind {
        case .field(let base, "items"):
            guard case .local(subjectSlot) = base.kind else { return nil }
            return ([], 0, expression.range)
        case .query(let source, .sort(let keys), let itSlot):
            guard itemsSorted(source, subjectSlot: subjectSlot)?.keys.isEmpty == true else { return nil }
            var fields: [(field: String, descending: Bool)] = []
            for key in keys {
                guard case .field(let base, let name) = key.key.kind, case .local(itSlot) = base.kind else { return nil }
                fields.append((name, key.descending))
            }
            return (fields, BoundExpression.perItem(keys.map(\.key)), expression.range)
        default:
            return nil
        }
    }
}
