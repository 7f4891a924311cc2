// Lexer: turns a script's UTF-8 bytes into tokens, one at a time, as the Parser asks.
//
// It follows SQLite's tokenizer (tokenize.c): identifiers start with a letter, '_' or any byte
// from 0x80 up and continue with those, digits and '$'; "x", [x] and `x` are quoted
// identifiers; 'x' is a string ('' escapes a quote); X'..' is a blob; a number directly
// followed by an identifier character is an error, as are unterminated strings, identifiers and
// comments. Tokens carry byte offsets only; the text of an identifier or literal is decoded
// when the Parser needs it, and line:column only for locations the Parser records.
//
// INVARIANTS
//   (1) `next()` never reads outside `bytes` and never traps, whatever the input.
//   (2) Token ranges are increasing and never overlap; `.end` is at `bytes.count`.
//   (3) After an error `next()` may be called again: it goes on after the offending text (an
//       unrecognized token is skipped; an unterminated string, quoted identifier, blob or
//       comment runs to the end of the input and sets `endedInsideToken`). The Parser stops at
//       the first error; `isCompleteStatement` reads on.

import StrataCore

struct Lexer {
    let bytes: [UInt8]
    /// The offset of the next byte to scan.
    private(set) var position = 0
    /// Set when the input ended inside a string, quoted identifier, blob or comment.
    private(set) var endedInsideToken = false

    // A cursor for `location(of:)`: locations are asked for in increasing order, so each one
    // scans only the bytes after the previous one.
    private var cursorOffset = 0
    private var cursorLine = 1
    private var cursorColumn = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Line and column (1-based, columns in Unicode scalars) of the byte at `offset`.
    mutating func location(of offset: Int) -> SourceLocation {
        let offset = min(max(offset, 0), bytes.count)
        if offset < cursorOffset {
            cursorOffset = 0
            cursorLine = 1
            cursorColumn = 1
        }
        var i = cursorOffset
        var line = cursorLine
        var column = cursorColumn
        while i < offset {
            let b = bytes[i]
            if b == 0x0A {
                line &+= 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column &+= 1
            }
            i &+= 1
        }
        cursorOffset = offset
        cursorLine = line
        cursorColumn = column
        return SourceLocation(line: line, column: column)
    }

