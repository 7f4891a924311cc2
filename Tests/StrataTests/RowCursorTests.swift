// RowCursor: rows read one at a time (CONTRACT.md §7 "iterate rows lazily"). A cursor must give
// exactly the rows fetchAll gives, read a plain SELECT as it is stepped, hold its connection
// while open, and let go of it (and of its snapshot) at its end however it ends.

import Foundation
import Strata
import Testing

@Suite struct RowCursorTests {
    let db: Database
    let c: Connection

    init() throws {
        db = try Database.inMemory()
        c = db.connection()
        try c.execute("""
            CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, s TEXT);
            CREATE INDEX t_k ON t(k);
            CREATE TABLE u(k INTEGER, label TEXT);
            CREATE VIEW v AS SELECT id, k FROM t WHERE s IS NOT NULL;
            """)
        try c.transaction { tx in
            let insert = try tx.prepare("INSERT INTO t VALUES (?, ?, ?)")
            for i in 1...2000 { try insert.execute([i, i % 37, i % 5 == 0 ? nil : "s\(i % 11)"]) }
            for k in 0..<40 where k % 3 != 0 { try tx.execute("INSERT INTO u VALUES (?, ?), (?, ?)", [k, "a\(k)", k, "b\(k)"]) }
        }
    }

    static let queries = [
        "SELECT * FROM t",
        "SELECT id, s FROM t WHERE k = 3 OR s = 's4'",
        "SELECT id FROM t WHERE s IS NULL AND id > 1500",
        "SELECT t.id, u.label FROM t JOIN u ON u.k = t.k WHERE t.id < 300",
        "SELECT t.id, u.label FROM t LEFT JOIN u ON u.k = t.k WHERE t.id BETWEEN 100 AND 200",
        "SELECT DISTINCT s FROM t",
        "SELECT DISTINCT k, s FROM t WHERE id > 10",
        "SELECT id FROM t LIMIT 25 OFFSET 1990",
        "SELECT id FROM t LIMIT 0",
        "SELECT id FROM t ORDER BY id DESC LIMIT 10 OFFSET 3",
        "SELECT id, k FROM t ORDER BY k, id",
        "SELECT k, id FROM t WHERE k > 30 ORDER BY k",
        "SELECT s, count(*) FROM t GROUP BY s ORDER BY s",
        "SELECT max(id), min(s) FROM t",
        "SELECT id FROM t WHERE k = 5 UNION SELECT k FROM u",
        "VALUES (1, 'a'), (2, 'b')",
        "SELECT 1, 2 WHERE 0",
        "SELECT id FROM t WHERE 1 = 0",
        "SELECT (SELECT count(*) FROM u WHERE u.k = t.k) AS n, id FROM t WHERE id % 100 = 0",
        "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 50) SELECT x FROM r",
        "SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k) AND id < 100",
        // From the review (helper-33): views, CTEs, filters on a LEFT JOIN's right side, IN
        // lists, DISTINCT with LIMIT and OFFSET, negative LIMIT.
        "SELECT t.id, u.label FROM t LEFT JOIN u ON u.k = t.k WHERE u.label IS NULL",
        "SELECT DISTINCT k FROM t LIMIT 5 OFFSET 3",
        "SELECT DISTINCT k FROM t ORDER BY k LIMIT 5 OFFSET 3",
        "SELECT * FROM v WHERE id < 50",
        "WITH c AS (SELECT id, k FROM t WHERE id < 30) SELECT * FROM c",
        "WITH c AS MATERIALIZED (SELECT id, k FROM t WHERE id < 30) SELECT c.id, u.label FROM c JOIN u ON u.k = c.k",
        "SELECT id FROM t WHERE k IN (3, 1, 2)",
        "SELECT id FROM t WHERE id IN (30, 10, 20)",
        "SELECT id, (SELECT label FROM u WHERE u.k = t.k ORDER BY label DESC LIMIT 1) FROM t WHERE id < 60",
        "SELECT a.id, b.id FROM t a JOIN t b ON b.id = a.id + 1 WHERE a.id < 20 LIMIT 7 OFFSET 2",
        "SELECT id FROM t ORDER BY k DESC, id LIMIT 10",
        "SELECT u.k, t.id FROM u LEFT JOIN t ON t.id = u.k * 10 ORDER BY u.k",
        "SELECT id FROM t LIMIT -1 OFFSET 1995",
        "SELECT DISTINCT u.k FROM u JOIN t ON t.k = u.k",
        "SELECT x FROM (SELECT id AS x FROM t ORDER BY id DESC) LIMIT 5",
    ]

    @Test(arguments: queries)
    func aCursorGivesWhatFetchAllGives(sql: String) throws {
        let all = try c.fetchAll(sql)
        let cursor = try c.cursor(sql)
        #expect(cursor.columns.names == (all.first?.columns.names ?? cursor.columns.names))
        let stepped = try cursor.collect()
        #expect(stepped.map(\.values) == all.map(\.values))
        #expect(try cursor.next() == nil)
    }

