// The wording of messages, kept in one place so every stage speaks the same way.

/// Message texts shared by several stages. Messages used once live next to their use only
/// when they are plain; anything with a pattern (expected X, found Y) is built here.
enum Messages {
    static func expected(_ what: String, _ context: String, found: String) -> String {
        "expected \(what) \(context), found \(found)"
    }

    static func expectedLineEnd(after what: String, found: String) -> String {
        "\(found) cannot follow \(what) on the same line; a statement ends at the end of its line"
    }

    static func expectedDeclaration(found: String) -> String {
        "expected a declaration, found \(found)"
    }

    static func nestingTooDeep(limit: Int) -> String {
        "this expression nests more than \(limit) levels deep (limit maximumNesting; raise it with --max-nesting)"
    }

    static func literalOutOfRange(_ spelling: String, digits: Int, exponent: Int) -> String {
        "`\(spelling)` is out of range: a number literal has at most \(digits) significant digits and a power of ten within ±\(exponent) (limits maximumLiteralDigits, maximumLiteralExponent; raise them with --max-literal-digits, --max-literal-exponent)"
    }

    /// A bare number above 1 given for a Percent (a data cell `12`, `--set rate=12`): as a
    /// fraction it would mean 1,200%, which is almost always a percentage written without `%`.
    /// Nil for a number that is a plausible fraction.
    static func percentSlip(_ number: DecimalNumber) -> (message: String, fix: String)? {
        guard number.magnitude.compare(.one) > 0 else { return nil }
        let written = Value.number(number).description
        let fraction = Value.number(number.scaled(byPowerOfTen: -2) ?? number).description
        return (
            "\(written) for a Percent would mean \(Value.percent(number)); a bare number is the fraction itself",
            "write `\(written)%` for \(written) percent, or the fraction `\(fraction)`; a fraction above 1 is written with `%`"
        )
    }

    static func tooManyNodes(limit: Int) -> String {
        "this file has more than \(limit) expression nodes (limit maximumNodes; raise it with --max-nodes)"
    }

    static func invalidCharacter(_ character: String, followedBy next: UInt8) -> (String, String?) {
        switch character {
        case "&": return ("`&` is not an operator", "write `and`")
        case "|": return ("`|` is not an operator", "write `or`")
        case "'", "“", "”", "‘", "’": return ("text is written in straight double quotes", "write \"text\"")
        case "%": return ("`%` must follow a number directly", "write `12.5%`")
        case "$", "€", "£": return ("a currency symbol must be followed by digits", "write `\(character)100`")
        case "?": return ("`?` alone is not an operator", "write `??` for a default value: `c.saves ?? 0`")
        default:
            guard let scalar = character.unicodeScalars.first, scalar.isInvisible else {
                return ("unexpected character `\(character)`", nil)
            }
            // Printed as itself, an invisible character would leave the message blank or
            // garble the terminal: name it by its code point.
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let name = scalar.properties.name ?? scalar.properties.nameAlias
            return (
                "unexpected invisible character \(code)\(name.map { " (\($0))" } ?? "")",
                scalar.value == 0xA0 ? "replace it with an ordinary space" : "delete it"
            )
        }
    }
}

extension Unicode.Scalar {
    /// Control and format characters and unusual spaces: nothing a reader can see or copy.
    var isInvisible: Bool {
        switch properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate: true
        default: false
        }
    }
}

/// The wording of import errors, whichever resolver or check finds them.
extension Messages {
    static func noImportResolver(_ path: String) -> (String, String) {
        (
            "this host supplies no imports, so \(Value.quoted(path)) cannot be imported",
            "compile with an import resolver (`Engine.compile(_:imports:)`), or copy the declarations into this file"
        )
    }

    static func emptyImport() -> ImportError {
        ImportError("an import must name a file", fix: "write the path of a rule file, such as \"shared/rates.rules\"")
    }

    static func importWithControlCharacter(_ path: String) -> ImportError {
        ImportError(
            "\(Value.quoted(path)) holds a control character, which no rule file's path may",
            fix: "write the path with letters, digits, `-`, `_`, `.` and `/`")
    }

    static func absoluteImport(_ path: String) -> ImportError {
        ImportError(
            "\(Value.quoted(path)) is an absolute path; an import names a file relative to the importing file",
            fix: "write the path from this file's folder, such as \"shared/rates.rules\"")
    }

    static func importOutsideRoot(_ path: String, root: String) -> ImportError {
        ImportError(
            "\(Value.quoted(path)) leads outside \(root), which imports may not leave",
            fix: "keep shared rules inside \(root), or compile a file further up that imports both")
    }

    static func importLinksOutside(_ path: String, root: String) -> ImportError {
        ImportError(
            "\(Value.quoted(path)) is a symbolic link to a file outside \(root), which imports may not leave",
            fix: "copy the file into \(root) instead of linking to it")
    }

    static func importMissing(_ path: String, lookedFor place: String) -> ImportError {
        ImportError(
            "there is no file \(Value.quoted(path)) to import" + (place == path ? "" : " (looked for \(place))"),
            fix: "check the spelling; a path is relative to the folder of the file that imports it")
    }

    static func importIsFolder(_ path: String) -> ImportError {
        ImportError(
            "\(Value.quoted(path)) is a folder, not a rule file",
            fix: "import a .rules file inside it, such as \"\(path.hasSuffix("/") ? path : path + "/")rates.rules\"")
    }

    static func importUnreadable(_ path: String, _ reason: String, fix: String?) -> ImportError {
        ImportError("\(Value.quoted(path)) cannot be imported: \(reason)", fix: fix ?? "make it a readable rule file")
    }

    static func importCycle(_ chain: [String]) -> (String, String) {
        guard chain.count > 2 else {
            return ("\(chain[0]) imports itself", "remove this import")
        }
        return (
            "these imports form a cycle: \(chain.joined(separator: " → "))",
            "remove one of these imports; move what both files use into a third file that each imports"
        )
    }

    static func tooManyImports(_ path: String, limit: Int) -> (String, String) {
        (
            "importing \(path) would import more than \(limit) files \(Limits.Name.maximumImports.note)",
            "import fewer files, or raise the limit"
        )
    }

    static func importsTooLarge(_ path: String, limit: Int) -> (String, String) {
        (
            "importing \(path) makes the rules more than \(limit) bytes with the files they import \(Limits.Name.maximumSourceSize.note)",
            "import fewer or smaller files, or raise the limit"
        )
    }

    static func declaredInTwoFiles(_ name: String, _ first: String, _ second: String) -> (String, String) {
        (
            "`\(name)` is declared in both \(first) and \(second)",
            "rename one of them, or keep the declaration in one file"
        )
    }
}
