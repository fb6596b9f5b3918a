// The bounds a host sets on what a rule file may cost: nesting, steps, memory, time, sizes.

import Synchronization

/// Limits that keep evaluation bounded whatever a rule file or data file holds.
///
/// Defaults are generous enough never to bind on honest work (a million-record run) yet stop
/// runaway input. A host passes its own to `Engine`; the CLI exposes them as flags. Every
/// error a limit raises names the limit and the flag that raises it (see `Limits.Name`).
public struct Limits: Sendable, Hashable {
    /// Deepest nesting of brackets and operators in one expression (bounds parser and tree height).
    /// At most `Limits.nestingCeiling`; a larger setting is lowered to it.
    public var maximumNesting: Int = 256 {
        didSet { maximumNesting = min(maximumNesting, Limits.nestingCeiling) }
    }
    /// How deeply function calls and global definitions may nest while evaluating.
    /// At most `Limits.callDepthCeiling`; a larger setting is lowered to it.
    public var maximumCallDepth: Int = 1_000 {
        didSet { maximumCallDepth = min(maximumCallDepth, Limits.callDepthCeiling) }
    }
    /// Units of work per evaluation (a run, one test, one host call) before it stops. Every
    /// expression evaluated counts one, and so does every item an operation visits: a `select`
    /// over 1,000 items whose projection has five operations counts 6,000; `sum` of a million
    /// amounts counts a million. So steps bound time, not only calls and loops.
    public var maximumSteps: Int = 2_000_000_000
    /// Bytes of values one evaluation may create, counted as they are created (list items,
    /// record fields, text, statements, allocation rows) whether or not they are still held,
    /// so it also bounds the time spent making them. Inputs the host binds are not counted.
    public var maximumMemory: Int = 1 << 30
    /// Elements in one list a rule file builds by joining lists (`xs + ys`).
    public var maximumCollectionSize: Int = 50_000_000
    /// Characters (Unicode scalars) in one text a rule file builds by joining text.
    public var maximumTextLength: Int = 10_000_000
    /// Bytes in one rule file, together with the files it imports.
    public var maximumSourceSize: Int = 64 << 20
    /// Files one rule file may import, directly or through the files it imports: a chain of
    /// ten thousand generated imports stops here, at the import that goes past it.
    public var maximumImports: Int = 1_000
    /// Bytes in one data file (`DataImport.load(contentsOfFile:)`), checked before any is read
    /// where the file's size is known, and as it is read from a pipe.
    public var maximumDataSize: Int = 4 << 30
    /// Bytes in one record of a CSV file or one line of an NDJSON file: a file with no line
    /// break stops here instead of being read whole into memory.
    public var maximumLineLength: Int = 16 << 20
    /// Threads one evaluation may use for a plan or a `select` over a long list (at least
    /// 2,048 items a thread). 1, the default, keeps evaluation on the caller's thread; host
    /// functions are then never called concurrently. Results are the same either way.
    public var maximumThreads: Int = 1
    /// Expression nodes in one rule file's syntax tree (a generated 10 MB file has about 0.9 million).
    public var maximumNodes: Int = 8_000_000
    /// Significant digits in a numeric literal. Arithmetic carries 34 digits, so a larger
    /// setting still refuses literals that would be rounded as they are read.
    public var maximumLiteralDigits: Int = Limits.arithmeticDigits
    /// The largest power of ten a literal may reach, either way: `1e300` and `1e-300` pass
    /// at 300, `1e999999` never does (the number type's own bound is 6144).
    public var maximumLiteralExponent: Int = 1_000
    /// Wall-clock time one evaluation may take, from its start; nil for no limit. It is
    /// looked at every few thousand steps, so an evaluation stops within a millisecond or so
    /// of the deadline.
    public var timeLimit: Duration?
    /// A handle another thread may use to stop evaluations running under these limits (see
    /// `Cancellation`); nil when nothing can cancel them.
    public var cancellation: Cancellation?

    /// The precision of the widest arithmetic context: no literal may carry more digits.
    static let arithmeticDigits = 34

    /// The digits a literal may have: the setting, never beyond what a number holds.
    var literalDigitBound: Int { min(maximumLiteralDigits, Limits.arithmeticDigits) }
    /// The power of ten a literal may reach: the setting, never beyond the number type's range,
    /// so the error names the bound that actually refused the literal.
    var literalExponentBound: Int { min(maximumLiteralExponent, DecimalNumber.largestParsedAdjustedExponent) }
    /// The deepest nesting and call depth that fit the 1 GiB stack the pipeline runs on, with
    /// room to spare even in a debug build (measured: 60,000 levels of brackets and 100,000
    /// nested calls run; 100,000 levels of brackets do not).
    public static let nestingCeiling = 50_000
    public static let callDepthCeiling = 100_000

    public static let `default` = Limits()

    public init() {}

    /// A limit as messages name it: its property here, and the `rules` flag that sets it.
    public enum Name: String, Sendable, CaseIterable {
        case maximumNesting, maximumCallDepth, maximumSteps, maximumMemory, maximumCollectionSize
        case maximumTextLength, maximumSourceSize, maximumDataSize, maximumLineLength, maximumThreads
        case maximumNodes, maximumLiteralDigits, maximumLiteralExponent, maximumImports, timeLimit

        /// The command-line flag that sets this limit.
        public var flag: String {
            switch self {
            case .maximumNesting: "--max-nesting"
            case .maximumCallDepth: "--max-call-depth"
            case .maximumSteps: "--max-steps"
            case .maximumMemory: "--max-memory"
            case .maximumCollectionSize: "--max-collection"
            case .maximumTextLength: "--max-text"
            case .maximumSourceSize: "--max-source-size"
            case .maximumDataSize: "--max-data-size"
            case .maximumLineLength: "--max-line-length"
            case .maximumThreads: "--max-threads"
            case .maximumNodes: "--max-nodes"
            case .maximumLiteralDigits: "--max-literal-digits"
            case .maximumLiteralExponent: "--max-literal-exponent"
            case .maximumImports: "--max-imports"
            case .timeLimit: "--timeout"
            }
        }

        /// `(limit maximumSteps; raise it with --max-steps)`, the end of every message this limit raises.
        public var note: String { "(limit \(rawValue); raise it with \(flag))" }
    }
}

/// Stops evaluations from another thread: a host keeps the handle, puts it in the `Limits`
/// it evaluates with, and calls `cancel()` (a user pressed Ctrl-C, a request timed out).
/// Evaluations look at it every few thousand steps and stop with a `cancelled` error.
/// Once cancelled, it stays cancelled; make a new one for the next evaluation.
public final class Cancellation: Sendable, Hashable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    public static func == (lhs: Cancellation, rhs: Cancellation) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
