// The bounds a host sets on what a rule file may cost: nesting, steps, sizes.

/// Limits that keep evaluation bounded whatever a rule file or data file holds.
///
/// Defaults are generous enough never to bind on honest work (a million-record run) yet stop
/// runaway input. A host passes its own to `Engine`; the CLI exposes them as flags.
public struct Limits: Sendable, Hashable {
    /// Deepest nesting of brackets and operators in one expression (bounds parser and tree height).
    public var maximumNesting: Int = 256
    /// How deeply function calls and global definitions may nest while evaluating.
    public var maximumCallDepth: Int = 1_000
    /// Evaluation steps (calls and loop iterations) per run or test before it stops.
    public var maximumSteps: Int = 2_000_000_000
    /// Elements in one list a rule file builds by joining lists (`xs + ys`).
    public var maximumCollectionSize: Int = 50_000_000
    /// Characters (Unicode scalars) in one text a rule file builds by joining text.
    public var maximumTextLength: Int = 10_000_000
    /// Bytes in one rule file.
    public var maximumSourceSize: Int = 64 << 20

    /// Digits allowed in a numeric literal: the precision of the widest arithmetic context.
    static let literalDigits = 34

    public static let `default` = Limits()

    public init() {}
}
