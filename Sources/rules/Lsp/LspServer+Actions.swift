// Quick fixes from the diagnostics' replacements, and the test lenses with the command that
// runs the file's tests.

import CampaignRules
import Foundation

extension LspServer {
    static let runTestsCommand = "rules.runTest"

    /// A quick fix for each diagnostic in the range asked about that carries a replacement.
    func codeActions(_ params: [String: Any]) throws(RpcError) -> Any {
        let document = try document(params)
        let range = params["range"] as? [String: Any]
        let start = document.offset(range?["start"] as? [String: Any]) ?? 0
        let end = document.offset(range?["end"] as? [String: Any]) ?? document.positions.bytes.count
        let fixable = document.analysis.ownDiagnostics.filter { diagnostic in
            diagnostic.replacement != nil && diagnostic.range.start <= end && start <= diagnostic.range.end
        }
        return fixable.map { diagnostic -> [String: Any] in
            let replacement = diagnostic.replacement ?? ""
            let edit = LspJson.textEdit(LspJson.range(diagnostic.range, in: document.positions), replacement)
            return [
                "title": "Write `\(replacement)`", "kind": "quickfix", "isPreferred": true,
                "diagnostics": [LspJson.diagnostic(diagnostic, in: document.positions)],
                "edit": ["changes": [document.uri: [edit]]],
            ]
        }
    }

    /// Over each test, a lens that runs the file's tests; once run, one more with its outcome.
    func codeLenses(_ params: [String: Any]) throws(RpcError) -> Any {
        let document = try document(params)
        let tests = document.analysis.tests
        var lenses: [[String: Any]] = []
        for (index, test) in tests.enumerated() {
            let start = document.positions.position(of: test.range.start)
            let range: [String: Any] = ["start": LspJson.position(start), "end": LspJson.position(start)]
            lenses.append(["range": range, "command": ["title": "▶ run tests", "command": Self.runTestsCommand, "arguments": [document.uri]]])
            if let outcomes = document.testOutcomes, index < outcomes.count {
                let outcome = outcomes[index]
                let title = outcome.passed ? "✓ passed" : "✗ failed: \(outcome.message)"
                lenses.append(["range": range, "command": ["title": title, "command": ""]])
            }
        }
        return lenses
    }

    /// `rules.runTest URI`: runs the document's tests, keeps each outcome for its lens, and
    /// asks the client to fetch the lenses again.
    func executeCommand(_ params: [String: Any]) throws(RpcError) -> Any {
        guard params["command"] as? String == Self.runTestsCommand else {
            throw RpcError(code: .invalidParams, message: "the only command is \(Self.runTestsCommand)")
        }
        guard let uri = (params["arguments"] as? [Any])?.first as? String, let document = documents[uri] else {
            throw RpcError(code: .invalidParams, message: "\(Self.runTestsCommand) takes the URI of an open document")
        }
        let outcomes = runTests(of: document)
        document.testOutcomes = outcomes
        if refreshesCodeLenses { sendRequest("workspace/codeLens/refresh") }
        return ["passed": outcomes.filter(\.passed).count, "failed": outcomes.filter { !$0.passed }.count]
    }

    private func runTests(of document: OpenDocument) -> [TestOutcome] {
        let compiled = Engine().compile(document.source, imports: document.imports)
        guard let program = compiled.program else {
            let reason = compiled.errors.first?.message ?? "the file does not compile"
            return document.analysis.tests.map { _ in TestOutcome(passed: false, message: reason) }
        }
        return program.runTests().map { result in
            TestOutcome(passed: result.passed, message: result.failure?.message ?? "")
        }
    }
}
