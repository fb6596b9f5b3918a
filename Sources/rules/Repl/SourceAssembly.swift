// Joins text from many origins into one source to compile, and maps its diagnostics back.

import CampaignRules
import Foundation

/// One source assembled from pieces of other sources (what was just typed, earlier
/// declarations, files loaded), and the way back from a position in it to the piece's origin.
///
/// The REPL compiles everything the session holds as one file, but a person should see each
/// error where they wrote it: `input:1:9` for what they just typed, `plan.rules:14:3` for a
/// declaration loaded from a file.
struct SourceAssembly {
    struct Piece {
        /// Where the piece's own text sits in the assembly.
        let range: Range<Int>
        /// Where the piece starts, glue before it included: positions in the glue belong to it.
        let claimStart: Int
        let origin: SourceFile
        /// Where the piece's text starts in its origin.
        let originOffset: Int
        /// Pieces of one origin share this, so a note pointing from one to another stays located.
        let originID: Int
    }

    private(set) var bytes: [UInt8] = []
    private(set) var pieces: [Piece] = []
    private var glueStart: Int?

    /// Adds text that belongs to no origin (line breaks, the `let` an expression is wrapped in).
    mutating func appendGlue(_ text: String) {
        if glueStart == nil { glueStart = bytes.count }
        bytes += text.utf8
    }

    /// Adds `range` of an origin's bytes.
    mutating func append(_ origin: SourceFile, range: Range<Int>, originID: Int) {
        let start = bytes.count
        bytes += origin.bytes[range]
        pieces.append(
            Piece(
                range: start..<bytes.count, claimStart: glueStart ?? start, origin: origin,
                originOffset: range.lowerBound, originID: originID))
        glueStart = nil
    }

    var source: SourceFile { SourceFile(path: "session", bytes: bytes) }

    /// The piece a position of the assembly falls in, and the position in that piece's origin.
    func locate(_ offset: Int) -> (piece: Piece, offset: Int)? {
        guard let piece = pieces.last(where: { $0.claimStart <= offset }) ?? pieces.first else { return nil }
        let clamped = min(max(offset, piece.range.lowerBound), piece.range.upperBound)
        return (piece, piece.originOffset + clamped - piece.range.lowerBound)
    }

    /// The diagnostic moved into the origin of the piece it points at, with that origin to
    /// render it against. A note pointing into another origin keeps its place in its text.
    func relocate(_ diagnostic: Diagnostic) -> (diagnostic: Diagnostic, source: SourceFile) {
        guard let (piece, start) = locate(diagnostic.range.start) else { return (diagnostic, source) }
        let end = locate(max(diagnostic.range.start, diagnostic.range.end)).map { $0.piece.originID == piece.originID ? $0.offset : start } ?? start
        let notes = diagnostic.notes.map { note -> Diagnostic.Note in
            guard let range = note.range, let (notePiece, noteStart) = locate(range.start) else { return note }
            guard notePiece.originID == piece.originID else {
                let place = "\(notePiece.origin.path(at: noteStart)):\(notePiece.origin.location(of: noteStart))"
                return Diagnostic.Note("\(note.message) (\(place): \(Self.excerpt(of: notePiece.origin, at: noteStart)))", at: nil)
            }
            let noteEnd = locate(max(range.start, range.end)).map { $0.offset } ?? noteStart
            return Diagnostic.Note(note.message, at: SourceRange(start: noteStart, end: max(noteStart, noteEnd)))
        }
        let moved = Diagnostic(
            diagnostic.kind, at: SourceRange(start: start, end: max(start, end)), diagnostic.message,
            notes: notes, fix: diagnostic.fix, severity: diagnostic.severity)
        return (moved, piece.origin)
    }

    /// The diagnostic rendered against its origin.
    func render(_ diagnostic: Diagnostic) -> String {
        let (moved, origin) = relocate(diagnostic)
        return DiagnosticRenderer(source: origin).render(moved)
    }

    /// The line of an origin at an offset, trimmed, for a note that cannot show an excerpt.
    private static func excerpt(of source: SourceFile, at offset: Int) -> String {
        let line = source.lineText(containing: offset).trimmingCharacters(in: .whitespaces)
        return line.count > 60 ? "`" + line.prefix(57) + "...`" : "`" + line + "`"
    }
}
