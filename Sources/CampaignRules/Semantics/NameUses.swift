// What the resolver records, when an editor asks, about each name it binds: the basis of hover,
// go-to-definition and completion (see `EditorAnalysis`).

/// A name written in the source and what the resolver bound it to.
struct NameUse {
    enum Target {
        /// A parameter, `let`, plan subject or item name, declared at this range.
        case local(declaredAt: SourceRange)
        case global(Int)
        case function(Int)
        case builtin(Builtin)
        case marginal
        case hostFunction(String)
        case enumValue(EnumValue)
        case symbol(Symbol)
        /// A field read from a value of this record type.
        case field(RecordType)
        /// A record or enumeration type named in a declaration.
        case typeName
        case it
    }

    let range: SourceRange
    let name: String
    let target: Target
    let type: StaticType
}

/// Collects name uses during one resolution. The resolver holds none unless an editor asked,
/// so checking a file for `rules check` pays nothing for it.
final class NameUseRecorder {
    private(set) var uses: [NameUse] = []
    /// Where each local was declared and its type, for hovering the declaration itself.
    private(set) var localDeclarations: [NameUse] = []
    /// The offset completion was asked at; the resolver notes what is visible there.
    let completionOffset: Int?
    /// The locals (and `it`) visible at the name under `completionOffset`; nil when none was met.
    var visibleAtCompletion: [(name: String, type: StaticType)]?

    init(completionOffset: Int? = nil) {
        self.completionOffset = completionOffset
    }

    func record(_ range: SourceRange, _ name: String, _ target: NameUse.Target, _ type: StaticType) {
        uses.append(NameUse(range: range, name: name, target: target, type: type))
    }

    func declared(_ name: Identifier, _ type: StaticType) {
        localDeclarations.append(NameUse(range: name.range, name: name.name, target: .local(declaredAt: name.range), type: type))
    }

    /// True when a name written at `range` is the one completion was asked for.
    func isAtCompletion(_ range: SourceRange) -> Bool {
        guard let completionOffset else { return false }
        return range.start <= completionOffset && completionOffset <= range.end
    }
}

extension Resolver {
    /// Records a use of a name, and what is visible there when completion asked about it.
    func recordUse(_ range: SourceRange, _ name: String, _ target: NameUse.Target, _ type: StaticType) {
        guard let recorder else { return }
        recorder.record(range, name, target, type)
        if recorder.isAtCompletion(range) {
            var visible = frame.visibleLocals.map { (name: $0.name, type: $0.local.type) }
            if let it = frame.itStack.last { visible.append((name: "it", type: it.type)) }
            recorder.visibleAtCompletion = visible
        }
    }
}

extension Resolver {
    /// Records a name that is not a local by what it means outside the frame. A global's type
    /// is read from its entry when asked, since it may not be resolved yet here.
    func recordUse(_ range: SourceRange, _ name: String, _ meaning: NameMeaning) {
        switch meaning {
        case .global(let index): recordUse(range, name, .global(index), .unknown)
        case .function:
            if let index = functionIndex[name] {
                recordUse(range, name, .function(index), .unknown)
            } else if let builtin = Builtin.byName[name] {
                recordUse(range, name, .builtin(builtin), .unknown)
            } else {
                recordUse(range, name, hostFunctions[name] != nil ? .hostFunction(name) : .marginal, .unknown)
            }
        case .symbol(let symbol): recordUse(range, name, .symbol(symbol), .symbol(symbol.family))
        case .enumValue(let value): recordUse(range, name, .enumValue(value), .enumeration(value.type))
        case .recordType, .enumType: recordUse(range, name, .typeName, .unknown)
        case .undefined: recordUse(range, name, .typeName, .unknown)
        }
    }

    /// Records the name a call is made through, in the order `resolveCall` looks names up.
    func recordCallee(_ callee: Identifier) {
        let name = callee.name
        if let local = frame.lookup(name) {
            recordUse(callee.range, name, .local(declaredAt: local.range), local.type)
        } else if let index = functionIndex[name] {
            recordUse(callee.range, name, .function(index), .unknown)
        } else if let index = globalIndex[name] {
            recordUse(callee.range, name, .global(index), .unknown)
        } else if name == "marginal" {
            recordUse(callee.range, name, .marginal, .unknown)
        } else if hostFunctions[name] != nil {
            recordUse(callee.range, name, .hostFunction(name), .unknown)
        } else if let builtin = Builtin.byName[name] {
            recordUse(callee.range, name, .builtin(builtin), .unknown)
        } else {
            recordUse(callee.range, name, .typeName, .unknown)
        }
    }

    /// The record whose fields `.name` reads from a value of this type: the record itself, or
    /// the items' record for a list.
    static func recordType(read type: StaticType) -> RecordType? {
        switch type {
        case .record(let record): record
        case .list(let element), .optional(let element): recordType(read: element)
        default: nil
        }
    }
}
