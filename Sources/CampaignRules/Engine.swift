// The small public facade a host uses: compile a rule file, bind inputs, evaluate, run tests.

/// Compiles rule files under a set of limits.
///
/// ```swift
/// let engine = Engine()
/// let compiled = engine.compile(SourceFile(path: "plan.rules", text: text))
/// guard let program = compiled.program else { print(compiled.diagnostics) ; return }
/// let outputs = try program.evaluateOutputs(inputs: ["budget": .money(DecimalNumber(30_000), .usd)])
/// ```
public struct Engine: Sendable {
    public var limits: Limits
    /// Functions the host provides to every file this engine compiles.
    public private(set) var hostFunctions: [HostFunction] = []

    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// Makes a host function callable from rule files compiled from now on; a later
    /// registration of the same name replaces the earlier one.
    public mutating func register(_ function: HostFunction) {
        hostFunctions.removeAll { $0.name == function.name }
        hostFunctions.append(function)
    }

    /// Parses, resolves and checks a source; the program is nil when there are errors.
    ///
    /// The files the source imports come from `imports`; without a resolver, every `import` is
    /// an error. The compilation's `source` then holds the imported files too, so its
    /// diagnostics render at the line and column of the file they are in.
    public func compile(_ source: SourceFile, imports: (any ImportResolver)? = nil) -> Compilation {
        if let refusal = sizeRefusal(of: source) { return refusal }
        let limits = self.limits, hostFunctions = self.hostFunctions
        return DeepStack.run {
            let (parsed, importErrors) = Self.parse(source, imports: imports, limits: limits)
            let source = parsed.source
            let checked = Self.resolve(parsed, importErrors: importErrors, hostFunctions: hostFunctions)
            let program = checked.program.map { NodeBuilder.build($0, source: source) }
            program?.limits = limits
            program?.observedInputFields = checked.program?.observedInputFields() ?? [:]
            program?.usesInEffect = checked.program?.calls(.inEffect) ?? false
            program?.partitionFacts = checked.program?.partitionFacts(source: source) ?? PartitionFacts()
            return Compilation(source: source, diagnostics: checked.diagnostics, program: program, limits: limits)
        }
    }

    /// Parses and checks a source without building anything to run: its diagnostics, with a nil
    /// program. With `freeingTrees` false the syntax and checked trees are never freed, which
    /// saves a process about to exit (`rules check`) the time that freeing millions of small
    /// nodes one by one takes, about 40% of a check; a host that keeps running should not pass it.
    public func check(_ source: SourceFile, imports: (any ImportResolver)? = nil, freeingTrees: Bool = true) -> Compilation {
        if let refusal = sizeRefusal(of: source) { return refusal }
        let limits = self.limits, hostFunctions = self.hostFunctions
        return DeepStack.run {
            let (parsed, importErrors) = Self.parse(source, imports: imports, limits: limits)
            let source = parsed.source
            let checked = Self.resolve(parsed, importErrors: importErrors, hostFunctions: hostFunctions)
            if !freeingTrees { _ = Unmanaged.passRetained(AbandonedTrees(parsed: parsed, checked: checked)) }
            return Compilation(source: source, diagnostics: checked.diagnostics, program: nil, limits: limits)
        }
    }

    /// A source joined with the files it imports through `imports` (see `SourceFile`), for a
    /// host that compiles it in pieces of its own (the REPL adds what it holds); `compile`
    /// does this itself.
    public func assemble(_ source: SourceFile, imports: (any ImportResolver)?) -> AssembledSource {
        DeepStack.run { ImportAssembly.assemble(source, resolver: imports, limits: limits) }
    }

    /// The source parsed with the files it imports, and the errors of imports not followed. A
    /// file without imports is parsed once, as it always was.
    static func parse(_ source: SourceFile, imports: (any ImportResolver)?, limits: Limits) -> (ParsedSource, [Diagnostic]) {
        let parsed = Parser.parse(source, limits: limits)
        guard parsed.program.declarations.contains(where: \.isImport) else { return (parsed, []) }
        let assembled = ImportAssembly.assemble(source, resolver: imports, limits: limits)
        guard !assembled.source.importedPaths.isEmpty else { return (parsed, assembled.diagnostics) }
        return (Parser.parse(assembled.source, limits: limits), assembled.diagnostics)
    }

    /// The parsed source checked, with the errors of imports not followed among its
    /// diagnostics: with any, there is no program to run. Unknown names and types are then
    /// left out, as the cascades they almost always are: what the file could not import is
    /// what it names; once the imports are followed, any still unknown are reported.
    static func resolve(
        _ parsed: ParsedSource, importErrors: [Diagnostic], hostFunctions: [HostFunction],
        resolver: Resolver? = nil
    ) -> CheckedSource {
        let checked = (resolver ?? Resolver(source: parsed.source, hostFunctions: hostFunctions)).check(parsed)
        guard !importErrors.isEmpty else { return checked }
        let rest = checked.diagnostics.filter { $0.kind != .undefinedName && $0.kind != .unknownType }
        return CheckedSource(source: checked.source, program: nil, diagnostics: (importErrors + rest).sorted())
    }

