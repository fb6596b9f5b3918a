// Plans and selects over long lists may run on several threads; what they produce, and the
// errors they stop with, must be exactly what one thread gives.

import Foundation
import Testing

@testable import CampaignRules

struct ParallelTests {
    static let rules = """
        record Row {
          id: Text
          sales: Money
          followers: Number
          likes: Number
        }
        input rows: list of Row
        input divisor_at: Number = -1

        tiers rate {
          ..< $1_000:        5%
          $1_000 ..< $5_000: 8%
          $5_000 ...:        10%
        }

        fn engagement(r) = r.likes / (if r.followers == divisor_at then 0 else r.followers)

        plan payouts for r in rows {
          commission "Commission": r.sales * rate(r.sales)
          bonus "Engagement" when engagement(r) >= 3%: $250
          cap $5_000
          minimum $50
        }

        output statements = payouts
        output rates = rows select engagement(it)
        output total = sum(rows select round(it.sales * rate(it.sales), 2, half_up))
        """

    /// 8,200 rows (four threads' worth) with varied amounts; row i has i + 1 followers, so `divisor_at` picks one row.
    static let rows: Value = .list((0..<8_200).map(row))

    static func row(_ index: Int) -> Value {
        let sales = Value.money("\(index % 9_000).\(10 + index % 90)")!
        return Value.record([
            ("id", .text("c\(index)")), ("sales", sales), ("followers", .number(DecimalNumber(index + 1))),
            ("likes", .number(DecimalNumber(index % 300))),
        ])
    }

    static func run(threads: Int, inputs extra: [String: Value] = [:], steps: Int? = nil) -> Result<String, RuntimeError> {
        var limits = Limits.default
        limits.maximumThreads = threads
        if let steps { limits.maximumSteps = steps }
        let program = Engine(limits: limits).compile(SourceFile(path: "parallel.rules", text: rules)).program!
        return Result { () throws(RuntimeError) in
            try program.evaluateOutputs(inputs: ["rows": rows].merging(extra) { $1 })
                .map { "\($0.name) = \(JSONWriter.value($0.value))" }.joined(separator: "\n")
        }
    }

    @Test(arguments: [2, 3, 8])
    func outputsMatchTheSerialRun(_ threads: Int) throws {
        let serial = try ParallelTests.run(threads: 1).get()
        #expect(serial.contains("\"c8199\""))
        #expect(try ParallelTests.run(threads: threads).get() == serial)
    }

    /// The split itself: chunks on distinct threads, results in item order, every step counted.
    @Test func splitsALongListOverThreadsInOrder() throws {
        var limits = Limits.default
        limits.maximumThreads = 4
        let program = try #require(Engine(limits: limits).compile(SourceFile(path: "p.rules", text: "let a = 1")).program)
        let machine = Machine(program: program, limits: limits)
        let items = ValueList((0..<(4 * Machine.minimumItemsPerThread)).map { Value.number(DecimalNumber($0)) })
        let threads = ThreadLog()
        let caller = Thread.current
        let results = try #require(
            machine.inParallel(items, stepAt: .none, units: 1) { (worker, item) throws(RuntimeError) -> String in
                threads.note(worker, onCaller: Thread.current === caller)
                return item.description
            })
        #expect(results == items.map(\.description))
        #expect(threads.machines == 4 && !threads.ranOnCaller)
        #expect(machine.steps == items.count)
        // Too short a list, or one thread allowed: the caller runs it serially.
        #expect(
            try machine.inParallel(ValueList(Array(items.prefix(2 * Machine.minimumItemsPerThread - 1))), stepAt: .none, units: 1) { (_, item) in item
            } == nil)
        let serial = Machine(program: program, limits: .default)
        #expect(try serial.inParallel(items, stepAt: .none, units: 1) { (_, item) in item } == nil)
    }

    /// A division by zero deep in the list: the parallel run reports the serial run's error.
    @Test func errorsMatchTheSerialRun() {
        for row in [5, 7_321] {
            let inputs: [String: Value] = ["divisor_at": .number(DecimalNumber(row + 1))]
            guard case .failure(let serial) = ParallelTests.run(threads: 1, inputs: inputs),
                case .failure(let parallel) = ParallelTests.run(threads: 4, inputs: inputs)
            else {
                Issue.record("expected a division by zero at row \(row)")
                continue
            }
            #expect(serial.diagnostic.kind == .divisionByZero)
            #expect(parallel.diagnostic.message == serial.diagnostic.message)
            #expect(parallel.diagnostic.range == serial.diagnostic.range)
        }
    }

    /// A step budget that the whole run exceeds though each thread's share would not.
    @Test func stepLimitMatchesTheSerialRun() {
        guard case .failure(let serial) = ParallelTests.run(threads: 1, steps: 12_000),
            case .failure(let parallel) = ParallelTests.run(threads: 4, steps: 12_000)
        else {
            Issue.record("expected the step limit to stop both runs")
            return
        }
        #expect(serial.diagnostic.kind == .limitExceeded)
        #expect(parallel.diagnostic.message == serial.diagnostic.message)
    }
}

/// The worker machines a parallel evaluation used, and whether any item ran on the caller's thread.
private final class ThreadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<ObjectIdentifier> = []
    private var callerUsed = false

    func note(_ machine: Machine, onCaller: Bool) {
        lock.lock()
        seen.insert(ObjectIdentifier(machine))
        callerUsed = callerUsed || onCaller
        lock.unlock()
    }

    var machines: Int {
        lock.lock()
        defer { lock.unlock() }
        return seen.count
    }

    var ranOnCaller: Bool {
        lock.lock()
        defer { lock.unlock() }
        return callerUsed
    }
}
