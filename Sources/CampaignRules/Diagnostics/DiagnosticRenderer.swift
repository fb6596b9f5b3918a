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
        return "\(source.path(at: diagnostic.range.start)):\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }

    /// The full rendering with the source excerpt.
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = [header(diagnostic)]
        lines += excerpt(diagnostic.range)
        for note in diagnostic.notes {
            if let range = note.range {
                lines.append("  note: \(source.path(at: range.start)):\(source.location(of: range.start)): \(note.message)")
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

    /// The most scalars of a source line an excerpt shows; a longer line (a generated file, a
    /// 300,000-term sum) is shown as a window around the caret.
    static let excerptWidth = 100

    /// The source line and a caret run under the range (clipped to the first line and the window).
    private func excerpt(_ range: SourceRange) -> [String] {
        let start = source.location(of: range.start)
        let text = source.lineText(containing: range.start)
        guard !text.isEmpty || range.start < source.bytes.count else { return [] }
        let end = source.location(of: range.end)
        let scalars = Array(text.unicodeScalars)
        let width = end.line == start.line ? max(1, end.column - start.column) : max(1, scalars.count - start.column + 1)
        let window = ExcerptWindow(lineLength: scalars.count, caretStart: start.column - 1, limit: Self.excerptWidth)
        let shown = String(String.UnicodeScalarView(scalars[window.range].map(\.visible)))
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count)
        let indent = String(repeating: " ", count: window.leading.count + start.column - 1 - window.range.lowerBound)
        let caret = String(repeating: "^", count: max(1, min(width, window.range.upperBound - start.column + 1)))
        return [
            "\(gutter) |",
            "\(number) | \(window.leading)\(shown)\(window.trailing)",
            "\(gutter) | \(indent)\(caret)",
        ]
    }
}

/// Which part of a long source line an excerpt shows: up to `limit` scalars, starting a little
/// before the caret, with `…` where the line goes on.
struct ExcerptWindow {
    let range: Range<Int>
    let leading: String
    let trailing: String

    /// Scalars of context shown before the caret when the line must be cut.
    static let context = 40

    init(lineLength: Int, caretStart: Int, limit: Int) {
        guard lineLength > limit else {
            range = 0..<lineLength
            leading = ""
            trailing = ""
            return
        }
        let lower = max(0, min(caretStart - ExcerptWindow.context, lineLength - limit))
        range = lower..<min(lineLength, lower + limit)
        leading = lower > 0 ? "…" : ""
        trailing = range.upperBound < lineLength ? "…" : ""
    }
}

extension Unicode.Scalar {
    /// The scalar as an excerpt shows it, one column wide: a tab as a space, so the caret stays
    /// aligned, and other control characters (NUL, escape, …) as their visible symbols (␀, ␛),
    /// so a stray byte cannot garble the terminal.
    var visible: Unicode.Scalar {
        switch value {
        case 0x09: " "
        case 0x00...0x1F: Unicode.Scalar(0x2400 + value) ?? "?"
        case 0x7F: "\u{2421}"
        default: self
        }
    }
}
