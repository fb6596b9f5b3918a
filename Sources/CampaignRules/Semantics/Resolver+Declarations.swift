// Resolution of each kind of declaration: records, inputs, lets, functions, tier tables,
// plans, outputs and tests.

extension Resolver {
    // MARK: - Records and declared types

    /// The record type a `record` declaration defines, built on first use.
    func recordType(named name: String) -> (RecordType, DeclaredType.RecordDescriptor)? {
        guard var entry = records[name] else { return nil }
        if let type = entry.type, let descriptor = entry.descriptor { return (type, descriptor) }
        if entry.progress == .resolving {
            report(
                .cyclicDefinition, entry.declaration.name.range, "the record `\(name)` contains itself",
                fix: "records cannot nest themselves; refer to the other record by an id field")
            return nil
        }
        entry.progress = .resolving
        records[name] = entry
        var fields: [RecordType.Field] = []
        var declaredFields: [DeclaredType.RecordDescriptor.Field] = []
        var seen: Set<String> = []
        var columns: [String: Identifier] = [:]
        let siblings = entry.declaration.fields
        for field in siblings {
            guard seen.insert(field.name.name).inserted else {
                report(.duplicateDeclaration, field.name.range, "the field `\(field.name.name)` is declared twice in `\(name)`")
                continue
            }
            let column = field.column ?? field.name.name
            if let other = columns[column] {
                report(
                    .duplicateDeclaration, field.name.range, "`\(field.name.name)` and `\(other.name)` both read the column \(Value.quoted(column))",
                    fix: "read each column into one field")
            }
            columns[column] = field.name
            var declared = declaredType(field.type, in: siblings) ?? .text
            // Reported once here; the field then reads as the default makes it, never missing.
            if hasOptionalDefault(field) { declared = declared.withoutOptional }
            let defaultValue = field.defaultValue.flatMap { constantDefault($0, for: declared, field: field.name.name) }
            checkCurrencyDefaults(field, declared, defaultValue, siblings)
            fields.append(.init(name: field.name.name, type: staticType(of: declared), alwaysPresent: true))
            declaredFields.append(.init(name: field.name.name, type: declared, defaultValue: defaultValue, column: field.column))
        }
        let type = RecordType(name: name, fields: fields, isDeclared: true)
        let descriptor = DeclaredType.RecordDescriptor(
            name: name, shape: type.shape, fields: declaredFields, zone: settings.timezone,
            currency: settings.currency)
        entry.type = type
        entry.descriptor = descriptor
        entry.progress = .done
        records[name] = entry
        return (type, descriptor)
    }

    /// `T? = default` says two things at once: a field with a default is never missing, yet
    /// `?` would make every read of it write `??`. Reports it, with a fix that keeps the
    /// default or the `?`; true when it did.
    private func hasOptionalDefault(_ field: RecordDeclaration.Field) -> Bool {
        guard case .optional(let wrapped, let range) = field.type, let written = field.defaultValue else { return false }
        let name = field.name.name, type = source.text(in: wrapped.range), value = source.text(in: written.range)
        report(
            .typeMismatch, range, "`\(name)` is optional (`\(type)?`) and has a default, but a field with a default is never missing",
            fix: "drop the `?` to keep the default, `\(name): \(type) = \(value)`, or drop the default, `\(name): \(type)?`")
        return true
    }

    /// A `Money(field)` default is zero (anything else would be in one currency for every
    /// record), and the default of the field naming a currency must name one.
    private func checkCurrencyDefaults(
        _ field: RecordDeclaration.Field, _ declared: DeclaredType, _ defaultValue: Value?,
        _ siblings: [RecordDeclaration.Field]
    ) {
        guard let written = field.defaultValue, let defaultValue else { return }
        if case .moneyFrom = declared.withoutOptional, defaultValue.decimal?.isZero != true {
            report(
                .typeMismatch, written.range,
                "a `Money(\(source.text(in: field.type.range).dropFirst(6).dropLast()))` field's default can only be zero, which suits every currency",
                fix: "write `= 0`, or leave the default out")
        }
        let namesCurrency = siblings.contains { sibling in
            if case .money(let code, _) = sibling.type { return code.name == field.name.name }
            if case .optional(.money(let code, _), _) = sibling.type { return code.name == field.name.name }
            return false
        }
        if namesCurrency, case .text(let code) = defaultValue, Currency(code: code.trimmingSpaces) == nil {
            report(
                .unknownSetting, written.range, "\(Value.quoted(code)) is not a currency this language knows",
                fix: "use an ISO code: \(Currency.knownCodes)")
        }
    }

