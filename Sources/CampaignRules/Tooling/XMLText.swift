// Escapes text for XML 1.0 element content and attribute values.

enum XMLText {
    /// Text as an attribute value between double quotes: markup characters as entities, and
    /// tabs and line breaks as character references, which attribute normalization would
    /// otherwise turn into spaces.
    static func attribute(_ text: String) -> String {
        escape(text) { scalar in
            switch scalar {
            case "\"": "&quot;"
            case "\n": "&#10;"
            case "\t": "&#9;"
            default: nil
            }
        }
    }

    /// Text as element content.
    static func content(_ text: String) -> String {
        escape(text) { _ in nil }
    }

    /// Escapes `&`, `<`, `>` and a carriage return (which a parser would drop from a line
    /// break), and whatever `special` names. The characters XML 1.0 forbids even as references
    /// (control characters but tab and line breaks, U+FFFE, U+FFFF) become visible stand-ins,
    /// the symbols the excerpts of diagnostics draw them as: `␀` for NUL, `�` for the others.
    private static func escape(_ text: String, _ special: (Unicode.Scalar) -> String?) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if let replacement = special(scalar) {
                escaped += replacement
                continue
            }
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\r": escaped += "&#13;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}": escaped.unicodeScalars.append(scalar.visible)
            case "\u{FFFE}", "\u{FFFF}": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
