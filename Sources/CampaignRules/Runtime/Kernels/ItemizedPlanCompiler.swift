// Compiles a plan paid item by item over groups into an `ItemizedPlanKernel`, or declines.

/// The fields of an itemized line's item as kernel code reads them.
struct ItemFields {
    enum Field {
        /// The row's column of this name (`id: it.order_id`).
        case column(String)
        /// A value computed for each item, kept at `slot` of the item's amounts and read from
        /// `register` while a line runs for the item.
        case amount(register: Int, Quantity.Unit, slot: Int)
        case truth(register: Int, slot: Int)
    }

    var fields: [String: Field] = [:]
    /// True when the items are the rows themselves (no `select`): each column is a field.
    let rowColumns: Bool

    subscript(name: String) -> Field? {
        fields[name] ?? (rowColumns ? .column(name) : nil)
    }
}

extension ItemizedPlanKernel {
    /// The kernel of `source` for groups of `table`'s rows; nil when any part uses what a
    /// kernel does not handle (the plan then runs on the general evaluator, as before).
    static func compile(_ source: ItemizedPlanSource, for plan: CompiledPlan, table: RecordTable) -> ItemizedPlanKernel? {
        let currency = plan.settings.currency
        var compiler = RowKernelCompiler(program: source.program, table: table, rowSlot: -1)
        var pipelines: [Pipeline] = []
        var itemFields: [ItemFields] = []
        for pipeline in source.pipelines {
            guard let (compiled, fields) = compile(pipeline, &compiler) else { return nil }
            pipelines.append(compiled)
            itemFields.append(fields)
        }
        var lines: [Line] = []
        for (index, (line, pipeline)) in zip(source.plan.lines, source.linePipelines).enumerated() {
            var scope: [Int: RowKernelCompiler.Local] = [:]
            if let items = line.items, let pipeline { scope[items.slot] = .item(itemFields[pipeline]) }
            compiler.scopes = [scope]
            let stepsBefore = compiler.stepsPerRow
            var condition: TruthCode?
            if let written = line.condition {
                guard let code = compiler.truth(written) else { return nil }
                condition = code
            }
            guard let amount = compiler.money(line.amount, currency, inBranch: condition != nil),
                let label = label(line.label, fields: pipeline.map { itemFields[$0] }, itemSlot: line.items?.slot, table)
            else { return nil }
            let perItem = BoundExpression.perItem([line.label, line.condition, line.amount]) + compiler.stepsPerRow - stepsBefore
            var kind = LineColumns.Kind(shape: plan.lines[index].shape, label: kindLabel(label))
            if line.items != nil, let pipeline {
                guard let key = itemKey(itemFields[pipeline], table) else { return nil }
                kind.itemKey = key
            }
            lines.append(
                Line(
                    pipeline: pipeline, condition: condition, amount: amount, isDeduction: line.kind == .deduct, label: label,
                    kind: kind, perItem: perItem))
        }
        compiler.scopes = [[:]]
        var limits: [AmountCode?] = []
        for limit in [source.plan.cap, source.plan.minimum] {
            guard let limit else {
                limits.append(nil)
                continue
            }
            guard let code = compiler.money(limit, currency, inBranch: false) else { return nil }
            limits.append(code)
        }
        let kernel = RowKernel(
            parts: [], amountRegisters: compiler.amountRegisters, truthRegisters: compiler.truthRegisters,
            globals: compiler.globals, callDepth: compiler.deepestCall, stepsPerRow: 0)
        return ItemizedPlanKernel(
            kernel: kernel, table: table, pipelines: pipelines, lines: lines, cap: limits[0], minimum: limits[1],
            checksCap: !(source.plan.cap.map(isConstant) ?? true), checksMinimum: !(source.plan.minimum.map(isConstant) ?? true),
            holdsNegative: plan.carry != nil,
            currency: currency, rounding: plan.settings.rounding)
    }

    /// How a line's labels are found: one text for all, made from the item's row when read
    /// where every part always shows, else kept as the statement is made.
    private static func kindLabel(_ parts: [LabelPart]) -> LineColumns.KindLabel {
        if parts.count == 1, case .text(let text) = parts[0] { return .constant(text) }
        var made: [LabelMaker.Part] = []
        for part in parts {
            switch part {
            case .text(let text): made.append(.text(text))
            case .column(let column) where LabelMaker.alwaysShows(column): made.append(.column(column))
            default: return .kept
            }
        }
        return .made(LabelMaker(made))
    }

