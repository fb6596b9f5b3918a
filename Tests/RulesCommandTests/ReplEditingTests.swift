// Unit tests of the REPL's editing model: the line buffer, history, key decoding and scrolling.

import Testing

@testable import rules

@Suite struct ReplLineBufferTests {
    @Test func typingInsertsAtTheCursor() {
        var buffer = LineBuffer()
        buffer.insert("x + 0")
        buffer.moveLeft()
        buffer.moveLeft()
        buffer.moveLeft()
        buffer.insert("1")
        #expect(buffer.text == "x 1+ 0")
        #expect(buffer.cursor == 3)
    }

    @Test func homeEndAndBounds() {
        var buffer = LineBuffer("abc")
        buffer.moveRight()
        #expect(buffer.cursor == 3)
        buffer.moveToStart()
        buffer.moveLeft()
        #expect(buffer.cursor == 0)
        buffer.insert(">")
        buffer.moveToEnd()
        buffer.insert("<")
        #expect(buffer.text == ">abc<")
    }

    @Test func backspaceAndDelete() {
        var buffer = LineBuffer("abcd")
        buffer.moveLeft()
        let step1 = buffer.deleteBackward()
        #expect(step1)
        #expect(buffer.text == "abd")
        let step2 = buffer.deleteForward()
        #expect(step2)
        #expect(buffer.text == "ab")
        let step3 = buffer.deleteForward()
        #expect(!step3)
        buffer.moveToStart()
        let step4 = buffer.deleteBackward()
        #expect(!step4)
        #expect(buffer.text == "ab")
    }

    @Test func multiByteCharactersMoveAsOne() {
        var buffer = LineBuffer()
        buffer.insert("€30 + £2")
        #expect(buffer.characters.count == 8)
        buffer.moveToStart()
        buffer.moveRight()
        buffer.insert("1")
        #expect(buffer.text == "€130 + £2")
        buffer.moveToEnd()
        buffer.moveLeft()
        let step5 = buffer.deleteBackward()
        #expect(step5)
        #expect(buffer.text == "€130 + 2")
    }

    @Test func combiningMarksJoinTheCharacterBeforeThem() {
        var buffer = LineBuffer()
        buffer.insert(Unicode.Scalar("e"))
        buffer.insert(Unicode.Scalar(0x0301)!)  // combining acute accent
        buffer.insert("x")
        #expect(buffer.characters.count == 2)
        buffer.moveLeft()
        let step6 = buffer.deleteBackward()
        #expect(step6)
        #expect(buffer.text == "x")
    }

    @Test func wordMovesAndKills() {
        var buffer = LineBuffer("sum(payouts.total) + bonus")
        buffer.moveWordLeft()
        #expect(buffer.cursor == 21)
        buffer.deleteWordBackward()
        #expect(buffer.text == "sum(payouts.bonus")
        #expect(buffer.cursor == 12)
        buffer.moveToStart()
        buffer.moveWordRight()
        #expect(buffer.cursor == 3)
        buffer.deleteToEnd()
        #expect(buffer.text == "sum")
        buffer.moveLeft()
        buffer.deleteToStart()
        #expect(buffer.text == "m")
        #expect(buffer.cursor == 0)
    }

    @Test func terminalWidths() {
        #expect("€£$".terminalWidth == 3)
        #expect("漢字".terminalWidth == 4)
        #expect("é".terminalWidth == 1)
    }

    @Test func longLinesScrollToKeepTheCursorInView() {
        var buffer = LineBuffer("0123456789abcdef")
        let end = LineEditor.visibleSlice(of: buffer, width: 10)
        // The cursor may sit just past the last cell shown: the editor keeps that column spare.
        #expect(end.text == "6789abcdef")
        #expect(end.cursorColumn == 10)
        buffer.moveToStart()
        let start = LineEditor.visibleSlice(of: buffer, width: 10)
        #expect(start.text == "0123456789")
        #expect(start.cursorColumn == 0)
    }
}

@Suite struct ReplHistoryTests {
    @Test func upAndDownWalkTheEntriesAndKeepTheDraft() {
        var history = History(entries: ["let x = 2", "x * 3"])
        let step7 = history.previous(current: "draft")
        #expect(step7 == "x * 3")
        let step8 = history.previous(current: "x * 3")
        #expect(step8 == "let x = 2")
        let step9 = history.previous(current: "let x = 2")
        #expect(step9 == nil)
        let step10 = history.next()
        #expect(step10 == "x * 3")
        let step11 = history.next()
        #expect(step11 == "draft")
        let step12 = history.next()
        #expect(step12 == nil)
    }

