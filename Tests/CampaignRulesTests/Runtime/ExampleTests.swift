// Every rule file in examples/ compiles, passes its tests, and evaluates its outputs.

import Foundation
import Testing
@testable import CampaignRules

struct ExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    static let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: root.path))?
        .filter { $0.hasSuffix(".rules") }.sorted() ?? []

    @Test func thereAreExamples() {
        #expect(!ExampleTests.files.isEmpty)
    }

    @Test(arguments: ExampleTests.files)
    func exampleRuns(_ name: String) throws {
        let data = try #require(FileManager.default.contents(atPath: ExampleTests.root.appendingPathComponent(name).path))
        let compilation = Engine().compile(SourceFile(path: name, bytes: [UInt8](data)))
        #expect(compilation.diagnostics.isEmpty, "\(compilation.renderedDiagnostics)")
        let program = try #require(compilation.program)
        for result in program.runTests() {
            #expect(result.passed, "\(name): \(result.name): \(result.failure?.message ?? "")")
        }
        let outputs = try program.evaluateOutputs()
        #expect(!outputs.isEmpty)
    }
}
