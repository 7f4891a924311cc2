// Parser: hand-written recursive descent over the Lexer's tokens, with precedence climbing for
// expressions (Parser+Expression.swift). It reads a script one statement at a time, so a caller
// can run each statement before the next is parsed, and a syntax error stops the script there.
//
// INVARIANTS
//   (1) Every error is a StrataError with the line:column of the offending token: SQLite's
//       `near "TOKEN": syntax error`, `incomplete input` at the end, or a more specific message.
//   (2) Nesting is bounded: `depth` counts parse levels (expressions, subqueries, parenthesized
//       FROM terms) and `peak` the height of what was built, left-deep operator chains
//       included, so no tree is deeper than `maxDepth` and neither parsing nor walking or
//       freeing a tree can overflow a small thread stack.
//   (3) One token of lookahead, rarely more (`peek`); tokens are lexed on demand, so a lexical
//       error in a later statement does not stop earlier ones.
// CALLED BY  SQLSession (runs scripts), the shell and strata-slt through the public API.

import StrataCore

/// Parses every statement of `sql`.
///
/// - Throws: the first syntax error, with its line and column in `sql`.
package func parseScript(_ sql: String) throws(StrataError) -> [ParsedStatement] {
    var parser = Parser(sql)
    var statements: [ParsedStatement] = []
    while let statement = try parser.nextStatement() { statements.append(statement) }
    return statements
}

/// Parses `sql`, which must hold exactly one statement (a trailing semicolon is allowed).
package func parseStatement(_ sql: String) throws(StrataError) -> ParsedStatement {
    var parser = Parser(sql)
    guard let statement = try parser.nextStatement() else {
        throw StrataError(.syntaxError, "incomplete input", location: SourceLocation(line: 1, column: 1))
    }
    if let second = try parser.nextStatement() {
        throw StrataError(.syntaxError, "more than one statement given", location: second.location)
    }
    return statement
}

/// The parser's internal error: one reference to the StrataError it carries, so that each
/// `try` in the recursive descent reserves a word of stack instead of a whole StrataError (about
/// 80 bytes per call site in a debug build). `Parser.next()` unwraps it.
final class ParseFailure: Error {
    let error: StrataError
    init(_ error: StrataError) { self.error = error }
}

