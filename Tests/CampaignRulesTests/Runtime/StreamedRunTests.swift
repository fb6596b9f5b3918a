// A streamed run gives the whole run's elements: over random orders grouped by affiliate, read
// in batches of every size (one row a batch to all rows in one), with carried balances whose
// keys have rows, have rows all filtered out, or have none; and it refuses what it cannot do.

import Testing

@testable import CampaignRules

struct StreamedRunTests {
    static let program = """
        campaign "Streamed" { currency: USD }
        enum Status { approved, pending, reversed }
        record Order { id: Text, affiliate: Text, amount: Money, status: Status }
        record Balance { key: Text, amount: Money }
        input orders: list of Order
        input brought: list of Balance = []

        plan payouts for g in orders where it.status != pending group by it.affiliate {
          let mine = g.items sort by it.id running to_date: it.amount
          commission "Order \\(o.id)" for o in mine when o.status == approved: o.amount * (if o.to_date > $500 then 12% else 8%)
          deduct "Reversed \\(o.id)" for o in mine when o.status == reversed: o.amount * 8%
          carry brought
          cap $90
          minimum $25
        }
        output totals = payouts select {key: it.key, total: it.total}

        """

    static func compile(_ text: String = program) throws -> CompiledProgram {
        let compilation = Engine().compile(SourceFile(path: "streamed.rules", text: text))
        return try #require(compilation.program, "\(compilation.renderedDiagnostics)")
    }

    /// Orders of `affiliates` affiliates, each affiliate's rows together, as CSV; and balances
    /// for some affiliates with rows and some without.
    static func data(_ random: inout SplitMix64, affiliates: Int) -> (csv: String, brought: Value) {
        var csv = "id,affiliate,amount,status\n"
        var order = 0
        for affiliate in 0..<affiliates {
            // Now and then one affiliate with many rows, so a group spans many batches.
            let count = random.next() % 11 == 0 ? 40 + Int(random.next() % 60) : Int(random.next() % 6)
            for _ in 0..<count {
                let status = ["approved", "approved", "pending", "reversed"][Int(random.next() % 4)]
                csv += "o\(order),aff-\(affiliate),\(random.next() % 40_000 / 100).\(random.next() % 90 + 10),\(status)\n"
                order += 1
            }
        }
        var balances: [Value] = []
        let shape = RecordShape(name: "Balance", fieldNames: ["key", "amount"])
        for key in stride(from: 0, to: affiliates + 5, by: 3) {
            let amount = DecimalNumber(signedCoefficient: Int64(random.next() % 4_000) - 1_500, storedExponent: -2)
            balances.append(.record(RecordValue(shape: shape, values: [.text("aff-\(key)"), .money(amount, .usd)])))
        }
        return (csv, .list(ValueList(balances)))
    }

    /// The output's elements as JSON, sorted: the whole run's, or a streamed run's put together.
    static func whole(_ program: CompiledProgram, _ output: String, _ csv: String, brought: Value, threads: Int = 1) throws -> [String] {
        let type = try #require(program.declaredType(ofInput: "orders"))
        let orders = try DataImport.load(Array(csv.utf8), path: "orders.csv", as: type)
        var limits = program.limits
        limits.maximumThreads = threads
        let results = try program.evaluateOutputs([output], inputs: ["orders": orders, "brought": brought], limits: limits)
        return elements(results.map(\.value))
    }

    static func streamed(
        _ program: CompiledProgram, _ output: String, _ text: String, format: DataImport.Format = .csv, brought: Value,
        chunkSize: Int, threads: Int = 1
    ) throws -> [String] {
        var limits = program.limits
        limits.maximumThreads = threads
        var run = try StreamedRun(program, printing: output, inputs: ["brought": brought], limits: limits, path: "orders.csv")
        var batches = try RowBatches(
            reading: reader(text), path: "orders.csv", format: format, as: run.inputType, limits: limits, keeping: nil, file: nil,
            chunkSize: chunkSize)
        var values: [Value] = []
        while let rows = try batches.next() { values += try run.feed(rows) }
        values += try run.finish()
        return elements(values)
    }

    static func reader(_ text: String) -> DataImport.Reader {
        DataImport.reader(over: Array(text.utf8))
    }

    static func elements(_ values: [Value]) -> [String] {
        values.flatMap { value -> [String] in
            guard case .list(let items) = value else { return [JSONWriter.value(value)] }
            return items.map(JSONWriter.value)
        }.sorted()
    }

    @Test func streamedStatementsAreTheWholeRunsInBatchesOfEverySize() throws {
        let program = try Self.compile()
        var random = SplitMix64(state: 0x5_7EA_3ED)
        for round in 0..<12 {
            let (csv, brought) = Self.data(&random, affiliates: 30 + round * 10)
            let whole = try Self.whole(program, "payouts", csv, brought: brought)
            #expect(whole.count > 20)
            // From a few bytes a chunk (a batch of a row or two) to the whole text in one batch.
            for chunkSize in [16, 97, 1_000, 1 << 18] {
                let streamed = try Self.streamed(program, "payouts", csv, brought: brought, chunkSize: chunkSize, threads: 1 + round % 2)
                #expect(streamed == whole, "round \(round), chunks of \(chunkSize) bytes")
                if streamed != whole { return }
            }
        }
    }

