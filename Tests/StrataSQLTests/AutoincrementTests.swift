// AutoincrementTests: what SQLTests/dml/autoincrement.test and sqlite_sequence.test cannot see:
// the high-water mark of an AUTOINCREMENT table survives closing and opening the database (and its
// catalog key does not upset the catalog's loading), as do a mark set through sqlite_sequence and
// sqlite_sequence itself; a rolled-back transaction leaves the stored mark as it was; a dropped
// table's mark is deleted; SQLite's .dump text for sequences loads as one script; the SQLSTATEs
// of "database or disk is full" and of Strata's own sqlite_sequence refusals.

import Foundation
import Testing

@testable import StrataCore
@testable import StrataSQL

struct AutoincrementTests {
    private func error(_ sql: String, in session: SQLSession) -> StrataError? {
        do throws(StrataError) {
            try session.execute(sql)
            return nil
        } catch {
            return error
        }
    }

    private func ids(_ table: String, _ session: SQLSession) throws -> [Int64] {
        try session.query("SELECT id FROM \(table) ORDER BY id", parameters: []).rows.map { $0[0].integerValue }
    }

    @Test func theMarkSurvivesReopeningAndRollsBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-autoinc-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let engine = try SQLEngine(path: path, options: SQLEngine.Options())
            let session = engine.session()
            try session.execute("""
                CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, v);
                CREATE TABLE gone(id INTEGER PRIMARY KEY AUTOINCREMENT, v);
                INSERT INTO t(v) VALUES('a'), ('b'), ('c');
                INSERT INTO gone(v) VALUES('x');
                DELETE FROM t WHERE id = 3;
                BEGIN; INSERT INTO t(v) VALUES('d'), ('e'); ROLLBACK;
                DROP TABLE gone;
                """)
            try engine.close()
        }
        let engine = try SQLEngine(path: path, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        try session.execute("INSERT INTO t(v) VALUES('f')")
        #expect(try ids("t", session) == [1, 2, 4])
        #expect(try session.query("PRAGMA integrity_check", parameters: []).rows == [[.text("ok")]])
        // Exactly one sequence key is stored: t's (gone's went with its table).
        var cursor = engine.storage.snapshot(label: "test").cursor()
        var sequences: [[UInt8]] = []
        var ok = try cursor.seek(Keys.catalogRange.0)
        while ok, cursor.key.first == 0x00 {
            if cursor.key.count == 6 { sequences.append(cursor.key) }
            ok = try cursor.next()
        }
        let t = try #require(engine.committedCatalog.withLock { $0.catalog.table("t") })
        #expect(sequences == [Keys.sequence(t.id)])
    }

    @Test func theLargestRowidUsedIsFull() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        try session.execute("CREATE TABLE m(id INTEGER PRIMARY KEY AUTOINCREMENT, v); INSERT INTO m VALUES(9223372036854775807, 'a')")
        let full = error("INSERT INTO m(v) VALUES('b')", in: session)
        #expect(full?.code == SQLState("2200H"))
        #expect(full?.message == "database or disk is full")
        #expect(full?.code != .diskFull)
    }

    private func sequences(_ session: SQLSession) throws -> [[Value]] {
        try session.query("SELECT rowid, name, seq FROM sqlite_sequence", parameters: []).rows
    }

    @Test func sqliteSequenceSurvivesReopening() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-seq-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let engine = try SQLEngine(path: path, options: SQLEngine.Options())
            let session = engine.session()
            try session.execute("""
                CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, v);
                CREATE TABLE u(id INTEGER PRIMARY KEY AUTOINCREMENT, v);
                INSERT INTO u(v) VALUES('x');
                INSERT INTO t(v) VALUES('a'), ('b');
                UPDATE sqlite_sequence SET seq = 40 WHERE name = 't';
                """)
            try engine.close()
        }
        do {
            let engine = try SQLEngine(path: path, options: SQLEngine.Options())
            let session = engine.session()
            #expect(try sequences(session) == [[.integer(1), .text("u"), .integer(1)], [.integer(2), .text("t"), .integer(40)]])
            #expect(try session.query("SELECT name, sql FROM sqlite_schema", parameters: []).rows == [
                [.text("t"), .text("CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, v)")],
                [.text("sqlite_sequence"), .text("CREATE TABLE sqlite_sequence(name,seq)")],
                [.text("u"), .text("CREATE TABLE u(id INTEGER PRIMARY KEY AUTOINCREMENT, v)")],
            ])
            try session.execute("INSERT INTO t(v) VALUES('c'); DELETE FROM sqlite_sequence WHERE name = 'u'")
            #expect(try ids("t", session) == [1, 2, 41])
            // sqlite_sequence's catalog row keeps its id: a new object takes the next one.
            try session.execute("CREATE TABLE w(x)")
            #expect(try session.query("SELECT rootpage > (SELECT rootpage FROM sqlite_schema WHERE name = 'u') FROM sqlite_schema WHERE name = 'w'",
                                      parameters: []).rows == [[.integer(1)]])
            try engine.close()
        }
        let engine = try SQLEngine(path: path, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        #expect(try sequences(session) == [[.integer(2), .text("t"), .integer(41)]])
        #expect(try session.query("PRAGMA integrity_check", parameters: []).rows == [[.text("ok")]])
    }

    /// The lines SQLite 3.40's `.dump` writes for two AUTOINCREMENT tables, as one script.
    @Test func sqliteDumpOfSequencesLoads() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        try session.execute("""
            PRAGMA foreign_keys=OFF;
            BEGIN TRANSACTION;
            CREATE TABLE a(id integer primary key autoincrement, x);
            INSERT INTO a VALUES(1,1);
            CREATE TABLE p(x);
            INSERT INTO p VALUES(1);
            CREATE TABLE b(id integer primary key autoincrement, x);
            INSERT INTO b VALUES(1,1);
            DELETE FROM sqlite_sequence;
            INSERT INTO sqlite_sequence VALUES('b',2);
            INSERT INTO sqlite_sequence VALUES('a',1);
            COMMIT;
            """)
        #expect(!session.isInTransaction)
        #expect(try sequences(session) == [[.integer(1), .text("b"), .integer(2)], [.integer(2), .text("a"), .integer(1)]])
        try session.execute("INSERT INTO b(x) VALUES(2); INSERT INTO a(x) VALUES(2)")
        #expect(try ids("b", session) == [1, 3])
        #expect(try ids("a", session) == [1, 2])
    }

    @Test func sqliteSequenceRefusalsCarrySQLStates() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        try session.execute("CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, v); CREATE TABLE plain(x); INSERT INTO t(v) VALUES(1)")
        let other = error("INSERT INTO sqlite_sequence VALUES('plain', 5)", in: session)
        #expect(other?.code == .undefinedTable)
        #expect(other?.message == "no such AUTOINCREMENT table: plain")
        let second = error("INSERT INTO sqlite_sequence VALUES('t', 5)", in: session)
        #expect(second?.code == .uniqueViolation)
        #expect(second?.message == "UNIQUE constraint failed: sqlite_sequence.name")
        #expect(error("DROP TABLE sqlite_sequence", in: session)?.code == .syntaxError)
        #expect(try sequences(session) == [[.integer(1), .text("t"), .integer(1)]])
    }

    /// OR FAIL keeps the rows before the failing one, and Strata their rowids in the sequence
    /// (SQLite leaves sqlite_sequence as it was when such a statement stops).
    @Test func orFailKeepsTheRowidsItUsed() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        try session.execute("CREATE TABLE c(id INTEGER PRIMARY KEY AUTOINCREMENT, x UNIQUE)")
        #expect(error("INSERT OR FAIL INTO c(x) VALUES(1), (2), (1)", in: session)?.code == .uniqueViolation)
        #expect(try ids("c", session) == [1, 2])
        #expect(try sequences(session) == [[.integer(1), .text("c"), .integer(2)]])
    }
}
