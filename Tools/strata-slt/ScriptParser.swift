// ScriptParser: splits a sqllogictest script into records, the way SQLite's reference runner
// (sqllogictest.c) reads it.
//
// RULES (as the reference's nextLine / findStartOfNextRecord / tokenizeLine)
//   (1) A trailing "\r" is dropped (61 corpus files have CRLF lines); a line of only white space
//       is blank. Blank lines separate records.
//   (2) A line starting with "#" is a comment, wherever it is: it is neither blank nor content,
//       so it never ends a record and is removed from SQL and from results.
//   (3) The first line of a record is split at white space into tokens; `skipif X` / `onlyif X`
//       lines (tokens after X ignored, so "# comment" tails are fine) precede the command.
//   (4) `statement`: the SQL is every following line up to the blank line. `query`: the SQL runs
//       up to a "----" line or the blank line; the results are the lines after "----".
//   (5) Anything after the first line of other commands, up to the blank line, is ignored.
// The parser never fails: a malformed record becomes `.invalid` and the runner reports it.

enum ScriptParser {
    /// Parses a whole script.
    static func parse(_ bytes: [UInt8]) -> [Record] {
        let lines = Lines(bytes)
        var records: [Record] = []
        var cursor = 0
        while true {
            // Skip blank and comment lines to the first line of the next record.
            while cursor < lines.count && (lines.isBlank(cursor) || lines.isComment(cursor)) { cursor += 1 }
            if cursor >= lines.count { break }

            var conditions: [Condition] = []
            var tokens = lines.tokens(cursor)
            while let first = tokens.first, first == "skipif" || first == "onlyif" {
                let label = tokens.count > 1 ? tokens[1] : ""
                conditions.append(Condition(kind: first == "skipif" ? .skipIf : .onlyIf, label: label))
                cursor = lines.nextContent(after: cursor)
                if cursor >= lines.count || lines.isBlank(cursor) {
                    tokens = []
                    break
                }
                tokens = lines.tokens(cursor)
            }
            let line = min(cursor, lines.count - 1) + 1
            let (command, end) = parseCommand(tokens, at: cursor, lines: lines)
            records.append(Record(line: line, conditions: conditions, command: command))
            cursor = end
        }
        return records
    }

    /// Parses the command whose first line is `index`; returns it and the index just past the record.
    private static func parseCommand(_ tokens: [String], at index: Int, lines: Lines) -> (Command, Int) {
        guard let keyword = tokens.first else {
            return (.invalid(message: "record has no command after skipif/onlyif", stopsScript: true), index)
        }
        switch keyword {
        case "statement":
            let (sql, end) = lines.joinedContent(from: index + 1, stopAtDashes: false)
            return (parseStatement(tokens, header: lines.text(index), sql: sql), end)

        case "query":
            let (sql, afterSQL) = lines.joinedContent(from: index + 1, stopAtDashes: true)
            var expected = ExpectedResult.values([])
            var end = afterSQL
            let hasResults = afterSQL < lines.count && lines.isDashes(afterSQL)
            if hasResults {
                (expected, end) = parseResults(from: afterSQL + 1, lines: lines)
            }
            let command = parseQuery(tokens, sql: sql, expected: expected)
            if hasResults, case .query(let query) = command, let name = query.asyncName {
                let message = "the results of async query \(name) belong under its awaitquery, not under the query"
                return (.invalid(message: message, stopsScript: false), end)
            }
            return (command, end)

        case "hash-threshold":
            let value = tokens.count > 1 ? atoi(tokens[1]) : 0
            return (.hashThreshold(value), lines.endOfRecord(from: index + 1))

        case "halt":
            return (.halt, lines.endOfRecord(from: index + 1))

        case "connection":
            guard tokens.count >= 2 else {
                return (.invalid(message: "connection needs a NAME", stopsScript: false), lines.endOfRecord(from: index + 1))
            }
            return (.connection(tokens[1]), lines.endOfRecord(from: index + 1))

        case "awaitstatement":
            guard tokens.count >= 2 else {
                return (.invalid(message: "awaitstatement needs a NAME", stopsScript: false), lines.endOfRecord(from: index + 1))
            }
            return (.awaitStatement(tokens[1]), lines.endOfRecord(from: index + 1))

        case "awaitquery":
            guard tokens.count >= 2 else {
                return (.invalid(message: "awaitquery needs a NAME", stopsScript: false), lines.endOfRecord(from: index + 1))
            }
            var cursor = lines.nextContent(after: index)
            var expected = ExpectedResult.values([])
            if cursor < lines.count && lines.isDashes(cursor) {
                (expected, cursor) = parseResults(from: cursor + 1, lines: lines)
            } else {
                cursor = lines.endOfRecord(from: cursor)
            }
            return (.awaitQuery(name: tokens[1], expected: expected), cursor)

        default:
            return (
                .invalid(message: "unknown record type '\(keyword)'", stopsScript: true),
                lines.endOfRecord(from: index + 1)
            )
        }
    }