    /// A field default must be a constant (a literal, possibly negated), converted to the field's type.
    private func constantDefault(_ expression: Expression, for type: DeclaredType, field: String) -> Value? {
        let (bound, _) = inFreshFrame(owner: nil) { resolve(expression) }
        guard case .constant(let value) = bound.kind else {
            report(.typeMismatch, expression.range, "the default of `\(field)` must be a constant such as `$0` or `0`")
            return nil
        }
        do throws(ValueError) {
            return try type.convert(value, zone: settings.timezone)
        } catch {
            report(error, at: expression.range)
            return nil
        }
    }

    static let builtinTypeNames = ["Number", "Percent", "Money", "Bool", "Text", "Date", "Timestamp", "Platform", "Tier"]

    /// Resolves a written type; nil (after reporting) when it names nothing. `fields` are the
    /// fields of the record declaring it, for `Money(currency)` and `T?`, which only a record's
    /// field may be.
    func declaredType(_ annotation: TypeAnnotation, in fields: [RecordDeclaration.Field]? = nil) -> DeclaredType? {
        switch annotation {
        case .list(let element, _):
            return declaredType(element).map { .list($0) }
        case .optional(let wrapped, let range):
            guard fields != nil else {
                report(
                    .typeMismatch, range, "only a record's field may be optional (`T?`)",
                    fix:
                        "an input takes a default instead (`input x: T = ...`), a list simply leaves missing items out, and a function is called with `r.f ?? default`"
                )
                return nil
            }
            if case .optional = wrapped { return declaredType(wrapped, in: fields) }
            return declaredType(wrapped, in: fields).map { .optional($0) }
        case .money(let code, _):
            if let fields, let field = fields.first(where: { $0.name.name == code.name }) {
                if case .named(let type) = field.type, type.name == "Text" { return .moneyFrom(field: code.name) }
                if case .optional(.named(let type), _) = field.type, type.name == "Text" { return .moneyFrom(field: code.name) }
                report(
                    .typeMismatch, code.range, "`\(code.name)` names the currency, so it must be a Text field such as `\(code.name): Text = \"USD\"`")
                return nil
            }
            if let currency = Currency(code: code.name), code.name == code.name.uppercased() { return .money(currency) }
            report(
                .unknownType, code.range, "`Money(\(code.name))` needs a currency code or a Text field of this record naming the currency",
                fix: fields == nil
                    ? "use a code such as `Money(EUR)`: \(Currency.knownCodes)"
                    : "add a field `\(code.name): Text = \"USD\"`, or use a code such as `Money(EUR)`")
            return nil
        case .named(let name):
            switch name.name {
            case "Number": return .number
            case "Percent": return .percent
            case "Money": return .money(settings.currency)
            case "Bool": return .bool
            case "Text": return .text
            case "Date": return .date
            case "Timestamp": return .timestamp
            case "Platform": return .platform
            case "Tier": return .tier
            default:
                recordUse(name.range, name.name, .typeName, .unknown)
                if let type = enums[name.name] { return .enumeration(type) }
                if let (_, descriptor) = recordType(named: name.name) { return .record(descriptor) }
                let known = Resolver.builtinTypeNames + enums.keys.sorted() + records.keys.sorted()
                report(
                    .unknownType, name.range, "unknown type `\(name.name)`",
                    fix: Suggestions.closest(to: name.name, among: known).map { "did you mean `\($0)`?" }
                        ?? "the types are \(known.joined(separator: ", ")), `list of T` and, for a record's field, `T?`")
                return nil
            }
        }
    }

