// The fast readers of common cells (timestamps, enumeration values, booleans, currency codes,
// text) must load exactly what the general path loads, and a file converted a batch at a time
// on several threads (each batch while the one before is joined) must give one thread's table
// and errors.

import Testing

@testable import CampaignRules

struct DataFastCellsTests {
    static let rules = """
        enum Status { pending, approved, reversed, Approved_Late }
        record Conversion {
          id: Text from "Order ID"
          at: Timestamp
          amount: Money(currency)
          currency: Text
          status: Status
          new: Bool
          share: Percent
          note: Text?
        }
        input orders: list of Conversion
        """

    static let header = "Order ID,at,amount,currency,status,new,share,note"

    static func descriptor() throws -> DeclaredType.RecordDescriptor {
        let program = try #require(Engine().compile(SourceFile(path: "events.rules", text: rules)).program)
        let type = try #require(program.declaredType(ofInput: "orders"))
        guard case .list(.record(let descriptor)) = type else { throw DescriptorMissing() }
        return descriptor
    }

    struct DescriptorMissing: Error {}

    /// `rows` rows whose cells are mostly written the common way, with cells only the general
    /// path reads mixed in (other case, spaces, marked currencies, quotes) and, when
    /// `withErrors`, cells it refuses.
    static func text(rows: Int, seed: UInt64, withErrors: Bool) -> String {
        var random = SplitMix64(state: seed)
        func pick(_ common: String, _ odd: [String], _ refused: [String]) -> String {
            guard random.next() % 25 == 0 else { return common }
            let choices = odd + (withErrors ? refused : [])
            return choices[Int(random.next() % UInt64(choices.count))]
        }
        var text = header + "\n"
        for n in 0..<rows {
            let (amount, currency) = [("12.50", "USD"), ("10.00", "EUR"), ("400", "JPY")][Int(random.next() % 3)]
            let cells = [
                pick("O\(n)", ["\"O\"\"\(n)\"", " O\(n) ", "\"O,\(n)\""], [""]),
                pick(
                    "2026-03-\(10 + n % 20)T10:00:00\(n % 2 == 0 ? "Z" : "-05:00")",
                    ["2026-03-14 10:00:00Z", " 2026-03-14T10:00:00Z", "2026-03-14T10:00:00.123456+01:00"],
                    ["2026-03-14", "2026-02-30T10:00:00Z", "", "2026-03-14T10:00:00.1234567Z"]),
                pick(amount, ["\(amount) \(currency)", " \(amount)", "-0.00", "007"], ["1,5", "", "12x", "€\(amount)"]),
                pick(currency, ["\(currency.lowercased())", " \(currency)"], ["XYZ", ""]),
                pick(["approved", "pending", "reversed", "Approved_Late"][n % 4], ["APPROVED", " pending", "approved_late"], ["aproved", ""]),
                pick(n % 3 == 0 ? "true" : "false", ["TRUE", "yes", "0", " true"], ["maybe", ""]),
                pick("0.\(n % 10)", ["5%", "\"0.25\""], ["12", "1.5"]),
                pick(n % 5 == 0 ? "" : "note \(n)", ["  spaced  ", "\"quoted, \"\"note\"\"\""], []),
            ]
            text += cells.joined(separator: ",") + (random.next() % 7 == 0 ? "\r\n" : "\n")
        }
        return text
    }

    /// Every loaded row, or the error.
    static func load(_ text: String, fastPaths: Bool, threads: Int = 1, chunkSize: Int = CSVChunks.chunkSize) throws -> String {
        let descriptor = try descriptor()
        return Array(text.utf8).withUnsafeBufferPointer { bytes in
            var chunks = CSVChunks(bytes, chunkSize: chunkSize, path: "orders.csv")
            do throws(DataImportError) {
                let table = try CSVImport.load(&chunks, path: "orders.csv", descriptor: descriptor, threads: threads, plainRows: fastPaths)
                return ValueList(table).map { row in
                    guard case .record(let fields) = row else { return "?" }
                    return fields.values.map(DataPlainRowsTests.exact).joined(separator: " | ")
                }.joined(separator: "\n")
            } catch {
                return error.rendered
            }
        }
    }

