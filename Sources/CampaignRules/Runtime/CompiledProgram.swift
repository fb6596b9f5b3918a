// A program ready to run: globals, functions and tests as evaluator nodes.

/// A checked rule file lowered to evaluator nodes. Immutable once built, so one compiled
/// program may be evaluated from several threads at once, each with its own `Machine`.
public final class CompiledProgram: @unchecked Sendable {
    public let source: SourceFile
    public let settings: CampaignSettings
    let globals: [CompiledGlobal]
    let functions: [CompiledFunction]
    let tests: [CompiledTest]
    let recordTypes: [String: DeclaredType.RecordDescriptor]
    /// How many field-access nodes the program has (the size of each machine's field cache).
    let fieldAccessCount: Int
    /// The limits of the engine that compiled it, used when an evaluation names none.
    public internal(set) var limits = Limits.default
    /// Whether loops over tables may run row kernels; tests turn them off to compare.
    var usesKernels = true
    /// For each input of records, the fields its outputs and plans can observe (nil: every
    /// field); see `observedFields(ofInput:printing:)`.
    var observedInputFields: [String: Set<String>?] = [:]
    /// Whether the file calls `in_effect` (see `rowsOutsideEffectiveWindow`).
    var usesInEffect = false
    /// What deciding `partitioning(printing:)` needs of the checked program.
    var partitionFacts = PartitionFacts()

    init(
        source: SourceFile, settings: CampaignSettings, globals: [CompiledGlobal], functions: [CompiledFunction],
        tests: [CompiledTest], recordTypes: [String: DeclaredType.RecordDescriptor], fieldAccessCount: Int
    ) {
        self.fieldAccessCount = fieldAccessCount
        self.source = source
        self.settings = settings
        self.globals = globals
        self.functions = functions
        self.tests = tests
        self.recordTypes = recordTypes
    }

    func globalIndex(named name: String) -> Int? {
        globals.firstIndex { $0.name == name }
    }
}

/// Code with a frame of its own.
struct CompiledCode {
    let body: Node
    let frameSize: Int

    func run(_ machine: Machine) throws(RuntimeError) -> Value {
        try machine.inFrame(size: frameSize) { () throws(RuntimeError) in try body.evaluate(machine) }
    }
}

final class CompiledGlobal: @unchecked Sendable {
    enum Kind {
        case input(type: DeclaredType, defaultValue: CompiledCode?)
        case value(CompiledCode)
        case tierTable(name: String, brackets: [(low: Node?, high: Node?, value: Node)], frameSize: Int)
        case plan(CompiledPlan)
    }
    let name: String
    let kind: Kind
    let range: SourceRange
    let isOutput: Bool

    init(name: String, kind: Kind, range: SourceRange, isOutput: Bool) {
        self.name = name
        self.kind = kind
        self.range = range
        self.isOutput = isOutput
    }

    var isInput: Bool {
        if case .input = kind { return true }
        return false
    }

    /// Computes the global's value; `use` is where it was asked for, which is where a missing
    /// input is reported.
    func evaluate(_ machine: Machine, use: SourceRange) throws(RuntimeError) -> Value {
        switch kind {
        case .input(let type, let defaultValue):
            guard let defaultValue else {
                var error = RuntimeError(
                    .inputMissing, at: use, "the input `\(name)` was not given",
                    fix: "pass it with --data \(name)=FILE or --set \(name)=VALUE, bind it with `given` in a test, or give it a default")
                error.diagnostic.notes.append(.init(message: "`\(name)` is declared here", range: range))
                throw error
            }
            let value = try defaultValue.run(machine)
            return try located(range) { () throws(ValueError) in try type.convert(value, zone: machine.program.settings.timezone) }
        case .value(let code):
            return try code.run(machine)
        case .tierTable(let name, let brackets, let frameSize):
            return try machine.inFrame(size: frameSize) { () throws(RuntimeError) -> Value in
                var evaluated: [TierTableValue.Bracket] = []
                for bracket in brackets {
                    evaluated.append(
                        .init(
                            low: try bracket.low?.evaluate(machine), high: try bracket.high?.evaluate(machine),
                            value: try bracket.value.evaluate(machine)))
                }
                return .tierTable(TierTableValue(name: name, brackets: evaluated))
            }
        case .plan(let plan):
            return try plan.evaluate(machine)
        }
    }
}
