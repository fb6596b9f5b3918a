// Balances carried month after month lose and make no cent: over random chains of months
// (orders first seen approved or pending, later listed again approved or reversed, random
// minimums), what the statements paid plus what is still carried is what was earned minus what
// was clawed back, exactly; and each month's statements are those a simple model of the
// ledger, the minimum and the balances expects.

import Testing

@testable import CampaignRules

struct CarriedBalanceChainTests {
    /// The month's plan. `paid` is the ledger of every line paid item by item so far: each
    /// "Order …" line (the commission earned on the order) and each "Reversed …" line (the
    /// clawback, negative). An order earns once, the first month it is approved and not yet in
    /// the ledger. A reversed order takes back what the ledger still holds for it: its
    /// commission the first time, nothing when it never earned (reversed while pending) and
    /// nothing when it is listed reversed again, since its clawback line is in the ledger too
    /// and cancels the commission. (Keeping clawbacks in the ledger, rather than a separate set
    /// of clawed-back ids, keeps the plan one line per kind.)
    static let program = """
        enum Status { pending, approved, reversed }
        record Order { id: Text, affiliate: Text, amount: Money, status: Status }
        record Balance { key: Text, amount: Money }
        record Paid { affiliate: Text, item: Text, amount: Money }
        input orders: list of Order
        input brought: list of Balance = []
        input paid: list of Paid = []
        input threshold: Money = $25

        plan payouts for g in orders group by it.affiliate {
          commission "Order \\(o.id)" for o in g.items when o.status == approved and not (o.id in (paid select it.item)): o.amount * 10%
          deduct "Reversed \\(o.id)" for o in g.items when o.status == reversed: sum(paid where it.item == o.id select it.amount)
          carry brought
          minimum threshold
        }
        output next_month = payouts.carried where it.amount != $0

        """

    @Test func paidPlusCarriedIsEarnedMinusClawedBackOverRandomChains() throws {
        let program = try Self.compile(Self.program)
        var random = SplitMix64(state: 0xCA_44_1E_D0)
        var months = 0
        var seen: [String: Int] = [:]
        for seed in 0..<200 {
            let chain = CarriedChainGenerator.chain(seed: seed, random: &random)
            // Every other chain reads its data as a host reads files: the orders as a
            // platform's export, last month's balances and the ledger as written back.
            let outcome = try Self.run(chain, program: program, fromFiles: seed % 2 == 1)
            months += chain.months.count
            seen.merge(outcome.seen, uniquingKeysWith: +)
            #expect(outcome.property.isEmpty, "chain \(seed): \(outcome.property)")
            #expect(outcome.model.isEmpty, "chain \(seed): \(outcome.model.prefix(5))")
            if !outcome.property.isEmpty || !outcome.model.isEmpty { break }
        }
        // The chains are long enough, and the cases that matter came up often enough, for the
        // check to mean something.
        #expect(months > 700)
        for (outcomeKind, least) in [
            ("Below zero", 20), ("Below minimum", 100), ("Brought forward", 200), ("balance alone", 20),
            ("clawback", 50), ("clawback of nothing", 50), ("reversed again", 50), ("paid after holding", 100), ("minimum $0", 50),
        ] {
            #expect(seen[outcomeKind, default: 0] >= least, "\(outcomeKind): \(seen[outcomeKind, default: 0]) times")
        }
    }

    /// The checks can fail. Without `carry`, balances held are lost and clawbacks larger than
    /// the earnings are paid as negative totals: the money no longer adds up. A clawback of 10%
    /// of every reversed order, paid or not, and again when it is listed reversed again, still
    /// adds up (the sums are read from the lines) but is not what the model expects.
    @Test func theChecksCatchPlansThatLoseMoneyOrClawBackWrongly() throws {
        let withoutCarry = Self.program.replacingOccurrences(of: "  carry brought\n", with: "")
        let clawingAlways = Self.program.replacingOccurrences(
            of: "sum(paid where it.item == o.id select it.amount)", with: "o.amount * 10%")
        for (broken, property) in [(withoutCarry, true), (clawingAlways, false)] {
            #expect(broken != Self.program)
            let program = try Self.compile(broken)
            var random = SplitMix64(state: 0xCA_44_1E_D0)
            var caught = false
            for seed in 0..<40 where !caught {
                let chain = CarriedChainGenerator.chain(seed: seed, random: &random)
                let outcome = try Self.run(chain, program: program)
                caught = !(property ? outcome.property : outcome.model).isEmpty
            }
            #expect(caught, "rules:\n\(broken)")
        }
    }

