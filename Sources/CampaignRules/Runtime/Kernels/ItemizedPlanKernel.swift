// A plan paid item by item over groups as one kernel: the items' fields, running totals and lines.

/// What a plan over groups computes for one group, compiled for the rows of the grouped table
/// (see `ItemizedPlanSource` for the plans it covers).
///
/// For each statement the general evaluator finds each pipeline's rows (the group's items,
/// sorted); the kernel then computes, as the general evaluator would: each item's `select`ed
/// amounts and its `running` total, in item order; each line for each item in turn (its
/// condition, its amount rounded to the currency's minor unit, added to the total); then the cap
/// and the minimum, as `PlanKernel` does. Where any of it gives up (`Deopt`), or a label cannot
/// be shown, the whole statement is made again by the general evaluator, which then produces
/// it or the error, with its location and the item it was for.
///
/// Pipelines and lines are classes: read for every statement and line, a struct of arrays and
/// codes was copied each time, counting a reference for each of its fields.
final class ItemizedPlanKernel: @unchecked Sendable {
    final class Pipeline {
        let rows: Node
        /// For the group's items sorted by columns: the orders, and the steps and place the
        /// sort counts at; the kernel then sorts the rows itself, as `SortNode` would.
        let sort: (orders: [ColumnOrder], perItem: Int, range: SourceRange)?
        /// The computed fields, each stored at its slot of the item's amounts (or truths) and
        /// in its register; the running total comes after the amounts.
        let amounts: [(AmountCode, register: Int)]
        let truths: [(TruthCode, register: Int)]
        let running: (AmountCode, register: Int)?
        /// The steps the general evaluator counts for each item (the select and the running
        /// loops, with the calls they always make).
        let perItem: Int

        var width: Int { amounts.count + (running == nil ? 0 : 1) }

        init(
            rows: Node, sort: (orders: [ColumnOrder], perItem: Int, range: SourceRange)?, amounts: [(AmountCode, register: Int)],
            truths: [(TruthCode, register: Int)], running: (AmountCode, register: Int)?, perItem: Int
        ) {
            (self.rows, self.sort, self.amounts, self.truths, self.running, self.perItem) = (rows, sort, amounts, truths, running, perItem)
        }
    }

    /// A part of a line's label: text, or a field of the item shown as the general evaluator shows it.
    enum LabelPart {
        case text(String)
        case column(RecordTable.Column)
        case amount(slot: Int, Quantity.Unit)
        case truth(slot: Int)
    }

    final class Line {
        /// The pipeline whose items the line runs over; nil for a line paid once.
        let pipeline: Int?
        let condition: TruthCode?
        let amount: AmountCode
        let isDeduction: Bool
        /// The label's parts, made when the statement is (for a kind that keeps its labels).
        let label: [LabelPart]
        let kind: LineColumns.Kind
        let perItem: Int

        init(
            pipeline: Int?, condition: TruthCode?, amount: AmountCode, isDeduction: Bool, label: [LabelPart], kind: LineColumns.Kind,
            perItem: Int
        ) {
            (self.pipeline, self.condition, self.amount, self.isDeduction) = (pipeline, condition, amount, isDeduction)
            (self.label, self.kind, self.perItem) = (label, kind, perItem)
        }
    }

    let kernel: RowKernel
    let table: RecordTable
    let pipelines: [Pipeline]
    let lines: [Line]
    let cap: AmountCode?, minimum: AmountCode?
    /// Whether the cap and the minimum are computed, so each statement checks them (see `PlanKernel`).
    let checksCap: Bool, checksMinimum: Bool
    /// Whether the plan carries balances, so a total below zero is held (by the general evaluator).
    let holdsNegative: Bool
    let currency: Currency
    let rounding: DecimalNumber.RoundingMode
    /// Each plan line's kind of statement line, then the cap's and the minimum's.
    let kinds: [LineColumns.Kind]
    /// Whether some line keeps each label as text, and whether lines keep their item's row, to
    /// make a label or read an item's key from when the line is read.
    let keepsLabels: Bool, keepsRows: Bool
    /// Where a label's error would point; never reported, the general evaluator reports it.
    private static let unlocated = SourceRange(start: 0, end: 0)

    init(
        kernel: RowKernel, table: RecordTable, pipelines: [Pipeline], lines: [Line], cap: AmountCode?, minimum: AmountCode?,
        checksCap: Bool, checksMinimum: Bool, holdsNegative: Bool, currency: Currency, rounding: DecimalNumber.RoundingMode
    ) {
        self.holdsNegative = holdsNegative
        (self.kernel, self.table, self.pipelines, self.lines) = (kernel, table, pipelines, lines)
        (self.cap, self.minimum, self.checksCap, self.checksMinimum) = (cap, minimum, checksCap, checksMinimum)
        (self.currency, self.rounding) = (currency, rounding)
        kinds =
            lines.map(\.kind) + [
                .init(shape: .statementLine, label: .constant(CompiledPlan.capLabel)),
                .init(shape: .statementLine, label: .constant(CompiledPlan.belowMinimumLabel)),
            ]
        keepsLabels = kinds.contains { if case .kept = $0.label { true } else { false } }
        keepsRows = kinds.contains { kind in
            if case .made = kind.label { return true }
            return kind.itemKey != nil
        }
    }

