// The error a data file load throws: each problem located by row and column, up to a cap.

/// A problem in a data file, located by row and column, with the other problems found in the same load.
///
/// Loading is all-or-nothing: a file with any problem yields no value at all, never a partial
/// list. So that one run shows what to fix, loading goes on after a problem in a cell or a
/// record and gathers up to `DataImportError.collectionLimit` of them, sorted by row; the
/// first is this error's own fields and the rest are in `additionalProblems`. A problem
/// that leaves the rest of the file unreadable (an unterminated quote, broken JSON) ends the
/// load at once.
///
/// Locations depend on the format. CSV: `row` is the record as a spreadsheet numbers it (the
/// header is row 1, a quoted newline does not start a new row) and `column` is the 1-based
/// field number, with the header's text in `columnName`. JSON and NDJSON: `row` and `column`
/// are the line and column of the text (columns count Unicode scalars, as in rule-file
/// diagnostics) and `columnName` is the field's key.
public struct DataImportError: Error, Sendable, Hashable {
    /// How many problems one load gathers before it stops reading.
    public static let collectionLimit = 20

    /// What went wrong, as a fact: `invalidInput`, `invalidEncoding`, `missingField`, `limitExceeded`.
    public let kind: DiagnosticKind
    public let path: String
    /// Nil when the problem concerns the whole file (an unknown extension, an unsuitable type).
    public let row: Int?
    public let column: Int?
    /// The CSV header or the JSON key of the column, when known.
    public let columnName: String?
    /// Names the expected type and the offending text: `column \`sales\`: expected Money, found "12,34.5"`.
    public let message: String
    /// A suggested change in words, when one is likely.
    public let fix: String?
    /// The other problems of the same load, in row order, after this one.
    public internal(set) var additionalProblems: [DataImportError] = []
    /// True when the load stopped at `collectionLimit` problems, so later rows were not checked.
    public internal(set) var stoppedAtLimit = false

    init(
        _ kind: DiagnosticKind, path: String, row: Int?, column: Int? = nil, columnName: String? = nil,
        _ message: String, fix: String? = nil
    ) {
        self.kind = kind
        self.path = path
        self.row = row
        self.column = column
        self.columnName = columnName
        self.message = message
        self.fix = fix
    }

    /// A file that could not be read at all (missing, a directory, too large, failing part-way).
    init(_ failure: FileReadError) {
        self.init(failure.isLimit ? .limitExceeded : .invalidInput, path: failure.path, row: nil, failure.message, fix: failure.fix)
    }

    /// This problem and the additional ones, in row order.
    public var allProblems: [DataImportError] {
        var first = self
        first.additionalProblems = []
        first.stoppedAtLimit = false
        return [first] + additionalProblems
    }

    /// Every problem as `path:row:column: error: message`, each followed by its fix, as the CLI prints them.
    public var rendered: String {
        var lines: [String] = []
        for problem in allProblems {
            lines.append("\(problem.locationPrefix) error: \(problem.message)")
            if let fix = problem.fix { lines.append("  fix: \(fix)") }
        }
        if stoppedAtLimit {
            lines.append("\(path): note: stopped after \(DataImportError.collectionLimit) problems; later rows were not checked")
        }
        return lines.joined(separator: "\n")
    }

    /// `path:row:column:`, leaving out what is not known.
    private var locationPrefix: String {
        var prefix = path + ":"
        if let row {
            prefix += "\(row):"
            if let column { prefix += "\(column):" }
        }
        return prefix
    }
}

/// The problems gathered during one load, capped, and turned into one thrown error at the end.
struct ProblemLog {
    private(set) var problems: [DataImportError] = []
    let path: String

    init(path: String) {
        self.path = path
    }

    var isEmpty: Bool { problems.isEmpty }
    /// True once the cap is reached: the caller stops reading.
    var isFull: Bool { problems.count >= DataImportError.collectionLimit }

    mutating func record(_ problem: DataImportError) {
        guard !isFull else { return }
        problems.append(problem)
    }

    /// The error to throw, or nil when nothing went wrong.
    func failure() -> DataImportError? {
        // Sorting is stable, so problems of one cell stay in the order they were found.
        let sorted = problems.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.row ?? 0, lhs.element.column ?? 0, lhs.offset)
            let right = (rhs.element.row ?? 0, rhs.element.column ?? 0, rhs.offset)
            return left < right
        }.map(\.element)
        guard var first = sorted.first else { return nil }
        first.additionalProblems = Array(sorted.dropFirst())
        first.stoppedAtLimit = isFull
        return first
    }

    /// Records a problem that ends the load and returns the error to throw.
    mutating func finishing(with problem: DataImportError) -> DataImportError {
        if isFull { problems.removeLast() }
        problems.append(problem)
        return failure() ?? problem
    }
}
