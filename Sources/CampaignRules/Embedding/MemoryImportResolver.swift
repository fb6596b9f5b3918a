// An import resolver over texts a host holds in memory (a database, a web form, a test).

/// Supplies imports from a dictionary of texts keyed by their path from a common root, such as
/// `"main.rules"` and `"shared/rates.rules"`; the file compiled should be one of them, or a
/// name at the root.
///
/// ```swift
/// let files = ["shared/rates.rules": "let rate = 10%"]
/// let main = SourceFile(path: "main.rules", text: "import \"shared/rates.rules\"\noutput fee = $200 * rate")
/// let compiled = Engine().compile(main, imports: MemoryImportResolver(files: files))
/// ```
public struct MemoryImportResolver: ImportResolver {
    public let files: [String: String]

    public init(files: [String: String]) {
        self.files = files
    }

    public func resolve(_ path: String, importedBy importer: SourceFile) throws(ImportError) -> SourceFile {
        let found = try ImportPath.fromRoot(path, in: ImportPath.folders(of: importer.path), root: "the files this host supplies")
        guard let text = files[found] else { throw Messages.importMissing(path, lookedFor: found) }
        return SourceFile(path: found, text: text)
    }
}