    /// `statement ok`, `statement error [REGEX]`, `statement async NAME ok|error [REGEX]`.
    private static func parseStatement(_ tokens: [String], header: String, sql: String) -> Command {
        var position = 1
        var asyncName: String?
        if tokens.count > 2 && tokens[1] == "async" {
            asyncName = tokens[2]
            position = 3
        }
        guard position < tokens.count else {
            return .invalid(message: "statement needs 'ok' or 'error'", stopsScript: false)
        }
        switch tokens[position] {
        case "ok":
            return .statement(Statement(sql: sql, expectation: .ok, asyncName: asyncName))
        case "error":
            let pattern = restOfLine(header, afterToken: position)
            return .statement(Statement(sql: sql, expectation: .error(pattern: pattern), asyncName: asyncName))
        default:
            let message = "statement argument should be 'ok' or 'error', not '\(tokens[position])'"
            return .invalid(message: message, stopsScript: false)
        }
    }

    /// `query TYPES [SORTMODE] [LABEL]` or `query TYPES [SORTMODE] async NAME`.
    private static func parseQuery(_ tokens: [String], sql: String, expected: ExpectedResult) -> Command {
        guard tokens.count >= 2, !tokens[1].isEmpty else {
            return .invalid(message: "query is missing its type string", stopsScript: true)
        }
        var types: [ColumnType] = []
        for byte in tokens[1].utf8 {
            guard let type = ColumnType(rawValue: byte) else {
                let character = Character(Unicode.Scalar(byte))
                return .invalid(message: "unknown type character '\(character)' in type string", stopsScript: false)
            }
            types.append(type)
        }
        var rest = tokens[2...]
        var asyncName: String?
        if let asyncIndex = rest.firstIndex(of: "async") {
            guard asyncIndex + 1 < tokens.count else {
                return .invalid(message: "query async needs a NAME", stopsScript: false)
            }
            asyncName = tokens[asyncIndex + 1]
            rest = tokens[2..<asyncIndex]
        }
        var sortMode = SortMode.nosort
        if let word = rest.first {
            guard let mode = SortMode(rawValue: word) else {
                return .invalid(message: "unknown sort mode '\(word)'", stopsScript: false)
            }
            sortMode = mode
            rest = rest.dropFirst()
        }
        let label = rest.first
        return .query(Query(types: types, sortMode: sortMode, label: label, sql: sql, expected: expected, asyncName: asyncName))
    }

    /// The result lines from `index` to the blank line; a single "N values hashing to MD5" line is a hash.
    private static func parseResults(from index: Int, lines: Lines) -> (ExpectedResult, Int) {
        var values: [String] = []
        var cursor = index
        while cursor < lines.count && !lines.isBlank(cursor) {
            if !lines.isComment(cursor) { values.append(lines.text(cursor)) }
            cursor += 1
        }
        if values.count == 1, let hash = parseHashLine(values[0]) {
            return (.hash(count: hash.count, md5: hash.md5), cursor)
        }
        return (.values(values), cursor)
    }

    /// Parses "N values hashing to MD5" (as the reference's `sscanf("%*d values hashing to %32s")`).
    static func parseHashLine(_ line: String) -> (count: Int, md5: String)? {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 5, parts[1] == "values", parts[2] == "hashing", parts[3] == "to",
            let count = Int(parts[0]), parts[4].utf8.count == 32
        else { return nil }
        return (count, parts[4].lowercased())
    }

