// The data import entry point: formats by extension, declared types, all-or-nothing loading, rendered errors.

import Testing

@testable import CampaignRules

struct DataImportTests {
    static let type = DeclaredType.list(.record(DataTestSupport.affiliate))
    static let header = "id,platform,sales,followers\n"

    @Test(arguments: [
        ("a.csv", DataImport.Format.csv), ("dir.v2/A.CSV", .csv), ("x.json", .json), ("x.ndjson", .ndjson), ("x.jsonl", .ndjson),
    ])
    func formatsFollowTheExtension(_ path: String, _ format: DataImport.Format) {
        #expect(DataImport.Format(path: path) == format)
    }

    @Test(arguments: ["data", "data.txt", "csv", "dir.csv/data", "data.csv.gz"])
    func otherNamesHaveNoFormat(_ path: String) throws {
        #expect(DataImport.Format(path: path) == nil)
        let error = try #require(DataTestSupport.error("a\n1\n", path: path, as: Self.type))
        #expect(error.row == nil)
        #expect(
            error.rendered == """
                \(path): error: cannot tell the format of the data file from its name
                  fix: name it with the extension .csv, .json, .ndjson or .jsonl
                """)
    }

    @Test func theFormatCanBeGivenOutright() throws {
        let value = try DataImport.load(Array("[1]".utf8), path: "<stdin>", format: .json, as: .list(.number))
        #expect(DataTestSupport.same(value, .list([.number(DecimalNumber(1))])))
    }

    @Test func csvAndNDJSONNeedAList() throws {
        let csv = try #require(DataTestSupport.error("a\n1\n", path: "a.csv", as: .number))
        #expect(csv.message == "a CSV file loads into a list of records, but this input is declared `Number`")
        let listOfNumbers = try #require(DataTestSupport.error("a\n1\n", path: "a.csv", as: .list(.number)))
        #expect(listOfNumbers.message.hasSuffix("declared `list of Number`"))
        let ndjson = try #require(DataTestSupport.error("1\n", path: "a.ndjson", as: .number))
        #expect(ndjson.message == "an NDJSON file loads into a list, one item per line, but this input is declared `Number`")
    }

    @Test func loadingIsAllOrNothingAndReportsEveryProblemInRowOrder() throws {
        var text = Self.header
        for row in 2...9 {
            switch row {
            case 4: text += "c,x,oops,1\n"
            case 6: text += "e,myspace,1,-\n"
            default: text += "r\(row),x,\(row),\(row)\n"
            }
        }
        let error = try #require(DataTestSupport.error(text, path: "in.csv", as: Self.type))
        #expect(error.allProblems.map { [$0.row ?? 0, $0.column ?? 0] } == [[4, 3], [6, 2], [6, 4]])
        #expect(!error.stoppedAtLimit)
        #expect(
            error.rendered == """
                in.csv:4:3: error: column `sales`: expected Money, found "oops"
                in.csv:6:2: error: column `platform`: expected Platform, found "myspace"
                  fix: the Platform names are instagram, tiktok, youtube, x, facebook, linkedin, pinterest, twitch, blog
                in.csv:6:4: error: column `followers`: expected Number, found "-"
                """)
    }

    @Test func problemsStopAtTheLimit() throws {
        let text = Self.header + String(repeating: "a,x,bad,1\n", count: 1_000)
        let error = try #require(DataTestSupport.error(text, as: Self.type))
        #expect(error.allProblems.count == DataImportError.collectionLimit)
        #expect(error.allProblems.map(\.row) == (2...21).map { $0 })
        #expect(error.stoppedAtLimit)
        #expect(error.rendered.hasSuffix("data.csv: note: stopped after 20 problems; later rows were not checked"))

        let json = "[" + Array(repeating: #"{"id": "a", "platform": "x", "sales": "bad", "followers": 1}"#, count: 100).joined(separator: ",\n") + "]"
        let jsonError = try #require(DataTestSupport.error(json, path: "d.json", as: Self.type))
        #expect(jsonError.allProblems.count == DataImportError.collectionLimit)
        #expect(jsonError.stoppedAtLimit)
    }

    @Test func aFatalProblemComesAfterTheProblemsBeforeIt() throws {
        let text = Self.header + "a,x,bad,1\nb,x,1,\"unclosed\n"
        let error = try #require(DataTestSupport.error(text, as: Self.type))
        #expect(error.allProblems.map(\.row) == [2, 3])
        #expect(error.additionalProblems.first?.message.contains("not closed") == true)
    }

    @Test func aGoodFileAfterABadRowStillFailsWhole() throws {
        // The good rows after a bad one are checked but never returned.
        let text = Self.header + "a,x,1,1\nb,x,,1\nc,x,3,3\n"
        #expect(DataTestSupport.error(text, as: Self.type) != nil)
    }

    @Test func aCompiledProgramGivesTheTypeOfItsInputs() throws {
        let source = SourceFile(
            path: "plan.rules",
            text: """
                record Affiliate {
                  id: Text
                  sales: Money
                  refunds: Money = $0
                }
                input affiliates: list of Affiliate
                input budget: Money = $100
                output total = sum(affiliates.sales) - sum(affiliates.refunds)
                """)
        let compiled = Engine().compile(source)
        let program = try #require(compiled.program, "\(compiled.renderedDiagnostics)")
        let type = try #require(program.declaredType(ofInput: "affiliates"))
        #expect(type.name == "list of Affiliate")
        #expect(program.declaredType(ofInput: "total") == nil)
        #expect(program.declaredType(ofInput: "nothing") == nil)

        let data = try DataImport.load(Array("id,sales,refunds\nava,\"$1,000.50\",\nben,$20,$0.50\n".utf8), path: "a.csv", as: type)
        let outputs = try program.evaluateOutputs(inputs: ["affiliates": data])
        #expect(outputs.first?.value.description == "$1,020.00")
    }
}
