// The parse functions for top-level declarations: import, campaign, record, input, let, fn,
// tiers, plan, output and test.

extension Parser {
    /// program = { import } { declaration } EOF ;
    mutating func parseProgram() -> Program {
        var declarations: [Declaration] = []
        var declaresOtherThanImports = false
        while !check(.endOfFile), !stopped {
            let start = position
            do throws(SyntaxFailure) {
                let declaration = try parseDeclaration()
                try expectEndOfStatement("a declaration")
                guard case .import(let written) = declaration else {
                    declaresOtherThanImports = true
                    declarations.append(declaration)
                    continue
                }
                // Imports are read before the file is parsed (see `leadingImports`), so only
                // those at the top take effect; a later one is refused rather than ignored.
                guard !declaresOtherThanImports else {
                    diagnostics.append(
                        Diagnostic(
                            .unexpectedToken, at: written.range, "an `import` must come before the file's other declarations",
                            fix: "move `import \(Value.quoted(written.path))` to the top of the file"))
                    continue
                }
                declarations.append(declaration)
            } catch {
                recoverToDeclaration(from: start)
            }
        }
        return Program(declarations: declarations)
    }

    /// The imports at the top of a file, read without parsing the rest of it. A mistake in one
    /// is left for the full parse to report.
    static func leadingImports(in source: SourceFile) -> [ImportDeclaration] {
        var parser = Parser(source: source, tokens: Lexer.tokens(in: source).tokens, limits: ParserLimits(.default))
        var imports: [ImportDeclaration] = []
        while parser.startsImportDeclaration, let declaration = try? parser.parseImport() {
            imports.append(declaration)
        }
        return imports
    }

    /// `import` is a word a file may still use as a name; it starts a declaration only when a
    /// quoted path follows it.
    var startsImportDeclaration: Bool {
        checkWord("import") && peek(1).kind == .text
    }

    /// import = "import" text ;
    mutating func parseImport() throws(SyntaxFailure) -> ImportDeclaration {
        let keyword = advance()
        let written = current
        let path = try parseTextLiteral("naming the file to import")
        return ImportDeclaration(path: path, pathRange: written.range, range: keyword.range.joined(with: written.range))
    }

    /// declaration = import | campaign | record | enum | input | let | function | tierTable | plan | output | test ;
    mutating func parseDeclaration() throws(SyntaxFailure) -> Declaration {
        if startsImportDeclaration { return .import(try parseImport()) }
        if startsEnumDeclaration { return .enumeration(try parseEnum()) }
        switch current.kind {
        case .keyword(.campaign): return .campaign(try parseCampaign())
        case .keyword(.record): return .record(try parseRecord())
        case .keyword(.input): return .input(try parseInput())
        case .keyword(.let): return .let(try parseLet())
        case .keyword(.fn): return .function(try parseFunction())
        case .keyword(.tiers): return .tierTable(try parseTierTable())
        case .keyword(.plan): return .plan(try parsePlan())
        case .keyword(.output): return .output(try parseOutput())
        case .keyword(.test): return .test(try parseTest())
        case .keyword(.expect):
            throw fail("`expect` belongs inside a `test` block", fix: "wrap it: test \"name\" { expect ... }")
        default:
            if let operatorFailure = operatorStartingLine() { throw operatorFailure }
            throw fail(
                Messages.expectedDeclaration(found: current.kind.spelling),
                fix: "a file holds declarations: let, fn, record, enum, input, tiers, plan, output, test, campaign")
        }
    }

    /// campaign = "campaign" text "{" { setting } "}" ;
    /// setting = name ":" expression [ "to" expression ] ;
    mutating func parseCampaign() throws(SyntaxFailure) -> CampaignHeader {
        let keyword = advance()
        let name = try parseTextLiteral("as the campaign's name")
        var settings: [CampaignHeader.Setting] = []
        let body = try parseBlock("campaign block") { (parser: inout Parser) throws(SyntaxFailure) in
            let key = try parser.expectIdentifier("for a campaign setting")
            _ = try parser.expect(.colon, "after the setting's name")
            let value = try parser.parseExpression()
            var through: Expression?
            if parser.checkWord("to") {
                _ = parser.advance()
                through = try parser.parseExpression()
            }
            settings.append(.init(key: key, value: value, through: through))
            try parser.expectEndOfStatement("a campaign setting")
        }
        return CampaignHeader(name: name, settings: settings, range: keyword.range.joined(with: body))
    }

    /// `enum` is a word a file may still use as a name; it starts a declaration only as
    /// `enum Name {` at the start of a line.
    var startsEnumDeclaration: Bool {
        checkWord("enum") && peek(1).kind == .identifier && peek(2).kind == .leftBrace
    }

