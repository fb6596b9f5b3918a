// Where a range of a source lies, worked out once for the machine-readable reports: the file it
// falls in (an imported one, perhaps), its start and end line and column, in scalars and in UTF-16.

/// The place a `SourceRange` covers, in the file it falls in. Columns are 1-based; the end is
/// the column just past the last character, as SARIF's `endColumn` and an editor's selection are.
public struct SourceSpan: Sendable, Hashable {
    public let path: String
    public let start: SourceLocation
    public let end: SourceLocation
    /// The start and end columns counted in UTF-16 code units, SARIF's default column unit,
    /// where the project counts Unicode scalars: `é` is one of either, `😀` one scalar and two units.
    public let startUTF16Column: Int
    public let endUTF16Column: Int
}

extension SourceFile {
    /// The span a range covers, in the file its start falls in (a range never crosses files).
    public func span(of range: SourceRange) -> SourceSpan {
        let start = location(of: range.start), end = location(of: range.end)
        return SourceSpan(
            path: path(at: range.start), start: start, end: end,
            startUTF16Column: utf16Column(of: range.start, scalarColumn: start.column),
            endUTF16Column: utf16Column(of: range.end, scalarColumn: end.column))
    }

    /// The 1-based UTF-16 column of an offset whose scalar column is known: the units of the
    /// scalars before it on its line.
    private func utf16Column(of offset: Int, scalarColumn: Int) -> Int {
        let before = lineText(containing: offset).unicodeScalars.prefix(scalarColumn - 1)
        // Past the decoded line (a `\r` before the break) every scalar counts as one unit.
        return before.reduce(0) { $0 + UTF16.width($1) } + (scalarColumn - 1 - before.count) + 1
    }
}

/// A diagnostic with its place and its notes' places worked out, ready to be written.
public struct LocatedDiagnostic: Sendable {
    /// A note and the place it points at, if it points anywhere.
    public struct Note: Sendable {
        public let message: String
        public let span: SourceSpan?
    }

    public let diagnostic: Diagnostic
    public let span: SourceSpan
    public let notes: [Note]

    public init(_ diagnostic: Diagnostic, in source: SourceFile) {
        self.diagnostic = diagnostic
        span = source.span(of: diagnostic.range)
        notes = diagnostic.notes.map { Note(message: $0.message, span: $0.range.map(source.span(of:))) }
    }

    /// `path:line:col: note` for a note that points somewhere, else the note as it is.
    static func text(of note: Note) -> String {
        guard let span = note.span else { return note.message }
        return "\(span.path):\(span.start): \(note.message)"
    }
}