    @Test func blankAndRepeatedLinesAreNotRecorded() {
        var history = History()
        let step13 = history.add("x")
        #expect(step13)
        let step14 = history.add("x")
        #expect(!step14)
        let step15 = history.add("   ")
        #expect(!step15)
        let step16 = history.add("y")
        #expect(step16)
        #expect(history.entries == ["x", "y"])
    }

    @Test func onlyTheNewestEntriesAreKept() {
        var history = History(entries: (1...5).map(String.init), limit: 3)
        #expect(history.entries == ["3", "4", "5"])
        history.add("6")
        #expect(history.entries == ["4", "5", "6"])
    }

    @Test func historyFileSurvivesMissingAndOddFiles() throws {
        let folder = try RulesBinary.write("", name: "placeholder").replacingOccurrences(of: "/placeholder", with: "")
        // A directory where the file should be: nothing loads, nothing is written, nothing fails.
        let odd = HistoryFile(path: folder, limit: 10)
        #expect(odd.load().isEmpty)
        odd.append("x")
        let file = HistoryFile(path: folder + "/history", limit: 3)
        #expect(file.load().isEmpty)
        for line in ["a", "b", "€ 5", "d"] { file.append(line) }
        #expect(file.load() == ["b", "€ 5", "d"])
    }

    /// A multi-line entry is one line of the file, and comes back whole, with any `\n` typed
    /// inside text kept as typed.
    @Test func historyFileKeepsMultiLineEntriesWhole() throws {
        let folder = try PipedRepl.temporaryFolder()
        let file = HistoryFile(path: folder + "/history", limit: 10)
        let entries = ["fn f(x) {\n  let y = x * 2\n  y\n}", #"let t = "a\nb" + "c\\d""#, "plain"]
        for entry in entries { file.append(entry) }
        #expect(file.load() == entries)
        #expect(try String(contentsOfFile: folder + "/history", encoding: .utf8).split(separator: "\n").count == 3)
    }
}

@Suite struct ReplKeyDecoderTests {
    private func keys(_ bytes: [UInt8]) -> [Key] {
        var rest = bytes[...]
        var result: [Key] = []
        while case .key(let key, let length) = KeyDecoder.decode(rest) {
            result.append(key)
            rest = rest.dropFirst(length)
        }
        return result
    }

    @Test func printableAndUTF8() {
        #expect(keys(Array("a€£".utf8)) == [.text("a"), .text("€"), .text("£")])
    }

    @Test func arrowsHomeEndDelete() {
        #expect(keys([0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x42, 0x1B, 0x5B, 0x43, 0x1B, 0x5B, 0x44]) == [.up, .down, .right, .left])
        #expect(keys(Array("\u{1B}[H\u{1B}[F\u{1B}OH\u{1B}[1~\u{1B}[4~\u{1B}[3~".utf8)) == [.home, .end, .home, .home, .end, .delete])
        #expect(keys(Array("\u{1B}[1;5C\u{1B}[1;5D\u{1B}b".utf8)) == [.wordRight, .wordLeft, .wordLeft])
    }

    @Test func controlKeys() {
        #expect(
            keys([0x01, 0x05, 0x03, 0x04, 0x0C, 0x7F, 0x0D, 0x0B, 0x15, 0x17])
                == [.home, .end, .interrupt, .endOfInput, .clearScreen, .backspace, .enter, .deleteToEnd, .deleteToStart, .deleteWordBackward])
    }

    @Test func partialInputWaitsForMore() {
        #expect(KeyDecoder.decode([0xE2, 0x82][...]) == .incomplete)
        #expect(KeyDecoder.decode([0x1B][...]) == .incomplete)
        #expect(KeyDecoder.decode([0x1B, 0x5B, 0x31][...]) == .incomplete)
    }

    @Test func malformedBytesAreSkipped() {
        #expect(KeyDecoder.decode([0xFF, 0x41][...]) == .key(.ignored, length: 1))
        #expect(KeyDecoder.decode([0xE2, 0x41][...]) == .key(.ignored, length: 1))
        #expect(keys([0x1B, 0x5B, 0x39, 0x39, 0x7A, 0x41]) == [.ignored, .text("A")])
    }
}