    /// The source text of `bytes[start..<end]`, shortened for an error message.
    func excerpt(_ start: Int, _ end: Int) -> String {
        let limit = 40
        if end - start <= limit { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var cut = start + limit
        while cut > start, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return String(decoding: bytes[start..<cut], as: UTF8.self) + "..."
    }

    private mutating func error(_ message: String, at offset: Int) -> StrataError {
        StrataError(.syntaxError, message, location: location(of: offset))
    }

    /// The error for the text `bytes[start..<end]`, which is no token; scanning goes on after it.
    private mutating func unrecognized(_ start: Int, _ end: Int) -> StrataError {
        position = end
        return error("unrecognized token: \"\(excerpt(start, end))\"", at: start)
    }

    /// The next token; `.end` (repeatedly) once the input is used up.
    mutating func next() throws(StrataError) -> Token {
        let count = bytes.count
        var i = position
        // Whitespace and comments.
        while i < count {
            let c = bytes[i]
            if CharClass.isSpace(c) {
                i &+= 1
            } else if c == UInt8(ascii: "-"), i &+ 1 < count, bytes[i &+ 1] == UInt8(ascii: "-") {
                i &+= 2
                while i < count, bytes[i] != 0x0A { i &+= 1 }
            } else if c == UInt8(ascii: "/"), i &+ 1 < count, bytes[i &+ 1] == UInt8(ascii: "*") {
                let start = i
                i &+= 2
                while true {
                    guard i &+ 1 < count else {
                        position = count
                        endedInsideToken = true
                        throw error("unterminated comment", at: start)
                    }
                    if bytes[i] == UInt8(ascii: "*"), bytes[i &+ 1] == UInt8(ascii: "/") { break }
                    i &+= 1
                }
                i &+= 2
            } else {
                break
            }
        }
        guard i < count else {
            position = count
            return Token(kind: .end, keyword: .none, start: count, end: count)
        }
        let start = i
        let c = bytes[i]
        var kind: TokenKind
        var keyword = Keyword.none

        if CharClass.isIdentifierStart(c) {
            if c | 0x20 == UInt8(ascii: "x"), i &+ 1 < count, bytes[i &+ 1] == UInt8(ascii: "'") {
                i = try scanBlob(from: start)
                kind = .blob
            } else {
                i &+= 1
                while i < count, CharClass.isIdentifierPart(bytes[i]) { i &+= 1 }
                kind = .word
                keyword = KeywordTable.shared.keyword(in: bytes, start, i)
            }
        } else if CharClass.isDigit(c)
            || (c == UInt8(ascii: ".") && i &+ 1 < count && CharClass.isDigit(bytes[i &+ 1]))
        {
            (kind, i) = try scanNumber(from: start)
        } else {
            i &+= 1
            let next: UInt8 = i < count ? bytes[i] : 0
            switch c {
            case UInt8(ascii: "'"):
                i = try scanQuoted(from: start, close: UInt8(ascii: "'"), doubling: true)
                kind = .string
            case UInt8(ascii: "\""):
                i = try scanQuoted(from: start, close: UInt8(ascii: "\""), doubling: true)
                kind = .quotedIdentifier
            case UInt8(ascii: "`"):
                i = try scanQuoted(from: start, close: UInt8(ascii: "`"), doubling: true)
                kind = .quotedIdentifier
            case UInt8(ascii: "["):
                i = try scanQuoted(from: start, close: UInt8(ascii: "]"), doubling: false)
                kind = .quotedIdentifier
            case UInt8(ascii: "?"):
                while i < count, CharClass.isDigit(bytes[i]) { i &+= 1 }
                kind = .parameter
            case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "$"):
                while i < count, CharClass.isIdentifierPart(bytes[i]) { i &+= 1 }
                guard i > start &+ 1 else { throw unrecognized(start, i) }
                kind = .parameter
            case UInt8(ascii: "("): kind = .leftParen
            case UInt8(ascii: ")"): kind = .rightParen
            case UInt8(ascii: ","): kind = .comma
            case UInt8(ascii: ";"): kind = .semicolon
            case UInt8(ascii: "."): kind = .dot
            case UInt8(ascii: "+"): kind = .plus
            case UInt8(ascii: "-"): kind = .minus
            case UInt8(ascii: "*"): kind = .star
            case UInt8(ascii: "/"): kind = .slash
            case UInt8(ascii: "%"): kind = .percent
            case UInt8(ascii: "~"): kind = .tilde
            case UInt8(ascii: "&"): kind = .bitAnd
            case UInt8(ascii: "|"):
                if next == UInt8(ascii: "|") {
                    i &+= 1
                    kind = .concat
                } else {
                    kind = .bitOr
                }
            case UInt8(ascii: "="):
                if next == UInt8(ascii: "=") {
                    i &+= 1
                    kind = .doubleEqual
                } else {
                    kind = .equal
                }
            case UInt8(ascii: "!"):
                guard next == UInt8(ascii: "=") else { throw unrecognized(start, i) }
                i &+= 1
                kind = .notEqual
            case UInt8(ascii: "<"):
                switch next {
                case UInt8(ascii: "="): i &+= 1; kind = .lessEqual
                case UInt8(ascii: ">"): i &+= 1; kind = .lessGreater
                case UInt8(ascii: "<"): i &+= 1; kind = .shiftLeft
                default: kind = .less
                }
            case UInt8(ascii: ">"):
                switch next {
                case UInt8(ascii: "="): i &+= 1; kind = .greaterEqual
                case UInt8(ascii: ">"): i &+= 1; kind = .shiftRight
                default: kind = .greater
                }
            default:
                throw unrecognized(start, i)
            }
        }
        position = i
        return Token(kind: kind, keyword: keyword, start: start, end: i)
    }

    /// Scans a quoted string or identifier starting at `start` (the opening quote); returns
    /// the offset after the closing quote.
    private mutating func scanQuoted(from start: Int, close: UInt8, doubling: Bool) throws(StrataError) -> Int {
        let count = bytes.count
        var i = start &+ 1
        while i < count {
            if bytes[i] == close {
                if doubling, i &+ 1 < count, bytes[i &+ 1] == close {
                    i &+= 2
                    continue
                }
                return i &+ 1
            }
            i &+= 1
        }
        position = count
        endedInsideToken = true
        // SQLite's wording, with ours after it: the unterminated text is an unrecognized token.
        throw error("unrecognized token: \"\(excerpt(start, count))\" ("
                    + (close == UInt8(ascii: "'") ? "unterminated string literal)" : "unterminated quoted identifier)"),
                    at: start)
    }