    @Test func aPlainSelectIsReadAsItIsStepped() throws {
        // Row 1500 raises an error when evaluated: a cursor gives the 1499 rows before it first,
        // where fetchAll fails at once.
        let sql = "SELECT CASE WHEN id = 1500 THEN abs(-9223372036854775807 - 1) ELSE id END FROM t"
        #expect(throws: StrataError.self) { try c.fetchAll(sql) }
        let cursor = try c.cursor(sql)
        var seen = 0
        let error = #expect(throws: StrataError.self) {
            while let row = try cursor.next() {
                seen += 1
                #expect(try row[0] as Int == seen)
            }
        }
        #expect(seen == 1499)
        #expect(error?.message == "integer overflow")
        // The error ended the cursor and freed the connection.
        #expect(try cursor.next() == nil)
        #expect(try c.fetchOne("SELECT count(*) FROM t")?[0] as Int? == 2000)
    }

    @Test func anOpenCursorHoldsItsConnection() throws {
        let cursor = try c.cursor("SELECT id FROM t")
        #expect(try cursor.next()?[0] as Int? == 1)
        for attempt in [{ try c.execute("SELECT 1") }, { _ = try c.cursor("SELECT 1") }] {
            let error = #expect(throws: StrataError.self) { try attempt() }
            #expect(error?.code == .objectInUse)
        }
        #expect((#expect(throws: StrataError.self) { try db.close() })?.code == .objectInUse)
        cursor.close()
        cursor.close()
        #expect(try cursor.next() == nil)
        #expect(try c.fetchOne("SELECT 7")?[0] as Int? == 7)

        // Read to its end, a cursor lets go by itself; dropped, too.
        let all = try c.cursor("SELECT id FROM t WHERE id <= 3")
        #expect(try all.collect().count == 3)
        try c.execute("SELECT 1")
        do { _ = try c.cursor("SELECT id FROM t").next() }
        try c.execute("SELECT 1")
    }

    @Test func outsideATransactionACursorReadsOneSnapshot() throws {
        let other = db.connection()
        let cursor = try c.cursor("SELECT id FROM t")
        var n = 0
        while n < 10, try cursor.next() != nil { n += 1 }
        try other.execute("DELETE FROM t WHERE id > 5")
        try other.execute("INSERT INTO t VALUES (5000, 0, 'new')")
        while try cursor.next() != nil { n += 1 }
        #expect(n == 2000)
        #expect(try c.fetchOne("SELECT count(*) FROM t")?[0] as Int? == 6)
    }

    @Test func insideATransactionACursorSeesItsWrites() throws {
        try c.transaction { tx in
            try tx.execute("DELETE FROM t WHERE id > 3")
            try tx.execute("INSERT INTO t VALUES (9000, 1, 'mine')")
            #expect(try tx.cursor("SELECT id FROM t").collect().map { try $0[0] as Int } == [1, 2, 3, 9000])
        }
    }

    @Test func errorsAtOpenHoldNothing() throws {
        #expect((#expect(throws: StrataError.self) { try c.cursor("SELEC id FROM t") })?.code == .syntaxError)
        #expect((#expect(throws: StrataError.self) { try c.cursor("SELECT ?", [1, 2]) })?.code == .invalidParameterValue)
        #expect((#expect(throws: StrataError.self) { try c.cursor("SELECT * FROM nope") })?.code == .undefinedTable)
        try c.execute("SELECT 1")
        // A statement that is not a query runs at open.
        let insert = try c.cursor("INSERT INTO u VALUES (100, 'x')")
        #expect(try insert.next() == nil)
        #expect(try c.fetchOne("SELECT count(*) FROM u WHERE k = 100")?[0] as Int? == 1)
    }

    @Test func anInterruptEndsTheCursor() throws {
        let cursor = try c.cursor("SELECT id FROM t")
        _ = try cursor.next()
        c.interrupter.interrupt()
        let error = #expect(throws: StrataError.self) { while try cursor.next() != nil {} }
        #expect(error?.code == .queryCanceled)
        try c.execute("SELECT 1")
    }

    /// A cursor opened in a transaction closure (or savepoint) ends with it: the closure still
    /// commits, and the cursor's unread rows are an error (24000), not a silent end.
    @Test func aCursorEndsWithTheClosureItWasOpenedIn() throws {
        var kept: RowCursor?
        try c.transaction { tx in
            try tx.execute("INSERT INTO u VALUES (200, 'in the transaction')")
            let cursor = try tx.cursor("SELECT id FROM t")
            _ = try cursor.next()
            kept = cursor
        }
        #expect(!c.isInTransaction)
        #expect(try c.fetchOne("SELECT count(*) FROM u WHERE k = 200")?[0] as Int? == 1)
        let error = #expect(throws: StrataError.self) { try kept?.next() }
        #expect(error?.code == .invalidCursorState)

        // The same in a savepoint, and through the database's pool.
        try c.transaction { tx in
            try tx.savepoint { sp in kept = try sp.cursor("SELECT id FROM t") }
            try tx.execute("INSERT INTO u VALUES (201, 'after the savepoint')")
        }
        #expect((#expect(throws: StrataError.self) { try kept?.next() })?.code == .invalidCursorState)
        for _ in 0..<3 {
            try db.transaction { tx in kept = try tx.cursor("SELECT id FROM t") }
        }
        #expect(try c.fetchOne("SELECT count(*) FROM u WHERE k IN (200, 201)")?[0] as Int? == 2)
        // A cursor read to its end inside the closure is simply done.
        try c.transaction { tx in kept = try tx.cursor("SELECT 1"); _ = try kept?.collect() }
        #expect(try kept?.next() == nil)
    }

    @Test func closingTheConnectionEndsItsCursor() throws {
        let cursor = try c.cursor("SELECT id FROM t")
        _ = try cursor.next()
        try c.close()
        #expect((#expect(throws: StrataError.self) { try cursor.next() })?.code == .invalidCursorState)
        cursor.close()
    }

    @Test func aPreparedStatementOpensCursors() throws {
        let byK = try c.prepare("SELECT id FROM t WHERE k = ? ORDER BY id")
        for k in [0, 36] {
            #expect(try byK.cursor([k]).collect().map(\.values) == (try byK.fetchAll([k])).map(\.values))
        }
    }
}
