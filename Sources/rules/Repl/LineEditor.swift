// Reads one line from the terminal in raw mode, with cursor keys, editing keys and history.

/// An interactive line reader: the terminal half of editing (the text half is `LineBuffer`).
///
/// Long lines scroll sideways within the one screen row rather than wrapping, which keeps
/// redrawing to "return to column 0, draw, clear to the end, place the cursor" and so correct
/// on any terminal width, including after the window is resized.
final class LineEditor {
    enum Outcome: Equatable {
        case line(String)
        /// Ctrl-C: the line (and any unfinished entry) is abandoned.
        case cancelled
        /// Ctrl-D on an empty line, or the input closed.
        case endOfInput
    }

    private(set) var history: History
    private let historyFile: HistoryFile?
    /// What the later lines of a recalled multi-line entry are drawn after.
    var continuationPrompt = "   ... "
    /// Bytes read but not yet decoded: the rest of a paste, or half an escape sequence. A
    /// slice, so taking a key off the front is free however long a paste is.
    private var pending: ArraySlice<UInt8> = []

    /// Whether more input is waiting, or follows within a moment: the rest of a paste.
    var hasPendingInput: Bool { !pending.isEmpty || Terminal.hasInput(within: Terminal.pasteGap) }

    /// How long to wait for the rest of an escape sequence before taking a lone Escape.
    static let escapeTimeout: Int32 = 50

    init(history: History, historyFile: HistoryFile?) {
        self.history = history
        self.historyFile = historyFile
    }

    func readLine(prompt: String) -> Outcome {
        guard Terminal.enableRawMode() else { return readPlainLine(prompt: prompt) }
        defer { Terminal.disableRawMode() }
        var buffer = LineBuffer()
        redraw(prompt, buffer)
        var needsRedraw = false
        while true {
            switch KeyDecoder.decode(pending[...]) {
            case .key(let key, let length):
                pending.removeFirst(length)
                if let outcome = handle(key, &buffer, prompt: prompt) { return outcome }
                needsRedraw = true
            case .incomplete:
                // Draw once per batch of keys, not once per pasted character.
                if needsRedraw {
                    redraw(prompt, buffer)
                    needsRedraw = false
                }
                guard let bytes = Terminal.readBytes(timeout: pending.isEmpty ? nil : Self.escapeTimeout) else {
                    pending.removeAll()
                    Terminal.output("\r\n")
                    return buffer.isEmpty ? .endOfInput : .line(buffer.text)
                }
                if bytes.isEmpty {
                    // Nothing more came: a lone Escape, or a broken sequence; drop its first byte.
                    pending.removeFirst()
                } else {
                    pending += bytes
                }
            }
        }
    }

    /// Applies one key; returns how the line ends when the key ends it.
    private func handle(_ key: Key, _ buffer: inout LineBuffer, prompt: String) -> Outcome? {
        switch key {
        case .text(let scalar): buffer.insert(scalar)
        case .tab: buffer.insert("  ")
        case .enter:
            commit(prompt, buffer, ending: "")
            history.resetNavigation()
            return .line(buffer.text)
        case .interrupt:
            commit(prompt, buffer, ending: "^C")
            history.resetNavigation()
            return .cancelled
        case .endOfInput:
            guard buffer.isEmpty else {
                buffer.deleteForward()
                return nil
            }
            Terminal.output("\r\n")
            history.resetNavigation()
            return .endOfInput
        case .backspace: buffer.deleteBackward()
        case .delete: buffer.deleteForward()
        case .left: buffer.moveLeft()
        case .right: buffer.moveRight()
        case .home: buffer.moveToStart()
        case .end: buffer.moveToEnd()
        case .wordLeft: buffer.moveWordLeft()
        case .wordRight: buffer.moveWordRight()
        case .deleteToEnd: buffer.deleteToEnd()
        case .deleteToStart: buffer.deleteToStart()
        case .deleteWordBackward: buffer.deleteWordBackward()
        case .up:
            if let entry = history.previous(current: buffer.text) { buffer.replace(with: entry) }
        case .down:
            if let entry = history.next() { buffer.replace(with: entry) }
        case .clearScreen:
            Terminal.output("\u{1B}[H\u{1B}[2J")
        case .ignored:
            break
        }
        return nil
    }

    /// Keeps a whole entry in the history, as one item however many lines it took, so Up
    /// recalls it whole (its line breaks shown as `↵`) and Enter runs it again.
    func remember(_ entry: String) {
        if history.add(entry) { historyFile?.append(entry) }
    }

    /// Draws the prompt and the part of the line around the cursor, then places the cursor.
    private func redraw(_ prompt: String, _ buffer: LineBuffer) {
        let view = Self.visibleSlice(of: buffer, width: max(1, Terminal.columns - prompt.terminalWidth - 1))
        var text = "\r" + prompt + view.text + "\u{1B}[0K\r"
        let column = prompt.terminalWidth + view.cursorColumn
        if column > 0 { text += "\u{1B}[\(column)C" }
        Terminal.output(text)
    }

    /// Draws the finished line whole, letting the terminal wrap it, so the scrollback shows
    /// everything that was entered rather than the scrolled view of a long line.
    /// A recalled multi-line entry is drawn as it was typed, its later lines after the
    /// continuation prompt.
    private func commit(_ prompt: String, _ buffer: LineBuffer, ending: String) {
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        let drawn = lines.enumerated().map { index, line in (index == 0 ? prompt : continuationPrompt) + line }
        Terminal.output("\r" + drawn.joined(separator: "\u{1B}[0K\r\n") + ending + "\u{1B}[0K\r\n")
    }

    /// The characters that fit in `width` cells with the cursor in view, and the cursor's
    /// column within them: the line scrolls left just enough to show the cursor. The column
    /// may equal `width` (the cursor after the last character), so callers keep one cell spare.
    static func visibleSlice(of buffer: LineBuffer, width: Int) -> (text: String, cursorColumn: Int) {
        let characters = buffer.characters
        var start = 0
        var cursorColumn = characters[..<buffer.cursor].reduce(0) { $0 + $1.shownWidth }
        while cursorColumn > width, start < buffer.cursor {
            cursorColumn -= characters[start].shownWidth
            start += 1
        }
        var end = start, used = 0
        while end < characters.count, used + characters[end].shownWidth <= width {
            used += characters[end].shownWidth
            end += 1
        }
        return (String(characters[start..<end].map { $0 == "\n" ? "↵" : $0 }), cursorColumn)
    }

    /// When the terminal will not go raw: show the prompt and let the terminal's own line
    /// editing do the rest.
    private func readPlainLine(prompt: String) -> Outcome {
        Terminal.output(prompt)
        guard let line = Swift.readLine() else { return .endOfInput }
        if history.add(line) { historyFile?.append(line) }
        return .line(line)
    }
}

extension Character {
    /// Cells the character takes in the editing line, where a line break shows as `↵`.
    var shownWidth: Int { self == "\n" ? 1 : terminalWidth }
}