    /// The column an item's key is read from (see `ItemKey`): `.some(nil)` when the items
    /// have no key field, nil when the key is computed, which the general evaluator keeps.
    private static func itemKey(_ fields: ItemFields, _ table: RecordTable) -> RecordTable.Column?? {
        let names = fields.rowColumns ? ItemKey.fieldNames.filter { table.shape.index(of: $0) != nil } : ItemKey.fieldNames
        guard let name = names.first(where: { fields[$0] != nil }) else { return .some(nil) }
        guard case .column(let column)? = fields[name], let index = table.shape.index(of: column) else { return nil }
        return .some(table.columns[index])
    }

    private static func isConstant(_ expression: BoundExpression) -> Bool {
        if case .constant = expression.kind { return true }
        return false
    }

    /// A pipeline's `select` fields (columns of the row, or amounts and truths computed per
    /// item) and its `running` total, with the fields its items have.
    private static func compile(_ pipeline: ItemizedPlanSource.Pipeline, _ compiler: inout RowKernelCompiler) -> (Pipeline, ItemFields)? {
        var fields = ItemFields(rowColumns: pipeline.select == nil)
        var amounts: [(AmountCode, register: Int)] = [], truths: [(TruthCode, register: Int)] = []
        let stepsBefore = compiler.stepsPerRow
        if let select = pipeline.select {
            compiler.scopes = [[select.itSlot: .row]]
            for (name, expression) in zip(select.shape.fieldNames, select.fields) {
                if let column = compiler.columnName(of: expression) {
                    fields.fields[name] = .column(column)
                    continue
                }
                switch compiler.compile(expression) {
                case .amount(let operand, let unit)?:
                    let register = compiler.newAmountRegister()
                    fields.fields[name] = .amount(register: register, unit, slot: amounts.count)
                    amounts.append((operand.code, register))
                case .truth(let code)?:
                    guard let (local, _) = compiler.newLocal(for: .truth(code)), case .truth(let register) = local else { return nil }
                    fields.fields[name] = .truth(register: register, slot: truths.count)
                    truths.append((code, register))
                default:
                    return nil
                }
            }
        }
        var running: (AmountCode, register: Int)?
        if let sum = pipeline.running {
            compiler.scopes = [[sum.itSlot: .item(fields)]]
            guard case .amount(let operand, let unit)? = compiler.compile(sum.value) else { return nil }
            let register = compiler.newAmountRegister()
            fields.fields[sum.name] = .amount(register: register, unit, slot: amounts.count)
            running = (operand.code, register)
        }
        var sort: (orders: [ColumnOrder], perItem: Int, range: SourceRange)?
        let sorted = pipeline.itemsSorted
        let orders = sorted.keys.compactMap { key in
            compiler.table.shape.index(of: key.field).flatMap { ColumnOrder(compiler.table.columns[$0], descending: key.descending) }
        }
        if orders.count == sorted.keys.count { sort = (orders, sorted.perItem, sorted.range) }
        let compiled = Pipeline(
            rows: pipeline.rows, sort: sort, amounts: amounts, truths: truths, running: running,
            perItem: pipeline.perItem + compiler.stepsPerRow - stepsBefore)
        return (compiled, fields)
    }

    /// A constant label, or one that shows fields of the item.
    private static func label(_ expression: BoundExpression, fields: ItemFields?, itemSlot: Int?, _ table: RecordTable) -> [LabelPart]? {
        switch expression.kind {
        case .constant(.text(let text)): return [.text(text)]
        case .interpolation(let parts):
            var label: [LabelPart] = []
            for part in parts {
                switch part {
                case .text(let text): label.append(.text(text))
                case .value(let value):
                    guard let fields, case .field(let base, let name) = value.kind, case .local(itemSlot) = base.kind else { return nil }
                    switch fields[name] {
                    case .column(let column)?:
                        guard let index = table.shape.index(of: column) else { return nil }
                        label.append(.column(table.columns[index]))
                    case .amount(_, let unit, let slot)?: label.append(.amount(slot: slot, unit))
                    case .truth(_, let slot)?: label.append(.truth(slot: slot))
                    case nil: return nil
                    }
                }
            }
            return label
        default:
            return nil
        }
    }
}

extension RowKernelCompiler {
    /// An amount a statement pays: money of the campaign's currency.
    mutating func money(_ expression: BoundExpression, _ currency: Currency, inBranch: Bool) -> AmountCode? {
        let compiled = inBranch ? branch({ $0.compile(expression) }) : compile(expression)
        guard case .amount(let operand, .money(currency))? = compiled else { return nil }
        return operand.code
    }
}
