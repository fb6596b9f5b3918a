// Which built-in functions a checked program calls anywhere.

extension BoundProgram {
    /// Whether any expression of the program (an output, a plan, a function body, an input's
    /// default) calls `builtin`.
    func calls(_ builtin: Builtin) -> Bool {
        FieldDemand.roots(of: self).contains { BoundProgram.calls(builtin, in: $0) }
    }

    private static func calls(_ builtin: Builtin, in expression: BoundExpression) -> Bool {
        if case .builtin(let called, _) = expression.kind, called == builtin { return true }
        var found = false
        expression.forEachChild { child in if !found { found = calls(builtin, in: child) } }
        return found
    }
}
