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
    /// Open addressing, two words a slot: the high 24 bits of the text's hash, its length (up
    /// to 255) and its code plus one (zero for an empty slot); then its first 8 bytes. A text
    /// of 8 bytes or fewer (an affiliate id, a category) is found with the one cache line of
    /// its slot, without reading the pool: with a hundred thousand distinct ids, each other
    /// read would be a miss.
    private var slots: [UInt64] = Array(repeating: 0, count: 2 * 64)
    private var slotCount = 64
    private(set) var count = 0

    /// The code of the text, given it a new one when it is new.
    mutating func code(for text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let prefix = TextInterner.prefix(text)
        let hash = TextInterner.hash(text, prefix: prefix)
        let head = TextInterner.head(hash, text.count)
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[2 * slot]
            if entry == 0 { break }
            if entry & TextInterner.headMask == head, slots[2 * slot + 1] == prefix {
                let code = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if text.count <= 8 || matches(Int(code), text) { return code }
            }
            slot = (slot + 1) & mask
        }
        let code = Int32(count)
        count += 1
        slots[2 * slot] = head | UInt64(code + 1)
        slots[2 * slot + 1] = prefix
        pool.append(contentsOf: text)
        starts.append(Int32(pool.count))
        if count * 2 > slotCount { grow() }
        return code
    }

    private static let headMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// The slot's first word without the code: 24 bits of hash, then the length.
    @inline(__always)
    private static func head(_ hash: UInt64, _ length: Int) -> UInt64 {
        (hash & 0xFFFF_FF00_0000_0000) | (UInt64(min(length, 255)) << 32)
    }

    /// The first 8 bytes, little end first, zeros after a shorter text's end.
    @inline(__always)
    private static func prefix(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        word(text, at: 0)
    }

    /// The 8 bytes from `start` (fewer at the text's end, zeros after it), little end first:
    /// one load when all 8 are there.
    @inline(__always)
    private static func word(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt64 {
        if start + 8 <= text.count, let base = text.baseAddress {
            return UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
        }
        var word: UInt64 = 0
        for index in start..<min(text.count, start + 8) { word |= UInt64(text[index]) << (8 * UInt64(index - start)) }
        return word
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

    /// Forgets every text, keeping the table's size.
    mutating func removeAll() {
        guard count > 0 else { return }
        pool.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        count = 0
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
        slotCount *= 2
        slots = Array(repeating: 0, count: 2 * slotCount)
        let mask = slotCount - 1
        pool.withUnsafeBufferPointer { pool in
            for code in 0..<count {
                let text = UnsafeBufferPointer(rebasing: pool[Int(starts[code])..<Int(starts[code + 1])])
                let prefix = TextInterner.prefix(text)
                let hash = TextInterner.hash(text, prefix: prefix)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
                slots[2 * slot] = TextInterner.head(hash, text.count) | UInt64(code + 1)
                slots[2 * slot + 1] = prefix
            }
        }
    }

    /// The text 8 bytes at a time (its first 8 are `prefix`), with its length, then a final
    /// mix so the low bits (which pick the slot) depend on every byte. A byte at a time, the
    /// hash of an 8-byte id was a chain of 8 multiplications.
    @inline(__always)
    private static func hash(_ text: UnsafeBufferPointer<UInt8>, prefix: UInt64) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (prefix ^ UInt64(text.count)) &* multiplier
        var start = 8
        while start < text.count {
            hash = (hash ^ (hash >> 31) ^ word(text, at: start)) &* multiplier
            start += 8
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
