// CostModelTests: what SQLTests/planner/join_order.test cannot see of the cost model and the join
// order: how sqlite_stat1's text is read; the estimates without statistics (SQLite's defaults);
// statistics loaded with the catalog when the database opens, seen by a transaction as of its
// snapshot, and undone by ROLLBACK; and a long chain join in scrambled FROM order (select5's
// shape) planned greedily along its links.

import Foundation
import Testing

@testable import StrataCore
@testable import StrataSQL

struct CostModelTests {
    private func plan(_ sql: String, _ session: SQLSession) throws -> [String] {
        try session.query("EXPLAIN QUERY PLAN " + sql, parameters: []).rows.map { $0[3].textValue }
    }

    private func catalog(_ engine: SQLEngine) -> Catalog { engine.committedCatalog.withLock { $0.catalog } }

    @Test func statReadsLeadingNumbersOnly() {
        let s = Statistics(rows: [
            [.text("t"), .text("ta"), .text("100 10 1 unordered sz=12")],
            [.text("T"), .text("TB"), .text("100 1")],
            [.text("u"), .null, .text("7")],
            [.text("v"), .text("vx"), .text("many")],
            [.text("w"), .text("wx"), .null],
        ])
        #expect(s.indexes["ta"]?.values == [100, 10, 1])
        #expect(s.indexes["tb"] == Statistics.Numbers(table: "t", values: [100, 1]))
        #expect(s.rows(ofTable: "U") == 7)
        #expect(s.indexes["vx"] == nil && s.indexes["wx"] == nil)
    }

    @Test func defaultsAreSQLites() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        try engine.session().execute("""
            CREATE TABLE t(a, b, c);
            CREATE INDEX t_abc ON t(a, b, c);
            CREATE UNIQUE INDEX t_u ON t(c);
            """)
        let model = CostModel(catalog: catalog(engine))
        let c = catalog(engine)
        let table = try #require(c.table("t"))
        let level = JoinLevel(source: .table(table), offset: 0, width: 4, isLeftJoin: false)
        let s = model.stats(level)
        #expect(s.rows == 1_048_576 && !s.isKnown)
        let abc = try #require(c.index("t_abc"))
        #expect(model.rowsPerKey(abc, columns: 1, tableRows: s.rows) == 10)
        #expect(model.rowsPerKey(abc, columns: 3, tableRows: s.rows) == 8)
        #expect(model.rowsPerKey(try #require(c.index("t_u")), columns: 1, tableRows: s.rows) == 1)

