// What a host implements to supply the files a rule file imports, and the error it throws.

/// Finds the file an `import` names. A rule file does no I/O of its own: a host that lets its
/// files import others passes one of these to `Engine.compile(_:imports:)`.
///
/// The engine imports each path once, so a resolver must give the same file the same `path`
/// however an import wrote it (`rates.rules`, `./rates.rules`, `shared/../rates.rules`), and the
/// root file its own path; that path is also what diagnostics in the file show.
/// `FileImportResolver` reads a folder, `MemoryImportResolver` a dictionary of texts.
public protocol ImportResolver: Sendable {
    /// The file that `path`, written in an `import` of `importer`, names.
    func resolve(_ path: String, importedBy importer: SourceFile) throws(ImportError) -> SourceFile
}

/// Why an import could not be resolved, in words for the person who wrote it; the engine
/// reports it at the import's path.
public struct ImportError: Error, Sendable, Hashable {
    public let message: String
    public let fix: String

    public init(_ message: String, fix: String) {
        self.message = message
        self.fix = fix
    }
}
