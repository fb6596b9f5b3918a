// The one error evaluation throws: a located diagnostic and the chain of calls that led there.

/// An error during evaluation, located at the expression that failed.
public struct RuntimeError: Error, Sendable {
    /// A function call on the way to the error, innermost first.
    public struct Call: Sendable, Hashable {
        public let function: String
        public let site: SourceRange
    }

    public var diagnostic: Diagnostic
    public var calls: [Call] = []

    init(_ error: ValueError, at range: SourceRange) {
        diagnostic = Diagnostic(error.kind, at: range, error.message, fix: error.fix)
    }

    init(_ kind: DiagnosticKind, at range: SourceRange, _ message: String, fix: String? = nil) {
        diagnostic = Diagnostic(kind, at: range, message, fix: fix)
    }

    /// The diagnostic with the call chain added as notes, ready to render.
    public func located(in source: SourceFile) -> Diagnostic {
        var result = diagnostic
        // A long chain shows its innermost and outermost calls; the middle adds nothing.
        let shown = calls.count > 12 ? Array(calls.prefix(8)) + Array(calls.suffix(3)) : calls
        for (position, call) in shown.enumerated() {
            if calls.count > 12 && position == 8 {
                result.notes.append(.init(message: "… \(calls.count - 11) more calls …", range: nil))
            }
            result.notes.append(.init(message: "in `\(call.function)`, called here", range: call.site))
        }
        return result
    }
}
