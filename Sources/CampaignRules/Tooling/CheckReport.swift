// What `rules check` found in each file, in the shape its machine-readable formats write.

/// Every diagnostic of every file checked, located, in the order the text output gives them.
public struct CheckReport: Sendable {
    /// One file checked and its diagnostics, sorted by position.
    public struct File: Sendable {
        public let path: String
        public let diagnostics: [LocatedDiagnostic]

        public var errorCount: Int { diagnostics.count { $0.diagnostic.severity == .error } }
        public var warningCount: Int { diagnostics.count - errorCount }
    }

    public private(set) var files: [File] = []

    public init() {}

    /// Adds a checked file; only the located diagnostics are kept, not the compilation.
    public mutating func add(_ compilation: Compilation) {
        files.append(
            File(
                path: compilation.source.path,
                diagnostics: compilation.diagnostics.map { LocatedDiagnostic($0, in: compilation.source) }))
    }

    public var errorCount: Int { files.reduce(0) { $0 + $1.errorCount } }
    public var warningCount: Int { files.reduce(0) { $0 + $1.warningCount } }

    /// The kinds of diagnostic the report holds, in the order they first appear.
    var kindsUsed: [DiagnosticKind] {
        var seen: Set<DiagnosticKind> = [], kinds: [DiagnosticKind] = []
        for file in files {
            for located in file.diagnostics where seen.insert(located.diagnostic.kind).inserted { kinds.append(located.diagnostic.kind) }
        }
        return kinds
    }
}