    @Test func balancesOfKeysWithoutStatementsAreMadeOnce() throws {
        let program = try Self.compile()
        // aff-1's only order is pending (filtered out): its balance still makes a statement;
        // aff-9 has no rows at all.
        let csv = "id,affiliate,amount,status\no1,aff-0,100.00,approved\no2,aff-1,50.00,pending\no3,aff-2,400.00,approved\n"
        let shape = RecordShape(name: "Balance", fieldNames: ["key", "amount"])
        let brought = Value.list(
            ValueList(
                ["aff-1", "aff-9", "aff-2"].map { .record(RecordValue(shape: shape, values: [.text($0), .money(DecimalNumber(12), .usd)])) }))
        let whole = try Self.whole(program, "payouts", csv, brought: brought)
        #expect(whole.count == 4)
        for chunkSize in [8, 40, 1 << 18] {
            #expect(try Self.streamed(program, "payouts", csv, brought: brought, chunkSize: chunkSize) == whole)
        }
    }

    @Test func anOutputOverTheStatementsStreamsToo() throws {
        let program = try Self.compile()
        var random = SplitMix64(state: 77)
        let (csv, brought) = Self.data(&random, affiliates: 50)
        let whole = try Self.whole(program, "totals", csv, brought: brought)
        #expect(try Self.streamed(program, "totals", csv, brought: brought, chunkSize: 64) == whole)
    }

    @Test func ndjsonRowsStreamAsCSVRowsDo() throws {
        let program = try Self.compile()
        var random = SplitMix64(state: 12)
        let (csv, brought) = Self.data(&random, affiliates: 60)
        var ndjson = ""
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",")
            ndjson += "{\"id\": \"\(cells[0])\", \"affiliate\": \"\(cells[1])\", \"amount\": \(cells[2]), \"status\": \"\(cells[3])\"}\n"
        }
        let whole = try Self.whole(program, "payouts", csv, brought: brought)
        #expect(try Self.streamed(program, "payouts", ndjson, format: .ndjson, brought: brought, chunkSize: 1 << 18) == whole)
    }

    @Test func aKeyThatComesBackIsAnErrorNamingIt() throws {
        let program = try Self.compile()
        let csv = "id,affiliate,amount,status\no1,aff-0,1.00,approved\no2,aff-1,1.00,approved\no3,aff-1,1.00,approved\no4,aff-0,1.00,approved\n"
        for chunkSize in [8, 1 << 18] {
            do {
                _ = try Self.streamed(program, "payouts", csv, brought: .list([]), chunkSize: chunkSize)
                Issue.record("a key out of order was streamed")
            } catch StreamFailure.data(let error) {
                #expect(error.path == "orders.csv")
                #expect(
                    error.message
                        == "the rows are not grouped by `affiliate`: record 4 has \"aff-0\", which record 1 had before other keys came between (records counted from the first after the header)"
                )
                #expect(error.fix?.contains("sort the data by the `affiliate` column first") == true)
            }
        }
    }

    @Test func aBadCellInALaterBatchStopsTheRunAtItsRow() throws {
        let program = try Self.compile()
        var csv = "id,affiliate,amount,status\n"
        for order in 0..<200 { csv += "o\(order),aff-\(order / 4),\(order).00,approved\n" }
        csv += "o200,aff-60,12.00,shipped\n"
        var batches = 0
        do {
            var run = try StreamedRun(program, printing: "payouts", path: "orders.csv")
            var reader = try RowBatches(
                reading: Self.reader(csv), path: "orders.csv", format: .csv, as: run.inputType, limits: program.limits, keeping: nil,
                file: nil, chunkSize: 16)
            while let rows = try reader.next() {
                batches += 1
                _ = try run.feed(rows)
            }
            Issue.record("a bad cell was streamed")
        } catch let error as DataImportError {
            #expect(batches > 5)
            #expect(error.row == 202)
            #expect(error.message == "column `status`: expected Status, found \"shipped\"")
        }
    }

    @Test func anOutputThatReadsTheWholeListIsRefused() throws {
        let program = try Self.compile(Self.program + "output paid = sum(payouts.total)\n")
        do {
            _ = try StreamedRun(program, printing: "paid")
            Issue.record("a whole-list output was streamed")
        } catch StreamFailure.notPartitionSafe(let problems) {
            #expect(problems.count == 1)
            #expect(problems.first?.message.contains("sum(payouts.total)") == true)
        }
    }

    @Test func theTimeLimitIsTheWholeRuns() throws {
        let program = try Self.compile()
        var limits = program.limits
        limits.timeLimit = .nanoseconds(1)
        var run = try StreamedRun(program, printing: "payouts", limits: limits)
        var batches = try RowBatches(
            reading: Self.reader("id,affiliate,amount,status\no1,aff-0,1.00,approved\n"), path: "orders.csv", format: .csv,
            as: run.inputType, limits: limits, keeping: nil, file: nil)
        do {
            while let rows = try batches.next() { _ = try run.feed(rows) }
            _ = try run.finish()
            Issue.record("a run past its time limit went on")
        } catch StreamFailure.evaluation(let error) {
            #expect(error.diagnostic.kind == .limitExceeded)
            #expect(error.diagnostic.message.contains("evaluation ran longer than"))
        }
    }

    @Test func noRowsGiveTheWholeRunOverNoRows() throws {
        let program = try Self.compile()
        let csv = "id,affiliate,amount,status\n"
        let whole = try Self.whole(program, "payouts", csv, brought: .list([]))
        #expect(whole.isEmpty)
        var run = try StreamedRun(program, printing: "payouts")
        var batches = try RowBatches(
            reading: Self.reader(csv), path: "orders.csv", format: .csv, as: run.inputType, limits: program.limits, keeping: nil,
            file: nil)
        #expect(try batches.next() == nil)
        let last = try run.finish()
        #expect(last.count == 1)
        #expect(Self.elements(last).isEmpty)
    }
}
