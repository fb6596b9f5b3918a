// Running a query clause over the rows of a table with its row kernel, row by row.

/// What a loop node keeps to compile its kernel: the per-row expression's checked tree, the
/// slot its row variable lives in, and the program whose functions and globals it may use.
struct KernelSource {
    /// The expressions, in the order the kernel evaluates them; those in a branch run for some rows only.
    let bodies: [(BoundExpression, inBranch: Bool)]
    let rowSlot: Int
    let program: BoundProgram
    /// The steps each row counts, with the kernel or without (see `BoundExpression.operations`).
    let perItem: Int

    init(body: BoundExpression, rowSlot: Int, program: BoundProgram) {
        self.init(bodies: [(body, inBranch: false)], rowSlot: rowSlot, program: program)
    }

    init(bodies: [(BoundExpression, inBranch: Bool)], rowSlot: Int, program: BoundProgram) {
        self.bodies = bodies
        self.rowSlot = rowSlot
        self.program = program
        self.perItem = BoundExpression.perItem(bodies.map(\.0))
    }

    /// Below this many rows, compiling a kernel costs more than it saves.
    static let minimumRows = 64
}

extension Machine {
    /// The kernel of `source` for the rows of `table`, compiled on first use in this
    /// evaluation; nil when the expression has none, the list is short, or the evaluation is
    /// being explained (explanations come from the general evaluator).
    func kernel(_ source: KernelSource?, for node: Node, over table: RecordTable, rows: Int) -> RowKernel? {
        guard let source, rows >= KernelSource.minimumRows, program.usesKernels, !explaining, recorder == nil else { return nil }
        let key = KernelKey(node: ObjectIdentifier(node), table: ObjectIdentifier(table))
        if let entry = kernels[key] { return entry.kernel }
        let kernel = RowKernelCompiler.compile(source.bodies, rowSlot: source.rowSlot, table: table, program: source.program)
        // The entry keeps the table alive, so its identifier cannot be reused during the evaluation.
        kernels[key] = KernelEntry(table: table, kernel: kernel)
        return kernel
    }

    /// Evaluates a row variable's expression for each row in turn: by its kernel where it can,
    /// otherwise (and for any row the kernel gives up on) by the general evaluator with the row
    /// as a record in `rowSlot`. Each row counts `units` steps, as in the general loop.
    @inline(__always)
    func eachRow(
        of table: RecordTable, _ rows: [Int32]?, at positions: Range<Int>, kernel: RowKernel, rowSlot: Int, stepAt range: SourceRange,
        units: Int, fast: (RowFrame) throws(Deopt) -> Void, general: (Int) throws(RuntimeError) -> Void
    ) throws(RuntimeError) {
        var frame = kernel.frame(self)
        let count = positions.upperBound
        var position = positions.lowerBound
        while position < count {
            if let frame {
                position = try kernelRun(frame, rows, from: position, count: count, stepAt: range, units: units, fast)
                guard position < count else { return }
            } else {
                try step(range, units)
            }
            // The kernel gave up on this row, or cannot run yet: the general evaluator decides it.
            let row = rows.map { Int($0[position]) } ?? position
            setLocal(rowSlot, .record(table.record(at: row)))
            try general(row)
            position += 1
            if frame == nil { frame = kernel.frame(self) }
        }
    }

    /// Runs the kernel from `start` until a row gives up on it, whose position it returns
    /// (with that row's step counted and nothing else), or to the end.
    @inline(__always)
    private func kernelRun(
        _ frame: RowFrame, _ rows: [Int32]?, from start: Int, count: Int, stepAt range: SourceRange, units: Int,
        _ fast: (RowFrame) throws(Deopt) -> Void
    ) throws(RuntimeError) -> Int {
        let callSteps = frame.stepsPerRow
        for position in start..<count {
            try step(range, units)
            frame.row = rows.map { Int($0[position]) } ?? position
            let stepsBefore = steps
            // The calls every row makes count their steps here; past a checkpoint, the general
            // evaluator counts them at each call and reports a limit where it is passed.
            steps &+= callSteps
            do throws(Deopt) {
                if steps > stepCheckpoint { throw Deopt() }
                try fast(frame)
            } catch {
                steps = stepsBefore
                return position
            }
        }
        return count
    }
}

extension Machine {
    /// Runs `chunk` over the positions `0..<count` of a loop's rows, on several threads in
    /// contiguous parts (balanced by `weights` when given) when the host allows it (each part on a machine of its own, see
    /// `inParallelChunks`), otherwise on this machine in one part; the parts' results in order.
    func inChunks<T>(
        _ count: Int, at range: SourceRange, weights: ((Int) -> Int)? = nil,
        _ chunk: @escaping (Machine, Range<Int>) throws(RuntimeError) -> T
    ) throws(RuntimeError) -> [T] {
        if let parts = try inParallelChunks(count, at: range, weights: weights, chunk) { return parts }
        return [try chunk(self, 0..<count)]
    }
}

struct KernelKey: Hashable {
    let node: ObjectIdentifier
    let table: ObjectIdentifier
}

struct KernelEntry {
    let table: RecordTable
    let kernel: RowKernel?
}
