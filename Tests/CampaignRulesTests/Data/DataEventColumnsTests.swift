// Loading a conversions export from CSV: column aliases, timestamps with offsets, enumeration
// cells in any case, optional cells, money in each row's own currency and currency-marked
// cells, on one thread and on several (chunks converted in parallel must give the same table).

import CampaignRules
import Foundation
import Testing

@Suite struct DataEventColumnsTests {
    static let rules = """
        campaign "Events" {
          currency: USD
          timezone: "America/New_York"
        }
        enum Status { pending, approved, reversed }
        record Conversion {
          id: Text from "Order ID"
          affiliate: Text from "Affiliate ID"
          at: Timestamp from "Timestamp"
          amount: Money(currency) from "Amount"
          currency: Text from "Currency"
          status: Status from "Status"
          note: Text?
        }
        input orders: list of Conversion
        let rates = [{currency: "EUR", rate: 1.5}, {currency: "GBP", rate: 2}]
        output approved_count = count(orders where it.status == approved)
        output usd_total = sum(orders select convert(it.amount, rates))
        output march_new_york = count(orders where date(it.at) in 2026-03-01 to 2026-03-31)
        output with_notes = count(orders where (it.note ?? "") != "")
        output affiliates = count(orders group by it.affiliate)
        """

    /// Row `n` of a generated export: statuses in mixed case, three currencies written three
    /// ways, timestamps around the end of March in two offsets, every third note empty.
    static func row(_ n: Int) -> String {
        let status = ["Approved", "pending", "REVERSED", "approved"][n % 4]
        let (amount, currency) = [("12.50", "USD"), ("€10.00", "EUR"), ("4.00 GBP", "GBP")][n % 3]
        let at = n % 2 == 0 ? "2026-03-31T23:30:00-04:00" : "2026-03-15T10:00:00Z"
        let note = n % 3 == 0 ? "" : "note \(n)"
        return "O\(n),aff\(n % 7),\(at),\(amount),\(currency),\(status),\(note)"
    }

    static let count = 9_000

    static func export() -> [UInt8] {
        var text = "Order ID,Affiliate ID,Timestamp,Amount,Currency,Status,note\n"
        for n in 0..<count { text += row(n) + "\n" }
        return Array(text.utf8)
    }

    static func outputs(threads: Int) throws -> [String: String] {
        var limits = Limits.default
        limits.maximumThreads = threads
        let program = try #require(Engine(limits: limits).compile(SourceFile(path: "events.rules", text: rules)).program)
        let type = try #require(program.declaredType(ofInput: "orders"))
        let orders = try DataImport.load(export(), path: "orders.csv", as: type, limits: limits)
        let results = try program.evaluateOutputs(inputs: ["orders": orders], limits: limits)
        return Dictionary(results.map { ($0.name, "\($0.value)") }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aConversionsExportLoadsTheSameOnOneThreadAndOnTwo() throws {
        #expect(DataEventColumnsTests.export().count > 2 * 256 * 1024, "large enough to be read in several chunks")
        let one = try DataEventColumnsTests.outputs(threads: 1), two = try DataEventColumnsTests.outputs(threads: 2)
        #expect(one == two)
        let n = DataEventColumnsTests.count
        let approved = (0..<n).filter { $0 % 4 == 0 || $0 % 4 == 3 }.count
        #expect(one["approved_count"] == "\(approved)")
        // 3,000 rows each of USD 12.50, EUR 10.00 × 1.5 and GBP 4.00 × 2: 37,500 + 45,000 + 24,000.
        #expect(one["usd_total"].map(DataEventColumnsTests.plain) == "106500")
        // 23:30 on March 31 at -04:00 is March 31 in New York (and April 1 in UTC).
        #expect(one["march_new_york"] == "\(n)")
        let noted = (0..<n).filter { $0 % 3 != 0 }.count
        #expect(one["with_notes"] == "\(noted)")
        #expect(one["affiliates"] == "7")
    }

    /// `$106,500.000` as `106500`: the amount without symbol, grouping or trailing zeros.
    static func plain(_ money: String) -> String {
        var digits = money.filter { $0.isNumber || $0 == "." }
        if digits.contains(".") {
            while digits.hasSuffix("0") { digits.removeLast() }
            if digits.hasSuffix(".") { digits.removeLast() }
        }
        return digits
    }

    /// A bad cell of any of these kinds is an error naming its row, its column and the fix.
    @Test(arguments: [
        ("O1,a,2026-03-14,1.00,USD,approved,", "Timestamp", "2026-03-14T23:30:00Z"),
        ("O1,a,2026-03-14T10:00:00Z,1.00,USD,aproved,", "Status", "pending, approved, reversed"),
        ("O1,a,2026-03-14T10:00:00Z,€1.00,USD,approved,", "Amount", "EUR"),
    ])
    func badCellsAreLocatedErrors(_ line: String, _ column: String, _ mentioned: String) throws {
        let program = try #require(Engine().compile(SourceFile(path: "events.rules", text: DataEventColumnsTests.rules)).program)
        let type = try #require(program.declaredType(ofInput: "orders"))
        let text = "Order ID,Affiliate ID,Timestamp,Amount,Currency,Status,note\n" + line + "\n"
        do throws(DataImportError) {
            _ = try DataImport.load(Array(text.utf8), path: "orders.csv", as: type)
            Issue.record("expected an error for \(line)")
        } catch {
            #expect(error.path == "orders.csv" && error.row == 2 && error.columnName == column, "\(error)")
            #expect((error.message + " " + (error.fix ?? "")).contains(mentioned), "\(error)")
        }
    }

    /// A day outside the calendar's years is an error on the row kernels' path too: the
    /// first instant of year 1 in UTC is still year 0 in New York.
    @Test func aDateBeforeYearOneIsAnErrorInAFilterOverLoadedRows() throws {
        let program = try #require(Engine().compile(SourceFile(path: "events.rules", text: DataEventColumnsTests.rules)).program)
        let type = try #require(program.declaredType(ofInput: "orders"))
        // Enough rows for the filter to run as a row kernel over the loaded columns.
        var text = "Order ID,Affiliate ID,Timestamp,Amount,Currency,Status,note\n"
        for n in 0..<5_000 { text += "O\(n),a,2026-03-14T10:00:00Z,1.00,USD,approved,\n" }
        text += "O5000,a,0001-01-01T02:00:00Z,1.00,USD,approved,\n"
        let orders = try DataImport.load(Array(text.utf8), path: "orders.csv", as: type)
        do throws(RuntimeError) {
            _ = try program.evaluateOutputs(["march_new_york"], inputs: ["orders": orders])
            Issue.record("expected an error for the day before year 1")
        } catch {
            #expect(error.diagnostic.message.contains("outside the calendar's years 1 to 9999"), "\(error.diagnostic.message)")
        }
    }
}