    /// The text of `line` after its first `tokenIndex + 1` tokens, trimmed; nil when empty.
    private static func restOfLine(_ line: String, afterToken tokenIndex: Int) -> String? {
        let bytes = Array(line.utf8)
        var i = 0
        for _ in 0...tokenIndex {
            while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            while i < bytes.count && !isSpace(bytes[i]) { i += 1 }
        }
        while i < bytes.count && isSpace(bytes[i]) { i += 1 }
        var end = bytes.count
        while end > i && isSpace(bytes[end - 1]) { end -= 1 }
        return i < end ? String(decoding: bytes[i..<end], as: UTF8.self) : nil
    }

    /// C's `atoi`: optional sign and leading digits, 0 when there are none.
    private static func atoi(_ text: String) -> Int {
        var value = 0
        var negative = false
        var iterator = text.utf8.makeIterator()
        var byte = iterator.next()
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
            negative = byte == UInt8(ascii: "-")
            byte = iterator.next()
        }
        while let b = byte, b >= 0x30, b <= 0x39 {
            value = value &* 10 &+ Int(b - 0x30)
            byte = iterator.next()
        }
        return negative ? -value : value
    }
}

/// C's `isspace` in the "C" locale.
@inline(__always)
func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0d) }

/// The lines of a script as byte ranges, with "\r" removed (rule 1).
private struct Lines {
    let bytes: [UInt8]
    private var starts: [Int] = []
    private var ends: [Int] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var start = 0
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < count {
                if buffer[i] == 0x0a {
                    appendLine(start, i, buffer)
                    start = i + 1
                }
                i += 1
            }
        }
        if start < count { bytes.withUnsafeBufferPointer { appendLine(start, count, $0) } }
    }

    private mutating func appendLine(_ start: Int, _ end: Int, _ buffer: UnsafeBufferPointer<UInt8>) {
        var e = end
        if e > start && buffer[e - 1] == 0x0d { e -= 1 }
        starts.append(start)
        ends.append(e)
    }

    var count: Int { starts.count }

    func isBlank(_ i: Int) -> Bool {
        var k = starts[i]
        while k < ends[i] {
            if !isSpace(bytes[k]) { return false }
            k += 1
        }
        return true
    }

    func isComment(_ i: Int) -> Bool { ends[i] > starts[i] && bytes[starts[i]] == UInt8(ascii: "#") }

    func isDashes(_ i: Int) -> Bool {
        ends[i] - starts[i] == 4 && bytes[starts[i]..<ends[i]].allSatisfy { $0 == UInt8(ascii: "-") }
    }

    func text(_ i: Int) -> String { String(decoding: bytes[starts[i]..<ends[i]], as: UTF8.self) }

    func tokens(_ i: Int) -> [String] {
        var result: [String] = []
        var k = starts[i]
        let end = ends[i]
        while k < end {
            while k < end && isSpace(bytes[k]) { k += 1 }
            let tokenStart = k
            while k < end && !isSpace(bytes[k]) { k += 1 }
            if k > tokenStart { result.append(String(decoding: bytes[tokenStart..<k], as: UTF8.self)) }
        }
        return result
    }

    /// The next non-comment line after `i` (or `count`).
    func nextContent(after i: Int) -> Int {
        var k = i + 1
        while k < count && isComment(k) { k += 1 }
        return k
    }

    /// The index of the blank line ending the record that contains `i` (or `count`).
    func endOfRecord(from i: Int) -> Int {
        var k = i
        while k < count && !isBlank(k) { k += 1 }
        return k
    }

    /// Non-comment lines from `i` joined with "\n", up to a blank line (or a "----" line when
    /// `stopAtDashes`); returns the text and the index of the line that stopped it.
    func joinedContent(from i: Int, stopAtDashes: Bool) -> (String, Int) {
        var k = i
        var text: [UInt8] = []
        var first = true
        while k < count && !isBlank(k) {
            if isComment(k) {
                k += 1
                continue
            }
            if stopAtDashes && isDashes(k) { break }
            if !first { text.append(0x0a) }
            text.append(contentsOf: bytes[starts[k]..<ends[k]])
            first = false
            k += 1
        }
        return (String(decoding: text, as: UTF8.self), k)
    }
}
