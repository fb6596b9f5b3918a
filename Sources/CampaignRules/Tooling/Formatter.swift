// `rules fmt`: one canonical layout for rule files, keeping every comment and the meaning.

/// Formats a rule file: two-space indentation, one space around operators, aligned tier
/// brackets, plan lines and trailing comments, trailing commas in multi-line lists.
///
/// The layout is computed from the syntax tree, so it does not depend on how the file was
/// spaced, with two exceptions that respect the author: a list, record or argument list that
/// was written over several lines stays multi-line, and a single blank line between items is
/// kept. Literals keep their spelling (`1_000`, `10k`, `$1_250.50`). A declaration holding a
/// comment the layout has no place for (inside a one-line expression) is kept exactly as written.
public struct Formatter {
    /// The longest line the formatter makes before breaking lists over several lines.
    static let lineWidth = 120

    let source: SourceFile
    var comments: CommentQueue
    var output: [String] = []
    var trailingMarks: [(index: Int, code: Int)] = []

    public enum Result: Sendable {
        case formatted(String)
        /// The file has syntax errors; formatting needs a file that parses.
        case invalid([Diagnostic])
    }

    public static func format(_ source: SourceFile) -> Result {
        let parsed = Parser.parse(source)
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { return .invalid(errors) }
        var formatter = Formatter(source: source, comments: CommentQueue(parsed.comments, source: source))
        formatter.formatProgram(parsed.program)
        formatter.alignTrailingComments()
        return .formatted(formatter.output.joined(separator: "\n") + "\n")
    }

    // MARK: - Lines, blank lines and comments

    func line(of offset: Int) -> Int { source.location(of: offset).line }

    /// Emits the comments standing on their own lines before `offset`, keeping one blank line
    /// where the source had blank lines.
    mutating func leadingComments(before offset: Int, indent: String) {
        while let comment = comments.next(before: offset) {
            if comment.isTrailing {
                appendTrailing(comment.text)
                continue
            }
            if comments.blankLineBefore(comment.range.start), let last = output.last, !last.isEmpty, !last.hasSuffix("{") {
                output.append("")
            }
            output.append(indent + comment.text)
        }
    }

    /// Appends the comment that ends the line on which `offset` lies, if any.
    mutating func trailingComment(after end: Int) {
        guard let comment = comments.trailing(onLineOf: max(0, end - 1), after: end) else { return }
        appendTrailing(comment.text)
    }

    mutating func appendTrailing(_ comment: String) {
        guard !output.isEmpty else { return output.append(comment) }
        let code = output[output.count - 1].trimmingTrailingSpaces()
        markTrailing(output.count - 1, codeLength: code.count)
        output[output.count - 1] = code + "  " + comment
    }

    /// Emits one block item or declaration: its leading comments, a blank line if the source
    /// had one, its lines (rendered only then, so comments inside it come after its leading
    /// ones), and its trailing comment.
    mutating func item(_ range: SourceRange, indent: String, _ render: (inout Formatter) -> String) {
        let blank = comments.blankLineBefore(range.start)
        leadingComments(before: range.start, indent: indent)
        if blank, let last = output.last, !last.isEmpty, !last.hasSuffix("{") { output.append("") }
        let text = render(&self)
        output += text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : indent + $0 }
        trailingComment(after: range.end)
    }

    /// Lines that end in a comment, by index in `output`, with the length of their code part:
    /// consecutive ones get their comments aligned at the end.
    mutating func markTrailing(_ index: Int, codeLength: Int) {
        trailingMarks.append((index, codeLength))
    }

    /// Aligns the trailing comments of consecutive lines one column past the longest code.
    mutating func alignTrailingComments() {
        var run: [(index: Int, code: Int)] = []
        func flush(_ output: inout [String]) {
            let column = (run.map(\.code).max() ?? 0) + 2
            for mark in run where run.count > 1 {
                let line = output[mark.index]
                let code = String(line.prefix(mark.code)), comment = line.dropFirst(mark.code).drop { $0 == " " }
                output[mark.index] = code.padding(to: column) + comment
            }
            run = []
        }
        for mark in trailingMarks {
            if let last = run.last, mark.index != last.index + 1 { flush(&output) }
            run.append(mark)
        }
        flush(&output)
    }
}

/// A rule file's comments in order, handed out as the formatter reaches their places.
struct CommentQueue {
    struct Comment {
        let range: SourceRange
        let text: String
        /// True when code precedes the comment on its line.
        let isTrailing: Bool
    }

    private(set) var pending: [Comment]
    private(set) var nextIndex = 0
    let source: SourceFile

    init(_ ranges: [SourceRange], source: SourceFile) {
        self.source = source
        pending = ranges.map { range in
            let location = source.location(of: range.start)
            let before = source.lineText(location.line).prefix(location.column - 1)
            return Comment(
                range: range, text: source.text(in: range).trimmingTrailingSpaces(),
                isTrailing: !before.allSatisfy { $0 == " " || $0 == "\t" })
        }
    }

    var remaining: Int { pending.count - nextIndex }

    /// The next comment not yet placed.
    var peek: Comment? { nextIndex < pending.count ? pending[nextIndex] : nil }

    /// The next comment if it starts before `offset`.
    mutating func next(before offset: Int) -> Comment? {
        guard nextIndex < pending.count, pending[nextIndex].range.start < offset else { return nil }
        nextIndex += 1
        return pending[nextIndex - 1]
    }

    /// The next comment if it is a trailing comment on the same line as `offset`, after `end`.
    mutating func trailing(onLineOf offset: Int, after end: Int) -> Comment? {
        guard nextIndex < pending.count, pending[nextIndex].isTrailing, pending[nextIndex].range.start >= end,
            source.location(of: pending[nextIndex].range.start).line == source.location(of: offset).line
        else { return nil }
        nextIndex += 1
        return pending[nextIndex - 1]
    }

    /// Whether the source has an empty line just before the line holding `offset`.
    func blankLineBefore(_ offset: Int) -> Bool {
        let line = source.location(of: offset).line
        guard line > 1 else { return false }
        return source.lineText(line - 1).allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }

    /// Whether a comment starts inside `range` (and so inside an expression printed on one line).
    func hasComment(inside range: SourceRange) -> Bool {
        pending[nextIndex...].contains { $0.range.start > range.start && $0.range.start < range.end }
    }

    /// Drops the comments inside `range`: they are kept by copying its text verbatim.
    mutating func skip(through range: SourceRange) {
        while nextIndex < pending.count, pending[nextIndex].range.start < range.end { nextIndex += 1 }
    }
}
