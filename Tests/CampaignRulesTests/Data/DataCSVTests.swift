// CSV reading: RFC 4180 records and their edge cases, malformed input located by row and column, and CSV loading rules.

import Testing

@testable import CampaignRules

struct DataCSVTests {
    /// Every record of `bytes` as (row, fields), or the reader's error.
    static func records(_ bytes: [UInt8]) -> Result<[(row: Int, fields: [String])], CSVError> {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVReader(buffer)
            var fields: [CSVReader.Field] = []
            var records: [(row: Int, fields: [String])] = []
            do throws(CSVError) {
                while try reader.readRecord(into: &fields) {
                    records.append((reader.row, fields.map(reader.string(of:))))
                }
                return .success(records)
            } catch {
                return .failure(error)
            }
        }
    }

    static func fields(_ text: String) -> [[String]]? {
        guard case .success(let records) = records(Array(text.utf8)) else { return nil }
        return records.map(\.fields)
    }

    /// A file separated by `;` (or tabs), as spreadsheets set to a decimal comma export, said
    /// "column `id` is missing" for every column; it says what is wrong instead.
    @Test(arguments: [
        ("id;platform;sales;followers\nava;tiktok;1,50;3\n", "separated by `;`, not by commas"),
        ("id\tplatform\tsales\tfollowers\nava\ttiktok\t1.50\t3\n", "separated by tabs, not by commas"),
    ])
    func anotherDelimiterIsNamed(_ text: String, _ message: String) {
        let error = DataTestSupport.error(text, as: .list(.record(DataTestSupport.affiliate)))
        #expect(error?.message.contains(message) == true, "\(error?.rendered ?? "no error")")
        #expect(error?.additionalProblems.isEmpty == true)
    }

    // MARK: Reading records

    @Test(arguments: [
        ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        ("a,b\n1,2", [["a", "b"], ["1", "2"]]),
        ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ("a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
        ("\u{FEFF}a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        ("a,b,c\n,,\n", [["a", "b", "c"], ["", "", ""]]),
        ("a,b\n1,\n", [["a", "b"], ["1", ""]]),
        ("a,b\n1,", [["a", "b"], ["1", ""]]),
        ("a\n\"\"\n", [["a"], [""]]),
        ("a,b\n\"x,y\",2\n", [["a", "b"], ["x,y", "2"]]),
        ("a,b\n\"line 1\nline 2\",2\n", [["a", "b"], ["line 1\nline 2", "2"]]),
        ("a,b\n\"line 1\r\nline 2\",2\r\n", [["a", "b"], ["line 1\r\nline 2", "2"]]),
        ("a\n\"say \"\"hi\"\"\"\n", [["a"], ["say \"hi\""]]),
        ("a\n\"\"\"\"\n", [["a"], ["\""]]),
        ("a,b\n x , y \n", [["a", "b"], [" x ", " y "]]),
        ("a\nü€😀\n", [["a"], ["ü€😀"]]),
        ("a,b\n\n1,2\n\n\n", [["a", "b"], ["1", "2"]]),
        ("a\u{0}b,c\n", [["a\u{0}b", "c"]]),
        ("", []),
        ("\u{FEFF}", []),
        ("\n\r\n", []),
    ])
    func readsRecords(_ text: String, _ expected: [[String]]) {
        #expect(Self.fields(text) == expected)
    }

    @Test func rowsCountRecordsAsASpreadsheetDoes() throws {
        // A quoted line break does not start a row; a blank line is a row, though it holds no record.
        let records = try Self.records(Array("h\n\"a\nb\"\n\nc\n".utf8)).get()
        #expect(records.map(\.row) == [1, 2, 4])
    }

    @Test(arguments: [
        ("a,b\n1,\"2\n", 2, 2, "not closed before the end of the file"),
        ("a\n\"abc", 2, 1, "not closed"),
        ("a,b\n1,x\"y\n", 2, 2, "a quote inside a field that does not start with one"),
        ("a,b\n1, \"y\"\n", 2, 2, "a quote inside a field"),
        ("a,b\n\"x\"y,2\n", 2, 1, "text follows the closing quote"),
        ("a,b\n\"x\" ,2\n", 2, 1, "text follows the closing quote"),
        ("a,b\n1,2\n3,\"4\n5,6\n", 3, 2, "not closed"),
    ])
    func reportsMalformedRecords(_ text: String, _ row: Int, _ column: Int, _ message: String) {
        guard case .failure(let error) = Self.records(Array(text.utf8)) else {
            Issue.record("read without error")
            return
        }
        #expect((error.row, error.column) == (row, column))
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func invalidUTF8IsAnErrorAtItsField() {
        let bytes = Array("name,note\nok,fine\nx,".utf8) + [0x63, 0xE9, 0x74, 0xE9] + Array("\n".utf8)
        guard case .failure(let error) = Self.records(bytes) else {
            Issue.record("read without error")
            return
        }
        #expect((error.row, error.column, error.kind) == (3, 2, .invalidEncoding))
    }

    @Test(arguments: [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func everyKindOfBadUTF8IsCaught(_ bad: [UInt8]) {
        let quoted = Array("a\n\"".utf8) + bad + Array("\"\n".utf8)
        let unquoted = Array("a\n".utf8) + bad
        for bytes in [quoted, unquoted] {
            guard case .failure(let error) = Self.records(bytes) else {
                Issue.record("read without error: \(bytes)")
                continue
            }
            #expect((error.row, error.column) == (2, 1))
        }
    }

    @Test func aTenMegabyteFieldIsFine() throws {
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
        let bytes = Array("note,n\n\"".utf8) + big + Array("\",1\n".utf8)
        let records = try Self.records(bytes).get()
        #expect(records.count == 2)
        #expect(records.last?.fields.first?.utf8.count == 10_000_000)
    }

    @Test func pathologicalInputReadsInLinearTime() {
        // A million quotes, commas or line ends each read in one pass, whatever the outcome.
        let inputs: [[UInt8]] = [
            [UInt8](repeating: UInt8(ascii: "\""), count: 1_000_000),
            [UInt8](repeating: UInt8(ascii: ","), count: 1_000_000),
            [UInt8](repeating: UInt8(ascii: "\n"), count: 1_000_000),
            Array(String(repeating: "\"\"", count: 500_000).utf8),
        ]
        let clock = ContinuousClock()
        for input in inputs {
            let elapsed = clock.measure { _ = Self.records(input) }
            #expect(elapsed < .seconds(5))
        }
    }

    // MARK: Loading into records

    static let type = DeclaredType.list(.record(DataTestSupport.affiliate))

    @Test func loadsRecordsWithDefaultsAndIgnoresExtraColumns() throws {
        let text = """
            country,followers,id,sales,platform,notes\r
            US,1200,ava,"$1,250.50",TikTok,"likes ""quotes"", commas"\r
            DE,800,ben,99,instagram,\r
            """
        let rows = DataTestSupport.rows(try DataTestSupport.load(text, as: Self.type))
        #expect(rows.count == 2)
        let expected: [[Value]] = [
            [.text("ava"), .symbol(.tiktok), .money(DataTestSupport.decimal("1250.50"), .usd), .money(.zero, .usd), .number(DecimalNumber(1200))],
            [.text("ben"), .symbol(.instagram), .money(DecimalNumber(99), .usd), .money(.zero, .usd), .number(DecimalNumber(800))],
        ]
        for (row, want) in zip(rows, expected) {
            #expect(DataTestSupport.same(.list(row), .list(want)), "\(row)")
        }
    }

    @Test func loadedRecordsHaveTheDeclaredShape() throws {
        let value = try DataTestSupport.load("id,platform,sales,followers\na,x,1,2\n", as: Self.type)
        guard case .list(let items) = value, case .record(let record)? = items.first else {
            Issue.record("not a list of records")
            return
        }
        #expect(record.shape === DataTestSupport.affiliate.shape)
        #expect(record["refunds"].map { DataTestSupport.same($0, .money(.zero, .usd)) } == true)
    }

    @Test func headerOnlyIsAnEmptyList() throws {
        let value = try DataTestSupport.load("id,platform,sales,followers\n", as: Self.type)
        #expect(DataTestSupport.rows(value).isEmpty)
        let withoutNewline = try DataTestSupport.load("\u{FEFF}id,platform,sales,followers", as: Self.type)
        #expect(DataTestSupport.rows(withoutNewline).isEmpty)
    }

    @Test func headerNamesAreTrimmed() throws {
        let value = try DataTestSupport.load(" id , platform,sales ,followers\na,x,1,2\n", as: Self.type)
        #expect(DataTestSupport.rows(value).count == 1)
    }

    @Test func anEmptyFileIsAnError() throws {
        let error = try #require(DataTestSupport.error("", as: Self.type))
        #expect(error.row == 1)
        #expect(error.message.contains("the file is empty"))
        #expect(error.fix?.contains("id,platform,sales,refunds,followers") == true)
    }

    @Test func aMissingColumnIsReportedBeforeAnyRow() throws {
        // Row 3 is malformed too, but the missing column is found first and alone.
        let text = "id,revenue,platform,Followers\na,1,x,2\n\"broken\n"
        let error = try #require(DataTestSupport.error(text, as: Self.type))
        #expect(error.row == 1 && error.column == nil)
        #expect(error.kind == .missingField)
        #expect(error.message == "column `sales` (Money) is missing; the file has: id, revenue, platform, Followers")
        let followers = try #require(error.additionalProblems.first)
        #expect(followers.message.hasPrefix("column `followers` (Number) is missing"))
        #expect(followers.fix == "did you mean `Followers`? Rename the column to `followers`")
        #expect(error.additionalProblems.count == 1)
    }

    @Test func aMissingColumnWithADefaultTakesIt() throws {
        let rows = DataTestSupport.rows(try DataTestSupport.load("id,platform,sales,followers\na,x,5,7\n", as: Self.type))
        #expect(rows.first.map { DataTestSupport.same($0[3], .money(.zero, .usd)) } == true)
    }

    @Test func anEmptyCellTakesTheDefaultOrIsAnError() throws {
        let text = "id,platform,sales,refunds,followers\na,x,5,,7\nb,x,,  ,8\n"
        let error = try #require(DataTestSupport.error(text, as: Self.type))
        #expect((error.row, error.column, error.columnName) == (3, 3, "sales"))
        #expect(error.message == "column `sales`: expected Money, found an empty cell")
        #expect(error.fix == "fill in the cell, or give `sales` a default in `record Affiliate`")
        #expect(error.additionalProblems.isEmpty, "the blank refunds cell takes its default")
    }

    @Test func anEmptyTextCellIsMissingButSpacesAreText() throws {
        let type = DataTestSupport.single(.text, default: .text("none"))
        let values = DataTestSupport.column(try DataTestSupport.load("value,other\n,1\n  ,2\n\"\",3\n", as: type))
        #expect(values.map(\.plainText) == ["none", "  ", "none"])
    }

    @Test func listFieldsNeedJSON() throws {
        let type = DeclaredType.list(.record(DataTestSupport.record("Post", [("id", .text, nil), ("tags", .list(.text), nil)])))
        let error = try #require(DataTestSupport.error("id,tags\na,\"x,y\"\n", as: type))
        #expect((error.row, error.column, error.columnName) == (1, 2, "tags"))
        #expect(error.message == "column `tags` is declared `list of Text`, which a CSV cell cannot hold")
        #expect(error.fix?.contains(".json or .ndjson") == true)
        // Absent and with a default, a list field is fine.
        let withDefault = DeclaredType.list(.record(DataTestSupport.record("Post", [("id", .text, nil), ("tags", .list(.text), .list([]))])))
        #expect(DataTestSupport.rows(try DataTestSupport.load("id\na\n", as: withDefault)).count == 1)
    }

    @Test func aDeclaredColumnTwiceIsAnError() throws {
        let error = try #require(DataTestSupport.error("id,platform,sales,followers,id\na,x,1,2,b\n", as: Self.type))
        #expect((error.row, error.column) == (1, 5))
        #expect(error.message.contains("appears more than once (columns 1, 5)"))
    }

    @Test func raggedRowsAreErrors() throws {
        let text = "id,platform,sales,followers\na,x,1\nb,x,1,2,3\nc,x,1,2\n"
        let error = try #require(DataTestSupport.error(text, as: Self.type))
        #expect((error.row, error.column, error.columnName) == (2, 4, "followers"))
        #expect(error.message == "this row has 3 fields, but the header has 4")
        let second = try #require(error.additionalProblems.first)
        #expect((second.row, second.column, second.columnName) == (3, 5, nil))
        #expect(second.message == "this row has 5 fields, but the header has 4")
        #expect(second.fix?.contains("in quotes") == true)
    }

    @Test func malformedCSVIsLocatedAndNamesTheColumn() throws {
        let text = "id,platform,sales,followers\na,x,1,2\nb,x,\"1,2\n"
        let error = try #require(DataTestSupport.error(text, as: Self.type))
        #expect((error.row, error.column, error.columnName) == (3, 3, "sales"))
        #expect(error.message == "column `sales`: the quoted field that starts here is not closed before the end of the file")
    }

    @Test func invalidUTF8IsLocatedWhenLoading() throws {
        let bytes = Array("id,platform,sales,followers\na,x,1,2\n".utf8) + [0x80] + Array(",x,1,2\n".utf8)
        let error = try #require(DataTestSupport.bytesError(bytes, as: Self.type))
        #expect((error.row, error.column, error.columnName, error.kind) == (3, 1, "id", .invalidEncoding))
        #expect(error.fix?.contains("UTF-8") == true)
    }

    @Test func nulBytesAreTextInTextFieldsAndErrorsElsewhere() throws {
        let type = DeclaredType.list(.record(DataTestSupport.record("Row", [("t", .text, nil), ("n", .number, nil)])))
        let rows = DataTestSupport.rows(try DataTestSupport.load("t,n\na\u{0}b,1\n", as: type))
        #expect(rows.first?.first?.plainText == "a\u{0}b")
        let error = try #require(DataTestSupport.error("t,n\na,1\u{0}\n", as: type))
        #expect(error.message == "column `n`: expected Number, found \"1\\u{0}\"")
    }

    @Test func errorsNameRowColumnAndHeader() throws {
        let text = "id,platform,sales,followers\r\nava,tiktok,\"12,34.5\",100\r\n"
        let error = try #require(DataTestSupport.error(text, path: "exports/march.csv", as: Self.type))
        #expect(error.path == "exports/march.csv")
        #expect((error.row, error.column, error.columnName) == (2, 3, "sales"))
        #expect(error.message == "column `sales`: expected Money, found \"12,34.5\"")
        #expect(
            error.rendered == """
                exports/march.csv:2:3: error: column `sales`: expected Money, found "12,34.5"
                  fix: use `.` for decimals and `,` only between groups of three digits, as in `1,234.50`
                """)
    }

    @Test func rowNumbersCountQuotedLineBreaksAsOneRow() throws {
        let text = "id,platform,sales,followers\n\"multi\nline\nid\",x,1,2\nb,x,oops,2\n"
        let error = try #require(DataTestSupport.error(text, as: Self.type))
        #expect((error.row, error.column) == (3, 3))
    }

    @Test func aLongCellIsShortenedInMessages() throws {
        let long = String(repeating: "z", count: 100_000)
        let error = try #require(DataTestSupport.error("value\n\(long)\n", as: DataTestSupport.single(.number)))
        #expect(error.message == "column `value`: expected Number, found \"\(String(repeating: "z", count: 40))…\"")
    }
}
