// Runs the built `rules` executable for end-to-end tests and captures what it prints.

import Foundation
import Testing

/// The `rules` binary SwiftPM built beside this test bundle, and a way to run it.
enum RulesBinary {
    static let url: URL = {
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0])
        return testBundle.deletingLastPathComponent().appendingPathComponent("rules")
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Result {
        let status: Int32
        let output: String
        let error: String
        var combined: String { output + error }
    }

    /// Runs `rules` with arguments in the package root and waits for it. Standard output goes
    /// to `standardOutput` when given (then `output` is empty); a run that outlives `timeout`
    /// seconds is killed, so a hang fails the test instead of stalling the suite.
    static func run(
        _ arguments: [String], input: String? = nil, standardOutput: FileHandle? = nil,
        timeout: TimeInterval = 300
    ) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let output = Pipe(), error = Pipe()
        process.standardOutput = standardOutput ?? output
        process.standardError = error
        let standardInput = input.map { _ in Pipe() }
        if let standardInput { process.standardInput = standardInput }
        try process.run()
        // Standard input is written on its own thread and closed, so a run reads it to its end.
        if let input, let standardInput {
            let bytes = Data(input.utf8)
            DispatchQueue.global().async {
                try? standardInput.fileHandleForWriting.write(contentsOf: bytes)
                try? standardInput.fileHandleForWriting.close()
            }
        }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        // Standard error is drained on its own thread: a run that fills one pipe while the
        // test reads the other would otherwise wait forever.
        let errorBox = DataBox()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorBox.data = error.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outputData = standardOutput == nil ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        drained.wait()
        let errorData = errorBox.data
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }

    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }

    /// Writes a rule file into a fresh temporary folder and returns its path.
    static func write(_ text: String, name: String = "file.rules") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}
