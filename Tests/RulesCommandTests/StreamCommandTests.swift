// `rules run --stream`: the rows a streamed run writes are the whole run's, from a file or from
// standard input, as CSV or NDJSON; what it cannot stream is refused before a row is read, and
// a failure part-way leaves no output file.

import Foundation
import Testing

@Suite struct StreamCommandTests {
    /// The bundled conversions with each affiliate's rows together, as `sort` would give them.
    static func sortedConversions() throws -> String {
        let text = try String(contentsOfFile: "examples/data/conversions.csv", encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst()
        let sorted = lines.enumerated().sorted { lhs, rhs in
            let left = lhs.element.split(separator: ",")[1], right = rhs.element.split(separator: ",")[1]
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
        let path = try RulesBinary.write(([header] + sorted).joined(separator: "\n") + "\n", name: "sorted.csv")
        return path
    }

    static func rows(_ csv: String) -> [String] {
        PartitionCommandTests.rows(csv).sorted()
    }

    @Test func streamedRowsAreTheWholeRunsLines() throws {
        let data = try Self.sortedConversions()
        let base = ["run", "examples/month-end.rules", "--data", "conversions=\(data)", "--only", "payouts"]
        let whole = try RulesBinary.run(base + ["--format", "csv", "--lines"])
        let streamed = try RulesBinary.run(base + ["--stream"])
        #expect(whole.status == 0 && streamed.status == 0, "\(streamed.error)")
        #expect(streamed.output.hasPrefix("affiliate,line,amount,item\r\n"))
        #expect(Self.rows(streamed.output).count == 39)
        #expect(Self.rows(streamed.output) == Self.rows(whole.output))
        let piped = try RulesBinary.run(
            ["run", "examples/month-end.rules", "--data", "conversions=-", "--only", "payouts", "--stream"],
            input: try String(contentsOfFile: data, encoding: .utf8))
        #expect(piped.status == 0, "\(piped.error)")
        #expect(piped.output == streamed.output)
    }

    @Test func ndjsonLinesAreTheWholeRunsElements() throws {
        let data = try Self.sortedConversions()
        let base = ["run", "examples/month-end.rules", "--data", "conversions=\(data)", "--only", "payouts", "--format", "ndjson"]
        let whole = try RulesBinary.run(base)
        let streamed = try RulesBinary.run(base + ["--stream"])
        #expect(whole.status == 0 && streamed.status == 0, "\(streamed.error)")
        let lines = streamed.output.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"key\": {\"affiliate\": \"AFF-10") })
        #expect(lines.sorted() == whole.output.split(separator: "\n").sorted())
    }

    @Test func severalFilesAreOneStreamAndNDJSONIsReadFromStandardInput() throws {
        let data = try Self.sortedConversions()
        let lines = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").map(String.init)
        // Cut inside AFF-103's rows: the second file goes on with the first file's last key.
        let cut = try #require(lines.firstIndex { $0.contains(",AFF-103,") }) + 1
        let first = try RulesBinary.write(lines[..<cut].joined(separator: "\n") + "\n", name: "first.csv")
        let second = try RulesBinary.write(([lines[0]] + lines[cut...]).joined(separator: "\n") + "\n", name: "second.csv")
        let base = ["run", "examples/month-end.rules", "--only", "payouts", "--stream"]
        let whole = try RulesBinary.run(base + ["--data", "conversions=\(data)"])
        let split = try RulesBinary.run(base + ["--data", "conversions=\(first)", "--data", "conversions=\(second)"])
        #expect(split.status == 0, "\(split.error)")
        #expect(split.output == whole.output)
        let ndjson = try RulesBinary.run(base + ["--data", "conversions=\(data)", "--format", "ndjson"])
        let asJSON = ndjson.output.split(separator: "\n").count
        #expect(asJSON == 5)
        // The same rows as NDJSON, piped in.
        let header = lines[0].split(separator: ",").map(String.init)
        let objects = lines.dropFirst().map { line in
            "{" + zip(header, line.split(separator: ",", omittingEmptySubsequences: false)).map { "\"\($0)\": \"\($1)\"" }.joined(separator: ", ")
                + "}"
        }
        let piped = try RulesBinary.run(
            base + ["--data", "conversions=-", "--stdin-format", "ndjson", "--format", "ndjson"], input: objects.joined(separator: "\n") + "\n")
        #expect(piped.status == 0, "\(piped.error)")
        #expect(piped.output == ndjson.output)
    }

    @Test func unsortedRowsStopTheRunAndLeaveNoFile() throws {
        let out = (try RulesBinary.write("", name: "out.csv") as NSString).deletingLastPathComponent + "/payouts.csv"
        let result = try RulesBinary.run([
            "run", "examples/month-end.rules", "--data", "conversions=examples/data/conversions.csv", "--only", "payouts", "--stream",
            "--out", out,
        ])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("examples/data/conversions.csv: error: the rows are not grouped by `affiliate`: record "))
        #expect(result.error.contains("fix: a streamed run needs each key's rows together"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aFileThatPrintsSeveralOutputsNamesTheOneToStream() throws {
        let result = try RulesBinary.run([
            "run", "examples/month-end.rules", "--data", "conversions=examples/data/conversions.csv", "--stream",
        ])
        #expect(result.status == 2)
        #expect(result.error.contains("--stream prints one output or plan"))
        #expect(result.error.contains("fix: name the one to stream with --only, such as --only payouts"))
    }

    @Test func anOutputOverEveryStatementIsRefusedWithItsReason() throws {
        let result = try RulesBinary.run([
            "run", "examples/month-end.rules", "--data", "conversions=examples/data/conversions.csv", "--only", "total_paid", "--stream",
        ])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("examples/month-end.rules:101:21: error: the output `total_paid` is computed over every partition"))
        #expect(result.error.contains("error: --stream needs an output computed a group at a time"))
    }

    @Test(arguments: [
        (["--format", "table"], "--format takes csv or ndjson"),
        (["--partition", "0/2"], "--stream and --partition cannot be combined"),
    ])
    func optionsAStreamCannotHonourAreUsageErrors(extra: [String], message: String) throws {
        let result = try RulesBinary.run(
            ["run", "examples/month-end.rules", "--data", "conversions=examples/data/conversions.csv", "--only", "payouts", "--stream"]
                + extra)
        #expect(result.status == 2)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func theStreamedInputMustBeGiven() throws {
        let result = try RulesBinary.run(["run", "examples/month-end.rules", "--only", "payouts", "--stream"])
        #expect(result.status == 2)
        #expect(result.error.contains("--stream reads `conversions` as it goes: give it with --data conversions=FILE"))
    }

    @Test func standardInputIsReadOnce() throws {
        let result = try RulesBinary.run([
            "run", "examples/month-end.rules", "--data", "conversions=-", "--data", "conversions=-", "--only", "payouts",
        ])
        #expect(result.status == 2)
        #expect(result.error.contains("standard input (`-`) is given for more than one input"))
    }
}
