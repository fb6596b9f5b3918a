// `sum(rows select VALUE)` adds the kernel's values without keeping them; its total must be the
// one summing the list gives, exponent and all, and the cases it declines must still sum right.

import Testing

@testable import CampaignRules

struct SumOfSelectTests {
    static let program = """
        record Row {
          a: Number
          m: Money
        }
        input rows: list of Row
        output o0 = sum(rows select it.a * 2)
        output o1 = sum(rows select it.m * 3%)
        output o2 = sum(rows where it.a > 10 select it.m)
        output o3 = sum(rows select it.a)
        output o4 = sum(rows select if it.a > 5 then it.m else $0)
        output o5 = sum(rows select it.a / 7)

        """

    /// Rows loaded from CSV text.
    static func rows(_ cells: [(a: String, m: String)]) throws -> Value {
        let type = DeclaredType.list(.record(DataTestSupport.record("Row", [("a", .number, nil), ("m", .money(.usd), nil)])))
        var limits = Limits.default
        limits.maximumThreads = 2
        return try DataImport.load(Array(("a,m\n" + cells.map { "\($0.a),\($0.m)\n" }.joined()).utf8), path: "rows.csv", as: type, limits: limits)
    }

    static func compare(_ rows: Value, _ note: String) throws {
        for threads in [1, 2] {
            let fused = try KernelDifferentialTests.evaluate(program, inputs: ["rows": rows], kernels: true, steps: nil, threads: threads)
            let general = try KernelDifferentialTests.evaluate(program, inputs: ["rows": rows], kernels: false, steps: nil, threads: threads)
            #expect(fused == general, "\(note), \(threads) threads")
        }
    }

    @Test func totalsMatchSummingTheList() throws {
        // More rows than a block, over two threads; cents, and whole numbers.
        let cells = (0..<20_000).map { (a: "\($0 % 97)", m: "\($0 % 1_000).\(String(format: "%02d", $0 % 100))") }
        try SumOfSelectTests.compare(try SumOfSelectTests.rows(cells), "plain")
    }

    /// The plain cases take the path that keeps no list: each `sum` over a `select` below
    /// gives its total straight from the kernel's values.
    @Test(arguments: ["o0", "o1", "o2", "o3", "commission"])
    func theKernelsValuesAreSummedWithoutAList(_ output: String) throws {
        let text =
            SumOfSelectTests.program + """
                fn pay(r) {
                  let base = r.m * 5%
                  round(min(base + (if r.a > 50 then $250 else $0), $5_000), 2, half_up)
                }
                output commission = sum(rows select pay(it))
                """
        let program = try #require(Engine().compile(SourceFile(path: "s.rules", text: text)).program)
        let cells = (0..<5_000).map { (a: "\($0 % 97)", m: "\($0 % 1_000).\(String(format: "%02d", $0 % 100))") }
        let machine = Machine(program: program, limits: .default, inputs: try program.bind(["rows": try SumOfSelectTests.rows(cells)]))
        let global = try #require(program.globalIndex(named: output))
        guard case .value(let code) = program.globals[global].kind, let sum = code.body as? BuiltinNode,
            let selection = sum.arguments.first as? SelectNode
        else {
            Issue.record("\(output) is not a sum over a select")
            return
        }
        let total = try machine.inFrame(size: code.frameSize) { () throws(RuntimeError) in try selection.exactSumOfProjection(machine) }
        #expect(total != nil)
        #expect(
            total.map(ExactRendering.of)
                == ExactRendering.of(try program.evaluateOutputs([output], inputs: ["rows": try SumOfSelectTests.rows(cells)])[0].value))
    }

    /// Values at several exponents, values too large to sum as coefficients, and rows the
    /// kernel hands to the general evaluator: declined, and summed as the list is.
    @Test(arguments: ["exponents", "large", "negative"])
    func declinedCasesStillSumRight(_ kind: String) throws {
        let cells: [(a: String, m: String)] = (0..<9_000).map { index in
            switch kind {
            case "exponents": (a: index == 6_000 ? "12.5" : "\(index)", m: index % 2 == 0 ? "1.50" : "2")
            case "large": (a: "99999999999999999", m: "\(index).01")
            default: (a: "-\(index % 13)", m: "-\(index % 50).25")
            }
        }
        try SumOfSelectTests.compare(try SumOfSelectTests.rows(cells), kind)
    }
}
