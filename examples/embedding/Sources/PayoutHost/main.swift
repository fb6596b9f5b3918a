// A host app's view of CampaignRules: compile once, inspect, bind Swift values, evaluate, explain.

import CampaignRules
import Foundation

/// The app's own model, bound to the rule file's `input affiliates: list of Affiliate`.
struct Affiliate: Encodable {
    let id: String
    let platform: String
    let followers: Int
    let likes: Int
    let comments: Int
    let sales: Decimal
    let refunds: Decimal
    let currency: String
}

let rules = """
record Affiliate {
  id: Text
  platform: Platform
  followers: Number
  likes: Number
  comments: Number
  sales: Money
  refunds: Money = $0
  currency: Text = "USD"
}
input affiliates: list of Affiliate

tiers sales_rate {
  ..< $1_000:        5%
  $1_000 ..< $5_000: 8%
  $5_000 ...:        10%
}

# The host converts each affiliate's sales into the campaign currency.
fn usd_sales(a) = a.sales * fx_to_usd(a.currency)

plan payouts for a in affiliates {
  commission "Base": usd_sales(a) * sales_rate(usd_sales(a))
  bonus "Engagement kicker" when engagement_rate(a) >= 3% and tier(a) in [nano, micro]: $250
  deduct "Refunds": a.refunds * fx_to_usd(a.currency) * sales_rate(usd_sales(a))
  cap $5_000
}
output total = sum(payouts.total)
"""

// 1. An engine with the host's own function, visible to the checker.
var engine = Engine()
engine.limits.maximumSteps = 10_000_000
let rates: [String: String] = ["USD": "1", "EUR": "1.08", "GBP": "1.27"]
engine.register(HostFunction("fx_to_usd", parameters: [("currency", .text)], returns: .number) { arguments in
    guard case .text(let code) = arguments[0], let rate = rates[code].flatMap(DecimalNumber.parse) else {
        throw HostFunction.Failure("no exchange rate for \(arguments[0])")
    }
    return .number(rate)
})

// 2. Compile once; diagnostics are values.
let compilation = engine.compile(SourceFile(path: "payouts.rules", text: rules))
guard let program = compilation.program else {
    print(compilation.renderedDiagnostics)
    exit(1)
}
print("inputs:", program.inputs.map { "\($0.name): \($0.typeName)" }.joined(separator: ", "))
print("outputs:", program.outputNames.joined(separator: ", "))

// A mistake in a rule file is caught before anything runs.
let broken = engine.compile(SourceFile(path: "broken.rules", text: "output x = fx_to_usd(5)\n"))
print("\nchecking a broken file:\n" + broken.renderedDiagnostics)

// 3. Bind the app's own values and evaluate, with explanations.
let affiliates = [
    Affiliate(id: "ava", platform: "TikTok", followers: 8_400, likes: 610, comments: 45,
              sales: Decimal(string: "1200.00")!, refunds: 0, currency: "USD"),
    Affiliate(id: "ben", platform: "instagram", followers: 54_000, likes: 700, comments: 80,
              sales: Decimal(string: "3900.00")!, refunds: Decimal(string: "150")!, currency: "EUR"),
    Affiliate(id: "cy", platform: "youtube", followers: 120_000, likes: 2_100, comments: 300,
              sales: Decimal(string: "72000.00")!, refunds: 0, currency: "GBP"),
]
do {
    let results = try program.evaluateOutputs(inputs: ["affiliates": try ValueEncoder.encode(affiliates)],
                                              limits: engine.limits, explain: true)
    for (name, value) in results {
        print("\n\(name):")
        print(StatementPrinter.isStatementList(value) ? StatementPrinter.explained(value) : TablePrinter.render(value))
    }
} catch let error as RuntimeError {
    print(DiagnosticRenderer(source: program.source).render(error.located(in: program.source)))
    exit(1)
}

// 5. Imports: the host supplies the files a rule file imports; a rule file reads nothing itself.
let sharedFiles = ["shared/rates.rules": "let referral_rate = 2%\n"]
let referrals = SourceFile(path: "referrals.rules", text: "import \"shared/rates.rules\"\noutput referral = $1_000 * referral_rate\n")
let withImports = engine.compile(referrals, imports: MemoryImportResolver(files: sharedFiles))
if let referralProgram = withImports.program, let (_, referral) = try? referralProgram.evaluateOutputs().first {
    print("\nreferral from shared rates:", referral)
}
// Without a resolver, an import is an error at its line, with a fix.
print(engine.compile(referrals).renderedDiagnostics)
