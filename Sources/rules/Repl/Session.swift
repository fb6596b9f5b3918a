// A REPL session: the declarations accepted so far, the inputs bound, and entries evaluated against them.

import CampaignRules
import Foundation

/// What the REPL knows between entries.
///
/// The session keeps declarations as source text, not as compiled state: each entry compiles
/// every declaration held plus the new text with the public `Engine`, so a declaration is
/// accepted only when the whole session still checks, and an expression is evaluated as the
/// value of a hidden `let`. Compiling a session of a few hundred lines takes milliseconds.
final class Session {
    /// The hidden `let` an expression is evaluated as.
    static let resultName = "__repl_value"
    /// At most this many diagnostics are shown for one entry.
    static let shownDiagnostics = 20

    let engine: Engine
    private(set) var declarations: [SessionDeclaration] = []
    /// Inputs bound with `:data`, `:set`, `--data` or `--set`, in the declared types.
    private(set) var inputs: [String: Value] = [:]
    /// Where each bound input came from: a data file's path, or `:set`.
    private(set) var inputSources: [String: String] = [:]
    /// The accepted declarations, compiled; nil before the first.
    private(set) var program: CompiledProgram?
    /// The last expression that compiled, for `:explain`.
    private(set) var lastExpression: String?
    private var originCount = 0
    /// How many times the session's text has been compiled, for tests of how much work an
    /// entry costs.
    private(set) var compilations = 0
    /// Stops the evaluation in progress when the user presses Ctrl-C (see `Interrupts`); a
    /// fresh one for each entry, since a cancelled handle stays cancelled.
    var cancellation: Cancellation?

    init(limits: Limits = .default) {
        engine = Engine(limits: limits)
    }

    /// The engine's limits, with the handle that lets Ctrl-C stop this entry's evaluation.
    private var evaluationLimits: Limits {
        var limits = engine.limits
        limits.cancellation = cancellation
        return limits
    }

    /// One entry and the line of the input it starts on (counted when the input is a pipe or a
    /// file, so an error says `input:40:5`; 1 at a terminal, where the entry is what was just typed).
    struct Entry {
        let text: String
        var line = 1
    }

    /// Handles one entry typed at the prompt: a declaration is checked and kept, anything
    /// else is evaluated as an expression and its value rendered.
    func enter(_ text: String) -> Reply {
        enter(Entry(text: text))
    }

    func enter(_ entry: Entry) -> Reply {
        let text = entry.text
        if SessionDeclaration.startsDeclaration(text) {
            return declare(Self.input(entry), wasTyped: true)
        }
        let word = text.trimmingCharacters(in: .whitespaces)
        if ["quit", "exit", "help"].contains(word), !(program?.declaredNames.contains(word) ?? false) {
            return .error(word == "help" ? "type `:help` for the REPL's commands" : "type `:quit` or press Ctrl-D to leave")
        }
        if let leading = Self.leadingOperator(text) { return leading }
        return evaluate(text, explaining: false, line: entry.line)
    }

    /// The source an entry is compiled as, numbered from its line of the input.
    static func input(_ entry: Entry) -> SourceFile {
        SourceFile(path: "input", text: entry.text, linesBefore: entry.line - 1)
    }

    /// An entry that starts with an operator (`+ 200` after `let total = 100`): the entry
    /// before ended where it was entered, as a statement ends at its line break.
    static func leadingOperator(_ text: String) -> Reply? {
        let source = SourceFile(path: "input", text: text)
        guard let first = Lexer.tokens(in: source).tokens.first else { return nil }
        switch first.kind {
        case .plus, .star, .slash, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .questionQuestion:
            let symbol = source.text(in: first.range)
            let diagnostic = Diagnostic(
                .unexpectedToken, at: first.range, "an entry cannot start with `\(symbol)`: the entry before ended where it was entered",
                fix: "end a line with `\(symbol)` to go on to the next (`100 \(symbol)`), or enter the whole expression again")
            return .error(DiagnosticRenderer(source: source).render(diagnostic))
        default:
            return nil
        }
    }

    // MARK: - Declarations

