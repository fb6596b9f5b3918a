// Local scopes of one frame: parameters, `let` bindings and the `it` of query clauses.

/// The locals of the frame being resolved: nested scopes mapping names to slots.
///
/// Slots are never reused within a frame, so a frame's size is simply the number handed out.
struct FrameScope {
    struct Local {
        let slot: Int
        let type: StaticType
        let range: SourceRange
    }

    /// Every visible local, innermost last, and where each open scope starts in it: scopes are
    /// mostly a handful of names, so a backward scan beats hashing a name into a table.
    private var locals: [(name: String, local: Local)] = []
    private var scopeStarts: [Int] = []
    /// Each name's positions in `locals`, innermost last, once there are too many locals to
    /// scan (a block of thousands of `let`s would otherwise take quadratic time); nil before.
    private var positions: [String: [Int]]?
    private static let scannedCount = 32
    /// The slot and type of `it` for each enclosing query clause or allocation, innermost last.
    private(set) var itStack: [Local] = []
    private(set) var size = 0

    mutating func allocate() -> Int {
        size += 1
        return size - 1
    }

    /// Binds a name in the innermost scope and returns its slot.
    mutating func declare(_ name: String, type: StaticType, range: SourceRange) -> Int {
        let slot = allocate()
        locals.append((name, Local(slot: slot, type: type, range: range)))
        if positions != nil {
            positions?[name, default: []].append(locals.count - 1)
        } else if locals.count > FrameScope.scannedCount {
            var index: [String: [Int]] = [:]
            for (position, entry) in locals.enumerated() { index[entry.name, default: []].append(position) }
            positions = index
        }
        return slot
    }

    func lookup(_ name: String) -> Local? {
        if let positions { return positions[name]?.last.map { locals[$0].local } }
        for entry in locals.reversed() where entry.name == name { return entry.local }
        return nil
    }

    func declaredInInnermost(_ name: String) -> Local? {
        let start = scopeStarts.last ?? 0
        if let positions {
            guard let last = positions[name]?.last, last >= start else { return nil }
            return locals[last].local
        }
        for entry in locals[start...].reversed() where entry.name == name { return entry.local }
        return nil
    }

    var visibleNames: [String] { locals.map(\.name) }

    /// Every visible local, outermost first (an editor's completion lists them).
    var visibleLocals: [(name: String, local: Local)] { locals }

    mutating func pushScope() { scopeStarts.append(locals.count) }
    mutating func popScope() {
        let start = scopeStarts.popLast() ?? 0
        if positions != nil {
            for entry in locals[start...] { positions?[entry.name]?.removeLast() }
        }
        locals.removeSubrange(start...)
        if locals.count <= FrameScope.scannedCount { positions = nil }
    }

    /// Opens an `it` for a query clause's element; returns its slot.
    mutating func pushIt(type: StaticType, range: SourceRange) -> Int {
        let slot = allocate()
        itStack.append(Local(slot: slot, type: type, range: range))
        return slot
    }

    mutating func popIt() { itStack.removeLast() }
}
