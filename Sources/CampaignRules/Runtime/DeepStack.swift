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
        start(bodies).wait()
    }

    /// Starts each closure on a deep-stack thread of its own and returns at once, so the
    /// caller can work beside them until it waits for their results.
    static func start<T>(_ bodies: [() -> T]) -> Started<T> {
        let started = Started(bodies)
        for box in started.boxes {
            let thread = Thread {
                box.value = box.body()
                started.done.signal()
            }
            thread.stackSize = size
            thread.start()
        }
        return started
    }

    /// Closures running on threads of their own.
    final class Started<T>: @unchecked Sendable {
        fileprivate let boxes: [ResultBox<T>]
        fileprivate let done = DispatchSemaphore(value: 0)

        fileprivate init(_ bodies: [() -> T]) {
            boxes = bodies.map { ResultBox<T>($0) }
        }

        /// Their results in order, once the last is done; called once. (The caller waits
        /// before it touches what it handed them, so handing over the closures is safe.)
        func wait() -> [T] {
            for _ in boxes { done.wait() }
            return boxes.map { $0.value ?? $0.body() }
        }
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
