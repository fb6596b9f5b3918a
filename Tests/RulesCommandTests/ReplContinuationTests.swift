// Unit tests of when an entry continues on the next line: open brackets, open blocks, trailing operators.

import Testing

@testable import rules

@Suite struct ReplContinuationTests {
    @Test(arguments: [
        "fn double(a) {",
        "fn double(a) {\n  let b = a * 2",
        "sum([1, 2,",
        "let x = (1 +",
        "let total = 1 +",
        "x and",
        "affiliates where",
        "let rate =",
        "tiers rate {\n  ..< $1_000: 5%",
        "when {",
        "test \"t\" given a = 1,",
        "xs sort by it.sales desc take",
    ])
    func continues(_ text: String) {
        #expect(Continuation.needsMoreLines(text))
    }

    @Test(arguments: [
        "1 + 2",
        "fn double(a) {\n  a * 2\n}",
        "let x = \"(\"",
        "let x = 1 # {",
        "xs take 3",
        "[1, 2]",
        "x)",
        "",
        "let x = 5%",
        "-$100",
    ])
    func isComplete(_ text: String) {
        #expect(!Continuation.needsMoreLines(text))
    }
}
