// The lines entered before, and moving through them with Up and Down.

/// Earlier lines, oldest first, and which one Up and Down are showing.
///
/// While the user moves through history, the line they had started typing is kept aside as
/// the draft, and Down past the newest entry brings it back, as shells do.
struct History {
    private(set) var entries: [String]
    /// How many entries are kept; older ones are forgotten.
    let limit: Int
    /// The entry being shown, or nil while editing the draft.
    private var position: Int?
    private var draft = ""

    init(entries: [String] = [], limit: Int = 1000) {
        self.limit = max(1, limit)
        self.entries = Array(entries.suffix(self.limit))
    }

    /// Records an entered line, unless it is blank or repeats the newest entry; returns
    /// whether it was recorded. Navigation starts again from the newest entry.
    @discardableResult
    mutating func add(_ line: String) -> Bool {
        position = nil
        draft = ""
        guard !line.allSatisfy(\.isWhitespace), line != entries.last else { return false }
        entries.append(line)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return true
    }

    /// The entry before the one shown (Up); nil at the oldest. `current` is the line on screen,
    /// kept as the draft when leaving it.
    mutating func previous(current: String) -> String? {
        let target = (position ?? entries.count) - 1
        guard target >= 0 else { return nil }
        if position == nil { draft = current }
        position = target
        return entries[target]
    }

    /// The entry after the one shown (Down), then the draft; nil when already on the draft.
    mutating func next() -> String? {
        guard let shown = position else { return nil }
        if shown + 1 < entries.count {
            position = shown + 1
            return entries[shown + 1]
        }
        position = nil
        return draft
    }

    /// Forgets where navigation was, as when a line is cancelled.
    mutating func resetNavigation() {
        position = nil
        draft = ""
    }
}