        let value = KeyValue(expr: .constant(.integer(1)), affinity: nil)
        let bound = RangeBound(value: value, isInclusive: true)
        let eq = AccessPath(kind: .index(abc), equal: [[value]])
        #expect(model.estimate(eq, s)?.rows == 10)
        // IN lists multiply the keys, but never past a shorter prefix's rows.
        let inList = AccessPath(kind: .index(abc), equal: [[value, value], [value, value, value]])
        #expect(model.estimate(inList, s)?.rows == 20)
        let open = AccessPath(kind: .rowid, lower: bound)
        #expect(model.estimate(open, s)?.rows == 262_144.0)
        let closed = AccessPath(kind: .rowid, lower: bound, upper: bound)
        #expect(model.estimate(closed, s)?.rows == 16_384.0)
        // A range after an equality keeps no fewer rows than an equality on its column.
        let eqRange = AccessPath(kind: .index(abc), equal: [[value]], lower: bound, upper: bound)
        #expect(model.estimate(eqRange, s)?.rows == 9)
    }

    private func withDatabase(_ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cost-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try body(path)
    }

    private static let setup = """
        CREATE TABLE s(id INTEGER PRIMARY KEY, a INT, b INT);
        WITH RECURSIVE c(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM c WHERE v < 300) INSERT INTO s SELECT v, 1, v FROM c;
        CREATE INDEX s_a ON s(a);
        CREATE INDEX s_b ON s(b);
        """
    private static let query = "SELECT id FROM s WHERE a = 1 AND b = 5"

    @Test func statisticsLoadWithTheCatalog() throws {
        try withDatabase { path in
            do {
                let engine = try SQLEngine(path: path, options: SQLEngine.Options())
                let session = engine.session()
                try session.execute(Self.setup)
                #expect(try plan(Self.query, session) == ["SEARCH s USING INDEX s_a (a=?)"])
                try session.execute("ANALYZE")
                #expect(try plan(Self.query, session) == ["SEARCH s USING INDEX s_b (b=?)"])
                try engine.close()
            }
            let engine = try SQLEngine(path: path, options: SQLEngine.Options())
            #expect(catalog(engine).statistics.indexes["s_b"]?.values == [300, 1])
            #expect(try plan(Self.query, engine.session()) == ["SEARCH s USING INDEX s_b (b=?)"])
            try engine.close()
        }
    }

    @Test func aTransactionPlansWithItsSnapshotsStatistics() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let reader = engine.session()
        let writer = engine.session()
        try writer.execute(Self.setup)
        try reader.execute("BEGIN")
        #expect(try plan(Self.query, reader) == ["SEARCH s USING INDEX s_a (a=?)"])
        try writer.execute("ANALYZE")
        #expect(try plan(Self.query, writer) == ["SEARCH s USING INDEX s_b (b=?)"])
        // The reader's snapshot predates ANALYZE: it keeps planning without statistics.
        #expect(try plan(Self.query, reader) == ["SEARCH s USING INDEX s_a (a=?)"])
        try reader.execute("COMMIT")
        #expect(try plan(Self.query, reader) == ["SEARCH s USING INDEX s_b (b=?)"])

        // ROLLBACK undoes statistics as it undoes their rows.
        try writer.execute("BEGIN; UPDATE sqlite_stat1 SET stat = '300 1' WHERE idx = 's_a'")
        #expect(try plan(Self.query, writer) == ["SEARCH s USING INDEX s_a (a=?)"])
        try writer.execute("ROLLBACK")
        #expect(try plan(Self.query, writer) == ["SEARCH s USING INDEX s_b (b=?)"])
        // Without their rows, the indexes are back to the defaults.
        try writer.execute("DELETE FROM sqlite_stat1")
        #expect(try plan(Self.query, writer) == ["SEARCH s USING INDEX s_a (a=?)"])
    }

    /// select5's shape: a chain of tables linked rowid to column, listed out of order, with the
    /// one constant on a table in the middle of the list.
    @Test func aLongChainIsJoinedAlongItsLinks() throws {
        let n = 40
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let session = engine.session()
        for i in 1...n {
            try session.execute("CREATE TABLE t\(i)(a\(i) INTEGER PRIMARY KEY, b\(i) INT); INSERT INTO t\(i) VALUES (1, 1), (2, 2)")
        }
        // t1.b1 = t2.a2, t2.b2 = t3.a3, …; the constant on t1.
        var order = Array(1...n)
        var state: UInt64 = 12345
        for i in order.indices.reversed() {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            order.swapAt(i, Int(state >> 33) % (i + 1))
        }
        let from = order.map { "t\($0)" }.joined(separator: ", ")
        let links = (1..<n).map { "b\($0) = a\($0 + 1)" }.joined(separator: " AND ")
        let sql = "SELECT count(*) FROM \(from) WHERE \(links) AND a1 = 2"
        let explained = try plan(sql, session)
        #expect(explained.count == n)
        #expect(explained.first == "SEARCH t1 USING INTEGER PRIMARY KEY (rowid=?)")
        #expect(explained.dropFirst().enumerated().allSatisfy { $1 == "SEARCH t\($0 + 2) USING INTEGER PRIMARY KEY (rowid=?)" })
        #expect(try session.query(sql, parameters: []).rows == [[.integer(1)]])
    }
}
