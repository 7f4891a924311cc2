// LexerTests: tokens as SQLite's tokenizer makes them (tokenize.c), errors with line:column in
// characters, and inputs that must never crash the lexer.

import StrataTestSupport
import Testing

@testable import StrataCore
@testable import StrataSQL

/// All tokens of `sql`, up to and excluding `.end`.
func lex(_ sql: String) throws(StrataError) -> [Token] {
    var lexer = Lexer(Array(sql.utf8))
    var tokens: [Token] = []
    while true {
        let token = try lexer.next()
        if token.kind == .end { return tokens }
        tokens.append(token)
    }
}

/// The lexical error `sql` gives, if any.
func lexError(_ sql: String) -> StrataError? {
    do throws(StrataError) {
        _ = try lex(sql)
        return nil
    } catch {
        return error
    }
}

@Suite struct LexerTests {
    /// INVARIANTS (3): after an unrecognized token the lexer goes on after it; an unterminated
    /// string or comment ends the input and says so (`isCompleteStatement` relies on both).
    @Test func lexingGoesOnAfterAnError() throws {
        for (sql, skipped) in [("1abc ;", "1abc"), ("! ;", "!"), ("x'zz' ;", "x'zz'"), (": ;", ":"), ("# ;", "#")] {
            var lexer = Lexer(Array(sql.utf8))
            #expect(throws: StrataError.self) { try lexer.next() }
            #expect(lexer.position == skipped.utf8.count, "\(sql)")
            #expect(!lexer.endedInsideToken)
            #expect(try lexer.next().kind == .semicolon)
            #expect(try lexer.next().kind == .end)
        }
        for sql in ["'a;", "\"a;", "[a;", "`a;", "x'0a;", "/* a;"] {
            var lexer = Lexer(Array(sql.utf8))
            #expect(throws: StrataError.self) { try lexer.next() }
            #expect(lexer.endedInsideToken, "\(sql)")
            #expect(try lexer.next().kind == .end)
        }
    }

