// Unit tests of how the REPL shows values: allocation tables with shares and bars, and the rest.

import CampaignRules
import Testing

@testable import rules

@Suite struct ReplRenderingTests {
    /// The value of one expression, through the public engine.
    private func value(_ expression: String) throws -> Value {
        let compilation = Engine().compile(SourceFile(path: "test", text: "output value = " + expression))
        let program = try #require(compilation.program, "\(compilation.renderedDiagnostics)")
        return try #require(try program.evaluateOutputs().first?.value)
    }

    private func money(_ text: String) -> Value {
        .money(DecimalNumber.parse(text) ?? .zero, .usd)
    }

    @Test func allocationTableHasSharesAndBars() throws {
        let allocation = try value(#"allocate $1_000 across [{h: "a", w: 3}, {h: "b", w: 1}] by it.w"#)
        #expect(AllocationPrinter.isAllocation(allocation))
        #expect(
            AllocationPrinter.table(allocation) == """
                item      amount   share
                ─────  ─────────  ──────  ────────────────────────
                a        $750.00   75.0%  ████████████████████████
                b        $250.00   25.0%  ████████
                TOTAL  $1,000.00  100.0%
                """)
    }

    @Test func sharesHaveOneDecimal() throws {
        let allocation = try value(#"allocate $10_000 across [{id: "ava", w: 4_761.91}, {id: "ben", w: 5_238.09}] by it.w"#)
        let table = AllocationPrinter.table(allocation)
        #expect(table.contains("ava     $4,761.91   47.6%  █████████████████████▉"))
        #expect(table.contains("ben     $5,238.09   52.4%  ████████████████████████"))
    }

    @Test func barsUseEighthsForTheRemainder() {
        let largest = DecimalNumber(750)
        #expect(AllocationPrinter.bar(money("750"), largest: largest) == String(repeating: "█", count: 24))
        // 100 / 750 of 24 cells is 3.2 cells: 26 eighths, three blocks and a quarter.
        #expect(AllocationPrinter.bar(money("100"), largest: largest) == "███▎")
        #expect(AllocationPrinter.bar(money("0.01"), largest: largest) == "▏")
        #expect(AllocationPrinter.bar(money("0"), largest: largest) == "")
        #expect(AllocationPrinter.bar(money("5"), largest: .zero) == "")
    }

    @Test func itemsWithoutAnIdShowTheirFirstText() throws {
        let allocation = try value(#"allocate $100 across [{w: 1, h: "x"}, {w: 1, h: "y"}] equally"#)
        #expect(AllocationPrinter.table(allocation).contains("x       $50.00   50.0%"))
    }

    @Test func otherListsOfRecordsAreNotAllocations() throws {
        #expect(!AllocationPrinter.isAllocation(try value(#"[{item: "a", amount: $5}]"#)))
        #expect(!AllocationPrinter.isAllocation(try value("[]")))
    }

    @Test func scalarsRenderAsTheyRead() throws {
        #expect(ValueRenderer.render(try value("$1_234.5"), width: 100) == "$1,234.50")
        #expect(ValueRenderer.render(try value("12.5%"), width: 100) == "12.5%")
        #expect(ValueRenderer.render(try value(#""ava""#), width: 100) == #""ava""#)
        #expect(ValueRenderer.render(try value("[1, 2, 3]"), width: 100) == "[1, 2, 3]")
    }

    @Test func listsOfRecordsAreTables() throws {
        let table = ValueRenderer.render(try value(#"[{id: "ava", sales: $1_200}, {id: "ben", sales: $90.5}]"#), width: 100)
        #expect(
            table == """
                id       sales
                ───  ─────────
                ava  $1,200.00
                ben     $90.50
                """)
    }

    /// Tables at the prompt read as `rules run` tables: money to the cent, percents to two
    /// decimals, `≈` where that rounded; a value on its own keeps every digit.
    @Test func tablesShowAmountsToTheirPrecision() throws {
        let table = ValueRenderer.render(
            try value(#"[{id: "a", fee: $398 * 10.00%, rate: 813.4772853997827320008844538%}, {id: "b", fee: $10 / 3, rate: 1%}]"#),
            width: 100)
        #expect(
            table == """
                id     fee      rate
                ──  ──────  ────────
                a   $39.80  ≈813.48%
                b   ≈$3.33     1.00%
                """)
        #expect(ValueRenderer.render(try value("$398 * 10.00%"), width: 100) == "$39.8000")
        let record = ValueRenderer.render(
            try value(#"{name: "a long enough record to be laid out by field", fee: $10 / 3, rate: 813.4772853997827320008844538%}"#),
            width: 40)
        #expect(record.hasSuffix("fee   ≈$3.33\nrate  ≈813.48%"))
    }

    @Test func longRenderingsAreCutInTheMiddle() {
        let text = (1...100).map(String.init).joined(separator: "\n")
        let cut = ValueRenderer.abbreviated(text, maximumLines: 20).split(separator: "\n")
        #expect(cut.count == 16)
        #expect(cut.first == "1")
        #expect(cut.last == "100")
        #expect(cut[10].contains("85 more lines"))
    }
}
