// The parse functions for top-level declarations: campaign, record, input, let, fn, tiers,
// plan, output and test.

extension Parser {
    /// program = { declaration } EOF ;
    mutating func parseProgram() -> Program {
        var declarations: [Declaration] = []
        while !check(.endOfFile), !stopped {
            let start = position
            do throws(SyntaxFailure) {
                declarations.append(try parseDeclaration())
                try expectEndOfStatement("a declaration")
            } catch {
                recoverToDeclaration(from: start)
            }
        }
        return Program(declarations: declarations)
    }

    /// declaration = campaign | record | input | let | function | tierTable | plan | output | test ;
    mutating func parseDeclaration() throws(SyntaxFailure) -> Declaration {
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
            throw fail(Messages.expectedDeclaration(found: current.kind.spelling),
                       fix: "a file holds declarations: let, fn, record, input, tiers, plan, output, test, campaign")
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

    /// record = "record" name "{" { field } "}" ;
    /// field = name ":" type [ "=" expression ] ;
    mutating func parseRecord() throws(SyntaxFailure) -> RecordDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `record`")
        var fields: [RecordDeclaration.Field] = []
        let body = try parseBlock("record block") { (parser: inout Parser) throws(SyntaxFailure) in
            let field = try parser.expectIdentifier("for a field")
            _ = try parser.expect(.colon, "after the field's name")
            let type = try parser.parseType()
            let value: Expression? = parser.match(.equal) ? try parser.parseExpression() : nil
            fields.append(.init(name: field, type: type, defaultValue: value))
            if !parser.match(.comma) { try parser.expectEndOfStatement("a field") }
        }
        return RecordDeclaration(name: name, fields: fields, range: keyword.range.joined(with: body))
    }

    /// type = "list" "of" type | name ;
    mutating func parseType() throws(SyntaxFailure) -> TypeAnnotation {
        let name = try expectIdentifier("for a type")
        if name.name == "list", checkWord("of") {
            _ = advance()
            let element = try nested { (parser: inout Parser) throws(SyntaxFailure) in try parser.parseType() }
            return .list(of: element, range: name.range.joined(with: element.range))
        }
        return .named(name)
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
            throw fail(Messages.expected("`=` or `{`", "after the parameters", found: current.kind.spelling),
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
                    throw parser.fail("a function body has one value, its last line", at: earlier.range,
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
                    throw parser.fail(Messages.expected("`..<` or `...`", "after a bracket's lower bound", found: parser.current.kind.spelling),
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

    /// plan = "plan" name "for" name "in" expression "{" { planLine } "}" ;
    /// planLine = ( "commission" | "bonus" | "deduct" ) text [ "when" expression ] ":" expression
    ///          | "cap" expression | "minimum" expression ;
    mutating func parsePlan() throws(SyntaxFailure) -> PlanDeclaration {
        let keyword = advance()
        let name = try expectIdentifier("after `plan`")
        _ = try expect(.for, "after the plan's name, as in `plan payouts for a in affiliates`")
        let subject = try expectIdentifier("after `for`")
        _ = try expect(.in, "after `for \(subject.name)`")
        let subjects = try parseExpression()
        var lines: [PlanDeclaration.Line] = []
        var cap: Expression?, minimum: Expression?
        let body = try parseBlock("plan") { (parser: inout Parser) throws(SyntaxFailure) in
            let word = parser.check(.identifier) ? parser.text(of: parser.current) : ""
            let start = parser.current.range
            if let kind = PlanDeclaration.LineKind(rawValue: word) {
                _ = parser.advance()
                let label = try parser.parseTextLiteral("as the line's label, as in `\(word) \"Base\": ...`")
                let condition: Expression? = parser.match(.when) ? try parser.parseExpression() : nil
                _ = try parser.expect(.colon, "before the line's amount")
                let amount = try parser.parseExpression()
                lines.append(.init(kind: kind, label: label, condition: condition, amount: amount, range: start.joined(with: amount.range)))
            } else if word == "cap" || word == "minimum" {
                _ = parser.advance()
                let value = try parser.parseExpression()
                if (word == "cap" ? cap : minimum) != nil {
                    throw parser.fail("a plan has at most one `\(word)`", at: start.joined(with: value.range))
                }
                if word == "cap" { cap = value } else { minimum = value }
            } else {
                if let operatorFailure = parser.operatorStartingLine() { throw operatorFailure }
                throw parser.fail(Messages.expected("a plan line", "in a plan", found: parser.current.kind.spelling),
                                  fix: "plan lines start with commission, bonus, deduct, cap or minimum")
            }
            try parser.expectEndOfStatement("a plan line")
        }
        return PlanDeclaration(name: name, subject: subject, subjects: subjects, lines: lines, cap: cap, minimum: minimum,
                               range: keyword.range.joined(with: body))
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

    mutating func parseTextLiteral(_ context: @autoclosure () -> String) throws(SyntaxFailure) -> String {
        let token = try expect(.text, context())
        return decodeText(token)
    }
}
