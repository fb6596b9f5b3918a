// Every code sample in docs/ and README.md runs: rule files compile and pass their tests,
// console sessions print what the docs say, Swift samples are the embedding example's code.

import Foundation
import Testing

/// Samples are fenced code blocks:
/// - ```rules — a rule file: it must check without errors (or with the errors its markers name)
///   and its tests must pass. A marker is `# error: ` and then the error's message, or the part
///   of it worth showing, as a reader sees it (`# error: numbers do not contain commas`); the
///   line must have an error whose message contains that text. (Script tests use regexes;
///   the docs show messages.)
/// - ```console — `$ rules ...` lines are run from the repository root; the lines after each
///   command are its expected output, where a line `...` stands for any number of lines;
/// - ```swift — every line must appear in the embedding example's sources, which CI builds and runs.
struct DocsTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        let file: String
        let line: Int
        let language: String
        let text: String
        var testDescription: String { "\(file):\(line) (\(language))" }
    }

    static let root = RulesBinary.packageRoot

    static let samples: [Sample] = {
        var files = ["README.md"]
        let docs = root.appendingPathComponent("docs").path
        files += ((try? FileManager.default.contentsOfDirectory(atPath: docs)) ?? []).filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return files.flatMap { file -> [Sample] in
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else { return [] }
            var samples: [Sample] = []
            var current: (language: String, line: Int, lines: [String])?
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                if line.hasPrefix("```") {
                    if let open = current {
                        samples.append(Sample(file: file, line: open.line, language: open.language, text: open.lines.joined(separator: "\n")))
                        current = nil
                    } else {
                        current = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), number + 1, [])
                    }
                } else {
                    current?.lines.append(line)
                }
            }
            return samples.filter { ["rules", "console", "swift"].contains($0.language) }
        }
    }()

    @Test func docsHaveSamples() {
        #expect(DocsTests.samples.filter { $0.language == "rules" }.count >= 10)
    }

    @Test(arguments: DocsTests.samples)
    func sampleRuns(_ sample: Sample) throws {
        switch sample.language {
        case "rules": try checkRules(sample)
        case "console": try checkConsole(sample)
        default: try checkSwift(sample)
        }
    }

    func checkRules(_ sample: Sample) throws {
        let path = try RulesBinary.write(sample.text + "\n", name: "sample.rules")
        let expected = sample.text.components(separatedBy: "\n").enumerated().compactMap { number, line -> (Int, String)? in
            guard let marker = line.range(of: "# error: ") else { return nil }
            return (number + 1, String(line[marker.upperBound...]).trimmingCharacters(in: .whitespaces))
        }
        let check = try RulesBinary.run(["check", path])
        if expected.isEmpty {
            #expect(check.status == 0, "\(sample.testDescription): \(check.error)")
            let test = try RulesBinary.run(["test", path])
            #expect(test.status == 0, "\(sample.testDescription): \(test.output)")
        } else {
            for (line, message) in expected {
                let found = check.error.components(separatedBy: "\n").contains { reported in
                    reported.contains("sample.rules:\(line):") && reported.range(of: message, options: .caseInsensitive) != nil
                }
                #expect(found, "\(sample.testDescription): no error on line \(line) saying \(message) in \(check.error)")
            }
        }
    }

    func checkConsole(_ sample: Sample) throws {
        var command: [String]?
        var expected: [String] = []
        func finish() throws {
            guard let arguments = command else { return }
            let result = try RulesBinary.run(arguments)
            // CSV ends its lines in CRLF, which Swift keeps as one character: split at either end.
            let printed = (result.output + result.error).replacingOccurrences(of: "\r\n", with: "\n")
            let actual = printed.components(separatedBy: "\n").map { $0.trimmingTrailing() }.filter { !$0.isEmpty }
            #expect(
                DocsTests.matches(actual, expected.map { $0.trimmingTrailing() }.filter { !$0.isEmpty }),
                "\(sample.testDescription): `rules \(arguments.joined(separator: " "))` printed:\n\(actual.joined(separator: "\n"))")
        }
        for line in sample.text.components(separatedBy: "\n") {
            if line.hasPrefix("$ rules ") {
                try finish()
                command = DocsTests.words(String(line.dropFirst("$ rules ".count)))
                expected = []
            } else if line.hasPrefix("$ ") {
                try finish()
                command = nil
            } else {
                expected.append(line)
            }
        }
        try finish()
    }

    func checkSwift(_ sample: Sample) throws {
        let sources = DocsTests.root.appendingPathComponent("examples/embedding/Sources/PayoutHost/main.swift")
        let code = try String(contentsOf: sources, encoding: .utf8)
        let lines = Set(code.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for line in sample.text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("//"), trimmed != "..." else { continue }
            #expect(lines.contains(trimmed), "\(sample.testDescription): `\(trimmed)` is not in examples/embedding's code")
        }
    }

    /// Splits a command line into words, honouring single and double quotes.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == " " {
                if !current.isEmpty {
                    words.append(current)
                    current = ""
                }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whether the printed lines match the expected ones, where `...` matches any run of lines.
    static func matches(_ actual: [String], _ expected: [String]) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "..." {
            return (0...actual.count).contains { matches(Array(actual.dropFirst($0)), Array(expected.dropFirst())) }
        }
        guard let line = actual.first, line == first else { return false }
        return matches(Array(actual.dropFirst()), Array(expected.dropFirst()))
    }
}

extension String {
    fileprivate func trimmingTrailing() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
