// OR terms as access paths (issue 5), as SQLite plans them (where.c, whereLoopAddOr):
//
//   - `a = 1 OR a = 2` (every disjunct an `=` on the same column or indexed expression, under
//     the same collation) is the term `a IN (1, 2)`: one path, `SEARCH t USING INDEX t_a (a=?)`.
//   - Otherwise, when EVERY disjunct (an AND-group: `(a = 1 AND c = 2) OR b > 3`) has a path of
//     its own terms, the level reads the union of the disjuncts' rows: each disjunct's best
//     path, its rows merged in rowid order without repeats (`CompiledAccess.unionRows`).
//     EXPLAIN QUERY PLAN says `MULTI-INDEX OR`, with `INDEX 1`, `INDEX 2`, … beneath it and
//     each disjunct's SEARCH beneath those. One disjunct without a path (`+a = 1`, `b IS NULL`,
//     a column without an index) and the OR is no path at all.
//
// A disjunct's path is chosen among its own terms and the level's other terms (which hold for
// every row the query accepts), as in SQLite, so `(a = 1 OR b = 2) AND c = 3` may search
// (a, c) for its first disjunct; a partial index serves it when those terms imply its WHERE.
// When a disjunct's best path rests on the other terms alone, that path by itself ranks at
// least as well as the union, which is then never chosen. The whole WHERE still filters every row, so the union (a superset of
// the rows each disjunct accepts) never changes the answer. The union ranks after one index
// equality, before the ranges, when every disjunct's path is an equality, else after the
// ranges (AccessPath.rank).

import StrataCatalog
import StrataCore

extension Planner {
    /// The most disjuncts a union is made of (a longer OR is read by a scan).
    static let maximumUnionBranches = 64

    /// `c`'s disjuncts, with nested ORs flattened.
    static func disjuncts(_ c: BoundExpr) -> [BoundExpr] {
        if case .or(let l, let r) = c { return disjuncts(l) + disjuncts(r) }
        return [c]
    }

    /// `c`'s conjuncts, with nested ANDs flattened.
    static func conjuncts(_ c: BoundExpr) -> [BoundExpr] {
        if case .and(let l, let r) = c { return conjuncts(l) + conjuncts(r) }
        return [c]
    }

    /// An OR of `=` terms on one key (a column of the level, or an expression of its columns)
    /// under one collation, as the IN term it means; nil for any other OR.
    func orAsIn(_ c: BoundExpr, _ level: JoinLevel, _ known: (BoundExpr, inout Bool) -> Bool, expressions: Bool) -> Term? {
        let list = Self.disjuncts(c)
        guard list.count >= 2, list.count <= 1000, list.allSatisfy({
            if case .comparison(.equal, _, _, _) = $0 { return true }
            return false
        }) else { return nil }
        let found = terms(level, list, known, expressions: expressions)
        guard found.count == list.count, var merged = found.first else { return nil }
        for t in found.dropFirst() {
            guard t.op == .equal, t.column == merged.column, t.collation == merged.collation else { return nil }
            if let x = merged.expression {
                guard let y = t.expression, Self.sameExpression(y, x, offset: 0) else { return nil }
            }
            merged.values += t.values
            merged.dependsOnRow = merged.dependsOnRow || t.dependsOnRow
        }
        return merged
    }

    /// An OR of two comparisons of one key with the same value that together are one range, as
    /// SQLite's whereCombineDisjuncts makes them: `a = e OR a > e` is `a >= e`, `a < e OR a = e`
    /// is `a <= e`; nil for any other OR.
    func orAsRange(_ c: BoundExpr, _ level: JoinLevel, _ known: (BoundExpr, inout Bool) -> Bool, expressions: Bool) -> Term? {
        let list = Self.disjuncts(c)
        guard list.count == 2, list.allSatisfy({
            if case .comparison(let op, _, _, _) = $0 { return [.equal, .less, .lessEqual, .greater, .greaterEqual].contains(op) }
            return false
        }) else { return nil }
        let found = terms(level, list, known, expressions: expressions)
        guard found.count == 2 else { return nil }
        var (x, y) = (found[0], found[1])
        guard x.column == y.column, x.collation == y.collation, x.values[0].affinity == y.values[0].affinity,
              Self.sameExpression(x.values[0].expr, y.values[0].expr, offset: 0) else { return nil }
        if let e = x.expression {
            guard let f = y.expression, Self.sameExpression(f, e, offset: 0) else { return nil }
        }
        if x.op == .equal { swap(&x, &y) }
        // x is now a bound (or both are equalities: SQLite makes them `>=`).
        let op: Term.Op = x.op == .equal ? .lower : x.op
        guard y.op == .equal || y.op == op else { return nil }
        x.op = op
        x.isInclusive = true
        x.dependsOnRow = x.dependsOnRow || y.dependsOnRow
        return x
    }

    /// A union path for each OR among the level's terms whose every disjunct has a path.
    func unionPaths(_ table: TableInfo, _ level: JoinLevel, _ conditions: [BoundExpr],
                    _ known: (BoundExpr, inout Bool) -> Bool) -> [AccessPath] {
        var out: [AccessPath] = []
        for (i, c) in conditions.enumerated() {
            guard case .or = c else { continue }
            let list = Self.disjuncts(c)
            guard list.count <= Self.maximumUnionBranches, orAsIn(c, level, known, expressions: true) == nil else { continue }
            var others = conditions
            others.remove(at: i)
            var branches: [AccessPath] = []
            for d in list {
                let own = Self.conjuncts(d)
                let paths = accessPaths(table, level, own + others, known)
                guard var best = paths.min(by: Self.isPreferred) else {
                    branches = []
                    break
                }
                Self.keepTies(&best, paths)
                branches.append(best)
            }
            if branches.isEmpty { continue }
            var path = AccessPath(kind: .union(branches))
            path.dependsOnRow = branches.contains { $0.dependsOnRow }
            out.append(path)
        }
        return out
    }
}
