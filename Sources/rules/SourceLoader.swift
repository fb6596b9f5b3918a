// Reads rule files from disk, finds them in directories, and says where their imports come from.

import CampaignRules
import Foundation

enum SourceLoader {
    /// Reads a rule file's bytes, refusing one larger than the source size limit before
    /// reading it; a file that cannot be read (missing, a directory, a device, a named pipe
    /// nothing writes to) is a usage error naming it and the cause.
    static func load(_ path: String, limits: Limits) throws(UsageError) -> SourceFile {
        do throws(FileReadError) {
            let input = try FileInput(path: path, limit: limits.maximumSourceSize, limitName: .maximumSourceSize)
            return SourceFile(path: path, bytes: try input.readAll())
        } catch {
            throw UsageError(
                message: "\(path): \(error.message)" + (error.fix.map { "\n  fix: \($0)" } ?? ""),
                status: error.isLimit ? .failure : .usage)
        }
    }

    /// Where the rule file at `path` finds what it imports: its own folder and those below it.
    static func imports(of path: String, limits: Limits) -> FileImportResolver {
        FileImportResolver(rootFile: path, maximumFileSize: limits.maximumSourceSize)
    }

    /// The files named, with directories expanded to the *.rules files inside them, sorted. A
    /// directory with no rule files in it is an error: a command that checked nothing must
    /// not report success.
    static func expand(_ paths: [String]) throws(UsageError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError(message: "\(path): no such file or directory")
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
            guard !found.isEmpty else {
                throw UsageError(
                    message: "\(path) holds no .rules files, so there is nothing to do\n  fix: give a rule file, or a directory with rule files in it"
                )
            }
            files += found.sorted()
        }
        return files
    }
}
