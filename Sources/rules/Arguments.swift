// A small parser for the subcommands' arguments: positionals, flags and repeated NAME=VALUE options.

import CampaignRules
import Foundation

/// The parsed arguments of one subcommand.
struct Arguments {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// Parses `arguments` given which options take a value and which are flags.
    init(_ arguments: [String], valued: Set<String>, flags allowedFlags: Set<String>) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                positionals.append(argument)
                continue
            }
            var name = argument, inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if allowedFlags.contains(name), inlineValue == nil {
                flags.insert(name)
            } else if valued.contains(name) {
                guard let value = inlineValue ?? (index < arguments.count ? arguments[index] : nil) else {
                    throw UsageError(message: "\(name) needs a value")
                }
                if inlineValue == nil { index += 1 }
                // `--set rate 12%`: the value went in as its own word.
                if Arguments.pairOptions.contains(name), !value.contains("="), index < arguments.count, !arguments[index].hasPrefix("--") {
                    throw UsageError(message: "\(name) takes NAME=VALUE as one word: write `\(name) \(value)=\(arguments[index])`")
                }
                values[name, default: []].append(value)
            } else {
                throw UsageError(message: "unknown option \(name)")
            }
        }
    }

    /// The options whose value is `NAME=VALUE`.
    static let pairOptions: Set<String> = ["--set", "--data"]

    /// The usage error for positionals past the one rule file a command takes, with a hint when
    /// one of them looks like a data file (`rules run pay.rules rows.csv`).
    static func extraFiles(_ positionals: [String], command: String) -> UsageError {
        let extra = positionals.dropFirst()
        let dataFile = extra.first { DataImport.Format(path: $0) != nil }
        let hint = dataFile.map { "; to load \($0), write `--data NAME=\($0)`, where NAME is the input it fills" } ?? ""
        return UsageError(
            message: "`rules \(command)` takes one rule file, found \(positionals.count) (\(positionals.joined(separator: ", ")))\(hint)")
    }

    func single(_ name: String) throws(UsageError) -> String? {
        guard let all = values[name] else { return nil }
        guard all.count == 1 else { throw UsageError(message: "\(name) is given more than once") }
        return all[0]
    }

    /// The value of an option that takes one of a few words, the first when it is not given;
    /// any other word is a usage error that lists them.
    func choice(_ name: String, among choices: [String]) throws(UsageError) -> String {
        let value = try single(name) ?? choices[0]
        guard choices.contains(value) else {
            throw UsageError(message: "\(name) takes \(choices.dropLast().joined(separator: ", ")) or \(choices.last ?? ""), found `\(value)`")
        }
        return value
    }

    /// Splits each `NAME=VALUE` of an option into a pair.
    func pairs(_ name: String) throws(UsageError) -> [(String, String)] {
        var result: [(String, String)] = []
        for text in values[name] ?? [] {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw UsageError(message: "\(name) takes NAME=VALUE, found `\(text)`")
            }
            result.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
        }
        return result
    }

    /// The limit options and the `Limits` property each one sets. (Key paths are immutable;
    /// they are simply not marked Sendable.)
    nonisolated(unsafe) static let limitSettings: [(name: Limits.Name, property: WritableKeyPath<Limits, Int>)] = [
        (.maximumNesting, \.maximumNesting), (.maximumCallDepth, \.maximumCallDepth), (.maximumSteps, \.maximumSteps),
        (.maximumMemory, \.maximumMemory), (.maximumCollectionSize, \.maximumCollectionSize),
        (.maximumTextLength, \.maximumTextLength), (.maximumSourceSize, \.maximumSourceSize),
        (.maximumDataSize, \.maximumDataSize), (.maximumLineLength, \.maximumLineLength), (.maximumNodes, \.maximumNodes),
        (.maximumLiteralDigits, \.maximumLiteralDigits), (.maximumLiteralExponent, \.maximumLiteralExponent),
        (.maximumThreads, \.maximumThreads), (.maximumImports, \.maximumImports),
    ]

    /// The limits counted in bytes, whose flags also take a K, M or G suffix (`--max-memory 2G`).
    static let byteLimits: Set<Limits.Name> = [.maximumMemory, .maximumSourceSize, .maximumDataSize, .maximumLineLength]

    static let limitOptions = Set(limitSettings.map(\.name.flag)).union([Limits.Name.timeLimit.flag])

    /// The limits given on the command line, over the defaults.
    func limits() throws(UsageError) -> Limits {
        var limits = Limits.default
        // The command owns its process, so long plans and selects may use every core.
        limits.maximumThreads = ProcessInfo.processInfo.activeProcessorCount
        for (name, property) in Arguments.limitSettings {
            guard let text = try single(name.flag) else { continue }
            let value = Arguments.byteLimits.contains(name) ? Arguments.byteCount(text) : Int(text)
            guard let value, value > 0 else {
                let form =
                    Arguments.byteLimits.contains(name) ? "a positive number of bytes (such as 1000000, 512M or 2G)" : "a positive whole number"
                throw UsageError(message: "\(name.flag) takes \(form), found `\(text)`")
            }
            limits[keyPath: property] = value
            // The nesting and call depth have ceilings set by the stack the rules run on.
            guard limits[keyPath: property] == value else {
                throw UsageError(message: "\(name.flag) is at most \(limits[keyPath: property]), found \(value)")
            }
        }
        if let text = try single(Limits.Name.timeLimit.flag) {
            guard let duration = Arguments.duration(text) else {
                throw UsageError(message: "--timeout takes a positive number of seconds (such as 30, 2.5 or 500ms), found `\(text)`")
            }
            limits.timeLimit = duration
        }
        return limits
    }

    /// `1000`, `64K`, `512M`, `2G` (powers of 1,024) as bytes; nil for anything else.
    static func byteCount(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = text.uppercased()
        if digits.hasSuffix("IB") { digits.removeLast(2) } else if digits.hasSuffix("B") { digits.removeLast() }
        var scale = 1
        if let last = digits.last, let unit = units[last] {
            scale = unit
            digits.removeLast()
        }
        guard let count = Int(digits), count >= 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }

    /// `30`, `2.5`, `30s`, `500ms`, `2m` as a duration; nil for anything else or a duration that is not positive.
    static func duration(_ text: String) -> Duration? {
        var number = text.lowercased(), scale = 1_000
        for (suffix, milliseconds) in [("ms", 1), ("s", 1_000), ("m", 60_000)] where number.hasSuffix(suffix) {
            number.removeLast(suffix.count)
            scale = milliseconds
            break
        }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0].isEmpty ? "0" : parts[0]), whole >= 0 else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber), fraction.count <= 9 else { return nil }
        fraction += String(repeating: "0", count: 9 - fraction.count)
        guard let nanos = Int(fraction), whole < Int.max / 1_000_000_000 / scale else { return nil }
        let total = Duration.milliseconds(whole * scale) + .nanoseconds(nanos) * scale / 1_000
        return total > .zero ? total : nil
    }
}
