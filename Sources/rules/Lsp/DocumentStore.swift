// The documents the client has open: their text as last sent, and its analysis.

import CampaignRules
import Foundation

/// One open document. Its analysis is made when its text arrives, so diagnostics, hover and the
/// rest all read the same check of the same text.
final class OpenDocument {
    let uri: String
    /// The file's path for a `file:` URI (imports are found beside it); the URI otherwise.
    let path: String
    private(set) var version: Int?
    private(set) var positions: Utf16Positions
    private(set) var analysis: EditorAnalysis
    /// What the last run of the tests gave, one outcome per `test` of this text, in order;
    /// nil until the tests are run, and again once the text changes.
    var testOutcomes: [TestOutcome]?

    init(uri: String, bytes: [UInt8], version: Int?) {
        self.uri = uri
        self.path = Self.path(of: uri)
        self.version = version
        positions = Utf16Positions(bytes)
        analysis = EditorAnalysis(SourceFile(path: path, bytes: bytes), imports: Self.imports(of: path, uri: uri))
    }

    var source: SourceFile { SourceFile(path: path, bytes: positions.bytes) }
    var imports: (any ImportResolver)? { Self.imports(of: path, uri: uri) }

    func replaceText(_ bytes: [UInt8], version: Int?) {
        self.version = version
        positions = Utf16Positions(bytes)
        analysis = EditorAnalysis(source, imports: imports)
        testOutcomes = nil
    }

    /// A protocol position in this document as a byte offset.
    func offset(_ position: [String: Any]?) -> Int? {
        guard let line = position?["line"] as? Int, let character = position?["character"] as? Int else { return nil }
        return positions.offset(line: line, character: character)
    }

    static func path(of uri: String) -> String {
        guard let url = URL(string: uri), url.isFileURL else { return uri }
        return url.path
    }

    /// Imports are read from the document's folder, as `rules check` reads them; a document
    /// that is not a file (an unsaved buffer) imports nothing.
    static func imports(of path: String, uri: String) -> (any ImportResolver)? {
        uri.hasPrefix("file:") ? FileImportResolver(rootFile: path) : nil
    }
}

/// How one test came out.
struct TestOutcome {
    let passed: Bool
    let message: String
}
