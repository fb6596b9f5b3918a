// `rules check --format sarif`: the diagnostics as a SARIF 2.1.0 log, the format code-scanning
// services (GitHub code scanning, Azure DevOps, editors' SARIF viewers) read.

/// The tool a SARIF log names as its driver.
public struct SARIFTool: Sendable {
    public let name: String
    public let version: String
    /// Where the tool's documentation lives; optional in SARIF, and left out rather than invented.
    public let informationURI: String?

    public init(name: String, version: String, informationURI: String? = nil) {
        self.name = name
        self.version = version
        self.informationURI = informationURI
    }
}

extension CheckReport {
    /// A log with one run: the driver with a rule for each kind of diagnostic reported, and a
    /// result for each diagnostic. Columns are UTF-16 code units, SARIF's default, and said so
    /// in `columnKind`; artifact URIs are relative to `baseDirectory` where the file is inside it.
    public func sarif(tool: SARIFTool, baseDirectory: String) -> JSONTree {
        let kinds = kindsUsed
        let ruleIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        let driver: JSONTree = .object(
            [("name", .string(tool.name))] + (tool.informationURI.map { [("informationUri", .string($0))] } ?? []) + [
                ("version", .string(tool.version)),
                (
                    "rules",
                    .array(
                        kinds.map { kind in
                            .object([("id", .string(kind.rawValue)), ("shortDescription", .object([("text", .string(kind.summary))]))])
                        })
                ),
            ])
        let results = files.flatMap(\.diagnostics).map { located in
            CheckReport.sarifResult(located, ruleIndex: ruleIndex[located.diagnostic.kind] ?? 0, baseDirectory: baseDirectory)
        }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            (
                "runs",
                .array([
                    .object([
                        ("tool", .object([("driver", driver)])),
                        ("columnKind", .string("utf16CodeUnits")),
                        ("results", .array(results)),
                    ])
                ])
            ),
        ])
    }

    /// A result. The fix is a suggestion in words, not an edit SARIF's `fixes` could apply, so
    /// it goes in the message (as the text output shows it) and in `properties.fix`.
    static func sarifResult(_ located: LocatedDiagnostic, ruleIndex: Int, baseDirectory: String) -> JSONTree {
        let diagnostic = located.diagnostic
        let unplaced = located.notes.filter { $0.span == nil }.map { "\nnote: " + $0.message }.joined()
        var members: [(String, JSONTree)] = [
            ("ruleId", .string(diagnostic.kind.rawValue)),
            ("ruleIndex", .integer(ruleIndex)),
            ("level", .string(diagnostic.severity.rawValue)),
            ("message", .object([("text", .string(diagnostic.message + (diagnostic.fix.map { " (fix: \($0))" } ?? "") + unplaced))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(located.span, baseDirectory))])])),
        ]
        let placed = located.notes.compactMap { note in note.span.map { (note.message, $0) } }
        if !placed.isEmpty {
            members.append(
                (
                    "relatedLocations",
                    .array(
                        placed.enumerated().map { index, note in
                            .object([
                                ("id", .integer(index)), ("message", .object([("text", .string(note.0))])),
                                ("physicalLocation", physicalLocation(note.1, baseDirectory)),
                            ])
                        })
                ))
        }
        if let fix = diagnostic.fix { members.append(("properties", .object([("fix", .string(fix))]))) }
        return .object(members)
    }

    static func physicalLocation(_ span: SourceSpan, _ baseDirectory: String) -> JSONTree {
        .object([
            ("artifactLocation", .object([("uri", .string(artifactURI(span.path, baseDirectory: baseDirectory)))])),
            (
                "region",
                .object([
                    ("startLine", .integer(span.start.line)), ("startColumn", .integer(span.startUTF16Column)),
                    ("endLine", .integer(span.end.line)), ("endColumn", .integer(span.endUTF16Column)),
                ])
            ),
        ])
    }

    /// A path as a URI reference: relative to the base directory when it is inside it (or was
    /// given relative), else a `file://` URI; bytes outside the unreserved set percent-encoded.
    static func artifactURI(_ path: String, baseDirectory: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        let base = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
        if path.hasPrefix(base) { path.removeFirst(base.count) }
        let encoded = percentEncoded(path)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// The bytes a URI path keeps as they are: letters, digits, `-._~` and the separator.
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)

    private static func percentEncoded(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var encoded = ""
        for byte in path.utf8 {
            if unreserved.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%"
                encoded.unicodeScalars.append(hex[Int(byte >> 4)])
                encoded.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return encoded
    }
}
