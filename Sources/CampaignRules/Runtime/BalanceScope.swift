// Which balances brought forward make statements of their own when an evaluation computes only some keys.

/// The balances, among those a plan's `carry` brings with no statement of this period, that an
/// evaluation makes a statement for. A whole run makes one for each; a run split into
/// partitions, or streamed a batch of groups at a time, makes each in exactly one of its
/// evaluations, so that their statements together are the whole run's.
enum BalanceScope: Sendable {
    /// Every balance: the whole run.
    case all
    /// The balances whose key falls in the partition (`rules run --partition`).
    case partition(Partition)
    /// The balances whose key is one of these: the keys of the rows a streamed batch holds,
    /// some of which may have made no statement (their rows were all filtered out).
    case among(Set<ValueKey?>)
    /// The balances whose key is none of these: the end of a streamed run, for the keys no
    /// row had.
    case except(Set<ValueKey?>)

    func includes(_ key: Value) -> Bool {
        switch self {
        case .all: true
        case .partition(let partition): partition.contains(key)
        case .among(let keys): keys.contains(ValueKey.hashable(key))
        case .except(let keys): !keys.contains(ValueKey.hashable(key))
        }
    }
}