    // MARK: - Running a chain

    struct Outcome {
        /// How the money failed to add up, if it did.
        var property: [String] = []
        /// How the statements differ from the model's, if they do.
        var model: [String] = []
        /// How many times each case the checks are about came up.
        var seen: [String: Int] = [:]
    }

    static func compile(_ text: String) throws -> CompiledProgram {
        let compilation = Engine().compile(SourceFile(path: "chain.rules", text: text))
        return try #require(compilation.program, "\(compilation.renderedDiagnostics)")
    }

    /// Runs the chain month by month, feeding each month last month's `next_month` and the
    /// ledger of every itemized line paid so far, and checks the months and the whole chain.
    static func run(_ chain: CarriedChain, program: CompiledProgram, fromFiles: Bool = false) throws -> Outcome {
        var outcome = Outcome()
        var ledger: [Value] = []
        var brought = Value.list(ValueList([]))
        var paidOut = DecimalNumber.zero, earned = DecimalNumber.zero, clawedBack = DecimalNumber.zero
        var model = CarriedLedgerModel()
        var clawed: Set<String> = []
        for (index, month) in chain.months.enumerated() {
            let threshold = DecimalNumber(isNegative: false, coefficient: UInt128(month.thresholdCents), exponent: -2)
            var inputs: [String: Value] = [
                "orders": .list(ValueList(month.orders.map(\.value))),
                "brought": brought,
                "paid": .list(ValueList(ledger)),
                "threshold": .money(threshold, .usd),
            ]
            if fromFiles {
                for name in ["orders", "brought", "paid"] { inputs[name] = try Self.reloaded(inputs[name]!, as: name, program) }
            }
            let results = try program.evaluateOutputs(["payouts", "next_month"], inputs: inputs)
            let statements = try Statement.all(in: results[0].value)
            let place = "month \(index + 1) of \(chain.months.count)"

            // The ledger, the money paid and the money earned and clawed back, from the lines.
            for statement in statements {
                paidOut = try paidOut.adding(statement.total)
                for line in statement.lines where ["Below zero", "Below minimum", "Brought forward"].contains(line.label) {
                    outcome.seen[line.label, default: 0] += 1
                }
                if !month.orders.contains(where: { $0.affiliate == statement.key }) {
                    outcome.seen["balance alone", default: 0] += 1
                }
                if statement.lines.contains(where: { $0.label == "Brought forward" }) && !statement.total.isZero {
                    outcome.seen["paid after holding", default: 0] += 1
                }
                if month.thresholdCents == 0 { outcome.seen["minimum $0", default: 0] += 1 }
                for line in statement.lines {
                    let isOrder = line.label.hasPrefix("Order "), isReversal = line.label.hasPrefix("Reversed ")
                    guard isOrder || isReversal else { continue }
                    guard let item = line.item else {
                        outcome.property.append("\(place): line \(line.label) of \(statement.key) names no item")
                        continue
                    }
                    if isOrder { earned = try earned.adding(line.amount) } else { clawedBack = try clawedBack.subtracting(line.amount) }
                    if isReversal {
                        let outcomeKind = !line.amount.isZero ? "clawback" : clawed.contains(item) ? "reversed again" : "clawback of nothing"
                        outcome.seen[outcomeKind, default: 0] += 1
                        if !line.amount.isZero { clawed.insert(item) }
                    }
                    ledger.append(.record([("affiliate", .text(statement.key)), ("item", .text(item)), ("amount", .money(line.amount, .usd))]))
                }
            }
            outcome.property += try Self.checkMonth(statements, next: results[1].value, threshold: threshold, where: place)

            let expected = model.month(month)
            outcome.model += Self.compare(statements, with: expected, where: place)
            brought = results[1].value
        }
        // The whole chain: paid + still carried == earned − clawed back, to the cent.
        var carried = DecimalNumber.zero
        for balance in try Self.balances(brought) { carried = try carried.adding(balance.amount) }
        let left = try paidOut.adding(carried), right = try earned.subtracting(clawedBack)
        if left != right {
            outcome.property.append("paid \(paidOut) + carried \(carried) = \(left), but earned \(earned) − clawed back \(clawedBack) = \(right)")
        }
        // And the same sums, counted in cents by the model.
        if earned != dollars(cents: model.earnedCents) || clawedBack != dollars(cents: model.clawedBackCents)
            || paidOut != dollars(cents: model.paidCents)
        {
            outcome.model.append(
                "earned \(earned), clawed back \(clawedBack), paid \(paidOut); the model: \(model.earnedCents)¢, \(model.clawedBackCents)¢, \(model.paidCents)¢"
            )
        }
        return outcome
    }

