// Covering reads (issue 5): when an index's entries hold every column a query reads from the
// table (in its results, WHERE, ON, GROUP BY, HAVING, ORDER BY and aggregates), the rows are
// made from the entries' keys (Executor/TableAccess+Covering.swift) and never fetched.
// EXPLAIN QUERY PLAN then says `USING COVERING INDEX i`, as SQLite does.
//
// A key keeps a column's value only where decoding it gives the stored value back
// (StrataCatalog Key.swift, TRADE-OFF). A column counts as held when it is a key column
//   - under BINARY: NOCASE and RTRIM keys keep the folded text ('ABC' is stored as 'abc'), and
//   - of INTEGER, NUMERIC, REAL or TEXT affinity: a key writes 1 and 1.0 alike, and those
//     affinities say which one the column holds (an integral real is stored as an integer under
//     INTEGER and NUMERIC, every number as a real under REAL, as text under TEXT); a column of
//     no affinity (BLOB, or no type) may hold either, so it is not held.
// The rowid, and an INTEGER PRIMARY KEY (the rowid by another name), are in every entry. A
// WITHOUT ROWID table's PRIMARY KEY path is never covering (SQLite says `USING PRIMARY KEY`).
// The columns a query reads come from `CompiledCore.usedSlots`; when a correlated subquery may
// read any of them, nothing is covering. Covering is decided once the query is bound (the
// access path is chosen before its results are), by EXPLAIN and the executor alike.

import StrataCatalog
import StrataCore

/// The columns of one table level that a query reads: the query's combined-row slots (from
/// `CompiledCore.usedSlots`) seen through the level's place in that row.
struct ReadColumns {
    let slots: Set<Int>
    let offset: Int
    let width: Int

    /// Calls `body` with each slot of the level that is read (0 the rowid, column c at c + 1),
    /// stopping when it returns false; returns whether it never did.
    func allSatisfy(_ body: (Int) -> Bool) -> Bool {
        for s in slots where s >= offset && s < offset + width {
            if !body(s - offset) { return false }
        }
        return true
    }
}

/// How a covering read fills a row [rowid, columns...] from an index entry's key.
struct CoveringLayout {
    /// The key fields to decode (one per index column up to the last one needed), each with
    /// the row slot it fills and the column's affinity, or nil when the query does not read it.
    var fields: [(slot: Int, affinity: Affinity)?]
    /// Whether each of those fields is descending.
    var descending: [Bool]
    /// The row slots that hold the rowid (0, and the INTEGER PRIMARY KEY's).
    var rowidSlots: [Int]
    /// The row's width: the rowid and every column.
    var width: Int
}

extension AccessPath {
    /// The layout of a covering read of `table`'s rows when the path's index holds every
    /// column of `used`, or nil.
    func coveringLayout(_ table: TableInfo, used: ReadColumns?) -> CoveringLayout? {
        guard case .index(let ix) = kind, !isPrimaryKey, let used else { return nil }
        // Most paths are not covering: find out before building anything.
        let rowidSlot = table.rowidColumn.map { $0 + 1 }
        guard used.allSatisfy({ slot in slot == 0 || slot == rowidSlot || ix.columns.contains { $0.column == slot - 1 } }) else {
            return nil
        }
        var fields: [(slot: Int, affinity: Affinity)?] = []
        var rowidSlots: [Int] = []
        let held = used.allSatisfy { slot in
            if slot == 0 || table.rowidColumn.map({ $0 + 1 }) == slot {
                rowidSlots.append(slot)
                return true
            }
            let c = slot - 1
            guard c >= 0, c < table.columns.count else { return false }
            let affinity = table.columns[c].affinity
            guard affinity != .blob, let k = ix.columns.indices.first(where: { k in
                ix.columns[k].column == c && (ix.columns[k].collation.flatMap { Collation(name: $0) } ?? .binary) == .binary
            }) else { return false }
            while fields.count <= k { fields.append(nil) }
            fields[k] = (slot, affinity)
            return true
        }
        guard held else { return nil }
        return CoveringLayout(fields: fields, descending: ix.columns.prefix(fields.count).map(\.descending),
                              rowidSlots: rowidSlots, width: table.columns.count + 1)
    }

    /// Whether the path may be covering (an index other than a WITHOUT ROWID table's PRIMARY
    /// KEY, or a union); only those are worth the look.
    var mayCover: Bool {
        switch kind {
        case .index: !isPrimaryKey
        case .union: true
        case .rowid: false
        }
    }

    /// The path with `isCovering` set (on each disjunct's path for a union) for a query that
    /// reads the columns `used` of the table (`coveringLayout`).
    func withCovering(_ table: TableInfo, used: ReadColumns?) -> AccessPath {
        var p = self
        _ = p.markCovering(table, used: used)
        return p
    }

    /// Sets `isCovering` (on each disjunct's path for a union) for a query that reads the
    /// columns `used` of the table, taking a covering tie in place of a path that is not
    /// covering; returns the layout of an index path's covering read.
    mutating func markCovering(_ table: TableInfo, used: ReadColumns?) -> CoveringLayout? {
        switch kind {
        case .index:
            if let layout = coveringLayout(table, used: used) {
                isCovering = true
                return layout
            }
            // SQLite prefers the covering index among equal ones (it reads no rows).
            for tie in ties {
                if let layout = tie.coveringLayout(table, used: used) {
                    self = tie
                    isCovering = true
                    return layout
                }
            }
            return nil
        case .union(let branches):
            kind = .union(branches.map { $0.withCovering(table, used: used) })
            return nil
        case .rowid:
            return nil
        }
    }
}

extension Planner {
    /// Notes in `best.ties` the other index paths among `candidates` that are as good.
    static func keepTies(_ best: inout AccessPath, _ candidates: [AccessPath]) {
        guard candidates.count > 1, case .index(let chosen) = best.kind else { return }
        let chosenPath = best
        best.ties = candidates.filter { c in
            guard case .index(let other) = c.kind, other !== chosen else { return false }
            return !isPreferred(chosenPath, over: c) && !isPreferred(c, over: chosenPath)
        }
    }

    /// The columns of `level` among the combined row's `used` slots; nil stays nil.
    static func levelColumns(_ used: Set<Int>?, _ level: JoinLevel) -> ReadColumns? {
        used.map { ReadColumns(slots: $0, offset: level.offset, width: level.width) }
    }
}
