// The union path (Planner/AccessPath+Or.swift): each disjunct's path gives its rows in rowid
// order; they are merged in rowid order, a row found by several disjuncts kept once. The
// level's filters (the whole WHERE) still check every row.

import StrataCatalog
import StrataCore

extension CompiledAccess {
    /// The rows of every disjunct's path, in rowid order, without repeats.
    func unionRows(_ row: [Value], _ ctx: EvalContext) throws(StrataError) -> [[Value]] {
        var merged: [[Value]] = []
        for (n, branch) in branches.enumerated() {
            let rows = try branch.rows(row, ctx)
            merged = n == 0 ? rows : Self.mergeByRowid(merged, rows)
        }
        return merged
    }

    /// Two lists of rows in rowid order as one, a rowid in both taken from `a`.
    private static func mergeByRowid(_ a: [[Value]], _ b: [[Value]]) -> [[Value]] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [[Value]] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            let x = a[i][0].integerValue
            let y = b[j][0].integerValue
            if x < y {
                out.append(a[i])
                i += 1
            } else if y < x {
                out.append(b[j])
                j += 1
            } else {
                out.append(a[i])
                i += 1
                j += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }
}
