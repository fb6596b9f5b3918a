// The wording of the problems that stop a run from being split into partitions, each with its fix.

enum PartitionMessages {
    typealias Wording = (message: String, fix: String)

    static func readsWhole(reader: String, list: String) -> Wording {
        (
            "`\(reader)` reads all of `\(list)`, which no one partition holds",
            "pass `\(reader)` as an input computed in a first pass over the whole data, then split the run"
        )
    }

    static func outputReadsWhole(output: String, reader: String, list: String) -> Wording {
        (
            "the output `\(output)` is computed over every partition: `\(reader)` reads all of `\(list)`",
            "sum the partitions' values yourself or compute `\(output)` in a second pass, and leave it out of partitioned runs (--only naming the per-statement outputs)"
        )
    }

    static func outputNotPartitioned(output: String, input: String) -> Wording {
        (
            "the output `\(output)` is not a list of statements or of rows of `\(input)`, so every partition would print a value of its own rather than a part of it",
            "leave `\(output)` out of partitioned runs (--only naming the per-statement outputs) and compute it in a single run"
        )
    }

    static func positionalKey(plan: String) -> Wording {
        (
            "the statements of `\(plan)` are keyed by their position in the whole list, which no one partition knows",
            "give `\(plan)` a `key` that is a column of its rows (`key r.id`)"
        )
    }

    static func groupKeyNotColumn(plan: String, input: String) -> Wording {
        (
            "`\(plan)` groups by no column of `\(input)`, so its groups cannot be told apart before the run",
            "group by a column of the input's rows (`group by it.affiliate`), before any `select`"
        )
    }

    static func subjectsNotRows(plan: String) -> Wording {
        (
            "the statements of `\(plan)` are not made from rows of an input list, so no column splits them",
            "write the plan `for` an input list of records, a `where` of one, or a `group by` a column of one"
        )
    }

    static func noPlan() -> Wording {
        (
            "no plan makes statements from an input's rows, so there is nothing to split",
            "split runs of a file whose plans are `for` the rows of an input (or a `where` or `group by` of them)"
        )
    }

    static func severalInputs(plan: String, input: String, other: String, otherInput: String) -> Wording {
        (
            "`\(plan)` makes statements from `\(input)` and `\(other)` from `\(otherInput)`, but a run is split by one input",
            "put the plans over `\(input)` and over `\(otherInput)` in separate files, or run one at a time with --only"
        )
    }

    static func noCommonColumn(plan: String, other: String) -> Wording {
        (
            "`\(plan)` and `\(other)` group by different columns, and a run is split by one",
            "group both plans by the same column (with more columns after it if needed)"
        )
    }
}
