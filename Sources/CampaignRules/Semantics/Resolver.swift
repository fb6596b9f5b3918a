// Resolves a parsed file: collects declarations, binds every name to a slot, types every
// expression, and reports every static error at once.

/// The checker's result: a runnable program when there were no errors, and every diagnostic.
public struct CheckedSource: Sendable {
    public let source: SourceFile
    public let program: BoundProgram?
    public let diagnostics: [Diagnostic]
}

/// Binds names to slots and checks types and units, declaration by declaration.
///
/// Globals and functions are resolved on first use (and then in file order), so a file may
/// use a name before the line that declares it; the dependency edges recorded on the way
/// are what `Cycles` searches for recursion.
final class Resolver {
    enum Owner: Hashable {
        case global(Int)
        case function(Int)
    }

    enum Progress {
        case pending, resolving, done
    }

    struct GlobalEntry {
        let name: Identifier
        let declaration: Declaration
        var progress = Progress.pending
        var definition: GlobalDefinition?
        var type = StaticType.unknown
    }

    struct FunctionEntry {
        let declaration: FunctionDeclaration
        let bound: BoundFunction
        var progress = Progress.pending
        var returnType = StaticType.unknown
    }

    struct RecordEntry {
        let declaration: RecordDeclaration
        var type: RecordType?
        var descriptor: DeclaredType.RecordDescriptor?
        var progress = Progress.pending
    }

    let source: SourceFile
    /// Functions the host registered, by name; rule files call them like built-ins.
    let hostFunctions: [String: HostFunction]
    // The resolver runs on one thread and never holds two accesses to one of these at once,
    // so the dynamic exclusivity checks Swift would make on every access (3% of a check's
    // instructions, measured) are dropped.
    @exclusivity(unchecked) var diagnostics: [Diagnostic] = []
    @exclusivity(unchecked) var settings = CampaignSettings()
    @exclusivity(unchecked) var records: [String: RecordEntry] = [:]
    /// Declared enumerations by name, and each of their values by its name.
    @exclusivity(unchecked) var enums: [String: EnumType] = [:]
    @exclusivity(unchecked) var enumValues: [String: EnumValue] = [:]
    @exclusivity(unchecked) var globals: [GlobalEntry] = []
    @exclusivity(unchecked) var globalIndex: [String: Int] = [:]
    @exclusivity(unchecked) var functions: [FunctionEntry] = []
    @exclusivity(unchecked) var functionIndex: [String: Int] = [:]
    @exclusivity(unchecked) var frame = FrameScope()
    @exclusivity(unchecked) var owner: Owner?
    /// Each name's meaning outside the frame, found on first use (see `meaning(of:)`).
    @exclusivity(unchecked) var meanings: [String: NameMeaning] = [:]
    /// For each global, then each function (see `node(of:)`), what its definition uses.
    @exclusivity(unchecked) var dependencies: [[Int]] = []
    /// Declarations being resolved on demand, one inside another. Past `maximumOnDemandDepth`
    /// a declaration is left for the file-order pass, so a long chain of definitions is
    /// resolved in segments instead of one deep recursion.
    @exclusivity(unchecked) var onDemandDepth = 0
    static let maximumOnDemandDepth = 200
    /// Notes every name bound, for an editor (see `EditorAnalysis`); nil otherwise.
    var recorder: NameUseRecorder?

