// `rules lsp` end to end: scripted sessions with the built binary, checking each reply.

import Foundation
import Testing

@testable import rules

@Suite(.serialized)
struct LspTests {
    static let uri = "untitled:plan.rules"

    /// `nme` comes after `é` (one UTF-16 unit, two bytes) and an emoji (two units, four bytes),
    /// so only a UTF-16 count puts it at character 26.
    static let misspelled = "let name = 1\nlet a = {label: \"é😀\", n: nme}\n"

    static func open(_ session: LspSession, _ text: String, uri: String = uri) {
        session.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "rules", "version": 1, "text": text]])
    }

    static func at(_ line: Int, _ character: Int, uri: String = uri) -> [String: Any] {
        ["textDocument": ["uri": uri], "position": ["line": line, "character": character]]
    }

    static func result(_ reply: [String: Any]) -> Any? { reply["result"] }

    static func errorCode(_ reply: [String: Any]) -> Int? { (reply["error"] as? [String: Any])?["code"] as? Int }

    static func range(_ json: Any?) -> [Int] {
        let range = json as? [String: Any]
        let start = range?["start"] as? [String: Any], end = range?["end"] as? [String: Any]
        return [start?["line"], start?["character"], end?["line"], end?["character"]].map { $0 as? Int ?? -1 }
    }

    @Test func initializeAdvertisesUtf16AndWhatIsImplemented() throws {
        let session = try LspSession()
        let reply = try session.request("initialize", ["capabilities": [:]])
        let capabilities = (Self.result(reply) as? [String: Any])?["capabilities"] as? [String: Any]
        #expect(capabilities?["positionEncoding"] as? String == "utf-16")
        #expect(
            Set(capabilities?.keys.map { $0 } ?? []) == [
                "positionEncoding", "textDocumentSync", "hoverProvider", "definitionProvider", "documentSymbolProvider",
                "completionProvider", "documentFormattingProvider", "codeActionProvider", "codeLensProvider", "executeCommandProvider",
            ])
        session.notify("initialized", [:])
        #expect(try session.shutdown() == 0)
    }

    @Test func diagnosticsCarryUtf16RangesAndClearOnceFixed() throws {
        let session = try LspSession()
        try session.initialize()
        Self.open(session, Self.misspelled)
        let diagnostics = try session.diagnostics(for: Self.uri)
        #expect(diagnostics.count == 1)
        #expect(Self.range(diagnostics.first?["range"]) == [1, 26, 1, 29])
        #expect((diagnostics.first?["message"] as? String)?.contains("did you mean `name`") == true)
        #expect(diagnostics.first?["code"] as? String == "undefinedName")

        let action = try session.request(
            "textDocument/codeAction",
            [
                "textDocument": ["uri": Self.uri], "range": ["start": ["line": 1, "character": 27], "end": ["line": 1, "character": 27]],
                "context": ["diagnostics": diagnostics],
            ])
        let actions = Self.result(action) as? [[String: Any]] ?? []
        #expect(actions.count == 1 && actions.first?["kind"] as? String == "quickfix")
        let changes = (actions.first?["edit"] as? [String: Any])?["changes"] as? [String: Any]
        let edit = (changes?[Self.uri] as? [[String: Any]])?.first
        #expect(edit?["newText"] as? String == "name")
        #expect(Self.range(edit?["range"]) == [1, 26, 1, 29])

        session.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": Self.uri, "version": 2],
                "contentChanges": [["text": Self.misspelled.replacingOccurrences(of: "nme", with: "name")]],
            ])
        #expect(try session.diagnostics(for: Self.uri).isEmpty)
        #expect(try session.shutdown() == 0)
    }

    static let plan = """
        record Affiliate {
          id: Text
          sales: Money
        }
        input affiliates: list of Affiliate = [{id: "ava", sales: $100}]
        let rate = 8%
        tiers bands {
          ..< $1_000: 5%
          $1_000 ...: 10%
        }
        plan payouts for a in affiliates {
          commission "Base": a.sales * bands(a.sales)
        }
        output total = sum(payouts.total)
        test "passes" {
          expect total == $5
        }
        test "fails" {
          expect total == $6
        }

        """

    @Test func hoverSymbolsAndCompletionAfterADot() throws {
        let session = try LspSession()
        try session.initialize()
        Self.open(session, Self.plan)
        _ = try session.diagnostics(for: Self.uri)

        let hover = Self.result(try session.request("textDocument/hover", Self.at(5, 5))) as? [String: Any]
        #expect(((hover?["contents"] as? [String: Any])?["value"] as? String)?.contains("let rate: Percent = 8%") == true)
        let tiers = Self.result(try session.request("textDocument/hover", Self.at(11, 33))) as? [String: Any]
        #expect(((tiers?["contents"] as? [String: Any])?["value"] as? String)?.contains("$1_000 ...: 10%") == true)

        let symbols = Self.result(try session.request("textDocument/documentSymbol", ["textDocument": ["uri": Self.uri]])) as? [[String: Any]] ?? []
        #expect(symbols.map { $0["name"] as? String ?? "" } == ["Affiliate", "affiliates", "rate", "bands", "payouts", "total", "passes", "fails"])
        #expect(Self.range(symbols.first?["selectionRange"]) == [0, 7, 0, 16])

        let dotted = Self.plan.replacingOccurrences(of: "sum(payouts.total)", with: "sum(payouts.)")
        session.notify("textDocument/didChange", ["textDocument": ["uri": Self.uri, "version": 2], "contentChanges": [["text": dotted]]])
        _ = try session.diagnostics(for: Self.uri)
        let completion = Self.result(try session.request("textDocument/completion", Self.at(13, 27))) as? [String: Any]
        let labels = (completion?["items"] as? [[String: Any]] ?? []).map { $0["label"] as? String ?? "" }
        #expect(labels == ["subject", "key", "lines", "total"])
        #expect(try session.shutdown() == 0)
    }

    @Test func definitionGoesIntoAnImportedFile() throws {
        let main = try RulesBinary.write("import \"rates.rules\"\nlet paid = base_rate * 2\n", name: "main.rules")
        let folder = URL(fileURLWithPath: main).deletingLastPathComponent()
        try "# shared rates\nlet base_rate = 5%\n".write(to: folder.appendingPathComponent("rates.rules"), atomically: true, encoding: .utf8)
        let uri = URL(fileURLWithPath: main).absoluteString
        let session = try LspSession()
        try session.initialize()
        Self.open(session, try String(contentsOfFile: main, encoding: .utf8), uri: uri)
        #expect(try session.diagnostics(for: uri).isEmpty)
        let reply = Self.result(try session.request("textDocument/definition", Self.at(1, 13, uri: uri))) as? [String: Any]
        #expect((reply?["uri"] as? String)?.hasSuffix("/rates.rules") == true)
        #expect(Self.range(reply?["range"]) == [1, 4, 1, 13])
        let local = Self.result(try session.request("textDocument/definition", Self.at(1, 5, uri: uri))) as? [String: Any]
        #expect(local?["uri"] as? String == uri && Self.range(local?["range"]) == [1, 4, 1, 8])
        #expect(try session.shutdown() == 0)
    }

    @Test func formattingReplacesTheTextWithItsCanonicalLayout() throws {
        let session = try LspSession()
        try session.initialize()
        Self.open(session, "let   a=1+2\n")
        _ = try session.diagnostics(for: Self.uri)
        let edits =
            Self.result(
                try session.request("textDocument/formatting", ["textDocument": ["uri": Self.uri], "options": ["tabSize": 2, "insertSpaces": true]]))
            as? [[String: Any]]
        #expect(edits?.count == 1)
        #expect(edits?.first?["newText"] as? String == "let a = 1 + 2\n")
        #expect(Self.range(edits?.first?["range"]) == [0, 0, 1, 0])
        #expect(try session.shutdown() == 0)
    }

    @Test func theTestLensRunsTheTestsAndShowsEachOutcome() throws {
        let session = try LspSession()
        try session.initialize(capabilities: ["workspace": ["codeLens": ["refreshSupport": true]]])
        Self.open(session, Self.plan)
        _ = try session.diagnostics(for: Self.uri)
        let lenses = Self.result(try session.request("textDocument/codeLens", ["textDocument": ["uri": Self.uri]])) as? [[String: Any]] ?? []
        #expect(lenses.count == 2)
        let command = lenses.first?["command"] as? [String: Any]
        #expect(command?["command"] as? String == "rules.runTest")
        #expect(Self.range(lenses.first?["range"]) == [14, 0, 14, 0])

        let run =
            Self.result(try session.request("workspace/executeCommand", ["command": "rules.runTest", "arguments": command?["arguments"] ?? []]))
            as? [String: Any]
        #expect(run?["passed"] as? Int == 1 && run?["failed"] as? Int == 1)
        let refresh = try session.waitFor("a lens refresh") { $0["method"] as? String == "workspace/codeLens/refresh" }
        session.send(["jsonrpc": "2.0", "id": refresh["id"] ?? 0, "result": NSNull()])

        let shown = Self.result(try session.request("textDocument/codeLens", ["textDocument": ["uri": Self.uri]])) as? [[String: Any]] ?? []
        let titles = shown.map { ($0["command"] as? [String: Any])?["title"] as? String ?? "" }
        #expect(titles.count == 4)
        #expect(titles[1] == "✓ passed")
        #expect(titles[3].hasPrefix("✗ failed: "))
        #expect(try session.shutdown() == 0)
    }

    @Test func malformedMessagesGetErrorsAndTheServerGoesOn() throws {
        let session = try LspSession()
        let early = try session.request("textDocument/hover", Self.at(0, 0))
        #expect(Self.errorCode(early) == -32002)
        try session.initialize()

        let garbage = Array("{not json".utf8)
        session.sendRaw(Array("Content-Length: \(garbage.count)\r\n\r\n".utf8) + garbage)
        let parseError = try session.waitFor("a parse error") { Self.errorCode($0) == -32700 }
        #expect(parseError["id"] is NSNull)

        let invalidUtf8: [UInt8] =
            Array("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"x\",\"params\":{\"a\":\"".utf8) + [0xFF, 0xFE] + Array("\"}}".utf8)
        session.sendRaw(Array("Content-Length: \(invalidUtf8.count)\r\n\r\n".utf8) + invalidUtf8)
        #expect(Self.errorCode(try session.waitFor("a parse error for bad UTF-8") { Self.errorCode($0) == -32700 }) == -32700)

        session.send(["id": 5, "method": "textDocument/hover"])
        #expect(Self.errorCode(try session.waitFor("an invalid request") { ($0["id"] as? Int) == 5 }) == -32600)
        session.send(["jsonrpc": "2.0", "id": true, "method": "textDocument/hover"])
        #expect(Self.errorCode(try session.waitFor("an invalid id") { Self.errorCode($0) == -32600 && $0["id"] is NSNull }) == -32600)

        #expect(Self.errorCode(try session.request("no/such/method")) == -32601)
        session.notify("no/such/notification", [:])

        session.sendRaw(Array("X-Header: 1\r\n\r\n".utf8))
        #expect(try session.waitFor("a missing Content-Length") { Self.errorCode($0) == -32700 }["id"] is NSNull)
        session.sendRaw(Array("Content-Length: 99999999999999\r\n\r\n{}\n".utf8))
        #expect(try session.waitFor("a huge Content-Length") { Self.errorCode($0) == -32700 }["id"] is NSNull)

        Self.open(session, "let a = 1\n")
        _ = try session.diagnostics(for: Self.uri)
        let outside = try session.request("textDocument/hover", Self.at(4_000, 9_999))
        #expect(outside["result"] is NSNull)
        let negative = try session.request("textDocument/hover", Self.at(-3, -1))
        #expect(negative["result"] is NSNull)
        #expect(
            Self.errorCode(
                try session.request(
                    "textDocument/hover", ["textDocument": ["uri": "untitled:closed.rules"], "position": ["line": 0, "character": 0]])) == -32602)

        let still = Self.result(try session.request("textDocument/hover", Self.at(0, 4))) as? [String: Any]
        #expect(((still?["contents"] as? [String: Any])?["value"] as? String)?.contains("let a: Number = 1") == true)
        #expect(try session.shutdown() == 0)
        #expect(!session.isRunning)
    }

    @Test func helpAndUsage() throws {
        let help = try RulesBinary.run(["lsp", "--help"])
        #expect(help.status == 0 && help.output.contains("rules lsp — a language server for editors"))
        #expect(try RulesBinary.run(["--help"]).output.contains("lsp                  a language server"))
        let misuse = try RulesBinary.run(["lsp", "plan.rules"])
        #expect(misuse.status == 2 && misuse.error.contains("takes no files"))
    }

    @Test func exitWithoutShutdownFails() throws {
        let session = try LspSession()
        try session.initialize()
        session.notify("exit", [:])
        let deadline = Date().addingTimeInterval(10)
        while session.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(!session.isRunning)
    }

    @Test(arguments: [
        ("a😀b", 0, 2, 1), ("a😀b", 0, 3, 5), ("a😀b", 0, 2, 1), ("é\nx", 1, 1, 4), ("é\nx", 0, 1, 2), ("ab", 7, 0, 2), ("ab", 0, 99, 2),
    ])
    func utf16PositionsBecomeByteOffsets(_ text: String, _ line: Int, _ character: Int, _ offset: Int) {
        #expect(Utf16Positions(Array(text.utf8)).offset(line: line, character: character) == offset)
    }

    @Test func byteOffsetsBecomeUtf16Positions() {
        let positions = Utf16Positions(Array("é😀x\ny".utf8))
        #expect(positions.position(of: 6).line == 0 && positions.position(of: 6).character == 3)
        #expect(positions.position(of: 9).line == 1 && positions.position(of: 9).character == 1)
        #expect(positions.position(of: 99).line == 1)
    }
}