    func staticType(of declared: DeclaredType) -> StaticType {
        switch declared {
        case .list(let element): .list(staticType(of: element))
        case .optional(let wrapped): .optional(staticType(of: wrapped))
        case .record(let descriptor): recordType(named: descriptor.name).map { .record($0.0) } ?? .unknown
        default: declared.staticType
        }
    }

    // MARK: - Globals

    /// Resolves a global's declaration once; referring to one that is still being resolved is a
    /// cycle, which `Cycles` reports, so here it simply yields an unknown type.
    @discardableResult
    func resolveGlobal(_ index: Int) -> StaticType {
        switch globals[index].progress {
        case .done, .resolving: return globals[index].type
        case .pending: break
        }
        guard onDemandDepth < Resolver.maximumOnDemandDepth else { return .unknown }
        onDemandDepth += 1
        defer { onDemandDepth -= 1 }
        globals[index].progress = .resolving
        let entry = globals[index]
        let (kind, type) = resolveGlobalKind(entry.declaration, index: index)
        globals[index].type = type
        globals[index].definition = kind.map {
            GlobalDefinition(
                name: entry.name.name, kind: $0, range: entry.name.range, type: type,
                isOutput: { if case .output = entry.declaration { return true } else { return false } }())
        }
        globals[index].progress = .done
        return type
    }

    private func resolveGlobalKind(_ declaration: Declaration, index: Int) -> (GlobalDefinition.Kind?, StaticType) {
        switch declaration {
        case .input(let input):
            guard let type = declaredType(input.type) else { return (nil, .unknown) }
            let defaultCode = input.defaultValue.map { value in
                let (bound, size) = inFreshFrame(owner: .global(index)) { resolve(value) }
                if case .constant(let constant) = bound.kind {
                    do throws(ValueError) { _ = try type.convert(constant, zone: settings.timezone) } catch { report(error, at: value.range) }
                }
                return Code(body: bound, frameSize: size)
            }
            return (.input(type: type, defaultValue: defaultCode), staticType(of: type))
        case .let(let binding):
            let (bound, size) = inFreshFrame(owner: .global(index)) { resolve(binding.value) }
            return (.value(Code(body: bound, frameSize: size)), bound.type)
        case .output(let output):
            let (bound, size) = inFreshFrame(owner: .global(index)) { resolve(output.value) }
            return (.value(Code(body: bound, frameSize: size)), bound.type)
        case .tierTable(let table):
            let (bound, _) = inFreshFrame(owner: .global(index)) { resolveTierTable(table) }
            return (.tierTable(bound), .tierTable)
        case .plan(let plan):
            let (bound, _) = inFreshFrame(owner: .global(index)) { resolvePlan(plan) }
            return (.plan(bound.0), bound.1)
        case .import, .campaign, .record, .enumeration, .function, .test:
            return (nil, .unknown)
        }
    }

    /// The type of a tier table's values, joined over its brackets.
    func tierValueType(_ index: Int) -> StaticType {
        guard case .tierTable(let table)? = globals[index].definition?.kind else { return .unknown }
        return table.brackets.dropFirst().reduce(table.brackets.first?.value.type ?? .unknown) { $0.joined(with: $1.value.type) }
    }

    private func resolveTierTable(_ table: TierTable) -> BoundTierTable {
        let brackets = table.brackets.map { bracket in
            BoundTierTable.Bracket(
                low: bracket.low.map(resolve), high: bracket.high.map(resolve),
                value: resolve(bracket.value), range: bracket.range)
        }
        let bound = BoundTierTable(name: table.name.name, brackets: brackets, frameSize: frame.size)
        TierChecks.check(bound, table: table, resolver: self)
        return bound
    }

    // MARK: - Functions

