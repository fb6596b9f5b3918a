// Worker threads that convert the parts of a CSV text as they are read, each taking the next
// part as soon as it finishes one.

import Foundation

/// Converts parts (runs of consecutive chunks) on a fixed set of threads. The caller submits
/// parts in order as it reads them and takes their results in the same order; a thread that
/// finishes a part takes the next one waiting, so no thread waits for the slowest part of a
/// batch (the caller's own work, reading and joining, shares the cores with them, and fixed
/// batches left one idle for a quarter of a load on two cores).
///
/// A part's text is kept only until it converts: a part that met a problem, or that no thread
/// took before `close`, is handed back with its text, to be converted again one chunk after
/// another for its problems in file order.
final class PartConverter: @unchecked Sendable {
    typealias Convert = ([CSVImport.Chunk], PartColumns) -> Bool

    /// A part converted: its columns, or its text when it met a problem.
    enum Outcome {
        case converted(PartColumns)
        case failed([CSVImport.Chunk])
    }

    private let condition = NSCondition()
    /// Parts submitted and not yet taken by a thread, first first.
    private var waiting: [(number: Int, chunks: [CSVImport.Chunk])] = []
    private var firstWaiting = 0
    /// Parts done and not yet taken by the caller.
    private var finished: [Int: Outcome] = [:]
    /// Emptied columns to convert into, kept from part to part.
    private var spare: [PartColumns] = []
    private var closed = false
    private let makePart: () -> PartColumns
    private var threads: DeepStack.Started<Void>?

    /// Starts `threads` threads that convert each part submitted with `convert`, into
    /// columns `makePart` makes (or columns given back).
    init(threads count: Int, makePart: @escaping () -> PartColumns, convert: @escaping Convert) {
        self.makePart = makePart
        threads = DeepStack.start((0..<count).map { _ in { [self] in work(convert) } })
    }

    private func work(_ convert: Convert) {
        while let (number, chunks, part) = take() {
            let outcome: Outcome = convert(chunks, part) ? .converted(part) : .failed(chunks)
            condition.lock()
            if case .failed = outcome { spare.append(part) }
            finished[number] = outcome
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next part waiting and the columns to convert it into; nil once closed.
    private func take() -> (Int, [CSVImport.Chunk], PartColumns)? {
        condition.lock()
        defer { condition.unlock() }
        while firstWaiting == waiting.count, !closed { condition.wait() }
        guard !closed else { return nil }
        let (number, chunks) = waiting[firstWaiting]
        waiting[firstWaiting].chunks = []
        firstWaiting += 1
        return (number, chunks, spare.popLast().map(emptied) ?? makePart())
    }

    private func emptied(_ part: PartColumns) -> PartColumns {
        part.columns.removeAll()
        part.dropped = 0
        return part
    }

    /// Hands a part to the threads; parts are numbered 0, 1, 2... in text order.
    func submit(_ number: Int, _ chunks: [CSVImport.Chunk]) {
        condition.lock()
        waiting.append((number, chunks))
        condition.signal()
        condition.unlock()
    }

    /// The part's outcome, once a thread has converted it.
    func result(_ number: Int) -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        while finished[number] == nil { condition.wait() }
        return finished.removeValue(forKey: number)!
    }

    /// Gives back a converted part's columns, once joined, for a later part.
    func giveBack(_ part: PartColumns) {
        condition.lock()
        spare.append(part)
        condition.unlock()
    }

    /// Stops the threads once each has finished the part it is on, and waits for them, so
    /// nothing the parts were given is in use after it. Returns the outcome of every part
    /// not yet taken by the caller, by number, a part no thread took as failed with its text.
    func close() -> [Int: Outcome] {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        _ = threads?.wait()
        threads = nil
        var outcomes = finished
        for (number, chunks) in waiting[firstWaiting...] { outcomes[number] = .failed(chunks) }
        finished = [:]
        waiting = []
        return outcomes
    }
}
