// Parser+Expression: expressions by precedence climbing, with SQLite's operator precedence
// (lang_expr.html "Operators", parse.y), lowest first:
//
//   1 OR   2 AND   3 NOT (prefix)   4 = == != <> IS IS NOT IN LIKE GLOB MATCH REGEXP BETWEEN
//   ISNULL NOTNULL NOT NULL   5 < <= > >=   7 & | << >>   8 + -   9 * / %   10 ||
//   11 COLLATE (postfix)   12 ~ + - (prefix)
//
// Binary operators associate to the left: the right operand is parsed one level higher. The
// right operand of IS, LIKE/ESCAPE and the bounds of BETWEEN are parsed at level 5, as SQLite's
// grammar reduces them.

import StrataCore

enum Precedence {
    static let or = 1
    static let and = 2
    static let not = 3
    static let equality = 4
    static let comparison = 5
    static let bitwise = 7
    static let additive = 8
    static let multiplicative = 9
    static let concat = 10
    static let collate = 11
    static let unary = 12
}

extension Parser {
    /// An expression whose operators all bind at least as tightly as `minPrecedence`.
    mutating func parseExpr(_ minPrecedence: Int = Precedence.or) throws(ParseFailure) -> Expr {
        try enter()
        defer { leave() }
        let base = depth
        let outerPeak = peak
        peak = base
        var lhs = try parsePrefix()
        var height = peak - base
        while true {
            let precedence = try infixPrecedence()
            if precedence == 0 || precedence < minPrecedence { break }
            peak = base
            lhs = try parseInfix(lhs, precedence: precedence)
            height = max(height, peak - base) + 1
            if base + height > Self.maxDepth { throw tooDeep() }
        }
        peak = max(outerPeak, base + height)
        return lhs
    }

    /// The precedence of the current token as an infix or postfix operator, 0 if it is none.
    private mutating func infixPrecedence() throws(ParseFailure) -> Int {
        switch token.kind {
        case .word:
            switch token.keyword {
            case .or: return Precedence.or
            case .and: return Precedence.and
            case .is, .in, .like, .glob, .regexp, .match, .between, .isnull, .notnull: return Precedence.equality
            case .collate: return Precedence.collate
            case .not:
                switch try peek().keyword {
                case .in, .like, .glob, .regexp, .match, .between, .null: return Precedence.equality
                default: return 0
                }
            default: return 0
            }
        case .equal, .doubleEqual, .notEqual, .lessGreater: return Precedence.equality
        case .less, .lessEqual, .greater, .greaterEqual: return Precedence.comparison
        case .bitAnd, .bitOr, .shiftLeft, .shiftRight: return Precedence.bitwise
        case .plus, .minus: return Precedence.additive
        case .star, .slash, .percent: return Precedence.multiplicative
        case .concat: return Precedence.concat
        default: return 0
        }
    }

