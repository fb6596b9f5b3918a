// Offending text as error messages quote it: escaped, shortened, and safe to print whatever the bytes.

/// Quotes data-file text for a message such as `expected Money, found "12,34.5"`.
///
/// The text comes from outside and may be anything: megabytes long, invalid UTF-8, NUL or
/// escape bytes that would garble a terminal. So it is decoded leniently, cut to a length a
/// message can carry, and every control character is written as an escape.
public enum Excerpt {
    /// Characters of the text kept before it is cut with `…`.
    static let maximumLength = 40

    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Only the start is shown, so only the start is decoded (4 bytes per character at most).
        let shown = UnsafeBufferPointer(rebasing: bytes.prefix(maximumLength * 4 + 4))
        return quoted(String(decoding: shown, as: UTF8.self), isCut: shown.count < bytes.count)
    }

    public static func quoted(_ text: String, isCut: Bool = false) -> String {
        var result = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == maximumLength { return result + "…\"" }
            count += 1
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + (isCut ? "…\"" : "\"")
    }
}
