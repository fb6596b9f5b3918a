// Evaluating the items of a long list on several threads, with the serial run's exact result.

extension Machine {
    /// Below this many items per thread, starting threads costs more than it saves.
    static let minimumItemsPerThread = 2_048

    /// Evaluates `body` for every item, split over up to `limits.maximumThreads` threads in
    /// contiguous chunks, and returns the results in item order; nil when the list is too short,
    /// threads are not allowed, an explanation is being recorded, or any worker failed.
    ///
    /// Nil means "run it serially": then an error (a division by zero at item 70,000, a step
    /// limit) is found by the serial run exactly where it would have been, so the parallel path
    /// never changes what a run reports. Each worker has its own machine: a copy of this one's
    /// frame, globals computed so far, call depth and step count. Globals a worker computes are
    /// its own (evaluation is pure, so every copy computes the same value).
    func inParallel<T: Sendable>(
        _ items: ValueList, stepAt range: SourceRange,
        _ body: @escaping (Machine, Value) throws(RuntimeError) -> T
    ) -> [T]? {
        let chunks = inParallelChunks(items.count) { (worker, positions) throws(RuntimeError) -> [T] in
            var results: [T] = []
            results.reserveCapacity(positions.count)
            for position in positions {
                try worker.step(range)
                results.append(try body(worker, items[position]))
            }
            return results
        }
        return chunks.map { $0.flatMap { $0 } }
    }

    /// Runs `body` over contiguous chunks of the positions `0..<count`, one thread and one
    /// forked machine each, and returns each chunk's result in order; nil in the same cases as
    /// `inParallel`, when the caller must run the whole range serially. `body` counts the steps
    /// its items take on the worker's machine.
    func inParallelChunks<T>(
        _ count: Int, _ body: @escaping (Machine, Range<Int>) throws(RuntimeError) -> T
    ) -> [T]? {
        let threads = min(limits.maximumThreads, count / Machine.minimumItemsPerThread)
        guard threads > 1, recorder == nil, !explaining else { return nil }
        let chunkSize = (count + threads - 1) / threads
        let workers = (0..<threads).map { index in
            Worker(machine: fork(), positions: min(count, index * chunkSize)..<min(count, (index + 1) * chunkSize))
        }
        let outcomes = DeepStack.runAll(workers.map { worker in
            { () -> T? in
                do throws(RuntimeError) {
                    return try body(worker.machine, worker.positions)
                } catch {
                    return nil
                }
            }
        })
        var results: [T] = []
        results.reserveCapacity(threads)
        var stepsTaken = 0
        for (worker, outcome) in zip(workers, outcomes) {
            guard let outcome else { return nil }
            results.append(outcome)
            stepsTaken += worker.machine.steps - steps
        }
        // Each worker kept within the budget alone; together they may not have.
        guard steps + stepsTaken <= limits.maximumSteps else { return nil }
        steps += stepsTaken
        return results
    }

    /// A machine that continues from this one's state: same frame contents, globals, depth
    /// and step count, with its own stack so it can run on another thread.
    private func fork() -> Machine {
        let copy = Machine(program: program, limits: limits)
        copy.globals = globals
        copy.fieldCache = fieldCache
        copy.kernels = kernels
        copy.depth = depth
        copy.steps = steps
        copy.stack.append(contentsOf: stack[base...])
        return copy
    }
}

/// One thread's share of a parallel evaluation. The machine is used by that thread alone
/// until the caller, which waits for every worker, reads its step count.
private struct Worker: @unchecked Sendable {
    let machine: Machine
    let positions: Range<Int>
}
