// What a rule file costs is bounded: steps count every operation, memory counts what is
// created, a clock and a cancellation handle stop an evaluation, and parallel loops stop at a
// limit without redoing their work.

import Foundation
import Synchronization
import Testing

@testable import CampaignRules

@Suite struct ResourceLimitTests {
    static func program(_ text: String, limits: Limits = .default, hosts: [HostFunction] = []) throws -> CompiledProgram {
        var engine = Engine(limits: limits)
        for host in hosts { engine.register(host) }
        let compilation = engine.compile(SourceFile(path: "limits.rules", text: text))
        #expect(compilation.errors.isEmpty, "\(compilation.renderedDiagnostics)")
        return try #require(compilation.program)
    }

    static func failure(_ program: CompiledProgram, limits: Limits) -> RuntimeError? {
        do throws(RuntimeError) {
            _ = try program.evaluateOutputs(limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// Nine nested `select`s over ten items (1.1e9 steps, under the default step limit)
    /// aborted the process with "failed to allocate": the memory limit stops them instead.
    @Test func nestedSelectsStopAtTheMemoryLimit() throws {
        let nested = (0..<9).reduce("it") { inner, _ in "xs select (\(inner))" }
        var limits = Limits.default
        limits.maximumMemory = 64 << 20
        let program = try ResourceLimitTests.program("let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\noutput o = \(nested)\n", limits: limits)
        let error = try #require(ResourceLimitTests.failure(program, limits: limits))
        #expect(error.diagnostic.kind == .limitExceeded)
        #expect(error.diagnostic.message == "evaluation created more than 64 MiB of values (limit maximumMemory; raise it with --max-memory)")
    }

    /// Doubling text up to the text limit, many times over (8.2 GB before), stops at the memory limit.
    @Test func textDoublingStopsAtTheMemoryLimit() throws {
        let doubled = (0..<20).map { "let t\($0 + 1) = t\($0) + t\($0)" }.joined(separator: "\n")
        var limits = Limits.default
        limits.maximumMemory = 32 << 20
        let program = try ResourceLimitTests.program(
            "let t0 = \"abcdefgh\"\n\(doubled)\noutput o = count([1, 2, 3, 4, 5, 6, 7, 8] select t20 + \"!\")\n",
            limits: limits)
        let error = try #require(ResourceLimitTests.failure(program, limits: limits))
        #expect(error.diagnostic.message.contains("maximumMemory"))
    }

    @Test func theMemoryLimitDefaultsToOneGibibyte() {
        #expect(Limits.default.maximumMemory == 1 << 30)
    }

    /// A list literal and arithmetic evaluated inside a loop count every operation: a call
    /// whose body is a thousand-item list used to count one step.
    @Test func listItemsAndArithmeticCountAsSteps() throws {
        let items = (0..<1_000).map { "x + \($0)" }.joined(separator: ", ")
        let text = "fn f(x) = count([\(items)])\nlet xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\noutput o = sum(xs select f(it))\n"
        var limits = Limits.default
        limits.maximumSteps = 20_000
        let program = try ResourceLimitTests.program(text, limits: limits)
        let error = try #require(ResourceLimitTests.failure(program, limits: limits))
        #expect(error.diagnostic.message.contains("more than 20000 steps"))
        // Each call counts its 3,002 operations and the 1,000 items `count` visits.
        limits.maximumSteps = 60_000
        #expect(try program.evaluateOutputs(limits: limits).first?.value.description == "10000")
    }

    /// A built-in visits every item of its list, and counts a step for each.
    @Test func builtinsCountTheItemsTheyVisit() throws {
        var limits = Limits.default
        limits.maximumSteps = 5_000
        let program = try ResourceLimitTests.program("input xs: list of Number\noutput o = sum(xs) + count(xs) + max(xs)\n", limits: limits)
        let inputs: [String: Value] = ["xs": .list((0..<2_000).map { Value.number(DecimalNumber($0)) })]
        do throws(RuntimeError) {
            _ = try program.evaluateOutputs(inputs: inputs, limits: limits)
            Issue.record("expected the step limit")
        } catch {
            #expect(error.diagnostic.message.contains("more than 5000 steps"))
        }
    }

    /// A time limit stops an evaluation that would run for minutes, with an error naming it.
    @Test func aTimeLimitStopsALongEvaluation() throws {
        var limits = Limits.default
        limits.timeLimit = .milliseconds(100)
        let program = try ResourceLimitTests.program(ResourceLimitTests.endless, limits: limits)
        let started = ContinuousClock.now
        let error = try #require(ResourceLimitTests.failure(program, limits: limits))
        #expect(error.diagnostic.kind == .limitExceeded)
        #expect(error.diagnostic.message == "evaluation ran longer than 100 ms (limit timeLimit; raise it with --timeout)")
        // Not a timing assertion: it only shows the evaluation did not run to its end.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    /// A host cancels from another thread; the evaluation stops with a `cancelled` error.
    @Test func aHostCancelsFromAnotherThread() throws {
        var limits = Limits.default
        let cancellation = Cancellation()
        limits.cancellation = cancellation
        let program = try ResourceLimitTests.program(ResourceLimitTests.endless, limits: limits)
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 0.1)
            cancellation.cancel()
        }
        canceller.start()
        let error = try #require(ResourceLimitTests.failure(program, limits: limits))
        #expect(error.diagnostic.kind == .cancelled)
        #expect(error.diagnostic.message == "evaluation was cancelled")
        #expect(cancellation.isCancelled)
    }

    /// On several threads, a loop that passes the step limit stops there: each item runs
    /// once, where the parallel attempt ran to the limit and then the serial run redid it all.
    @Test func aParallelLoopStopsAtTheStepLimitWithoutRedoingIt() throws {
        let calls = Calls()
        let host = HostFunction("touch", parameters: [("x", .number)], returns: .number) { arguments in
            calls.add()
            return arguments[0]
        }
        var limits = Limits.default
        limits.maximumThreads = 2
        limits.maximumSteps = 60_000
        let program = try ResourceLimitTests.program(
            "input xs: list of Number\noutput o = sum(xs select touch(it) + 1)\n",
            limits: limits, hosts: [host])
        let inputs: [String: Value] = ["xs": .list((0..<100_000).map { Value.number(DecimalNumber($0)) })]
        do throws(RuntimeError) {
            _ = try program.evaluateOutputs(inputs: inputs, limits: limits)
            Issue.record("expected the step limit")
        } catch {
            #expect(error.diagnostic.message.contains("more than 60000 steps"))
        }
        // Each item counts 6 steps, so the limit allows 10,000 items. The first thread's
        // half is the serial run's own work: it stops there. The second stops when its work
        // and the first's pass the limit: at about 5,000 items, and at 10,000 at most however
        // the threads are scheduled. Before, each thread ran its 10,000 and then the serial
        // run redid 10,000: 30,000 calls.
        #expect(calls.count <= 20_100, "the host function ran \(calls.count) times")
    }

    /// A loop of a hundred million additions: minutes of work without a limit.
    static let endless = """
        let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        output o = sum(xs select sum(xs select sum(xs select sum(xs select sum(xs select sum(xs select sum(xs select sum(xs select it))))))))
        """
}

/// Counts host function calls from several threads.
private final class Calls: Sendable {
    private let value = Atomic<Int>(0)
    func add() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }
}
