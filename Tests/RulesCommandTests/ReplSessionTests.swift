// Unit tests of REPL sessions: declarations kept and replaced, expressions evaluated, errors located.

import CampaignRules
import Foundation
import Testing

@testable import rules

@Suite struct ReplSessionTests {
    /// Thousands of declarations pasted at once are checked together: a handful of
    /// compilations of the session rather than one per declaration (which took minutes for
    /// 600 KB), and the session ends up as it would have entry by entry.
    @Test func pastedDeclarationsAreCheckedTogether() {
        let entries = (0..<2_000).map { Session.Entry(text: "let v\($0) = \($0) + 1", line: $0 + 1) }
        let session = Session()
        #expect(session.declareAll(entries) == Reply())
        #expect(session.compilations == 1)
        #expect(session.declarations.count == 2_000)
        #expect(session.enter("v1999 + v3") == .result("2004"))
    }

    /// An error in the middle of a paste is reported once, at its entry, and every other
    /// declaration is kept, in about log₂(n) compilations per error rather than n.
    @Test func anErrorInAPasteIsReportedAndTheRestKept() {
        var texts = (0..<1_000).map { "let v\($0) = \($0)" }
        texts[613] = "let v613 = $5 + 5"
        texts[900] = "let v900 = 7\nlet v900b = v900 * 2"
        texts.append("let v5 = 55")
        var line = 1
        let entries = texts.map { text in
            defer { line += text.count(where: { $0 == "\n" }) + 2 }
            return Session.Entry(text: text, line: line)
        }
        let session = Session()
        let reply = session.declareAll(entries)
        #expect(reply.errors.count == 1)
        // Entry 613 starts on line 1,227 of the input (one blank line between entries).
        #expect(reply.errors.first?.hasPrefix("input:1227:12: error:") == true, "\(reply.errors)")
        #expect(reply.errors.first?.contains("1227 | let v613 = $5 + 5") == true)
        #expect(reply.notices == ["replaced the earlier `v5`"])
        #expect(session.compilations < 60)
        #expect(session.enter("v612 + v614 + v900b + v5") == .result("1295"))
        #expect(session.enter("v613").errors.first?.contains("unknown name `v613`") == true)
    }

    @Test func declarationsPersistAndExpressionsEvaluate() {
        let session = Session()
        #expect(session.enter("let x = 2") == Reply())
        #expect(session.enter("x * 3") == .result("6"))
        #expect(session.enter("fn double(a) {\n  let b = a * 2\n  b\n}") == Reply())
        #expect(session.enter("double($10.25)") == .result("$20.50"))
    }

    @Test func redefiningReplacesAndSaysSo() {
        let session = Session()
        _ = session.enter("let rate = 5%")
        #expect(session.enter("let rate = 8%") == .notice("replaced the earlier `rate`"))
        #expect(session.enter("rate") == .result("8%"))
        #expect(session.declarations.count == 1)
    }

    @Test func aBrokenDeclarationIsRejectedWithItsPositionInWhatWasTyped() {
        let session = Session()
        let reply = session.enter("let fee = $5 + 5")
        #expect(reply.errors.count == 1)
        #expect(reply.errors[0].hasPrefix("input:1:11: error:"))
        #expect(reply.errors[0].contains("1 | let fee = $5 + 5"))
        #expect(session.declarations.isEmpty)
        #expect(session.enter("fee").errors.first?.contains("unknown name `fee`") == true)
    }

    @Test func aReplacementThatBreaksEarlierDeclarationsIsRejected() {
        let session = Session()
        _ = session.enter("let rate = 5%")
        _ = session.enter("let pay = $100 * rate")
        let reply = session.enter(#"let rate = "five""#)
        #expect(reply.errors.first?.hasPrefix("earlier input:1:11: error:") == true)
        #expect(session.enter("pay") == .result("$5.00"))
    }

    @Test func errorsInMultiLineExpressionsPointAtTheirLine() {
        let reply = Session().enter("[1,\n  2 + zz]")
        #expect(reply.errors.first?.hasPrefix("input:2:7: error: unknown name `zz`") == true)
    }

    @Test func runtimeErrorsAreLocatedToo() {
        let session = Session()
        _ = session.enter("fn ratio(a, b) = a / b")
        let reply = session.enter("ratio(1, 0)")
        #expect(reply.errors.first?.hasPrefix("earlier input:1:18: error:") == true)
        #expect(reply.errors.first?.contains("in `ratio`, called here (input:1:1") == true)
    }

    @Test func typesComeFromTheChecker() {
        let session = Session()
        _ = session.enter("let rate = 5%")
        #expect(session.type(of: "rate") == .result("Percent"))
        #expect(session.type(of: "[$1, $2]") == .result("list of Money (USD)"))
    }

    @Test func loadingAFileAndItsDataThenExplaining() throws {
        let root = RulesBinary.packageRoot.path
        let session = Session()
        let loaded = session.load(root + "/examples/quickstart.rules")
        #expect(!loaded.failed)
        #expect(loaded.notices.last?.hasPrefix("loaded") == true)
        #expect(session.enter("total_payout") == .result("$6,868.02"))
        let table = session.enter("payouts").results.joined()
        #expect(table.contains("TOTAL"))
        let explained = session.explainLast().results.joined()
        #expect(explained.contains("is in the bracket"))
        #expect(session.runTests().results == ["3 passed, 0 failed"])
    }

    @Test func dataLoadsIntoDeclaredInputs() throws {
        let root = RulesBinary.packageRoot.path
        let session = Session()
        #expect(!session.load(root + "/examples/budget-split.rules").failed)
        let reply = session.loadData(name: "creators", path: root + "/examples/data/creators.csv")
        #expect(reply.notices.first?.hasPrefix("`creators`: 250 items") == true)
        #expect(session.enter("count(creators)") == .result("250"))
        #expect(session.loadData(name: "creator", path: "x.csv").errors.first?.contains("did you mean `creators`") == true)
        #expect(!session.setInput(name: "budget", text: "$40_000").failed)
        #expect(session.enter("budget") == .result("$40,000.00"))
        #expect(session.describeInputs().results.joined().contains("250 items from"))
    }

    @Test func errorsInLoadedFilesKeepTheFilesLines() throws {
        let path = try RulesBinary.write("let a = 1\n\nlet b = a + $5\n", name: "broken.rules")
        let reply = Session().load(path)
        #expect(reply.errors.first?.hasPrefix("\(path):3:9: error:") == true)
    }

    @Test func metaCommandsParse() throws {
        #expect(try MetaCommand.parse(":q").get() == .quit)
        #expect(try MetaCommand.parse(" :data creators = a b.csv").get() == .data(name: "creators", path: "a b.csv"))
        #expect(try MetaCommand.parse(":type sum([1, 2])").get() == .type(expression: "sum([1, 2])"))
        if case .failure(let error) = MetaCommand.parse(":lod x") {
            #expect(error.message.contains("did you mean `:load`"))
        } else {
            Issue.record("`:lod` should not parse")
        }
    }
}
