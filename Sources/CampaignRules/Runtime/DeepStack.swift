// Runs the pipeline on a thread with a large stack, so deep but legal input cannot overflow it.

import Foundation

/// The checker and the interpreter recurse over trees whose height the limits bound
/// (`maximumNesting` per expression, `maximumCallDepth` across calls). Those bounds are far
/// beyond what the 512 KB to 8 MB stack of a caller's thread can hold, so the work runs on a
/// thread of its own with a stack sized for the limits.
enum DeepStack {
    /// Stack size of the worker thread: room for the default limits with a wide margin.
    /// Only the pages actually touched are ever committed.
    static let size = 1 << 30

    static func run<T>(_ body: @escaping () -> T) -> T {
        runAll([body])[0]
    }

    /// Runs each closure on a deep-stack thread of its own, all at once, and returns their
    /// results in order when the last one is done.
    static func runAll<T>(_ bodies: [() -> T]) -> [T] {
        let boxes = bodies.map { ResultBox<T>($0) }
        let done = DispatchSemaphore(value: 0)
        for box in boxes {
            let thread = Thread {
                box.value = box.body()
                done.signal()
            }
            thread.stackSize = size
            thread.start()
        }
        // Each caller waits until its workers are done, so handing them the closures is safe.
        for _ in boxes { done.wait() }
        return boxes.map { $0.value ?? $0.body() }
    }

    /// Like `run`, for work that throws one error type.
    static func run<T, E: Error>(throwing body: @escaping () throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = run {
            do throws(E) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    let body: () -> T
    var value: T?

    init(_ body: @escaping () -> T) {
        self.body = body
    }
}
