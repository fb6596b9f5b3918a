// Fuzz target: any bytes as rules over a fixed table of 96 rows with awkward amounts, evaluated
// with row kernels and without; the two must give the very same values or errors.

func fuzzKernels(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let limits = Limits.fuzzing(steps: 50_000)
    let text = FuzzKernels.header + String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let program = Engine(limits: limits).compile(SourceFile(path: "fuzz.rules", text: text)).program else { return }
    let fast = FuzzKernels.outputs(program, kernels: true, limits: limits)
    let general = FuzzKernels.outputs(program, kernels: false, limits: limits)
    if fast != general {
        fatalError("row kernels disagree with the general evaluator:\nkernels: \(fast)\ngeneral: \(general)")
    }
}

enum FuzzKernels {
    /// The declarations every fuzzed file starts with: a record, its table, a tier table and a
    /// function, so fuzzed outputs can query rows the kernels run over.
    static let header = """
    record Row {
      a: Money
      b: Money
      n: Number
      m: Number
      p: Percent
      f: Bool
    }
    input rows: list of Row
    tiers rate {
      ..< $100:        5%
      $100 ..< $1_000: 8%
      $1_000 ...:      10%
    }
    fn pay(r) = round(min(r.a * rate(r.b) + (if r.n > r.m then $25 else $0), $4_000), 2, half_up)

    """

    /// Amounts that reach every path: shared and mixed exponents, zero, negative zero,
    /// negatives, ties when rounded, and coefficients beyond 64 bits.
    static let rows: Value = {
        let amounts = ["0", "-0.00", "12.50", "0.005", "-0.015", "999.995", "100", "1000.00", "-250.5", "0.00",
                       "18446744073709551617", "3", "7.125", "-7.125", "1E+3", "0.333"]
        return .list((0..<96).map { index in
            func amount(_ offset: Int) -> DecimalNumber { DecimalNumber.parse(amounts[(index * 7 + offset) % amounts.count]) ?? .zero }
            return .record([("a", .money(amount(0), .usd)), ("b", .money(amount(3), .usd)), ("n", .number(amount(5))),
                            ("m", .number(amount(9))), ("p", .percent(amount(11))), ("f", .bool(index % 3 == 0))])
        })
    }()

    /// Every output, rendered with every digit and sign, or the error it stops with.
    static func outputs(_ program: CompiledProgram, kernels: Bool, limits: Limits) -> [String] {
        program.usesKernels = kernels
        return program.outputNames.map { name in
            do throws(RuntimeError) {
                return exact(try program.evaluateOutputs([name], inputs: ["rows": rows], limits: limits)[0].value)
            } catch {
                return "error \(error.diagnostic.kind) \(error.diagnostic.range) \(error.diagnostic.message) \(error.calls.map(\.function))"
            }
        }
    }

    static func exact(_ value: Value) -> String {
        switch value {
        case .number(let x): "n:\(x.scientificDescription)"
        case .percent(let x): "p:\(x.scientificDescription)"
        case .money(let x, let currency): "\(currency.code):\(x.scientificDescription)"
        case .list(let items): "[" + items.map(exact).joined(separator: ",") + "]"
        case .record(let record): "{" + zip(record.shape.fieldNames, record.values).map { "\($0)=\(exact($1))" }.joined(separator: ",") + "}"
        default: "\(value)"
        }
    }
}
