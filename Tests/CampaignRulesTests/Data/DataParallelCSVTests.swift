// A large CSV file may be converted on several threads: the records, and any errors, must be
// exactly those of one thread.

import Testing
@testable import CampaignRules

struct DataParallelCSVTests {
    static let type = DeclaredType.list(.record(DataTestSupport.affiliate))

    /// About 1.6 MB of rows with CRLF and LF line ends, blank lines and a byte-order mark.
    static func file(rows: Int, damage: (row: Int, text: String)? = nil) -> [UInt8] {
        var text = "\u{FEFF}id,platform,sales,followers\r\n"
        for index in 0..<rows {
            // Row numbers as a spreadsheet shows them: the header is 1; blank lines count too.
            if index % 997 == 0 { text += "\n" }
            let sales = damage.map { $0.row == index ? $0.text : nil } ?? nil
            text += "c\(index),\(index % 2 == 0 ? "tiktok" : "instagram"),\(sales ?? "\(index % 9_000).\(10 + index % 90)"),\(index * 7)"
            text += index % 3 == 0 ? "\r\n" : "\n"
        }
        return Array(text.utf8)
    }

    static func load(_ bytes: [UInt8], threads: Int) -> String {
        do throws(DataImportError) {
            return JSONWriter.value(try DataImport.load(bytes, path: "big.csv", as: type, threads: threads))
        } catch {
            return error.rendered
        }
    }

    @Test func recordsMatchOneThread() throws {
        let bytes = DataParallelCSVTests.file(rows: 50_000)
        let parts = try #require(bytes.withUnsafeBufferPointer { CSVParts($0, from: 0, rowsBefore: 0, count: 4) })
        #expect(parts.ranges.count == 4)
        let serial = DataParallelCSVTests.load(bytes, threads: 1)
        #expect(serial.hasPrefix("[{\"id\": \"c0\""))
        #expect(DataParallelCSVTests.load(bytes, threads: 4) == serial)
    }

    /// Read part by part, the records and their row numbers are the whole file's.
    @Test func partsHoldTheFilesRecordsWithTheirRows() throws {
        let bytes = DataParallelCSVTests.file(rows: 30_000)
        let serial = try DataCSVTests.records(bytes).get()
        let joined = try bytes.withUnsafeBufferPointer { buffer -> [(row: Int, fields: [String])] in
            var header = CSVReader(buffer)
            var fields: [CSVReader.Field] = []
            var records: [(row: Int, fields: [String])] = []
            _ = try header.readRecord(into: &fields)
            records.append((header.row, fields.map(header.string(of:))))
            let parts = try #require(CSVParts(buffer, from: header.position, rowsBefore: header.row, count: 3))
            #expect(parts.ranges.count == 3 && parts.ranges.first?.lowerBound == header.position && parts.ranges.last?.upperBound == buffer.count)
            for (range, rows) in zip(parts.ranges, parts.rowsBefore) {
                var reader = CSVReader(part: UnsafeBufferPointer(rebasing: buffer[range]), rowsBefore: rows)
                while try reader.readRecord(into: &fields) { records.append((reader.row, fields.map(reader.string(of:)))) }
            }
            return records
        }
        #expect(joined.count == serial.count)
        #expect(zip(joined, serial).allSatisfy { $0.row == $1.row && $0.fields == $1.fields })
    }

    /// A bad cell deep in the file: the same located error, with the file's own row number.
    @Test func errorsMatchOneThread() {
        let bytes = DataParallelCSVTests.file(rows: 50_000, damage: (row: 41_234, text: "12.5O"))
        let serial = DataParallelCSVTests.load(bytes, threads: 1)
        #expect(serial.contains("big.csv:41278:3:"), "got \(serial.prefix(300))")
        #expect(DataParallelCSVTests.load(bytes, threads: 4) == serial)
    }

    /// A quote anywhere means a field may hold a line break, so the file is read on one thread.
    @Test func filesWithQuotesAreNotSplit() {
        let bytes = DataParallelCSVTests.file(rows: 50_000, damage: (row: 10, text: "\"12.50\""))
        #expect(bytes.withUnsafeBufferPointer { CSVParts($0, from: 0, rowsBefore: 0, count: 4) } == nil)
        #expect(DataParallelCSVTests.load(bytes, threads: 4) == DataParallelCSVTests.load(bytes, threads: 1))
    }

    @Test func lineEndsCountAsTheReaderCountsRows() {
        let text = Array("a\r\nb\nc\rd\r\r\n".utf8)
        #expect(text.withUnsafeBufferPointer { CSVParts.lineEnds(in: $0) } == 5)
    }
}