    /// Which of a thread's two spaces holds the statement just computed.
    enum Computed {
        case small, decimal
    }

    /// Computes the statement and its labels (into `labels`); nil when the kernel gave up on
    /// it or a label cannot be shown.
    func statement(
        _ rows: [ArraySlice<Int32>], _ frame: RowFrame, small: ItemSpace<SmallAmount>, decimal: ItemSpace<DecimalNumber>,
        labels: inout [String]
    ) -> Computed? {
        if frame.small({ () throws(Deopt) in try compute(SmallNumbers.self, rows, frame, small) }) != nil {
            return self.labels(small, SmallNumbers.self, rows, into: &labels) ? .small : nil
        }
        let steps = frame.machine.steps
        do throws(Deopt) {
            try compute(DecimalNumbers.self, rows, frame, decimal)
            return self.labels(decimal, DecimalNumbers.self, rows, into: &labels) ? .decimal : nil
        } catch {
            frame.machine.steps = steps
            return nil
        }
    }

    /// Appends the statement computed in `space` to the columns: its lines (with the labels
    /// kept and the item rows labels and item keys are read from), the cap's and the minimum's, its key and total.
    func write<N: KernelNumbers>(
        _ space: ItemSpace<N.Amount>, _: N.Type, _ rows: [ArraySlice<Int32>], labels: [String], key: Value,
        into columns: inout ItemizedStatementColumns
    ) {
        if keepsLabels { columns.labels += labels }
        for (position, index) in space.paidLines.enumerated() {
            columns.kindOfLine.append(UInt32(index))
            columns.amounts.append(N.decimal(space.paidAmounts[position]))
            guard keepsRows else { continue }
            let item = Int(space.paidItems[position])
            if let pipeline = lines[Int(index)].pipeline {
                columns.rows.append(rows[pipeline][rows[pipeline].startIndex + item])
            } else {
                columns.rows.append(0)
            }
        }
        for (limit, kind) in [(space.cap, lines.count), (space.minimum, lines.count + 1)] {
            guard let limit else { continue }
            columns.kindOfLine.append(UInt32(kind))
            columns.amounts.append(N.decimal(limit))
            if keepsRows { columns.rows.append(0) }
        }
        columns.endStatement(key: key, total: N.decimal(space.total))
    }

    /// The statement into `space`: each pipeline's items, then each line, the cap and the minimum.
    private func compute<N: KernelNumbers>(
        _: N.Type, _ rows: [ArraySlice<Int32>], _ frame: RowFrame,
        _ space: ItemSpace<N.Amount>
    ) throws(Deopt) {
        space.clear()
        for (index, pipeline) in pipelines.enumerated() {
            try items(of: pipeline, rows[index], N.self, frame, into: &space.amounts[index], &space.truths[index])
        }
        var total = N.zero
        for (index, line) in lines.enumerated() {
            guard let pipeline = line.pipeline else {
                if let paid = try pay(line, N.self, frame) { total = try space.add(index, item: 0, paid, to: total, N.self) }
                continue
            }
            // Read once per line, not per item: each read of a struct or array counts references.
            let items = rows[pipeline], fields = pipelines[pipeline], amounts = space.amounts[pipeline], truths = space.truths[pipeline]
            for item in 0..<items.count {
                try frame.step(line.perItem)
                frame.row = Int(items[items.startIndex + item])
                load(item, of: fields, amounts, truths, N.self, frame)
                if let paid = try pay(line, N.self, frame) { total = try space.add(index, item: item, paid, to: total, N.self) }
            }
        }
        space.total = try limited(total, N.self, frame, space)
    }

    /// Each item's computed fields and running total, in item order.
    @inline(__always)
    private func items<N: KernelNumbers>(
        of pipeline: Pipeline, _ rows: ArraySlice<Int32>, _: N.Type, _ frame: RowFrame,
        into amounts: inout [N.Amount], _ truths: inout [Bool]
    ) throws(Deopt) {
        var sum: N.Amount?
        for row in rows {
            try frame.step(pipeline.perItem)
            frame.row = Int(row)
            for (code, register) in pipeline.amounts {
                let value = try N.amount(code, frame)
                amounts.append(value)
                N.store(value, in: register, frame)
            }
            for (code, register) in pipeline.truths {
                let value = try N.truth(code, frame)
                truths.append(value)
                frame.truths[register] = value
            }
            guard let (code, _) = pipeline.running else { continue }
            let value = try N.amount(code, frame)
            // The first item's total is its own value, as `running` makes it.
            let next = try sum.map { (so) throws(Deopt) in try N.sum(so, value) } ?? value
            sum = next
            amounts.append(next)
        }
    }

