// Evaluating the items of a long list on several threads, with the serial run's exact result.

import Synchronization

extension Machine {
    /// Below this many items per thread, starting threads costs more than it saves.
    static let minimumItemsPerThread = 2_048

    /// Evaluates `body` for every item, split over up to `limits.maximumThreads` threads in
    /// contiguous chunks, and returns the results in item order; nil when the list is too
    /// short, threads are not allowed, or an explanation is being recorded (then the caller
    /// runs serially). Each item counts `units` steps, as the serial loop does.
    func inParallel<T: Sendable>(
        _ items: ValueList, stepAt range: SourceRange, units: Int,
        _ body: @escaping (Machine, Value) throws(RuntimeError) -> T
    ) throws(RuntimeError) -> [T]? {
        let chunks = try inParallelChunks(items.count, at: range) { (worker, positions) throws(RuntimeError) -> [T] in
            var results: [T] = []
            results.reserveCapacity(positions.count)
            for position in positions {
                try worker.step(range, units)
                results.append(try body(worker, items[position]))
            }
            return results
        }
        return chunks.map { $0.flatMap { $0 } }
    }

    /// Runs `body` over contiguous chunks of the positions `0..<count`, one thread and one
    /// forked machine each, and returns each chunk's result in order; nil in the same cases as
    /// `inParallel`, when the caller must run the whole range serially. `body` counts the steps
    /// and memory its items take on the worker's machine.
    ///
    /// The outcome is the serial run's: the first chunk (in list order) that fails decides the
    /// error, and a later chunk's error is never reported in its place. Nothing is redone: a
    /// worker stops as soon as it knows the serial run would have stopped before its end
    /// (an earlier chunk failed, or its own work and the earlier chunks' pass a limit), so a
    /// limit stops a parallel loop as promptly as a serial one. The one difference: an
    /// error for a limit passed on several threads points at `range`, the loop, rather than
    /// at the operation that a serial run would have been doing when it passed it.
    func inParallelChunks<T>(
        _ count: Int, at range: SourceRange, weights: ((Int) -> Int)? = nil,
        _ body: @escaping (Machine, Range<Int>) throws(RuntimeError) -> T
    ) throws(RuntimeError) -> [T]? {
        let threads = min(limits.maximumThreads, count / Machine.minimumItemsPerThread)
        guard threads > 1, recorder == nil, !explaining else { return nil }
        let board = ProgressBoard(workers: threads)
        let parts = Machine.contiguousParts(count, threads, weights)
        let workers = parts.enumerated().map { index, positions in
            Worker(machine: fork(WorkerShare(board: board, index: index)), positions: positions)
        }
        let outcomes = DeepStack.runAll(
            workers.map { worker in
                { () -> Result<T, RuntimeError> in
                    do throws(RuntimeError) {
                        return .success(try body(worker.machine, worker.positions))
                    } catch {
                        board.failed(worker.machine.share?.index ?? 0)
                        return .failure(error)
                    }
                }
            })
        var results: [T] = []
        results.reserveCapacity(threads)
        for (worker, outcome) in zip(workers, outcomes) {
            // The serial run would have done this chunk's work next, and stopped at a limit
            // passed on the way (the chunk's own checks only knew a lower bound of the chunks
            // before it).
            steps += worker.machine.steps - worker.stepsAtStart
            memory += worker.machine.memory - worker.memoryAtStart
            if case .failure(let error) = outcome, error.diagnostic.kind == .limitExceeded || error.diagnostic.kind == .cancelled {
                throw error
            }
            if steps > limits.maximumSteps { throw Machine.limitError(.steps, limits, at: range) }
            if memory > limits.maximumMemory { throw Machine.limitError(.memory, limits, at: range) }
            switch outcome {
            case .success(let result): results.append(result)
            case .failure(let error): throw error
            }
        }
        return results
    }

    /// `0..<count` in `threads` contiguous parts: of equal counts, or, given each position's
    /// weight (a group's number of items), of about equal weight. Groups come in order of
    /// first appearance, so the large ones crowd the first half: split by count, one thread
    /// would get most of the work.
    static func contiguousParts(_ count: Int, _ threads: Int, _ weights: ((Int) -> Int)?) -> [Range<Int>] {
        guard let weights else {
            let chunkSize = (count + threads - 1) / threads
            return (0..<threads).map { min(count, $0 * chunkSize)..<min(count, ($0 + 1) * chunkSize) }
        }
        let weight = (0..<count).map { max(1, weights($0)) }
        let total = weight.reduce(0, +)
        var parts: [Range<Int>] = [], start = 0, sum = 0
        for (position, each) in weight.enumerated() {
            sum += each
            // Close a part once it holds its share of the whole, leaving one position at least
            // for each part still to come.
            let due = total * (parts.count + 1) / threads
            if parts.count < threads - 1, sum >= due, count - (position + 1) >= threads - parts.count - 1 {
                parts.append(start..<(position + 1))
                start = position + 1
            }
        }
        parts.append(start..<count)
        while parts.count < threads { parts.append(count..<count) }
        return parts
    }

