// The tokens of JSON text: whitespace, numbers, literals and strings with their escapes.

extension JSONReader {
    /// JSON whitespace: space, tab, line feed, carriage return.
    mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    /// `number = ["-"] ("0" | [1-9] digit*) ["." digit+] [("e" | "E") ["+" | "-"] digit+]`; returns its byte range.
    mutating func readNumber() throws(JSONStop) -> Range<Int> {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end, bytes[position].isDigit else {
            throw syntaxError("expected a digit after `-`")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < end, bytes[position].isDigit {
                throw syntaxError("a JSON number cannot start with 0", fix: "leave out the leading zeros, or write the value as text in quotes")
            }
        } else {
            skipDigits()
        }
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < end, bytes[position].isDigit else { throw syntaxError("expected a digit after the decimal point") }
            skipDigits()
        }
        if position < end, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < end, bytes[position].isDigit else { throw syntaxError("expected a digit in the exponent") }
            skipDigits()
        }
        return start..<position
    }

    mutating func skipDigits() {
        while position < end, bytes[position].isDigit { position += 1 }
    }

    /// `true`, `false` or `null`, exactly; returns the word.
    mutating func readLiteral(_ word: StaticString) throws(JSONStop) -> String {
        let length = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: length)
        guard end - position >= length, UnsafeBufferPointer(rebasing: bytes[position..<(position + length)]).elementsEqual(expected) else {
            throw syntaxError("expected a value, found \(describeByte(at: position))", fix: hintForUnexpectedValue())
        }
        position += length
        return word.description
    }

    /// A string's text: a range of the input when it has no escapes (the usual case), else its decoded bytes.
    struct StringText {
        fileprivate let input: UnsafeBufferPointer<UInt8>
        fileprivate let range: Range<Int>
        fileprivate let decoded: [UInt8]?

        func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            if let decoded { return decoded.withUnsafeBufferPointer(body) }
            return body(UnsafeBufferPointer(rebasing: input[range]))
        }

        var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }
    }

    /// `string = '"' (char | escape)* '"'`: UTF-8 text without raw control characters; escapes
    /// include `\uXXXX`, where a surrogate must be half of a pair.
    mutating func readString() throws(JSONStop) -> StringText {
        let quote = position
        position += 1
        let start = position
        var allBits: UInt8 = 0
        var decoded: [UInt8]?
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = StringText(input: bytes, range: start..<position, decoded: decoded)
                position += 1
                // Escapes only ever add well-formed UTF-8, so only raw non-ASCII bytes need checking.
                if allBits >= 0x80, text.withBytes({ String(validating: $0, as: UTF8.self) }) == nil {
                    throw JSONStop.syntax(
                        offset: quote, kind: .invalidEncoding, message: "this text is not valid UTF-8",
                        fix: "save the file as UTF-8 (it may be in Latin-1 or Windows-1252)")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") {
                if decoded == nil { decoded = Array(bytes[start..<position]) }
                try readEscape(into: &decoded)
                continue
            }
            if byte < 0x20 {
                throw syntaxError(
                    byte == UInt8(ascii: "\n") ? "the text is not closed before the end of the line" : "a control character inside text",
                    fix: byte == UInt8(ascii: "\n")
                        ? "close the text with `\"`, or write a line break as `\\n`" : "write it as an escape, such as `\\t` or `\\u0000`")
            }
            allBits |= byte
            decoded?.append(byte)
            position += 1
        }
        throw JSONStop.syntax(
            offset: quote, kind: .invalidInput, message: "the text that starts here is not closed before the end of the \(endName)",
            fix: "close the text with `\"`")
    }

    /// One escape after a backslash, appended to `decoded` as UTF-8.
    mutating func readEscape(into decoded: inout [UInt8]?) throws(JSONStop) {
        let escapeStart = position
        position += 1
        guard position < end else { throw syntaxError("expected an escape after `\\`") }
        let letter = bytes[position]
        position += 1
        let simple: UInt8? =
            switch letter {
            case UInt8(ascii: "\""): UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case UInt8(ascii: "/"): UInt8(ascii: "/")
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): UInt8(ascii: "\n")
            case UInt8(ascii: "r"): UInt8(ascii: "\r")
            case UInt8(ascii: "t"): UInt8(ascii: "\t")
            default: nil
            }
        if let simple {
            decoded?.append(simple)
            return
        }
        guard letter == UInt8(ascii: "u") else {
            position = escapeStart
            throw syntaxError("`\\\(describeScalar(letter))` is not an escape", fix: "write a backslash itself as `\\\\`")
        }
        var scalar = try readHexUnit(escapeStart: escapeStart)
        if (0xD800...0xDBFF).contains(scalar) {
            // A high surrogate must be followed by `\u` and a low one; together they are one scalar.
            guard end - position >= 6, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                position = escapeStart
                throw syntaxError("`\\u` with a high surrogate must be followed by `\\u` and a low surrogate")
            }
            position += 2
            let low = try readHexUnit(escapeStart: escapeStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                position = escapeStart
                throw syntaxError("`\\u` with a high surrogate must be followed by `\\u` and a low surrogate")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            position = escapeStart
            throw syntaxError("a low surrogate `\\u` escape without the high one before it")
        }
        guard let unicode = Unicode.Scalar(scalar) else {
            position = escapeStart
            throw syntaxError("`\\u` escape does not name a character")
        }
        if let encoded = UTF8.encode(unicode) { decoded?.append(contentsOf: encoded) }
    }

    /// Four hex digits after `\u`.
    mutating func readHexUnit(escapeStart: Int) throws(JSONStop) -> UInt32 {
        guard end - position >= 4 else {
            position = escapeStart
            throw syntaxError("`\\u` must be followed by four hex digits")
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                position = escapeStart
                throw syntaxError("`\\u` must be followed by four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
