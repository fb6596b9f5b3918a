// The fast reader of all-numeric rows must load exactly what the general path loads — the same
// values at the same exponents, the same errors at the same rows — on any text.

import Testing

@testable import CampaignRules

struct DataPlainRowsTests {
    /// Every declared field an amount, one Percent, one with a default, and a column the record
    /// does not declare between them.
    static let record = DataTestSupport.record(
        "Row",
        [
            ("sales", .money(.usd), nil),
            ("followers", .number, nil),
            ("share", .percent, nil),
            ("bonus", .money(.usd), .money(DecimalNumber(5), .usd)),
        ])
    static let header = "sales,note,followers,share,bonus"

    /// A text of `rows` rows whose cells are mostly plain, with every kind of cell the fast
    /// reader must leave to the general path mixed in: cells the general path reads (quoted,
    /// signed, negative zero, 19 digits...), and, when `withErrors`, cells it refuses.
    static func text(rows: Int, seed: UInt64, withErrors: Bool) -> String {
        var random = SplitMix64(state: seed)
        let readable = ["\"3.50\"", "-0", "-0.00", "+4", "1234567890123456789", ".5", "5.", "-.25", "2.5", "007"]
        let refused = ["", " 12", "1,5", "1e3", "$12.00", "12.5O", "99999999999999999999", "café", "\"a\"\"b\""]
        let odd = readable + (withErrors ? refused : [])
        func cell(_ plain: String) -> String {
            random.next() % 60 == 0 ? odd[Int(random.next() % UInt64(odd.count))] : plain
        }
        var text = header + (random.next() % 2 == 0 ? "\r\n" : "\n")
        for _ in 0..<rows {
            let cents = Int(random.next() % 2_000_000) - 100_000
            let sales = random.next() % 9 == 0 ? "\(cents / 100)" : "\(cents / 100).\(String(format: "%02d", abs(cents % 100)))"
            let followers = "\(random.next() % 3_000_000_000)"
            let shares = ["0.25", "1", "0.125", "-0.5", "0", "-1.000"] + (withErrors ? ["1.5"] : [])
            let share = shares[Int(random.next() % UInt64(shares.count))]
            // An empty bonus takes the field's default.
            let bonus = random.next() % 5 == 0 ? "" : "\(random.next() % 1_000)"
            let note = random.next() % 3 == 0 ? "x" : ""
            var line = [cell(sales), cell(note), cell(followers), share, bonus].joined(separator: ",")
            if withErrors, random.next() % 400 == 0 { line += ",extra" }
            if random.next() % 300 == 0 { line = "" }
            text += line + ["\n", "\r\n", "\r"][Int(random.next() % 3)]
        }
        return text
    }

