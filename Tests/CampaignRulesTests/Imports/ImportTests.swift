// `import`: declarations shared across files, supplied by an in-memory resolver, and every way an
// import can fail, each reported at the import in the file that wrote it.

import Testing

@testable import CampaignRules

struct ImportTests {
    /// Compiles `main.rules` (the first text) with the others as the files it may import.
    static func compile(_ main: String, _ files: [String: String] = [:], limits: Limits = .default) -> Compilation {
        var engine = Engine()
        engine.limits = limits
        return engine.compile(
            SourceFile(path: "main.rules", text: main), imports: MemoryImportResolver(files: files.merging(["main.rules": main]) { $1 }))
    }

    /// The headers of the rendered errors: `path:line:col: error: message`.
    static func headers(_ compilation: Compilation) -> [String] {
        let renderer = DiagnosticRenderer(source: compilation.source)
        return compilation.errors.map(renderer.header)
    }

    static let rates = """
        record Sale { amount: Money }
        let rate = 10%
        fn fee(amount) = amount * rate

        test "rate is ten percent" {
          expect rate == 20%
        }
        """

    @Test func importedDeclarationsAreUsable() throws {
        let compiled = ImportTests.compile(
            """
            import "shared/rates.rules"
            input sales: list of Sale = [{amount: $100}]
            output total = sum(sales select fee(it.amount))
            """, ["shared/rates.rules": ImportTests.rates])
        #expect(compiled.errors.isEmpty, "\(compiled.renderedDiagnostics)")
        let program = try #require(compiled.program)
        let outputs = try program.evaluateOutputs()
        #expect(outputs.map(\.value.description) == ["$10.00"])
        #expect(compiled.source.importedPaths == ["shared/rates.rules"])
    }

    @Test func testsOfImportedFilesAreNotRun() throws {
        let compiled = ImportTests.compile(
            """
            import "shared/rates.rules"
            test "mine" { expect fee($10) == $1 }
            """, ["shared/rates.rules": ImportTests.rates])
        let results = try #require(compiled.program).runTests()
        #expect(results.map(\.name) == ["mine"])
        #expect(results.allSatisfy { $0.passed })
    }

    @Test func importsAreRelativeToTheImportingFile() throws {
        let compiled = ImportTests.compile(
            "import \"shared/a.rules\"\noutput x = b",
            [
                "shared/a.rules": "import \"./b.rules\"\nimport \"../top.rules\"\nlet b = top + 1",
                "shared/b.rules": "let unused = 0",
                "top.rules": "let top = 1",
            ])
        #expect(compiled.errors.isEmpty, "\(compiled.renderedDiagnostics)")
        #expect(compiled.source.importedPaths == ["shared/a.rules", "shared/b.rules", "top.rules"])
    }