    /// What every month must hold, whatever the orders: no statement pays a negative total or a
    /// positive one below the minimum; what a statement holds is negative or below the minimum,
    /// and only a statement that pays nothing holds anything; each statement's total and held
    /// amount are its lines; and `next_month` is the statements' nonzero `carried`, in order.
    static func checkMonth(_ statements: [Statement], next: Value, threshold: DecimalNumber, where place: String) throws -> [String] {
        var problems: [String] = []
        for statement in statements {
            let name = "\(place), \(statement.key)"
            if statement.total.isNegative && !statement.total.isZero { problems.append("\(name): pays \(statement.total)") }
            if !statement.total.isZero && statement.total < threshold {
                problems.append("\(name): pays \(statement.total), below the minimum \(threshold)")
            }
            if !statement.carried.isZero {
                if !statement.total.isZero { problems.append("\(name): pays \(statement.total) and holds \(statement.carried)") }
                if !statement.carried.isNegative && statement.carried >= threshold {
                    problems.append("\(name): holds \(statement.carried), not below the minimum \(threshold)")
                }
            }
            var sum = DecimalNumber.zero
            for line in statement.lines { sum = try sum.adding(line.amount) }
            if sum != statement.total { problems.append("\(name): lines sum to \(sum), total \(statement.total)") }
            if statement.carriedKey != statement.key { problems.append("\(name): carried is keyed \(statement.carriedKey)") }
            // Held is what the lines came to before the closing line.
            if let last = statement.lines.last, last.label == "Below zero" || last.label == "Below minimum" {
                if statement.carried != last.amount.negated() {
                    problems.append("\(name): holds \(statement.carried) after \(last.label) \(last.amount)")
                }
            } else if !statement.carried.isZero {
                problems.append("\(name): holds \(statement.carried) without a closing line")
            }
        }
        let held = statements.filter { !$0.carried.isZero }
        let nextMonth = try Self.balances(next)
        if held.count != nextMonth.count || !zip(held, nextMonth).allSatisfy({ $0.key == $1.key && $0.carried == $1.amount }) {
            problems.append(
                "\(place): next_month is \(nextMonth.map { "\($0.key) \($0.amount)" }), the statements hold \(held.map { "\($0.key) \($0.carried)" })"
            )
        }
        return problems
    }

    /// The statements against the model's: the same keys in the same order, the same lines
    /// (labels, items and amounts), totals and held amounts.
    static func compare(_ statements: [Statement], with expected: [CarriedLedgerModel.Statement], where place: String) -> [String] {
        let keys = statements.map(\.key), expectedKeys = expected.map(\.key)
        guard keys == expectedKeys else { return ["\(place): statements \(keys), the model's \(expectedKeys)"] }
        var problems: [String] = []
        for (statement, model) in zip(statements, expected) {
            let same =
                statement.lines.count == model.lines.count
                && zip(statement.lines, model.lines).allSatisfy { line, modelLine in
                    line.label == modelLine.label && line.item == modelLine.item && line.amount == dollars(cents: modelLine.cents)
                }
            if !same {
                let lines = statement.lines.map { "\($0.label) \($0.item ?? "-") \($0.amount)" }
                let modelLines = model.lines.map { "\($0.label) \($0.item ?? "-") \($0.cents)¢" }
                problems.append("\(place), \(statement.key): lines \(lines), the model's \(modelLines)")
            }
            if statement.total != dollars(cents: model.totalCents) || statement.carried != dollars(cents: model.heldCents) {
                problems.append(
                    "\(place), \(statement.key): pays \(statement.total) holds \(statement.carried), the model \(model.totalCents)¢ \(model.heldCents)¢"
                )
            }
        }
        return problems
    }

    /// The list written as CSV and loaded again as the input `name`, into the columns a host's
    /// data file gives.
    static func reloaded(_ list: Value, as name: String, _ program: CompiledProgram) throws -> Value {
        let type = try #require(program.declaredType(ofInput: name))
        guard case .list(let rows) = list else { throw Unexpected(list) }
        let fields = ["orders": ["id", "affiliate", "amount", "status"], "brought": ["key", "amount"], "paid": ["affiliate", "item", "amount"]][name]!
        var csv = fields.joined(separator: ",") + "\n"
        for row in rows {
            guard case .record(let record) = row else { throw Unexpected(row) }
            csv +=
                try fields.map { field in
                    switch record[field] {
                    case .text(let text)?: text
                    case .money(let amount, _)?: "\(amount)"
                    case .enumValue(let value)?: "\(Value.enumValue(value))"
                    default: throw Unexpected(row)
                    }
                }.joined(separator: ",") + "\n"
        }
        return try DataImport.load(Array(csv.utf8), path: "\(name).csv", as: type)
    }

