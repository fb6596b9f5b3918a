// One output of a partition-safe program over an input that arrives a batch of rows at a time, grouped by key.

import Foundation

/// Evaluates one output or plan over its split input as the rows arrive, a batch at a time,
/// with memory bounded by a batch and the largest group rather than by the data
/// (`rules run --stream`).
///
/// The program must be partition-safe for the output (`CompiledProgram.partitioning(printing:)`):
/// each statement is then made from the rows that agree on one column (`field` of `input`), so
/// a batch of whole groups evaluates to exactly their statements in the whole run. The rows must
/// come grouped by that column — every row of a key next to the others, as a sort or a Spark
/// partition delivers them; a key that comes back after another is an error naming it, never
/// a second statement. The rows of the last key of a batch wait for the next batch, which may
/// go on with it.
///
/// ```swift
/// var run = try StreamedRun(program, printing: "payouts", inputs: ["rates": rates])
/// var batches = try RowBatches(contentsOfFile: "conversions.csv", as: run.inputType)
/// while let rows = try batches.next() {
///     for value in try run.feed(rows) { write(value) }
/// }
/// for value in try run.finish() { write(value) }
/// ```
///
/// The values `feed` and `finish` return are the output's value over their groups, in the
/// order of the rows; put together, they hold the whole run's elements (a balance brought by
/// `carry` for a key that has rows makes its statement with that key's batch, and the others
/// at the end). The time limit counts from the start of the run; the step and memory limits
/// apply to each batch's evaluation.
public struct StreamedRun {
    /// The output or plan evaluated.
    public let output: String
    /// The input whose rows are streamed, and the column that groups them.
    public let input: String
    public let field: String
    /// The type the streamed input is declared with, for reading its rows.
    public let inputType: DeclaredType
    private let program: CompiledProgram
    /// The other inputs, bound to their slots once.
    private let bound: [Int: Value]
    private let limits: Limits
    private let explain: Bool
    private let deadline: ContinuousClock.Instant?
    /// Names the streamed data in errors.
    private let path: String
    /// Each key whose rows have all been read, with the number of its first row.
    private var finished: [ValueKey?: Int] = [:]
    /// The rows of the last key read, which the next batch may go on with: one part per batch.
    private var open: [ValueList] = []
    private var openKey: ValueKey?
    private var openFirstRow = 0
    /// Rows fed so far.
    private var rowsRead = 0

    /// A run of `output`, with every input but the streamed one given; `path` names the
    /// streamed data in errors. Throws `.notPartitionSafe` when the output cannot be computed
    /// a group at a time, with what stops it.
    public init(
        _ program: CompiledProgram, printing output: String, inputs: [String: Value] = [:], limits: Limits? = nil,
        explain: Bool = false, path: String = "the streamed input"
    ) throws(StreamFailure) {
        guard program.outputNames.contains(output) else {
            throw .evaluation(
                RuntimeError(
                    .undefinedName, at: SourceRange.none, "this file declares no output or plan named `\(output)`",
                    fix: Suggestions.closest(to: output, among: program.outputNames).map { "did you mean `\($0)`?" }))
        }
        let (input, field): (String, String)
        switch program.partitioning(printing: [output]) {
        case .unsafe(let problems): throw .notPartitionSafe(problems)
        case .safe(let splitInput, let splitField): (input, field) = (splitInput, splitField)
        }
        // A partition-safe output splits a declared input.
        let type = program.declaredType(ofInput: input)!
        var others = inputs
        others[input] = nil
        do throws(RuntimeError) {
            bound = try program.bind(others)
        } catch {
            throw .evaluation(error)
        }
        (self.output, self.input, self.field, inputType) = (output, input, field, type)
        self.program = program
        self.limits = limits ?? program.limits
        self.explain = explain
        self.path = path
        deadline = self.limits.timeLimit.map { ContinuousClock.now + $0 }
    }

