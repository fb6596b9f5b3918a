// Whether a program's runs can be split by one column of one input: the public answer.

/// Whether the statements and outputs of a program can be computed one partition of an input
/// at a time, each partition being the rows whose `field` hashes alike (see `Partition`), so
/// that the partitions' outputs put together are the single run's.
public enum Partitioning: Sendable, Equatable {
    /// Every statement is made from rows that agree on `field` of `input`, and nothing
    /// printed reads that input or the statements as a whole.
    case safe(input: String, field: String)
    /// What stops it, each at the construct that needs the whole list, with a fix.
    case unsafe([Diagnostic])
}

extension CompiledProgram {
    /// Whether evaluating `names` (nil: every output and plan, as `rules run` prints them) can
    /// be split into partitions of one input; see `Partitioning`.
    public func partitioning(printing names: [String]? = nil) -> Partitioning {
        partitionFacts.partitioning(printing: names ?? outputNames)
    }
}
