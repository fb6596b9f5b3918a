// Values a command has finished with, left for the process's exit to reclaim.

/// Holds what a finished run no longer needs (its loaded data and results) until the process
/// exits, instead of freeing it value by value first: for a million loaded events that freeing
/// was the last hundredth of a second of `rules run`, spent on memory the exit returns whole
/// anyway.
enum UntilExit {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `values` until the process exits; called on the main thread only.
    static func keep(_ values: Any...) {
        kept.append(contentsOf: values)
    }
}
