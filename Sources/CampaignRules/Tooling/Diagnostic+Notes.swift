// Lets hosts build diagnostic notes, so they can move a diagnostic into another frame of reference.

extension Diagnostic.Note {
    /// A note, optionally pointing at a range of the same source.
    ///
    /// Public so that a host which compiles text it assembled (the REPL compiles every earlier
    /// declaration together with the new line) can rebuild a diagnostic with each range made
    /// relative to what the user typed.
    public init(_ message: String, at range: SourceRange?) {
        self.init(message: message, range: range)
    }
}
