// Ordered access through the public API (issue 5; SQLTests/planner/limit_pushdown.test and
// order_by_index.test pin the rest): LIMIT and OFFSET given as parameters to one prepared
// statement, run again with other values, against the same rows sorted here. The answers follow
// SQLite's rules: a negative LIMIT is no limit, a negative OFFSET is none, rows with equal sort
// keys keep their order (rowid order reading upwards), and a LIMIT that is not an integer is an
// error.

import Foundation
import Strata
import Testing

@Suite struct OrderedAccessTests {
    /// Rows (id, a, c): a is indexed and repeats, c is not indexed and repeats.
    static let rows: [(id: Int64, a: Int64?, c: Double?)] = (1...500).map { (i: Int) -> (id: Int64, a: Int64?, c: Double?) in
        let a: Int64? = i % 11 == 0 ? nil : Int64((i * 7) % 37)
        let c: Double? = i % 13 == 0 ? nil : Double(i % 17) / 2
        return (Int64(i), a, c)
    }

    func connection() throws -> (TemporaryDatabase, Connection) {
        let db = try TemporaryDatabase()
        let c = db.database.connection()
        try c.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, c REAL)")
        try c.execute("CREATE INDEX t_a ON t(a)")
        let insert = try c.prepare("INSERT INTO t VALUES (?, ?, ?)")
        for r in Self.rows {
            try insert.execute([Value.integer(r.id), r.a.map { Value.integer($0) } ?? .null, r.c.map { Value.real($0) } ?? .null])
        }
        return (db, c)
    }

    /// The window [offset, offset + limit) of `ids`, with SQLite's negative values.
    func window(_ ids: [Int64], limit: Int, offset: Int) -> [[Value]] {
        let start = min(max(offset, 0), ids.count)
        let end = limit < 0 ? ids.count : min(start + limit, ids.count)
        return ids[start..<end].map { [.integer($0)] }
    }

    /// ORDER BY a read from the index, upwards and downwards, with the window as parameters.
    @Test func indexOrderWithParameterLimitAndOffset() throws {
        let (db, c) = try connection()
        // Upwards: NULLs first, equal values of a in rowid order.
        let up = Self.rows.sorted { x, y in
            switch (x.a, y.a) {
            case (nil, nil): return x.id < y.id
            case (nil, _): return true
            case (_, nil): return false
            case (let p?, let q?): return p != q ? p < q : x.id < y.id
            }
        }.map(\.id)
        let ascending = try c.prepare("SELECT id FROM t ORDER BY a LIMIT ? OFFSET ?")
        let descending = try c.prepare("SELECT id FROM t ORDER BY a DESC, id DESC LIMIT :n OFFSET :skip")
        for (limit, offset) in [(5, 0), (3, 40), (10, 495), (7, 600), (0, 3), (-1, 490), (4, -9), (500, 0)] {
            #expect(try ascending.query([.integer(Int64(limit)), .integer(Int64(offset))]).rows == window(up, limit: limit, offset: offset),
                    "LIMIT \(limit) OFFSET \(offset)")
            #expect(try descending.query(["n": .integer(Int64(limit)), "skip": .integer(Int64(offset))]).rows
                        == window(up.reversed(), limit: limit, offset: offset), "DESC LIMIT \(limit) OFFSET \(offset)")
        }
        _ = db
    }

    /// ORDER BY c with no index: the best rows by a bounded heap, in the order a stable sort gives.
    @Test func topNWithParameterLimitKeepsTiesInRowidOrder() throws {
        let (db, c) = try connection()
        // DESC: NULLs last, equal values of c in rowid order.
        let down = Self.rows.sorted { x, y in
            switch (x.c, y.c) {
            case (nil, nil): return x.id < y.id
            case (nil, _): return false
            case (_, nil): return true
            case (let p?, let q?): return p != q ? p > q : x.id < y.id
            }
        }.map(\.id)
        let top = try c.prepare("SELECT id FROM t WHERE id <> ? ORDER BY c DESC LIMIT ? OFFSET ?")
        for (limit, offset) in [(10, 0), (1, 0), (25, 30), (5, 480), (3, 499), (0, 0), (-1, 470)] {
            #expect(try top.query([.integer(0), .integer(Int64(limit)), .integer(Int64(offset))]).rows
                        == window(down, limit: limit, offset: offset), "LIMIT \(limit) OFFSET \(offset)")
        }
        _ = db
    }

    /// A LIMIT or OFFSET that is not an integer (after numeric affinity) is an error, as in SQLite.
    @Test func nonIntegerLimitIsAnError() throws {
        let (db, c) = try connection()
        let s = try c.prepare("SELECT id FROM t ORDER BY a LIMIT ? OFFSET ?")
        #expect(try s.query([.text("2"), .real(1.0)]).rows == [[.integer(22)], [.integer(33)]])
        for bad: [Value] in [[.null, .integer(0)], [.real(1.5), .integer(0)], [.integer(1), .text("x")]] {
            #expect(throws: StrataError.self) { try s.query(bad) }
        }
        _ = db
    }
}
