// Access paths: how a table in FROM is read (issue 5, first step).
//
// After the WHERE conjuncts (and a LEFT JOIN's ON conditions) are placed on their join levels
// and the join order is fixed, `chooseAccessPaths` looks at each table level's terms of the
// form `column op expression`, where the expression reads only values known before the level
// runs (constants, parameters, outer columns of a correlated subquery, columns of earlier join
// levels: the last gives an index nested-loop join), and picks the cheapest of those paths, the
// hash table and the scan by the cost model (CostModel.swift); costs within 25% are a tie, which
// this preference decides:
//
//   1. rowid equality: `rowid = e`, `ipk = e`, `rowid IN (list)`: point gets;
//   2. a UNIQUE index with every column bound by `=` (or IN);
//   3. an index equality on a prefix of its columns (more columns first), plus a range on the
//      next column when there is one;
//   4. a rowid range: `>`, `>=`, `<`, `<=`, BETWEEN: a bounded cursor over the table;
//   5. an index range on its first column;
//   6. the hash table on an equality join (`JoinLevel.hashProbe`, built per statement);
//   7. a full scan.
//
// A path fetches a superset of the rows its terms accept, never fewer: the terms stay in the
// level's filters and are checked again on every fetched row (so an inclusive bound may stand
// in for an exclusive one). A term is used only when the lookup cannot miss a row the
// comparison accepts: the column side is a bare column (`+a` is not: Strata, like SQLite,
// treats unary plus as "do not index this"); the comparison applies no affinity to the column
// side (a TEXT column against an INTEGER column converts the column: not indexable); the probe
// value gets the affinity the comparison gives it, at run time, before it is encoded; and the
// index column's collation (as its keys are encoded, `StatementRunner.indexKeyPrefix`) is the
// comparison's. `IS`, `!=`, NOT IN and NOT BETWEEN are never used. Partial indexes and index
// columns that are expressions are not used yet. Rows come back in rowid order, as a scan gives
// them, so a path changes how many rows are read, never the answer or its order.

import StrataCatalog
import StrataCore

/// A value to look up: an expression known before the level runs, and the affinity the
/// comparison applies to it.
struct KeyValue {
    var expr: BoundExpr
    var affinity: Affinity?
}

/// One end of a range; treated as inclusive when fetching (the filter drops equal rows of an
/// exclusive bound).
struct RangeBound {
    var value: KeyValue
    var isInclusive: Bool
}

struct AccessPath {
    enum Kind {
        /// The table's rows by rowid.
        case rowid
        /// An index's entries, then each row by its rowid.
        case index(IndexInfo)
    }

    var kind: Kind
    /// Values for the leading key columns (one list per column; several values for IN): for the
    /// rowid at most one column.
    var equal: [[KeyValue]] = []
    /// A range on the column after the equal ones.
    var lower: RangeBound?
    var upper: RangeBound?
    /// Per key column of an index: descending, collation (as the index encodes its keys).
    var descending: [Bool] = []
    var collations: [Collation] = []
    /// The names of the key columns, for EXPLAIN QUERY PLAN.
    var columnNames: [String] = []
    /// The index is a WITHOUT ROWID table's PRIMARY KEY (EXPLAIN says `USING PRIMARY KEY`, as SQLite).
    var isPrimaryKey = false
    /// Whether a key expression reads a column of an earlier join level (the lookup is then
    /// made again for each row of those levels).
    var dependsOnRow = false

    /// The preference rank (lower is better; see the file comment).
    var rank: Int {
        switch kind {
        case .rowid: return equal.isEmpty ? 4 : 1
        case .index(let ix):
            if equal.isEmpty { return 5 }
            return ix.isUnique && equal.count == ix.columns.count ? 2 : 3
        }
    }

    /// EXPLAIN QUERY PLAN's words for the path, after the table's name, as SQLite gives them:
    /// `USING INTEGER PRIMARY KEY (rowid=?)`, `USING INDEX i (a=? AND b>? AND b<?)`.
    var explanation: String {
        var terms: [String] = []
        for k in equal.indices { terms.append("\(columnNames[k])=?") }
        let rangeName = columnNames.indices.contains(equal.count) ? columnNames[equal.count] : "?"
        if lower != nil { terms.append("\(rangeName)>?") }
        if upper != nil { terms.append("\(rangeName)<?") }
        let list = terms.joined(separator: " AND ")
        switch kind {
        case .rowid: return "USING INTEGER PRIMARY KEY (\(list))"
        case .index(let ix): return isPrimaryKey ? "USING PRIMARY KEY (\(list))" : "USING INDEX \(ix.name) (\(list))"
        }
    }

