// Row kernels must be invisible: random per-row rules over random tables give, with kernels and
// without, the same values (to the exponent and the sign of zero), the same errors at the same
// places, and the same step-limit stops.

import Testing

@testable import CampaignRules

struct KernelDifferentialTests {
    static let header = """
        record Row {
          a: Money
          b: Money
          n: Number
          m: Number
          p: Percent
          f: Bool
        }
        input rows: list of Row

        """ + functions

    /// The inputs, tier table and functions the generated rules call (see `RuleGenerator`).
    static let functions = """
        input scale: Number = 3
        input bonus: Money = $25

        tiers rate {
          ..< $100:      5%
          $100 ..< $1_000: 8%
          $1_000 ...:    10%
        }

        fn share(r, x) = r.a * x
        fn pick(r) {
          let base = r.a * rate(r.b)
          let extra = if r.n > r.m then bonus else $0
          round(min(base + extra, $4_000), 2, half_up)
        }
        fn blend(r, x) {
          let y = x * 2
          let z = y + r.b
          if r.f then z else y
        }

        """

    @Test func randomRulesAgreeWithTheGeneralEvaluator() throws {
        var random = SplitMix64(state: 0x5EED)
        var compared = 0, kernelRuns = 0
        for round in 0..<160 {
            var generator = RuleGenerator(random: random)
            let outputs = (0..<6).map { index in generator.output(named: "o\(index)") }
            random = generator.random
            let text = KernelDifferentialTests.header + outputs.joined(separator: "\n") + "\n"
            let rows = TableGenerator.rows(count: 70 + round % 40, random: &random)
            let steps = round % 5 == 0 ? Int.random(in: 60...400, using: &random) : nil
            let fast = try evaluate(text, rows: rows, kernels: true, steps: steps)
            let general = try evaluate(text, rows: rows, kernels: false, steps: steps)
            #expect(fast == general, "rules:\n\(outputs.joined(separator: "\n"))")
            compared += 1
            if fast != general { break }
            kernelRuns += KernelProbe.kernelsCompiled(text, rows: rows)
        }
        #expect(compared == 160)
        // Most generated outputs must actually have run on kernels.
        #expect(kernelRuns > 300)
    }

    @Test func randomPlansAgreeWithTheGeneralEvaluator() throws {
        var random = SplitMix64(state: 0xB1A5)
        for round in 0..<120 {
            var generator = RuleGenerator(random: random)
            let plan = generator.plan(named: "pay")
            random = generator.random
            let text =
                KernelDifferentialTests.header(rounding: round) + KernelDifferentialTests.header + plan
                + "output o0 = pay\noutput o1 = sum(pay.total)\noutput o2 = pay select it.lines\n"
                + "output o3 = count(pay where it.total > $0)\noutput o4 = pay.subject\noutput o5 = sum(pay select it.total)\n"
            let rows = TableGenerator.rows(count: 66 + round % 30, random: &random)
            let steps = round % 7 == 0 ? Int.random(in: 60...300, using: &random) : nil
            let fast = try evaluate(text, rows: rows, kernels: true, steps: steps)
            let general = try evaluate(text, rows: rows, kernels: false, steps: steps)
            #expect(fast == general, "rules:\n\(plan)")
            if fast != general { break }
        }
    }

    /// Long tables split over threads, each part with its own kernel frame: the same values,
    /// errors and step-limit stops as one thread without kernels.
    @Test func kernelsOnSeveralThreadsAgreeWithOneWithout() throws {
        var random = SplitMix64(state: 0x7EAD)
        for round in 0..<10 {
            var generator = RuleGenerator(random: random)
            let outputs = (0..<6).map { index in index == 5 ? "output o5 = sum(pay.total)" : generator.output(named: "o\(index)") }
            let plan = generator.plan(named: "pay")
            random = generator.random
            let text = KernelDifferentialTests.header + plan + outputs.joined(separator: "\n") + "\n"
            let rows = TableGenerator.rows(count: 6_200 + round, random: &random)
            let steps = round % 4 == 3 ? Int.random(in: 5_000...30_000, using: &random) : nil
            let threaded = try evaluate(text, rows: rows, kernels: true, steps: steps, threads: 4)
            let general = try evaluate(text, rows: rows, kernels: false, steps: steps)
            #expect(threaded == general, "rules:\n\(plan)\(outputs.joined(separator: "\n"))")
            if threaded != general { break }
        }
    }

    /// A campaign header whose rounding mode is one of six, by `round`.
    static func header(rounding round: Int) -> String {
        let rounding = ["half_up", "half_even", "down", "floor", "ceiling", "up"][round % 6]
        return "campaign \"Differential\" {\n  rounding: \(rounding)\n}\n"
    }

