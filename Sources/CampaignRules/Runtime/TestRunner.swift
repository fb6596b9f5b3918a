// Runs a file's `test` blocks: rebinds inputs with `given`, evaluates `let` and `expect` lines.

final class CompiledTest {
    enum Step {
        case bind(slot: Int, value: Node)
        /// An expectation; for a comparison, its sides are kept so a failure can show both values,
        /// and its parts (the sub-expressions worth showing) so it can show theirs too.
        case expect(Node, comparison: (op: ComparisonOperator, left: Node, right: Node)?, parts: [Node])
    }
    let name: String
    let range: SourceRange
    let givens: [(global: Int, value: Node, range: SourceRange)]
    let steps: [Step]
    let frameSize: Int

    init(name: String, range: SourceRange, givens: [(global: Int, value: Node, range: SourceRange)], steps: [Step], frameSize: Int) {
        self.name = name
        self.range = range
        self.givens = givens
        self.steps = steps
        self.frameSize = frameSize
    }
}

/// The outcome of one test.
public struct TestResult: Sendable {
    public let name: String
    /// The `test` block, in the compiled source (`source.span(of:)` gives its file and line).
    public let range: SourceRange
    /// Why the test failed, each located at its line: every `expect` that failed, in order,
    /// then the runtime error that stopped the test, if one did. Empty when it passed.
    public let failures: [Diagnostic]
    /// The wall-clock time the test took, for reports that record it (JUnit's `time`).
    public let duration: Duration

    /// The first failure; nil when the test passed.
    public var failure: Diagnostic? { failures.first }
    public var passed: Bool { failures.isEmpty }
}

extension CompiledProgram {
    /// Runs every test, each in a fresh evaluation so no test sees another's values.
    /// `limits` default to those of the engine that compiled the program.
    public func runTests(limits: Limits? = nil) -> [TestResult] {
        let limits = limits ?? self.limits
        return DeepStack.run { self.tests.map { self.run($0, limits: limits) } }
    }

    /// Runs a test's lines in order. A failed `expect` is recorded and the next line runs (an
    /// expectation binds nothing later lines need); an error in a `let` or a `given` ends the test.
    func run(_ test: CompiledTest, limits: Limits) -> TestResult {
        let started = ContinuousClock.now
        let machine = Machine(program: self, limits: limits)
        var failures: [Diagnostic] = []
        do throws(RuntimeError) {
            try machine.inFrame(size: test.frameSize) { () throws(RuntimeError) in
                try bindGivens(test, machine)
                for step in test.steps {
                    switch step {
                    case .bind(let slot, let value):
                        machine.setLocal(slot, try value.evaluate(machine))
                    case .expect(let condition, let comparison, let parts):
                        do throws(RuntimeError) {
                            try check(condition, comparison, machine)
                        } catch  where error.diagnostic.kind == .failedExpectation {
                            failures.append(withParts(error, parts, machine).located(in: source))
                        } catch  where error.diagnostic.kind != .limitExceeded && error.diagnostic.kind != .cancelled {
                            // A value that failed fails again for every later line that uses it: say it once.
                            let located = error.located(in: source)
                            if !failures.contains(where: { $0.range == located.range && $0.message == located.message }) {
                                failures.append(located)
                            }
                        }
                    }
                }
            }
        } catch {
            failures.append(error.located(in: source))
        }
        return TestResult(name: test.name, range: test.range, failures: failures, duration: ContinuousClock.now - started)
    }

    /// The failure with a note for each part of the expectation and its value, as power
    /// assertions show them: `statement("cy").total is $3,900.00`.
    private func withParts(_ error: RuntimeError, _ parts: [Node], _ machine: Machine) -> RuntimeError {
        var error = error
        for part in parts {
            let shown: String
            do throws(RuntimeError) {
                shown = "is " + (try part.evaluate(machine)).briefDescription
            } catch {
                shown = "fails: " + error.diagnostic.message
            }
            error.diagnostic.notes.append(.init(message: "`\(source.text(in: part.range))` \(shown)", range: nil))
        }
        return error
    }

    /// Evaluates each `given`, converts it to the input's declared type, and starts the
    /// globals afresh so that everything computed from the inputs sees the new values.
    private func bindGivens(_ test: CompiledTest, _ machine: Machine) throws(RuntimeError) {
        guard !test.givens.isEmpty else { return }
        var bound: [(Int, Value)] = []
        for given in test.givens {
            let value = try given.value.evaluate(machine)
            guard case .input(let type, _) = globals[given.global].kind else { continue }
            let converted = try located(given.value.range) { () throws(ValueError) in try type.convert(value, zone: settings.timezone) }
            bound.append((given.global, converted))
        }
        machine.globals = Array(repeating: .pending, count: globals.count)
        for (index, value) in bound { machine.globals[index] = .ready(value) }
    }

    private func check(
        _ condition: Node, _ comparison: (op: ComparisonOperator, left: Node, right: Node)?,
        _ machine: Machine
    ) throws(RuntimeError) {
        guard let comparison else {
            if try condition.condition(machine) { return }
            throw RuntimeError(.failedExpectation, at: condition.range, "expectation failed: \(source.text(in: condition.range)) is false")
        }
        let left = try comparison.left.evaluate(machine), right = try comparison.right.evaluate(machine)
        if try ComparisonNode.holds(comparison.op, left, right, condition.range) { return }
        let expected = "expected \(source.text(in: comparison.left.range)) \(comparison.op.rawValue) \(source.text(in: comparison.right.range))"
        if comparison.op == .equal, let differences = ValueDifference.describe(left, right) {
            throw RuntimeError(.failedExpectation, at: condition.range, "\(expected); they differ: \(differences)")
        }
        throw RuntimeError(.failedExpectation, at: condition.range, "\(expected); left is \(left), right is \(right)")
    }
}
