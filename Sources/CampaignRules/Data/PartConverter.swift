// Worker threads that convert the parts of a CSV text as they are read, each taking the next
// part as soon as it finishes one.

import Foundation

/// Converts parts (runs of consecutive chunks) on a fixed set of threads. The caller submits
/// parts in order as it reads them and takes their results in the same order; a thread that
/// finishes a part takes the next one waiting, so no thread waits for the slowest part of a
/// batch (the caller's own work, reading and joining, shares the cores with them, and fixed
/// batches left one idle for a quarter of a load on two cores).
final class PartConverter: @unchecked Sendable {
    typealias Convert = ([CSVImport.Chunk], PartColumns) -> Bool

    private let condition = NSCondition()
    /// Parts submitted and not yet taken by a thread, first first.
    private var waiting: [(number: Int, chunks: [CSVImport.Chunk])] = []
    private var firstWaiting = 0
    /// Parts converted and not yet taken by the caller: their columns, and false for a part
    /// that met a problem.
    private var finished: [Int: (part: PartColumns, converted: Bool)] = [:]
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
            let converted = convert(chunks, part)
            condition.lock()
            finished[number] = (part, converted)
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
        return (number, chunks, spare.popLast() ?? makePart())
    }

    /// Hands a part to the threads; parts are numbered 0, 1, 2... in text order.
    func submit(_ number: Int, _ chunks: [CSVImport.Chunk]) {
        condition.lock()
        waiting.append((number, chunks))
        condition.signal()
        condition.unlock()
    }

    /// The part's columns once converted, and whether it converted without a problem.
    func result(_ number: Int) -> (part: PartColumns, converted: Bool) {
        condition.lock()
        defer { condition.unlock() }
        while finished[number] == nil { condition.wait() }
        return finished.removeValue(forKey: number)!
    }

    /// Gives back a part's columns, emptied, for a later part.
    func giveBack(_ part: PartColumns) {
        part.columns.removeAll()
        part.dropped = 0
        condition.lock()
        spare.append(part)
        condition.unlock()
    }

    /// Stops the threads once each has finished the part it is on; parts not yet taken are
    /// never converted. Waits for them, so nothing the parts were given is in use after it.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        _ = threads?.wait()
        threads = nil
    }
}