    @Test func tokensOfAStatement() throws {
        let sql = "SELECT a1, \"b c\" FROM t WHERE x >= 1.5 AND y <> 'it''s';"
        let tokens = try lex(sql)
        #expect(
            tokens.map(\.kind) == [
                .word, .word, .comma, .quotedIdentifier, .word, .word, .word, .word, .greaterEqual, .real, .word, .word,
                .lessGreater, .string, .semicolon,
            ])
        #expect(tokens.map(\.keyword) == [
            .select, .none, .none, .none, .from, .none, .where, .none, .none, .none, .and, .none, .none, .none, .none,
        ])
        let bytes = Array(sql.utf8)
        #expect(String(decoding: bytes[tokens[13].start..<tokens[13].end], as: UTF8.self) == "'it''s'")
    }

    @Test func keywordsAreCaseInsensitive() throws {
        for spelling in ["select", "SELECT", "SeLeCt"] {
            #expect(try lex(spelling).first?.keyword == .select)
        }
        #expect(try lex("current_timestamp").first?.keyword == .currentTimestamp)
        #expect(try lex("selects").first?.keyword == Keyword.none)
        #expect(try lex("sel").first?.keyword == Keyword.none)
        // Non-ASCII bytes never fold onto a keyword letter ("SELECT" with U+00C5 etc.).
        #expect(try lex("SEL\u{C5}CT").first?.keyword == Keyword.none)
    }

    @Test func everyKeywordIsRecognized() throws {
        for keyword in Keyword.allCases where keyword != .none {
            let tokens = try lex(keyword.spelling.lowercased())
            #expect(tokens.count == 1 && tokens[0].keyword == keyword, "\(keyword.spelling)")
        }
    }

    @Test func operators() throws {
        let tokens = try lex("|| * / % + - << >> & | < <= > >= = == != <> ~ ( ) , ; .")
        #expect(
            tokens.map(\.kind) == [
                .concat, .star, .slash, .percent, .plus, .minus, .shiftLeft, .shiftRight, .bitAnd, .bitOr, .less,
                .lessEqual, .greater, .greaterEqual, .equal, .doubleEqual, .notEqual, .lessGreater, .tilde, .leftParen,
                .rightParen, .comma, .semicolon, .dot,
            ])
    }

    @Test(arguments: [
        ("1", TokenKind.integer), ("123", .integer), ("1.5", .real), (".5", .real), ("1.", .real), ("1e10", .real),
        ("1.5E-3", .real), ("2e+7", .real), ("0x1F", .hexInteger), ("0XaB", .hexInteger),
    ])
    func numbers(text: String, kind: TokenKind) throws {
        let tokens = try lex(text)
        #expect(tokens.count == 1)
        #expect(tokens.first?.kind == kind)
    }

    @Test(arguments: ["1abc", "1e", "0x", "0xfg", "12_000", "1.5x"])
    func numberFollowedByIdentifierCharactersIsOneBadToken(text: String) {
        let error = lexError(text)
        #expect(error?.code == .syntaxError)
        #expect(error?.message == "unrecognized token: \"\(text)\"")
        #expect(error?.location == SourceLocation(line: 1, column: 1))
    }

    @Test func quotedIdentifiers() throws {
        let tokens = try lex("\"a\"\"b\" [x y] `c``d` \"\"")
        #expect(tokens.map(\.kind) == [.quotedIdentifier, .quotedIdentifier, .quotedIdentifier, .quotedIdentifier])
    }

    @Test func blobs() throws {
        #expect(try lex("X'0aFF' x''").map(\.kind) == [.blob, .blob])
        #expect(lexError("X'abc'")?.message == "unrecognized token: \"X'abc'\"")
        #expect(lexError("x'zz'")?.message == "unrecognized token: \"x'zz'\"")
        #expect(lexError("x'ab")?.message == "unterminated string literal")
        // An identifier that merely starts with x.
        #expect(try lex("xyz").map(\.kind) == [.word])
    }

    @Test func parameters() throws {
        #expect(try lex("? ?12 :a @b $c :a1$").map(\.kind) == Array(repeating: .parameter, count: 6))
        #expect(lexError("SELECT :")?.message == "unrecognized token: \":\"")
        #expect(lexError("SELECT @ ")?.location == SourceLocation(line: 1, column: 8))
    }

    @Test func commentsAndWhitespace() throws {
        let tokens = try lex("SELECT -- comment ' \" \n 1 /* multi\nline */ + /**/ 2 --")
        #expect(tokens.map(\.kind) == [.word, .integer, .plus, .integer])
        #expect(try lex("\t\r\n\u{0C} ").isEmpty)
        #expect(try lex("1 - -2").map(\.kind) == [.integer, .minus, .minus, .integer])
    }

    @Test func unterminatedInputsNameTheirStart() {
        let string = lexError("SELECT 1,\n  'abc")
        // SQLite's wording (the text is an unrecognized token), then which kind was left open.
        #expect(string?.message == "unrecognized token: \"'abc\" (unterminated string literal)")
        #expect(string?.location == SourceLocation(line: 2, column: 3))
        #expect(lexError("SELECT \"abc")?.message == "unrecognized token: \"\"abc\" (unterminated quoted identifier)")
        #expect(lexError("SELECT [abc")?.message == "unrecognized token: \"[abc\" (unterminated quoted identifier)")
        #expect(lexError("SELECT `abc")?.message == "unrecognized token: \"`abc\" (unterminated quoted identifier)")
        let comment = lexError("SELECT 1 /* never closed *")
        #expect(comment?.message == "unterminated comment")
        #expect(comment?.location == SourceLocation(line: 1, column: 10))
        #expect(lexError("'it''")?.message == "unrecognized token: \"'it''\" (unterminated string literal)")
    }

    @Test(arguments: ["#", "!", "^", "\u{0}", "{", "}", "\\"])
    func badCharacters(text: String) {
        let error = lexError("SELECT 1 \(text)")
        #expect(error?.code == .syntaxError)
        #expect(error?.message.hasPrefix("unrecognized token:") == true)
        #expect(error?.location == SourceLocation(line: 1, column: 10))
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two UTF-8 bytes, "😀" four: each is one column.
        let error = lexError("SELECT 'é😀', é # ")
        #expect(error?.location == SourceLocation(line: 1, column: 16))
        let second = lexError("SELECT 1,\n'日本語' ^")
        #expect(second?.location == SourceLocation(line: 2, column: 7))
    }

    @Test func nonASCIIIdentifiers() throws {
        let tokens = try lex("SELECT größe, 名前 FROM t")
        #expect(tokens.map(\.kind) == [.word, .word, .comma, .word, .word, .word])
    }

    @Test func tenMegabyteLiteral() throws {
        let payload = String(repeating: "abcdefghij", count: 1_000_000)
        let tokens = try lex("SELECT '\(payload)'")
        #expect(tokens.count == 2)
        #expect(tokens[1].end - tokens[1].start == payload.utf8.count + 2)
        // An unterminated one is an error whose message does not carry ten megabytes.
        let error = lexError("SELECT '\(payload)")
        #expect(error?.message.hasSuffix("(unterminated string literal)") == true)
        #expect((error?.message.utf8.count ?? 0) < 120)
        let bad = lexError("SELECT 1\(payload)")
        #expect((bad?.message.utf8.count ?? 0) < 100)
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet = Array("SELECT'\"`[]()x0123456789.eE+-*/|<>=!~?:@$#;,-/* \n\té".utf8) + [0xFF, 0xC3, 0x80, 0x00]
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 40)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                if generator.next() % 8 == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: generator.next()))
                } else {
                    bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
                }
            }
            var lexer = Lexer(bytes)
            var previousEnd = 0
            var steps = 0
            while steps < 1000 {
                steps += 1
                guard let token = try? lexer.next() else { break }
                #expect(token.start >= previousEnd && token.end >= token.start && token.end <= bytes.count)
                previousEnd = token.end
                if token.kind == .end { break }
            }
        }
    }
}

