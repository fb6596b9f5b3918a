// Functions a host app gives rule files: declared types the checker sees, a Swift body at run time.

/// A function the host app provides, callable from rule files like a built-in.
///
/// The checker knows its arity and parameter types, so `crm_tier("x")` with a `Number`
/// parameter is a `rules check` error, and the interpreter checks every argument and the
/// result against the declared types. The body must be pure and quick: rule files promise to
/// terminate and to do no I/O, and that promise now includes the host's code.
///
/// ```swift
/// var engine = Engine()
/// engine.register(HostFunction("fx_rate", parameters: [("currency", .text)], returns: .number) { arguments in
///     guard case .text(let code) = arguments[0] else { return .number(.one) }
///     return .number(rates[code] ?? .one)
/// })
/// ```
public struct HostFunction: Sendable {
    public struct Parameter: Sendable {
        public let name: String
        public let type: DeclaredType

        public init(_ name: String, _ type: DeclaredType) {
            self.name = name
            self.type = type
        }
    }

    /// An error a host function's body throws to fail the evaluation with a message.
    public struct Failure: Error, Sendable {
        public let message: String

        public init(_ message: String) {
            self.message = message
        }
    }

    public let name: String
    public let parameters: [Parameter]
    public let result: DeclaredType
    public let body: @Sendable ([Value]) throws -> Value

    public init(
        _ name: String, parameters: [(String, DeclaredType)], returns result: DeclaredType,
        _ body: @escaping @Sendable ([Value]) throws -> Value
    ) {
        self.name = name
        self.parameters = parameters.map { Parameter($0.0, $0.1) }
        self.result = result
        self.body = body
    }

    /// `name(a: Money, b: Text)`, for messages.
    var usage: String {
        "\(name)(" + parameters.map { "\($0.name): \($0.type.name)" }.joined(separator: ", ") + ")"
    }
}

/// The node that calls a host function: arguments and result are checked against its declaration.
final class HostCallNode: Node {
    let function: HostFunction
    let arguments: [Node]

    init(function: HostFunction, arguments: [Node], range: SourceRange) {
        self.function = function
        self.arguments = arguments
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        try machine.step(range)
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for (argument, parameter) in zip(arguments, function.parameters) {
            let value = try argument.evaluate(machine)
            guard let accepted = parameter.type.accepting(value) else {
                throw RuntimeError(
                    .typeMismatch, at: argument.range,
                    "`\(function.name)` expects \(parameter.type.name) for `\(parameter.name)`, found \(value.kindName) \(value)")
            }
            values.append(accepted)
        }
        let result: Value
        do {
            result = try function.body(values)
        } catch let failure as HostFunction.Failure {
            throw RuntimeError(.invalidArgument, at: range, "`\(function.name)` failed: \(failure.message)")
        } catch {
            throw RuntimeError(.invalidArgument, at: range, "`\(function.name)` failed: \(error)")
        }
        guard let accepted = function.result.accepting(result) else {
            throw RuntimeError(
                .typeMismatch, at: range,
                "the host function `\(function.name)` returned \(result.kindName) \(result), but declares \(function.result.name)")
        }
        return accepted
    }
}
