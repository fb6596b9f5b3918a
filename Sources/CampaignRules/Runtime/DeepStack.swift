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
        // The caller waits until the worker is done, so handing it the closure is safe.
        let box = ResultBox<T>(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = box.body()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        guard let value = box.value else { return body() }
        return value
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