    func sizeRefusal(of source: SourceFile) -> Compilation? {
        guard source.bytes.count > limits.maximumSourceSize else { return nil }
        let error = Diagnostic(
            .limitExceeded, at: SourceRange(start: 0, end: 0),
            "the file has \(source.bytes.count) bytes, more than \(limits.maximumSourceSize) (limit maximumSourceSize; raise it with --max-source-size)",
            fix: "split the rules into smaller files, or raise the limit")
        return Compilation(source: source, diagnostics: [error], program: nil, limits: limits)
    }
}

/// Trees a checking process chose never to free (see `Engine.check(_:freeingTrees:)`).
private final class AbandonedTrees {
    let parsed: ParsedSource
    let checked: CheckedSource

    init(parsed: ParsedSource, checked: CheckedSource) {
        self.parsed = parsed
        self.checked = checked
    }
}

/// The result of compiling one source.
public struct Compilation: Sendable {
    public let source: SourceFile
    /// Every static error, sorted by position.
    public let diagnostics: [Diagnostic]
    public let program: CompiledProgram?
    public let limits: Limits

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The diagnostics rendered as `path:line:col: error: message` with source excerpts.
    public var renderedDiagnostics: String {
        DiagnosticRenderer(source: source).render(diagnostics)
    }
}

/// A declared input as a host sees it.
public struct InputDescription: Sendable {
    public let name: String
    public let typeName: String
    public let hasDefault: Bool
}

extension CompiledProgram {
    public var inputs: [InputDescription] {
        globals.compactMap { global in
            guard case .input(let type, let defaultValue) = global.kind else { return nil }
            return InputDescription(name: global.name, typeName: type.name, hasDefault: defaultValue != nil)
        }
    }

    /// Every top-level value a host may ask for: inputs, lets, tier tables, plans and outputs.
    public var declaredNames: [String] { globals.map(\.name) }

    /// The fields of input `name`'s records that evaluating `names` (the outputs and plans by
    /// default) can observe, or nil when it may observe them all. A host loading a large data
    /// file for that evaluation may keep only these (`DataImport.load(contentsOfFile:as:limits:keeping:)`):
    /// the program reads no other field, prints no whole record, and gives the same results.
    public func observedFields(ofInput name: String, printing names: [String]? = nil) -> Set<String>? {
        if let names, !Set(names).isSubset(of: outputNames) { return nil }
        return observedInputFields[name] ?? nil
    }

    /// The names of the file's payout plans.
    public var planNames: [String] {
        globals.filter { if case .plan = $0.kind { true } else { false } }.map(\.name)
    }

    /// The names `rules run` prints: every `output`, and every plan.
    public var outputNames: [String] {
        globals.filter { global in
            if global.isOutput { return true }
            if case .plan = global.kind { return true }
            return false
        }.map(\.name)
    }

    /// Evaluates the named globals (outputs and plans by default) with the given inputs.
    ///
    /// Input values are converted to their declared types first; a value that does not fit is
    /// an error naming the input.
    /// With `explain`, every plan line and statement carries an `Explanation` (see
    /// `RecordValue.explanation`): the deciding values of its condition and the brackets used.
    /// `limits` default to those of the engine that compiled the program. With `partition`, the
    /// inputs hold one partition's rows (see `keeping(_:of:input:field:)`), and a balance a
    /// plan's `carry` brings forward makes a statement of its own only in its key's partition,
    /// so the partitions' statements together are the whole run's.
    public func evaluateOutputs(
        _ names: [String]? = nil, inputs: [String: Value] = [:], limits: Limits? = nil,
        explain: Bool = false, partition: Partition? = nil
    ) throws(RuntimeError) -> [(name: String, value: Value)] {
        let limits = limits ?? self.limits
        return try DeepStack.run { () throws(RuntimeError) in
            try self.evaluate(names, inputs: inputs, limits: limits, explain: explain, balances: partition.map { .partition($0) } ?? .all)
        }
    }

    /// The evaluation behind `evaluateOutputs`, for the balances of `balances`; on the caller's
    /// stack. One machine evaluates every name, so what they share is computed once.
    private func evaluate(_ names: [String]?, inputs: [String: Value], limits: Limits, explain: Bool, balances: BalanceScope)
        throws(RuntimeError) -> [(name: String, value: Value)]
    {
        let machine = Machine(program: self, limits: limits, inputs: try bind(inputs), explaining: explain)
        machine.balanceScope = balances
        var results: [(name: String, value: Value)] = []
        for name in names ?? outputNames {
            results.append((name, try evaluate(name, on: machine)))
        }
        return results
    }

