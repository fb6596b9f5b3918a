// The bounds a host sets on what a rule file may cost: nesting, steps, sizes.

/// Limits that keep evaluation bounded whatever a rule file or data file holds.
///
/// Defaults are generous enough never to bind on honest work (a million-record run) yet stop
/// runaway input. A host passes its own to `Engine`; the CLI exposes them as flags.
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
    /// Evaluation steps (calls and loop iterations) per run or test before it stops.
    public var maximumSteps: Int = 2_000_000_000
    /// Elements in one list a rule file builds by joining lists (`xs + ys`).
    public var maximumCollectionSize: Int = 50_000_000
    /// Characters (Unicode scalars) in one text a rule file builds by joining text.
    public var maximumTextLength: Int = 10_000_000
    /// Bytes in one rule file.
    public var maximumSourceSize: Int = 64 << 20
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
}
