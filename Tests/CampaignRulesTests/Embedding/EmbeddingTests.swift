// The embedding API: host functions seen by the checker, Swift values as inputs, concurrency.

import CampaignRules
import Dispatch
import Foundation
import Testing

struct EmbeddingTests {
    /// `check` reports exactly what `compile` does, with or without freeing its trees.
    @Test func checkReportsWhatCompileReports() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scripts = root.appendingPathComponent("Scripts/errors")
        let files = try FileManager.default.contentsOfDirectory(atPath: scripts.path).filter { $0.hasSuffix(".rules") }.sorted()
        #expect(files.count > 3)
        for file in files {
            let text = try String(contentsOf: scripts.appendingPathComponent(file), encoding: .utf8)
            let source = SourceFile(path: file, text: text)
            let compiled = Engine().compile(source)
            #expect(!compiled.diagnostics.isEmpty, "\(file) has no errors")
            for freeing in [true, false] {
                let checked = Engine().check(source, freeingTrees: freeing)
                #expect(checked.renderedDiagnostics == compiled.renderedDiagnostics, "\(file)")
                #expect(checked.program == nil)
            }
        }
    }

    static let source = """
        record Affiliate {
          id: Text
          platform: Platform
          sales: Money
          refunds: Money = $0
        }
        input affiliates: list of Affiliate
        input bonus_threshold: Money = $1_000

        plan payouts for a in affiliates {
          commission "Base": a.sales * 10%
          bonus "Threshold" when a.sales >= bonus_threshold: $50
          deduct "Refunds": a.refunds * 10%
        }
        output total = sum(payouts.total)
        """

    struct Affiliate: Encodable {
        let id: String
        let platform: String
        let sales: Decimal
        let refunds: Decimal?
    }

    static let affiliates = [
        Affiliate(id: "ava", platform: "TikTok", sales: Decimal(string: "1200.50")!, refunds: nil),
        Affiliate(id: "ben", platform: "instagram", sales: Decimal(string: "310.10")!, refunds: Decimal(string: "10")!),
    ]

    @Test func encodableModelsBindAsInputs() throws {
        let program = try #require(Engine().compile(SourceFile(path: "host.rules", text: EmbeddingTests.source)).program)
        let outputs = try program.evaluateOutputs(["payouts", "total"], inputs: ["affiliates": try ValueEncoder.encode(EmbeddingTests.affiliates)])
        #expect(outputs[1].value.description == "$200.06")
        let statements = try #require(outputs[0].value.items)
        #expect(statements[0]["lines"]?.items?.count == 3)
        #expect(statements[1]["total"]?.description == "$30.01")
    }

    @Test func inputsAndOutputsAreInspectable() throws {
        let program = try #require(Engine().compile(SourceFile(path: "host.rules", text: EmbeddingTests.source)).program)
        #expect(program.inputs.map(\.name) == ["affiliates", "bonus_threshold"])
        #expect(program.inputs.map(\.typeName) == ["list of Affiliate", "Money"])
        #expect(program.inputs.map(\.hasDefault) == [false, true])
        #expect(program.outputNames == ["payouts", "total"])
    }

    @Test func literalsAndRecordsFromSwift() throws {
        let program = try #require(Engine().compile(SourceFile(path: "host.rules", text: EmbeddingTests.source)).program)
        let affiliates: Value = [["id": "cy", "platform": "youtube", "sales": try #require(Value.money("2000"))]]
        let outputs = try program.evaluateOutputs(["total"], inputs: ["affiliates": affiliates, "bonus_threshold": 3_000])
        #expect(outputs[0].value.description == "$200.00")
    }

    @Test func explanationsThroughTheAPI() throws {
        let program = try #require(Engine().compile(SourceFile(path: "host.rules", text: EmbeddingTests.source)).program)
        let outputs = try program.evaluateOutputs(
            ["payouts"], inputs: ["affiliates": try ValueEncoder.encode(EmbeddingTests.affiliates)], explain: true)
        let statement = try #require(outputs[0].value.items?.first)
        let bonusLine = try #require(statement["lines"]?.items?[1])
        #expect(bonusLine.explanation?.facts == ["a.sales = $1,200.50 ≥ bonus_threshold = $1,000.00"])
    }

    static func engineWithHostFunction() -> Engine {
        var engine = Engine()
        engine.register(
            HostFunction("fx_rate", parameters: [("currency", .text)], returns: .number) { arguments in
                guard case .text(let code) = arguments[0] else { throw HostFunction.Failure("no currency") }
                switch code {
                case "EUR": return .number(DecimalNumber.parse("1.08") ?? .one)
                case "USD": return .number(.one)
                default: throw HostFunction.Failure("no rate for \(code)")
                }
            })
        return engine
    }

    @Test func hostFunctionsAreCheckedAndCalled() throws {
        let engine = EmbeddingTests.engineWithHostFunction()
        let ok = try #require(engine.compile(SourceFile(path: "fx.rules", text: "output usd = $100 * fx_rate(\"EUR\")\n")).program)
        #expect(try ok.evaluateOutputs()[0].value.description == "$108.00")

        let wrongArity = engine.compile(SourceFile(path: "fx.rules", text: "output x = fx_rate()\n"))
        #expect(wrongArity.errors.map(\.message) == ["`fx_rate` takes 1 argument, given 0"])
        let wrongType = engine.compile(SourceFile(path: "fx.rules", text: "output x = fx_rate(5)\n"))
        #expect(wrongType.errors.map(\.message) == ["`fx_rate` expects Text for `currency`, found Number"])
        let shadowed = engine.compile(SourceFile(path: "fx.rules", text: "let fx_rate = 1\n"))
        #expect(shadowed.errors.map(\.message) == ["`fx_rate` is a function the host application provides"])

        let failing = try #require(engine.compile(SourceFile(path: "fx.rules", text: "output x = fx_rate(\"GBP\")\n")).program)
        #expect(throws: RuntimeError.self) { try failing.evaluateOutputs() }
    }

    @Test func unknownHostFunctionWithoutRegistrationIsAnUnknownName() {
        let compilation = Engine().compile(SourceFile(path: "fx.rules", text: "output x = fx_rate(\"EUR\")\n"))
        #expect(compilation.errors.first?.message == "unknown name `fx_rate`")
    }

    /// One compiled program, evaluated from eight threads at once, gives the same result each time.
    @Test func concurrentEvaluationIsIdentical() throws {
        let program = try #require(Engine().compile(SourceFile(path: "host.rules", text: EmbeddingTests.source)).program)
        let many: Value = .list(
            (0..<500).map { index in
                [
                    "id": .text("c\(index)"), "platform": "tiktok", "sales": .money(DecimalNumber(index * 37), .usd),
                    "refunds": .money(DecimalNumber(index % 7), .usd),
                ]
            })
        let expected = try program.evaluateOutputs(["total"], inputs: ["affiliates": many])[0].value.description
        let results = ResultsBox(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            results.set(index, (try? program.evaluateOutputs(["total"], inputs: ["affiliates": many])[0].value.description) ?? "error")
        }
        #expect(results.all == Array(repeating: expected, count: 16))
    }
}

/// Collects results written from several threads.
private final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String]
    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ index: Int, _ value: String) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
