// Lists stored by column read exactly as lists of values: items, equality, printing, fields,
// sums; and decimal columns keep every value's representation as they widen.

import Foundation
import Testing

@testable import CampaignRules

struct ColumnStorageTests {
    static let rules = """
        record Row {
          id: Text
          sales: Money
          followers: Number
          rate: Percent = 5%
        }
        input rows: list of Row
        output every = rows
        output big = rows where it.sales > $100
        output sales = rows.sales
        output total = sum(rows.sales)
        output rates = rows select it.rate
        """

    static func rows(_ count: Int) -> Value {
        .list(
            (0..<count).map { index in
                .record([
                    ("id", .text("c\(index)")),
                    ("sales", .money(DecimalNumber(isNegative: index % 7 == 0, coefficient: UInt128(index * 1_234), exponent: -2), .usd)),
                    ("followers", .number(DecimalNumber(index))),
                ])
            })
    }

    /// An input of records becomes a table; every output reads as it would from an array of records.
    @Test func tablesReadAsListsOfRecords() throws {
        let program = try #require(Engine().compile(SourceFile(path: "c.rules", text: ColumnStorageTests.rules)).program)
        let inputs = ["rows": ColumnStorageTests.rows(200)]
        let bound = try program.bind(inputs)
        guard case .list(let table)? = bound.values.first, case .table = table.storage else {
            Issue.record("the input was not stored by column")
            return
        }
        let fast = try program.evaluateOutputs(inputs: inputs)
        program.usesKernels = false
        let general = try program.evaluateOutputs(inputs: inputs)
        for (a, b) in zip(fast, general) {
            #expect(JSONWriter.value(a.value) == JSONWriter.value(b.value), "\(a.name)")
            #expect(a.value.description == b.value.description)
            #expect(try a.value.isEqual(to: b.value))
        }
        // A record read from the table is the record that went in, with the field's default filled.
        let every = try #require(fast.first { $0.name == "every" }?.value.items)
        #expect(every.count == 200)
        #expect(every[7]["sales"]?.description == "-$86.38")
        #expect(every[7]["rate"]?.description == "5%")
        #expect(try fast.first { $0.name == "total" }?.value.isEqual(to: .money(DecimalNumber.parse("175425.44")!, .usd)) == true)
    }

    /// Values that do not share an exponent, do not fit 32 bits, or are negative zeros are kept
    /// exactly, widening the column as they come.
    @Test func decimalColumnsWidenAndKeepRepresentations() {
        let values = ["12.50", "7.25", "3000000000.00", "-0.00", "1.5", "1E+3", "99999999999999999999.99", "0"]
            .map { DecimalNumber.parse($0)! }
        for prefix in 1...values.count {
            let column = DecimalColumn(values.prefix(prefix))
            #expect(column.count == prefix)
            for index in 0..<prefix {
                #expect(column[index].scientificDescription == values[index].scientificDescription, "\(prefix): \(index)")
                #expect(column[index].isNegative == values[index].isNegative)
            }
        }
        var joined = DecimalColumn(values.prefix(2))
        joined.append(contentsOf: DecimalColumn(values.dropFirst(2)))
        #expect((0..<values.count).map { joined[$0].scientificDescription } == values.map(\.scientificDescription))
    }