    /// Declarations entered one after another without waiting (a paste, a pipe), each as
    /// `enter` would take it, but checked together: the session's text is compiled once for
    /// the run rather than once per entry, so pasting thousands of declarations takes linear
    /// time. A run that does not check as a whole is split in halves, and each half is taken
    /// in the same way, down to the single entries whose errors are reported: the session
    /// ends up as it would have, entry by entry. (A run that checks as a whole is taken
    /// whole, as a loaded file is: a declaration may use one that comes later in it.)
    func declareAll(_ entries: [Entry]) -> Reply {
        guard entries.count > 1, let first = entries.first else { return entries.first.map(enter) ?? Reply() }
        // Joined with as many line breaks as stood between them, so every line keeps its number.
        var text = first.text, line = first.line + first.text.count(where: { $0 == "\n" })
        for entry in entries.dropFirst() {
            text += String(repeating: "\n", count: max(1, entry.line - line)) + entry.text
            line = entry.line + entry.text.count(where: { $0 == "\n" })
        }
        let together = declare(Self.input(Entry(text: text, line: first.line)), wasTyped: true)
        guard together.failed else { return together }
        let half = entries.count / 2
        var reply = declareAll(Array(entries[..<half]))
        let rest = declareAll(Array(entries[half...]))
        reply.results += rest.results
        reply.notices += rest.notices
        reply.errors += rest.errors
        return reply
    }

    /// Adds every declaration of a rule file (`:load FILE`, or the file named on the command line).
    func load(_ path: String) -> Reply {
        let expanded = (path as NSString).expandingTildeInPath
        let file: SourceFile
        do throws(UsageError) {
            file = try SourceLoader.load(expanded, limits: engine.limits)
        } catch {
            return .error("error: \(error.message)")
        }
        let assembled = engine.assemble(file, imports: SourceLoader.imports(of: expanded, limits: engine.limits))
        guard assembled.diagnostics.isEmpty else {
            let renderer = DiagnosticRenderer(source: assembled.source)
            return Reply(errors: assembled.diagnostics.prefix(Self.shownDiagnostics).map(renderer.render))
        }
        return declare(assembled.source, wasTyped: false)
    }

    /// Checks new declarations together with the ones kept; on success they join the session,
    /// replacing earlier ones of the same names. On failure nothing changes.
    private func declare(_ source: SourceFile, wasTyped: Bool) -> Reply {
        let parsed = Parser.parse(source, limits: engine.limits)
        guard parsed.diagnostics.isEmpty else {
            let renderer = DiagnosticRenderer(source: source)
            return Reply(errors: parsed.diagnostics.prefix(Self.shownDiagnostics).map(renderer.render))
        }
        originCount += 1
        let added = SessionDeclaration.all(in: parsed, originID: originCount, wasTyped: wasTyped)
        if let reserved = added.first(where: { $0.key == .name(Self.resultName) }) {
            let range = SourceRange(start: reserved.range.lowerBound, end: reserved.range.upperBound)
            let diagnostic = Diagnostic(
                .duplicateDeclaration, at: range, "`\(Self.resultName)` is the name the REPL evaluates expressions as",
                fix: "choose another name")
            return .error(DiagnosticRenderer(source: source).render(diagnostic))
        }
        let newKeys = Set(added.map(\.key))
        let kept = declarations.filter { !newKeys.contains($0.key) }
        let replaced = declarations.filter { newKeys.contains($0.key) }
        // The new text goes first and whole, so line numbers inside messages ("already declared
        // on line 3") are the ones the user sees in what they wrote.
        var assembly = SourceAssembly()
        if source.importedPaths.isEmpty {
            assembly.append(source, range: 0..<source.bytes.count, originID: originCount)
        } else {
            // The `import` lines are followed already: only the declarations go in.
            append(added, to: &assembly)
        }
        append(kept, to: &assembly)
        let compilation = compile(assembly.source)
        guard let compiled = compilation.program, compilation.errors.isEmpty else {
            var reply = rendered(compilation.diagnostics, in: assembly)
            if !replaced.isEmpty, compilation.errors.contains(where: { assembly.locate($0.range.start)?.piece.originID != originCount }) {
                reply.errors.append("(not replaced: the new \(replaced.map(\.title).joined(separator: ", ")) breaks the earlier declarations above)")
            }
            return reply
        }
        declarations = kept + added
        program = compiled
        var reply = Reply(notices: replaced.map { "replaced the earlier \($0.title)" })
        if !wasTyped { reply.notices.append("loaded \(added.count) declaration\(added.count == 1 ? "" : "s") from \(source.path)") }
        return reply
    }

    private func compile(_ source: SourceFile) -> Compilation {
        compilations += 1
        return engine.compile(source)
    }

