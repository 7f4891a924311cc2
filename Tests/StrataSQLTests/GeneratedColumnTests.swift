// GeneratedColumnTests: what SQLTests/ddl/generated_columns.test cannot see: a parameter in a
// generated column's expression (Strata refuses a statement whose parameters have no value
// before it runs, so the SQL test cannot reach SQLite's message), and that computed values, and
// a VIRTUAL column added to a table with rows, read the same after the database is opened again.

import Foundation
import Testing

@testable import StrataCore
@testable import StrataSQL

struct GeneratedColumnTests {
    @Test func parametersAreProhibited() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        for sql in ["CREATE TABLE t(a INT, b AS (a + ?))", "CREATE TABLE t(a INT, b AS (random() + ?))",
                    "CREATE TABLE t(a INT, b AS (? + random()))"] {
            do throws(StrataError) {
                _ = try session.query(sql, parameters: [.integer(1)])
                Issue.record("\(sql) was accepted")
            } catch {
                #expect(error.code == .syntaxError)
                #expect(error.message == "parameters prohibited in generated columns")
            }
        }
    }

    @Test func valuesSurviveReopening() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-generated-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let query = "SELECT a, b, c, d FROM t ORDER BY a"
        let expected: [[Value]] = [[.integer(1), .integer(2), .text("1!"), .integer(3)],
                                   [.integer(2), .integer(4), .text("2!"), .integer(6)]]
        do {
            let engine = try SQLEngine(path: path, options: SQLEngine.Options())
            let session = engine.session()
            try session.execute("""
                CREATE TABLE t(a INT, b AS (a * 2) STORED, c TEXT AS (a || '!'));
                INSERT INTO t(a) VALUES(1), (2);
                ALTER TABLE t ADD COLUMN d AS (a + b);
                """)
            #expect(try session.query(query, parameters: []).rows == expected)
            try engine.close()
        }
        let engine = try SQLEngine(path: path, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        #expect(try session.query(query, parameters: []).rows == expected)
        try session.execute("UPDATE t SET a = a + 10 WHERE a = 1")
        #expect(try session.query("SELECT b, c, d FROM t WHERE a = 11", parameters: []).rows
                == [[.integer(22), .text("11!"), .integer(33)]])
    }
}
