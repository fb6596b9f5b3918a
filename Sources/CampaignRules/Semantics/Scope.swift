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

    private var scopes: [[String: Local]] = [[:]]
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
        scopes[scopes.count - 1][name] = Local(slot: slot, type: type, range: range)
        return slot
    }

    func lookup(_ name: String) -> Local? {
        for scope in scopes.reversed() {
            if let local = scope[name] { return local }
        }
        return nil
    }

    func declaredInInnermost(_ name: String) -> Local? { scopes.last?[name] }

    var visibleNames: [String] { scopes.flatMap(\.keys) }

    mutating func pushScope() { scopes.append([:]) }
    mutating func popScope() { scopes.removeLast() }

    /// Opens an `it` for a query clause's element; returns its slot.
    mutating func pushIt(type: StaticType, range: SourceRange) -> Int {
        let slot = allocate()
        itStack.append(Local(slot: slot, type: type, range: range))
        return slot
    }

    mutating func popIt() { itStack.removeLast() }
}
