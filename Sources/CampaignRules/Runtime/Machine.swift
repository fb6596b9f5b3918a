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
    @exclusivity(unchecked) var steps = 0
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
    /// Collects the facts of the plan line being evaluated; nil when not explaining.
    @exclusivity(unchecked) var recorder: ExplanationRecorder?

    init(program: CompiledProgram, limits: Limits, inputs: [Int: Value] = [:], explaining: Bool = false) {
        self.program = program
        self.limits = limits
        self.explaining = explaining
        self.globals = Array(repeating: .pending, count: program.globals.count)
        self.fieldCache = Array(repeating: FieldCacheEntry(shape: nil, index: 0), count: program.fieldAccessCount)
        for (index, value) in inputs { globals[index] = .ready(value) }
        stack.reserveCapacity(256)
    }

    /// Counts one step (a call or one element of a loop) and stops a runaway evaluation.
    @inline(__always)
    func step(_ range: SourceRange) throws(RuntimeError) {
        steps &+= 1
        if steps > limits.maximumSteps {
            throw RuntimeError(.limitExceeded, at: range,
                               "evaluation took more than \(limits.maximumSteps) steps (limit maximumSteps; raise it with --max-steps)")
        }
    }

    /// Enters one more level of calls; the caller must `leave()` on every path.
    @inline(__always)
    func enter(_ range: SourceRange) throws(RuntimeError) {
        depth += 1
        if depth > limits.maximumCallDepth {
            depth -= 1
            throw RuntimeError(.limitExceeded, at: range,
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
