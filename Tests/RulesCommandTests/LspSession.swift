// A scripted session with `rules lsp`: writes framed messages to it and reads its replies, with
// a deadline on every wait so a server that hangs fails the test instead of stalling it.

import Foundation
import Testing

/// A running `rules lsp` and the messages it has sent, in order.
final class LspSession: @unchecked Sendable {
    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        var description: String { "no reply from rules lsp while waiting for \(waitingFor)" }
    }

    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private let lock = NSCondition()
    private var received: [[String: Any]] = []
    private var nextId = 1
    /// Seconds a wait may take; far above what any reply needs.
    let timeout: TimeInterval

    init(timeout: TimeInterval = 30) throws {
        self.timeout = timeout
        process.executableURL = RulesBinary.url
        process.arguments = ["lsp"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let thread = Thread { [self] in readMessages() }
        thread.start()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    // MARK: - Sending

    func sendRaw(_ bytes: [UInt8]) {
        input.fileHandleForWriting.write(Data(bytes))
    }

    func send(_ message: [String: Any]) {
        let body = try! JSONSerialization.data(withJSONObject: message, options: [.sortedKeys])
        sendRaw(Array("Content-Length: \(body.count)\r\n\r\n".utf8) + Array(body))
    }

    func notify(_ method: String, _ params: [String: Any]) {
        send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    /// Sends a request and waits for the reply with its id.
    @discardableResult
    func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        let id = nextId
        nextId += 1
        send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        return try waitFor("the reply to \(method)") { ($0["id"] as? Int) == id && $0["method"] == nil }
    }

    func initialize(capabilities: [String: Any] = [:]) throws {
        try request("initialize", ["processId": NSNull(), "rootUri": NSNull(), "capabilities": capabilities])
        notify("initialized", [:])
    }

    /// Closes the session as an editor does: shutdown, exit; the exit status.
    func shutdown() throws -> Int32 {
        try request("shutdown")
        notify("exit", [:])
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        guard !process.isRunning else { throw Timeout(waitingFor: "the server to exit") }
        return process.terminationStatus
    }

    // MARK: - Receiving

    /// The first message not yet taken that matches, taken out of the queue.
    func waitFor(_ what: String, _ matches: ([String: Any]) -> Bool) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let index = received.firstIndex(where: matches) { return received.remove(at: index) }
            guard lock.wait(until: deadline) else { throw Timeout(waitingFor: what) }
        }
    }

    /// The next diagnostics published for a document.
    func diagnostics(for uri: String) throws -> [[String: Any]] {
        let message = try waitFor("diagnostics of \(uri)") { message in
            message["method"] as? String == "textDocument/publishDiagnostics" && (message["params"] as? [String: Any])?["uri"] as? String == uri
        }
        return (message["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    }

    var isRunning: Bool { process.isRunning }

    private func readMessages() {
        let handle = output.fileHandleForReading
        var buffer = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let message = Self.takeMessage(from: &buffer) {
                lock.lock()
                received.append(message)
                lock.broadcast()
                lock.unlock()
            }
        }
    }

    private static func takeMessage(from buffer: inout Data) -> [String: Any]? {
        guard let separator = buffer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let header = String(decoding: buffer[buffer.startIndex..<separator.lowerBound], as: UTF8.self)
        guard let length = header.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
            buffer.count - (separator.upperBound - buffer.startIndex) >= length
        else { return nil }
        let body = buffer[separator.upperBound..<separator.upperBound + length]
        buffer = Data(buffer[(separator.upperBound + length)...])
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? ["unreadable": true]
    }
}
