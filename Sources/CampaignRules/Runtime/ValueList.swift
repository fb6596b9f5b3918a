// ValueList, the items of a list value: plain values, or columns that read as values.

/// The items of a list, in order.
///
/// A list computed by a rule file is an array of values. A list of records loaded from data,
/// and the lists the interpreter derives from one (`where` keeps some of its rows, `select`
/// computes one amount per row, `.field` reads one column), are stored by column instead: a
/// million records then take a few bytes a field rather than a few hundred bytes a record,
/// and the evaluator can read a field without unpacking a record. Whatever the storage, a
/// list reads the same: its items are values, and the storage never shows in a result.
public struct ValueList: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    enum Storage: Sendable {
        case values([Value])
        /// Rows of a table: all of them in order, or those at `rows`.
        case table(RecordTable, rows: [Int32]?)
        /// Numbers, percents or amounts of one unit.
        case amounts(AmountColumn)
        /// A plan's statements.
        case statements(StatementTable)
        /// A plan's statements, paid item by item.
        case itemized(ItemizedStatements)
        /// The groups of a `group by` over loaded rows.
        case groups(GroupList)
        /// An allocation's rows, with the budget they divide (so a table can show what was left).
        case allocation(AllocationRows)
        /// One field of a table's rows (texts, dates, ...), read from its column item by item,
        /// so `rows.id` over a million rows builds no million values until they are used.
        case field(TableField)
        /// The lines of one statement the general evaluator made, stored by column.
        case lines(StatementLines)
        /// The numbers 1 to `count`: the keys of statements whose subjects have no name.
        case positions(count: Int)
    }

    let storage: Storage

    public init(_ values: [Value]) {
        storage = .values(values)
    }

    public init(arrayLiteral elements: Value...) {
        storage = .values(elements)
    }

    init(_ table: RecordTable, rows: [Int32]? = nil) {
        storage = .table(table, rows: rows)
    }

    init(_ statements: StatementTable) {
        storage = .statements(statements)
    }

    init(_ statements: ItemizedStatements) {
        storage = .itemized(statements)
    }

    init(_ groups: GroupList) {
        storage = .groups(groups)
    }

    init(field: TableField) {
        storage = .field(field)
    }

    init(lines: StatementLines) {
        storage = .lines(lines)
    }

    /// The numbers 1 to `count`, made one at a time as they are read.
    init(positionsUpTo count: Int) {
        storage = .positions(count: count)
    }

    init(allocation rows: AllocationRows) {
        storage = .allocation(rows)
    }

    /// Whether this is the statements of a plan with itemized lines, kept by column.
    var isItemizedStatements: Bool {
        if case .itemized = storage { return true }
        return false
    }

    /// Whether this is a plan's statements, kept by column.
    var isStatements: Bool {
        switch storage {
        case .statements, .itemized: true
        default: false
        }
    }

    /// The budget, when this is an allocation's rows.
    public var allocationBudget: Value? {
        if case .allocation(let rows) = storage { return rows.budget }
        return nil
    }

    init(_ amounts: DecimalColumn, _ unit: Quantity.Unit) {
        storage = .amounts(AmountColumn(amounts, unit))
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .values(let values): values.count
        case .table(let table, let rows): rows?.count ?? table.count
        case .amounts(let amounts): amounts.values.count
        case .statements(let statements): statements.count
        case .itemized(let statements): statements.count
        case .groups(let groups): groups.count
        case .allocation(let allocation): allocation.count
        case .field(let field): field.count
        case .lines(let lines): lines.count
        case .positions(let count): count
        }
    }

    public subscript(position: Int) -> Value {
        switch storage {
        case .values(let values): values[position]
        case .table(let table, let rows):
            .record(table.record(at: rows.map { Int($0[position]) } ?? table.indexChecked(position)))
        case .amounts(let amounts): Quantity(amounts.values[position], amounts.unit).value
        case .statements(let statements): statements.statement(at: position)
        case .itemized(let statements): statements.statement(at: position)
        case .groups(let groups): groups.group(at: position)
        case .allocation(let allocation): allocation[position]
        case .field(let field): field[position]
        case .lines(let lines): lines[position]
        case .positions: .number(DecimalNumber(position + 1))
        }
    }

    /// The items as an array of values.
    public var array: [Value] {
        switch storage {
        case .values(let values): values
        case .allocation(let allocation): allocation.rows
        default: Array(self)
        }
    }

    /// `list.field` read from a column without building the records: the field of a table's
    /// rows, the total or subject of a plan's statements; nil for any other list or field.
    func projected(_ field: String) -> ValueList? {
        switch storage {
        case .table(let table, let rows):
            guard let index = table.shape.index(of: field) else { return nil }
            switch table.columns[index] {
            case .amounts(let column, let unit): return ValueList(rows.map(column.gathering) ?? column, unit)
            case .values(let values): return ValueList(rows.map { $0.map { values[Int($0)] } } ?? values)
            case .constant(let value): return ValueList(Array(repeating: value, count: count))
            case let column:
                return ValueList(field: TableField(column, rows: rows, count: count))
            }
        case .statements(let statements):
            switch field {
            case "total": return ValueList(statements.totals, .money(statements.currency))
            case "subject": return statements.subjects
            case "key": return statements.keys
            default: return nil
            }
        case .itemized(let statements):
            return statements.projected(field)
        case .lines(let lines):
            switch field {
            case "label": return ValueList((0..<lines.count).map { .text(lines.label(at: $0)) })
            case "amount": return ValueList(lines.amounts, .money(lines.currency))
            default: return nil
            }
        case .allocation(let allocation):
            switch field {
            case "amount": return ValueList(allocation.amounts, .money(allocation.currency))
            case "item": return allocation.items
            default: return nil
            }
        case .values, .amounts, .field, .positions, .groups:
            return nil
        }
    }

    /// The items of `self` followed by those of `other`.
    static func + (left: ValueList, right: ValueList) -> ValueList {
        ValueList(left.array + right.array)
    }
}