    /// Cents beside whole yen keep a 32-bit coefficient and an exponent each, read back, joined
    /// in any order and gathered exactly; a value that does not fit moves the column to decimals.
    @Test func mixedExponentsKeepACoefficientAndAnExponentEach() {
        let cents = ["575.67", "42.66", "-3.10", "0.00"].map { DecimalNumber.parse($0)! }
        let yen = ["86409", "135328", "1E+2", "-7"].map { DecimalNumber.parse($0)! }
        let mixed = zip(cents, yen).flatMap { [$0, $1] }
        let column = DecimalColumn(mixed)
        guard case .scaled = column.storage else {
            Issue.record("expected one exponent per value, found \(column.storage)")
            return
        }
        #expect((0..<mixed.count).map { column[$0].scientificDescription } == mixed.map(\.scientificDescription))
        for (first, second) in [(cents, yen), (yen, cents), (mixed, cents), (cents, mixed)] {
            var joined = DecimalColumn(first)
            joined.append(contentsOf: DecimalColumn(second))
            #expect((0..<joined.count).map { joined[$0].scientificDescription } == (first + second).map(\.scientificDescription))
        }
        let gathered = column.gathering([7, 0, 3])
        #expect(
            [7, 0, 3].map { gathered[$0 == 7 ? 0 : $0 == 0 ? 1 : 2].scientificDescription } == [7, 0, 3].map { mixed[$0].scientificDescription })
        var widened = column
        let large = DecimalNumber.parse("99999999999999999999.99")!, negativeZero = DecimalNumber.parse("-0.0")!
        widened.append(large)
        widened.append(negativeZero)
        #expect((0..<widened.count).map { widened[$0].scientificDescription } == (mixed + [large, negativeZero]).map(\.scientificDescription))
        #expect(widened[widened.count - 1].isNegative)
    }

    /// Whatever the order of appends — values, kernel amounts, blocks of coefficients, other
    /// columns — a column reads back exactly what went in, through every width from 16 bits
    /// to whole decimals, and sums and gathers as its values do.
    @Test(arguments: 1...40)
    func randomAppendsReadBackExactly(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed) &* 0x9E37)
        // Most runs stay at one exponent and small magnitudes, as data does; some do not.
        let widest = [Int64(Int16.max), Int64(Int16.max) * 3, Int64(Int32.max) * 2, Int64.max / 4][seed % 4]
        let exponents: [Int32] = seed % 5 == 0 ? [-2, 0, -4] : [-2]
        func value() -> DecimalNumber {
            if random.next() % 500 == 0 { return DecimalNumber.parse("-0.00")! }
            let magnitude = Int64(random.next() % UInt64(random.next() % 7 == 0 ? widest : Int64(Int16.max) / 2))
            let exponent = exponents[Int(random.next() % UInt64(exponents.count))]
            return DecimalNumber(signedCoefficient: random.next() % 3 == 0 ? -magnitude : magnitude, storedExponent: exponent)
        }
        func piece() -> (DecimalColumn, [DecimalNumber]) {
            var column = DecimalColumn(), values: [DecimalNumber] = []
            for _ in 0..<Int(random.next() % 300) {
                switch random.next() % 4 {
                case 0:
                    let block = (0..<Int(random.next() % 20)).map { _ in Int64(random.next() % UInt64(widest)) - Int64(widest / 2) }
                    let exponent = exponents[Int(random.next() % UInt64(exponents.count))]
                    block.withUnsafeBufferPointer { column.append($0, exponent: exponent) }
                    values += block.map { DecimalNumber(signedCoefficient: $0, storedExponent: exponent) }
                case 1:
                    let next = value()
                    if let small = SmallAmount(next) {
                        column.append(small)
                        values.append(small.decimal)
                    }
                default:
                    let next = value()
                    column.append(next)
                    values.append(next)
                }
            }
            return (column, values)
        }
        var (column, values) = piece()
        for _ in 0..<3 {
            let (other, more) = piece()
            column.append(contentsOf: other)
            values += more
        }
        #expect(column.count == values.count)
        #expect((0..<column.count).map { column[$0].scientificDescription } == values.map(\.scientificDescription))
        #expect((0..<column.count).map { column[$0].isNegative } == values.map(\.isNegative))
        let rows = (0..<column.count).filter { $0 % 3 == 0 }.map(Int32.init)
        let gathered = column.gathering(rows)
        #expect((0..<gathered.count).map { gathered[$0].scientificDescription } == rows.map { values[Int($0)].scientificDescription })
        if let sum = column.exactSum(), let first = values.first {
            var expected = first
            for next in values.dropFirst() { expected = try expected.adding(next) }
            #expect(sum.scientificDescription == expected.scientificDescription)
        }
    }

    /// A column of small counts stays at two bytes a value; the first that does not fit moves it to four.
    @Test func smallCountsTakeTwoBytesUntilOneDoesNot() {
        var column = DecimalColumn((0..<1_000).map { DecimalNumber($0 % 30_000) })
        guard case .int16 = column.storage else {
            Issue.record("expected 16-bit coefficients, found \(column.storage)")
            return
        }
        column.append(DecimalNumber(40_000))
        guard case .int32(_, let coefficients) = column.storage else {
            Issue.record("expected 32-bit coefficients, found \(column.storage)")
            return
        }
        #expect(coefficients.count == 1_001 && coefficients.last == 40_000 && coefficients[999] == 999)
    }

    /// A column sums to what adding its values one by one gives, or declines.
    @Test func exactSumsMatchAddingInOrder() throws {
        var random = SplitMix64(state: 42)
        for _ in 0..<200 {
            let values = (0..<Int.random(in: 1...50, using: &random)).map { _ in
                DecimalNumber(
                    isNegative: Bool.random(using: &random), coefficient: UInt128(UInt32.random(in: 0...UInt32.max, using: &random)),
                    exponent: -2)
            }
            guard let sum = DecimalColumn(values).exactSum() else { continue }
            var expected = values[0]
            for value in values.dropFirst() { expected = try expected.adding(value) }
            #expect(sum.scientificDescription == expected.scientificDescription)
        }
    }

    /// `DataImport.load(contentsOfFile:)` reads a file a chunk at a time into what loading its
    /// bytes gives, and names an unreadable file.
    @Test func loadingAFileMatchesLoadingItsBytes() throws {
        let program = try #require(Engine().compile(SourceFile(path: "c.rules", text: ColumnStorageTests.rules)).program)
        let type = try #require(program.declaredType(ofInput: "rows"))
        var text = "id,sales,followers\n"
        for index in 0..<30_000 { text += "c\(index),\(index % 5_000).\(index % 100),\(index)\n" }
        let path = NSTemporaryDirectory() + "column-storage-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = Limits.default
        limits.maximumThreads = 2
        let fromFile = try DataImport.load(contentsOfFile: path, as: type, limits: limits)
        let fromBytes = try DataImport.load(Array(text.utf8), path: path, as: type)
        #expect(JSONWriter.value(fromFile) == JSONWriter.value(fromBytes))
        #expect(throws: DataImportError.self) { try DataImport.load(contentsOfFile: path + ".missing", as: type) }
    }
}