    /// X'hex': an even number of hex digits.
    private mutating func scanBlob(from start: Int) throws(StrataError) -> Int {
        let count = bytes.count
        var i = start &+ 2
        while i < count, CharClass.isHexDigit(bytes[i]) { i &+= 1 }
        guard i < count, bytes[i] == UInt8(ascii: "'") else {
            // Take the rest of the would-be literal into the message.
            while i < count, bytes[i] != UInt8(ascii: "'") { i &+= 1 }
            if i >= count {
                position = count
                endedInsideToken = true
                throw error("unterminated string literal", at: start)
            }
            throw unrecognized(start, i &+ 1)
        }
        let digitCount = i &- start &- 2
        i &+= 1
        if digitCount % 2 != 0 { throw unrecognized(start, i) }
        return i
    }

    /// Decimal integers, reals (digits, '.', exponent) and 0x hex integers. A number directly
    /// followed by an identifier character is one unrecognized token, as in SQLite.
    private mutating func scanNumber(from start: Int) throws(StrataError) -> (TokenKind, Int) {
        let count = bytes.count
        var i = start
        var kind = TokenKind.integer
        if bytes[i] == UInt8(ascii: "0"), i &+ 2 < count, bytes[i &+ 1] | 0x20 == UInt8(ascii: "x"),
            CharClass.isHexDigit(bytes[i &+ 2])
        {
            i &+= 2
            while i < count, CharClass.isHexDigit(bytes[i]) { i &+= 1 }
            kind = .hexInteger
        } else {
            while i < count, CharClass.isDigit(bytes[i]) { i &+= 1 }
            if i < count, bytes[i] == UInt8(ascii: ".") {
                kind = .real
                i &+= 1
                while i < count, CharClass.isDigit(bytes[i]) { i &+= 1 }
            }
            if i < count, bytes[i] | 0x20 == UInt8(ascii: "e") {
                var j = i &+ 1
                if j < count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j &+= 1 }
                if j < count, CharClass.isDigit(bytes[j]) {
                    kind = .real
                    i = j
                    while i < count, CharClass.isDigit(bytes[i]) { i &+= 1 }
                }
            }
        }
        if i < count, CharClass.isIdentifierPart(bytes[i]) {
            while i < count, CharClass.isIdentifierPart(bytes[i]) { i &+= 1 }
            throw unrecognized(start, i)
        }
        return (kind, i)
    }
}

/// Byte classes for the Lexer (SQLite's `sqlite3CtypeMap` and `IdChar`).
enum CharClass {
    private static let space: UInt8 = 1
    private static let identifierStart: UInt8 = 2
    private static let identifierPart: UInt8 = 4
    private static let digit: UInt8 = 8
    private static let hexDigit: UInt8 = 16

    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in [0x20, 0x09, 0x0A, 0x0C, 0x0D] { t[b] |= space }
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] |= identifierStart | identifierPart }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] |= identifierStart | identifierPart }
        t[Int(UInt8(ascii: "_"))] |= identifierStart | identifierPart
        for b in 0x80...0xFF { t[b] |= identifierStart | identifierPart }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] |= digit | hexDigit | identifierPart }
        t[Int(UInt8(ascii: "$"))] |= identifierPart
        for b in UInt8(ascii: "a")...UInt8(ascii: "f") { t[Int(b)] |= hexDigit }
        for b in UInt8(ascii: "A")...UInt8(ascii: "F") { t[Int(b)] |= hexDigit }
        return t
    }()

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { table[Int(b)] & space != 0 }
    @inline(__always) static func isIdentifierStart(_ b: UInt8) -> Bool { table[Int(b)] & identifierStart != 0 }
    @inline(__always) static func isIdentifierPart(_ b: UInt8) -> Bool { table[Int(b)] & identifierPart != 0 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool { table[Int(b)] & hexDigit != 0 }
}