/// A column of amounts of one unit, boxed so that a `ValueList`, and so every `Value`,
/// stays three words wide.
final class AmountColumn: Sendable {
    let values: DecimalColumn
    let unit: Quantity.Unit

    init(_ values: DecimalColumn, _ unit: Quantity.Unit) {
        self.values = values
        self.unit = unit
    }
}

extension Value {
    /// A list of the given values.
    public static func list(_ values: [Value]) -> Value {
        .list(ValueList(values))
    }
}

/// An allocation's rows and its budget, boxed so a `ValueList` stays small.
///
/// Each row `{item, amount}` is made when it is read: the rows hold the list of items itself
/// (a table's rows stay in their columns) and the amounts by column, a few bytes an item,
/// rather than a record per item holding a copy of its item.
final class AllocationRows: Sendable {
    let items: ValueList
    let amounts: DecimalColumn
    let currency: Currency
    let budget: Value

    init(items: ValueList, amounts: DecimalColumn, currency: Currency, budget: Value) {
        self.items = items
        self.amounts = amounts
        self.currency = currency
        self.budget = budget
    }

    var count: Int { amounts.count }

    subscript(position: Int) -> Value {
        .record(RecordValue(shape: .allocationRow, values: [items[position], .money(amounts[position], currency)]))
    }

    var rows: [Value] { (0..<count).map { self[$0] } }
}

/// A column of a table's rows, or of some of them, read as values one at a time.
final class TableField: Sendable {
    let column: RecordTable.Column
    let rows: [Int32]?
    let count: Int

    init(_ column: RecordTable.Column, rows: [Int32]?, count: Int) {
        self.column = column
        self.rows = rows
        self.count = count
    }

    subscript(position: Int) -> Value {
        column.value(at: rows.map { Int($0[position]) } ?? position)
    }
}