    @Test(arguments: 1...4)
    func readsAsTheGeneralPath(seed: Int) throws {
        let text = DataFastCellsTests.text(rows: 6_000, seed: UInt64(seed), withErrors: false)
        let general = try DataFastCellsTests.load(text, fastPaths: false)
        #expect(general.split(separator: "\n").count == 6_000, "got \(general.prefix(300))")
        #expect(try DataFastCellsTests.load(text, fastPaths: true) == general)
        // Batches of many small chunks: several batches, each converted while the one before is joined.
        #expect(try DataFastCellsTests.load(text, fastPaths: true, threads: 3, chunkSize: 2_048) == general)
    }

    @Test(arguments: 1...4)
    func refusesAsTheGeneralPath(seed: Int) throws {
        let text = DataFastCellsTests.text(rows: 6_000, seed: UInt64(seed), withErrors: true)
        let general = try DataFastCellsTests.load(text, fastPaths: false)
        #expect(general.contains("error:"), "got \(general.prefix(300))")
        #expect(try DataFastCellsTests.load(text, fastPaths: true) == general)
        #expect(try DataFastCellsTests.load(text, fastPaths: true, threads: 2, chunkSize: 2_048) == general)
    }

    /// A bad cell in the last of many batches converted on threads is reported at its row,
    /// with no rows of later batches, exactly as one thread reports it.
    @Test(arguments: [10, 2_500, 5_990])
    func aBadCellInAnyBatchKeepsItsRow(row: Int) throws {
        var text = DataFastCellsTests.header + "\n"
        for n in 0..<6_000 {
            let status = n == row ? "aproved" : "approved"
            text += "O\(n),2026-03-14T10:00:00Z,1.00,USD,\(status),true,0.5,\n"
        }
        let serial = try DataFastCellsTests.load(text, fastPaths: true)
        #expect(serial.contains("orders.csv:\(row + 2):5:"), "got \(serial.prefix(300))")
        #expect(try DataFastCellsTests.load(text, fastPaths: true, threads: 2, chunkSize: 1_024) == serial)
    }

    /// Bad cells in two parts far apart, converted on threads: both reported, in file order,
    /// as one thread reports them (the later part converted again after the earlier failed,
    /// or never converted at all).
    @Test(arguments: [(100, 5_000), (10, 30), (2_000, 5_999)])
    func badCellsInTwoPartsAreBothReportedInOrder(first: Int, second: Int) throws {
        var text = DataFastCellsTests.header + "\n"
        for n in 0..<6_000 {
            let at = n == first || n == second ? "2026-02-30T10:00:00Z" : "2026-03-14T10:00:00Z"
            text += "O\(n),\(at),1.00,USD,approved,true,0.5,\n"
        }
        let serial = try DataFastCellsTests.load(text, fastPaths: true)
        let firstAt = try #require(serial.range(of: "orders.csv:\(first + 2):2:"), "got \(serial.prefix(400))")
        let secondAt = try #require(serial.range(of: "orders.csv:\(second + 2):2:"), "got \(serial.prefix(400))")
        #expect(firstAt.lowerBound < secondAt.lowerBound)
        for threads in [2, 4] {
            #expect(try DataFastCellsTests.load(text, fastPaths: true, threads: threads, chunkSize: 512) == serial)
        }
    }

    /// Parts grow from 2 chunks to `chunksPerPart` and stay there for any number of parts.
    @Test func partsNeverShrinkToNothing() {
        #expect(CSVImport.chunksInPart(0) == 2)
        let sizes = (0..<10_000).map(CSVImport.chunksInPart)
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(sizes.suffix(9_990).allSatisfy { $0 == CSVImport.chunksPerPart })
    }

    /// An enumeration whose values differ only in case: a cell written as one is that one,
    /// as `EnumType.value(named:)` has it.
    @Test func enumerationValuesAreFoundByTheirExactName() throws {
        let type = EnumType(name: "Kind", cases: ["a", "A", "b"])
        let names = EnumNames(type)
        for name in ["a", "A", "b", "B", "c", ""] {
            let fast = Array(name.utf8).withUnsafeBufferPointer { names.position(of: $0) }
            let exact = type.cases.firstIndex(of: name)
            #expect(fast == exact, "\(name)")
            if let fast { #expect(type.value(named: name)?.position == fast) }
        }
    }
}
