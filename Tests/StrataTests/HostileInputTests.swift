// Hostile input through the public API (issue 3, Done when): whatever the SQL, a statement gets
// rows or a StrataError with its position, the process does not crash, and the database stays
// usable and intact. Deep inputs run on a 512 KB thread stack, as an app's worker thread may have.

import Foundation
import Strata
import StrataTestSupport
import Testing

/// What a statement produced: its rows, or its error.
enum Outcome: Sendable {
    case rows([[Value]])
    case error(StrataError)

    var error: StrataError? {
        if case .error(let e) = self { return e }
        return nil
    }

    var rows: [[Value]]? {
        if case .rows(let r) = self { return r }
        return nil
    }
}

/// Hands a connection to another thread; the test waits for that thread, so only one thread
/// uses the connection at a time.
final class ConnectionBox: @unchecked Sendable {
    let connection: Connection
    init(_ connection: Connection) { self.connection = connection }
}

/// Runs `sql` on `connection` on a thread with `stackSize` bytes of stack.
func outcome(_ sql: String, on connection: Connection, stackSize: Int = 512 * 1024) -> Outcome {
    let box = ConnectionBox(connection)
    return onSmallStack(stackSize: stackSize) {
        do {
            return .rows(try box.connection.query(sql).rows)
        } catch let error as StrataError {
            return .error(error)
        } catch {
            return .error(StrataError(.internalError, "\(error)"))
        }
    }
}

/// A statement built when the test runs, named by what it is (the text itself is too long to show).
struct DeepCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var expected: Value?
    var sql: @Sendable () -> String
}

let twoRows = "CREATE TABLE t(a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y')"

@Suite struct HostileInputTests {
    static let depth = 990