    @Test func aCycleIsAnErrorNamingTheChain() {
        let compiled = ImportTests.compile(
            "import \"a.rules\"\nlet m = 1",
            [
                "a.rules": "import \"b.rules\"\nlet a = 1",
                "b.rules": "import \"main.rules\"\nlet b = 1",
            ])
        #expect(
            ImportTests.headers(compiled) == [
                "b.rules:1:8: error: these imports form a cycle: main.rules → a.rules → b.rules → main.rules"
            ])
        #expect(compiled.errors.first?.kind == .importCycle)
        #expect(compiled.errors.first?.fix != nil)
        #expect(compiled.program == nil)
    }

    @Test func aFileImportingItselfIsAnError() {
        let compiled = ImportTests.compile("import \"main.rules\"\nlet m = 1")
        #expect(ImportTests.headers(compiled) == ["main.rules:1:8: error: main.rules imports itself"])
    }

    @Test func aNameDeclaredInTwoFilesNamesBoth() {
        let compiled = ImportTests.compile("import \"shared/rates.rules\"\nlet rate = 5%", ["shared/rates.rules": ImportTests.rates])
        #expect(ImportTests.headers(compiled) == ["main.rules:2:5: error: `rate` is declared in both main.rules and shared/rates.rules"])
        #expect(compiled.renderedDiagnostics.contains("note: shared/rates.rules:2:5: the declaration in shared/rates.rules"))
    }

    @Test func theSameFileImportedTwiceIsImportedOnce() {
        let compiled = ImportTests.compile(
            "import \"left.rules\"\nimport \"right.rules\"\nimport \"./shared/../base.rules\"\noutput x = l + r",
            [
                "left.rules": "import \"base.rules\"\nlet l = base",
                "right.rules": "import \"base.rules\"\nlet r = base",
                "base.rules": "let base = 1",
            ])
        #expect(compiled.errors.isEmpty, "\(compiled.renderedDiagnostics)")
        #expect(compiled.source.importedPaths == ["left.rules", "base.rules", "right.rules"])
    }

    @Test func anErrorInAnImportedFileIsReportedThere() {
        let compiled = ImportTests.compile(
            "import \"shared/rates.rules\"\nlet x = 1",
            [
                "shared/rates.rules": "# rates\nlet rate = 10%\nlet bad = rate + \"text\""
            ])
        #expect(ImportTests.headers(compiled).count == 1)
        #expect(ImportTests.headers(compiled).first?.hasPrefix("shared/rates.rules:3:11: error:") == true)
        #expect(compiled.renderedDiagnostics.contains("3 | let bad = rate + \"text\""))
    }

    @Test func aSyntaxErrorDoesNotSpillIntoTheNextFile() {
        let compiled = ImportTests.compile(
            "import \"a.rules\"\nimport \"b.rules\"\noutput x = b",
            [
                "a.rules": "fn f(x) = (x + 1",
                "b.rules": "let b = 2",
            ])
        #expect(ImportTests.headers(compiled).count == 1)
        #expect(ImportTests.headers(compiled).first?.hasPrefix("a.rules:1:") == true)
    }

    @Test func aRuntimeErrorInAnImportedFunctionIsLocatedThere() throws {
        let compiled = ImportTests.compile(
            "import \"lib.rules\"\ninput n: Number = 0\noutput x = share(n)",
            [
                "lib.rules": "\nfn share(n) = 100 / n"
            ])
        let program = try #require(compiled.program)
        do throws(RuntimeError) {
            _ = try program.evaluateOutputs()
            Issue.record("dividing by zero did not fail")
        } catch {
            let renderer = DiagnosticRenderer(source: compiled.source)
            #expect(renderer.header(error.located(in: compiled.source)).hasPrefix("lib.rules:2:15: error:"))
        }
    }

    @Test(arguments: [
        ("missing.rules", "main.rules:1:8: error: there is no file \"missing.rules\" to import"),
        ("/etc/rates.rules", "main.rules:1:8: error: \"/etc/rates.rules\" is an absolute path"),
        ("../rates.rules", "main.rules:1:8: error: \"../rates.rules\" leads outside the files this host supplies"),
        ("shared/../../rates.rules", "main.rules:1:8: error: \"shared/../../rates.rules\" leads outside"),
        ("", "main.rules:1:8: error: an import must name a file"),
        ("main.rules\\tx", "main.rules:1:8: error: \"main.rules\\tx\" holds a control character"),
    ])
    func aBadImportIsLocatedWithAFix(_ path: String, _ expected: String) throws {
        let compiled = ImportTests.compile("import \"\(path)\"\nlet x = 1")
        let header = try #require(ImportTests.headers(compiled).first)
        #expect(header.hasPrefix(expected), "\(header)")
        #expect(compiled.errors.count == 1)
        #expect(compiled.errors.first?.kind == .unresolvedImport)
        #expect(compiled.errors.first?.fix?.isEmpty == false)
    }

    /// What a failed import would have declared is not reported again at every use.
    @Test func namesAFailedImportWouldDeclareAreNotReportedAgain() {
        let compiled = ImportTests.compile("import \"missing.rules\"\ninput s: Sale\noutput fee = s.amount * rate\noutput bad = $1 + 1")
        #expect(compiled.errors.map(\.kind) == [.unresolvedImport, .moneyWithNumber])
    }

    @Test func withoutAResolverEveryImportIsAnError() {
        let compiled = Engine().compile(SourceFile(path: "main.rules", text: "import \"a.rules\"\nimport \"b.rules\"\nlet x = 1"))
        #expect(
            ImportTests.headers(compiled) == [
                "main.rules:1:8: error: this host supplies no imports, so \"a.rules\" cannot be imported",
                "main.rules:2:8: error: this host supplies no imports, so \"b.rules\" cannot be imported",
            ])
        #expect(compiled.errors.allSatisfy { $0.fix?.contains("import resolver") == true })
        #expect(Engine().check(SourceFile(path: "main.rules", text: "import \"a.rules\"")).errors.count == 1)
    }

    @Test func importsComeFirst() {
        let compiled = ImportTests.compile("let x = 1\nimport \"a.rules\"", ["a.rules": "let a = 1"])
        #expect(ImportTests.headers(compiled) == ["main.rules:2:1: error: an `import` must come before the file's other declarations"])
        #expect(compiled.errors.first?.fix == "move `import \"a.rules\"` to the top of the file")
    }

    @Test func importStaysAnOrdinaryName() {
        let compiled = Engine().compile(SourceFile(path: "main.rules", text: "let import = 2\noutput twice = import * 2"))
        #expect(compiled.errors.isEmpty, "\(compiled.renderedDiagnostics)")
    }

    @Test func aLongChainStopsAtTheImportLimit() {
        var files: [String: String] = [:]
        for index in 1...10_000 {
            files["f\(index).rules"] = (index < 10_000 ? "import \"f\(index + 1).rules\"\n" : "") + "let v\(index) = \(index)"
        }
        var limits = Limits()
        limits.maximumImports = 50
        let compiled = ImportTests.compile("import \"f1.rules\"\noutput x = v1", files, limits: limits)
        #expect(
            ImportTests.headers(compiled) == [
                "f50.rules:1:8: error: importing f51.rules would import more than 50 files (limit maximumImports; raise it with --max-imports)"
            ])
        limits.maximumImports = 10_000
        #expect(ImportTests.compile("import \"f1.rules\"\noutput x = v1 + v10000", files, limits: limits).errors.isEmpty)
    }

    @Test func importedBytesCountTowardsTheSourceSizeLimit() {
        var limits = Limits()
        limits.maximumSourceSize = 100
        let compiled = ImportTests.compile(
            "import \"big.rules\"\nlet x = 1", ["big.rules": "let big = \"" + String(repeating: "x", count: 200) + "\""], limits: limits)
        #expect(ImportTests.headers(compiled).first?.contains("limit maximumSourceSize") == true)
        #expect(compiled.errors.first?.kind == .limitExceeded)
    }

    /// The sample of docs/embedding.md (and examples/embedding) gives what the page says.
    @Test func theEmbeddingSampleRuns() throws {
        let sharedFiles = ["shared/rates.rules": "let referral_rate = 2%\n"]
        let referrals = SourceFile(path: "referrals.rules", text: "import \"shared/rates.rules\"\noutput referral = $1_000 * referral_rate\n")
        let withImports = Engine().compile(referrals, imports: MemoryImportResolver(files: sharedFiles))
        let outputs = try #require(withImports.program).evaluateOutputs()
        #expect(outputs.map(\.value.description) == ["$20.00"])
        #expect(Engine().compile(referrals).renderedDiagnostics.hasPrefix("referrals.rules:1:8: error: this host supplies no imports"))
    }

    @Test func aSourceNamesTheFileOfEachOffset() {
        let source = SourceFile(
            SourceFile(path: "main.rules", text: "let a = 1\n"),
            importing: [
                SourceFile(path: "b.rules", text: "let b = 2\nlet c = 3")
            ])
        let offset = source.bytes.count - 3
        #expect(source.path(at: offset) == "b.rules")
        #expect(source.location(of: offset) == SourceLocation(line: 2, column: 7))
        #expect(source.lineText(containing: offset) == "let c = 3")
        #expect(source.path(at: 4) == "main.rules")
        #expect(source.isImported(offset) && !source.isImported(4))
    }
}