    private func evaluate(_ text: String, rows: Value, kernels: Bool, steps: Int?, threads: Int = 1) throws -> [String] {
        try KernelDifferentialTests.evaluate(text, inputs: ["rows": rows], kernels: kernels, steps: steps, threads: threads)
    }

    /// Each output `o0` to `o5` evaluated on its own, rendered exactly, or the error it stops with.
    static func evaluate(_ text: String, inputs: [String: Value], kernels: Bool, steps: Int?, threads: Int) throws -> [String] {
        var limits = Limits.default
        limits.maximumThreads = threads
        if let steps { limits.maximumSteps = steps }
        let compilation = Engine(limits: limits).compile(SourceFile(path: "k.rules", text: text))
        let program = try #require(compilation.program, "\(compilation.renderedDiagnostics)\n\(text)")
        program.usesKernels = kernels
        return (0..<6).map { index in
            do throws(RuntimeError) {
                let value = try program.evaluateOutputs(["o\(index)"], inputs: inputs)[0].value
                return ExactRendering.of(value)
            } catch {
                let location = program.source.location(of: error.diagnostic.range.start)
                return
                    "error \(error.diagnostic.kind) at \(location.line):\(location.column): \(error.diagnostic.message) calls \(error.calls.map(\.function))"
            }
        }
    }
}

/// Counts the kernels an evaluation compiles, to show that the comparison exercised them.
enum KernelProbe {
    static func kernelsCompiled(_ text: String, rows: Value) -> Int {
        guard let program = Engine().compile(SourceFile(path: "k.rules", text: text)).program,
            let bound = try? program.bind(["rows": rows])
        else { return 0 }
        var count = 0
        for index in 0..<6 {
            let machine = Machine(program: program, limits: .default, inputs: bound)
            guard let global = program.globalIndex(named: "o\(index)") else { continue }
            _ = try? machine.global(global, at: .none)
            count += machine.kernels.values.filter { $0.kernel != nil }.count
        }
        return count
    }
}

/// Values written with every digit, exponent and sign, so that two results agree only when
/// they are the very same value.
enum ExactRendering {
    static func of(_ value: Value) -> String {
        switch value {
        case .number(let x): "n:\(x.scientificDescription)"
        case .percent(let x): "p:\(x.scientificDescription)"
        case .money(let x, let currency): "\(currency.code):\(x.scientificDescription)"
        case .list(let items): "[" + items.map(of).joined(separator: ",") + "]"
        case .record(let record): "{" + zip(record.shape.fieldNames, record.values).map { "\($0)=\(of($1))" }.joined(separator: ",") + "}"
        default: "\(value)"
        }
    }
}

/// Rows whose amounts cover the representations kernels must treat exactly: shared and mixed
/// exponents, zeros and negative zeros, negatives, and coefficients beyond 64 bits.
enum TableGenerator {
    static func rows(count: Int, random: inout SplitMix64) -> Value {
        // Some tables keep one exponent per column (the compact storage), others mix them.
        let mixed = Bool.random(using: &random)
        return .list(
            (0..<count).map { _ in
                .record([
                    ("a", .money(amount(&random, mixed: mixed), .usd)), ("b", .money(amount(&random, mixed: mixed), .usd)),
                    ("n", .number(amount(&random, mixed: mixed, places: 0))), ("m", .number(amount(&random, mixed: mixed, places: 0))),
                    ("p", .percent(amount(&random, mixed: mixed, places: 3))), ("f", .bool(Bool.random(using: &random))),
                ])
            })
    }

    static func amount(_ random: inout SplitMix64, mixed: Bool, places: Int = 2) -> DecimalNumber {
        let exponent = mixed ? -Int.random(in: 0...4, using: &random) : -places
        let coefficient: UInt128
        switch Int.random(in: 0..<20, using: &random) {
        case 0: coefficient = 0
        case 1: coefficient = UInt128.random(in: 1...UInt128(UInt64.max), using: &random) * 1_000  // beyond 64 bits
        case 2: coefficient = UInt128(Int.random(in: 1...9, using: &random)) * 10_000_000
        case 3, 4, 5: coefficient = UInt128(Int.random(in: 0...99, using: &random))  // rounds to zero, or to a tie
        default: coefficient = UInt128(Int.random(in: 0...400_000, using: &random))
        }
        return DecimalNumber(isNegative: Int.random(in: 0..<6, using: &random) == 0, coefficient: coefficient, exponent: exponent)
    }
}

/// Random per-row outputs: selects of amounts and truths, filters, and aggregates over them.
struct RuleGenerator {
    var random: SplitMix64
    /// The row variable the expressions use: `it` in queries, a plan's subject in plans.
    var row = "it"