/// Reads a script statement by statement: `next()` returns the next statement, or nil at the end.
/// After an error `next()` returns nil.
package struct Parser {
    /// Parse levels allowed (INVARIANTS (2)); SQLite's SQLITE_MAX_EXPR_DEPTH is also 1000.
    package static let maxDepth = 1000

    var lexer: Lexer
    /// The current token.
    var token = Token(kind: .end, keyword: .none, start: 0, end: 0)
    /// Tokens lexed after `token`, for `peek`.
    private var lookahead: [Token] = []
    /// The end of the last token consumed.
    var previousEnd = 0
    private var isStarted = false
    private var isFinished = false

    var depth = 0
    var peak = 0
    /// The lowest stack address parsing may reach on this thread (`checkStack`); 0 until the
    /// first deep level of a statement asks `ThreadStack`, which answers 1 where the platform
    /// does not tell.
    private var stackLimit: UInt = 0

    // The current statement's parameters (AST.swift, INVARIANTS (4)).
    var parameterCount = 0
    var parameterNames: [Int: String] = [:]
    var namedParameters: [String: Int] = [:]

    package init(_ sql: String) {
        lexer = Lexer(Array(sql.utf8))
    }

    /// The next statement, or nil when the script has no more. When the current thread has too
    /// little stack for how deeply the statement nests, it is parsed again on a thread with
    /// enough (`ThreadStack.withStack`), so the depth limit, not the caller's stack, decides
    /// what is too deep.
    package mutating func nextStatement() throws(StrataError) -> ParsedStatement? {
        let saved = self
        do {
            return try next()
        } catch where ThreadStack.isExhaustion(error) {
            self = saved
            var copy = self
            let statement = try ThreadStack.withStack(forHeight: Self.maxDepth) { () throws(StrataError) in
                defer { self = copy }
                return try copy.next()
            }
            return statement
        }
    }

    /// The next statement, or nil when the script has no more; parsed on the current thread,
    /// whose stack may end it with `ThreadStack.exhaustedMessage` (use `nextStatement()`).
    ///
    /// - Throws: a syntax error with its line and column in the script.
    package mutating func next() throws(StrataError) -> ParsedStatement? {
        guard !isFinished else { return nil }
        stackLimit = 0
        do throws(ParseFailure) {
            if !isStarted {
                isStarted = true
                try advance()
            }
            while token.kind == .semicolon { try advance() }
            if token.kind == .end {
                isFinished = true
                return nil
            }
            let start = token.start
            let location = lexer.location(of: start)
            parameterCount = 0
            parameterNames = [:]
            namedParameters = [:]
            depth = 0
            peak = 0
            let statement = try parseStatement()
            let end = previousEnd
            guard token.kind == .semicolon || token.kind == .end else { throw syntaxError() }
            let text = String(decoding: lexer.bytes[start..<end], as: UTF8.self)
            return ParsedStatement(
                statement: statement, text: text, byteRange: start..<end, location: location,
                parameterCount: parameterCount, parameterNames: parameterNames, height: peak)
        } catch {
            isFinished = true
            throw error.error
        }
    }

    // MARK: Tokens

    mutating func advance() throws(ParseFailure) {
        previousEnd = token.end
        if lookahead.isEmpty {
            do throws(StrataError) {
                token = try lexer.next()
            } catch {
                throw ParseFailure(error)
            }
        } else {
            token = lookahead.removeFirst()
        }
    }

    /// The token `n` places after the current one.
    mutating func peek(_ n: Int = 1) throws(ParseFailure) -> Token {
        while lookahead.count < n {
            if let last = lookahead.last, last.kind == .end { return last }
            if lookahead.isEmpty, token.kind == .end { return token }
            do throws(StrataError) {
                lookahead.append(try lexer.next())
            } catch {
                throw ParseFailure(error)
            }
        }
        return lookahead[n - 1]
    }

    @inline(__always) func at(_ keyword: Keyword) -> Bool { token.keyword == keyword }
    @inline(__always) func at(_ kind: TokenKind) -> Bool { token.kind == kind }

    mutating func accept(_ keyword: Keyword) throws(ParseFailure) -> Bool {
        guard token.keyword == keyword else { return false }
        try advance()
        return true
    }

    mutating func accept(_ kind: TokenKind) throws(ParseFailure) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    mutating func expect(_ keyword: Keyword) throws(ParseFailure) {
        guard token.keyword == keyword else { throw syntaxError() }
        try advance()
    }

    mutating func expect(_ kind: TokenKind) throws(ParseFailure) {
        guard token.kind == kind else { throw syntaxError() }
        try advance()
    }

    // MARK: Errors

    /// `near "TOKEN": syntax error` at the current token, or `incomplete input` at the end.
    mutating func syntaxError() -> ParseFailure {
        syntaxError(at: token)
    }

    mutating func syntaxError(at token: Token) -> ParseFailure {
        if token.kind == .end {
            return ParseFailure(StrataError(.syntaxError, "incomplete input", location: lexer.location(of: token.start)))
        }
        let text = lexer.excerpt(token.start, token.end)
        return ParseFailure(
            StrataError(.syntaxError, "near \"\(text)\": syntax error", location: lexer.location(of: token.start)))
    }

    mutating func error(_ message: String, at token: Token) -> ParseFailure {
        ParseFailure(StrataError(.syntaxError, message, location: lexer.location(of: token.start)))
    }

    mutating func location(of token: Token) -> SourceLocation {
        lexer.location(of: token.start)
    }

    // MARK: Nesting (INVARIANTS (2))

    /// Enters one parse level; pair with `leave()`.
    mutating func enter() throws(ParseFailure) {
        depth &+= 1
        if depth > peak { peak = depth }
        if depth >= Self.stackCheckDepth {
            if depth > Self.maxDepth { throw tooDeep() }
            try checkStack()
        }
    }

    mutating func leave() { depth &-= 1 }

    mutating func tooDeep() -> ParseFailure {
        ParseFailure(
            StrataError(
                .programLimitExceeded, "expression nested too deeply (maximum depth \(Self.maxDepth))",
                location: lexer.location(of: token.start)))
    }

    /// From this depth on `enter()` also checks the stack itself (INVARIANTS (2)); the
    /// shallowest levels, where most statements stay, skip the check.
    static let stackCheckDepth = 6

    /// Throws `ThreadStack.exhaustedMessage` when the current thread's stack has less than
    /// `ThreadStack.reserveByteCount` bytes left below this frame. A nesting level costs about
    /// 300 bytes of stack in a release build (parentheses; a function call about 700), so 1000
    /// levels fit in any stack of 1 MB or more; a debug build needs several times that.
    private mutating func checkStack() throws(ParseFailure) {
        if stackLimit == 0 { stackLimit = ThreadStack.lowestUsableAddress() }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if here < stackLimit {
            throw ParseFailure(StrataError(.programLimitExceeded, ThreadStack.exhaustedMessage, location: lexer.location(of: token.start)))
        }
    }

    // MARK: Names

    /// The raw text of a token.
    func text(_ token: Token) -> String {
        String(decoding: lexer.bytes[token.start..<token.end], as: UTF8.self)
    }

    /// The name a word, quoted identifier or string token spells: quotes removed, doubled
    /// quotes undone.
    func name(_ token: Token) -> String {
        switch token.kind {
        case .quotedIdentifier, .string: dequote(token)
        default: text(token)
        }
    }

    func dequote(_ token: Token) -> String {
        let bytes = lexer.bytes
        let quote = bytes[token.start]
        let inner = (token.start + 1)..<(token.end - 1)
        if quote == UInt8(ascii: "[") { return String(decoding: bytes[inner], as: UTF8.self) }
        guard bytes[inner].contains(quote) else { return String(decoding: bytes[inner], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(inner.count)
        var i = inner.lowerBound
        while i < inner.upperBound {
            let b = bytes[i]
            out.append(b)
            i += (b == quote) ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the current token can be a name (SQLite's `nm`): an identifier, a keyword that
    /// falls back to one, a quoted identifier or a string; join words too if `joinWords`.
    func atName(joinWords: Bool = false) -> Bool {
        switch token.kind {
        case .word: !token.keyword.isReserved || (joinWords && token.keyword.isJoinWord)
        case .quotedIdentifier, .string: true
        default: false
        }
    }

    /// A name (SQLite's `nm`): identifier, non-reserved keyword, quoted identifier or string.
    mutating func parseName(joinWords: Bool = false) throws(ParseFailure) -> String {
        guard atName(joinWords: joinWords) else { throw syntaxError() }
        let result = name(token)
        try advance()
        return result
    }

    /// `name` or `schema.name`.
    mutating func parseQualifiedName(joinWords: Bool = false) throws(ParseFailure) -> QualifiedName {
        let first = token
        let location = location(of: first)
        var name = try parseName(joinWords: joinWords)
        var schema: String?
        if at(.dot) {
            try advance()
            schema = name
            name = try parseName(joinWords: joinWords)
        }
        return QualifiedName(schema: schema, name: name, location: location)
    }

    /// `( name, ... )`
    mutating func parseNameList() throws(ParseFailure) -> [String] {
        try expect(.leftParen)
        var names: [String] = []
        repeat {
            names.append(try parseName(joinWords: true))
        } while try accept(.comma)
        try expect(.rightParen)
        return names
    }

    /// `[AS] alias`: after AS any name; without AS an identifier, non-reserved keyword, quoted
    /// identifier or string, but not FOR of FOR UPDATE/SHARE.
    mutating func parseAlias() throws(ParseFailure) -> String? {
        if try accept(.as) { return try parseName() }
        guard atName() else { return nil }
        if at(.for) {
            let next = try peek()
            if next.keyword == .update || next.keyword == .share { return nil }
        }
        let alias = name(token)
        try advance()
        return alias
    }
}
