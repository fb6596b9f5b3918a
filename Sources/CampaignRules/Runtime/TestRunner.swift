// Runs a file's `test` blocks: rebinds inputs with `given`, evaluates `let` and `expect` lines.

final class CompiledTest {
    enum Step {
        case bind(slot: Int, value: Node)
        /// An expectation; for a comparison, its sides are kept so a failure can show both values.
        case expect(Node, comparison: (op: ComparisonOperator, left: Node, right: Node)?)
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
    /// Nil when the test passed; otherwise why it failed, located at the failing line.
    public let failure: Diagnostic?

    public var passed: Bool { failure == nil }
}

extension CompiledProgram {
    /// Runs every test, each in a fresh evaluation so no test sees another's values.
    /// `limits` default to those of the engine that compiled the program.
    public func runTests(limits: Limits? = nil) -> [TestResult] {
        let limits = limits ?? self.limits
        return DeepStack.run { self.tests.map { self.run($0, limits: limits) } }
    }

    func run(_ test: CompiledTest, limits: Limits) -> TestResult {
        let machine = Machine(program: self, limits: limits)
        do throws(RuntimeError) {
            try machine.inFrame(size: test.frameSize) { () throws(RuntimeError) in
                try bindGivens(test, machine)
                for step in test.steps {
                    switch step {
                    case .bind(let slot, let value):
                        machine.setLocal(slot, try value.evaluate(machine))
                    case .expect(let condition, let comparison):
                        try check(condition, comparison, machine)
                    }
                }
            }
            return TestResult(name: test.name, failure: nil)
        } catch {
            return TestResult(name: test.name, failure: error.located(in: source))
        }
    }

    /// Evaluates each `given`, converts it to the input's declared type, and starts the
    /// globals afresh so that everything computed from the inputs sees the new values.
    private func bindGivens(_ test: CompiledTest, _ machine: Machine) throws(RuntimeError) {
        guard !test.givens.isEmpty else { return }
        var bound: [(Int, Value)] = []
        for given in test.givens {
            let value = try given.value.evaluate(machine)
            guard case .input(let type, _) = globals[given.global].kind else { continue }
            let converted = try located(given.value.range) { () throws(ValueError) in try type.convert(value) }
            bound.append((given.global, converted))
        }
        machine.globals = Array(repeating: .pending, count: globals.count)
        for (index, value) in bound { machine.globals[index] = .ready(value) }
    }

    private func check(_ condition: Node, _ comparison: (op: ComparisonOperator, left: Node, right: Node)?,
                       _ machine: Machine) throws(RuntimeError) {
        guard let comparison else {
            if try condition.condition(machine) { return }
            throw RuntimeError(.failedExpectation, at: condition.range, "expectation failed: \(source.text(in: condition.range)) is false")
        }
        let left = try comparison.left.evaluate(machine), right = try comparison.right.evaluate(machine)
        if try ComparisonNode.holds(comparison.op, left, right, condition.range) { return }
        throw RuntimeError(.failedExpectation, at: condition.range,
                           "expected \(source.text(in: comparison.left.range)) \(comparison.op.rawValue) \(source.text(in: comparison.right.range)); left is \(left), right is \(right)")
    }
}
