// Kernel code for texts read from coded columns: comparisons with constants and `when` branches.

/// A text column whose rows hold codes into a dictionary of distinct texts (see
/// `TextDictionary`). A comparison or `when` over it is decided once per distinct text when
/// compiled, so a row costs one array read, never a text comparison.
struct CodedColumn {
    let codes: [Int32]
    let texts: [String]

    /// What `decide` gives each distinct text, by code; nil where it throws (the row then goes
    /// to the general evaluator, which reports the error at its place).
    func decided<T>(_ decide: (Value) throws(RuntimeError) -> T) -> [T?] {
        texts.map { text in
            do throws(RuntimeError) {
                return try decide(.text(text))
            } catch {
                return nil
            }
        }
    }
}

/// A comparison of a coded text with a constant, decided per distinct text.
final class CodedTruth: TruthCode {
    let codes: [Int32]
    /// 1 true, 0 false, -1 an error the general evaluator reports.
    let truthOfCode: [Int8]

    init(_ column: CodedColumn, _ holds: (Value) throws(RuntimeError) -> Bool) {
        codes = column.codes
        truthOfCode = column.decided(holds).map { $0.map { $0 ? 1 : 0 } ?? -1 }
    }

    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        let truth = truthOfCode[Int(codes[frame.row])]
        guard truth >= 0 else { throw Deopt() }
        return truth == 1
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool { try truth(frame) }
}

/// Which branch of a `when` over a coded text each row takes: each distinct text's branch found
/// once; -1 marks a text no branch takes (or whose comparison fails), which the general
/// evaluator reports.
struct CodedBranches {
    let codes: [Int32]
    let branchOfCode: [Int32]

    @inline(__always)
    func branch(_ frame: RowFrame) throws(Deopt) -> Int {
        let branch = branchOfCode[Int(codes[frame.row])]
        guard branch >= 0 else { throw Deopt() }
        return Int(branch)
    }
}

/// `when TEXT { "a", "b": x ... else: y }` over a coded text.
final class CodedChoiceAmount: AmountCode {
    let branches: CodedBranches
    let results: [AmountOperand]

    init(_ branches: CodedBranches, results: [AmountOperand]) {
        self.branches = branches
        self.results = results
    }

    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber { try results[try branches.branch(frame)].amount(frame) }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount { try results[try branches.branch(frame)].small(frame) }
}

/// The same choice when every branch is a constant: each distinct text's amount, by code.
final class CodedConstantAmount: AmountCode {
    let codes: [Int32]
    let amountOfCode: [DecimalNumber?]
    let smallOfCode: [SmallAmount?]

    init(codes: [Int32], amountOfCode: [DecimalNumber?]) {
        self.codes = codes
        self.amountOfCode = amountOfCode
        self.smallOfCode = amountOfCode.map { $0.flatMap(SmallAmount.init) }
    }

    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        guard let amount = amountOfCode[Int(codes[frame.row])] else { throw Deopt() }
        return amount
    }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        guard let small = smallOfCode[Int(codes[frame.row])] else { throw Deopt() }
        return small
    }
}

final class CodedChoiceTruth: TruthCode {
    let branches: CodedBranches
    let results: [TruthCode]

    init(_ branches: CodedBranches, results: [TruthCode]) {
        self.branches = branches
        self.results = results
    }

    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool { try results[try branches.branch(frame)].truth(frame) }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool { try results[try branches.branch(frame)].smallTruth(frame) }
}

extension RowKernelCompiler {
    /// `when SUBJECT { patterns: result ... else: result }` over a coded text with constant
    /// patterns. Each distinct text takes the branch the general evaluator would: the first
    /// pattern it equals, in order, else `else`.
    mutating func match(
        _ subject: BoundExpression, _ arms: [(patterns: [BoundExpression], result: BoundExpression)],
        _ otherwise: BoundExpression?
    ) -> Compiled? {
        guard case .coded(let column)? = compile(subject) else { return nil }
        var patterns: [[(Value, SourceRange)]] = []
        for arm in arms {
            var values: [(Value, SourceRange)] = []
            for pattern in arm.patterns {
                guard case .constant(let value) = pattern.kind else { return nil }
                values.append((value, pattern.range))
            }
            patterns.append(values)
        }
        let branchOfCode: [Int32] = column.decided { (text) throws(RuntimeError) -> Int32 in
            for (index, values) in patterns.enumerated() {
                for (value, range) in values where try ComparisonNode.holds(.equal, text, value, range) { return Int32(index) }
            }
            return otherwise == nil ? -1 : Int32(arms.count)
        }.map { $0 ?? -1 }
        var results: [Compiled] = []
        for result in arms.map(\.result) + (otherwise.map { [$0] } ?? []) {
            guard let compiled = branch({ $0.compile(result) }) else { return nil }
            results.append(compiled)
        }
        return RowKernelCompiler.choice(column.codes, branchOfCode, results)
    }

    /// The branch results as one code: amounts of one unit (constants looked up by code) or truths.
    private static func choice(_ codes: [Int32], _ branchOfCode: [Int32], _ results: [Compiled]) -> Compiled? {
        var amounts: [AmountOperand] = [], truths: [TruthCode] = []
        var unit: Quantity.Unit?
        for result in results {
            switch result {
            case .amount(let operand, let resultUnit):
                guard unit == nil || unit == resultUnit else { return nil }
                unit = resultUnit
                amounts.append(operand)
            case .truth(let code): truths.append(code)
            default: return nil
            }
        }
        if let unit, amounts.count == results.count {
            let constants = amounts.compactMap { operand -> DecimalNumber? in
                if case .constant(let value, _) = operand { return value }
                return nil
            }
            if constants.count == amounts.count {
                let amountOfCode = branchOfCode.map { $0 < 0 ? nil : constants[Int($0)] }
                return .amount(.code(CodedConstantAmount(codes: codes, amountOfCode: amountOfCode)), unit)
            }
            return .amount(.code(CodedChoiceAmount(CodedBranches(codes: codes, branchOfCode: branchOfCode), results: amounts)), unit)
        }
        guard truths.count == results.count else { return nil }
        return .truth(CodedChoiceTruth(CodedBranches(codes: codes, branchOfCode: branchOfCode), results: truths))
    }
}
