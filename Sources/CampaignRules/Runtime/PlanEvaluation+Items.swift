// Plans paid item by item over groups: by their kernel where it can, statement by statement.

extension CompiledPlan {
    /// The kernel of a plan over groups whose items are rows of one table (as `group by` over
    /// loaded data makes them); nil when the plan has none, the evaluation is explained (the
    /// general evaluator gives the reasons), or a part does not compile.
    func itemizedKernel(for subjects: ValueList, _ machine: Machine) -> ItemizedPlanKernel? {
        guard let itemizedSource, machine.program.usesKernels, !machine.explaining, machine.recorder == nil, subjects.count > 0,
              case .record(let first) = subjects[0], case .list(let items)? = first["items"], let (table, _) = items.tableRows else { return nil }
        return ItemizedPlanKernel.compile(itemizedSource, for: self, table: table)
    }

    /// One statement per group, in order, each by the kernel or, where it gives up, by the
    /// general evaluator; on several threads as the general loop runs.
    func itemizedStatements(_ subjects: ValueList, _ kernel: ItemizedPlanKernel, _ stepRange: SourceRange, _ units: Int,
                            _ machine: Machine) throws(RuntimeError) -> [Value] {
        let parts = try machine.inChunks(subjects.count, at: stepRange, weights: { CompiledPlan.weight(of: subjects[$0]) }) {
            (worker, positions) throws(RuntimeError) -> [Value] in
            var made: [Value] = []
            made.reserveCapacity(positions.count)
            let small = ItemSpace(kernel, SmallNumbers.self), decimal = ItemSpace(kernel, DecimalNumbers.self)
            var scratch = [[Int32]](repeating: [], count: kernel.pipelines.count)
            // No frame until the globals the kernel reads are computed: the general evaluator
            // computes them for the first statement that needs them.
            var frame = kernel.kernel.frame(worker)
            for position in positions {
                try worker.step(stepRange, units)
                let subject = subjects[position]
                worker.setLocal(self.subjectSlot, subject)
                if frame == nil { frame = kernel.kernel.frame(worker) }
                if let frame, let statement = self.itemizedStatement(of: subject, at: position, kernel, frame, small, decimal, &scratch, worker) {
                    made.append(statement)
                } else {
                    made.append(try self.statement(for: subject, at: position, worker))
                }
            }
            return made
        }
        return parts.count == 1 ? parts[0] : parts.flatMap { $0 }
    }

    /// The subject's statement by the kernel; nil, with no step counted, when the general
    /// evaluator must make it (and report any error, with the statement it was making).
    private func itemizedStatement(of subject: Value, at position: Int, _ kernel: ItemizedPlanKernel, _ frame: RowFrame,
                                   _ small: ItemSpace<SmallAmount>, _ decimal: ItemSpace<DecimalNumber>, _ scratch: inout [[Int32]],
                                   _ machine: Machine) -> Value? {
        let steps = machine.steps
        do throws(RuntimeError) {
            guard let rows = try kernel.rows(of: subject, machine, scratch: &scratch), let (lines, total) = kernel.statement(rows, frame, small: small, decimal: decimal) else {
                machine.steps = steps
                return nil
            }
            let key = try key(of: subject, at: position, machine)
            // What the general evaluator counts: the statement, its lines, and a line per item.
            let lineBytes = Machine.valueBytes + Machine.recordBytes(fields: 2)
            try machine.created(Machine.recordBytes(fields: 4) + (self.lines.count + 2) * lineBytes, at: subjects.range)
            for pipeline in kernel.lines.compactMap(\.pipeline) { try machine.created(rows[pipeline].count * lineBytes, at: range) }
            return StatementBuilder.statement(subject: subject, key: key, lines: lines, total: total, explanation: nil)
        } catch {
            machine.steps = steps
            return nil
        }
    }
}