    mutating func output(named name: String) -> String {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: "output \(name) = rows select \(money(3))"
        case 1: "output \(name) = count(rows where \(truth(3)))"
        case 2: "output \(name) = sum(rows select \(number(3)))"
        case 3: "output \(name) = rows select \(truth(2))"
        default: "output \(name) = sum(rows where \(truth(2)) select \(money(3)))"
        }
    }

    private mutating func choose(_ options: Int) -> Int { Int.random(in: 0..<options, using: &random) }

    /// A plan over the rows with random lines, and outputs reading its statements.
    mutating func plan(named name: String) -> String {
        row = "r"
        defer { row = "it" }
        var lines: [String] = []
        for index in 0..<(1 + choose(4)) {
            switch choose(3) {
            case 0: lines.append("  commission \"C\(index)\": \(money(2))")
            case 1: lines.append("  bonus \"B\(index)\" when \(truth(2)): \(money(1))")
            default: lines.append("  deduct \"D\(index)\": \(money(1))")
            }
        }
        // Computed, so a cap or minimum below zero or finer than a cent is a runtime error
        // (on both paths) rather than a static one that would keep the file from running.
        if choose(2) == 0 { lines.append("  cap round(\(money(1)), \(2 + choose(2)))") }
        if choose(2) == 0 { lines.append("  minimum round(\(money(1)), \(2 + choose(2)))") }
        return "plan \(name) for r in rows {\n" + lines.joined(separator: "\n") + "\n}\n"
    }

    mutating func money(_ depth: Int) -> String {
        if depth == 0 {
            return ["\(row).a", "\(row).b", "$12.50", "$0", "$1_000", "bonus", "-\(row).a"][choose(7)]
        }
        let d = depth - 1
        switch choose(12) {
        case 0: return "(\(money(d)) + \(money(d)))"
        case 1: return "(\(money(d)) - \(money(d)))"
        case 2: return "(\(money(d)) * \(number(d)))"
        case 3: return "(\(money(d)) * \(percent(d)))"
        case 4: return "(\(money(d)) / \(divisor(d)))"
        case 5: return "round(\(money(d)), \(choose(4)), \(["half_up", "half_even", "down", "floor", "ceiling"][choose(5)]))"
        case 6: return "min(\(money(d)), \(money(d)))"
        case 7: return "max(\(money(d)), \(money(d)))"
        case 8: return "(if \(truth(d)) then \(money(d)) else \(money(d)))"
        case 9: return "abs(\(money(d)))"
        case 10: return ["share(\(row), \(number(d)))", "pick(\(row))", "(\(money(d)) * rate(\(money(d))))"][choose(3)]
        default: return "blend(\(row), \(money(d)))"
        }
    }

    mutating func number(_ depth: Int) -> String {
        if depth == 0 { return ["\(row).n", "\(row).m", "3", "0", "scale", "2.5"][choose(6)] }
        let d = depth - 1
        switch choose(6) {
        case 0: return "(\(number(d)) + \(number(d)))"
        case 1: return "(\(number(d)) * \(number(d)))"
        case 2: return "(\(number(d)) / \(divisor(d)))"
        case 3: return "(\(money(d)) / \(["\(row).a", "\(row).b", "bonus", "$12.50"][choose(4)]))"
        case 4: return "round(\(number(d)), \(choose(3)))"
        default: return "(\(number(d)) - \(number(d)))"
        }
    }

    mutating func percent(_ depth: Int) -> String {
        if depth == 0 { return ["\(row).p", "5%", "12.5%", "0%"][choose(4)] }
        return ["rate(\(money(depth - 1)))", "(\(percent(depth - 1)) + \(percent(depth - 1)))", "\(row).p"][choose(3)]
    }

    mutating func truth(_ depth: Int) -> String {
        if depth == 0 { return ["\(row).f", "true", "\(row).n > \(row).m", "\(row).a >= $100"][choose(4)] }
        let d = depth - 1
        let op = ["<", "<=", ">", ">=", "==", "!="][choose(6)]
        switch choose(7) {
        case 0: return "(\(money(d)) \(op) \(money(d)))"
        case 1: return "(\(number(d)) \(op) \(number(d)))"
        case 2: return "(\(number(d)) / \(divisor(d)) \(op) \(percent(d)))"
        case 3: return "(\(truth(d)) and \(truth(d)))"
        case 4: return "(\(truth(d)) or \(truth(d)))"
        case 5: return "not \(truth(d))"
        default: return "(\(percent(d)) \(op) \(number(d)) / \(divisor(d)))"
        }
    }

    /// A number to divide by: never the constant zero, which the checker rejects, though a
    /// row's zero still divides by zero at run time.
    mutating func divisor(_ depth: Int) -> String {
        depth == 0 || choose(2) == 0 ? ["\(row).n", "\(row).m", "scale", "2.5", "3"][choose(5)] : "(\(number(depth - 1)) + 1)"
    }
}
