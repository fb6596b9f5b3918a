// The printers stream: statements read from a plan's columns print byte for byte as the same
// statements built as records, decimals formatted into bytes read as their descriptions, and
// output reaches its destination in chunks, stopping at the first failed write.

import Foundation
import Testing

@testable import CampaignRules

struct StreamingPrinterTests {
    static let rules = """
        record Row {
          id: Text
          sales: Money
          followers: Number
          share: Percent
          reach: Number
        }
        input rows: list of Row

        tiers rate {
          ..< $1_000:        5%
          $1_000 ..< $5_000: 8%
          $5_000 ...:        10%
        }

        plan payouts for r in rows {
          commission "Commission": r.sales * rate(r.sales)
          bonus "Engagement" when r.share >= 3%: $250
          deduct "Refunds" when r.followers < 20: r.sales * 2%
          cap $5_000
          minimum $50
        }

        record Other {
          sales: Money
          note: Text
          reach: Number
          share: Percent
        }
        input others: list of Other

        plan anonymous for r in others {
          commission "Commission": r.sales * 10%
          deduct "Fee" when r.reach > 1_000: $1.50
        }
        """

    /// Rows whose fields need every path: ids to quote in CSV and escape in JSON, amounts in
    /// 32 bits, beyond them, and at several exponents.
    static let rows: Value = .list(
        (0..<300).map { index in
            let id: String =
                switch index % 5 {
                case 0: "c\(index), \"quoted\""
                case 1: "line\nbreak \(index)"
                default: "c\(index)"
                }
            return .record([
                ("id", .text(id)),
                ("sales", .money(DecimalNumber(isNegative: index % 11 == 0, coefficient: UInt128(index * 7_919 % 900_000), exponent: -2), .usd)),
                ("followers", .number(DecimalNumber(index * 3))),
                ("share", .percent(DecimalNumber(isNegative: false, coefficient: UInt128(index % 9), exponent: index % 2 == 0 ? -2 : -3))),
                ("reach", .number(DecimalNumber(isNegative: false, coefficient: UInt128(index) * 10_000_000_000_007, exponent: -(index % 4)))),
            ])
        })

    /// The same rows without an id, so that each subject prints as its whole record.
    static var others: Value {
        guard case .list(let rows) = rows else { return .list([]) }
        return .list(
            rows.map { row in
                .record([
                    ("sales", row["sales"] ?? .number(.zero)), ("note", row["id"] ?? .text("")),
                    ("reach", row["reach"] ?? .number(.zero)), ("share", row["share"] ?? .number(.zero)),
                ])
            })
    }

    /// Every plan's statements printed from the plan's columns and from the records the
    /// general evaluator builds are the same bytes, in every format.
    @Test func columnsPrintAsRecords() throws {
        let program = try #require(Engine().compile(SourceFile(path: "s.rules", text: StreamingPrinterTests.rules)).program)
        let inputs = ["rows": StreamingPrinterTests.rows, "others": StreamingPrinterTests.others]
        let fast = try program.evaluateOutputs(inputs: inputs)
        program.usesKernels = false
        let general = try program.evaluateOutputs(inputs: inputs)
        #expect(fast.count == 2)
        for (columns, records) in zip(fast, general) {
            guard case .list(let items) = columns.value, case .statements = items.storage else {
                Issue.record("\(columns.name) was not stored by column")
                continue
            }
            guard case .list(let built) = records.value, case .values = built.storage else {
                Issue.record("\(records.name) was stored by column")
                continue
            }
            #expect(CSVWriter.render(columns.value) == CSVWriter.render(records.value), "\(columns.name)")
            #expect(TextOutput.collecting { JSONWriter.write(columns.value, to: $0) } == JSONWriter.value(records.value), "\(columns.name)")
            #expect(StatementPrinter.table(columns.value) == StatementPrinter.table(records.value), "\(columns.name)")
        }
    }