    init(source: SourceFile, hostFunctions: [HostFunction] = []) {
        self.source = source
        self.hostFunctions = Dictionary(hostFunctions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Resolves and checks a parsed file. The program is nil when any error was found.
    static func resolve(_ parsed: ParsedSource, hostFunctions: [HostFunction] = []) -> CheckedSource {
        Resolver(source: parsed.source, hostFunctions: hostFunctions).check(parsed)
    }

    /// Resolves and checks a parsed file with this resolver, whose tables stay for an editor to read.
    func check(_ parsed: ParsedSource) -> CheckedSource {
        let program = run(parsed.program)
        let all = (parsed.diagnostics + Parser.withoutCascades(diagnostics, after: parsed.diagnostics, in: parsed.source)).sorted()
        let hasErrors = all.contains { $0.severity == .error }
        return CheckedSource(source: parsed.source, program: hasErrors ? nil : program, diagnostics: all)
    }

    func report(
        _ kind: DiagnosticKind, _ range: SourceRange, _ message: String, fix: String? = nil,
        notes: [Diagnostic.Note] = []
    ) {
        let severity: Diagnostic.Severity = kind == .shadowedBuiltin || kind == .positionalKey ? .warning : .error
        diagnostics.append(Diagnostic(kind, at: range, message, notes: notes, fix: fix, severity: severity))
    }

    func report(_ error: ValueError, at range: SourceRange) {
        report(error.kind, range, error.message, fix: error.fix)
    }

    private func run(_ program: Program) -> BoundProgram {
        collect(program.declarations)
        dependencies = Array(repeating: [], count: globals.count + functions.count)
        for name in records.keys.sorted() { _ = recordType(named: name) }
        for index in globals.indices { resolveGlobal(index) }
        for index in functions.indices { resolveFunction(index) }
        let tests = program.declarations.compactMap { declaration -> BoundTest? in
            guard case .test(let test) = declaration else { return nil }
            return resolveTest(test)
        }
        Cycles.check(self)
        let descriptors = records.compactMapValues(\.descriptor)
        return BoundProgram(
            settings: settings, globals: globals.compactMap(\.definition),
            functions: functions.map(\.bound), tests: tests, recordTypes: descriptors)
    }

    // MARK: - Collecting declarations

    private func collect(_ declarations: [Declaration]) {
        var seen: [String: SourceRange] = [:]
        var campaignSeen = false
        // An enumeration's value is only ever a value: where one is written, the name means
        // the value, and `day(d)` still calls the built-in `day`, so it hides nothing.
        func claim(_ name: Identifier, isEnumValue: Bool = false) -> Bool {
            if let earlier = seen[name.name] {
                let files = (source.path(at: earlier.start), source.path(at: name.range.start))
                guard files.0 == files.1 else {
                    // Reported in the file that comes first, the importing one, where it is read.
                    let (message, fix) = Messages.declaredInTwoFiles(name.name, files.0, files.1)
                    report(
                        .duplicateDeclaration, earlier, message, fix: fix, notes: [.init(message: "the declaration in \(files.1)", range: name.range)]
                    )
                    return false
                }
                report(
                    .duplicateDeclaration, name.range, "`\(name.name)` is already declared on line \(source.location(of: earlier.start).line)",
                    fix: "rename one of them", notes: [.init(message: "the first declaration", range: earlier)])
                return false
            }
            if isEnumValue {
                // Checked below with the host's functions only.
            } else if let builtin = Builtin.byName[name.name], builtin.isShadowable {
                // Built-ins added after files could use their names: the file's own meaning wins.
                report(
                    .shadowedBuiltin, name.range, "`\(name.name)` hides the built-in function \(builtin.usage) in this file",
                    fix: "rename it to use the built-in")
            } else if Builtin.byName[name.name] != nil || Builtin.specialNames.contains(name.name) {
                report(.duplicateDeclaration, name.range, "`\(name.name)` is a built-in function", fix: "choose another name")
                return false
            }
            if hostFunctions[name.name] != nil {
                report(.duplicateDeclaration, name.range, "`\(name.name)` is a function the host application provides", fix: "choose another name")
                return false
            }
            seen[name.name] = name.range
            return true
        }
        for declaration in declarations {
            switch declaration {
            case .campaign(let header):
                if campaignSeen {
                    report(.duplicateDeclaration, header.range, "a file has at most one `campaign` header")
                } else {
                    campaignSeen = true
                    applyCampaign(header)
                }
            case .record(let record):
                if claim(record.name) { records[record.name.name] = RecordEntry(declaration: record) }
            case .enumeration(let enumeration):
                if Resolver.builtinTypeNames.contains(enumeration.name.name) {
                    report(.duplicateDeclaration, enumeration.name.range, "`\(enumeration.name.name)` is a built-in type", fix: "choose another name")
                    continue
                }
                if let clash = Resolver.caseClash(enumeration.cases) {
                    report(
                        .duplicateDeclaration, clash.1.range,
                        "`\(clash.1.name)` and `\(clash.0.name)` differ only in case, and data cells ignore case",
                        fix: "give the values names that differ in letters, not only in case")
                }
                guard claim(enumeration.name) else { continue }
                let type = EnumType(name: enumeration.name.name, cases: enumeration.cases.map(\.name))
                enums[type.name] = type
                for (position, value) in enumeration.cases.enumerated() {
                    if let symbol = Symbol.byName[value.name] {
                        report(
                            .duplicateDeclaration, value.range, "`\(value.name)` is already a built-in \(symbol.family.rawValue) value",
                            fix: "choose another name for this value of `\(type.name)`")
                    } else if claim(value, isEnumValue: true) {
                        enumValues[value.name] = EnumValue(type: type, position: position)
                    }
                }
            case .function(let function):
                if claim(function.name) {
                    functionIndex[function.name.name] = functions.count
                    functions.append(
                        FunctionEntry(
                            declaration: function,
                            bound: BoundFunction(
                                name: function.name.name, parameterCount: function.parameters.count, range: function.name.range)))
                }
            case .input(let input): addGlobal(input.name, declaration, { claim($0) })
            case .let(let binding): addGlobal(binding.name, declaration, { claim($0) })
            case .tierTable(let table): addGlobal(table.name, declaration, { claim($0) })
            case .plan(let plan): addGlobal(plan.name, declaration, { claim($0) })
            case .output(let output): addGlobal(output.name, declaration, { claim($0) })
            case .test, .import: break
            }
        }
    }

    /// Two values of an enumeration whose names differ only in case, if any.
    static func caseClash(_ cases: [Identifier]) -> (Identifier, Identifier)? {
        var seen: [String: Identifier] = [:]
        for value in cases {
            if let earlier = seen[value.name.lowercased()], earlier.name != value.name { return (earlier, value) }
            seen[value.name.lowercased()] = value
        }
        return nil
    }

    private func addGlobal(_ name: Identifier, _ declaration: Declaration, _ claim: (Identifier) -> Bool) {
        guard claim(name) else { return }
        globalIndex[name.name] = globals.count
        globals.append(GlobalEntry(name: name, declaration: declaration))
    }

    /// campaign settings: `currency: USD`, `rounding: half_up`, `effective: DATE to DATE`.
    private func applyCampaign(_ header: CampaignHeader) {
        settings.name = header.name
        var given: [String: SourceRange] = [:]
        for setting in header.settings {
            if let earlier = given.updateValue(setting.key.range, forKey: setting.key.name) {
                report(
                    .duplicateDeclaration, setting.key.range,
                    "`\(setting.key.name)` is already set on line \(source.location(of: earlier.start).line)",
                    fix: "keep one of them")
                continue
            }
            let written = source.text(in: setting.value.range)
            switch setting.key.name {
            case "currency":
                guard let currency = Currency(code: written) else {
                    report(
                        .unknownSetting, setting.value.range, "`\(written)` is not a currency this language knows",
                        fix: "use an ISO code: \(Currency.knownCodes)")
                    continue
                }
                settings.currency = currency
            case "rounding":
                guard let mode = Symbol.byName[written]?.roundingMode else {
                    report(
                        .unknownSetting, setting.value.range, "`\(written)` is not a rounding mode",
                        fix: "use half_up, half_even, half_down, up, down, floor or ceiling")
                    continue
                }
                settings.rounding = mode
            case "timezone":
                guard case .text(let name) = setting.value.kind else {
                    report(.unknownSetting, setting.value.range, "`timezone` takes a time zone's name in quotes, such as `\"America/New_York\"`")
                    continue
                }
                guard let zone = CampaignZone(identifier: name) else {
                    let known = CampaignZone.knownIdentifiers()
                    let guess = known.first { $0.lowercased() == name.lowercased() } ?? Suggestions.closest(to: name, among: known)
                    report(
                        .unknownSetting, setting.value.range, "\(Value.quoted(name)) is not a time zone this system knows",
                        fix: guess.map { "did you mean \(Value.quoted($0))?" }
                            ?? "use an IANA name such as \"America/New_York\", \"Europe/Paris\" or \"UTC\"")
                    continue
                }
                settings.timezone = zone
            case "effective":
                guard case .date(let start) = setting.value.kind, let through = setting.through,
                    case .date(let end) = through.kind, start <= end
                else {
                    report(.unknownSetting, setting.value.range, "`effective` takes a date range such as `2026-03-01 to 2026-05-31`")
                    continue
                }
                settings.effective = start...end
            default:
                let known = ["currency", "rounding", "timezone", "effective"]
                report(
                    .unknownSetting, setting.key.range, "`\(setting.key.name)` is not a campaign setting",
                    fix: Suggestions.closest(to: setting.key.name, among: known).map { "did you mean `\($0)`?" }
                        ?? "the settings are currency, rounding, timezone and effective")
            }
        }
    }

    // MARK: - Frames and dependencies

    /// Resolves `body` in a fresh frame (a global's initializer, a function, a test).
    func inFreshFrame<T>(owner newOwner: Owner?, _ body: () -> T) -> (T, Int) {
        let savedFrame = frame, savedOwner = owner
        frame = FrameScope()
        owner = newOwner
        defer {
            frame = savedFrame
            owner = savedOwner
        }
        let result = body()
        return (result, frame.size)
    }

    func depend(on target: Owner, at range: SourceRange) {
        guard let owner else { return }
        dependencies[node(of: owner)].append(node(of: target))
    }

    /// The dependency graph's node for a global or a function: globals first, then functions.
    func node(of owner: Owner) -> Int {
        switch owner {
        case .global(let index): index
        case .function(let index): globals.count + index
        }
    }

    func owner(ofNode node: Int) -> Owner {
        node < globals.count ? .global(node) : .function(node - globals.count)
    }
}
