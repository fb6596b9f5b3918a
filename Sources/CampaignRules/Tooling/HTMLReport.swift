// HTMLReport: `rules run --format html`, one self-contained page of a run's outputs.

/// The rule file a report was made from: its name as given, its bytes (hashed, so a printed
/// report is traceable to the exact rules) and its campaign header.
public struct ReportSource: Sendable {
    public let name: String
    public let sha256: String
    public let settings: CampaignSettings

    public init(name: String, bytes: [UInt8], settings: CampaignSettings) {
        self.name = name
        self.sha256 = SHA256.hex(bytes)
        self.settings = settings
    }
}

/// A page of HTML with inline CSS and SVG and no script, link or image to fetch, so that it
/// opens offline, can be mailed and prints as it shows. Its bytes depend only on the rules,
/// the data and the options (no time of generation), so two runs give the same file.
///
/// The page: the campaign header with the rule file's name and SHA-256; a summary of the
/// outputs with their totals; then each output: a plan as a bar chart of its payouts by key
/// (the top `chartBars`, then the rest) and its statements (the first `statementLimit`, each
/// with its lines and, with `--explain`, their reasons, folded in a `<details>`); an
/// allocation as bars with shares; any other value as a table or a value.
public enum HTMLReport {
    /// Statements listed per plan; the rest are counted, and the CSV has them all.
    public static let statementLimit = 1_000
    /// Lines listed under one statement (an itemized line can pay thousands of orders).
    public static let lineLimit = 100
    /// Bars in a chart before the rest are summed into one.
    public static let chartBars = 50

    /// Writes the page for a run's results; `explained` says whether `--explain` was given,
    /// so the page can say where the reasons are when they are not.
    public static func write(_ results: [(name: String, value: Value)], source: ReportSource, explained: Bool, to output: TextOutput) {
        let html = HTMLText(output: output)
        let title = source.settings.name ?? source.name
        page(title: title, to: html) {
            html.block("header") {
                html.element("h1", title)
                sourceFacts(source, to: html)
            }
            summary(results, to: html)
            for (name, value) in results where !output.failed {
                html.block("section", attributes: " id=\"\(anchor(name))\"") {
                    html.element("h2", name)
                    HTMLValues.write(value, name: name, to: html)
                }
            }
            // Where the reasons are, for a page with statements: folded in, or one option away.
            if results.contains(where: { StatementPrinter.isStatementList($0.value) }) {
                html.block("footer") {
                    html.text(
                        explained
                            ? "Each statement's lines hold the reasons behind them (rules run --explain)."
                            : "Run with --explain to add the reasons behind each line to the statements.")
                }
            }
        }
        output.flush()
    }

    /// The document around `body`: what a browser needs to read it as UTF-8 at a phone's
    /// width, and the style sheet.
    static func page(title: String, to html: HTMLText, _ body: () -> Void) {
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        html.element("title", title)
        html.raw("\n<style>\n\(HTMLStyle.sheet)</style>\n</head>\n")
        html.block("body") {
            html.raw("\n")
            body()
        }
        html.raw("</html>\n")
    }

    /// The rule file and the campaign header, as a list of terms.
    static func sourceFacts(_ source: ReportSource, to html: HTMLText) {
        html.block("dl", class: "facts") {
            for (term, value) in facts(source) {
                html.element("dt", term)
                html.element("dd", value)
            }
        }
    }

    static func facts(_ source: ReportSource) -> [(String, String)] {
        let settings = source.settings
        var facts = [("Rule file", source.name), ("SHA-256", source.sha256)]
        if let name = settings.name { facts.append(("Campaign", name)) }
        facts += [("Currency", settings.currency.code), ("Rounding", settings.rounding.rawValue), ("Time zone", settings.timezone.identifier)]
        if let window = settings.effective {
            facts.append(("Effective", "\(Value.date(window.lowerBound)) to \(Value.date(window.upperBound))"))
        }
        return facts
    }

    /// A table of the outputs, each linked to its section, with what it holds and its total.
    static func summary(_ results: [(name: String, value: Value)], to html: HTMLText) {
        guard !results.isEmpty else { return html.element("p", "The file declares no output and no plan.", class: "note") }
        html.block("nav") {
            html.block("table", class: "summary") {
                html.row(["output", "holds", "total"], header: true, numeric: { $0 == 2 })
                for (name, value) in results {
                    let (holds, total) = HTMLValues.summary(value)
                    html.raw("<tr>")
                    linkCell(name, to: html)
                    html.element("td", holds)
                    html.element("td", total, class: "num")
                    html.raw("</tr>\n")
                }
            }
        }
    }

    /// A cell linking to an output's section: the page's only links, all within it.
    static func linkCell(_ name: String, to html: HTMLText) {
        html.raw("<td><a href=\"#\(anchor(name))\">")
        html.text(name)
        html.raw("</a></td>")
    }

    /// The id of an output's section. Output names are identifiers, so they make valid ids;
    /// escaped all the same.
    static func anchor(_ name: String) -> String {
        "output-" + HTMLText.escape(name)
    }
}