    /// Every expression the path evaluates.
    var expressions: [BoundExpr] {
        equal.flatMap { $0.map(\.expr) } + [lower, upper].compactMap { $0?.value.expr }
    }
}

extension Planner {
    /// Gives each table level of `plan` the best access path its terms allow (file comment).
    func chooseAccessPaths(_ plan: CorePlan) {
        func levelOf(_ slot: Int) -> Int? {
            plan.levels.firstIndex { slot >= $0.offset && slot < $0.offset + $0.width }
        }
        for i in plan.levels.indices {
            guard case .table(let table) = plan.levels[i].source else { continue }
            let level = plan.levels[i]
            let terms = level.isLeftJoin ? level.on : level.filters
            /// Whether `e` can be evaluated before level i runs; sets `dependsOnRow` if it reads
            /// an earlier level.
            func known(_ e: BoundExpr, _ dependsOnRow: inout Bool) -> Bool {
                var ok = true
                var readsRow = false
                var correlated = false
                Self.visitSlots(e, { s in
                    if let l = levelOf(s), l < i { readsRow = true } else { ok = false }
                }, &correlated)
                if readsRow { dependsOnRow = true }
                return ok && !correlated
            }
            // The cheapest of the paths, the hash table and the scan (CostModel.swift), for the
            // rows the join order expects before this level; the rank breaks ties. The join
            // order's search has already weighed them for a join's levels (`plannedAccess`).
            let candidates: [AccessPath]
            let costed: CostModel.LevelChoice?
            if i < plan.plannedAccess.count, let planned = plan.plannedAccess[i] {
                (candidates, costed) = planned
            } else {
                candidates = accessPaths(table, level, terms, known)
                costed = candidates.isEmpty ? nil : costedChoice(plan, i, candidates, terms)
            }
            if candidates.isEmpty { continue }
            if let choice = costed {
                switch choice.method {
                case .path(let k):
                    plan.levels[i].access = candidates[k]
                    if !candidates[k].dependsOnRow { plan.levels[i].hashProbe = nil }
                case .hashedPath(let k):
                    plan.levels[i].access = candidates[k]
                case .hash, .scan:
                    break
                }
                continue
            }
            // A path the model cannot estimate: best rank; then more equality columns; then a
            // range; then the first index made.
            guard let best = candidates.min(by: { a, b in
                if a.rank != b.rank { return a.rank < b.rank }
                if a.equal.count != b.equal.count { return a.equal.count > b.equal.count }
                return (a.lower != nil || a.upper != nil) && b.lower == nil && b.upper == nil
            }) else { continue }
            plan.levels[i].access = best
            // A join path keeps the level's hash probe: on a small table already decoded in
            // memory, the executor joins through the hash (one pass) rather than a lookup per
            // outer row (QueryExecutor.joinLevel).
            if !best.dependsOnRow { plan.levels[i].hashProbe = nil }
        }
    }

    /// A term `column op value` on level `level` in a usable form.
    private struct Term {
        enum Op { case equal, lower, upper }
        /// The column within the level (0 is the rowid).
        var column: Int
        var op: Op
        var values: [KeyValue]
        var isInclusive: Bool
        var collation: Collation
        var dependsOnRow: Bool
    }