    // MARK: - Reading the results

    struct Line {
        let label: String
        let item: String?
        let amount: DecimalNumber
    }

    struct Statement {
        let key: String
        let lines: [Line]
        let total: DecimalNumber
        let carriedKey: String
        let carried: DecimalNumber

        static func all(in value: Value) throws -> [Statement] {
            guard case .list(let list) = value else { throw Unexpected(value) }
            return try list.map { statement in
                guard case .record(let record) = statement, case .text(let key)? = record["key"],
                    case .list(let lines)? = record["lines"], case .money(let total, _)? = record["total"],
                    case .record(let carried)? = record["carried"], case .text(let carriedKey)? = carried["key"],
                    case .money(let held, _)? = carried["amount"]
                else { throw Unexpected(statement) }
                return Statement(
                    key: key,
                    lines: try lines.map { line in
                        guard case .record(let record) = line, case .text(let label)? = record["label"],
                            case .money(let amount, _)? = record["amount"]
                        else { throw Unexpected(line) }
                        var item: String?
                        if case .text(let text)? = record["item"] { item = text }
                        return Line(label: label, item: item, amount: amount)
                    }, total: total, carriedKey: carriedKey, carried: held)
            }
        }
    }

    static func balances(_ value: Value) throws -> [(key: String, amount: DecimalNumber)] {
        guard case .list(let list) = value else { throw Unexpected(value) }
        return try list.map { balance in
            guard case .record(let record) = balance, case .text(let key)? = record["key"],
                case .money(let amount, _)? = record["amount"]
            else { throw Unexpected(balance) }
            return (key, amount)
        }
    }

    struct Unexpected: Error, CustomStringConvertible {
        let description: String
        init(_ value: Value) { description = "unexpected value \(value)" }
    }
}

/// An amount of cents as a decimal of dollars.
private func dollars(cents: Int) -> DecimalNumber {
    DecimalNumber(isNegative: cents < 0, coefficient: UInt128(cents.magnitude), exponent: -2)
}

// MARK: - The chains

struct CarriedChainOrder {
    enum Status: String { case pending, approved, reversed }
    let id: String
    let affiliate: String
    let cents: Int
    var status: Status

    var value: Value {
        .record([
            ("id", .text(id)), ("affiliate", .text(affiliate)), ("amount", .money(dollars(cents: cents), .usd)),
            ("status", .text(status.rawValue)),
        ])
    }
}

struct CarriedChain {
    struct Month {
        var orders: [CarriedChainOrder]
        var thresholdCents: Int
    }
    var months: [Month]
}

/// Random chains of months: 1–8 months over 1–6 affiliates; each month new orders, first
/// seen approved or pending, and orders of earlier months listed again as a platform's export
/// lists status changes (pending → approved or reversed, approved → reversed), sometimes with
/// no change, and reversed orders sometimes listed reversed again. Amounts are cents, a few of
/// them large, many ending in 5 so that 10% of them is half a cent. The minimum is random per
/// chain ($0 in some), and changes from month to month in some chains.
enum CarriedChainGenerator {
    static func chain(seed: Int, random: inout SplitMix64) -> CarriedChain {
        let monthCount = Int.random(in: 1...8, using: &random)
        let affiliates = (0..<Int.random(in: 1...6, using: &random)).map { "aff\($0)" }
        var threshold = randomThreshold(&random)
        let changingThreshold = Int.random(in: 0..<4, using: &random) == 0
        var known: [CarriedChainOrder] = []
        var months: [CarriedChain.Month] = []
        var nextID = 1
        for _ in 0..<monthCount {
            if changingThreshold { threshold = randomThreshold(&random) }
            // A quiet month lists few orders, so that balances come without orders.
            let quiet = Int.random(in: 0..<4, using: &random) == 0
            var rows: [CarriedChainOrder] = []
            for index in known.indices where Int.random(in: 0..<10, using: &random) < (quiet ? 1 : 4) {
                switch known[index].status {
                case .pending:
                    known[index].status = [.approved, .approved, .reversed, .pending][Int.random(in: 0..<4, using: &random)]
                case .approved:
                    if Int.random(in: 0..<3, using: &random) > 0 { known[index].status = .reversed }
                case .reversed:
                    break
                }
                rows.append(known[index])
            }
            for _ in 0..<Int.random(in: 0...(quiet ? 1 : 7), using: &random) {
                let order = CarriedChainOrder(
                    id: "O\(seed)-\(nextID)", affiliate: affiliates[Int.random(in: 0..<affiliates.count, using: &random)],
                    cents: amount(&random), status: Bool.random(using: &random) ? .approved : .pending)
                nextID += 1
                known.append(order)
                rows.append(order)
            }
            rows.shuffle(using: &random)
            months.append(CarriedChain.Month(orders: rows, thresholdCents: threshold))
        }
        return CarriedChain(months: months)
    }

