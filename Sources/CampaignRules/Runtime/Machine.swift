// The state of one evaluation: the value stack of frames, the globals computed so far, and
// the step budget.

/// One evaluation session over a compiled program: `rules run`, one test, one host call.
///
/// Locals live on a single value stack; a frame is the slice starting at `base`. Globals
/// are computed on first use and kept, so a file's declarations may come in any order and
/// only what the outputs need is evaluated.
/// A field-access node's memory of the last record shape it met.
struct FieldCacheEntry {
    var shape: RecordShape?
    var index: Int
}

final class Machine {
    enum GlobalState {
        case pending
        case evaluating
        case ready(Value)
    }

    let program: CompiledProgram
    let limits: Limits
    // The hot state below is touched on every node; a Machine is used by one thread at a
    // time, so the dynamic exclusivity checks Swift would add to each access are dropped.
    @exclusivity(unchecked) var stack: [Value] = []
    @exclusivity(unchecked) var base = 0
    @exclusivity(unchecked) var globals: [GlobalState]
    /// Units of work done so far (see `Limits.maximumSteps`).
    @exclusivity(unchecked) var steps = 0
    /// Bytes of values created so far (see `Limits.maximumMemory`).
    @exclusivity(unchecked) var memory = 0
    /// Where `step` and `created` leave their fast path for `checkpoint`: at the limits
    /// themselves, or every few thousand units when a clock, a cancellation handle or the
    /// other threads of a parallel loop must be looked at too. So the fast path stays one
    /// addition and one comparison whatever is being watched.
    @exclusivity(unchecked) var stepCheckpoint = 0
    @exclusivity(unchecked) var memoryCheckpoint = 0
    /// When the evaluation must stop; nil without a time limit.
    let deadline: ContinuousClock.Instant?
    /// This machine's place in a parallel loop, when it is one of its workers.
    var share: WorkerShare?
    /// Calls and global evaluations in progress, bounded by `maximumCallDepth`.
    @exclusivity(unchecked) var depth = 0
    /// Per field-access node, the record shape it last saw and the field's index in it, so a
    /// field is found by one pointer comparison instead of a lookup by name.
    @exclusivity(unchecked) var fieldCache: [FieldCacheEntry]
    /// Where `Node.quantity` leaves a value that is not a number, percent or money, for its
    /// caller to take at once (`takeSpilled`); the numeric path so never makes a `Value`.
    @exclusivity(unchecked) var spilled: Value = .bool(false)
    /// The row kernels compiled in this evaluation, per loop node and table.
    var kernels: [KernelKey: KernelEntry] = [:]
    /// Whether plan lines should record why they have their amounts.
    let explaining: Bool
    /// Which balances brought by `carry` may make statements of their own in this evaluation:
    /// a partitioned or streamed run computes only some of the keys (see `BalanceScope`).
    var balanceScope = BalanceScope.all
    /// Collects the facts of the plan line being evaluated; nil when not explaining.
    @exclusivity(unchecked) var recorder: ExplanationRecorder?

    init(
        program: CompiledProgram, limits: Limits, inputs: [Int: Value] = [:], explaining: Bool = false,
        deadline: ContinuousClock.Instant? = nil
    ) {
        self.program = program
        self.limits = limits
        self.deadline = deadline ?? limits.timeLimit.map { ContinuousClock.now + $0 }
        self.explaining = explaining
        self.globals = Array(repeating: .pending, count: program.globals.count)
        self.fieldCache = Array(repeating: FieldCacheEntry(shape: nil, index: 0), count: program.fieldAccessCount)
        for (index, value) in inputs { globals[index] = .ready(value) }
        stack.reserveCapacity(256)
        setCheckpoints()
    }

    /// Counts `units` of work (an expression's operations, a loop's item, the items a
    /// built-in visits) and stops an evaluation that passes a limit.
    @inline(__always)
    func step(_ range: SourceRange, _ units: Int = 1) throws(RuntimeError) {
        steps &+= units
        if steps > stepCheckpoint { try checkpoint(range) }
    }

    /// Counts `bytes` of values about to be created, or just created, and stops an evaluation
    /// that passes the memory limit.
    @inline(__always)
    func created(_ bytes: Int, at range: SourceRange) throws(RuntimeError) {
        memory &+= bytes
        if memory > memoryCheckpoint { try checkpoint(range) }
    }

    /// Looks at everything that may stop the evaluation, then sets the next checkpoints.
    func checkpoint(_ range: SourceRange) throws(RuntimeError) {
        if steps > limits.maximumSteps { throw Machine.limitError(.steps, limits, at: range) }
        if memory > limits.maximumMemory { throw Machine.limitError(.memory, limits, at: range) }
        if limits.cancellation?.isCancelled == true { throw Machine.limitError(.cancelled, limits, at: range) }
        if let deadline, ContinuousClock.now >= deadline { throw Machine.limitError(.time, limits, at: range) }
        if let share { try share.check(self, at: range) }
        setCheckpoints()
    }

