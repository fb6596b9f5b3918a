import Testing

@testable import CampaignRules

/// How an error's source excerpt is drawn: whole short lines, a window of long ones, and
/// characters that would garble a terminal drawn as visible symbols.
struct DiagnosticRendererTests {
    private func render(_ bytes: [UInt8], from start: Int, to end: Int) -> [String] {
        let source = SourceFile(path: "t.rules", bytes: bytes)
        let diagnostic = Diagnostic(.invalidCharacter, at: SourceRange(start: start, end: end), "m")
        return DiagnosticRenderer(source: source).render(diagnostic).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func aShortLineIsShownWhole() {
        let lines = render(Array("output x = 1 ~ 2\n".utf8), from: 13, to: 14)
        #expect(lines == ["t.rules:1:14: error: m", "  |", "1 | output x = 1 ~ 2", "  |              ^"])
    }

    @Test func aLongLineIsAWindowAroundTheCaret() {
        let text = "output x = " + String(repeating: "(", count: 5_000) + "1"
        let lines = render(Array(text.utf8), from: 2_000, to: 2_001)
        #expect(lines[2] == "1 | …" + String(repeating: "(", count: DiagnosticRenderer.excerptWidth) + "…")
        // 40 scalars of context before the caret, after the leading `…`.
        #expect(lines[3] == "  | " + String(repeating: " ", count: 1 + ExcerptWindow.context) + "^")
    }

    @Test func theWindowOfALongLineEndsWithTheLine() {
        let text = String(repeating: "a", count: 300) + "~"
        let lines = render(Array(text.utf8), from: 300, to: 301)
        let shownAs = String(repeating: "a", count: DiagnosticRenderer.excerptWidth - 1) + "~"
        #expect(lines[2] == "1 | …" + shownAs)
        #expect(lines[3] == "  | " + String(repeating: " ", count: DiagnosticRenderer.excerptWidth) + "^")
    }

    @Test func aCaretRunIsClippedToTheWindow() {
        let text = String(repeating: "b", count: 1_000)
        let lines = render(Array(text.utf8), from: 500, to: 1_000)
        #expect(
            lines[3] == "  | " + String(repeating: " ", count: 1 + ExcerptWindow.context)
                + String(repeating: "^", count: DiagnosticRenderer.excerptWidth - ExcerptWindow.context))
    }

    @Test func controlCharactersAreDrawnAsSymbolsAndTabsAsSpaces() {
        let lines = render(Array("a\u{0}b\tc\u{1B}d\u{7F}".utf8), from: 1, to: 2)
        #expect(lines[2] == "1 | a\u{2400}b c\u{241B}d\u{2421}")
        #expect(lines[3] == "  |  ^")
    }
}
