// The parse functions for expressions, loosest binding first: query clauses, `or`, `and`,
// `not`, comparisons, `??`, `+ -`, `* /`, unary minus, postfix, primaries.

extension Parser {
    /// expression = disjunction { queryClause } ;
    /// queryClause = "where" disjunction | "sort" "by" sortKey { "," sortKey }
    ///             | "take" disjunction | "select" disjunction
    ///             | "group" "by" ( disjunction | groupKey { "," groupKey } )
    ///             | "running" name ":" disjunction ;
    /// groupKey = name ":" disjunction ;
    mutating func parseExpression() throws(SyntaxFailure) -> Expression {
        try nested { (parser: inout Parser) throws(SyntaxFailure) in
            var result = try parser.parseDisjunction()
            var chained = 0
            defer { parser.depth -= chained }
            while parser.continuesLine, let clause = try parser.parseQueryClause() {
                try parser.enterNesting()
                chained += 1
                result = try parser.node(.query(result, clause), result.range.joined(with: parser.previous.range))
            }
            return result
        }
    }

    mutating func parseQueryClause() throws(SyntaxFailure) -> QueryClause? {
        switch current.kind {
        case .keyword(.where):
            _ = advance()
            return .where(try parseDisjunction())
        case .keyword(.take):
            _ = advance()
            return .take(try parseDisjunction())
        case .keyword(.select):
            _ = advance()
            return .select(try parseDisjunction())
        case .keyword(.sort):
            _ = advance()
            _ = try expect(.by, "after `sort`, as in `sort by it.sales desc`")
            var keys: [SortKey] = []
            repeat {
                keys.append(try parseSortKey())
            } while match(.comma)
            return .sort(keys)
        default:
            if startsGroupClause { return try parseGroupClause() }
            if startsRunningClause {
                _ = advance()
                let name = try expectIdentifier("after `running`")
                _ = try expect(.colon, "after `running \(name.name)`")
                return .running(name, try parseDisjunction())
            }
            return nil
        }
    }

    /// `group by it.affiliate` or `group by affiliate: it.affiliate, month: start_of_month(d)`.
    private mutating func parseGroupClause() throws(SyntaxFailure) -> QueryClause {
        _ = advance()
        _ = advance()
        var keys: [GroupKey] = []
        repeat {
            let named = (current.kind == .identifier || current.kind.isKeyword) && peek(1).kind == .colon
            let name: Identifier? = named ? try expectFieldName("for a group key's name") : nil
            if named { _ = advance() }
            let key = try parseDisjunction()
            if let name, keys.contains(where: { $0.name?.name == name.name }) || name.name == "items" {
                throw fail(
                    name.name == "items"
                        ? "`items` is the name of each group's list of items; name the key otherwise"
                        : "two keys of this `group by` are named `\(name.name)`", at: name.range)
            }
            keys.append(GroupKey(name: name, key: key))
        } while match(.comma)
        if keys.count > 1, keys.contains(where: { $0.name == nil }) {
            throw fail(
                "name every key of a `group by` with several keys, as in `group by affiliate: it.affiliate, month: m`",
                at: keys[0].key.range.joined(with: keys[keys.count - 1].key.range))
        }
        return .group(keys)
    }

    /// sortKey = disjunction [ "asc" | "desc" ] ;
    mutating func parseSortKey() throws(SyntaxFailure) -> SortKey {
        let key = try parseDisjunction()
        if continuesLine, checkWord("asc") || checkWord("desc") {
            let descending = checkWord("desc")
            _ = advance()
            return SortKey(key: key, descending: descending, explicitDirection: true)
        }
        return SortKey(key: key, descending: false, explicitDirection: false)
    }

    /// disjunction = conjunction { "or" conjunction } ;
    mutating func parseDisjunction() throws(SyntaxFailure) -> Expression {
        try parseLeftAssociative(.disjunction)
    }

    /// conjunction = negation { "and" negation } ;
    mutating func parseConjunction() throws(SyntaxFailure) -> Expression {
        try parseLeftAssociative(.conjunction)
    }

    /// negation = "not" negation | comparison ;
    mutating func parseNegation() throws(SyntaxFailure) -> Expression {
        guard check(.not) else { return try parseComparison() }
        let keyword = advance()
        try enterNesting()
        defer { depth -= 1 }
        let operand = try parseNegation()
        return try node(.unary(.not, operand), keyword.range.joined(with: operand.range))
    }

