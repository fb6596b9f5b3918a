// HTMLText: escaping text for the HTML report, and writing its elements to a TextOutput.

/// Text and elements of the HTML report, written so that the page is also well-formed XML
/// (every element closed, attributes quoted, only the five XML entities): a test can then
/// parse it with `XMLDocument`, and a browser reads it as ordinary HTML.
struct HTMLText {
    let output: TextOutput

    /// The text with `& < > " '` written as entities, so that nothing from a rule file or data
    /// (a subject named `<b>`, a label with a quote) can become markup. Control characters,
    /// which neither XML nor a page can hold, become U+FFFD; tabs and line breaks stay.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case _ where isControl(scalar): escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        "&<>\"'".unicodeScalars.contains(scalar) || isControl(scalar)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// Writes markup as it is: only for the report's own tags, never for text.
    func raw(_ markup: String) {
        output.write(markup)
    }

    /// Writes escaped text.
    func text(_ text: String) {
        output.write(HTMLText.escape(text))
    }

    /// `<tag class="…">text</tag>`, the text escaped.
    func element(_ tag: String, _ text: String, class name: String? = nil) {
        output.write("<\(tag)\(HTMLText.classAttribute(name))>\(HTMLText.escape(text))</\(tag)>")
    }

    /// `<tag class="…">`, what `body` writes, `</tag>`, and a line break after it so the page's
    /// source reads a block a line.
    func block(_ tag: String, class name: String? = nil, attributes: String = "", _ body: () -> Void) {
        output.write("<\(tag)\(HTMLText.classAttribute(name))\(attributes)>")
        body()
        output.write("</\(tag)>\n")
    }

    /// A table row of cells, each escaped; `numeric` cells are right-aligned so digits line up.
    func row(_ cells: [String], header: Bool = false, numeric: (Int) -> Bool = { _ in false }) {
        output.write("<tr>")
        for (index, cell) in cells.enumerated() {
            element(header ? "th" : "td", cell, class: numeric(index) ? "num" : nil)
        }
        output.write("</tr>\n")
    }

    static func classAttribute(_ name: String?) -> String {
        name.map { " class=\"\(escape($0))\"" } ?? ""
    }
}
