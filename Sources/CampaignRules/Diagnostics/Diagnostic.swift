// The one shape every problem takes, from the lexer to the runtime.

/// A problem found in a rule file: what, where, and how to fix it when a fix is likely.
///
/// Static stages collect many of these and go on; the runtime throws one (inside
/// `RuntimeError`). The wording of every message lives in `Messages.swift`.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// A further remark, optionally pointing at another place (the other bracket of an overlap).
    public struct Note: Sendable, Hashable {
        public let message: String
        public let range: SourceRange?
    }

    public let severity: Severity
    public let kind: DiagnosticKind
    public let range: SourceRange
    public let message: String
    public var notes: [Note]
    /// A suggested change in words, such as "write `$5`".
    public var fix: String?
    /// The text that, put in place of `range`, makes the fix; only where the fix is such a
    /// rewrite (a misspelled name, a thousands comma), so an editor can offer it as an edit.
    public var replacement: String?

    public init(
        _ kind: DiagnosticKind, at range: SourceRange, _ message: String,
        notes: [Note] = [], fix: String? = nil, severity: Severity = .error
    ) {
        self.kind = kind
        self.range = range
        self.message = Diagnostic.bounded(message)
        self.notes = notes
        self.fix = fix.map(Diagnostic.bounded)
        self.severity = severity
    }

    /// The longest message or fix a diagnostic carries. Messages quote what was written
    /// (`` `12,34.5` is not a number``), and what was written may be a 100 KB literal or a
    /// `--set` value; past this the middle is left out, so an error stays readable.
    static let maximumMessageLength = 400

    static func bounded(_ text: String) -> String {
        guard text.utf8.count > maximumMessageLength else { return text }
        let characters = Array(text)
        guard characters.count > maximumMessageLength else { return text }
        let kept = maximumMessageLength / 2 - 20
        return String(characters.prefix(kept)) + " … (\(characters.count - 2 * kept) characters left out) … " + String(characters.suffix(kept))
    }

    func noting(_ message: String, at range: SourceRange? = nil) -> Diagnostic {
        var copy = self
        copy.notes.append(Note(message: message, range: range))
        return copy
    }
}

/// What went wrong, as a fact; tests and hosts match on this rather than on wording.
public enum DiagnosticKind: String, Sendable, Hashable {
    // Lexical and syntax
    case invalidCharacter, invalidEncoding, unterminatedText, invalidEscape, invalidNumber
    case invalidDate, unexpectedToken, unclosedBracket
    // Imports: a file that cannot be imported, and imports that lead back to their importer
    case unresolvedImport, importCycle
    // Names and declarations
    case undefinedName, duplicateDeclaration, recursion, cyclicDefinition, misplacedIt
    case unknownField, unknownType, unknownSetting, arityMismatch, notCallable
    /// A warning: a declaration named like a built-in added since, which it hides.
    case shadowedBuiltin
    /// A warning: a plan's statements have no key, so `rules diff` pairs them by position.
    case positionalKey
    case optionalRead, duplicateKey, notShowable
    // Types and units
    case moneyWithNumber, moneyTimesMoney, mixedCurrencies, typeMismatch, notComparable
    case notAList, notARecord, invalidOperand
    // Tier tables
    case tierGap, tierOverlap, tierOrder, tierEmpty
    // Runtime
    case divisionByZero, missingField, indexOutOfRange, emptyAggregate, arithmeticOverflow
    case noMatchingBranch, outsideTierTable, invalidArgument, infeasibleAllocation
    case inputMissing, invalidInput, limitExceeded, cancelled
    // Tests
    case failedExpectation
    /// A construct that stops a run from being split into partitions (`rules check --partitions`).
    case notPartitionable
}

/// Orders diagnostics as a reader meets them: by position, then by message.
extension Diagnostic: Comparable {
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
        return lhs.message < rhs.message
    }
}
