// Loading one partition of a CSV file: the rows dropped from their bytes and the rows judged
// by their values together keep exactly the rows whose key hashes to the partition, whatever
// the key cells look like (quoted, with commas and doubled quotes, empty with a default, or
// numbers written two ways), and the partitions together are the file.

import Foundation
import Testing

@testable import CampaignRules

struct DataPartitionLoadTests {
    static func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "rules-partition-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Each partition's rows by their `id`, and the row count each load reports.
    static func partitions(_ path: String, _ type: DeclaredType, by field: String, count: Int) throws -> [(ids: [String], rows: Int)] {
        try (0..<count).map { index in
            let partition = try #require(Partition(index: index, count: count))
            let (value, rows) = try DataImport.load(contentsOfFile: path, as: type, partition: partition, by: field)
            let ids = DataTestSupport.rows(value).map { row -> String in
                if case .text(let id) = row[0] { return id }
                return "?"
            }
            return (ids, rows)
        }
    }

    /// The key in the middle with LF line ends, and last with CRLF: rows dropped from their
    /// bytes are found either way.
    @Test(arguments: [false, true]) func textKeysOfEveryShapeGoToTheirPartitionOnly(keyLast: Bool) throws {
        let type = DeclaredType.list(
            .record(DataTestSupport.record("Row", [("id", .text, nil), ("key", .text, .text("house")), ("amount", .number, nil)])))
        var csv = keyLast ? "id,amount,key\r\n" : "id,key,amount\n"
        var expected: [String: Value] = [:]
        for row in 0..<300 {
            let key: String
            switch row % 5 {
            case 0: key = "aff-\(row % 37)"
            case 1: key = "\"a, \"\"quoted\"\" \(row % 11)\""
            case 2: key = ""  // takes the default, `house`
            case 3: key = " spaced \(row % 7) "
            default: key = "café-\(row % 13)"
            }
            csv += keyLast ? "r\(row),\(row).5,\(key)\r\n" : "r\(row),\(key),\(row).5\n"
            let value: String
            switch row % 5 {
            case 1: value = "a, \"quoted\" \(row % 11)"
            case 2: value = "house"
            default: value = key
            }
            expected["r\(row)"] = .text(value)
        }
        let path = try Self.write(csv)
        for count in [1, 2, 3, 5] {
            let parts = try Self.partitions(path, type, by: "key", count: count)
            #expect(parts.allSatisfy { $0.rows == 300 })
            // Most rows of other partitions are dropped from their bytes, before conversion;
            // the empty cells (a fifth of the rows) are judged by their default's value.
            if count > 1, case .list(.record(let descriptor)) = type {
                var chunks = Array(csv.utf8).withUnsafeBufferPointer { CSVChunks($0) }
                let partition = try #require(Partition(index: 0, count: count))
                let (table, dropped) = try CSVImport.load(&chunks, path: path, descriptor: descriptor, partition: ("key", partition))
                #expect(dropped > 300 / 2 / count)
                #expect(dropped + table.count == 300)
            }
            #expect(parts.flatMap(\.ids).sorted() == expected.keys.sorted())
            for (index, part) in parts.enumerated() {
                for id in part.ids {
                    let key = try #require(expected[id])
                    #expect(Int(Partition.hash(key) % UInt64(count)) == index, "\(id) in partition \(index) of \(count)")
                }
            }
        }
    }

    @Test func numberKeysAreJudgedByValue() throws {
        let type = DeclaredType.list(.record(DataTestSupport.record("Row", [("id", .text, nil), ("key", .number, nil)])))
        let csv = "id,key\na,1.50\nb,1.5\nc,2\nd,2.0\ne,3\n"
        let path = try Self.write(csv)
        let parts = try Self.partitions(path, type, by: "key", count: 2)
        // `1.50` and `1.5` are one key, so they land in one partition; so do `2` and `2.0`.
        for part in parts {
            #expect(part.ids.contains("a") == part.ids.contains("b"))
            #expect(part.ids.contains("c") == part.ids.contains("d"))
        }
        #expect(parts.flatMap(\.ids).sorted() == ["a", "b", "c", "d", "e"])
    }

    @Test func aBadCellIsReportedByThePartitionThatKeepsItsRow() throws {
        let type = DeclaredType.list(.record(DataTestSupport.record("Row", [("id", .text, nil), ("key", .text, nil), ("amount", .number, nil)])))
        let path = try Self.write("id,key,amount\na,k1,1\nb,k2,oops\n")
        let owner = Int(Partition.hash(.text("k2")) % 2)
        let failing = try #require(Partition(index: owner, count: 2)), other = try #require(Partition(index: 1 - owner, count: 2))
        #expect(throws: DataImportError.self) { try DataImport.load(contentsOfFile: path, as: type, partition: failing, by: "key") }
        let kept = try DataImport.load(contentsOfFile: path, as: type, partition: other, by: "key")
        #expect(kept.rows == 2)
    }
}
