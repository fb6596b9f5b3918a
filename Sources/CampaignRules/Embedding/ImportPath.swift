// The path rules every import resolver shares: relative to the importing file, never above the root.

/// Turns the path an `import` wrote into a path from the root, as `MemoryImportResolver` and
/// `FileImportResolver` both read it.
enum ImportPath {
    /// The folders of a path from the root, without the file's own name: `["shared"]` for
    /// `shared/rates.rules`.
    static func folders(of path: String) -> [Substring] {
        Array(path.split(separator: "/").dropLast())
    }

    /// The path from the root that `written` names in a file in `folders`: `.` is skipped and
    /// `..` goes up a folder, but never above the root. `root` says what the root is in errors.
    static func fromRoot(_ written: String, in folders: [Substring], root: String) throws(ImportError) -> String {
        guard !written.isEmpty else { throw Messages.emptyImport() }
        // A file system would read a path only up to a NUL, so such a path could name another file.
        guard !written.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Messages.importWithControlCharacter(written)
        }
        guard !written.hasPrefix("/") else { throw Messages.absoluteImport(written) }
        var parts = folders.filter { $0 != "." }
        for part in written.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard parts.popLast() != nil else { throw Messages.importOutsideRoot(written, root: root) }
            default: parts.append(part)
            }
        }
        guard !parts.isEmpty else { throw Messages.importIsFolder(written) }
        return parts.joined(separator: "/")
    }
}