    static func randomThreshold(_ random: inout SplitMix64) -> Int {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: 0
        case 1: Int.random(in: 1...100, using: &random) * 100
        default: Int.random(in: 0...10_000, using: &random)
        }
    }

    static func amount(_ random: inout SplitMix64) -> Int {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: Int.random(in: 1...99_999_999_99, using: &random)  // up to $99,999,999.99
        case 1, 2: Int.random(in: 0..<2_000, using: &random) * 10 + 5  // 10% ends in half a cent
        case 3: Int.random(in: 1...20, using: &random)  // a few cents
        default: Int.random(in: 1...60_000, using: &random)
        }
    }
}

/// The month's statements worked out in cents, from the documented rules: an approved order
/// not in the ledger earns 10% rounded half up to the cent; a reversed order takes back what
/// the ledger holds for it; the balance brought is added; a total below zero, or positive and
/// below the minimum, is held instead of paid. Statements come in the order of each affiliate's
/// first row, then those for balances alone, in the order they were brought.
struct CarriedLedgerModel {
    struct Line {
        let label: String
        let item: String?
        let cents: Int
    }
    struct Statement {
        let key: String
        let lines: [Line]
        let totalCents: Int
        let heldCents: Int
    }

    /// What the ledger holds for each item paid (commission minus clawback), and the items in it.
    var ledger: [String: Int] = [:]
    /// The balances held, in the order of the statements that held them.
    var held: [(key: String, cents: Int)] = []
    var earnedCents = 0, clawedBackCents = 0, paidCents = 0

    mutating func month(_ month: CarriedChain.Month) -> [Statement] {
        var keys: [String] = []
        var rows: [String: [CarriedChainOrder]] = [:]
        for order in month.orders {
            if rows[order.affiliate] == nil { keys.append(order.affiliate) }
            rows[order.affiliate, default: []].append(order)
        }
        let brought = Dictionary(uniqueKeysWithValues: held.map { ($0.key, $0.cents) })
        keys += held.map(\.key).filter { rows[$0] == nil }
        var statements: [Statement] = []
        var newLedger = ledger
        for key in keys {
            let orders = rows[key] ?? []
            // The plan's lines in the order written: every commission, then every clawback.
            var lines: [Line] = []
            for order in orders where order.status == .approved && ledger[order.id] == nil {
                let earned = (order.cents + 5) / 10
                lines.append(Line(label: "Order \(order.id)", item: order.id, cents: earned))
                earnedCents += earned
                newLedger[order.id, default: 0] += earned
            }
            for order in orders where order.status == .reversed {
                let taken = ledger[order.id] ?? 0
                lines.append(Line(label: "Reversed \(order.id)", item: order.id, cents: -taken))
                clawedBackCents += taken
                newLedger[order.id, default: 0] -= taken
            }
            if let balance = brought[key], balance != 0 { lines.append(Line(label: "Brought forward", item: nil, cents: balance)) }
            let total = lines.reduce(0) { $0 + $1.cents }
            var heldCents = 0
            if total < 0 {
                lines.append(Line(label: "Below zero", item: nil, cents: -total))
                heldCents = total
            } else if total > 0 && total < month.thresholdCents {
                lines.append(Line(label: "Below minimum", item: nil, cents: -total))
                heldCents = total
            }
            paidCents += total - heldCents
            statements.append(Statement(key: key, lines: lines, totalCents: total - heldCents, heldCents: heldCents))
        }
        ledger = newLedger
        held = statements.filter { $0.heldCents != 0 }.map { ($0.key, $0.heldCents) }
        return statements
    }
}
