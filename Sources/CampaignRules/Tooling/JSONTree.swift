// A JSON document built as a tree and written pretty-printed, keys in the order they were added.

/// A JSON value for the machine-readable reports (`check --format json|sarif`, `test --format
/// json`). Objects keep their keys in insertion order, so the same report always prints the
/// same bytes; strings are escaped as `JSONWriter` escapes them.
public indirect enum JSONTree: Sendable {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case integer(Int)
    /// A number already written as JSON digits (a duration in seconds, `0.004`).
    case number(String)
    case bool(Bool)
    case null

    /// The document, indented two spaces a level (without a final line break).
    public var text: String {
        let buffer = ByteBuffer()
        append(to: buffer, indent: 0)
        return buffer.text
    }

    /// A string, or null when there is none (a diagnostic without a fix).
    static func optional(_ text: String?) -> JSONTree {
        text.map(JSONTree.string) ?? .null
    }

    private func append(to buffer: ByteBuffer, indent: Int) {
        switch self {
        case .object(let members):
            appendContainer(members, open: "{", close: "}", to: buffer, indent: indent) { member, buffer in
                JSONWriter.appendString(member.0, to: buffer)
                buffer.append(UInt8(ascii: ":"), UInt8(ascii: " "))
                member.1.append(to: buffer, indent: indent + 1)
            }
        case .array(let items):
            appendContainer(items, open: "[", close: "]", to: buffer, indent: indent) { item, buffer in
                item.append(to: buffer, indent: indent + 1)
            }
        case .string(let text): JSONWriter.appendString(text, to: buffer)
        case .integer(let value): buffer.append(String(value))
        case .number(let digits): buffer.append(digits)
        case .bool(let flag): buffer.append(flag ? "true" : "false")
        case .null: buffer.append("null")
        }
    }

    /// Writes `[]` or `{}` when empty, else one element a line, indented under the bracket.
    private func appendContainer<Element>(
        _ elements: [Element], open: Unicode.Scalar, close: Unicode.Scalar, to buffer: ByteBuffer,
        indent: Int, _ appendElement: (Element, ByteBuffer) -> Void
    ) {
        buffer.append(UInt8(ascii: open))
        for (index, element) in elements.enumerated() {
            buffer.append(index == 0 ? "\n" : ",\n")
            buffer.append(repeating: UInt8(ascii: " "), count: 2 * (indent + 1))
            appendElement(element, buffer)
        }
        if !elements.isEmpty {
            buffer.append(UInt8(ascii: "\n"))
            buffer.append(repeating: UInt8(ascii: " "), count: 2 * indent)
        }
        buffer.append(UInt8(ascii: close))
    }
}
