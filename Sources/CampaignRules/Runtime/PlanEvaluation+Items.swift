// Plans paid item by item over groups: by their kernel where it can, statement by statement.

extension CompiledPlan {
    /// The kernel of a plan over groups whose items are rows of one table (as `group by` over
    /// loaded data makes them); nil when the plan has none, the evaluation is explained (the
    /// general evaluator gives the reasons), or a part does not compile.
    func itemizedKernel(for subjects: ValueList, _ machine: Machine) -> ItemizedPlanKernel? {
        guard let itemizedSource, machine.program.usesKernels, !machine.explaining, machine.recorder == nil, subjects.count > 0,
            case .record(let first) = subjects[0], case .list(let items)? = first["items"], let (table, _) = items.tableRows
        else { return nil }
        return ItemizedPlanKernel.compile(itemizedSource, for: self, table: table)
    }

    /// One statement per group, in order, each by the kernel or, where it gives up, by the
    /// general evaluator; on several threads as the general loop runs. With balances brought
    /// forward, a statement with a balance is the general evaluator's, and the statements of
    /// balances alone follow.
    func itemizedStatements(
        _ subjects: ValueList, _ kernel: ItemizedPlanKernel, _ stepRange: SourceRange, _ units: Int,
        _ balances: BroughtBalances?, _ machine: Machine
    ) throws(RuntimeError) -> ItemizedStatements {
        let parts = try machine.inChunks(subjects.count, at: stepRange, weights: CompiledPlan.weights(of: subjects)) {
            (worker, positions) throws(RuntimeError) -> ItemizedStatementColumns in
            // Each thread runs a kernel of its own: threads counting references to the same
            // code objects at once would each wait for the other's cache line at every item.
            let kernel =
                worker === machine ? kernel : self.itemizedSource.flatMap { ItemizedPlanKernel.compile($0, for: self, table: kernel.table) } ?? kernel
            var columns = ItemizedStatementColumns()
            var work = ItemizedWork(kernel)
            // No frame until the globals the kernel reads are computed: the general evaluator
            // computes them for the first statement that needs them.
            var frame = kernel.kernel.frame(worker)
            for position in positions {
                try worker.step(stepRange, units)
                let subject = subjects[position]
                worker.setLocal(self.subjectSlot, subject)
                if frame == nil { frame = kernel.kernel.frame(worker) }
                if let frame, self.itemizedStatement(of: subject, at: position, kernel, frame, balances, &work, into: &columns, worker) {
                    continue
                }
                columns.append(made: try self.statement(for: subject, at: position, worker, balances: balances))
            }
            return columns
        }
        var columns = ItemizedStatementColumns(joining: parts)
        if let balances {
            for statement in try balanceStatements(balances, after: ValueList(columns.keys), machine) { columns.append(made: statement) }
        }
        return ItemizedStatements(subjects: subjects, columns: columns, kinds: kernel.kinds, currency: settings.currency, holds: holds)
    }

    /// Appends the subject's statement by the kernel; false, with nothing appended and no
    /// step counted, when the general evaluator must make it (and report any error, with the
    /// statement it was making).
    private func itemizedStatement(
        of subject: Value, at position: Int, _ kernel: ItemizedPlanKernel, _ frame: RowFrame,
        _ balances: BroughtBalances?, _ work: inout ItemizedWork, into columns: inout ItemizedStatementColumns,
        _ machine: Machine
    ) -> Bool {
        let steps = machine.steps
        do throws(RuntimeError) {
            let key = try key(of: subject, at: position, machine)
            // The kernel knows nothing of balances: a statement that brings one forward is the general evaluator's.
            if let balances, balances.amount(for: key) != nil { return false }
            guard let rows = try kernel.rows(of: subject, machine, scratch: &work.rows),
                let computed = kernel.statement(rows, frame, small: work.small, decimal: work.decimal, labels: &work.labels)
            else {
                machine.steps = steps
                return false
            }
            // What the general evaluator counts: the statement, its lines, and a line per item.
            let lineBytes = Machine.valueBytes + Machine.recordBytes(fields: 2)
            try machine.created(Machine.recordBytes(fields: 4) + (self.lines.count + 2) * lineBytes, at: subjects.range)
            for pipeline in kernel.lines.compactMap(\.pipeline) { try machine.created(rows[pipeline].count * lineBytes, at: range) }
            switch computed {
            case .small: kernel.write(work.small, SmallNumbers.self, rows, labels: work.labels, key: key, into: &columns)
            case .decimal: kernel.write(work.decimal, DecimalNumbers.self, rows, labels: work.labels, key: key, into: &columns)
            }
            return true
        } catch {
            machine.steps = steps
            return false
        }
    }
}

/// The buffers one thread reuses from statement to statement.
struct ItemizedWork {
    let small: ItemSpace<SmallAmount>
    let decimal: ItemSpace<DecimalNumber>
    var rows: [[Int32]]
    var labels: [String] = []

    init(_ kernel: ItemizedPlanKernel) {
        small = ItemSpace(kernel, SmallNumbers.self)
        decimal = ItemSpace(kernel, DecimalNumbers.self)
        rows = Array(repeating: [], count: kernel.pipelines.count)
    }
}
