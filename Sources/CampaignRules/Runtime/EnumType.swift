// Enumerations a rule file declares: `enum Status { pending, approved, reversed }`.

/// A declared enumeration: its name and its values' names, in declaration order.
public final class EnumType: Sendable, Hashable {
    public let name: String
    public let cases: [String]
    /// Each value's position by its name in lower case, for data cells (which ignore case).
    private let positionByLowercasedName: [String: Int]

    init(name: String, cases: [String]) {
        self.name = name
        self.cases = cases
        var positions: [String: Int] = [:]
        for (position, name) in cases.enumerated() where positions[name.lowercased()] == nil {
            positions[name.lowercased()] = position
        }
        positionByLowercasedName = positions
    }

    /// The value a data cell names, ignoring case (`Approved` is `approved`).
    func value(named text: String) -> EnumValue? {
        if let position = cases.firstIndex(of: text) { return EnumValue(type: self, position: position) }
        return positionByLowercasedName[text.lowercased()].map { EnumValue(type: self, position: $0) }
    }

    /// The allowed values as a message lists them: `pending, approved, reversed`.
    var choices: String { cases.joined(separator: ", ") }

    /// One declaration compiled twice (a REPL session recompiles its declarations at every
    /// entry, and values loaded earlier stay) is one type: equal by name and values.
    public static func == (lhs: EnumType, rhs: EnumType) -> Bool {
        lhs === rhs || (lhs.name == rhs.name && lhs.cases == rhs.cases)
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// One value of a declared enumeration.
public struct EnumValue: Sendable, Hashable, CustomStringConvertible {
    public let type: EnumType
    /// The value's position in the declaration; values order by it.
    let position: Int

    public var name: String { type.cases[position] }
    public var description: String { name }
}
