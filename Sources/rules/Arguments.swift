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
                values[name, default: []].append(value)
            } else {
                throw UsageError(message: "unknown option \(name)")
            }
        }
    }

    func single(_ name: String) throws(UsageError) -> String? {
        guard let all = values[name] else { return nil }
        guard all.count == 1 else { throw UsageError(message: "\(name) is given more than once") }
        return all[0]
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
    nonisolated(unsafe) static let limitSettings: [(option: String, property: WritableKeyPath<Limits, Int>)] = [
        ("--max-nesting", \.maximumNesting), ("--max-call-depth", \.maximumCallDepth), ("--max-steps", \.maximumSteps),
        ("--max-collection", \.maximumCollectionSize), ("--max-text", \.maximumTextLength), ("--max-source-size", \.maximumSourceSize),
        ("--max-nodes", \.maximumNodes), ("--max-literal-digits", \.maximumLiteralDigits),
        ("--max-literal-exponent", \.maximumLiteralExponent), ("--max-threads", \.maximumThreads),
    ]

    static let limitOptions = Set(limitSettings.map(\.option))

    /// The limits given on the command line, over the defaults.
    func limits() throws(UsageError) -> Limits {
        var limits = Limits.default
        // The command owns its process, so long plans and selects may use every core.
        limits.maximumThreads = ProcessInfo.processInfo.activeProcessorCount
        for (option, property) in Arguments.limitSettings {
            guard let text = try single(option) else { continue }
            guard let value = Int(text), value > 0 else { throw UsageError(message: "\(option) takes a positive whole number, found `\(text)`") }
            limits[keyPath: property] = value
            // The nesting and call depth have ceilings set by the stack the rules run on.
            guard limits[keyPath: property] == value else {
                throw UsageError(message: "\(option) is at most \(limits[keyPath: property]), found \(value)")
            }
        }
        return limits
    }
}
