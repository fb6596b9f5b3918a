// Deep but legal input is bounded by limits: a located error, never a stack overflow.

import Foundation
import Testing

@testable import CampaignRules

struct LimitTests {
    static func functionChain(_ count: Int) -> String {
        (0..<(count - 1)).map { "fn f\($0)(x) = f\($0 + 1)(x) + 1\n" }.joined() + "fn f\(count - 1)(x) = x\noutput o = f0(1)\n"
    }

    static func letChain(_ count: Int) -> String {
        (0..<(count - 1)).map { "let v\($0) = v\($0 + 1) + 1\n" }.joined() + "let v\(count - 1) = 1\noutput o = v0\n"
    }

    @Test(arguments: [LimitTests.functionChain(20_000), LimitTests.letChain(20_000)])
    func longChainsCheckAndStopAtTheCallDepth(_ text: String) throws {
        let compilation = Engine().compile(SourceFile(path: "chain.rules", text: text))
        #expect(compilation.errors.isEmpty)
        let program = try #require(compilation.program)
        do {
            _ = try program.evaluateOutputs()
            Issue.record("expected the call-depth limit to stop evaluation")
        } catch {
            #expect(error.diagnostic.kind == .limitExceeded)
            #expect(error.diagnostic.message.contains("maximumCallDepth"))
        }
    }

    @Test func raisingTheCallDepthLetsADeepChainRun() throws {
        var limits = Limits.default
        limits.maximumCallDepth = 25_000
        let program = try #require(Engine(limits: limits).compile(SourceFile(path: "chain.rules", text: LimitTests.functionChain(20_000))).program)
        let outputs = try program.evaluateOutputs(limits: limits)
        #expect(outputs.first?.value.description == "20000")
    }

    /// The nesting and call depth stop at ceilings the pipeline's stack can hold, so no host
    /// setting can turn deep input into a stack overflow.
    @Test func nestingAndCallDepthHaveCeilings() {
        var limits = Limits.default
        limits.maximumNesting = 10_000_000
        limits.maximumCallDepth = 10_000_000
        #expect(limits.maximumNesting == Limits.nestingCeiling && limits.maximumCallDepth == Limits.callDepthCeiling)
    }

    /// At the highest nesting a host can set, a tree that deep compiles, evaluates and is freed
    /// on a caller's thread with a 512 KB stack.
    @Test func deepTreesAtTheCeilingAreBuiltAndFreedSafely() {
        var limits = Limits.default
        limits.maximumNesting = .max
        let fixed = limits
        let depth = Limits.nestingCeiling - 10
        let text = "output a = -" + String(repeating: "(", count: depth) + "1 + 1" + String(repeating: ")", count: depth) + "\n"
        let outcome = SmallStackThread.run { () -> String in
            guard let program = Engine(limits: fixed).compile(SourceFile(path: "deep.rules", text: text)).program else { return "no program" }
            return (try? program.evaluateOutputs().first?.value.description) ?? "error"
        }
        #expect(outcome == "-2")
    }

    @Test func stepLimitStopsARunawayEvaluation() throws {
        var limits = Limits.default
        limits.maximumSteps = 1_000
        let text = "let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\noutput o = count(xs select (xs select (xs select it)))\n"
        let program = try #require(Engine(limits: limits).compile(SourceFile(path: "steps.rules", text: text)).program)
        #expect(throws: RuntimeError.self) { try program.evaluateOutputs(limits: limits) }
    }

    @Test func longCallChainsShowTheirEnds() throws {
        let program = try #require(Engine().compile(SourceFile(path: "c.rules", text: LimitTests.functionChain(5_000))).program)
        do {
            _ = try program.evaluateOutputs()
        } catch {
            let notes = error.located(in: program.source).notes
            #expect(notes.count == 12)
            #expect(notes[8].message.contains("more calls"))
        }
    }
}

struct SizeLimitTests {
    /// Forty doublings would make a list of 2^40 items; the collection limit stops it.
    @Test func doublingAListHitsTheCollectionLimit() throws {
        var text = "let l0 = [1, 2]\n"
        for index in 1...40 { text += "let l\(index) = l\(index - 1) + l\(index - 1)\n" }
        text += "output o = count(l40)\n"
        var limits = Limits.default
        limits.maximumCollectionSize = 1_000_000
        let program = try #require(Engine(limits: limits).compile(SourceFile(path: "grow.rules", text: text)).program)
        do {
            _ = try program.evaluateOutputs(limits: limits)
            Issue.record("expected the collection limit")
        } catch {
            #expect(error.diagnostic.message.contains("maximumCollectionSize"))
        }
    }

    @Test func doublingTextHitsTheTextLimit() throws {
        var text = "let t0 = \"ab\"\n"
        for index in 1...40 { text += "let t\(index) = t\(index - 1) + t\(index - 1)\n" }
        text += "output o = t40\n"
        let program = try #require(Engine().compile(SourceFile(path: "grow.rules", text: text)).program)
        #expect(throws: RuntimeError.self) { try program.evaluateOutputs() }
    }

    @Test func oversizedSourceIsRefusedBeforeParsing() {
        var limits = Limits.default
        limits.maximumSourceSize = 100
        let compilation = Engine(limits: limits).compile(SourceFile(path: "big.rules", text: String(repeating: "let a = 1\n", count: 20)))
        #expect(compilation.errors.first?.message.contains("maximumSourceSize") == true)
    }

    @Test func longLinesAreFine() throws {
        let line = "let xs = [" + (0..<20_000).map(String.init).joined(separator: ", ") + "]\noutput n = count(xs)\n"
        let program = try #require(Engine().compile(SourceFile(path: "long.rules", text: line)).program)
        #expect(try program.evaluateOutputs()[0].value.description == "20000")
    }
}

/// Runs work on a thread with a small stack, like many hosts' worker threads.
enum SmallStackThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        return box.value!
    }

    private final class Box<T>: @unchecked Sendable {
        var value: T?
    }
}
