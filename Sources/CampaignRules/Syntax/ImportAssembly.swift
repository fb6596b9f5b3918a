// Gathers the files a rule file imports, directly or through other files, into one source.

/// A rule file joined with every file it imports, and the errors met on the way.
public struct AssembledSource: Sendable {
    /// The file's own text first, then each imported file's (see `SourceFile`).
    public let source: SourceFile
    /// One error for each import that could not be followed, at its path.
    public let diagnostics: [Diagnostic]
}

/// Follows imports depth first with a stack of its own, not by recursion, so a chain of
/// thousands of files cannot exhaust the call stack; `Limits.maximumImports` and
/// `maximumSourceSize` bound how many files and bytes it takes in.
struct ImportAssembly {
    /// A file being followed: its imports, and how many of them have been followed.
    private struct Visit {
        let file: SourceFile
        let imports: [ImportDeclaration]
        var next = 0
    }

    private let resolver: (any ImportResolver)?
    private let limits: Limits
    private var imported: [SourceFile] = []
    /// Where each file's text starts in the assembled source, by path: a file already here is
    /// not imported again, however many files import it.
    private var starts: [String: Int]
    private var size: Int
    private var diagnostics: [Diagnostic] = []

    /// The root file and what it imports, through `resolver` (nil: a host that supplies none).
    static func assemble(_ root: SourceFile, resolver: (any ImportResolver)?, limits: Limits) -> AssembledSource {
        var assembly = ImportAssembly(root: root, resolver: resolver, limits: limits)
        assembly.follow(root)
        let source = assembly.imported.isEmpty ? root : SourceFile(root, importing: assembly.imported)
        return AssembledSource(source: source, diagnostics: assembly.diagnostics.sorted())
    }

    private init(root: SourceFile, resolver: (any ImportResolver)?, limits: Limits) {
        self.resolver = resolver
        self.limits = limits
        self.starts = [root.path: 0]
        self.size = root.bytes.count
    }

    private mutating func follow(_ root: SourceFile) {
        var path = [Visit(file: root, imports: Parser.leadingImports(in: root))]
        // The files on `path`, with their places on it, so a cycle is found at once.
        var onPath = [root.path: 0]
        while let visit = path.last {
            guard visit.next < visit.imports.count else {
                onPath[visit.file.path] = nil
                path.removeLast()
                continue
            }
            path[path.count - 1].next += 1
            let written = visit.imports[visit.next]
            let range = written.pathRange.shifted(by: starts[visit.file.path] ?? 0)
            guard let file = resolve(written.path, from: visit.file, at: range) else { continue }
            if let place = onPath[file.path] {
                report(.importCycle, Messages.importCycle(path[place...].map(\.file.path) + [file.path]), at: range)
                continue
            }
            guard starts[file.path] == nil else { continue }
            guard admit(file, at: range) else { return }
            onPath[file.path] = path.count
            path.append(Visit(file: file, imports: Parser.leadingImports(in: file)))
        }
    }

    private mutating func resolve(_ written: String, from importer: SourceFile, at range: SourceRange) -> SourceFile? {
        guard let resolver else {
            report(.unresolvedImport, Messages.noImportResolver(written), at: range)
            return nil
        }
        do throws(ImportError) {
            return try resolver.resolve(written, importedBy: importer).withoutByteOrderMark
        } catch {
            report(.unresolvedImport, (error.message, error.fix), at: range)
            return nil
        }
    }

    /// Takes a file in unless it would pass a limit; past one, nothing more is imported.
    private mutating func admit(_ file: SourceFile, at range: SourceRange) -> Bool {
        guard imported.count < limits.maximumImports else {
            report(.limitExceeded, Messages.tooManyImports(file.path, limit: limits.maximumImports), at: range)
            return false
        }
        // Each imported file starts after a line break of its own.
        guard size + 1 + file.bytes.count <= limits.maximumSourceSize else {
            report(.limitExceeded, Messages.importsTooLarge(file.path, limit: limits.maximumSourceSize), at: range)
            return false
        }
        starts[file.path] = size + 1
        size += 1 + file.bytes.count
        imported.append(file)
        return true
    }

    private mutating func report(_ kind: DiagnosticKind, _ wording: (message: String, fix: String), at range: SourceRange) {
        diagnostics.append(Diagnostic(kind, at: range, wording.message, fix: wording.fix))
    }
}

extension SourceFile {
    /// The file without a byte-order mark, which the lexer skips only at the start of a source.
    var withoutByteOrderMark: SourceFile {
        guard bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return self }
        return SourceFile(path: path, bytes: Array(bytes.dropFirst(3)))
    }
}