    /// enum = "enum" name "{" name { ( "," | newline ) name } [ "," ] "}" ;
    mutating func parseEnum() throws(SyntaxFailure) -> EnumDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `enum`")
        let open = try expect(.leftBrace, "after the enumeration's name")
        let cases = try withNewlines(ignored: true) { (parser: inout Parser) throws(SyntaxFailure) -> [Identifier] in
            var cases: [Identifier] = []
            while !parser.check(.rightBrace) {
                let value = try parser.expectIdentifier("for a value of `\(name.name)`")
                if cases.contains(where: { $0.name == value.name }) {
                    throw parser.fail("`\(value.name)` is listed twice in `\(name.name)`", at: value.range, kind: .duplicateDeclaration)
                }
                cases.append(value)
                if !parser.match(.comma), !parser.check(.rightBrace), !parser.current.startsLine {
                    throw parser.fail(Messages.expected("`,` or `}`", "between the values of `\(name.name)`", found: parser.current.kind.spelling))
                }
            }
            return cases
        }
        let source = self.source
        let close = try expect(.rightBrace, "to close the enumeration opened at line \(source.location(of: open.range.start).line)")
        if cases.isEmpty {
            throw fail(
                "`\(name.name)` needs at least one value", at: keyword.range.joined(with: close.range),
                fix: "list its values: `enum \(name.name) { a, b }`")
        }
        return EnumDeclaration(name: name, cases: cases, range: keyword.range.joined(with: close.range))
    }

    /// record = "record" name "{" { field } "}" ;
    /// field = fieldName ":" type [ "from" text ] [ "=" expression ] ;
    mutating func parseRecord() throws(SyntaxFailure) -> RecordDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `record`")
        var fields: [RecordDeclaration.Field] = []
        let body = try parseBlock("record block") { (parser: inout Parser) throws(SyntaxFailure) in
            // Any word names a field, reserved ones included: `.in` already reads one.
            let field = try parser.expectFieldName("for a field")
            _ = try parser.expect(.colon, "after the field's name")
            let type = try parser.parseType()
            var column: String?
            // `from` on the field's own line; on the next line it names the next field.
            if parser.checkWord("from"), !parser.current.startsLine {
                _ = parser.advance()
                column = try parser.parseTextLiteral("after `from`: the column's header, as in `from \"Affiliate ID\"`")
                if column?.trimmingSpaces.isEmpty == true {
                    throw parser.fail("`from` names a column, and this header is empty", at: parser.previous.range)
                }
            }
            let value: Expression? = parser.match(.equal) ? try parser.parseExpression() : nil
            fields.append(.init(name: field, type: type, defaultValue: value, column: column))
            if !parser.match(.comma) { try parser.expectEndOfStatement("a field") }
        }
        return RecordDeclaration(name: name, fields: fields, range: keyword.range.joined(with: body))
    }

    /// type = ( "list" "of" type | "Money" "(" name ")" | name ) [ "?" ] ;
    mutating func parseType() throws(SyntaxFailure) -> TypeAnnotation {
        let name = try expectIdentifier("for a type")
        var type: TypeAnnotation
        if name.name == "list", checkWord("of") {
            _ = advance()
            let element = try nested { (parser: inout Parser) throws(SyntaxFailure) in try parser.parseType() }
            return .list(of: element, range: name.range.joined(with: element.range))
        } else if name.name == "Money", check(.leftParen), !current.startsLine {
            _ = advance()
            let currency = try expectIdentifier("in `Money(...)`: a currency code (`EUR`) or the field naming the currency")
            let close = try expect(.rightParen, "to close `Money(`")
            type = .money(currency: currency, range: name.range.joined(with: close.range))
        } else {
            type = .named(name)
        }
        if check(.question), !current.startsLine {
            let mark = advance()
            type = .optional(type, range: type.range.joined(with: mark.range))
        }
        return type
    }

    /// input = "input" name ":" type [ "=" expression ] ;
    mutating func parseInput() throws(SyntaxFailure) -> InputDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `input`")
        _ = try expect(.colon, "after the input's name (inputs declare a type, as in `input budget: Money`)")
        let type = try parseType()
        let value: Expression? = match(.equal) ? try parseExpression() : nil
        let end = value?.range ?? type.range
        return InputDeclaration(name: name, type: type, defaultValue: value, range: keyword.range.joined(with: end))
    }

    /// let = "let" name "=" expression ;
    mutating func parseLet() throws(SyntaxFailure) -> LetDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `let`")
        _ = try expect(.equal, "after `let \(name.name)`")
        let value = try parseExpression()
        return LetDeclaration(name: name, value: value, range: keyword.range.joined(with: value.range))
    }

    /// function = "fn" name "(" [ parameter { "," parameter } [ "," ] ] ")" ( "=" expression | body ) ;
    /// parameter = name [ ":" type ] ;
    /// body = "{" { let } expression "}" ;
    mutating func parseFunction() throws(SyntaxFailure) -> FunctionDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `fn`")
        _ = try expect(.leftParen, "after the function's name")
        let parameters = try withNewlines(ignored: true) { (parser: inout Parser) throws(SyntaxFailure) in
            var parameters: [FunctionDeclaration.Parameter] = []
            while !parser.check(.rightParen) {
                let parameter = try parser.expectIdentifier("for a parameter")
                let type: TypeAnnotation? = parser.match(.colon) ? try parser.parseType() : nil
                parameters.append(.init(name: parameter, type: type))
                if !parser.match(.comma) { break }
            }
            _ = try parser.expect(.rightParen, "to close the parameter list")
            return parameters
        }
        if match(.equal) {
            let value = try parseExpression()
            let body = Block(bindings: [], result: value, braced: false)
            return FunctionDeclaration(name: name, parameters: parameters, body: body, range: keyword.range.joined(with: value.range))
        }
        guard check(.leftBrace) else {
            throw fail(
                Messages.expected("`=` or `{`", "after the parameters", found: current.kind.spelling),
                fix: "write `fn \(name.name)(...) = expression` or a block `{ let ...; expression }`")
        }
        let (body, range) = try parseFunctionBody()
        return FunctionDeclaration(name: name, parameters: parameters, body: body, range: keyword.range.joined(with: range))
    }

    mutating func parseFunctionBody() throws(SyntaxFailure) -> (Block, SourceRange) {
        var bindings: [LetDeclaration] = []
        var results: [Expression] = []
        let range = try parseBlock("function body") { (parser: inout Parser) throws(SyntaxFailure) in
            if parser.check(.let) {
                if let result = results.last {
                    throw parser.fail("a function body's value must come last, after its `let` lines", at: result.range)
                }
                bindings.append(try parser.parseLet())
            } else {
                if let earlier = results.last {
                    throw parser.fail(
                        "a function body has one value, its last line", at: earlier.range,
                        fix: "bind intermediate values with `let`")
                }
                results.append(try parser.parseExpression())
            }
            try parser.expectEndOfStatement("a line of the function body")
        }
        guard let result = results.last else {
            throw fail("a function body needs a value on its last line", at: range)
        }
        return (Block(bindings: bindings, result: result, braced: true), range)
    }

    /// tierTable = "tiers" name "{" { bracket } "}" ;
    /// bracket = ( "..<" bound | bound "..<" bound | bound "..." ) ":" expression ;
    /// bound = additive ;
    mutating func parseTierTable() throws(SyntaxFailure) -> TierTable {
        let keyword = advance()
        let name = try expectIdentifier("after `tiers`")
        var brackets: [TierTable.Bracket] = []
        let body = try parseBlock("tier table") { (parser: inout Parser) throws(SyntaxFailure) in
            let start = parser.current.range
            var low: Expression?, high: Expression?
            if parser.match(.halfOpenRange) {
                high = try parser.parseAdditive()
            } else {
                low = try parser.parseAdditive()
                if parser.match(.halfOpenRange) {
                    high = try parser.parseAdditive()
                } else if !parser.match(.openRange) {
                    throw parser.fail(
                        Messages.expected("`..<` or `...`", "after a bracket's lower bound", found: parser.current.kind.spelling),
                        fix: "write `low ..< high: value`, `..< high: value` or `low ...: value`")
                }
            }
            _ = try parser.expect(.colon, "after the bracket")
            let value = try parser.parseExpression()
            brackets.append(.init(low: low, high: high, value: value, range: start.joined(with: value.range)))
            try parser.expectEndOfStatement("a bracket")
        }
        return TierTable(name: name, brackets: brackets, range: keyword.range.joined(with: body))
    }

    /// plan = "plan" name "for" name "in" expression "{" { planItem } "}" ;
    /// planItem = let | planLine | "key" expression | "cap" expression | "carry" expression
    ///            | "minimum" expression ;
    /// planLine = ( "commission" | "bonus" | "deduct" ) text [ "for" name "in" expression ]
    ///            [ "when" expression ] ":" expression ;
    mutating func parsePlan() throws(SyntaxFailure) -> PlanDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `plan`")
        _ = try expect(.for, "after the plan's name, as in `plan payouts for a in affiliates`")
        let subject = try expectIdentifier("after `for`")
        _ = try expect(.in, "after `for \(subject.name)`")
        let subjects = try parseExpression()
        var bindings: [LetDeclaration] = []
        var lines: [PlanDeclaration.Line] = []
        var settings: [String: Expression] = [:]
        let body = try parseBlock("plan") { (parser: inout Parser) throws(SyntaxFailure) in
            let word = parser.check(.identifier) ? parser.text(of: parser.current) : ""
            let start = parser.current.range
            if parser.check(.let) {
                if let line = lines.first {
                    throw parser.fail(
                        "a plan's `let` lines come before its commission, bonus and deduct lines", at: start,
                        fix: "move this `let` above line \(parser.source.location(of: line.range.start).line)")
                }
                bindings.append(try parser.parseLet())
            } else if let kind = PlanDeclaration.LineKind(rawValue: word) {
                _ = parser.advance()
                lines.append(try parser.parsePlanLine(kind, from: start))
            } else if ["cap", "carry", "minimum", "key"].contains(word) {
                _ = parser.advance()
                let value = try parser.parseExpression()
                if settings[word] != nil {
                    throw parser.fail("a plan has at most one `\(word)`", at: start.joined(with: value.range))
                }
                settings[word] = value
            } else {
                if let operatorFailure = parser.operatorStartingLine() { throw operatorFailure }
                throw parser.fail(
                    Messages.expected("a plan line", "in a plan", found: parser.current.kind.spelling),
                    fix: "plan lines start with let, commission, bonus, deduct, key, cap, carry or minimum")
            }
            try parser.expectEndOfStatement("a plan line")
        }
        return PlanDeclaration(
            name: name, subject: subject, subjects: subjects, bindings: bindings, lines: lines,
            key: settings["key"], cap: settings["cap"], carry: settings["carry"], minimum: settings["minimum"],
            range: keyword.range.joined(with: body))
    }

    /// The rest of a commission, bonus or deduct line, after its word.
    private mutating func parsePlanLine(_ kind: PlanDeclaration.LineKind, from start: SourceRange) throws(SyntaxFailure) -> PlanDeclaration.Line {
        let labelToken = current
        let label = try parseTextExpression("as the line's label, as in `\(kind.rawValue) \"Base\": ...`")
        let written = source.text(in: SourceRange(start: labelToken.range.start + 1, end: max(labelToken.range.start + 1, labelToken.range.end - 1)))
        var items: PlanDeclaration.Items?
        if match(.for) {
            let name = try expectIdentifier("after `for`, naming each item, as in `for o in orders`")
            _ = try expect(.in, "after `for \(name.name)`")
            items = .init(name: name, list: try parseExpression())
        }
        let condition: Expression? = match(.when) ? try parseExpression() : nil
        _ = try expect(.colon, "before the line's amount")
        let amount = try parseExpression()
        return .init(
            kind: kind, label: label, writtenLabel: written, items: items, condition: condition, amount: amount,
            range: start.joined(with: amount.range))
    }

    /// output = "output" name "=" expression ;
    mutating func parseOutput() throws(SyntaxFailure) -> OutputDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `output`")
        _ = try expect(.equal, "after `output \(name.name)`")
        let value = try parseExpression()
        return OutputDeclaration(name: name, value: value, range: keyword.range.joined(with: value.range))
    }

    /// test = "test" text [ "given" given { "," given } ] "{" { let | "expect" expression } "}" ;
    /// given = name "=" expression ;
    mutating func parseTest() throws(SyntaxFailure) -> TestDeclaration {
        let keyword = advance()
        let name = try parseTextLiteral("as the test's name")
        var givens: [TestDeclaration.Given] = []
        if match(.given) {
            repeat {
                let input = try expectIdentifier("after `given`")
                _ = try expect(.equal, "after `given \(input.name)`")
                givens.append(.init(name: input, value: try parseExpression()))
            } while match(.comma)
        }
        var steps: [TestDeclaration.Step] = []
        let body = try parseBlock("test block") { (parser: inout Parser) throws(SyntaxFailure) in
            if parser.check(.let) {
                steps.append(.let(try parser.parseLet()))
            } else if parser.match(.expect) {
                steps.append(.expect(try parser.parseExpression()))
            } else {
                throw parser.fail(Messages.expected("`expect` or `let`", "in a test", found: parser.current.kind.spelling))
            }
            try parser.expectEndOfStatement("a test line")
        }
        return TestDeclaration(name: name, givens: givens, steps: steps, range: keyword.range.joined(with: body))
    }

    /// A text literal that must be plain: a name (of a test, a campaign) or a column header.
    mutating func parseTextLiteral(_ context: @autoclosure () -> String) throws(SyntaxFailure) -> String {
        let token = try expect(.text, context())
        if hasInterpolation(token) {
            throw fail("this text cannot show values with `\\(...)`", at: token.range, fix: "write it as plain text")
        }
        return decodeText(token)
    }

    /// A text literal that may show values (a plan line's label).
    mutating func parseTextExpression(_ context: @autoclosure () -> String) throws(SyntaxFailure) -> Expression {
        let token = try expect(.text, context())
        return try textLiteral(token)
    }
}