    /// comparison = defaulting [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" ) defaulting ]
    ///            | defaulting "in" defaulting "to" defaulting ;
    mutating func parseComparison() throws(SyntaxFailure) -> Expression {
        let left = try parseDefaulting()
        guard continuesLine, let op = Parser.comparisonOperator(current.kind) else { return left }
        _ = advance()
        try enterNesting()
        let right: Expression
        do throws(SyntaxFailure) {
            right = try parseDefaulting()
        } catch {
            depth -= 1
            throw error
        }
        depth -= 1
        if op == .in, continuesLine, checkWord("to") {
            // `d in 2026-03-01 to 2026-03-31`: a range, both ends included.
            _ = advance()
            let high = try nested { (parser: inout Parser) throws(SyntaxFailure) in try parser.parseDefaulting() }
            return try node(.between(left, low: right, high: high), left.range.joined(with: high.range))
        }
        if continuesLine, Parser.comparisonOperator(current.kind) != nil {
            throw fail("comparisons do not chain", fix: "join them with `and`: `a < b and b < c`")
        }
        return try node(.binary(op, left, right), left.range.joined(with: right.range))
    }

    static func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equalEqual: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .keyword(.in): .in
        default: nil
        }
    }

    /// defaulting = additive [ "??" defaulting ] ;
    ///
    /// Right-associative, so `a.x ?? a.y ?? 0` tries `a.x`, then `a.y`, then 0.
    mutating func parseDefaulting() throws(SyntaxFailure) -> Expression {
        let left = try parseAdditive()
        guard continuesLine, match(.questionQuestion) else { return left }
        try enterNesting()
        defer { depth -= 1 }
        let right = try parseDefaulting()
        return try node(.binary(.orDefault, left, right), left.range.joined(with: right.range))
    }

    /// additive = multiplicative { ( "+" | "-" ) multiplicative } ;
    mutating func parseAdditive() throws(SyntaxFailure) -> Expression {
        try parseLeftAssociative(.additive)
    }

    /// multiplicative = unary { ( "*" | "/" ) unary } ;
    mutating func parseMultiplicative() throws(SyntaxFailure) -> Expression {
        try parseLeftAssociative(.multiplicative)
    }

    /// The levels of left-associative binary operators.
    enum LeftAssociativeLevel {
        case disjunction, conjunction, additive, multiplicative

        func operand(_ parser: inout Parser) throws(SyntaxFailure) -> Expression {
            switch self {
            case .disjunction: try parser.parseConjunction()
            case .conjunction: try parser.parseNegation()
            case .additive: try parser.parseMultiplicative()
            case .multiplicative: try parser.parseUnary()
            }
        }

        func op(_ kind: TokenKind) -> BinaryOperator? {
            switch (self, kind) {
            case (.disjunction, .keyword(.or)): .or
            case (.conjunction, .keyword(.and)): .and
            case (.additive, .plus): .add
            case (.additive, .minus): .subtract
            case (.multiplicative, .star): .multiply
            case (.multiplicative, .slash): .divide
            default: nil
            }
        }
    }

    /// One level of left-associative binary operators. Every operator applied deepens the
    /// tree, so each counts as a level of nesting: a 300,000-term sum is refused, not a crash.
    mutating func parseLeftAssociative(_ level: LeftAssociativeLevel) throws(SyntaxFailure) -> Expression {
        var left = try level.operand(&self)
        var chained = 0
        defer { depth -= chained }
        while continuesLine, let op = level.op(current.kind) {
            _ = advance()
            try enterNesting()
            chained += 1
            let right = try level.operand(&self)
            left = try node(.binary(op, left, right), left.range.joined(with: right.range))
        }
        return left
    }

    /// unary = "-" unary | postfix ;
    mutating func parseUnary() throws(SyntaxFailure) -> Expression {
        guard check(.minus) else { return try parsePostfix() }
        let minus = advance()
        let operand = try nested { (parser: inout Parser) throws(SyntaxFailure) in try parser.parseUnary() }
        return try node(.unary(.negate, operand), minus.range.joined(with: operand.range))
    }

    /// postfix = primary { "." fieldName | "(" arguments ")" | "[" expression "]" } ;
    /// fieldName = name | keyword ;
    mutating func parsePostfix() throws(SyntaxFailure) -> Expression {
        var result = try parsePrimary()
        var chained = 0
        defer { depth -= chained }
        while continuesLine {
            if match(.dot) {
                let field = try expectFieldName()
                result = try node(.field(result, field), result.range.joined(with: field.range))
            } else if check(.leftParen) {
                guard case .name(let name) = result.kind else {
                    throw fail("only a function or tier table can be called by name", at: result.range)
                }
                let arguments = try parseArguments()
                result = try node(
                    .call(callee: Identifier(name: name, range: result.range), arguments: arguments),
                    result.range.joined(with: previous.range))
            } else if check(.leftBracket) {
                _ = advance()
                let index = try withNewlines(ignored: true) { (parser: inout Parser) throws(SyntaxFailure) in
                    let index = try parser.parseExpression()
                    _ = try parser.expect(.rightBracket, "to close the index")
                    return index
                }
                result = try node(.index(result, index), result.range.joined(with: previous.range))
            } else {
                break
            }
            try enterNesting()
            chained += 1
        }
        return result
    }

    /// fieldName = name | keyword ;
    mutating func expectFieldName(_ context: @autoclosure () -> String = "after `.`") throws(SyntaxFailure) -> Identifier {
        if case .keyword = current.kind {
            let token = advance()
            return Identifier(name: text(of: token), range: token.range)
        }
        return try expectIdentifier(context())
    }

    /// arguments = "(" [ expression { "," expression } [ "," ] ] ")" ;
    mutating func parseArguments() throws(SyntaxFailure) -> [Expression] {
        _ = advance()
        return try parseSequence(closing: .rightParen, "to close the argument list") { (parser: inout Parser) throws(SyntaxFailure) in
            try parser.parseExpression()
        }
    }

    /// Items separated by commas, a trailing comma allowed, line breaks ignored, up to `closing`.
    mutating func parseSequence<T>(
        closing: TokenKind, _ context: String, item: (inout Parser) throws(SyntaxFailure) -> T
    ) throws(SyntaxFailure) -> [T] {
        try withNewlines(ignored: true) { (parser: inout Parser) throws(SyntaxFailure) in
            var items: [T] = []
            while !parser.check(closing) {
                items.append(try item(&parser))
                if !parser.match(.comma) { break }
            }
            if !parser.check(closing) {
                throw parser.fail(Messages.expected("`,` or \(closing.spelling)", context, found: parser.current.kind.spelling))
            }
            _ = parser.advance()
            return items
        }
    }

    /// primary = number | money | text | date | timestamp | "true" | "false" | name | "it"
    ///         | list | recordLiteral | "(" expression ")" | if | when | allocation ;
    /// list = "[" [ expression { "," expression } [ "," ] ] "]" ;
    mutating func parsePrimary() throws(SyntaxFailure) -> Expression {
        let token = current
        switch token.kind {
        case .number, .money, .date, .timestamp:
            _ = advance()
            return try decodeLiteral(token)
        case .text:
            _ = advance()
            return try textLiteral(token)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return try node(.bool(token.kind == .keyword(.true)), token.range)
        case .identifier:
            _ = advance()
            return try node(.name(text(of: token)), token.range)
        case .keyword(.it):
            _ = advance()
            return try node(.it, token.range)
        case .leftBracket:
            _ = advance()
            let items = try nested { (parser: inout Parser) throws(SyntaxFailure) in
                try parser.parseSequence(closing: .rightBracket, "in the list") { (parser: inout Parser) throws(SyntaxFailure) in
                    try parser.parseExpression()
                }
            }
            return try node(.list(items), token.range.joined(with: previous.range))
        case .leftBrace:
            return try nested { (parser: inout Parser) throws(SyntaxFailure) in try parser.parseRecordLiteral() }
        case .leftParen:
            _ = advance()
            let inner = try withNewlines(ignored: true) { (parser: inout Parser) throws(SyntaxFailure) in
                let inner = try parser.parseExpression()
                _ = try parser.expect(.rightParen, "to close the parenthesis")
                return inner
            }
            return try node(.group(inner), token.range.joined(with: previous.range))
        case .keyword(.if):
            return try nested { (parser: inout Parser) throws(SyntaxFailure) in try parser.parseIf() }
        case .keyword(.when):
            return try nested { (parser: inout Parser) throws(SyntaxFailure) in try parser.parseWhen() }
        case .keyword(.allocate):
            return try nested { (parser: inout Parser) throws(SyntaxFailure) in try parser.parseAllocation() }
        default:
            if let operatorFailure = operatorStartingLine() { throw operatorFailure }
            throw fail(Messages.expected("an expression", "here", found: token.kind.spelling))
        }
    }

    /// recordLiteral = "{" [ fieldName ":" expression { "," fieldName ":" expression } [ "," ] ] "}" ;
    mutating func parseRecordLiteral() throws(SyntaxFailure) -> Expression {
        let open = advance()
        // Records have a handful of fields: a list is quicker to search than a set is to build.
        var seen: [String] = []
        let fields = try parseSequence(closing: .rightBrace, "in the record") { (parser: inout Parser) throws(SyntaxFailure) in
            let name = try parser.expectFieldName()
            if seen.contains(name.name) {
                throw parser.fail("the field `\(name.name)` is written twice in this record", at: name.range, kind: .duplicateDeclaration)
            }
            seen.append(name.name)
            _ = try parser.expect(.colon, "after the field name `\(name.name)`")
            let value = try parser.parseExpression()
            if let commaInNumber = parser.commaInNumber() { throw commaInNumber }
            return RecordField(name: name, value: value)
        }
        return try node(.record(fields), open.range.joined(with: previous.range))
    }

    /// if = "if" expression "then" expression "else" expression ;
    mutating func parseIf() throws(SyntaxFailure) -> Expression {
        let keyword = advance()
        let condition = try parseExpression()
        _ = try expect(.then, "after the condition of `if`")
        let then = try parseExpression()
        guard check(.else) else {
            // Point at the end of the `then` branch, not at whatever starts the next line.
            let at = current.startsLine ? SourceRange(start: previous.range.end, end: previous.range.end + 1) : current.range
            throw fail(
                Messages.expected("`else`", "after the `then` branch (`if` always has an `else`)", found: current.kind.spelling),
                at: at, fix: "add `else value`")
        }
        _ = advance()
        let otherwise = try parseExpression()
        return try node(.ifElse(condition: condition, then: then, else: otherwise), keyword.range.joined(with: otherwise.range))
    }

    /// when = "when" [ disjunction ] "{" { whenArm } [ "else" ":" expression ] "}" ;
    /// whenArm = expression { "," expression } ":" expression ;
    mutating func parseWhen() throws(SyntaxFailure) -> Expression {
        let keyword = advance()
        let subject: Expression? = check(.leftBrace) ? nil : try parseDisjunction()
        var arms: [WhenArm] = []
        var otherwise: Expression?
        let body = try parseBlock("`when` block") { (parser: inout Parser) throws(SyntaxFailure) in
            if otherwise != nil {
                throw parser.fail("`else` must be the last branch of `when`")
            }
            if parser.match(.else) {
                _ = try parser.expect(.colon, "after `else`")
                otherwise = try parser.parseExpression()
            } else {
                var patterns = [try parser.parseExpression()]
                while parser.match(.comma) { patterns.append(try parser.parseExpression()) }
                _ = try parser.expect(.colon, subject == nil ? "after the condition" : "after the value to match")
                arms.append(WhenArm(patterns: patterns, result: try parser.parseExpression()))
            }
            try parser.expectEndOfStatement("a branch of `when`")
        }
        if arms.isEmpty && otherwise == nil {
            throw fail("`when` needs at least one branch", at: keyword.range.joined(with: body))
        }
        return try node(.when(subject: subject, arms: arms, otherwise: otherwise), keyword.range.joined(with: body))
    }

    /// allocation = "allocate" disjunction "across" expression
    ///              ( "by" disjunction | "equally" | "greedy" "by" disjunction )
    ///              { ( "min" | "max" | "step" ) disjunction } ;
    mutating func parseAllocation() throws(SyntaxFailure) -> Expression {
        let keyword = advance()
        let budget = try parseDisjunction()
        _ = try expect(.across, "after the budget, as in `allocate $10_000 across picks by it.score`")
        let items = try parseExpression()
        let method: Allocation.Method
        if match(.by) {
            method = .proportional(try parseDisjunction())
        } else if match(.equally) {
            method = .equally
        } else if match(.greedy) {
            _ = try expect(.by, "after `greedy`")
            method = .greedy(try parseDisjunction())
        } else {
            throw fail(Messages.expected("`by`, `equally` or `greedy by`", "after the items", found: current.kind.spelling))
        }
        var bounds: [String: Expression] = [:]
        while let word = ["min", "max", "step"].first(where: { checkWord($0) }), continuesAllocation {
            let wordToken = advance()
            let value = try parseDisjunction()
            if bounds[word] != nil {
                throw fail("`\(word)` is given twice in this allocation", at: wordToken.range.joined(with: value.range))
            }
            bounds[word] = value
        }
        let allocation = Allocation(
            budget: budget, items: items, method: method,
            minimum: bounds["min"], maximum: bounds["max"], step: bounds["step"])
        return try node(.allocate(allocation), keyword.range.joined(with: previous.range))
    }

    /// Whether a `min`, `max` or `step` may continue the allocation before it. Such a bound
    /// may also start a line, so the bounds of a long allocation read one per line; a line
    /// starting `min(` is a call of the function `min`, not a bound.
    private var continuesAllocation: Bool {
        continuesLine || peek(1).kind != .leftParen
    }
}
