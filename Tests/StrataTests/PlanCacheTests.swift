// A connection reuses the plan of a top-level SELECT it runs again (PlanCache.swift). These
// tests change what a reused plan must not keep between runs: the data read by an uncorrelated
// subquery, the rows behind an index map built during a join, the schema (on this connection,
// on another, inside a transaction, rolled back), parameters, and CURRENT_TIME.

import Foundation
import Strata
import Testing

@Suite struct PlanCacheTests {
    func connection() throws -> (TemporaryDatabase, Connection) {
        let db = try TemporaryDatabase()
        let c = db.database.connection()
        try c.execute("""
            CREATE TABLE t(id INTEGER PRIMARY KEY, tag INTEGER, name TEXT);
            CREATE INDEX t_tag ON t(tag);
            INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c');
            """)
        return (db, c)
    }

    @Test func anUncorrelatedSubqueryIsRunAgainForEachRun() throws {
        let (db, c) = try connection()
        let s = try c.prepare("SELECT name FROM t WHERE tag = (SELECT max(tag) FROM t) OR id IN (SELECT id FROM t WHERE tag < ?)")
        #expect(try s.query([.integer(15)]).rows == [[.text("a")], [.text("c")]])
        try c.execute("INSERT INTO t VALUES (4, 40, 'd')")
        #expect(try s.query([.integer(15)]).rows == [[.text("a")], [.text("d")]])
        #expect(try s.query([.integer(25)]).rows == [[.text("a")], [.text("b")], [.text("d")]])
        // The same text through query() shares the plan and its answers.
        #expect(try c.query("SELECT name FROM t WHERE tag = (SELECT max(tag) FROM t) OR id IN (SELECT id FROM t WHERE tag < ?)",
                            [.integer(0)]).rows == [[.text("d")]])
        _ = db
    }

    @Test func anIndexJoinMapIsRebuiltAfterTheRowsChange() throws {
        let (db, c) = try connection()
        try c.execute("CREATE TABLE u(id INTEGER PRIMARY KEY, tag INTEGER)")
        try c.execute("BEGIN")
        let insert = try c.prepare("INSERT INTO u(tag) VALUES (?)")
        for i in 0..<100 { try insert.execute([Value.integer(Int64(10 * (i % 5)))]) }
        try c.execute("COMMIT")
        // Many probes of t_tag in one statement (one per row of u) build the in-memory map.
        let join = try c.prepare("SELECT count(*), count(DISTINCT t.id) FROM u JOIN t ON t.tag = u.tag")
        #expect(try join.query().rows == [[.integer(60), .integer(3)]])
        try c.execute("UPDATE t SET tag = 40 WHERE id = 3")
        #expect(try join.query().rows == [[.integer(60), .integer(3)]])
        try c.execute("DELETE FROM t WHERE id = 1")
        #expect(try join.query().rows == [[.integer(40), .integer(2)]])
        try c.execute("INSERT INTO t VALUES (5, 0, 'e'), (6, 10, 'f')")
        #expect(try join.query().rows == [[.integer(80), .integer(4)]])
        _ = db
    }

    @Test func aSchemaChangeOnThisConnectionIsSeenAtTheNextRun() throws {
        let (db, c) = try connection()
        let star = try c.prepare("SELECT * FROM t WHERE id = 1")
        let plan = try c.prepare("EXPLAIN QUERY PLAN SELECT name FROM t WHERE tag = 10")
        #expect(try star.query().rows == [[.integer(1), .integer(10), .text("a")]])
        #expect(try plan.query().rows.map { $0[3].description } == ["SEARCH t USING INDEX t_tag (tag=?)"])
        try c.execute("ALTER TABLE t ADD COLUMN extra DEFAULT 'x'")
        #expect(try star.query().rows == [[.integer(1), .integer(10), .text("a"), .text("x")]])
        #expect(try star.query().columns == ["id", "tag", "name", "extra"])
        try c.execute("DROP INDEX t_tag")
        #expect(try plan.query().rows.allSatisfy { !$0[3].description.contains("t_tag") })
        try c.execute("DROP TABLE t")
        #expect(throws: (any Error).self) { try star.query() }
        try c.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, other TEXT)")
        try c.execute("INSERT INTO t VALUES (1, 'new')")
        #expect(try star.query().rows == [[.integer(1), .text("new")]])
        _ = db
    }

    @Test func aSchemaChangeCommittedByAnotherConnectionIsSeen() throws {
        let (db, c) = try connection()
        let other = db.database.connection()
        let star = try c.prepare("SELECT * FROM t WHERE id = 2")
        #expect(try star.query().rows == [[.integer(2), .integer(20), .text("b")]])
        try other.execute("ALTER TABLE t ADD COLUMN extra DEFAULT 7")
        #expect(try star.query().rows == [[.integer(2), .integer(20), .text("b"), .integer(7)]])
        _ = db
    }

    @Test func aSchemaChangeInsideATransactionAndItsRollback() throws {
        let (db, c) = try connection()
        let star = try c.prepare("SELECT * FROM t WHERE id = 3")
        #expect(try star.query().rows == [[.integer(3), .integer(30), .text("c")]])
        try c.execute("BEGIN")
        try c.execute("ALTER TABLE t ADD COLUMN extra DEFAULT 'in tx'")
        #expect(try star.query().rows == [[.integer(3), .integer(30), .text("c"), .text("in tx")]])
        #expect(try star.query().rows == [[.integer(3), .integer(30), .text("c"), .text("in tx")]])
        try c.execute("ROLLBACK")
        #expect(try star.query().rows == [[.integer(3), .integer(30), .text("c")]])
        _ = db
    }

    @Test func currentTimeIsReadAtEachRun() throws {
        let (db, c) = try connection()
        let now = try c.prepare("SELECT CURRENT_TIME, (SELECT CURRENT_TIMESTAMP)")
        let first = try now.query().rows
        Thread.sleep(forTimeInterval: 1.1)
        let second = try now.query().rows
        #expect(first != second)
        _ = db
    }
}
