// Decoded tables are shared between statements by committed version (DecodedTableCache): every
// reader must still see exactly its own snapshot plus its own changes.

import Foundation
import Strata
import StrataTestSupport
import Testing

@Suite struct TableCacheTests {
    func count(_ c: Connection, _ table: String = "t") throws -> Value {
        try c.query("SELECT count(*) FROM \(table)").rows[0][0]
    }

    @Test func aCommitByAnotherConnectionIsSeenByTheNextStatement() throws {
        let db = try TemporaryDatabase()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("CREATE TABLE t(x INTEGER, y TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two')")
        #expect(try count(a) == .integer(2))
        #expect(try count(b) == .integer(2))
        try b.execute("INSERT INTO t VALUES (3, 'three')")
        #expect(try count(a) == .integer(3))
        try b.execute("UPDATE t SET y = 'TWO' WHERE x = 2")
        #expect(try a.query("SELECT y FROM t WHERE x = 2").rows == [[.text("TWO")]])
        try b.execute("DELETE FROM t WHERE x = 1")
        #expect(try a.query("SELECT x FROM t ORDER BY x").rows == [[.integer(2)], [.integer(3)]])
    }

    @Test func aTransactionKeepsItsSnapshotAndSeesItsOwnChanges() throws {
        let db = try TemporaryDatabase()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2)")
        try a.execute("BEGIN")
        #expect(try count(a) == .integer(2))
        try b.execute("INSERT INTO t VALUES (3)")
        #expect(try count(b) == .integer(3))
        #expect(try count(a) == .integer(2))
        try a.execute("INSERT INTO t VALUES (10)")
        #expect(try a.query("SELECT x FROM t ORDER BY x").rows == [[.integer(1)], [.integer(2)], [.integer(10)]])
        try a.execute("ROLLBACK")
        #expect(try a.query("SELECT x FROM t ORDER BY x").rows == [[.integer(1)], [.integer(2)], [.integer(3)]])
    }

    @Test func schemaChangesAreSeen() throws {
        let db = try TemporaryDatabase()
        let a = db.database.connection()
        try a.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)")
        #expect(try a.query("SELECT * FROM t").rows == [[.integer(1)]])
        try a.execute("ALTER TABLE t ADD COLUMN y DEFAULT 'd'")
        #expect(try a.query("SELECT * FROM t").rows == [[.integer(1), .text("d")]])
        try a.execute("BEGIN; ALTER TABLE t ADD COLUMN z DEFAULT 7")
        #expect(try a.query("SELECT * FROM t").rows == [[.integer(1), .text("d"), .integer(7)]])
        try a.execute("ROLLBACK")
        #expect(try a.query("SELECT * FROM t").rows == [[.integer(1), .text("d")]])
        try a.execute("DROP TABLE t; CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (5), (6)")
        #expect(try a.query("SELECT sum(x) FROM t").rows == [[.integer(11)]])
    }

    @Test func aStatementThatWritesReadsItsOwnChanges() throws {
        let db = try TemporaryDatabase()
        let a = db.database.connection()
        try a.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2)")
        #expect(try count(a) == .integer(2))
        // INSERT ... SELECT reads the table as it was when the statement began, then writes.
        try a.execute("INSERT INTO t SELECT x + 10 FROM t")
        #expect(try a.query("SELECT x FROM t ORDER BY x").rows == [[.integer(1)], [.integer(2)], [.integer(11)], [.integer(12)]])
        try a.execute("UPDATE t SET x = x + (SELECT max(x) FROM t)")
        #expect(try a.query("SELECT x FROM t ORDER BY x").rows == [[.integer(13)], [.integer(14)], [.integer(23)], [.integer(24)]])
    }

    @Test func largeTablesAreReadCorrectlyPastTheCacheLimit() throws {
        let db = try TemporaryDatabase()
        let a = db.database.connection()
        try a.execute("""
            CREATE TABLE big(x INTEGER);
            WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 30000) INSERT INTO big SELECT k FROM n
            """)
        #expect(try a.query("SELECT count(*), sum(x) FROM big").rows == [[.integer(30000), .integer(450_015_000)]])
        try a.execute("DELETE FROM big WHERE x > 10")
        #expect(try a.query("SELECT count(*), sum(x) FROM big").rows == [[.integer(10), .integer(55)]])
    }
}