/// A statement's lines keep each line's kind; a plan may have more lines than 16 bits count.
struct StatementLineKindTests {
    @Test func manyKindsOfLineKeepTheirShapesAndLabels() {
        let count = 70_000
        let shapes = (0..<count).map { RecordShape.planLine(titled: "Line \($0)") }
        let lines = StatementLines(
            labels: (0..<count).map { "Line \($0)" }, amounts: DecimalColumn((0..<count).map { DecimalNumber($0) }),
            shapes: shapes, explanations: [], currency: .usd)
        for index in [0, 8, 9, 65_535, 65_536, count - 1] {
            #expect(lines.shape(at: index) === shapes[index])
            #expect(lines.label(at: index) == "Line \(index)")
            #expect(lines.amount(at: index).compare(DecimalNumber(index)) == 0)
        }
        #expect(lines.columns.kinds.count == count)
    }

    @Test func linesOfOneShapeShareAKind() {
        let shape = RecordShape.planLine(titled: "Order …"), other = RecordShape.statementLine
        let lines = StatementLines(
            labels: ["Order 1", "Order 2", "Cap", "Order 3"], amounts: DecimalColumn([1, 2, -1, 3].map { DecimalNumber($0) }),
            shapes: [shape, shape, other, shape], explanations: [], currency: .usd)
        #expect(lines.columns.kinds.count == 2)
        #expect((0..<4).map { lines.label(at: $0) } == ["Order 1", "Order 2", "Cap", "Order 3"])
        #expect(lines.labelEquals("Cap", forEveryLineOfKindAt: 2) == nil)
    }
}

/// Columns built in parts and joined (as threads convert a CSV file's parts) hold what one
/// builder given every value in turn holds, whatever mix of kinds each part has.
struct ColumnJoinTests {
    static func money(_ cents: Int, _ code: String) -> Value {
        .money(DecimalNumber(isNegative: false, coefficient: UInt128(cents), exponent: -2), Currency(code: code)!)
    }

    static let usdOnly = (0..<50).map { money($0 * 100 + 1, "USD") }
    static let mixed = (0..<50).map { money($0 * 7 + 3, ["USD", "EUR", "GBP"][$0 % 3]) }
    static let eurOnly = (0..<50).map { money($0 * 3 + 2, "EUR") }

    static func built(_ values: [Value]) -> ColumnBuilder {
        var builder = ColumnBuilder()
        for value in values { builder.append(value) }
        return builder
    }

    @Test(arguments: [
        [usdOnly, mixed], [mixed, usdOnly], [mixed, mixed], [usdOnly, eurOnly], [eurOnly, mixed, usdOnly],
    ])
    func joinedPartsHoldWhatOneBuilderHolds(_ parts: [[Value]]) {
        var joined = ColumnJoinTests.built(parts[0])
        for part in parts.dropFirst() { joined.append(contentsOf: ColumnJoinTests.built(part)) }
        let whole = ColumnJoinTests.built(parts.flatMap { $0 })
        #expect(joined.count == whole.count)
        // Exactly, with each amount's exponent and currency, and as the values given.
        let exact = { (list: ValueList) in list.map { DataPlainRowsTests.exact($0) } }
        #expect(exact(joined.list()) == exact(whole.list()))
        #expect(exact(joined.list()) == parts.flatMap { $0 }.map { DataPlainRowsTests.exact($0) })
    }
}