    static let deepCases: [DeepCase] = [
        DeepCase(testDescription: "990 nested parentheses", expected: .integer(1)) {
            "SELECT " + String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth) + " FROM t"
        },
        DeepCase(testDescription: "990 unary minus", expected: .integer(1)) { "SELECT " + String(repeating: "- ", count: depth) + "a FROM t" },
        DeepCase(testDescription: "990 NOT", expected: .integer(2)) { "SELECT a FROM t WHERE " + String(repeating: "NOT ", count: depth) + "(a = 2)" },
        DeepCase(testDescription: "990 additions", expected: .integer(990)) { "SELECT " + Array(repeating: "a", count: depth).joined(separator: " + ") + " FROM t" },
        DeepCase(testDescription: "990 ANDs", expected: .integer(2)) { "SELECT a FROM t WHERE " + Array(repeating: "a > 1", count: depth).joined(separator: " AND ") },
        DeepCase(testDescription: "990 ORs", expected: .integer(2)) { "SELECT a FROM t WHERE " + Array(repeating: "a = 2", count: depth).joined(separator: " OR ") },
        DeepCase(testDescription: "990 concatenations", expected: .text(String(repeating: "x", count: depth))) {
            "SELECT " + Array(repeating: "b", count: depth).joined(separator: " || ") + " FROM t"
        },
        DeepCase(testDescription: "990 nested function calls", expected: .integer(1)) {
            "SELECT " + String(repeating: "abs(", count: depth) + "a" + String(repeating: ")", count: depth) + " FROM t"
        },
        DeepCase(testDescription: "495 nested CASE", expected: .integer(1)) {
            "SELECT " + String(repeating: "CASE WHEN a > 0 THEN ", count: depth / 2) + "a" + String(repeating: " END", count: depth / 2) + " FROM t"
        },
        DeepCase(testDescription: "330 nested scalar subqueries", expected: .integer(7)) {
            "SELECT " + String(repeating: "(SELECT ", count: depth / 3) + "7" + String(repeating: ")", count: depth / 3)
        },
        DeepCase(testDescription: "330 nested FROM subqueries", expected: .integer(1)) {
            "SELECT a FROM " + String(repeating: "(SELECT * FROM ", count: depth / 3) + "t" + String(repeating: ")", count: depth / 3)
        },
        DeepCase(testDescription: "247 nested IN subqueries", expected: .integer(1)) {
            "SELECT a FROM t WHERE a IN " + String(repeating: "(SELECT a FROM t WHERE a IN ", count: depth / 4) + "(1, 3)" + String(repeating: ")", count: depth / 4)
        },
        DeepCase(testDescription: "247 nested correlated EXISTS", expected: .integer(1)) {
            "SELECT a FROM t WHERE " + String(repeating: "EXISTS (SELECT 1 FROM t AS u WHERE u.a = t.a AND ", count: depth / 4)
                + "t.a = 1" + String(repeating: ")", count: depth / 4)
        },
    ]

    /// Nesting the parser accepts gets its answer even on a 512 KB stack: the statement moves to
    /// a thread with a big enough stack.
    @Test(arguments: deepCases)
    func deepButLegalStatementsGetTheirAnswer(_ c: DeepCase) throws {
        let db = try TemporaryDatabase()
        let connection = db.database.connection()
        try connection.execute(twoRows)
        let result = outcome(c.sql(), on: connection)
        #expect(result.error == nil, "\(result.error.map { "\($0)" } ?? "")")
        #expect(result.rows?.first?.first == c.expected)
    }

    /// Past the parser's limit: an error with a position, and the connection still answers.
    @Test(arguments: [
        DeepCase(testDescription: "100,000 nested parentheses") {
            "SELECT " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        },
        DeepCase(testDescription: "100,000 unclosed parentheses") { "SELECT " + String(repeating: "(", count: 100_000) },
        DeepCase(testDescription: "100,000 nested subqueries") {
            "SELECT " + String(repeating: "(SELECT ", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        },
        DeepCase(testDescription: "100,000 nested function calls in an INSERT") {
            "INSERT INTO t VALUES (" + String(repeating: "abs(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + ", 'z')"
        },
        DeepCase(testDescription: "100,000 nested CHECK parentheses") {
            "CREATE TABLE c(x CHECK (" + String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000) + "))"
        },
    ])
    func nestingPastTheLimitIsAnError(_ c: DeepCase) throws {
        let db = try TemporaryDatabase()
        let connection = db.database.connection()
        try connection.execute(twoRows)
        let result = outcome(c.sql(), on: connection)
        #expect(result.error?.code == .programLimitExceeded)
        #expect(result.error?.location != nil)
        #expect(try connection.query("SELECT count(*) FROM t").rows == [[.integer(2)]])
    }

    @Test(arguments: [
        ("SELECT 'abc", "unrecognized token: \"'abc\" (unterminated string literal)", 8),
        ("SELECT \"abc", "unrecognized token: \"\"abc\" (unterminated quoted identifier)", 8),
        ("SELECT [abc", "unrecognized token: \"[abc\" (unterminated quoted identifier)", 8),
        ("SELECT x'41", "unterminated string literal", 8),
        ("SELECT 1 /* never closed", "unterminated comment", 10),
        ("INSERT INTO t VALUES (3, 'z)", "unrecognized token: \"'z)\" (unterminated string literal)", 26),
        ("SELECT 'it''s", "unrecognized token: \"'it''s\" (unterminated string literal)", 8),
    ])
    func unbalancedQuotesAreSyntaxErrorsWithPositions(sql: String, message: String, column: Int) throws {
        let db = try TemporaryDatabase()
        let connection = db.database.connection()
        try connection.execute(twoRows)
        let result = outcome(sql, on: connection)
        #expect(result.error?.code == .syntaxError)
        #expect(result.error?.message == message)
        #expect(result.error?.location == Strata.SourceLocation(line: 1, column: column))
        #expect(try connection.query("SELECT count(*) FROM t").rows == [[.integer(2)]])
    }

    @Test func tenMegabyteLiteralsRoundTrip() throws {
        let db = try TemporaryDatabase()
        let connection = db.database.connection()
        try connection.execute(twoRows)
        let text = String(repeating: "abcdefghij", count: 1_000_000)
        try connection.execute("INSERT INTO t VALUES (3, '\(text)')")
        #expect(try connection.query("SELECT length(b), substr(b, 9999991) FROM t WHERE a = 3").rows == [[.integer(10_000_000), .text("abcdefghij")]])
        let hex = String(repeating: "0123456789", count: 2_000_000)
        #expect(try connection.query("SELECT length(x'\(hex)')").rows == [[.integer(10_000_000)]])
        let odd = outcome("SELECT x'\(hex)0'", on: connection)
        #expect(odd.error?.code == .syntaxError)
        try db.database.close()
        let reopened = try Database(path: db.path)
        #expect(try reopened.connection().query("SELECT length(b) FROM t WHERE a = 3").rows == [[.integer(10_000_000)]])
        #expect(try reopened.connection().query("PRAGMA integrity_check").rows == [[.text("ok")]])
        try reopened.close()
    }

    /// A view and a trigger whose own text is as deep as the parser allows, used by a shallow
    /// statement on a small stack, before and after reopening the database.
    @Test func deepViewsAndTriggersRunOnSmallStacks() throws {
        let db = try TemporaryDatabase()
        var connection = db.database.connection()
        try connection.execute(twoRows)
        let deep = String(repeating: "abs(", count: Self.depth) + "a" + String(repeating: ")", count: Self.depth)
        try connection.execute("CREATE VIEW v AS SELECT \(deep) AS x FROM t")
        try connection.execute("CREATE TABLE log(x); CREATE TRIGGER g AFTER INSERT ON t BEGIN INSERT INTO log VALUES (\(deep.replacingOccurrences(of: "(a)", with: "(new.a)"))); END")
        #expect(outcome("SELECT sum(x) FROM v", on: connection).rows == [[.integer(3)]])
        #expect(outcome("INSERT INTO t VALUES (-5, 'z')", on: connection).error == nil)
        try db.database.close()
        let reopened = try Database(path: db.path)
        connection = reopened.connection()
        #expect(outcome("SELECT sum(x) FROM v", on: connection).rows == [[.integer(8)]])
        #expect(outcome("INSERT INTO t VALUES (-6, 'z')", on: connection).error == nil)
        #expect(outcome("SELECT x FROM log ORDER BY x", on: connection).rows == [[.integer(5)], [.integer(6)]])
        try reopened.close()
    }

    /// Views defined on views, a thousand deep: an answer or a clear error, never a crash.
    @Test func aThousandStackedViews() throws {
        let db = try TemporaryDatabase()
        let connection = db.database.connection()
        try connection.execute(twoRows + "; CREATE VIEW v0 AS SELECT a FROM t")
        for i in 1..<1000 { try connection.execute("CREATE VIEW v\(i) AS SELECT a + 1 AS a FROM v\(i - 1)") }
        let result = outcome("SELECT a FROM v999 ORDER BY a", on: connection)
        if let error = result.error {
            #expect(error.code == .programLimitExceeded)
        } else {
            #expect(result.rows == [[.integer(1000)], [.integer(1001)]])
        }
        #expect(try connection.query("SELECT a FROM v10 ORDER BY a").rows == [[.integer(11)], [.integer(12)]])
    }

    /// Thousands of statements mutated at random, run against a database with tables, indexes,
    /// a view and a trigger: each gets rows or an error (syntax errors with a position), and the
    /// database passes its integrity check afterwards and after reopening.
    @Test func randomlyMutatedStatementsLeaveTheDatabaseIntact() throws {
        let db = try TemporaryDatabase()
        let connection = db.database.connection()
        try connection.execute("""
            CREATE TABLE t1(a INTEGER PRIMARY KEY, b TEXT UNIQUE, c REAL CHECK (c >= 0) DEFAULT 1.5);
            CREATE TABLE t2(x INTEGER NOT NULL, y BLOB);
            CREATE INDEX t2x ON t2(x DESC, y);
            INSERT INTO t1 VALUES (1, 'one', 1.0), (2, 'two', 2.0), (3, 'three', 3.0);
            INSERT INTO t2 VALUES (1, x'00ff'), (2, NULL), (3, 'text');
            CREATE VIEW v AS SELECT a, b, x FROM t1 JOIN t2 ON a = x;
            CREATE TRIGGER r AFTER UPDATE OF c ON t1 BEGIN INSERT INTO t2 VALUES (new.a, old.c); END;
            """)
        let seeds = [
            "SELECT a, b FROM t1 WHERE a > 1 AND b IN (SELECT y FROM t2) ORDER BY 1 DESC LIMIT 3",
            "SELECT count(*), group_concat(b, ',') FROM v GROUP BY x HAVING count(*) > 0",
            "INSERT OR REPLACE INTO t1(a, b, c) VALUES (4, 'four', 4.0), (5, X'ab', 0)",
            "UPDATE t1 SET c = c + 1, b = upper(b) WHERE a IN (1, 2) OR b LIKE 't%'",
            "DELETE FROM t2 WHERE x BETWEEN 2 AND 3 AND y IS NOT NULL",
            "SELECT CASE a WHEN 1 THEN 'a' ELSE printf('%5.2f', c) END, substr(b, 2, 2) FROM t1",
            "BEGIN; INSERT INTO t2 VALUES (9, 9); SELECT * FROM t2; ROLLBACK",
            "SELECT * FROM t1 LEFT JOIN t2 ON a = x UNION SELECT 1, 2, 3, 4, 5 EXCEPT SELECT * FROM t1, t2",
            "CREATE TABLE IF NOT EXISTS t3(p, q); ALTER TABLE t3 ADD COLUMN r DEFAULT 7; DROP TABLE t3",
        ]
        let pieces = ["(", ")", ",", ";", "'", "\"", "SELECT", "NOT", "NULL", "IN", "CASE", "END", "*", "-", "..", "?",
                      "x'", "/*", "--", "\n", "é", "BETWEEN", "AND", "9223372036854775807", "1e308", "t1", "DROP"]
        var generator = SeededGenerator(seed: 2026)
        var counts = (rows: 0, errors: 0)
        for _ in 0..<3000 {
            var text = Array(seeds[Int(generator.next() % UInt64(seeds.count))])
            for _ in 0..<(1 + generator.next() % 3) {
                let at = Int(generator.next() % UInt64(text.count + 1))
                switch generator.next() % 3 {
                case 0: if at < text.count { text.remove(at: at) }
                case 1: text.insert(contentsOf: pieces[Int(generator.next() % UInt64(pieces.count))], at: at)
                default: text.removeSubrange(at..<min(text.count, at + Int(generator.next() % 10)))
                }
            }
            do {
                _ = try connection.query(String(text))
                counts.rows += 1
            } catch let error as StrataError {
                counts.errors += 1
                if error.code == .syntaxError && error.message.hasPrefix("near") { #expect(error.location != nil) }
            }
            _ = try? connection.execute("ROLLBACK")
        }
        #expect(counts.rows > 100 && counts.errors > 1000, "\(counts)")
        #expect(try connection.query("PRAGMA integrity_check").rows == [[.text("ok")]])
        try db.database.close()
        let reopened = try Database(path: db.path)
        #expect(try reopened.connection().query("PRAGMA integrity_check").rows == [[.text("ok")]])
        try reopened.close()
    }
}

