// The rows an itemized plan kernel pays for: each pipeline's items, sorted by their columns.

extension ItemizedPlanKernel {
    /// Each pipeline's rows for the subject in the machine's subject slot: sorted here where
    /// the kernel can, else found by the general evaluator; nil when they are not rows of this
    /// kernel's table. `scratch` holds the sorted rows, one buffer per pipeline.
    func rows(of subject: Value, _ machine: Machine, scratch: inout [[Int32]]) throws(RuntimeError) -> [ArraySlice<Int32>]? {
        var rows: [ArraySlice<Int32>] = []
        rows.reserveCapacity(pipelines.count)
        for (index, pipeline) in pipelines.enumerated() {
            let list: ValueList
            if pipeline.sort != nil, case .record(let group) = subject, case .list(let items)? = group["items"] {
                list = items
            } else {
                list = try pipeline.rows.list(machine)
            }
            guard case .table(let table, let indices) = list.storage, table === self.table else { return nil }
            scratch[index].removeAll(keepingCapacity: true)
            if let indices { scratch[index].append(contentsOf: indices) } else { scratch[index].append(contentsOf: 0..<Int32(table.count)) }
            if let sort = pipeline.sort, !sort.orders.isEmpty {
                try machine.step(sort.range, sort.perItem * list.count + Machine.sortSteps(list.count))
                try machine.created(list.count * 16, at: sort.range)
                ItemizedPlanKernel.sort(&scratch[index], by: sort.orders)
            }
            rows.append(scratch[index][...])
        }
        return rows
    }

    /// A stable sort of rows by their columns: the order `SortNode`'s merge sort gives.
    static func sort(_ rows: inout [Int32], by orders: [ColumnOrder]) {
        @inline(__always)
        func order(_ a: Int32, _ b: Int32) -> Int {
            for column in orders {
                let result = column.compare(Int(a), Int(b))
                if result != 0 { return result }
            }
            return 0
        }
        guard rows.count > 32 else {
            // A group's few items: insertion sort, which moves an item only past greater ones.
            for index in rows.indices.dropFirst() {
                let row = rows[index]
                var place = index
                while place > 0, order(row, rows[place - 1]) < 0 {
                    rows[place] = rows[place - 1]
                    place -= 1
                }
                rows[place] = row
            }
            return
        }
        let unsorted = rows
        guard let sorted = try? Aggregates.sortedIndices(rows.count, by: { (a: Int, b: Int) -> Int in order(unsorted[a], unsorted[b]) }) else {
            return
        }
        rows = sorted.map { unsorted[$0] }
    }
}