    @discardableResult
    func resolveFunction(_ index: Int) -> StaticType {
        switch functions[index].progress {
        case .done, .resolving: return functions[index].returnType
        case .pending: break
        }
        guard onDemandDepth < Resolver.maximumOnDemandDepth else { return .unknown }
        onDemandDepth += 1
        defer { onDemandDepth -= 1 }
        functions[index].progress = .resolving
        let declaration = functions[index].declaration
        let (body, size) = inFreshFrame(owner: .function(index)) { () -> BoundExpression in
            for parameter in declaration.parameters {
                if frame.declaredInInnermost(parameter.name.name) != nil {
                    report(.duplicateDeclaration, parameter.name.range, "the parameter `\(parameter.name.name)` is named twice")
                }
                let declared = parameter.type.flatMap { declaredType($0) }
                functions[index].bound.parameterTypes.append((parameter.name.name, declared))
                let type = declared.map(staticType(of:)) ?? .unknown
                recorder?.declared(parameter.name, type)
                _ = frame.declare(parameter.name.name, type: type, range: parameter.name.range)
            }
            return resolveBlock(declaration.body)
        }
        functions[index].bound.body = body
        functions[index].bound.frameSize = size
        functions[index].returnType = body.type
        functions[index].progress = .done
        return body.type
    }

    /// `{ let a = ...; result }` in a scope of its own.
    func resolveBlock(_ block: Block) -> BoundExpression {
        guard !block.bindings.isEmpty else { return resolve(block.result) }
        frame.pushScope()
        defer { frame.popScope() }
        let bindings = block.bindings.map { binding in
            let value = resolve(binding.value)
            return (slot: declareLocal(binding.name, value.type), value: value)
        }
        let result = resolve(block.result)
        return BoundExpression(.block(bindings: bindings, result: result), result.range, result.type)
    }

    func declareLocal(_ name: Identifier, _ type: StaticType) -> Int {
        if let earlier = frame.declaredInInnermost(name.name) {
            report(
                .duplicateDeclaration, name.range,
                "`\(name.name)` is already bound on line \(source.location(of: earlier.range.start).line)",
                fix: "choose another name")
        }
        recorder?.declared(name, type)
        return frame.declare(name.name, type: type, range: name.range)
    }

    // MARK: - Tests

    func resolveTest(_ test: TestDeclaration) -> BoundTest {
        let (bound, size) = inFreshFrame(owner: nil) { () -> ([(global: Int, value: BoundExpression, range: SourceRange)], [BoundTest.Step]) in
            let givens = test.givens.compactMap { given -> (global: Int, value: BoundExpression, range: SourceRange)? in
                let value = resolve(given.value)
                if let index = globalIndex[given.name.name] { recordUse(given.name.range, given.name.name, .global(index), globals[index].type) }
                guard let index = globalIndex[given.name.name],
                    case .input(let type, _)? = globals[index].definition?.kind
                else {
                    let inputs = globals.filter { if case .input = $0.declaration { return true } else { return false } }.map(\.name.name)
                    report(
                        .undefinedName, given.name.range, "`given` rebinds inputs, and `\(given.name.name)` is not an input",
                        fix: Suggestions.closest(to: given.name.name, among: inputs).map { "did you mean `\($0)`?" }
                            ?? "declare it: `input \(given.name.name): Type`")
                    return nil
                }
                if case .constant(let constant) = value.kind {
                    do throws(ValueError) { _ = try type.convert(constant, zone: settings.timezone) } catch { report(error, at: value.range) }
                }
                return (global: index, value: value, range: given.name.range)
            }
            frame.pushScope()
            let steps = test.steps.map { step -> BoundTest.Step in
                switch step {
                case .let(let binding):
                    let value = resolve(binding.value)
                    return .bind(slot: declareLocal(binding.name, value.type), value: value)
                case .expect(let expression):
                    let condition = resolve(expression)
                    expectBool(condition, "`expect`")
                    return .expect(condition)
                }
            }
            frame.popScope()
            return (givens, steps)
        }
        return BoundTest(name: test.name, range: test.range, givens: bound.0, steps: bound.1, frameSize: size)
    }
}
