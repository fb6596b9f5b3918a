// `rules check --format json`: every file's diagnostics as one JSON document, then the counts.

extension CheckReport {
    /// `{"files": [{"path", "errors", "warnings", "diagnostics": [...]}], "counts": {...}}`,
    /// each diagnostic as `CheckReport.json(_:)` writes it.
    public var json: JSONTree {
        .object([
            (
                "files",
                .array(
                    files.map { file in
                        .object([
                            ("path", .string(file.path)),
                            ("errors", .integer(file.errorCount)),
                            ("warnings", .integer(file.warningCount)),
                            ("diagnostics", .array(file.diagnostics.map(CheckReport.json))),
                        ])
                    })
            ),
            (
                "counts",
                .object([
                    ("files", .integer(files.count)),
                    ("errors", .integer(errorCount)),
                    ("warnings", .integer(warningCount)),
                ])
            ),
        ])
    }

    /// One diagnostic: severity, kind, message, its place, its notes (with a place when they
    /// point at one) and its fix (null when there is none).
    public static func json(_ located: LocatedDiagnostic) -> JSONTree {
        let diagnostic = located.diagnostic
        return .object(
            [
                ("severity", .string(diagnostic.severity.rawValue)),
                ("kind", .string(diagnostic.kind.rawValue)),
                ("message", .string(diagnostic.message)),
            ] + spanMembers(located.span) + [
                (
                    "notes",
                    .array(
                        located.notes.map { note in
                            .object([("message", .string(note.message))] + (note.span.map(spanMembers) ?? []))
                        })
                ),
                ("fix", .optional(diagnostic.fix)),
            ])
    }

    /// `file`, `line`, `column`, `endLine`, `endColumn`, columns counting Unicode scalars.
    static func spanMembers(_ span: SourceSpan) -> [(String, JSONTree)] {
        [
            ("file", .string(span.path)), ("line", .integer(span.start.line)), ("column", .integer(span.start.column)),
            ("endLine", .integer(span.end.line)), ("endColumn", .integer(span.end.column)),
        ]
    }
}
