// The text interner against a dictionary: one code per distinct text, in order of first
// appearance, for short texts (found by their slot alone), long ones sharing their first 8
// bytes and length, empty and non-ASCII texts, through many table growths; translation
// between interners, as joining the parts of a parallel load does.

import Testing

@testable import CampaignRules

@Suite struct TextInternerTests {
    /// Texts that stress the slot's prefix and length: ids of 1 to 20 characters, many
    /// sharing their first 8 bytes (`affiliate-0001`, `affiliate-0002`), some empty or accented.
    static func texts(_ count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(state: seed)
        return (0..<count).map { _ in
            let n = Int(random.next() % 3_000)
            switch random.next() % 5 {
            case 0: return "a\(n % 50)"
            case 1: return "affiliate-\(n)"
            case 2: return "aff\(n)"
            case 3: return n % 97 == 0 ? "" : "café-\(n % 300)"
            default: return String(repeating: "x", count: n % 12) + "\(n % 7)"
            }
        }
    }

    @Test func codesMatchADictionary() {
        var interner = TextInterner()
        var expected: [String: Int32] = [:]
        for text in TextInternerTests.texts(50_000, seed: 7) {
            let code = interner.code(for: text)
            let known = expected[text]
            #expect(known == nil || known == code, "\(text) got \(code), had \(known ?? -1)")
            if known == nil {
                #expect(code == Int32(expected.count), "a new text gets the next code")
                expected[text] = code
            }
        }
        #expect(interner.count == expected.count)
        for (text, code) in expected { #expect(interner.text(code) == text) }
    }

    @Test func translationKeepsEveryText() {
        var first = TextInterner(), second = TextInterner()
        for text in TextInternerTests.texts(5_000, seed: 1) { _ = first.code(for: text) }
        for text in TextInternerTests.texts(5_000, seed: 2) { _ = second.code(for: text) }
        let translated = first.codes(translating: second)
        #expect(translated.count == second.count)
        for (theirs, ours) in translated.enumerated() { #expect(first.text(ours) == second.text(Int32(theirs))) }
    }
}