    /// The output's values over the groups these rows complete (none, one, or two: the key the
    /// last batch ended with, then the keys that begin and end here). The rows go on from the
    /// last batch's, grouped by `field`.
    public mutating func feed(_ rows: ValueList) throws(StreamFailure) -> [Value] {
        let runs = KeyRuns(rows, field: field)
        defer { rowsRead += rows.count }
        guard !runs.isEmpty else { return [] }
        var values: [Value] = []
        var first = 0
        if !open.isEmpty, runs.key(0) == openKey {
            open.append(rows.keeping(positions: Array(runs.rows(0))))
            first = 1
            // The whole batch goes on with the open key.
            if runs.count == 1 { return [] }
        }
        if !open.isEmpty { values += try closeOpenKey() }
        var complete = Set<ValueKey?>()
        for run in first..<runs.count {
            let key = runs.key(run), row = rowsRead + runs.start(run) + 1
            // Each complete key is finished at once, so one that comes back within the batch is caught too.
            if let earlier = finished[key] { throw .data(unordered(runs.value(run), row: row, earlier: earlier)) }
            if run < runs.count - 1 {
                complete.insert(key)
                finished[key] = row
            }
        }
        let last = runs.count - 1
        if last > first {
            let middle = rows.keeping(positions: Array(runs.start(first)..<runs.start(last)))
            values.append(try evaluate(middle, balances: .among(complete)))
        }
        open = [rows.keeping(positions: Array(runs.rows(last)))]
        openKey = runs.key(last)
        openFirstRow = rowsRead + runs.start(last) + 1
        return values
    }

    /// The output's values over the last key's rows, then over no rows for the balances brought
    /// by `carry` whose keys had no rows. The last value is the output over no rows: written alone,
    /// it is what the whole run prints when no batch gave anything.
    public mutating func finish() throws(StreamFailure) -> [Value] {
        var values = open.isEmpty ? [] : try closeOpenKey()
        values.append(try evaluate(ValueList([]), balances: .except(Set(finished.keys))))
        return values
    }

    /// The value over the open key's rows, which are all read; the key is then finished.
    private mutating func closeOpenKey() throws(StreamFailure) -> [Value] {
        let rows = open.count == 1 ? open[0] : KeyRuns.joined(open)
        open = []
        finished[openKey] = openFirstRow
        return [try evaluate(rows, balances: .among([openKey]))]
    }

    private func evaluate(_ rows: ValueList, balances: BalanceScope) throws(StreamFailure) -> Value {
        let (program, output, limits, explain, deadline) = (program, output, limits, explain, deadline)
        do throws(RuntimeError) {
            // The time limit is the run's: checked between batches too, however quick each one is.
            if let deadline, ContinuousClock.now >= deadline, let index = program.globalIndex(named: output) {
                throw Machine.limitError(.time, limits, at: program.globals[index].range)
            }
            // Rows read with the input's type keep their table; others are converted, as a whole run's would be.
            var inputs = bound
            inputs.merge(try program.bind([input: .list(rows)])) { $1 }
            return try DeepStack.run { () throws(RuntimeError) -> Value in
                try program.evaluate(output, bound: inputs, limits: limits, explain: explain, balances: balances, deadline: deadline)
            }
        } catch {
            throw .evaluation(error)
        }
    }

    private func unordered(_ key: Value, row: Int, earlier: Int) -> DataImportError {
        DataImportError(
            .invalidInput, path: path, row: nil,
            "the rows are not grouped by `\(field)`: record \(row) has \(key.briefDescription), which record \(earlier) had before other keys came between (records counted from the first after the header)",
            fix:
                "a streamed run needs each key's rows together: sort the data by the `\(field)` column first, or run without --stream"
        )
    }
}

/// Why a streamed run stopped.
public enum StreamFailure: Error, Sendable {
    /// The output cannot be computed a group at a time: each construct that reads a whole list.
    case notPartitionSafe([Diagnostic])
    /// The streamed data has a problem: a row that cannot be read, or a key out of order.
    case data(DataImportError)
    /// Evaluating a batch failed.
    case evaluation(RuntimeError)
}