    /// A machine that continues from this one's state: same frame contents, globals, depth,
    /// step count and memory, with its own stack so it can run on another thread.
    private func fork(_ share: WorkerShare) -> Machine {
        let copy = Machine(program: program, limits: limits, deadline: deadline)
        copy.globals = globals
        copy.fieldCache = fieldCache
        copy.kernels = kernels
        copy.depth = depth
        copy.steps = steps
        copy.memory = memory
        copy.share = share
        share.start(steps: steps, memory: memory)
        copy.stack.append(contentsOf: stack[base...])
        copy.setCheckpoints()
        return copy
    }
}

/// One thread's share of a parallel evaluation. The machine is used by that thread alone
/// until the caller, which waits for every worker, reads its counts.
private struct Worker: @unchecked Sendable {
    let machine: Machine
    let positions: Range<Int>
    let stepsAtStart: Int
    let memoryAtStart: Int

    init(machine: Machine, positions: Range<Int>) {
        self.machine = machine
        self.positions = positions
        self.stepsAtStart = machine.steps
        self.memoryAtStart = machine.memory
    }
}

/// What the workers of one parallel loop tell each other: how much each has done, and the
/// first (in list order) that failed.
final class ProgressBoard: Sendable {
    private let steps: [WorkerCounter]
    private let memory: [WorkerCounter]
    /// The lowest index of a worker that failed; `Int.max` while none has.
    private let firstFailure = Atomic<Int>(Int.max)

    init(workers: Int) {
        steps = (0..<workers).map { _ in WorkerCounter() }
        memory = (0..<workers).map { _ in WorkerCounter() }
    }

    func failed(_ index: Int) {
        var current = firstFailure.load(ordering: .relaxed)
        while index < current {
            let (exchanged, original) = firstFailure.compareExchange(expected: current, desired: index, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    func publish(_ index: Int, steps done: Int, memory created: Int) {
        steps[index].value.store(done, ordering: .relaxed)
        memory[index].value.store(created, ordering: .relaxed)
    }

    /// What the workers before `index` have done so far: a lower bound of what they will do.
    func before(_ index: Int) -> (steps: Int, memory: Int) {
        var total = (steps: 0, memory: 0)
        for earlier in 0..<index {
            total.steps += steps[earlier].value.load(ordering: .relaxed)
            total.memory += memory[earlier].value.load(ordering: .relaxed)
        }
        return total
    }

    func failedBefore(_ index: Int) -> Bool { firstFailure.load(ordering: .relaxed) < index }
}

private final class WorkerCounter: Sendable {
    let value = Atomic<Int>(0)
}

/// A worker machine's place on its loop's board.
final class WorkerShare {
    let board: ProgressBoard
    let index: Int
    private var stepsAtStart = 0, memoryAtStart = 0

    init(board: ProgressBoard, index: Int) {
        self.board = board
        self.index = index
    }

    func start(steps: Int, memory: Int) {
        stepsAtStart = steps
        memoryAtStart = memory
    }

    /// Publishes the worker's progress, and stops it when the serial run could not get past
    /// this point: an earlier chunk failed, or the earlier chunks' work and this one's pass a limit.
    func check(_ machine: Machine, at range: SourceRange) throws(RuntimeError) {
        let steps = machine.steps - stepsAtStart, memory = machine.memory - memoryAtStart
        board.publish(index, steps: steps, memory: memory)
        if board.failedBefore(index) { throw RuntimeError(.cancelled, at: range, "an earlier part of the loop failed") }
        let earlier = board.before(index)
        if stepsAtStart + earlier.steps + steps > machine.limits.maximumSteps {
            throw Machine.limitError(.steps, machine.limits, at: range)
        }
        if memoryAtStart + earlier.memory + memory > machine.limits.maximumMemory {
            throw Machine.limitError(.memory, machine.limits, at: range)
        }
    }
}