    /// The bytes `created` counts for the values it is told of: an item of a list, an amount
    /// in a column, a record with its fields. Estimates of what the values occupy, close
    /// enough that the memory limit bounds what an evaluation really takes.
    static let valueBytes = MemoryLayout<Value>.stride
    static let amountBytes = 8
    /// A list of `count` values: its items, and the allocation that holds them.
    static func listBytes(_ count: Int) -> Int { 48 + count * valueBytes }
    static func recordBytes(fields: Int) -> Int { 48 + listBytes(fields) }

    /// The comparisons a sort of `count` items makes at most: n·⌈log₂ n⌉.
    static func sortSteps(_ count: Int) -> Int {
        count < 2 ? count : count * (Int.bitWidth - (count - 1).leadingZeroBitCount)
    }

    /// Work between two looks at the clock, a cancellation or the other workers: about a
    /// millisecond of evaluation.
    static let checkInterval = 1 << 16
    static let memoryCheckInterval = 1 << 22

    /// The next checkpoints: at the limits, or one interval on when something is watched (an
    /// interval of at most 1/64 of the limit, so the workers of a parallel loop learn of each
    /// other's progress long before the limit).
    func setCheckpoints() {
        let watched = deadline != nil || limits.cancellation != nil || share != nil
        guard watched else {
            (stepCheckpoint, memoryCheckpoint) = (limits.maximumSteps, limits.maximumMemory)
            return
        }
        let stepInterval = max(1, min(Machine.checkInterval, limits.maximumSteps / 64))
        let memoryInterval = max(1, min(Machine.memoryCheckInterval, limits.maximumMemory / 64))
        stepCheckpoint = min(limits.maximumSteps, steps &+ stepInterval)
        memoryCheckpoint = min(limits.maximumMemory, memory &+ memoryInterval)
    }

    /// What stopped an evaluation before it finished.
    enum Stop {
        case steps, memory, time, cancelled
    }

    static func limitError(_ stop: Stop, _ limits: Limits, at range: SourceRange) -> RuntimeError {
        switch stop {
        case .steps:
            RuntimeError(
                .limitExceeded, at: range,
                "evaluation took more than \(limits.maximumSteps) steps \(Limits.Name.maximumSteps.note)",
                fix: "a step is one operation or one item visited; look for a loop over a loop, or raise the limit")
        case .memory:
            RuntimeError(
                .limitExceeded, at: range,
                "evaluation created more than \(ByteCount(limits.maximumMemory)) of values \(Limits.Name.maximumMemory.note)",
                fix: "look for a list built inside a loop over another list, or raise the limit")
        case .time:
            RuntimeError(
                .limitExceeded, at: range,
                "evaluation ran longer than \(limits.timeLimit.map(Machine.describe) ?? "its time limit") \(Limits.Name.timeLimit.note)")
        case .cancelled:
            RuntimeError(.cancelled, at: range, "evaluation was cancelled")
        }
    }

    private static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        return milliseconds % 1_000 == 0 ? "\(milliseconds / 1_000) s" : "\(milliseconds) ms"
    }

    /// Enters one more level of calls; the caller must `leave()` on every path.
    @inline(__always)
    func enter(_ range: SourceRange) throws(RuntimeError) {
        depth += 1
        if depth > limits.maximumCallDepth {
            depth -= 1
            throw RuntimeError(
                .limitExceeded, at: range,
                "calls and definitions nest more than \(limits.maximumCallDepth) deep (limit maximumCallDepth; raise it with --max-call-depth)")
        }
    }

    @inline(__always)
    func leave() { depth -= 1 }

    /// Runs `body` in a new frame of `size` slots above the current one.
    @inline(__always)
    func inFrame<T>(size: Int, _ body: () throws(RuntimeError) -> T) throws(RuntimeError) -> T {
        let savedBase = base
        base = stack.count
        stack.append(contentsOf: repeatElement(Value.bool(false), count: size))
        defer {
            stack.removeLast(stack.count - base)
            base = savedBase
        }
        return try body()
    }

    @inline(__always)
    func local(_ slot: Int) -> Value { stack[base + slot] }

    @inline(__always)
    func setLocal(_ slot: Int, _ value: Value) { stack[base + slot] = value }

    /// The value of a global, computing it on first use.
    func global(_ index: Int, at range: SourceRange) throws(RuntimeError) -> Value {
        switch globals[index] {
        case .ready(let value): return value
        case .evaluating:
            throw RuntimeError(.cyclicDefinition, at: range, "`\(program.globals[index].name)` depends on itself")
        case .pending: break
        }
        try enter(range)
        defer { leave() }
        globals[index] = .evaluating
        do throws(RuntimeError) {
            let value = try program.globals[index].evaluate(self, use: range)
            globals[index] = .ready(value)
            return value
        } catch {
            globals[index] = .pending
            throw error
        }
    }
}
