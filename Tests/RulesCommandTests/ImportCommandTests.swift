// End-to-end tests of `import` in real folders: every command follows imports, and every hostile
// import is an error at the import line, with a fix, that reads nothing outside the root folder.

import CampaignRules
import Foundation
import Testing

@testable import rules

@Suite struct ImportCommandTests {
    /// A fresh temporary folder holding `files` (path from the folder → text); its path.
    static func folder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-imports-\(UUID().uuidString)").path
        var made: Set<String> = []
        for (path, text) in files {
            let file = "\(folder)/\(path)"
            let parent = String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)])
            if made.insert(parent).inserted {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            }
            guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else { throw CocoaError(.fileWriteUnknown) }
        }
        return folder
    }

    static let rates = """
        let rate = 10%
        fn fee(amount) = amount * rate

        test "fails, but is not run by an importer" {
          expect rate == 20%
        }
        """

    static let main = """
        import "shared/rates.rules"

        output total = fee($300)

        test "fee" {
          expect total == $30
        }
        """

    /// Checks `main.rules` of a folder and asserts a located error with a word of its message and a fix.
    static func expectError(
        _ folder: String, at place: String, saying word: String, file: String = "main.rules",
        arguments: [String] = []
    ) throws {
        let result = try RulesBinary.run(["check", "\(folder)/\(file)"] + arguments)
        #expect(result.status == 1, "\(result.combined)")
        #expect(result.error.contains("\(folder)/\(place): error:"), "\(result.error)")
        #expect(result.error.contains(word), "\(result.error)")
        #expect(result.error.contains("  fix: "), "\(result.error)")
    }

    @Test func checkTestAndRunFollowImports() throws {
        let folder = try ImportCommandTests.folder(["main.rules": ImportCommandTests.main, "shared/rates.rules": ImportCommandTests.rates])
        let check = try RulesBinary.run(["check", "\(folder)/main.rules"])
        #expect(check.status == 0, "\(check.combined)")
        let test = try RulesBinary.run(["test", "\(folder)/main.rules"])
        #expect(test.status == 0, "\(test.combined)")
        #expect(test.output.contains("1 passed, 0 failed"))
        let run = try RulesBinary.run(["run", "\(folder)/main.rules"])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.output.contains("$30.00"), "\(run.output)")
    }

    @Test func diffFollowsTheImportsOfEachVersion() throws {
        let plan =
            "import \"shared/rates.rules\"\ninput sales: list of Sale = [{id: \"ava\", amount: $100}]\nplan payouts for s in sales {\n  key s.id\n  commission \"Base\": fee(s.amount)\n}\n"
        let folder = try ImportCommandTests.folder([
            "old/main.rules": plan, "old/shared/rates.rules": "record Sale { id: Text\n amount: Money }\nfn fee(a) = a * 10%",
            "new/main.rules": plan, "new/shared/rates.rules": "record Sale { id: Text\n amount: Money }\nfn fee(a) = a * 12%",
        ])
        let result = try RulesBinary.run(["diff", "\(folder)/old/main.rules", "\(folder)/new/main.rules"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("$10.00") && result.output.contains("$12.00"), "\(result.output)")
    }

    @Test func anErrorInAnImportedFileIsLocatedThere() throws {
        let folder = try ImportCommandTests.folder([
            "main.rules": ImportCommandTests.main, "shared/rates.rules": "fn fee(amount) = amount * rate\nlet rate = 10% + \"x\"",
        ])
        let result = try RulesBinary.run(["check", "\(folder)/main.rules"])
        #expect(result.status == 1)
        #expect(result.error.contains("\(folder)/shared/rates.rules:2:12: error:"), "\(result.error)")
        #expect(result.error.contains("2 | let rate = 10% + \"x\""))
    }

    @Test func anAbsolutePathIsRefused() throws {
        let folder = try ImportCommandTests.folder(["main.rules": "import \"/etc/passwd\"\nlet x = 1"])
        try ImportCommandTests.expectError(folder, at: "main.rules:1:8", saying: "absolute path")
    }

    @Test func aPathAboveTheRootIsRefused() throws {
        let folder = try ImportCommandTests.folder([
            "outside.rules": "let secret = 1", "plans/main.rules": "import \"sub/../../outside.rules\"\nlet x = secret",
        ])
        try ImportCommandTests.expectError(folder, at: "plans/main.rules:1:8", saying: "leads outside", file: "plans/main.rules")
    }

    @Test func aSymbolicLinkOutsideTheRootIsRefusedAndOneInsideIsFollowed() throws {
        let outside = try ImportCommandTests.folder(["secret.rules": "let secret = 1"])
        let folder = try ImportCommandTests.folder([
            "main.rules": "import \"link.rules\"\nlet x = secret", "shared/rates.rules": ImportCommandTests.rates,
        ])
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/link.rules", withDestinationPath: "\(outside)/secret.rules")
        try ImportCommandTests.expectError(folder, at: "main.rules:1:8", saying: "symbolic link to a file outside")
        // A linked folder on the way leads outside just the same.
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/linked", withDestinationPath: outside)
        try "import \"linked/secret.rules\"\nlet x = secret".write(toFile: "\(folder)/main.rules", atomically: true, encoding: .utf8)
        try ImportCommandTests.expectError(folder, at: "main.rules:1:8", saying: "symbolic link to a file outside")
        // A link to a file inside the folder is followed, and the file named where it is.
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/rates.rules", withDestinationPath: "shared/rates.rules")
        try "import \"rates.rules\"\nimport \"shared/rates.rules\"\noutput total = fee($300)".write(
            toFile: "\(folder)/main.rules", atomically: true, encoding: .utf8)
        let result = try RulesBinary.run(["run", "\(folder)/main.rules"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("$30.00"))
    }

    @Test func aFolderIsRefused() throws {
        let folder = try ImportCommandTests.folder(["main.rules": "import \"shared\"\nlet x = 1", "shared/rates.rules": ImportCommandTests.rates])
        try ImportCommandTests.expectError(folder, at: "main.rules:1:8", saying: "is a folder")
    }

    @Test func aMissingFileIsReported() throws {
        let folder = try ImportCommandTests.folder([
            "main.rules": "# rates\nimport \"shared/rate.rules\"\nlet x = 1", "shared/rates.rules": ImportCommandTests.rates,
        ])
        try ImportCommandTests.expectError(folder, at: "main.rules:2:8", saying: "no file \"shared/rate.rules\"")
    }

    @Test func aCycleNamesItsChain() throws {
        let folder = try ImportCommandTests.folder(["main.rules": "import \"b.rules\"\nlet a = 1", "b.rules": "import \"main.rules\"\nlet b = 1"])
        try ImportCommandTests.expectError(
            folder, at: "b.rules:1:8", saying: "cycle: \(folder)/main.rules → \(folder)/b.rules → \(folder)/main.rules")
    }

    @Test func aFileImportingItselfIsReported() throws {
        let folder = try ImportCommandTests.folder(["main.rules": "import \"./main.rules\"\nlet a = 1"])
        try ImportCommandTests.expectError(folder, at: "main.rules:1:8", saying: "imports itself")
    }

    @Test func aFileImportedTwiceIsImportedOnce() throws {
        let folder = try ImportCommandTests.folder([
            "main.rules": "import \"left.rules\"\nimport \"right.rules\"\noutput total = l + r",
            "left.rules": "import \"shared/base.rules\"\nlet l = base",
            "right.rules": "import \"./shared/../shared/base.rules\"\nlet r = base",
            "shared/base.rules": "let base = 1",
        ])
        let result = try RulesBinary.run(["run", "\(folder)/main.rules"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("2"))
    }

    /// A generated chain of 10,000 files stops at the import limit quickly, at the import that
    /// passes it; raised, the whole chain is imported, with no deep recursion on the way.
    @Test func aLongChainStopsAtTheImportLimit() throws {
        var files: [String: String] = [:]
        for index in 0..<10_000 {
            files["f\(index).rules"] = (index < 9_999 ? "import \"f\(index + 1).rules\"\n" : "") + "let v\(index) = \(index)\n"
        }
        let folder = try ImportCommandTests.folder(files)
        let start = Date()
        try ImportCommandTests.expectError(
            folder, at: "f1000.rules:1:8", saying: "limit maximumImports; raise it with --max-imports", file: "f0.rules")
        let raised = try RulesBinary.run(["check", "\(folder)/f0.rules", "--max-imports", "10000"])
        #expect(raised.status == 0, "\(raised.combined)")
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test func fmtKeepsImportsWithoutReadingThem() throws {
        let text = "import \"shared/missing.rules\"\n\nlet x = 1\n"
        let folder = try ImportCommandTests.folder(["main.rules": text])
        let result = try RulesBinary.run(["fmt", "--check", "\(folder)/main.rules"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(try String(contentsOfFile: "\(folder)/main.rules", encoding: .utf8) == text)
    }

    @Test func replLoadFollowsImports() throws {
        let folder = try ImportCommandTests.folder(["main.rules": ImportCommandTests.main, "shared/rates.rules": ImportCommandTests.rates])
        let session = Session()
        let reply = session.load("\(folder)/main.rules")
        #expect(!reply.failed, "\(reply.errors)")
        #expect(session.enter("fee($50)") == .result("$5.00"))
        // A declaration entered later that breaks an imported one is reported in its file.
        try "import \"nowhere.rules\"\nlet y = 1".write(toFile: "\(folder)/bad.rules", atomically: true, encoding: .utf8)
        let bad = session.load("\(folder)/bad.rules")
        #expect(bad.errors.first?.hasPrefix("\(folder)/bad.rules:1:8: error: there is no file") == true, "\(bad.errors)")
    }
}