    /// One output or plan with inputs already bound, before `deadline` when one is given (a
    /// streamed run's, which evaluates a batch at a time).
    func evaluate(
        _ name: String, bound: [Int: Value], limits: Limits, explain: Bool, balances: BalanceScope,
        deadline: ContinuousClock.Instant?
    ) throws(RuntimeError) -> Value {
        let machine = Machine(program: self, limits: limits, inputs: bound, explaining: explain, deadline: deadline)
        machine.balanceScope = balances
        return try evaluate(name, on: machine)
    }

    private func evaluate(_ name: String, on machine: Machine) throws(RuntimeError) -> Value {
        guard let index = globalIndex(named: name) else {
            throw RuntimeError(
                .undefinedName, at: SourceRange.none, "this file declares nothing named `\(name)`",
                fix: Suggestions.closest(to: name, among: outputNames).map { "did you mean `\($0)`?" }
                    ?? "its outputs and plans are \(outputNames.joined(separator: ", "))")
        }
        return try machine.global(index, at: globals[index].range)
    }

    /// Converts host values for inputs to their declared types, keyed by global slot.
    func bind(_ inputs: [String: Value]) throws(RuntimeError) -> [Int: Value] {
        var bound: [Int: Value] = [:]
        for (name, value) in inputs {
            guard let index = globalIndex(named: name), case .input(let type, _) = globals[index].kind else {
                let names = self.inputs.map(\.name)
                throw RuntimeError(
                    .undefinedName, at: SourceRange.none, "this file has no input named `\(name)`",
                    fix: Suggestions.closest(to: name, among: names).map { "did you mean `\($0)`?" }
                        ?? (names.isEmpty ? "it declares no inputs" : "its inputs are \(names.joined(separator: ", "))"))
            }
            do throws(ValueError) {
                bound[index] = try type.convert(value, zone: settings.timezone)
            } catch {
                throw RuntimeError(error.kind, at: globals[index].range, "input `\(name)`: \(error.message)", fix: error.fix)
            }
        }
        return bound
    }

    /// The value `text` gives the input `name`, written as in a rule file (`30000`, `$30_000`,
    /// `7.5%`, `"ava"`, `tiktok`, `[1, 2]`) and converted to the input's declared type, as
    /// `--set NAME=VALUE` and the REPL's `:set` give it.
    ///
    /// A Text input also takes its text bare (`--set region=EMEA`). For any other type, text
    /// that is not a literal is an error, never quietly taken as text (`--set cap=(1/0)`); and a
    /// bare number above 1 for a Percent (`--set rate=12`, which would mean 1,200%) is refused
    /// as the slip it almost always is, as it is in data files.
    public func inputValue(_ text: String, for name: String) throws(ValueError) -> Value {
        guard let type = declaredType(ofInput: name) else {
            throw ValueError(.undefinedName, "this file has no input named `\(name)`")
        }
        let source = SourceFile(path: "--set", text: "let value = " + text)
        let parsed = Parser.parse(source)
        var value: Value?
        var problem = parsed.diagnostics.first?.message
        if problem == nil, case .let(let binding)? = parsed.program.declarations.first, parsed.program.declarations.count == 1 {
            let resolver = Resolver(source: source)
            resolver.settings = settings
            // The values of the enumerations the input's type uses are written bare, as in the file.
            for enumeration in type.enumerations {
                for (position, name) in enumeration.cases.enumerated() {
                    resolver.enumValues[name] = EnumValue(type: enumeration, position: position)
                }
            }
            let bound = resolver.resolve(binding.value)
            problem = resolver.diagnostics.first?.message
            if problem == nil, case .constant(let constant) = bound.kind { value = constant }
        }
        guard let value else {
            if case .text = type { return .text(text) }
            // An enumeration's value as a data cell names it: in any case (`--set status=Pending`).
            if case .enumeration(let enumeration) = type.withoutOptional {
                let name = text.trimmingSpaces
                guard let found = enumeration.value(named: name) else { throw DeclaredType.notAValue(name, of: enumeration) }
                return .enumValue(found)
            }
            // A value written as a data file's cell would be (`$1,250,000`, `12.5 %`) means the
            // same here; a literal that parses but fails (`(1/0)`) keeps its own reason.
            if !parsed.diagnostics.isEmpty, let cellType = CellType(type, zone: settings.timezone, campaign: settings.currency) {
                do throws(CellProblem) {
                    return try Array(text.utf8).withUnsafeBufferPointer { (bytes) throws(CellProblem) in
                        try CellConverter.convert(bytes, to: cellType)
                    }
                } catch {
                    throw ValueError(.invalidInput, error.message, fix: error.fix)
                }
            }
            throw ValueError(
                .invalidInput, "not a value of type \(type.name)" + (problem.map { ": \($0)" } ?? ""),
                fix: "write a value as in a rule file, such as \(type.example)")
        }
        return try type.convert(value, zone: settings.timezone)
    }
}