    /// Appends declarations after the text being checked, each on lines of its own.
    private func append(_ declarations: [SessionDeclaration], to assembly: inout SourceAssembly) {
        for declaration in declarations {
            assembly.appendGlue("\n")
            assembly.append(declaration.shownOrigin, range: declaration.range, originID: declaration.originID)
        }
    }

    private func rendered(_ diagnostics: [Diagnostic], in assembly: SourceAssembly) -> Reply {
        var reply = Reply(errors: diagnostics.prefix(Self.shownDiagnostics).map(assembly.render))
        if diagnostics.count > Self.shownDiagnostics {
            reply.errors.append("\(diagnostics.count - Self.shownDiagnostics) more errors not shown")
        }
        return reply
    }

    // MARK: - Expressions

    /// Compiles an expression as the value of the hidden `let`, ahead of every declaration.
    private func compile(expression text: String, line: Int = 1) -> (Compilation, SourceAssembly) {
        originCount += 1
        var assembly = SourceAssembly()
        assembly.appendGlue("let \(Self.resultName) = ")
        assembly.append(Self.input(Entry(text: text, line: line)), range: 0..<text.utf8.count, originID: originCount)
        append(declarations, to: &assembly)
        return (compile(assembly.source), assembly)
    }

    /// Evaluates an expression; its value, or why it has none.
    private func value(of text: String, explaining: Bool, line: Int = 1) -> Evaluation {
        let (compilation, assembly) = compile(expression: text, line: line)
        guard let program = compilation.program, compilation.errors.isEmpty else {
            var reply = rendered(compilation.diagnostics, in: assembly)
            if let name = Self.assignedName(text) {
                reply.errors.append("  to declare `\(name)`, write `let \(text.trimmingCharacters(in: .whitespaces))`")
            }
            return .failed(reply)
        }
        lastExpression = text
        do throws(RuntimeError) {
            let results = try program.evaluateOutputs(
                [Self.resultName], inputs: boundInputs(for: program),
                limits: evaluationLimits, explain: explaining)
            guard let value = results.first?.value else { return .failed(Reply()) }
            return .value(value)
        } catch {
            if error.diagnostic.kind == .cancelled { return .failed(.error("cancelled")) }
            let diagnostic = error.located(in: assembly.source)
            var reply = Reply.error(assembly.render(diagnostic))
            if diagnostic.kind == .inputMissing {
                reply.errors.append("  here: bind it with `:data NAME=FILE` or `:set NAME=VALUE`")
            }
            return .failed(reply)
        }
    }

    /// Evaluates an expression and renders its value for people.
    func evaluate(_ text: String, explaining: Bool, line: Int = 1) -> Reply {
        switch value(of: text, explaining: explaining, line: line) {
        case .failed(let reply): return reply
        case .value(let value): return .result(ValueRenderer.render(value, width: ValueRenderer.defaultWidth))
        }
    }

    /// `:type EXPR`: the checker's type, or the value's kind when only running it can tell.
    func type(of text: String) -> Reply {
        let (compilation, assembly) = compile(expression: text)
        guard compilation.program != nil, compilation.errors.isEmpty else { return rendered(compilation.diagnostics, in: assembly) }
        if let name = compilation.staticTypeName(of: Self.resultName) { return .result(name) }
        switch value(of: text, explaining: false) {
        case .failed(let reply): return reply
        case .value(let value): return .result("\(value.kindName) (known only when it runs: this is the value's kind)")
        }
    }

    /// `:explain`: the last expression again, with the reasons behind every plan line.
    func explainLast() -> Reply {
        guard let text = lastExpression else {
            return .error("nothing to explain yet: evaluate a plan first (its name, such as `payouts`), then `:explain`")
        }
        switch value(of: text, explaining: true) {
        case .failed(let reply): return reply
        case .value(let value):
            if StatementPrinter.isStatementList(value) { return .result(StatementPrinter.explained(value)) }
            if StatementPrinter.isStatementList(.list([value])) { return .result(StatementPrinter.explained(.list([value]))) }
            var reply = Reply.result(ValueRenderer.render(value, width: ValueRenderer.defaultWidth))
            reply.notices.append("only plan statements carry explanations; `\(text)` is a \(value.kindName)")
            return reply
        }
    }

    /// An expression's value, or the reply that says why there is none.
    private enum Evaluation {
        case value(Value)
        case failed(Reply)
    }

