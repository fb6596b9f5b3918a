// End-to-end tests of `rules repl` reading from a pipe: results only, no prompts, no escape codes.

import Foundation
import Testing

/// Runs `rules repl` with its standard input from a pipe.
enum PipedRepl {
    static func run(_ input: String, arguments: [String] = [], home: String? = nil) throws -> RulesBinary.Result {
        let process = Process()
        process.executableURL = RulesBinary.url
        process.arguments = ["repl"] + arguments
        process.currentDirectoryURL = RulesBinary.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = try home ?? temporaryFolder()
        process.environment = environment
        let standardInput = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = standardInput
        process.standardOutput = output
        process.standardError = error
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RulesBinary.Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }
}

@Suite struct ReplPipeTests {
    /// Data loaded with `:data` keeps its enumeration values across entries, though the
    /// session recompiles its declarations (and so the enumeration) at every entry.
    @Test func enumDataLoadedEarlierStillConforms() throws {
        let rules = try RulesBinary.write(
            """
            enum Status { approved, reversed }
            record Order {
              id: Text
              status: Status
            }
            input orders: list of Order
            """, name: "orders.rules")
        let data = try RulesBinary.write("id,status\no1,approved\no2,Reversed\no3,approved\n", name: "orders.csv")
        let result = try PipedRepl.run(":data orders=\(data)\nlet n = 2\ncount(orders where it.status == approved)\n", arguments: [rules])
        #expect(!result.error.contains("error"), "\(result.error)")
        #expect(result.output.hasSuffix("2\n"), "\(result.output)")
    }

    /// Piped entries were all located at `input:1:…`; each is located at its line of the input.
    @Test func errorsNameTheirLineOfTheInput() throws {
        let result = try PipedRepl.run("let a = 1\n\nlet b = a +\n  \"x\"\n\nlet c = 5\nc + $1\n")
        #expect(result.error.contains("input:3:9: error: cannot add Number and Text"), "\(result.error)")
        #expect(result.error.contains("input:7:1: error: cannot use money and a bare number"), "\(result.error)")
    }

    /// `allocate … across …` then `by …` on the next line, and `if … then …` then `else …`,
    /// continue as they do in a file.
    @Test func entriesTheGrammarNeedsMoreOfContinue() throws {
        let result = try PipedRepl.run(
            "let rows = [{h: \"a\", w: 3}, {h: \"b\", w: 1}]\nallocate $1_000 across rows\nby it.w\nlet x = if 1 > 0 then 5\nelse 6\nx\n")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("a        $750.00"))
        #expect(result.output.hasSuffix("5\n"))
    }

    @Test func printsOnlyResults() throws {
        let result = try PipedRepl.run("let x = 2\nx * 3\n")
        #expect(result.output == "6\n")
        #expect(result.error == "")
        #expect(result.status == 0)
    }

    @Test func multiLineEntriesContinue() throws {
        let result = try PipedRepl.run("fn double(a) {\n  let b = a * 2\n  b\n}\ndouble(21)\nlet total = 1 +\n  2\n[total,\n total * 2]\n")
        #expect(result.output == "42\n[3, 6]\n")
        #expect(result.status == 0)
    }

    @Test func errorsGoToStandardErrorAndTheStatusSaysSo() throws {
        let result = try PipedRepl.run("let fee = $5 + 5\n1 + 1\n")
        #expect(result.output == "2\n")
        #expect(result.error.contains("input:1:11: error: cannot use money and a bare number"))
        #expect(result.error.contains("1 | let fee = $5 + 5"))
        #expect(result.status == 1)
    }

    @Test func noPromptsNoEscapeCodesNoHistory() throws {
        let home = try PipedRepl.temporaryFolder()
        let result = try PipedRepl.run("€30 + €2.5\n\"£ and €\"\n", home: home)
        #expect(result.output == "€32.50\n\"£ and €\"\n")
        #expect(!result.output.contains("rules>"))
        #expect(!result.output.contains("\u{1B}"))
        #expect(!FileManager.default.fileExists(atPath: home + "/.rules_history"))
    }

    @Test func redefinitionNoticesGoToStandardError() throws {
        let result = try PipedRepl.run("let rate = 5%\nlet rate = 8%\nrate\n")
        #expect(result.output == "8%\n")
        #expect(result.error.contains("replaced the earlier `rate`"))
    }

    @Test func allocationsShowSharesAndBars() throws {
        let result = try PipedRepl.run(#"allocate $1_000 across [{h: "a", w: 3}, {h: "b", w: 1}] by it.w"# + "\n")
        #expect(result.output.contains("a        $750.00   75.0%  ████████████████████████\n"))
        #expect(result.output.contains("b        $250.00   25.0%  ████████\n"))
    }

    @Test func aFileAndItsDataFromTheCommandLine() throws {
        let result = try PipedRepl.run(
            "count(creators)\n:type budget\nbudget\n",
            arguments: [
                "examples/budget-split.rules", "--data", "creators=examples/data/creators.csv",
                "--set", "budget=40000",
            ])
        #expect(result.output == "250\nMoney (USD)\n$40,000.00\n")
        #expect(result.status == 0)
    }

    @Test func commandsInThePipe() throws {
        let result = try PipedRepl.run(":load examples/quickstart.rules\ntotal_payout\n:quit\n1 + 1\n")
        #expect(result.output == "$6,868.02\n")
        #expect(result.error.contains("loaded 10 declarations"))
    }

    @Test func explainShowsTheReasons() throws {
        let result = try PipedRepl.run("payouts\n:explain\n", arguments: ["examples/quickstart.rules"])
        #expect(result.output.contains("TOTAL"))
        #expect(result.output.contains("sales_rate(a.sales): $1,200.00 is in the bracket $1,000.00 ..< $5,000.00 → 8%"))
    }

    @Test func anEntryLeftOpenAtTheEndIsStillReported() throws {
        let result = try PipedRepl.run("fn f(a) {\n  a + 1\n")
        #expect(result.error.contains("error:"))
        #expect(result.status == 1)
    }

    @Test func unknownInputIsAUsageError() throws {
        let result = try PipedRepl.run("", arguments: ["examples/quickstart.rules", "--data", "afiliates=x.csv"])
        #expect(result.status == 2)
        #expect(result.error.contains("did you mean `affiliates`"))
    }

    @Test func help() throws {
        let result = try RulesBinary.run(["repl", "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("rules repl"))
        #expect(result.output.contains(":explain"))
        #expect(try RulesBinary.run(["--help"]).output.contains("repl"))
    }
}