    /// The loaded rows with each amount's coefficient, exponent and unit, or the error.
    static func load(
        _ text: String, plainRows: Bool, threads: Int = 1, chunkSize: Int = CSVChunks.chunkSize,
        keeping: Set<String>? = nil
    ) -> String {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var chunks = CSVChunks(bytes, chunkSize: chunkSize, path: "rows.csv")
            do throws(DataImportError) {
                let table = try CSVImport.load(
                    &chunks, path: "rows.csv", descriptor: record, threads: threads, keeping: keeping,
                    plainRows: plainRows)
                return ValueList(table).map { row in
                    guard case .record(let fields) = row else { return "?" }
                    return fields.values.map(exact).joined(separator: " ")
                }.joined(separator: "\n")
            } catch {
                return error.rendered
            }
        }
    }

    static func exact(_ value: Value) -> String {
        guard let quantity = Quantity(value) else { return "\(value)" }
        let amount = quantity.amount
        return "\(amount.isNegative ? "-" : "")\(amount.coefficient)e\(amount.storedExponent)\(quantity.unit)"
    }

    @Test(arguments: 1...8)
    func readsAsTheGeneralPath(seed: Int) {
        let text = DataPlainRowsTests.text(rows: 20_000, seed: UInt64(seed), withErrors: false)
        let general = DataPlainRowsTests.load(text, plainRows: false)
        #expect(general.split(separator: "\n").count > 19_000, "got \(general.prefix(300))")
        #expect(DataPlainRowsTests.load(text, plainRows: true) == general)
        #expect(DataPlainRowsTests.load(text, plainRows: true, threads: 3, chunkSize: 4_096) == general)
    }

    /// With cells the general path refuses, the same errors at the same rows and columns.
    @Test(arguments: 1...8)
    func failsAsTheGeneralPath(seed: Int) {
        let text = DataPlainRowsTests.text(rows: 2_000, seed: UInt64(seed), withErrors: true)
        let general = DataPlainRowsTests.load(text, plainRows: false)
        #expect(general.contains("rows.csv:"), "got \(general.prefix(300))")
        #expect(DataPlainRowsTests.load(text, plainRows: true) == general)
        #expect(DataPlainRowsTests.load(text, plainRows: true, threads: 3, chunkSize: 4_096) == general)
    }

    /// Fields not kept are missing in every row, and their cells are still checked: a load
    /// fails at a bad cell of a dropped field exactly as it does keeping every field.
    @Test(arguments: [false, true])
    func fieldsNotKeptAreCheckedAndDropped(plainRows: Bool) {
        let clean = DataPlainRowsTests.text(rows: 5_000, seed: 99, withErrors: false)
        let all = DataPlainRowsTests.load(clean, plainRows: plainRows)
        let kept = DataPlainRowsTests.load(clean, plainRows: plainRows, threads: 2, chunkSize: 4_096, keeping: ["sales", "share"])
        let expected = all.split(separator: "\n").map { row in
            let cells = row.split(separator: " ")
            return [cells[0], "(missing)", cells[2], "(missing)"].joined(separator: " ")
        }.joined(separator: "\n")
        #expect(kept == expected, "got \(kept.prefix(200))")
        let damaged = clean.replacingOccurrences(of: "\n", with: "\n1.00,,12x,0.5,1\n", options: [], range: nil)
        let failure = DataPlainRowsTests.load(damaged, plainRows: plainRows, keeping: ["sales"])
        #expect(failure.contains("column `followers`"), "got \(failure.prefix(300))")
        #expect(failure == DataPlainRowsTests.load(damaged, plainRows: plainRows))
    }

    /// A Text field not kept is stepped over, unless its cell is empty: then the general path
    /// gives the same problem it gives keeping it.
    @Test func droppedTextIsSteppedOverAndAnEmptyCellIsStillAProblem() {
        let record = DataTestSupport.record("Item", [("id", .text, nil), ("weight", .number, nil)])
        func load(_ text: String, plainRows: Bool, keeping: Set<String>?) -> String {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                var chunks = CSVChunks(bytes, chunkSize: 4_096, path: "items.csv")
                do throws(DataImportError) {
                    let table = try CSVImport.load(
                        &chunks, path: "items.csv", descriptor: record, threads: 2, keeping: keeping,
                        plainRows: plainRows)
                    return ValueList(table).map { "\($0)" }.joined(separator: "\n")
                } catch {
                    return error.rendered
                }
            }
        }
        var text = "id,weight\n"
        for index in 0..<3_000 { text += "a\(index),\(index % 17)\n" }
        let kept = load(text, plainRows: true, keeping: ["weight"])
        #expect(kept == load(text, plainRows: false, keeping: ["weight"]))
        #expect(kept.split(separator: "\n").count == 3_000)
        #expect(!kept.contains("a12"))
        let damaged = text.replacingOccurrences(of: "a2500,", with: ",")
        let failure = load(damaged, plainRows: true, keeping: ["weight"])
        #expect(failure.contains("items.csv:2502:1:"), "got \(failure.prefix(300))")
        #expect(failure == load(damaged, plainRows: false, keeping: nil))
    }

    /// Plain rows only: every value read, at its own exponent (`12` beside `12.50`), through
    /// blocks that end when an exponent changes.
    @Test func plainRowsKeepEachValuesExponent() {
        var text = DataPlainRowsTests.header + "\n"
        for index in 0..<5_000 {
            let sales = index % 1_500 < 700 ? "\(index).25" : "\(index)"
            text += "\(sales),,\(index * 3),0.\(index % 10),\(index % 7)\n"
        }
        let general = DataPlainRowsTests.load(text, plainRows: false)
        #expect(general.hasPrefix("25e-2"))
        #expect(general.contains("\n700e0"))
        #expect(DataPlainRowsTests.load(text, plainRows: true) == general)
    }

    /// A bad cell after many plain rows is reported at its own row, as the general path does.
    @Test func aBadCellKeepsItsRow() {
        var text = DataPlainRowsTests.header + "\n"
        for index in 0..<4_000 { text += index == 3_210 ? "1O.00,,1,0.5,1\n" : "\(index).10,,\(index),0.5,1\n" }
        let fast = DataPlainRowsTests.load(text, plainRows: true)
        #expect(fast.contains("rows.csv:3212:1:"), "got \(fast.prefix(300))")
        #expect(fast == DataPlainRowsTests.load(text, plainRows: false))
    }

    /// The chunker's eight-bytes-at-a-time scan cuts random text exactly where a byte-by-byte
    /// reading of quotes and line ends would: after a line feed outside quotes, with the line
    /// ends outside quotes before each chunk counted as its rows before.
    @Test(arguments: 1...8)
    func chunksCutAfterLineFeedsOutsideQuotes(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &* 7_919)
        let pieces = ["abcdefgh", "12.50", ",", "\n", "\r\n", "\r", "\"q,\n\"\"x\"", "é", "\t", "0123456789012345", "\""]
        var text = "a,b\n"
        while text.utf8.count < 3 * CSVChunks.chunkSize {
            text += pieces[Int(random.next() % UInt64(pieces.count))]
        }
        let bytes = Array(text.utf8)
        // Byte by byte: where a chunk may end, and the rows before each such place.
        var inQuotes = false, afterReturn = false, rows = 0
        var rowsBefore: [Int: Int] = [0: 0]
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && !afterReturn) { rows += 1 }
            if !inQuotes, byte == UInt8(ascii: "\n") { rowsBefore[index + 1] = rows }
            afterReturn = !inQuotes && byte == UInt8(ascii: "\r")
        }
        let chunks = DataParallelCSVTests.chunks(bytes)
        #expect(chunks.count >= 2)
        #expect(chunks.map(\.bytes.count).reduce(0, +) == bytes.count)
        var start = 0
        for chunk in chunks.dropLast() {
            #expect(rowsBefore[start] == chunk.rowsBefore, "chunk at byte \(start)")
            start += chunk.bytes.count
            #expect(rowsBefore[start] != nil, "a chunk ends at byte \(start), not after a line feed outside quotes")
        }
    }
}
