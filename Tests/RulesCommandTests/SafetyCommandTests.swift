// The command line never loses data silently: failed reads and writes are errors, `--out`
// never replaces a link, device or pipe, and the resource limits are flags.

import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct SafetyCommandTests {
    static let rules = """
        record Row {
          id: Text
          sales: Money
        }
        input rows: list of Row
        input label: Text = "none"
        input rate: Percent = 10%
        output total = sum(rows.sales)
        output tagged = label
        """

    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "rules-safety-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func setUp() throws -> (folder: String, rules: String, data: String) {
        let folder = try folder()
        let rules = folder + "/pay.rules", data = folder + "/rows.csv"
        try SafetyCommandTests.rules.write(toFile: rules, atomically: true, encoding: .utf8)
        try "id,sales\nava,$10\nben,$20.50\n".write(toFile: data, atomically: true, encoding: .utf8)
        return (folder, rules, data)
    }

    // MARK: Reads

    /// A directory as data loaded an empty list and printed $0.00 with exit 0.
    @Test func aDirectoryAsDataIsAnError() throws {
        let (folder, rules, _) = try SafetyCommandTests.setUp()
        let result = try RulesBinary.run(["run", rules, "--data", "rows=\(folder)"])
        #expect(result.status == 1)
        #expect(result.error.contains("\(folder): error: is a directory, not a file"))
        #expect(!result.output.contains("$0.00"))
    }

    /// A named pipe with no writer blocked forever, as data or as the rule file; a device as
    /// the rule file said "no such file".
    @Test func pipesAndDevicesGetClearErrorsNotHangs() throws {
        let (folder, rules, _) = try SafetyCommandTests.setUp()
        let fifo = folder + "/rows.csv"
        try FileManager.default.removeItem(atPath: fifo)
        #expect(mkfifo(fifo, 0o600) == 0)
        let data = try RulesBinary.run(["run", rules, "--data", "rows=\(fifo)"], timeout: 60)
        #expect(data.status == 1)
        #expect(data.error.contains("is a pipe, and nothing was written to it"))
        let source = folder + "/pipe.rules"
        #expect(mkfifo(source, 0o600) == 0)
        let check = try RulesBinary.run(["check", source], timeout: 60)
        #expect(check.status == 2)
        #expect(check.error.contains("pipe.rules: is a pipe, and nothing was written to it"))
        let device = try RulesBinary.run(["check", "/dev/zero"], timeout: 60)
        #expect(device.status == 2)
        #expect(device.error.contains("/dev/zero: is a device, not a file"))
    }

    /// A data file over `--max-data-size` is refused before it is read.
    @Test func dataOverTheSizeLimitIsRefused() throws {
        let (_, rules, data) = try SafetyCommandTests.setUp()
        let result = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--max-data-size", "10"])
        #expect(result.status == 1)
        #expect(result.error.contains("more than the 10 bytes allowed (limit maximumDataSize; raise it with --max-data-size)"))
    }

    /// A checked directory with no rule files exited 0 having checked nothing.
    @Test(arguments: ["check", "test", "fmt"])
    func aDirectoryWithoutRuleFilesIsAnError(_ command: String) throws {
        let folder = try SafetyCommandTests.folder()
        let result = try RulesBinary.run([command, folder])
        #expect(result.status == 2)
        #expect(result.error.contains("holds no .rules files"))
    }

    // MARK: Writes

    /// Output that cannot be written (a full disk) exited 0 for run, test and check.
    @Test(arguments: [["run"], ["test"], ["check"]])
    func aFailedWriteToStandardOutputIsAnError(_ command: [String]) throws {
        let (_, rules, data) = try SafetyCommandTests.setUp()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let extra = command == ["run"] ? ["--data", "rows=\(data)"] : []
        let result = try RulesBinary.run(command + [rules] + extra, standardOutput: full)
        #expect(result.status == 1)
        #expect(result.error.contains("error: cannot write to standard output: No space left on device"))
    }

    /// `--out` through a symbolic link writes the file it points to, which keeps its mode
    /// (0600 became 0644 before), and leaves the link a link.
    @Test func outputThroughALinkKeepsTheLinkAndTheMode() throws {
        let (folder, rules, data) = try SafetyCommandTests.setUp()
        let target = folder + "/payouts.csv", link = folder + "/latest.csv"
        try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
        #expect(chmod(target, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "payouts.csv")
        let result = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--only", "total", "--format", "csv", "--out", link])
        #expect(result.status == 0, "\(result.error)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "payouts.csv")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("30.50"))
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    /// `--out` onto a device or a named pipe replaced it with a regular file (as root,
    /// `--out /dev/null` destroyed the device); it is refused and left alone.
    @Test func outputOntoADeviceOrPipeIsRefused() throws {
        let (folder, rules, data) = try SafetyCommandTests.setUp()
        let device = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--out", "/dev/null"])
        #expect(device.status == 1)
        #expect(device.error.contains("cannot write /dev/null: it is a device, not a regular file"))
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        let fifo = folder + "/out.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--out", fifo], timeout: 60)
        #expect(pipe.status == 1)
        #expect(pipe.error.contains("it is a named pipe, not a regular file"))
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    /// `rules fmt link.rules` formats the file the link points to and keeps the link.
    @Test func formattingThroughALinkFormatsTheRealFile() throws {
        let folder = try SafetyCommandTests.folder()
        let real = folder + "/real.rules", link = folder + "/link.rules"
        try "let   a =1\n".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let result = try RulesBinary.run(["fmt", link])
        #expect(result.status == 0, "\(result.error)")
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "let a = 1\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
    }

    // MARK: Values and limits

    /// `--set x=(1/0)` became the text "(1/0)"; only a Text input takes bare text.
    @Test func aSetValueThatIsNotALiteralIsAnError() throws {
        let (_, rules, data) = try SafetyCommandTests.setUp()
        let broken = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--set", "rate=(1/0)"])
        #expect(broken.status == 2)
        #expect(broken.error.contains("--set rate=(1/0): not a value of type Percent: division by zero"))
        let text = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--set", "label=(1/0)", "--only", "tagged"])
        #expect(text.status == 0)
        #expect(text.output.contains("(1/0)"))
    }

    /// A 100 KB `--set` value was echoed whole in the error.
    @Test func aLongSetValueIsShortenedInTheError() throws {
        let (_, rules, data) = try SafetyCommandTests.setUp()
        let long = String(repeating: "9", count: 100_000) + "x"
        let result = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--set", "rate=\(long)"])
        #expect(result.status == 2)
        #expect(result.error.count < 2_000, "the error is \(result.error.count) characters")
        #expect(result.error.contains("--set rate=99999"))
    }

    /// Every new limit is a flag whose error names it.
    @Test(arguments: [
        (["--max-memory", "1K"], "limit maximumMemory; raise it with --max-memory"),
        (["--max-steps", "100"], "limit maximumSteps; raise it with --max-steps"),
        (["--timeout", "200ms"], "evaluation ran longer than 200 ms (limit timeLimit; raise it with --timeout)"),
    ])
    func evaluationLimitsAreFlags(_ flags: [String], _ message: String) throws {
        let folder = try SafetyCommandTests.folder()
        let path = folder + "/slow.rules"
        try """
        let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        output o = sum(xs select sum(xs select sum(xs select sum(xs select sum(xs select sum(xs select sum(xs select sum(xs select it))))))))
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try RulesBinary.run(["run", path] + flags)
        #expect(result.status == 1)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test(arguments: [["--max-memory", "lots"], ["--timeout", "-3"], ["--max-line-length", "0"]])
    func badLimitValuesAreUsageErrors(_ flags: [String]) throws {
        let (_, rules, data) = try SafetyCommandTests.setUp()
        let result = try RulesBinary.run(["run", rules, "--data", "rows=\(data)"] + flags)
        #expect(result.status == 2)
        #expect(result.error.contains(flags[0]))
    }
}
