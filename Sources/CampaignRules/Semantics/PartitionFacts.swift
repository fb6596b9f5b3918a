// What the partition walk learns about a program, kept with the compiled program so that
// `partitioning(printing:)` can decide for any selection of outputs without the bound tree.

struct PartitionFacts: Sendable {
    /// A declaration whose code a problem is in: a global (by index) or a function.
    enum Owner: Hashable, Sendable {
        case global(Int)
        case function(Int)
    }

    /// The list whose whole a problem reads; `.always` for a problem whatever is split.
    enum Source: Hashable, Sendable {
        case input(String)
        case statements(plan: String)
        case always
    }

    /// What a plan's statements are made from.
    enum Subjects: Sendable {
        /// One statement per row of `input`; `preferredField` is the column its key reads.
        case rows(input: String, preferredField: String?)
        /// One statement per group of rows of `input` that agree on each of `fields`.
        case groups(input: String, fields: Set<String>)
        /// One statement per statement of another plan.
        case statements(plan: String)
        /// Something else, reported where it was found.
        case unknown
    }

    struct Problem: Sendable {
        let owner: Owner
        let source: Source
        let diagnostic: Diagnostic
    }

    var globalNames: [String] = []
    var globalRanges: [SourceRange] = []
    /// The columns of each input that is a list of records, in declaration order.
    var inputColumns: [String: [String]] = [:]
    var plans: [Int: Subjects] = [:]
    /// The value each `output` is, by global index.
    var outputs: [Int: PartitionExtent] = [:]
    /// The globals and functions each declaration's code names.
    var references: [Owner: Set<Owner>] = [:]
    var problems: [Problem] = []
}

/// How a value relates to the partitions of a run: the same whole value in each, or a list
/// whose elements each belong to one partition (so partitions' lists put together are the whole).
enum PartitionExtent: Equatable, Sendable {
    case whole
    /// Rows of an input, filtered, or each made from one row (`mapped`).
    case rows(input: String, mapped: Bool)
    /// Groups of an input's rows by keys, of which `fields` are plain columns.
    case groups(input: String, fields: Set<String>)
    /// A plan's statements, filtered or each made from one statement.
    case statements(plan: String)

    /// The list a value with this extent is part of; nil for a whole value.
    var source: PartitionFacts.Source? {
        switch self {
        case .whole: nil
        case .rows(let input, _), .groups(let input, _): .input(input)
        case .statements(let plan): .statements(plan: plan)
        }
    }

    /// The name of that list, as a message quotes it.
    var listName: String {
        switch self {
        case .whole: ""
        case .rows(let input, _), .groups(let input, _): input
        case .statements(let plan): plan
        }
    }
}