    /// Puts an item's computed fields in their registers.
    @inline(__always)
    private func load<N: KernelNumbers>(_ item: Int, of pipeline: Pipeline, _ amounts: [N.Amount], _ truths: [Bool], _: N.Type, _ frame: RowFrame) {
        let width = pipeline.width
        for (slot, field) in pipeline.amounts.enumerated() { N.store(amounts[item * width + slot], in: field.register, frame) }
        if let running = pipeline.running { N.store(amounts[item * width + pipeline.amounts.count], in: running.register, frame) }
        for (slot, field) in pipeline.truths.enumerated() { frame.truths[field.register] = truths[item * pipeline.truths.count + slot] }
    }

    /// A line's amount for the item in the frame, rounded as paid; nil when its condition is false.
    @inline(__always)
    private func pay<N: KernelNumbers>(_ line: Line, _: N.Type, _ frame: RowFrame) throws(Deopt) -> N.Amount? {
        if let condition = line.condition, !(try N.truth(condition, frame)) { return nil }
        let written = try N.amount(line.amount, frame)
        return try N.payment(line.isDeduction ? N.opposite(written) : written, places: currency.minorDigits, mode: rounding)
    }

    /// The total after the cap and the minimum, each kept in `space` when it applies.
    private func limited<N: KernelNumbers>(_ lines: N.Amount, _: N.Type, _ frame: RowFrame, _ space: ItemSpace<N.Amount>) throws(Deopt) -> N.Amount {
        var total = lines
        // A plan that carries balances holds a total below zero, on a line the general evaluator adds.
        if holdsNegative, N.sign(total) < 0 { throw Deopt() }
        if let cap {
            let limit = try payable(try N.amount(cap, frame), checked: checksCap, N.self)
            if N.order(total, limit) > 0 {
                let reduction = try N.difference(limit, total)
                space.cap = reduction
                total = try N.sum(total, reduction)
            }
        }
        if let minimum {
            let floor = try payable(try N.amount(minimum, frame), checked: checksMinimum, N.self)
            if N.sign(total) > 0, N.order(total, floor) < 0 {
                space.minimum = N.opposite(total)
                total = try N.sum(total, N.opposite(total))
            }
        }
        return total
    }

    /// A cap or minimum a statement can pay: zero or more, in whole minor units; any other goes
    /// to the general evaluator, which reports it.
    @inline(__always)
    private func payable<N: KernelNumbers>(_ limit: N.Amount, checked: Bool, _: N.Type) throws(Deopt) -> N.Amount {
        guard checked else { return limit }
        guard N.sign(limit) >= 0, N.order(try N.payment(limit, places: currency.minorDigits, mode: .down), limit) == 0 else { throw Deopt() }
        return limit
    }

    /// The labels the statement keeps, one per line ("" for a line whose kind does not keep
    /// them), into `labels`; false when one cannot be shown.
    private func labels<N: KernelNumbers>(
        _ space: ItemSpace<N.Amount>, _: N.Type, _ rows: [ArraySlice<Int32>],
        into labels: inout [String]
    ) -> Bool {
        labels.removeAll(keepingCapacity: true)
        guard keepsLabels else { return true }
        for (position, index) in space.paidLines.enumerated() {
            guard case .kept = lines[Int(index)].kind.label else {
                labels.append("")
                continue
            }
            guard let label = label(lines[Int(index)], item: Int(space.paidItems[position]), rows, space, N.self) else { return false }
            labels.append(label)
        }
        if space.cap != nil { labels.append("") }
        if space.minimum != nil { labels.append("") }
        return true
    }

    /// A line's label for an item, its fields shown as text interpolation shows them.
    private func label<N: KernelNumbers>(_ line: Line, item: Int, _ rows: [ArraySlice<Int32>], _ space: ItemSpace<N.Amount>, _: N.Type) -> String? {
        guard let pipeline = line.pipeline else { return nil }
        let items = rows[pipeline]
        var label = ""
        for part in line.label {
            let value: Value
            switch part {
            case .text(let text):
                label += text
                continue
            case .column(let column): value = column.value(at: Int(items[items.startIndex + item]))
            case .amount(let slot, let unit):
                let amount = N.decimal(space.amounts[pipeline][item * pipelines[pipeline].width + slot])
                value = Quantity(amount, unit).value
            case .truth(let slot): value = .bool(space.truths[pipeline][item * pipelines[pipeline].truths.count + slot])
            }
            guard let shown = try? InterpolationNode.shown(value, at: ItemizedPlanKernel.unlocated) else { return nil }
            label += shown
        }
        return label
    }
}
