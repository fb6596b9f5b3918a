// Codes for the distinct texts of a column, found from the text's bytes without making a string.

/// Gives each distinct text (as UTF-8 bytes) a code, 0 for the first, in order of first
/// appearance. Texts compare by their bytes, which for valid UTF-8 (data files are checked)
/// is the language's comparison by Unicode scalars.
///
/// A data column of a million cells with a few thousand distinct values (affiliate ids,
/// categories, currency codes) costs one hash of a few bytes per cell, and one string per
/// distinct text, instead of a string per cell.
struct TextInterner {
    /// The distinct texts' bytes, one after another, and where each starts (plus the end).
    private var pool: [UInt8] = []
    private var starts: [Int32] = [0]
    /// Open addressing: each slot holds the high half of a text's hash and its code plus one
    /// (zero for an empty slot), so a probe reads one word.
    private var slots: [UInt64] = Array(repeating: 0, count: 64)
    private(set) var count = 0

    /// The code of the text, given it a new one when it is new.
    mutating func code(for text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = TextInterner.hash(text)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let code = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if matches(Int(code), text) { return code }
            }
            slot = (slot + 1) & mask
        }
        let code = Int32(count)
        count += 1
        slots[slot] = tag | UInt64(code + 1)
        pool.append(contentsOf: text)
        starts.append(Int32(pool.count))
        if count * 2 > slots.count { grow() }
        return code
    }

    mutating func code(for text: String) -> Int32 {
        var text = text
        return text.withUTF8 { code(for: $0) }
    }

    /// This interner's code for each of `other`'s texts, by the other's code, read from its
    /// bytes without making strings.
    mutating func codes(translating other: TextInterner) -> [Int32] {
        var translated: [Int32] = []
        translated.reserveCapacity(other.count)
        other.pool.withUnsafeBufferPointer { pool in
            for theirs in 0..<other.count {
                let start = Int(other.starts[theirs]), end = Int(other.starts[theirs + 1])
                translated.append(code(for: UnsafeBufferPointer(rebasing: pool[start..<end])))
            }
        }
        return translated
    }

    /// Each distinct text, by code.
    func texts() -> [String] {
        (0..<count).map { text(Int32($0)) }
    }

    func text(_ code: Int32) -> String {
        pool.withUnsafeBufferPointer { String(decoding: $0[Int(starts[Int(code)])..<Int(starts[Int(code) + 1])], as: UTF8.self) }
    }

    private func matches(_ code: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[code]), end = Int(starts[code + 1])
        guard end - start == text.count else { return false }
        for index in 0..<text.count where pool[start + index] != text[index] { return false }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        pool.withUnsafeBufferPointer { pool in
            for code in 0..<count {
                let hash = TextInterner.hash(UnsafeBufferPointer(rebasing: pool[Int(starts[code])..<Int(starts[code + 1])]))
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(code + 1)
            }
        }
    }

    /// FNV-1a, then a final mix so the low bits (which pick the slot) depend on every byte.
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
