// `rules check --format github`: one GitHub Actions workflow command per diagnostic, which the
// runner turns into an annotation on the line of the pull request.

extension CheckReport {
    /// `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=KIND::MESSAGE`, one a
    /// diagnostic (`::warning` for a warning); the fix follows the message as ` (fix: …)` and
    /// each note is a line of its own.
    public var githubCommands: [String] {
        files.flatMap { $0.diagnostics.map(CheckReport.githubCommand) }
    }

    static func githubCommand(_ located: LocatedDiagnostic) -> String {
        let span = located.span, diagnostic = located.diagnostic
        let properties = [
            ("file", span.path), ("line", String(span.start.line)), ("col", String(span.start.column)),
            ("endLine", String(span.end.line)), ("endColumn", String(span.end.column)),
            ("title", diagnostic.kind.rawValue),
        ]
        var message = diagnostic.message + (diagnostic.fix.map { " (fix: \($0))" } ?? "")
        for note in located.notes { message += "\nnote: " + LocatedDiagnostic.text(of: note) }
        let escapedProperties = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(diagnostic.severity.rawValue) \(escapedProperties)::\(escapeMessage(message))"
    }

    /// A message's `%`, carriage returns and line breaks, as the runner reads them back.
    static func escapeMessage(_ text: String) -> String {
        escape(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
    }

    /// A property value also escapes `:` and `,`, which would end the value.
    static func escapeProperty(_ text: String) -> String {
        escape(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C")])
    }

    private static func escape(_ text: String, _ replacements: [(Unicode.Scalar, String)]) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if let replacement = replacements.first(where: { $0.0 == scalar }) {
                escaped += replacement.1
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
