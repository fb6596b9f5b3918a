// Turns diagnostics into the text a person reads: location, message, source line, caret, fix.

/// Renders diagnostics as `path:line:col: error: message`, the source line, a caret, notes and a fix.
public struct DiagnosticRenderer: Sendable {
    public var source: SourceFile

    public init(source: SourceFile) {
        self.source = source
    }

    /// The one-line header, such as `plan.rules:3:7: error: unknown name \`x\``.
    public func header(_ diagnostic: Diagnostic) -> String {
        let location = source.location(of: diagnostic.range.start)
        return "\(source.path):\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }

    /// The full rendering with the source excerpt.
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = [header(diagnostic)]
        lines += excerpt(diagnostic.range)
        for note in diagnostic.notes {
            if let range = note.range {
                lines.append("  note: \(source.path):\(source.location(of: range.start)): \(note.message)")
            } else {
                lines.append("  note: \(note.message)")
            }
        }
        if let fix = diagnostic.fix {
            lines.append("  fix: \(fix)")
        }
        return lines.joined(separator: "\n")
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n\n")
    }

    /// The source line and a caret run under the range (clipped to the first line).
    private func excerpt(_ range: SourceRange) -> [String] {
        let start = source.location(of: range.start)
        let text = source.lineText(start.line)
        guard !text.isEmpty || range.start < source.bytes.count else { return [] }
        let end = source.location(of: range.end)
        let lineLength = text.unicodeScalars.count
        let width: Int
        if end.line == start.line {
            width = max(1, end.column - start.column)
        } else {
            width = max(1, lineLength - start.column + 1)
        }
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count)
        let visible = text.replacingTabsWithSpaces()
        let indent = String(repeating: " ", count: max(0, start.column - 1))
        return [
            "\(gutter) |",
            "\(number) | \(visible)",
            "\(gutter) | \(indent)\(String(repeating: "^", count: width))",
        ]
    }
}

extension String {
    /// Tabs become one space each so the caret column stays aligned with the scalar count.
    fileprivate func replacingTabsWithSpaces() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
