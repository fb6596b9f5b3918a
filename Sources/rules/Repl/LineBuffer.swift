// The line being edited, as characters and a cursor: the editing model with no terminal attached.

/// The text of the line being edited and where the cursor is, in whole characters.
///
/// Editing works on `Character`s (grapheme clusters), not bytes or scalars, so one press of
/// Left or Backspace steps over `€`, `é` written as `e` plus a combining accent, or a flag,
/// exactly as the terminal shows them. The line editor keeps no other copy of the text.
struct LineBuffer: Equatable {
    private(set) var characters: [Character] = []
    /// The cursor's position: 0 is before the first character, `characters.count` after the last.
    private(set) var cursor = 0

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }
    var isEmpty: Bool { characters.isEmpty }

    /// Inserts one scalar at the cursor. A scalar that joins the character before it (a
    /// combining accent, the second half of a flag) extends that character instead of
    /// becoming a character of its own, so it can never be split by cursor movement.
    mutating func insert(_ scalar: Unicode.Scalar) {
        if cursor > 0 {
            var joined = String(characters[cursor - 1])
            joined.unicodeScalars.append(scalar)
            if joined.count == 1, let single = joined.first {
                characters[cursor - 1] = single
                return
            }
        }
        characters.insert(Character(scalar), at: cursor)
        cursor += 1
    }

    /// Inserts text at the cursor, as if typed.
    mutating func insert(_ text: String) {
        for scalar in text.unicodeScalars { insert(scalar) }
    }

    /// Replaces the whole line (a recalled history entry), with the cursor at its end.
    mutating func replace(with text: String) {
        self = LineBuffer(text)
    }

    mutating func moveLeft() { cursor = max(0, cursor - 1) }
    mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    mutating func moveToStart() { cursor = 0 }
    mutating func moveToEnd() { cursor = characters.count }

    /// Moves to the start of the word before the cursor (skipping the spaces in between).
    mutating func moveWordLeft() {
        while cursor > 0, !characters[cursor - 1].isWordCharacter { cursor -= 1 }
        while cursor > 0, characters[cursor - 1].isWordCharacter { cursor -= 1 }
    }

    /// Moves to the end of the word after the cursor.
    mutating func moveWordRight() {
        while cursor < characters.count, !characters[cursor].isWordCharacter { cursor += 1 }
        while cursor < characters.count, characters[cursor].isWordCharacter { cursor += 1 }
    }

    /// Deletes the character before the cursor (Backspace); false when there is none.
    @discardableResult
    mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    /// Deletes the character under the cursor (Delete); false when the cursor is at the end.
    @discardableResult
    mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    /// Deletes from the cursor to the end of the line (Ctrl-K).
    mutating func deleteToEnd() {
        characters.removeSubrange(cursor...)
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U).
    mutating func deleteToStart() {
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Deletes the word before the cursor and the spaces after it (Ctrl-W).
    mutating func deleteWordBackward() {
        let end = cursor
        moveWordLeft()
        characters.removeSubrange(cursor..<end)
    }
}

extension Character {
    /// Letters, digits and `_` make up words for word-wise movement, as in identifiers.
    var isWordCharacter: Bool { isLetter || isNumber || self == "_" }

    /// How many terminal cells the character takes: 2 for East Asian wide characters and
    /// most emoji, 0 for control characters, 1 otherwise (`€` and `£` are narrow).
    var terminalWidth: Int {
        guard let first = unicodeScalars.first else { return 0 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
        if unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        return Character.wideRanges.contains { $0.contains(first.value) } ? 2 : 1
    }

    /// Code points that terminals draw two cells wide (the East Asian Wide and Fullwidth blocks).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension String {
    /// How many terminal cells the text takes.
    var terminalWidth: Int { reduce(0) { $0 + $1.terminalWidth } }
}