    /// A column table with statements the general evaluator made (rows its kernel gave up on)
    /// prints them in place.
    @Test func madeStatementsPrintInPlace() throws {
        var columns = StatementColumns(lineCount: 2)
        let money = { (text: String) in DecimalNumber.parse(text) ?? .zero }
        let shape = RecordShape(name: "Subject", fieldNames: ["id"])
        let records: [Value] = (0..<9).map { .record(RecordValue(shape: shape, values: [.text("s\($0)")])) }
        // The subjects are some of a table's rows, as a plan over `rows where ...` has them.
        let rows = try #require(RecordTable(records: records, shape: shape))
        let subjects = ValueList(rows, rows: [0, 1, 2, 3, 4, 5])
        for index in 0..<6 {
            if index == 2 || index == 5 {
                let made: Value = .record(
                    RecordValue(
                        shape: .statement,
                        values: [
                            subjects[index],
                            .text("s\(index)"),
                            .list([.record(RecordValue(shape: .statementLine, values: [.text("Late"), .money(money("7.10"), .usd)]))]),
                            .money(money("7.10"), .usd),
                        ]))
                columns.append(made: made, total: money("7.10"))
                continue
            }
            columns.amounts.append(money("1\(index).25"))
            columns.paid.append(true)
            columns.appendUnpaid()
            columns.appendUnpaid()
            columns.appendUnpaid()
            columns.totals.append(money("1\(index).25"))
        }
        let keys = try #require(subjects.projected("id"))
        let table = StatementTable(subjects: subjects, keys: keys, currency: .usd, labels: ["Base", "Late"], holds: false, columns: columns)
        let stored = Value.list(ValueList(table)), built = Value.list(Array(ValueList(table)))
        #expect(CSVWriter.render(stored) == CSVWriter.render(built))
        #expect(TextOutput.collecting { JSONWriter.write(stored, to: $0) } == JSONWriter.value(built))
        #expect(StatementPrinter.table(stored) == StatementPrinter.table(built))
        // "Late", first seen on a statement without a line before it, goes first (see `mergedLabels`).
        #expect(CSVWriter.render(stored).hasPrefix("subject,Late,Base,total\r\ns0,,10.25,10.25\r\ns1,,11.25,11.25\r\ns2,7.10,,7.10\r\n"))
    }

    /// Decimals written into bytes are their descriptions, whatever their size and exponent.
    @Test func decimalTextMatchesDescriptions() {
        var random = SplitMix64(state: 7)
        var values: [DecimalNumber] = [
            "0", "-0", "0E+3", "-0.00", "1E+5", "123.4500", "-0.0001", "99999999999999999999.99",
            "123456789012345678901234567890", "1E-60", "1E+60", "-5E-3",
        ].compactMap { DecimalNumber.parse($0) }
        for _ in 0..<2_000 {
            let coefficient = random.next() % 4 == 0 ? UInt128(random.next()) << 40 | UInt128(random.next()) : UInt128(random.next() % 10_000_000)
            values.append(
                DecimalNumber(
                    isNegative: random.next() % 3 == 0, coefficient: coefficient % PowersOfTen.uint128[38],
                    exponent: Int(random.next() % 25) - 15))
        }
        let currencies: [Currency] = [.usd, .eur, Currency(code: "CHF"), Currency(code: "JPY")].compactMap { $0 }
        for value in values {
            #expect(text { DecimalText.appendPlain(value, to: $0) } == value.plainDescription)
            #expect(text { DecimalText.appendNumber(value, to: $0) } == Value.number(value).description)
            #expect(text { DecimalText.appendPercent(value, to: $0) } == Value.percent(value).description)
            for currency in currencies {
                #expect(
                    text { DecimalText.appendMoney(value, currency, grouping: UInt8(ascii: ","), padMinor: true, to: $0) }
                        == Value.money(value, currency).description)
                #expect(
                    text { DecimalText.appendMoney(value, currency, grouping: UInt8(ascii: "_"), padMinor: false, to: $0) }
                        == Value.money(value, currency).literalDescription)
            }
        }
    }

    /// A long output reaches its destination in chunks of about the chunk size, never whole.
    @Test func outputArrivesInChunks() {
        var chunks: [Int] = []
        let output = TextOutput(chunkSize: 4_096) { chunk in
            chunks.append(chunk.count)
            return true
        }
        let rows: Value = .list((0..<5_000).map { .record([("id", .text("c\($0)")), ("amount", .money(DecimalNumber($0), .usd))]) })
        TablePrinter.write(rows, to: output)
        output.flush()
        #expect(chunks.count > 20)
        #expect(chunks.dropLast().allSatisfy { $0 >= 4_096 && $0 < 4_096 + 100 })
        #expect(chunks.reduce(0, +) == TablePrinter.render(rows).utf8.count + 1)
    }

    /// After the destination fails, nothing more is passed on, and the printers stop early.
    @Test func aFailedWriteStopsTheOutput() {
        var calls = 0
        let output = TextOutput(chunkSize: 1_024) { _ in
            calls += 1
            return false
        }
        let rows: Value = .list((0..<100_000).map { .number(DecimalNumber($0)) })
        CSVWriter.write(rows, to: output)
        #expect(output.failed)
        #expect(calls == 1)
        #expect(!output.flush())
    }

    private func text(_ body: (ByteBuffer) -> Void) -> String {
        let buffer = ByteBuffer()
        body(buffer)
        return buffer.text
    }
}
