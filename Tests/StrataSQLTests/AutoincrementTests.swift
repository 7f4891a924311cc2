// AutoincrementTests: what SQLTests/dml/autoincrement.test cannot see: the high-water mark of an
// AUTOINCREMENT table survives closing and opening the database (and its catalog key does not
// upset the catalog's loading), a rolled-back transaction leaves the stored mark as it was, a
// dropped table's mark is deleted, the SQLSTATE of "database or disk is full", and that Strata
// has no sqlite_sequence table.

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
        let t = try #require(engine.committedCatalog.withLock { $0.table("t") })
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
        #expect(error("SELECT * FROM sqlite_sequence", in: session)?.message == "no such table: sqlite_sequence")
    }
}
