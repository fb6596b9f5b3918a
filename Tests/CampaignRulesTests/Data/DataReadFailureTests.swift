// A data file that cannot be read in full is an error naming it and the cause: never an empty
// or shortened list, never a hang, never an allocation the size of whatever is on the other end.

import Foundation
import Testing

@testable import CampaignRules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct DataReadFailureTests {
    static let type = DeclaredType.list(.record(DataTestSupport.affiliate))

    /// `rows` affiliates as CSV, NDJSON or JSON.
    static func file(_ format: DataImport.Format, rows: Int) -> [UInt8] {
        let text: String
        switch format {
        case .csv:
            text = "id,platform,sales,followers\n" + (0..<rows).map { "c\($0),tiktok,\($0 % 900).25,\($0 * 3)\n" }.joined()
        case .ndjson:
            text = (0..<rows).map { "{\"id\": \"c\($0)\", \"platform\": \"tiktok\", \"sales\": \"\($0 % 900).25\", \"followers\": \($0 * 3)}\n" }
                .joined()
        case .json:
            text =
                "["
                + (0..<rows).map { "{\"id\": \"c\($0)\", \"platform\": \"tiktok\", \"sales\": \"\($0 % 900).25\", \"followers\": \($0 * 3)}" }
                .joined(separator: ",\n") + "]"
        }
        return Array(text.utf8)
    }

    /// A reader of `bytes` that fails with an I/O error once `failAfter` bytes have been read.
    static func failing(_ bytes: [UInt8], after failAfter: Int) -> DataImport.Reader {
        var offset = 0
        return { (buffer, wanted) throws(FileReadError) -> Int in
            guard offset < failAfter else {
                throw FileReadError("rows.data", "cannot be read: Input/output error (after \(ByteCount(offset)))")
            }
            let end = min(bytes.count, offset + wanted, failAfter)
            buffer.append(contentsOf: bytes[offset..<end])
            defer { offset = end }
            return end - offset
        }
    }

    /// An I/O error part-way through (17,476 of 100,000 rows loaded, exit 0, before) fails
    /// the whole load with the cause, in every format and on one thread or several.
    @Test(arguments: [DataImport.Format.csv, .ndjson, .json], [1, 2])
    func aReadThatFailsPartWayIsAnError(_ format: DataImport.Format, _ threads: Int) {
        let bytes = DataReadFailureTests.file(format, rows: 20_000)
        var limits = Limits.default
        limits.maximumThreads = threads
        do throws(DataImportError) {
            let value = try DataImport.load(
                reading: DataReadFailureTests.failing(bytes, after: bytes.count / 3), path: "rows.data",
                format: format, as: DataReadFailureTests.type, limits: limits)
            Issue.record("expected the failed read to fail the load; got \(DataTestSupport.rows(value).count) rows")
        } catch {
            #expect(error.message.contains("Input/output error"), "\(error.rendered)")
            #expect(error.path == "rows.data")
        }
    }

    /// The same reads without the fault load every row, so the tests above test the fault.
    @Test(arguments: [DataImport.Format.csv, .ndjson, .json])
    func theSameReadWithoutAFaultLoadsEveryRow(_ format: DataImport.Format) throws {
        let bytes = DataReadFailureTests.file(format, rows: 20_000)
        let value = try DataImport.load(
            reading: DataReadFailureTests.failing(bytes, after: .max), path: "rows.data", format: format,
            as: DataReadFailureTests.type)
        #expect(DataTestSupport.rows(value).count == 20_000)
    }

    /// A directory (which loaded as an empty list and paid $0.00, before) is an error.
    @Test func aDirectoryIsAnError() throws {
        let folder = try DataReadFailureTests.temporaryFolder()
        let directory = folder + "/rows.csv"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let error = DataReadFailureTests.loadError(directory)
        #expect(error?.message == "is a directory, not a file")
        #expect(error?.path == directory)
    }

    /// A device (here `/dev/zero`, behind a link named like a CSV file) is refused before a
    /// byte is read: reading it would never end.
    @Test func aDeviceIsRefused() throws {
        let link = try DataReadFailureTests.temporaryFolder() + "/zero.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        #expect(DataReadFailureTests.loadError(link)?.message == "is a device, not a file")
    }

    /// A named pipe no program writes to (which blocked forever, before) is an error at once.
    @Test func aPipeWithNoWriterIsAnErrorNotAHang() throws {
        let fifo = try DataReadFailureTests.temporaryFolder() + "/rows.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(DataReadFailureTests.loadError(fifo)?.message == "is a pipe, and nothing was written to it")
    }

    /// A file larger than `maximumDataSize` is refused by its size, before it is read.
    @Test func aFileOverTheDataSizeLimitIsRefusedBeforeReading() throws {
        let path = try DataReadFailureTests.temporaryFolder() + "/rows.ndjson"
        try Data(DataReadFailureTests.file(.ndjson, rows: 1_000)).write(to: URL(fileURLWithPath: path))
        var limits = Limits.default
        limits.maximumDataSize = 10_000
        let error = DataReadFailureTests.loadError(path, limits: limits)
        #expect(error?.kind == .limitExceeded)
        #expect(
            error?.message.contains("more than the 9.7 KiB allowed (limit maximumDataSize; raise it with --max-data-size)") == true,
            "\(error?.rendered ?? "no error")")
    }

    /// Data from a reader with no end (a pipe from `/dev/zero`) stops at the data size limit,
    /// having asked for little more than the limit.
    @Test(arguments: [DataImport.Format.csv, .ndjson, .json])
    func endlessDataStopsAtTheLimit(_ format: DataImport.Format) {
        var limits = Limits.default
        limits.maximumDataSize = 1 << 20
        limits.maximumLineLength = 4 << 20
        var delivered = 0
        let endless: DataImport.Reader = { (buffer, wanted) throws(FileReadError) -> Int in
            buffer.append(contentsOf: repeatElement(UInt8(ascii: "7"), count: wanted))
            delivered += wanted
            return wanted
        }
        do throws(DataImportError) {
            _ = try DataImport.load(reading: endless, path: "endless.data", format: format, as: DataReadFailureTests.type, limits: limits)
            Issue.record("expected the data size limit")
        } catch {
            #expect(error.kind == .limitExceeded)
            #expect(error.message.contains("maximumDataSize"), "\(error.rendered)")
        }
        #expect(delivered <= (1 << 20) + (1 << 20))
    }

    /// A CSV record or NDJSON line with no end in sight stops at `maximumLineLength` (a 1 GB
    /// line was read whole, before), with its row; an open quote is named as the likely cause.
    @Test(arguments: [
        (DataImport.Format.csv, "id,platform,sales,followers\nava,tiktok,1,2\n", "a record is longer than 64 KiB"),
        (.csv, "id,platform,sales,followers\nava,tiktok,1,2\n\"ben", "a quote opened in it is never closed"),
        (.ndjson, "{\"id\": \"ava\", \"platform\": \"tiktok\", \"sales\": 1, \"followers\": 2}\n", "a line is longer than 64 KiB"),
    ])
    func aLineLongerThanTheLimitStopsTheLoad(_ format: DataImport.Format, _ start: String, _ message: String) {
        var limits = Limits.default
        limits.maximumLineLength = 64 << 10
        let bytes = Array(start.utf8) + Array(repeating: UInt8(ascii: "x"), count: 1 << 20)
        do throws(DataImportError) {
            _ = try DataImport.load(bytes, path: "long.data", format: format, as: DataReadFailureTests.type, limits: limits)
            Issue.record("expected the line length limit")
        } catch {
            #expect(error.kind == .limitExceeded)
            #expect(error.row == 3 || (format == .ndjson && error.row == 2), "\(error.rendered)")
            #expect(error.message.contains(message) && error.message.contains("--max-line-length"), "\(error.rendered)")
        }
    }

    /// NDJSON read in parts still numbers its lines as the whole file does.
    @Test func ndjsonErrorsKeepTheirLineNumbersAcrossParts() {
        var text = DataReadFailureTests.file(.ndjson, rows: 30_000)
        let bad = Array("{\"id\": \"bad\", \"platform\": \"tiktok\", \"sales\": \"12,34.5\", \"followers\": 1}\n".utf8)
        text += bad
        let error = DataTestSupport.bytesError(text, path: "rows.ndjson", as: DataReadFailureTests.type)
        #expect(error?.row == 30_001)
    }

    static func loadError(_ path: String, limits: Limits = .default) -> DataImportError? {
        do throws(DataImportError) {
            _ = try DataImport.load(contentsOfFile: path, as: type, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "rules-read-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
