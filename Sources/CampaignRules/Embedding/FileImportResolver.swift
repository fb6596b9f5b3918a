// An import resolver that reads rule files from the folder of the file being compiled, and
// nowhere else.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Supplies imports from the folder of a root file and the folders below it, as `rules` does.
///
/// An absolute path, a `..` above the folder, and a symbolic link (of a file or of a folder on
/// the way) that leads outside it are refused before anything is read; so are folders, and
/// anything larger than `maximumFileSize`. Imported files are named in diagnostics by their
/// place in the folder, after the folder as the root file's path wrote it
/// (`plans/shared/rates.rules` for `rules check plans/main.rules`).
public struct FileImportResolver: ImportResolver {
    /// The file compiled, as its path was written.
    public let rootFile: String
    public let maximumFileSize: Int
    /// What diagnostics put before a path from the root file's folder: the folder as the root
    /// file's path wrote it (`plans/`, or nothing for the working folder).
    private let shownPrefix: String
    /// The folder with every symbolic link resolved and a `/` after it; nil when it is missing.
    private let realFolder: String?
    private let realRootFile: String?

    public init(rootFile: String, maximumFileSize: Int = Limits.default.maximumSourceSize) {
        self.rootFile = rootFile
        self.maximumFileSize = maximumFileSize
        let slash = rootFile.lastIndex(of: "/")
        shownPrefix = slash.map { String(rootFile[...$0]) } ?? ""
        realFolder = Self.realPath(shownPrefix.isEmpty ? "." : shownPrefix).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        realRootFile = Self.realPath(rootFile)
    }

    private var rootName: String { "the folder of \(rootFile)" }

    public func resolve(_ path: String, importedBy importer: SourceFile) throws(ImportError) -> SourceFile {
        let real = try place(of: path, importedBy: importer)
        guard !Self.isFolder(real) else { throw Messages.importIsFolder(path) }
        do throws(FileReadError) {
            let bytes = try FileInput(path: real, limit: maximumFileSize, limitName: .maximumSourceSize).readAll()
            return SourceFile(path: real == realRootFile ? rootFile : shownPrefix + real.dropFirst(realFolder?.count ?? 0), bytes: bytes)
        } catch {
            throw Messages.importUnreadable(path, error.message, fix: error.fix)
        }
    }

    /// The real path of the file an import names, once it is known to be inside the folder.
    private func place(of path: String, importedBy importer: SourceFile) throws(ImportError) -> String {
        // The resolver named every importer but the root itself by its place in the folder.
        let importerPath =
            importer.path == rootFile ? "" : String(importer.path.dropFirst(importer.path.hasPrefix(shownPrefix) ? shownPrefix.count : 0))
        let relative = try ImportPath.fromRoot(path, in: ImportPath.folders(of: importerPath), root: rootName)
        guard let realFolder, let real = Self.realPath(realFolder + relative) else {
            throw Messages.importMissing(path, lookedFor: shownPrefix + relative)
        }
        guard real.hasPrefix(realFolder) else { throw Messages.importLinksOutside(path, root: rootName) }
        return real
    }

    /// The path with every symbolic link and `.`/`..` resolved; nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
