// What the checker knows about a top-level name's type, for hosts such as the REPL's `:type`.

extension Compilation {
    /// The checker's type of a top-level name, spelled as messages spell it (`Money (USD)`,
    /// `list of Creator`, `Percent`).
    ///
    /// Nil when the source has errors, declares no such name, or its type is known only at run
    /// time (a function's untyped parameter flowing through, say). Compiled programs keep no
    /// static types, so this checks the source again; it is meant for interactive use.
    public func staticTypeName(of name: String) -> String? {
        guard errors.isEmpty else { return nil }
        let source = self.source, limits = self.limits
        return DeepStack.run { () -> String? in
            let parsed = Parser.parse(source, limits: limits)
            guard let program = Resolver.resolve(parsed).program,
                let global = program.globals.first(where: { $0.name == name }), global.type != .unknown
            else { return nil }
            return global.type.name
        }
    }
}