    private func terms(_ level: JoinLevel, _ conditions: [BoundExpr],
                       _ known: (BoundExpr, inout Bool) -> Bool) -> [Term] {
        let range = level.offset..<(level.offset + level.width)
        func column(_ e: BoundExpr) -> Int? {
            if case .column(0, let s) = e, range.contains(s) { return s - level.offset }
            return nil
        }
        var out: [Term] = []
        for c in conditions {
            switch c {
            case .comparison(let op, let l, let r, let rule):
                // column op value, or value op column (then the operator turns around).
                var col: Int?
                var value: BoundExpr = l
                var columnAffinity = rule.left
                var valueAffinity = rule.right
                var flipped = false
                if let k = column(l) {
                    col = k
                    value = r
                } else if let k = column(r) {
                    col = k
                    value = l
                    columnAffinity = rule.right
                    valueAffinity = rule.left
                    flipped = true
                }
                guard let k = col, columnAffinity == nil else { continue }
                var depends = false
                guard known(value, &depends) else { continue }
                let kv = [KeyValue(expr: value, affinity: valueAffinity)]
                let t: Term
                switch (op, flipped) {
                case (.equal, _):
                    t = Term(column: k, op: .equal, values: kv, isInclusive: true, collation: rule.collation, dependsOnRow: depends)
                case (.greater, false), (.less, true):
                    t = Term(column: k, op: .lower, values: kv, isInclusive: false, collation: rule.collation, dependsOnRow: depends)
                case (.greaterEqual, false), (.lessEqual, true):
                    t = Term(column: k, op: .lower, values: kv, isInclusive: true, collation: rule.collation, dependsOnRow: depends)
                case (.less, false), (.greater, true):
                    t = Term(column: k, op: .upper, values: kv, isInclusive: false, collation: rule.collation, dependsOnRow: depends)
                case (.lessEqual, false), (.greaterEqual, true):
                    t = Term(column: k, op: .upper, values: kv, isInclusive: true, collation: rule.collation, dependsOnRow: depends)
                default:
                    continue
                }
                out.append(t)
            case .between(let x, let lo, let hi, false, let r1, let r2):
                guard let k = column(x) else { continue }
                if r1.left == nil {
                    var depends = false
                    if known(lo, &depends) {
                        out.append(Term(column: k, op: .lower, values: [KeyValue(expr: lo, affinity: r1.right)], isInclusive: true,
                                        collation: r1.collation, dependsOnRow: depends))
                    }
                }
                if r2.left == nil {
                    var depends = false
                    if known(hi, &depends) {
                        out.append(Term(column: k, op: .upper, values: [KeyValue(expr: hi, affinity: r2.right)], isInclusive: true,
                                        collation: r2.collation, dependsOnRow: depends))
                    }
                }
            case .inList(let x, let list, false, let rule):
                guard let k = column(x), rule.left == nil, !list.isEmpty, list.count <= 1000 else { continue }
                var depends = false
                guard list.allSatisfy({ known($0, &depends) }) else { continue }
                out.append(Term(column: k, op: .equal, values: list.map { KeyValue(expr: $0, affinity: rule.right) },
                                isInclusive: true, collation: rule.collation, dependsOnRow: depends))
            default:
                continue
            }
        }
        return out
    }

    /// The paths the terms allow on a table level: the rowid's and each usable index's (the
    /// join order's search asks too, for each set of levels before it: Planner+JoinOrder.swift).
    func accessPaths(_ table: TableInfo, _ level: JoinLevel, _ conditions: [BoundExpr],
                     _ known: (BoundExpr, inout Bool) -> Bool) -> [AccessPath] {
        let all = terms(level, conditions, known)
        if all.isEmpty { return [] }
        var paths: [AccessPath] = []

        // The rowid: slot 0, or the INTEGER PRIMARY KEY column (its value is the rowid).
        let rowidTerms = all.filter { $0.column == 0 || (table.rowidColumn.map { $0 + 1 } == $0.column) }
        if !rowidTerms.isEmpty {
            var p = AccessPath(kind: .rowid, columnNames: ["rowid"])
            if let eq = rowidTerms.first(where: { $0.op == .equal }) {
                p.equal = [eq.values]
                p.dependsOnRow = eq.dependsOnRow
            } else {
                range(rowidTerms, &p)
            }
            paths.append(p)
        }

        for ix in catalog.indexes(on: table.name) where ix.whereClause == nil {
            let collations = ix.columns.map { $0.collation.flatMap { Collation(name: $0) } ?? .binary }
            var p = AccessPath(kind: .index(ix), descending: ix.columns.map(\.descending), collations: collations,
                               columnNames: ix.columns.map { $0.column.map { table.columns[$0].name } ?? "<expr>" })
            p.isPrimaryKey = table.isWithoutRowid && ix.origin == .primaryKey
            var combinations = 1
            for (k, col) in ix.columns.enumerated() {
                guard let c = col.column else { break }
                let usable = all.filter { $0.column == c + 1 && $0.collation == collations[k] }
                if let eq = usable.first(where: { $0.op == .equal }), combinations * eq.values.count <= 1000 {
                    combinations *= eq.values.count
                    p.equal.append(eq.values)
                    p.dependsOnRow = p.dependsOnRow || eq.dependsOnRow
                    continue
                }
                range(usable, &p)
                break
            }
            if !p.equal.isEmpty || p.lower != nil || p.upper != nil { paths.append(p) }
        }
        return paths
    }

    /// Sets the path's range from the first lower and the first upper bound among `terms`.
    private func range(_ terms: [Term], _ p: inout AccessPath) {
        if let lo = terms.first(where: { $0.op == .lower }) {
            p.lower = RangeBound(value: lo.values[0], isInclusive: lo.isInclusive)
            p.dependsOnRow = p.dependsOnRow || lo.dependsOnRow
        }
        if let hi = terms.first(where: { $0.op == .upper }) {
            p.upper = RangeBound(value: hi.values[0], isInclusive: hi.isInclusive)
            p.dependsOnRow = p.dependsOnRow || hi.dependsOnRow
        }
    }
}