    /// `name = value` without `let`: the name, so the error can say how to declare it.
    static func assignedName(_ text: String) -> String? {
        let tokens = Lexer.tokens(in: SourceFile(path: "input", text: text)).tokens
        guard tokens.count > 2, tokens[0].kind == .identifier, tokens[1].kind == .equal else { return nil }
        return SourceFile(path: "input", text: text).text(in: tokens[0].range)
    }

    // MARK: - Inputs

    /// The bound inputs the program still declares, so a redeclared name does not fail every entry.
    private func boundInputs(for program: CompiledProgram) -> [String: Value] {
        inputs.filter { program.declaredType(ofInput: $0.key) != nil }
    }

    /// `:data NAME=PATH`: loads a CSV, JSON or NDJSON file into a declared input.
    func loadData(name: String, path: String) -> Reply {
        guard let type = declaredType(ofInput: name) else { return undeclaredInput(name) }
        let expanded = (path as NSString).expandingTildeInPath
        do throws(DataImportError) {
            let value = try DataImport.load(contentsOfFile: expanded, as: type, limits: engine.limits)
            inputs[name] = value
            inputSources[name] = path
            return .notice("`\(name)`: \(Self.summary(of: value)) from \(path)")
        } catch {
            return .error(error.rendered)
        }
    }

    /// `:set NAME=VALUE`: gives an input a value written as in a rule file.
    func setInput(name: String, text: String) -> Reply {
        guard declaredType(ofInput: name) != nil, let program else { return undeclaredInput(name) }
        do throws(ValueError) {
            inputs[name] = try program.inputValue(text, for: name)
            inputSources[name] = ":set"
            return Reply()
        } catch {
            return .error("error: input `\(name)`: \(error.message)" + (error.fix.map { "\n  fix: \($0)" } ?? ""))
        }
    }

    private func declaredType(ofInput name: String) -> DeclaredType? {
        program?.declaredType(ofInput: name)
    }

    private func undeclaredInput(_ name: String) -> Reply {
        let names = program?.inputs.map(\.name) ?? []
        let hint =
            Suggestions.closest(to: name, among: names).map { " (did you mean `\($0)`?)" }
            ?? (names.isEmpty ? "; declare one first, such as `input \(name): list of Creator`" : "; the inputs are \(names.joined(separator: ", "))")
        return .error("error: no input named `\(name)`\(hint)")
    }

    static func summary(of value: Value) -> String {
        guard case .list(let items) = value else { return value.description }
        return "\(items.count) item\(items.count == 1 ? "" : "s")"
    }

    /// `:inputs`: every declared input, its type and where its value comes from.
    func describeInputs() -> Reply {
        guard let program, !program.inputs.isEmpty else { return .result("(no inputs declared)") }
        let rows = program.inputs.map { input -> [String] in
            let state: String
            if let value = inputs[input.name] {
                let source = inputSources[input.name] ?? ":set"
                state = source == ":set" ? "\(Self.summary(of: value)) (:set)" : "\(Self.summary(of: value)) from \(source)"
            } else {
                state = input.hasDefault ? "its default" : "not given"
            }
            return [input.name, input.typeName, state]
        }
        return .result(TablePrinter.grid(header: ["input", "type", "value"], rows: rows, rightAligned: [false, false, false]))
    }

    // MARK: - The session as a whole

    /// `:list`: the declarations held, as written.
    func listing() -> Reply {
        guard !declarations.isEmpty else { return .result("(no declarations yet)") }
        return .result(declarations.map(\.text).joined(separator: "\n"))
    }

    /// `:test`: runs the session's `test` blocks.
    func runTests() -> Reply {
        var assembly = SourceAssembly()
        append(declarations, to: &assembly)
        let compilation = compile(assembly.source)
        guard let program = compilation.program else { return rendered(compilation.diagnostics, in: assembly) }
        var reply = Reply()
        var passed = 0, failed = 0
        for result in program.runTests(limits: evaluationLimits) {
            guard !result.passed else {
                passed += 1
                continue
            }
            failed += 1
            for failure in result.failures { reply.errors.append("FAIL \"\(result.name)\"\n" + assembly.render(failure)) }
        }
        reply.results.append("\(passed) passed, \(failed) failed")
        return reply
    }

    /// `:reset`: forgets every declaration and input.
    func reset() {
        declarations = []
        inputs = [:]
        inputSources = [:]
        program = nil
        lastExpression = nil
    }
}
