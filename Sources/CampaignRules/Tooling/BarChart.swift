// BarChart: a horizontal bar chart as inline SVG, with bar lengths scaled from exact decimals.

/// Bars, one a row, each with a label on the left and its amount as text after the bar.
///
/// Lengths are whole pixels computed from the decimals (`amount × width ÷ largest`, rounded
/// half-even), so no amount passes through a floating-point number: the amounts shown are the
/// texts the caller gives, formatted as tables format them. Negative amounts (a clawback, a
/// payout that went down) are drawn by their size in another colour.
struct BarChart {
    struct Bar {
        let label: String
        let amount: DecimalNumber
        /// What is written after the bar: the amount as a table shows it, and maybe its share.
        let text: String
        /// A bar that stands for many (`the rest`), drawn in a quieter colour.
        var isRest = false
    }

    static let width = 760
    static let labelWidth = 190
    static let barSpace = 400
    static let rowHeight = 22
    static let barHeight = 15

    /// How many `units` the amount's size fills when the largest size fills all of them: at
    /// least one for anything nonzero, so that a small payout stays visible; zero for zero or
    /// when nothing is known. `AllocationPrinter` uses it for its terminal bars too.
    static func length(_ amount: DecimalNumber?, largest: DecimalNumber?, units: Int) -> Int {
        guard let amount, let largest, largest.signum() > 0, !amount.isZero,
            let scaled = try? amount.magnitude.multiplied(by: DecimalNumber(units)).divided(by: largest),
            let whole = try? scaled.quantized(exponent: 0, rounding: .halfEven),
            let count = Int(whole.plainDescription)
        else { return 0 }
        return min(max(count, 1), units)
    }

    /// Writes the chart as one `<svg>` element; `title` is read by screen readers.
    static func write(_ bars: [Bar], title: String, to html: HTMLText) {
        let largest = bars.map(\.amount.magnitude).max { $0 < $1 }
        let height = bars.count * rowHeight + 8
        html.raw("<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\">")
        html.element("title", title)
        html.raw("\n")
        for (index, bar) in bars.enumerated() {
            let top = 4 + index * rowHeight
            let length = self.length(bar.amount, largest: largest, units: barSpace)
            let kind = bar.isRest ? "bar rest" : bar.amount.signum() < 0 ? "bar neg" : "bar"
            let baseline = top + barHeight - 3
            html.raw("<text class=\"label\" x=\"\(labelWidth - 8)\" y=\"\(baseline)\">")
            html.text(shortened(bar.label))
            html.raw("</text><rect class=\"\(kind)\" x=\"\(labelWidth)\" y=\"\(top)\" width=\"\(length)\" height=\"\(barHeight)\"/>")
            html.raw("<text x=\"\(labelWidth + length + 6)\" y=\"\(baseline)\">")
            html.text(bar.text)
            html.raw("</text>\n")
        }
        html.raw("</svg>\n")
    }

    /// A label cut to fit beside the bars; the table below the chart has it whole.
    static func shortened(_ label: String) -> String {
        label.count <= 28 ? label : String(label.prefix(27)) + "…"
    }

    /// The `top` bars of the largest amounts (by size, the first on ties) in that order, then
    /// one bar for the sum of the rest when there are more: a chart of 100,000 payouts stays a
    /// chart. `describe` gives an amount's text.
    static func top(_ bars: [Bar], count top: Int, restLabel: (Int) -> String, describe: (DecimalNumber) -> String) -> [Bar] {
        let ranked = bars.enumerated().sorted { left, right in
            let order = left.element.amount.magnitude.compare(right.element.amount.magnitude)
            return order != 0 ? order > 0 : left.offset < right.offset
        }.map(\.element)
        guard ranked.count > top else { return ranked }
        let rest = ranked[top...]
        let sum = rest.reduce(DecimalNumber.zero) { (try? $0.adding($1.amount, context: languageContext)) ?? $0 }
        return Array(ranked.prefix(top)) + [Bar(label: restLabel(rest.count), amount: sum, text: describe(sum), isRest: true)]
    }
}
