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
            var limits = Limits.default
            limits.maximumThreads = threads
            return JSONWriter.value(try DataImport.load(bytes, path: "big.csv", as: type, limits: limits))
        } catch {
            return error.rendered
        }
    }

    @Test func recordsMatchOneThread() throws {
        let bytes = DataParallelCSVTests.file(rows: 80_000)
        #expect(DataParallelCSVTests.chunks(bytes).count >= 2)
        let serial = DataParallelCSVTests.load(bytes, threads: 1)
        #expect(serial.hasPrefix("[{\"id\": \"c0\""))
        #expect(DataParallelCSVTests.load(bytes, threads: 4) == serial)
    }

    /// Every chunk the text is cut into, with the rows before it.
    static func chunks(_ bytes: [UInt8]) -> [(bytes: [UInt8], rowsBefore: Int)] {
        bytes.withUnsafeBufferPointer { buffer in
            var chunks = CSVChunks(buffer)
            var all: [(bytes: [UInt8], rowsBefore: Int)] = []
            while let chunk = try? chunks.next() { all.append(chunk) }
            return all
        }
    }

    /// Read chunk by chunk, the records and their row numbers are the whole text's.
    static func recordsByChunk(_ bytes: [UInt8]) throws -> [(row: Int, fields: [String])] {
        var records: [(row: Int, fields: [String])] = []
        for (index, chunk) in chunks(bytes).enumerated() {
            try chunk.bytes.withUnsafeBufferPointer { buffer in
                var reader = index == 0 ? CSVReader(buffer) : CSVReader(part: buffer, rowsBefore: chunk.rowsBefore)
                var fields: [CSVReader.Field] = []
                while try reader.readRecord(into: &fields) { records.append((reader.row, fields.map(reader.string(of:)))) }
            }
        }
        return records
    }

    @Test func chunksHoldTheFilesRecordsWithTheirRows() throws {
        let bytes = DataParallelCSVTests.file(rows: 60_000)
        let chunks = DataParallelCSVTests.chunks(bytes)
        #expect(chunks.count >= 2)
        #expect(chunks.map(\.bytes.count).reduce(0, +) == bytes.count)
        // Each chunk but the last ends with a line feed, and holds about a chunk's worth.
        #expect(chunks.dropLast().allSatisfy { $0.bytes.last == UInt8(ascii: "\n") && $0.bytes.count >= CSVChunks.chunkSize / 2 })
        let serial = try DataCSVTests.records(bytes).get()
        let joined = try DataParallelCSVTests.recordsByChunk(bytes)
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

    /// Quoted fields that hold line breaks, commas and doubled quotes, some lying across the
    /// size at which a chunk could end: cut only between records, rows counted as the reader counts them.
    @Test func quotedLineBreaksStayInsideTheirChunk() throws {
        var text = "id,platform,sales,followers\n"
        var index = 0
        while text.utf8.count < 3 * CSVChunks.chunkSize {
            let note = index % 7 == 0 ? "\"line one\nline \"\"two\"\", with a comma\r\n\"" : "c\(index)"
            text += "\(note),tiktok,\(index % 900).25,\(index)\(index % 5 == 0 ? "\r\n" : "\n")"
            if index % 301 == 0 { text += "\n" }
            index += 1
        }
        let bytes = Array(text.utf8)
        #expect(DataParallelCSVTests.chunks(bytes).count >= 3)
        let serial = try DataCSVTests.records(bytes).get()
        let joined = try DataParallelCSVTests.recordsByChunk(bytes)
        #expect(joined.count == serial.count)
        #expect(zip(joined, serial).allSatisfy { $0.row == $1.row && $0.fields == $1.fields })
    }

    @Test func lineEndsCountAsTheReaderCountsRows() {
        let bytes = Array("a\r\nb\nc\rd\r\r\ne\n".utf8)
        let serial = DataParallelCSVTests.load(Array("id,platform,sales,followers\n".utf8) + bytes, threads: 1)
        #expect(!serial.isEmpty)
        // One chunk here; its row count after it is what the reader counts: 6 line ends.
        bytes.withUnsafeBufferPointer { buffer in
            var chunks = CSVChunks(buffer)
            _ = try? chunks.next()
            #expect((try? chunks.next()) == nil)
            #expect(chunks.rowsBefore == 6)
        }
    }

    /// However small the chunks (down to one byte, so every cut lands somewhere awkward:
    /// inside quotes, between `\r` and `\n`, in blank lines before the header), the file
    /// reads exactly as it does whole, errors included.
    @Test(arguments: [
        "\n\n\u{FEFF}id,platform,sales,followers\n\na,tiktok,1.50,3\r\nb,x,2,4",
        "\u{FEFF}id,platform,sales,followers\r\n\"a\r\nb\",tiktok,\"1,2\",3\n\"c\"\"d\",instagram,2.00,5\r\n",
        "id,platform,sales,followers\na,tiktok,12.5O,3\nb,tiktok,1,4\n",
        "id,platform,sales,followers\n\"a,tiktok,1,3\n",
        "\n\n",
        "id,sales\n",
    ])
    func tinyChunksReadAsTheWholeText(_ text: String) throws {
        let bytes = Array(text.utf8)
        let whole = DataParallelCSVTests.load(bytes, threads: 1)
        guard case .list(.record(let descriptor)) = DataParallelCSVTests.type else { return }
        for (chunkSize, threads) in [(1, 1), (2, 3), (5, 2)] {
            let chunked: String = bytes.withUnsafeBufferPointer { buffer in
                var chunks = CSVChunks(buffer, chunkSize: chunkSize)
                do throws(DataImportError) {
                    return JSONWriter.value(.list(ValueList(try CSVImport.load(&chunks, path: "big.csv", descriptor: descriptor, threads: threads))))
                } catch {
                    return error.rendered
                }
            }
            #expect(chunked == whole, "chunks of \(chunkSize) bytes")
        }
    }
}
