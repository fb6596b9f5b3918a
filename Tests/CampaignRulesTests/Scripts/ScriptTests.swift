// Runs every rule file under Tests/Scripts: their tests must pass, and their error markers
// must match the diagnostics exactly.

import Foundation
import Testing

@testable import CampaignRules

/// A script test is a `.rules` file with inline expectations:
/// - `test` blocks, which must all pass;
/// - `# error: "regex"` at the end of a line: `rules check` must report an error on that line
///   whose message matches (case-insensitive). Such files are checked, not run, and every
///   error must have its marker;
/// - `# fails: "regex"` at the end of a line inside a test: that test must fail there, with a
///   message that matches;
/// - `# warning: "regex"` at the end of a line: `rules check` must warn on that line with a
///   message that matches. Every warning must have its marker, in any file.
struct ScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts")

    static let files: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".rules") { found.append(relative) }
        }
        return found.sorted()
    }()

    @Test func scriptsExist() {
        #expect(ScriptTests.files.count >= 10, "expected the script corpus under \(ScriptTests.root.path)")
    }

    @Test(arguments: ScriptTests.files)
    func script(_ relativePath: String) throws {
        let path = ScriptTests.root.appendingPathComponent(relativePath).path
        let data = try #require(FileManager.default.contents(atPath: path))
        // Named by its full path, which its imports are found from (Tests/Scripts/imports).
        let source = SourceFile(path: path, bytes: [UInt8](data))
        let markers = ScriptMarkers(source)
        let compilation = Engine().compile(source, imports: FileImportResolver(rootFile: path))
        checkWarnings(compilation, markers, source)
        if !markers.errors.isEmpty || !compilation.errors.isEmpty {
            checkStaticErrors(compilation, markers, source)
            return
        }
        let program = try #require(compilation.program)
        let results = program.runTests()
        #expect(!results.isEmpty, "\(relativePath) has no tests and no error markers, so it checks nothing")
        var expectedFailures = markers.failures
        for result in results {
            for failure in result.failures {
                let line = source.location(of: failure.range.start).line
                if let pattern = expectedFailures[line], failure.message.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil {
                    expectedFailures[line] = nil
                } else {
                    Issue.record("\(relativePath): test \"\(result.name)\" failed: \(DiagnosticRenderer(source: source).header(failure))")
                }
            }
        }
        for (line, pattern) in expectedFailures.sorted(by: { $0.key < $1.key }) {
            Issue.record("\(relativePath):\(line): expected a test to fail here matching \"\(pattern)\"")
        }
    }

    private func checkWarnings(_ compilation: Compilation, _ markers: ScriptMarkers, _ source: SourceFile) {
        var unmatched = markers.warnings
        for warning in compilation.diagnostics where warning.severity == .warning {
            let line = compilation.source.isImported(warning.range.start) ? 0 : compilation.source.location(of: warning.range.start).line
            if let pattern = unmatched[line], warning.message.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil {
                unmatched[line] = nil
            } else {
                Issue.record("unexpected warning: \(DiagnosticRenderer(source: compilation.source).header(warning))")
            }
        }
        for (line, pattern) in unmatched.sorted(by: { $0.key < $1.key }) {
            Issue.record("\(source.path):\(line): expected a warning matching \"\(pattern)\", got none")
        }
    }

    private func checkStaticErrors(_ compilation: Compilation, _ markers: ScriptMarkers, _ source: SourceFile) {
        var unmatched = markers.errors
        let renderer = DiagnosticRenderer(source: compilation.source)
        for diagnostic in compilation.errors {
            // Markers are in the script itself; an error in a file it imports matches none.
            let line = compilation.source.isImported(diagnostic.range.start) ? 0 : compilation.source.location(of: diagnostic.range.start).line
            if let patterns = unmatched[line],
                let index = patterns.firstIndex(where: {
                    diagnostic.message.range(of: $0, options: [.regularExpression, .caseInsensitive]) != nil
                })
            {
                unmatched[line]?.remove(at: index)
                if unmatched[line]?.isEmpty == true { unmatched[line] = nil }
            } else {
                Issue.record("unexpected error: \(renderer.header(diagnostic))")
            }
        }
        for (line, patterns) in unmatched.sorted(by: { $0.key < $1.key }) {
            Issue.record("\(source.path):\(line): expected an error matching \(patterns), got none")
        }
    }
}

/// The `# error: "..."` and `# fails: "..."` markers of a script, by line.
struct ScriptMarkers {
    var errors: [Int: [String]] = [:]
    var failures: [Int: String] = [:]
    var warnings: [Int: String] = [:]

    init(_ source: SourceFile) {
        let lexed = Lexer.tokens(in: source)
        for comment in lexed.comments {
            let text = source.text(in: comment)
            let line = source.location(of: comment.start).line
            if let pattern = ScriptMarkers.pattern(in: text, after: "# error:") {
                errors[line, default: []].append(pattern)
            } else if let pattern = ScriptMarkers.pattern(in: text, after: "# fails:") {
                failures[line] = pattern
            } else if let pattern = ScriptMarkers.pattern(in: text, after: "# warning:") {
                warnings[line] = pattern
            }
        }
    }

    static func pattern(in comment: String, after prefix: String) -> String? {
        guard comment.hasPrefix(prefix) else { return nil }
        var rest = comment.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("\""), rest.hasSuffix("\""), rest.count >= 2 { rest = String(rest.dropFirst().dropLast()) }
        return rest
    }
}
