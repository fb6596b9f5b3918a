// Which fields of an input's records a program can observe: only those named, unless a whole
// record can be printed, compared, put in text or handed to a library function.

import Testing

@testable import CampaignRules

struct FieldDemandTests {
    static let prelude = """
        record Row {
          id: Text
          sales: Money
          followers: Number
          likes: Number
          comments: Number
          clicks: Number
        }
        input records: list of Row

        """

    static func observed(_ body: String, printing names: [String]? = nil) throws -> Set<String>? {
        let compilation = Engine().compile(SourceFile(path: "t.rules", text: prelude + body))
        let program = try #require(compilation.program, "\(compilation.diagnostics)")
        return program.observedFields(ofInput: "records", printing: names)
    }

    @Test func fieldsReadByNameThroughFunctionsAndQueries() throws {
        let body = """
            fn commission(r) {
              let bonus = if (r.likes + r.comments) / r.followers >= 3% then $250 else $0
              round(min(r.sales * 10% + bonus, $5_000), 2, half_up)
            }
            output total = sum(records select commission(it))
            """
        #expect(try FieldDemandTests.observed(body) == ["sales", "likes", "comments", "followers"])
    }

    @Test func whereSortAndCountReadOnlyTheirFields() throws {
        let body = """
            let big = records where it.sales > $100
            output n = count(big)
            output top = sum(big sort by it.followers desc take 3 select it.sales)
            """
        #expect(try FieldDemandTests.observed(body) == ["sales", "followers"])
    }

    /// Whole records printed, compared, put in text or handed to the library: every field.
    @Test(arguments: [
        "output every = records",
        "output first_row = first(records)",
        "output n = count(records where it == first(records))",
        "fn show(r) { \"\\(r)\" }\noutput text = show(first(records))",
        "output rows = records select {id: it.id, row: it}",
        "output t = sum(records select engagement_rate(it))",
        "plan p for r in records {\n  commission \"C\": r.sales * 5%\n}",
        "let kept = records where it.sales > $0\noutput k = kept",
        "fn f(r) { r }\noutput x = f(first(records))",
        "output d = count(distinct(records))",
        "let pairs = records select {r: it}\noutput x = count(pairs where it.r == first(records))",
        "fn pick(r) { {inner: r} }\nlet boxed = records select pick(it)\noutput o = first(boxed).inner",
        "output groups = records group by it.id",
        "output split = allocate $100 across records by it.sales",
        "output k = records sort by it.sales take 1",
    ])
    func wholeRecordsObserveEveryField(_ body: String) throws {
        #expect(try FieldDemandTests.observed(body) == nil, "\(body)")
    }

    @Test func groupsAndAllocationsCountedOrSummedReadOnlyTheirFields() throws {
        #expect(try FieldDemandTests.observed("output n = count(records group by it.id)") == ["id"])
        let split = "let split = allocate $100 across records by it.sales\noutput total = sum(split.amount)"
        #expect(try FieldDemandTests.observed(split) == ["sales"])
    }

    @Test func printingANameThatIsNotAnOutputObservesEveryField() throws {
        let body = "let rows = records\noutput n = count(rows)"
        #expect(try FieldDemandTests.observed(body) == [])
        #expect(try FieldDemandTests.observed(body, printing: ["n"]) == [])
        #expect(try FieldDemandTests.observed(body, printing: ["rows"]) == nil)
    }
}
