// Every rule file in examples/ compiles, passes its tests, and evaluates its outputs on the
// bundled data named by its `# data: NAME=PATH` line.

import Foundation
import Testing

@testable import CampaignRules

struct ExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    static let files: [String] =
        (try? FileManager.default.contentsOfDirectory(atPath: root.path))?
        .filter { $0.hasSuffix(".rules") }.sorted() ?? []

    @Test func thereAreExamples() {
        #expect(ExampleTests.files.count >= 6)
    }

    /// The inputs an example names in `# data: creators=data/creators.csv` lines, loaded.
    static func dataInputs(_ source: SourceFile, for program: CompiledProgram) throws -> [String: Value] {
        var inputs: [String: Value] = [:]
        for line in String(decoding: source.bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("# data: ") {
            for binding in line.dropFirst("# data: ".count).split(separator: " ") {
                let parts = binding.split(separator: "=", maxSplits: 1).map(String.init)
                let path = root.appendingPathComponent(parts[1]).path
                let bytes = try #require(FileManager.default.contents(atPath: path), "no data file \(path)")
                let type = try #require(program.declaredType(ofInput: parts[0]), "no input \(parts[0])")
                inputs[parts[0]] = try DataImport.load([UInt8](bytes), path: path, as: type)
            }
        }
        return inputs
    }

    @Test(arguments: ExampleTests.files)
    func exampleRuns(_ name: String) throws {
        let data = try #require(FileManager.default.contents(atPath: ExampleTests.root.appendingPathComponent(name).path))
        let source = SourceFile(path: name, bytes: [UInt8](data))
        let compilation = Engine().compile(source)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.renderedDiagnostics)")
        let program = try #require(compilation.program)
        for result in program.runTests() {
            #expect(result.passed, "\(name): \(result.name): \(result.failure?.message ?? "")")
        }
        let outputs = try program.evaluateOutputs(inputs: try ExampleTests.dataInputs(source, for: program))
        #expect(!outputs.isEmpty)
    }
}
