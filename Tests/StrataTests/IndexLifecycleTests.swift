// DROP INDEX and CREATE INDEX around statements that use the index: a prepared statement is
// planned at each run, so it follows the schema (its answer never changes, its plan does); a
// transaction on another connection that is reading through an index keeps its snapshot, index
// included, while the index is dropped and the drop commits.

import Foundation
import Strata
import Testing

@Suite struct IndexLifecycleTests {
    func database() throws -> (TemporaryDatabase, Connection) {
        let db = try TemporaryDatabase()
        let c = db.database.connection()
        try c.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, tag INTEGER, name TEXT)")
        try c.execute("BEGIN")
        let insert = try c.prepare("INSERT INTO t(tag, name) VALUES (?, ?)")
        for i in 0..<500 { try insert.execute([Value.integer(Int64(i % 50)), Value.text("n\(i)")]) }
        try c.execute("COMMIT")
        try c.execute("CREATE INDEX t_tag ON t(tag)")
        return (db, c)
    }

    func plan(_ c: Connection, _ sql: String) throws -> [String] {
        try c.query("EXPLAIN QUERY PLAN " + sql).rows.map { $0[3].description }
    }

    @Test func aPreparedStatementFollowsDropAndCreateIndex() throws {
        let (db, c) = try database()
        let sql = "SELECT count(*), min(name) FROM t WHERE tag = ?"
        let find = try c.prepare(sql)
        let explain = try c.prepare("EXPLAIN QUERY PLAN " + sql)
        let before = try find.query([.integer(7)]).rows
        #expect(before == [[.integer(10), .text("n107")]])
        #expect(try explain.query([.integer(7)]).rows.map { $0[3].description } == ["SEARCH t USING INDEX t_tag (tag=?)"])

        try c.execute("DROP INDEX t_tag")
        #expect(try find.query([.integer(7)]).rows == before)
        #expect(try explain.query([.integer(7)]).rows.allSatisfy { !$0[3].description.contains("INDEX") })
        #expect(try c.query("PRAGMA integrity_check").rows == [[.text("ok")]])

        try c.execute("CREATE INDEX t_tag2 ON t(tag)")
        #expect(try find.query([.integer(7)]).rows == before)
        #expect(try explain.query([.integer(7)]).rows.map { $0[3].description } == ["SEARCH t USING INDEX t_tag2 (tag=?)"])
        _ = db
    }

    @Test func dropIndexInsideATransactionThatUsesItThenRollback() throws {
        let (db, c) = try database()
        try c.execute("BEGIN")
        #expect(try c.query("SELECT count(*) FROM t WHERE tag = 3").rows == [[.integer(10)]])
        try c.execute("DROP INDEX t_tag")
        #expect(try !plan(c, "SELECT * FROM t WHERE tag = 3").joined().contains("INDEX"))
        // Writes after the drop must not touch the dropped index's entries.
        try c.execute("UPDATE t SET tag = 99 WHERE tag = 3")
        #expect(try c.query("SELECT count(*) FROM t WHERE tag = 99").rows == [[.integer(10)]])
        try c.execute("ROLLBACK")
        // The index is back, with entries that match the table as it was.
        #expect(try plan(c, "SELECT * FROM t WHERE tag = 3") == ["SEARCH t USING INDEX t_tag (tag=?)"])
        #expect(try c.query("SELECT count(*) FROM t WHERE tag = 3").rows == [[.integer(10)]])
        #expect(try c.query("SELECT count(*) FROM t WHERE tag = 99").rows == [[.integer(0)]])
        #expect(try c.query("PRAGMA integrity_check").rows == [[.text("ok")]])
        _ = db
    }

    @Test func aReaderKeepsItsSnapshotWhileAnotherConnectionDropsTheIndex() throws {
        let (db, writer) = try database()
        let reader = db.database.connection()
        try reader.execute("BEGIN")
        #expect(try reader.query("SELECT count(*) FROM t WHERE tag = 5").rows == [[.integer(10)]])

        try writer.execute("DROP INDEX t_tag")
        try writer.execute("UPDATE t SET tag = 5 WHERE tag = 6")
        #expect(try writer.query("SELECT count(*) FROM t WHERE tag = 5").rows == [[.integer(20)]])

        // The reader's snapshot still has the index and the old rows.
        #expect(try plan(reader, "SELECT * FROM t WHERE tag = 5") == ["SEARCH t USING INDEX t_tag (tag=?)"])
        #expect(try reader.query("SELECT count(*) FROM t WHERE tag = 5").rows == [[.integer(10)]])
        try reader.execute("COMMIT")
        #expect(try !plan(reader, "SELECT * FROM t WHERE tag = 5").joined().contains("INDEX"))
        #expect(try reader.query("SELECT count(*) FROM t WHERE tag = 5").rows == [[.integer(20)]])
        #expect(try reader.query("PRAGMA integrity_check").rows == [[.text("ok")]])
        _ = db
    }
}