    private static func binaryOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equal, .doubleEqual: .equal
        case .notEqual, .lessGreater: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .bitAnd: .bitAnd
        case .bitOr: .bitOr
        case .shiftLeft: .shiftLeft
        case .shiftRight: .shiftRight
        case .plus: .add
        case .minus: .subtract
        case .star: .multiply
        case .slash: .divide
        case .percent: .remainder
        case .concat: .concat
        default: nil
        }
    }

    /// Applies the infix or postfix operator at the current token to `lhs`.
    private mutating func parseInfix(_ lhs: Expr, precedence: Int) throws(ParseFailure) -> Expr {
        let op = token
        try advance()
        if let binary = Self.binaryOperator(op.kind) {
            return .binary(binary, lhs, try parseExpr(precedence + 1))
        }
        switch op.keyword {
        case .or: return .binary(.or, lhs, try parseExpr(Precedence.and))
        case .and: return .binary(.and, lhs, try parseExpr(Precedence.not))
        case .collate: return .collate(lhs, try parseName())
        case .isnull: return .isNull(lhs, negated: false)
        case .notnull: return .isNull(lhs, negated: true)
        case .is:
            var negated = try accept(.not)
            if try accept(.distinct) {
                try expect(.from)
                negated.toggle()
                return .binary(negated ? .isNot : .is, lhs, try parseExpr(Precedence.comparison))
            }
            let rhs = try parseExpr(Precedence.comparison)
            if case .literal(.null) = rhs { return .isNull(lhs, negated: negated) }
            return .binary(negated ? .isNot : .is, lhs, rhs)
        case .not:
            let next = token
            try advance()
            return try parseNegatable(lhs, op: next, negated: true)
        default:
            return try parseNegatable(lhs, op: op, negated: false)
        }
    }

    /// IN, LIKE/GLOB/REGEXP/MATCH, BETWEEN and (after NOT) NULL; `op` has been consumed.
    @inline(never)
    private mutating func parseNegatable(_ lhs: Expr, op: Token, negated: Bool) throws(ParseFailure) -> Expr {
        switch op.keyword {
        case .null:
            return .isNull(lhs, negated: true)
        case .between:
            let low = try parseExpr(Precedence.equality)
            try expect(.and)
            let high = try parseExpr(Precedence.comparison)
            return .between(lhs, low: low, high: high, negated: negated)
        case .in:
            return try parseIn(lhs, negated: negated)
        case .like, .glob, .regexp, .match:
            let kind: LikeOperator =
                switch op.keyword {
                case .like: .like
                case .glob: .glob
                case .regexp: .regexp
                default: .match
                }
            let pattern = try parseExpr(Precedence.comparison)
            var escape: Expr?
            if try accept(.escape) { escape = try parseExpr(Precedence.comparison) }
            return .like(LikeExpression(op: kind, negated: negated, value: lhs, pattern: pattern, escape: escape))
        default:
            throw syntaxError(at: op)
        }
    }

    /// After IN: `(select)`, `(list)` (possibly empty) or a table name.
    @inline(never)
    private mutating func parseIn(_ lhs: Expr, negated: Bool) throws(ParseFailure) -> Expr {
        if try accept(.leftParen) {
            if atSelectStart() {
                let select = try parseSelect()
                try expect(.rightParen)
                return .inSelect(lhs, select, negated: negated)
            }
            if try accept(.rightParen) { return .inList(lhs, [], negated: negated) }
            var list = [try parseExpr()]
            while try accept(.comma) { list.append(try parseExpr()) }
            try expect(.rightParen)
            return .inList(lhs, list, negated: negated)
        }
        let table = try parseQualifiedName()
        return .inTable(lhs, table, negated: negated)
    }

    /// Whether the current token starts a query: SELECT, VALUES or WITH.
    func atSelectStart() -> Bool {
        token.keyword == .select || token.keyword == .values || token.keyword == .with
    }

    // MARK: Operands

    /// A literal, parameter, name, function call, parenthesized expression or subquery, CASE,
    /// CAST, EXISTS, RAISE, or a prefix operator applied to an operand.
    ///
    /// This and `parseParenthesized` sit on the recursion path of nested expressions, so they
    /// only dispatch: every case with more than a few locals lives in its own function, kept
    /// out of line, which keeps a nesting level near 600 bytes of stack in a release build.
    private mutating func parsePrefix() throws(ParseFailure) -> Expr {
        switch token.kind {
        case .integer, .hexInteger, .real, .string, .blob:
            return try parseLiteral()
        case .parameter:
            return try parseParameterExpr()
        case .minus:
            try advance()
            if token.kind == .integer || token.kind == .hexInteger || token.kind == .real {
                return try parseNegatedNumber()
            }
            return .unary(.negate, try parseExpr(Precedence.unary))
        case .plus:
            try advance()
            return .unary(.plus, try parseExpr(Precedence.unary))
        case .tilde:
            try advance()
            return .unary(.bitNot, try parseExpr(Precedence.unary))
        case .leftParen:
            return try parseParenthesized()
        case .quotedIdentifier:
            return try parseIdentifierExpr()
        case .word:
            switch token.keyword {
            case .not:
                try advance()
                return .unary(.not, try parseExpr(Precedence.not))
            case .null:
                try advance()
                return .literal(.null)
            case .case:
                return try parseCase()
            case .exists:
                return try parseExists()
            case .cast, .raise:
                return try parseCastOrRaise()
            case .currentTime, .currentDate, .currentTimestamp:
                return try parseCurrentTime()
            default:
                guard !token.keyword.isReserved || token.keyword.isJoinWord else { throw syntaxError() }
                return try parseIdentifierExpr()
            }
        default:
            throw syntaxError()
        }
    }

    /// A number, string or blob literal.
    @inline(never)
    private mutating func parseLiteral() throws(ParseFailure) -> Expr {
        let value: Value
        switch token.kind {
        case .string: value = .text(dequote(token))
        case .blob: value = .blob(blobValue(token))
        default: value = try numberValue(token)
        }
        try advance()
        return .literal(value)
    }

    /// A number after a unary minus, folded into the literal.
    @inline(never)
    private mutating func parseNegatedNumber() throws(ParseFailure) -> Expr {
        let value = try negatedNumberValue(token)
        try advance()
        return .literal(value)
    }

    @inline(never)
    private mutating func parseParameterExpr() throws(ParseFailure) -> Expr {
        .parameter(try parseParameter())
    }

    @inline(never)
    private mutating func parseCurrentTime() throws(ParseFailure) -> Expr {
        let kind: CurrentTimeKind =
            switch token.keyword {
            case .currentTime: .time
            case .currentDate: .date
            default: .timestamp
            }
        try advance()
        return .currentTime(kind)
    }

    /// EXISTS (select)
    @inline(never)
    private mutating func parseExists() throws(ParseFailure) -> Expr {
        try advance()
        try expect(.leftParen)
        let select = try parseSelect()
        try expect(.rightParen)
        return .exists(select)
    }

    /// CAST(...) or RAISE(...); either word without a `(` is a name.
    @inline(never)
    private mutating func parseCastOrRaise() throws(ParseFailure) -> Expr {
        guard try peek().kind == .leftParen else { return try parseIdentifierExpr() }
        return at(.cast) ? try parseCast() : try parseRaise()
    }

    /// `(expr)`, `(expr, expr, ...)` (a row value) or `(select)`.
    private mutating func parseParenthesized() throws(ParseFailure) -> Expr {
        try advance()
        if atSelectStart() { return try parseScalarSubquery() }
        let first = try parseExpr()
        if at(.comma) { return try parseRowValue(first) }
        try expect(.rightParen)
        return first
    }

    /// `(select)` from the select.
    @inline(never)
    private mutating func parseScalarSubquery() throws(ParseFailure) -> Expr {
        let select = try parseSelect()
        try expect(.rightParen)
        return .subquery(select)
    }

    /// `(first, expr, ...)` from the first comma.
    @inline(never)
    private mutating func parseRowValue(_ first: Expr) throws(ParseFailure) -> Expr {
        var items = [first]
        while try accept(.comma) { items.append(try parseExpr()) }
        try expect(.rightParen)
        return .row(items)
    }

    /// A column reference (`c`, `t.c`, `s.t.c`), a function call, or TRUE/FALSE.
    @inline(never)
    private mutating func parseIdentifierExpr() throws(ParseFailure) -> Expr {
        let first = token
        try advance()
        if at(.leftParen) { return .function(try parseFunctionCall(nameToken: first)) }
        return try parseColumnReference(first)
    }

    /// The rest of a column reference whose first name, `first`, has been consumed.
    @inline(never)
    private mutating func parseColumnReference(_ first: Token) throws(ParseFailure) -> Expr {
        let location = lexer.location(of: first.start)
        if !at(.dot) {
            if first.kind == .word, first.keyword == .none, let truth = truthValue(first) {
                return .literal(.integer(truth ? 1 : 0))
            }
            return .column(
                ColumnReference(
                    name: name(first), isDoubleQuoted: isDoubleQuoted(first), location: location))
        }
        try advance()
        let second = token
        _ = try parseName(joinWords: true)
        if !at(.dot) {
            return .column(
                ColumnReference(
                    table: name(first), name: name(second), isDoubleQuoted: isDoubleQuoted(second),
                    location: location))
        }
        try advance()
        let third = token
        _ = try parseName(joinWords: true)
        return .column(
            ColumnReference(
                schema: name(first), table: name(second), name: name(third), isDoubleQuoted: isDoubleQuoted(third),
                location: location))
    }

    private func isDoubleQuoted(_ token: Token) -> Bool {
        token.kind == .quotedIdentifier && lexer.bytes[token.start] == UInt8(ascii: "\"")
    }

    /// TRUE or FALSE spelled by a bare word, else nil.
    private func truthValue(_ token: Token) -> Bool? {
        let bytes = lexer.bytes
        let length = token.end - token.start
        guard length == 4 || length == 5 else { return nil }
        var upper: UInt64 = 0
        for i in token.start..<token.end {
            let b = bytes[i]
            guard b < 0x80 else { return nil }
            upper = upper << 8 | UInt64(b & 0xDF)
        }
        if upper == 0x5452_5545 { return true }  // "TRUE"
        if upper == 0x46_414C_5345 { return false }  // "FALSE"
        return nil
    }

    /// `name(...)` from the `(`: no arguments, `*`, or [DISTINCT|ALL] expressions
    /// [ORDER BY ...], then an optional FILTER (WHERE expr).
    @inline(never)
    private mutating func parseFunctionCall(nameToken: Token) throws(ParseFailure) -> FunctionCall {
        let location = lexer.location(of: nameToken.start)
        try expect(.leftParen)
        var call = FunctionCall(name: name(nameToken), arguments: [], location: location)
        if try accept(.star) {
            call.isStar = true
            try expect(.rightParen)
        } else if !(try accept(.rightParen)) {
            if try accept(.distinct) {
                call.isDistinct = true
            } else {
                _ = try accept(.all)
            }
            call.arguments.append(try parseExpr())
            while try accept(.comma) { call.arguments.append(try parseExpr()) }
            if at(.order) {
                try advance()
                try expect(.by)
                call.orderBy = try parseOrderingTerms()
            }
            try expect(.rightParen)
        }
        if at(.filter), try peek().kind == .leftParen {
            try advance()
            try advance()
            try expect(.where)
            call.filter = try parseExpr()
            try expect(.rightParen)
        }
        return call
    }

    /// CASE [base] WHEN w THEN t ... [ELSE e] END
    @inline(never)
    private mutating func parseCase() throws(ParseFailure) -> Expr {
        try advance()
        let base: Expr? = at(.when) ? nil : try parseExpr()
        var branches: [CaseBranch] = []
        while try accept(.when) {
            let when = try parseExpr()
            try expect(.then)
            branches.append(CaseBranch(when: when, then: try parseExpr()))
        }
        if branches.isEmpty { throw syntaxError() }
        let elseValue: Expr? = try accept(.else) ? try parseExpr() : nil
        try expect(Keyword.end)
        return .caseWhen(CaseExpression(base: base, branches: branches, elseValue: elseValue))
    }

    /// CAST(expr AS type); the type may be empty, as in SQLite.
    private mutating func parseCast() throws(ParseFailure) -> Expr {
        try advance()
        try expect(.leftParen)
        let value = try parseExpr()
        try expect(.as)
        let type = try parseTypeName() ?? TypeName(name: "", arguments: [])
        try expect(.rightParen)
        return .cast(value, type)
    }

    /// RAISE(IGNORE) or RAISE(ROLLBACK | ABORT | FAIL, message)
    private mutating func parseRaise() throws(ParseFailure) -> Expr {
        try advance()
        try expect(.leftParen)
        let action: RaiseAction
        switch token.keyword {
        case .ignore: action = .ignore
        case .rollback: action = .rollback
        case .abort: action = .abort
        case .fail: action = .fail
        default: throw syntaxError()
        }
        try advance()
        var message: String?
        if action != .ignore {
            try expect(.comma)
            guard at(.string) else { throw syntaxError() }
            message = dequote(token)
            try advance()
        }
        try expect(.rightParen)
        return .raise(action, message: message)
    }

    /// A declared type: words (identifiers, non-reserved keywords but GENERATED, quoted names)
    /// and an optional `(n)` or `(n, m)` of signed numbers; nil if there are no words.
    mutating func parseTypeName() throws(ParseFailure) -> TypeName? {
        let start = token.start
        var words: [String] = []
        words: while true {
            switch token.kind {
            case .word where !token.keyword.isReserved && token.keyword != .generated:
                words.append(text(token))
            case .quotedIdentifier, .string:
                words.append(dequote(token))
            default:
                break words
            }
            try advance()
        }
        guard !words.isEmpty else { return nil }
        var arguments: [String] = []
        if try accept(.leftParen) {
            arguments.append(try parseSignedNumberText())
            if try accept(.comma) { arguments.append(try parseSignedNumberText()) }
            try expect(.rightParen)
        }
        return TypeName(name: words.joined(separator: " "), arguments: arguments,
                        written: String(decoding: lexer.bytes[start..<previousEnd], as: UTF8.self))
    }

    /// `[+|-] number` as written.
    private mutating func parseSignedNumberText() throws(ParseFailure) -> String {
        var sign = ""
        if at(.minus) || at(.plus) {
            if at(.minus) { sign = "-" }
            try advance()
        }
        guard at(.integer) || at(.hexInteger) || at(.real) else { throw syntaxError() }
        let result = sign + text(token)
        try advance()
        return result
    }

    /// `[+|-] number` as a value (DEFAULT, PRAGMA, SET).
    mutating func parseSignedNumber() throws(ParseFailure) -> Value {
        var negative = false
        if at(.minus) || at(.plus) {
            negative = at(.minus)
            try advance()
        }
        guard at(.integer) || at(.hexInteger) || at(.real) else { throw syntaxError() }
        let value = negative ? try negatedNumberValue(token) : try numberValue(token)
        try advance()
        return value
    }

    // MARK: Literals and parameters

    /// The value of a number token: a decimal integer beyond Int64 becomes a real; a hex
    /// integer is a 64-bit two's complement pattern and must fit in 16 digits.
    mutating func numberValue(_ token: Token) throws(ParseFailure) -> Value {
        let bytes = lexer.bytes
        switch token.kind {
        case .integer:
            var value: Int64 = 0
            for i in token.start..<token.end {
                let digit = Int64(bytes[i] &- UInt8(ascii: "0"))
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                if o1 || o2 { return .real(realValue(token)) }
                value = sum
            }
            return .integer(value)
        case .hexInteger:
            var value: UInt64 = 0
            var digits = 0
            for i in (token.start + 2)..<token.end {
                let b = bytes[i]
                let nibble: UInt8 = b <= UInt8(ascii: "9") ? b &- UInt8(ascii: "0") : (b | 0x20) &- UInt8(ascii: "a") &+ 10
                if digits > 0 || nibble != 0 { digits += 1 }
                if digits > 16 { throw error("hex literal too big: \(text(token))", at: token) }
                value = value << 4 | UInt64(nibble)
            }
            return .integer(Int64(bitPattern: value))
        default:
            return .real(realValue(token))
        }
    }

    /// The value of `-number`: -9223372036854775808 is Int64.min; negating Int64.min (from a
    /// hex literal) overflows to a real, as SQLite does.
    mutating func negatedNumberValue(_ token: Token) throws(ParseFailure) -> Value {
        switch try numberValue(token) {
        case .integer(let i):
            if i == Int64.min { return .real(-Double(i)) }
            return .integer(-i)
        case .real(let d):
            if token.kind == .integer, d == 9_223_372_036_854_775_808.0,
                text(token).drop(while: { $0 == "0" }) == "9223372036854775808"
            {
                return .integer(Int64.min)
            }
            return .real(-d)
        default:
            return .null
        }
    }

    private func realValue(_ token: Token) -> Double {
        Double(text(token)) ?? Double.nan
    }

    private func blobValue(_ token: Token) -> [UInt8] {
        let bytes = lexer.bytes
        var out: [UInt8] = []
        out.reserveCapacity((token.end - token.start - 3) / 2)
        var i = token.start + 2
        func nibble(_ b: UInt8) -> UInt8 {
            b <= UInt8(ascii: "9") ? b &- UInt8(ascii: "0") : (b | 0x20) &- UInt8(ascii: "a") &+ 10
        }
        while i + 1 < token.end - 1 {
            out.append(nibble(bytes[i]) << 4 | nibble(bytes[i + 1]))
            i += 2
        }
        return out
    }

    /// `?`, `?N`, `:name`, `@name`, `$name`, numbered as SQLite numbers them.
    private mutating func parseParameter() throws(ParseFailure) -> Parameter {
        let bytes = lexer.bytes
        let location = location(of: token)
        let index: Int
        var name: String?
        if bytes[token.start] == UInt8(ascii: "?") {
            if token.end - token.start == 1 {
                parameterCount += 1
                index = parameterCount
            } else {
                var n = 0
                for i in (token.start + 1)..<token.end {
                    n = n * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                    if n > 32766 { break }
                }
                guard n >= 1, n <= 32766 else {
                    throw error("variable number must be between ?1 and ?32766", at: token)
                }
                index = n
                parameterCount = max(parameterCount, n)
            }
        } else {
            let text = text(token)
            name = text
            if let existing = namedParameters[text] {
                index = existing
            } else {
                parameterCount += 1
                index = parameterCount
                parameterNames[index] = text
                namedParameters[text] = index
            }
        }
        try advance()
        return Parameter(index: index, name: name, location: location)
    }
}
