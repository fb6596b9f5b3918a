// Turns the bytes a terminal sends into keys: UTF-8 characters, control keys, escape sequences.

/// A key press, named by what the line editor does with it.
enum Key: Equatable {
    /// A character to insert: one Unicode scalar, decoded from its UTF-8 bytes.
    case text(Unicode.Scalar)
    case enter, backspace, delete, tab
    case left, right, up, down, home, end, wordLeft, wordRight
    /// Ctrl-C: abandon the line.
    case interrupt
    /// Ctrl-D: delete forward, or leave when the line is empty.
    case endOfInput
    /// Ctrl-L.
    case clearScreen
    /// Ctrl-K, Ctrl-U, Ctrl-W.
    case deleteToEnd, deleteToStart, deleteWordBackward
    /// Anything else: unknown escape sequences, stray bytes, keys with no binding.
    case ignored
}

/// Decodes one key at a time from the bytes read so far.
///
/// Pure, so it can be tested without a terminal: the editor keeps the bytes it has read and
/// asks for the next key; `incomplete` means the bytes end inside a UTF-8 character or an
/// escape sequence and more must be read (or, after a pause, the first byte dropped: a lone
/// Escape key press).
enum KeyDecoder {
    enum Decoded: Equatable {
        case key(Key, length: Int)
        case incomplete
    }

    static let escape: UInt8 = 0x1B

    static func decode(_ bytes: ArraySlice<UInt8>) -> Decoded {
        guard let first = bytes.first else { return .incomplete }
        switch first {
        case escape: return decodeEscape(bytes)
        case 0x00..<0x20, 0x7F: return .key(controlKey(first), length: 1)
        case 0x20..<0x80:
            return .key(.text(Unicode.Scalar(first)), length: 1)
        default:
            return decodeUTF8(bytes)
        }
    }

    private static func controlKey(_ byte: UInt8) -> Key {
        switch byte {
        case 0x01: .home  // Ctrl-A
        case 0x02: .left  // Ctrl-B
        case 0x03: .interrupt  // Ctrl-C
        case 0x04: .endOfInput  // Ctrl-D
        case 0x05: .end  // Ctrl-E
        case 0x06: .right  // Ctrl-F
        case 0x08, 0x7F: .backspace  // Ctrl-H, Backspace
        case 0x09: .tab
        case 0x0A, 0x0D: .enter  // Ctrl-J, Return
        case 0x0B: .deleteToEnd  // Ctrl-K
        case 0x0C: .clearScreen  // Ctrl-L
        case 0x0E: .down  // Ctrl-N
        case 0x10: .up  // Ctrl-P
        case 0x15: .deleteToStart  // Ctrl-U
        case 0x17: .deleteWordBackward  // Ctrl-W
        default: .ignored
        }
    }

    /// One UTF-8 encoded scalar; a malformed byte is skipped on its own.
    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> Decoded {
        guard let first = bytes.first else { return .incomplete }
        let length: Int
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return .key(.ignored, length: 1)
        }
        let available = bytes.prefix(length)
        for byte in available.dropFirst() where byte & 0xC0 != 0x80 { return .key(.ignored, length: 1) }
        guard available.count == length else { return .incomplete }
        var decoder = UTF8()
        var iterator = available.makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return .key(.ignored, length: 1) }
        return .key(.text(scalar), length: length)
    }

    /// `ESC [ params final`, `ESC O final`, or Alt plus a key (`ESC b`, `ESC f`).
    private static func decodeEscape(_ bytes: ArraySlice<UInt8>) -> Decoded {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return .incomplete }
        let second = bytes[start + 1]
        switch second {
        case UInt8(ascii: "["):
            return decodeControlSequence(bytes)
        case UInt8(ascii: "O"):
            guard bytes.count >= 3 else { return .incomplete }
            return .key(finalKey(bytes[start + 2], parameters: []), length: 3)
        case UInt8(ascii: "b"): return .key(.wordLeft, length: 2)
        case UInt8(ascii: "f"): return .key(.wordRight, length: 2)
        case 0x7F: return .key(.deleteWordBackward, length: 2)
        default: return .key(.ignored, length: 1)
        }
    }

    /// `ESC [` then parameter bytes (`0-9;`), intermediate bytes, and one final byte.
    private static func decodeControlSequence(_ bytes: ArraySlice<UInt8>) -> Decoded {
        var index = bytes.startIndex + 2
        while index < bytes.endIndex, (0x30...0x3F).contains(bytes[index]) { index += 1 }
        let parameterBytes = bytes[(bytes.startIndex + 2)..<index]
        while index < bytes.endIndex, (0x20...0x2F).contains(bytes[index]) { index += 1 }
        guard index < bytes.endIndex else { return .incomplete }
        let final = bytes[index]
        let length = index - bytes.startIndex + 1
        guard (0x40...0x7E).contains(final) else { return .key(.ignored, length: length) }
        let parameters = String(decoding: parameterBytes, as: UTF8.self).split(separator: ";").map { Int($0) ?? 0 }
        return .key(finalKey(final, parameters: parameters), length: length)
    }

    /// The key a sequence's final byte names; a modifier parameter of Ctrl or Alt (`1;5C`)
    /// turns Left and Right into word moves.
    private static func finalKey(_ final: UInt8, parameters: [Int]) -> Key {
        let modified = parameters.count >= 2 && [3, 5, 7].contains(parameters[1])
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return modified ? .wordRight : .right
        case UInt8(ascii: "D"): return modified ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch parameters.first {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            default: return .ignored
            }
        default: return .ignored
        }
    }
}
