// Reads rule files from disk, and finds them in directories.

import CampaignRules
import Foundation

enum SourceLoader {
    /// Reads a file's bytes; a file that cannot be read is a usage error naming it.
    static func load(_ path: String) throws(UsageError) -> SourceFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw UsageError(message: "\(path) is a directory; give a .rules file")
            }
            throw UsageError(message: "cannot read \(path): no such file")
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    /// The files named, with directories expanded to the *.rules files inside them, sorted.
    static func expand(_ paths: [String]) throws(UsageError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError(message: "cannot read \(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".rules") { found.append((path as NSString).appendingPathComponent(relative)) }
            }
            files += found.sorted()
        }
        return files
    }
}
