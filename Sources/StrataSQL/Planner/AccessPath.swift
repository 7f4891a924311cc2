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
// An OR whose disjuncts all have paths is their union (AccessPath+Or.swift): after 3 when every
// disjunct's path is an equality, else after 5. Between equals, a partial index (fewer
// entries) wins, then a covering one (AccessPath+Covering.swift), then the first made.
//
// A path fetches a superset of the rows its terms accept, never fewer: the terms stay in the
// level's filters and are checked again on every fetched row (so an inclusive bound may stand
// in for an exclusive one). A term is used only when the lookup cannot miss a row the
// comparison accepts: the column side is a bare column (`+a` is not: Strata, like SQLite,
// treats unary plus as "do not index this"); the comparison applies no affinity to the column
// side (a TEXT column against an INTEGER column converts the column: not indexable); the probe
// value gets the affinity the comparison gives it, at run time, before it is encoded; and the
// index column's collation (as its keys are encoded, `StatementRunner.indexKeyPrefix`) is the
// comparison's. `IS`, `!=`, NOT IN and NOT BETWEEN are never used. A partial index serves only
// terms that imply its WHERE (AccessPath+Partial.swift); an index column that is an expression
// serves terms on the same expression (AccessPath+Expression.swift). Rows come back in rowid
// order, as a scan gives them, so a path changes how many rows are read, never the answer or
// its order.

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
        /// An OR whose every disjunct has a path of its own: the union of their rows, without
        /// repeats, in rowid order (AccessPath+Or.swift).
        case union([AccessPath])
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
    /// The index has a WHERE (a partial index): it holds only some of the rows.
    var isPartial: Bool {
        if case .index(let ix) = kind { return ix.whereClause != nil }
        return false
    }
    /// Whether a key expression reads a column of an earlier join level (the lookup is then
    /// made again for each row of those levels).
    var dependsOnRow = false
    /// The index holds every column the query reads from the table: its entries answer without
    /// the rows (set on a copy once the query is bound: AccessPath+Covering.swift).
    var isCovering = false
    /// Index paths as good as this one by the preference: one of them may serve instead when it
    /// is covering and this one is not (AccessPath+Covering.swift).
    var ties: [AccessPath] = []

    /// The preference rank (lower is better; see the file comment).
    var rank: Int {
        switch kind {
        case .rowid: return equal.isEmpty ? 4 : 1
        case .index(let ix):
            if equal.isEmpty { return 5 }
            return ix.isUnique && equal.count == ix.columns.count ? 2 : 3
        // After one index equality (on ties, the path with equality columns wins), before the
        // ranges, when every disjunct is an equality; else after the ranges.
        case .union(let branches): return branches.allSatisfy { $0.rank <= 3 } ? 3 : 6
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
        case .index(let ix):
            return isPrimaryKey ? "USING PRIMARY KEY (\(list))" : "USING \(isCovering ? "COVERING " : "")INDEX \(ix.name) (\(list))"
        case .union: return "MULTI-INDEX OR"
        }
    }

    /// An index read whole, in key order (`SCAN t USING INDEX i`): what `INDEXED BY i` gives a
    /// table when no term can search the index.
    var isIndexScan: Bool {
        guard case .index = kind else { return false }
        return equal.isEmpty && lower == nil && upper == nil
    }

    /// Every expression the path evaluates.
    var expressions: [BoundExpr] {
        if case .union(let branches) = kind { return branches.flatMap(\.expressions) }
        return equal.flatMap { $0.map(\.expr) } + [lower, upper].compactMap { $0?.value.expr }
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
            var candidates: [AccessPath]
            var costed: CostModel.LevelChoice?
            if i < plan.plannedAccess.count, let planned = plan.plannedAccess[i] {
                (candidates, costed) = planned
            } else {
                candidates = accessPaths(table, level, terms, known)
                costed = candidates.isEmpty ? nil : costedChoice(plan, i, candidates, terms)
            }
            if let hint = level.indexHint {
                // INDEXED BY i: index i, searched when a term allows, else read whole (if the
                // terms imply a partial index's WHERE; else `checkIndexedBy` fails the query).
                // NOT INDEXED: the rowid's paths or the scan. Neither builds a hash table, as
                // SQLite builds no automatic index there.
                plan.levels[i].hashProbe = nil
                if case .indexedBy(let name) = hint {
                    var scope: Scope?
                    if candidates.isEmpty, let ix = catalog.indexes(on: table.name).first(where: { $0.name.caseInsensitiveEquals(name) }),
                       usableKeys(ix, table, level, terms, &scope) != nil {
                        candidates = [Self.indexScan(ix, table)]
                    }
                    plan.levels[i].access = candidates.min(by: Self.isPreferred)
                    continue
                }
                if let choice = costed {
                    switch choice.method {
                    case .path(let k), .hashedPath(let k): plan.levels[i].access = candidates[k]
                    case .hash, .scan: break
                    }
                } else {
                    plan.levels[i].access = candidates.min(by: Self.isPreferred)
                }
                continue
            }
            // An OR whose every disjunct has a path may be read as the union of their rows
            // (AccessPath+Or.swift); the model has no cost for a union, so with one among the
            // candidates the preference order decides.
            let unions = unionPaths(table, level, terms, known)
            if !unions.isEmpty {
                candidates += unions
                costed = nil
            }
            if candidates.isEmpty { continue }
            if let choice = costed {
                switch choice.method {
                case .path(let k), .hashedPath(let k):
                    var best = candidates[k]
                    Self.keepTies(&best, candidates)
                    plan.levels[i].access = best
                    if case .path = choice.method, !best.dependsOnRow { plan.levels[i].hashProbe = nil }
                case .hash, .scan:
                    break
                }
                continue
            }
            // A path the model cannot estimate: the preferred one (`isPreferred`).
            guard var best = candidates.min(by: Self.isPreferred) else { continue }
            Self.keepTies(&best, candidates)
            plan.levels[i].access = best
            // A join path keeps the level's hash probe: on a small table already decoded in
            // memory, the executor joins through the hash (one pass) rather than a lookup per
            // outer row (QueryExecutor.joinLevel).
            if !best.dependsOnRow { plan.levels[i].hashProbe = nil }
        }
    }

    /// The whole of index `ix`, read in key order.
    static func indexScan(_ ix: IndexInfo, _ table: TableInfo) -> AccessPath {
        var p = AccessPath(kind: .index(ix), descending: ix.columns.map(\.descending),
                           collations: ix.columns.map { $0.collation.flatMap { Collation(name: $0) } ?? .binary },
                           columnNames: ix.columns.map { $0.column.map { table.columns[$0].name } ?? "<expr>" })
        p.isPrimaryKey = table.isWithoutRowid && ix.origin == .primaryKey
        return p
    }

    /// `INDEXED BY i` on a table whose level found no way to read through i (a partial index
    /// whose WHERE the terms do not imply) fails, with SQLite's words.
    static func checkIndexedBy(_ plan: CorePlan) throws(StrataError) {
        for level in plan.levels {
            guard case .indexedBy(let name)? = level.indexHint else { continue }
            guard case .index(let ix)? = level.access?.kind, ix.name.caseInsensitiveEquals(name) else {
                throw StrataError(.syntaxError, "no query solution")
            }
        }
    }

    /// `INDEXED BY i` must name an index of the table: "no such index: i", as in SQLite.
    func checkIndexHint(_ hint: IndexHint?, _ table: TableInfo) throws(StrataError) {
        guard case .indexedBy(let name)? = hint else { return }
        guard catalog.indexes(on: table.name).contains(where: { $0.name.caseInsensitiveEquals(name) }) else {
            throw StrataError(.syntaxError, "no such index: \(name)")
        }
    }

    /// Whether `a` is a better path than `b`: the better rank; then more equality columns; then
    /// a range; then a partial index; else the first (the first index made).
    static func isPreferred(_ a: AccessPath, over b: AccessPath) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if a.equal.count != b.equal.count { return a.equal.count > b.equal.count }
        if (a.lower != nil || a.upper != nil) != (b.lower != nil || b.upper != nil) { return a.lower != nil || a.upper != nil }
        return a.isPartial && !b.isPartial
    }

    /// A term `column op value` on level `level` in a usable form.
    struct Term {
        enum Op { case equal, lower, upper }
        /// The column within the level (0 is the rowid); -1 when the key side is `expression`.
        var column: Int
        var op: Op
        var values: [KeyValue]
        var isInclusive: Bool
        var collation: Collation
        var dependsOnRow: Bool
        /// The key side when it is an expression of the level's columns, for an index on the
        /// same expression (AccessPath+Expression.swift).
        var expression: BoundExpr? = nil
    }

    /// The level's terms; with `expressions`, also those whose key side is an expression of the
    /// level's columns (only worth finding when the table has an index on an expression).
    func terms(_ level: JoinLevel, _ conditions: [BoundExpr],
               _ known: (BoundExpr, inout Bool) -> Bool, expressions: Bool = false) -> [Term] {
        let range = level.offset..<(level.offset + level.width)
        func column(_ e: BoundExpr) -> (column: Int, expression: BoundExpr?)? {
            if case .column(0, let s) = e, range.contains(s) { return (s - level.offset, nil) }
            if expressions, let x = Self.levelExpression(e, level) { return (-1, x) }
            return nil
        }
        var out: [Term] = []
        for c in conditions {
            switch c {
            case .comparison(let op, let l, let r, let rule):
                // column op value, or value op column (then the operator turns around).
                var col: (column: Int, expression: BoundExpr?)?
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
                guard let (k, expression) = col, columnAffinity == nil else { continue }
                var depends = false
                guard known(value, &depends) else { continue }
                let kv = [KeyValue(expr: value, affinity: valueAffinity)]
                var t: Term
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
                t.expression = expression
                out.append(t)
            case .between(let x, let lo, let hi, false, let r1, let r2):
                guard let (k, expression) = column(x) else { continue }
                if r1.left == nil {
                    var depends = false
                    if known(lo, &depends) {
                        out.append(Term(column: k, op: .lower, values: [KeyValue(expr: lo, affinity: r1.right)], isInclusive: true,
                                        collation: r1.collation, dependsOnRow: depends, expression: expression))
                    }
                }
                if r2.left == nil {
                    var depends = false
                    if known(hi, &depends) {
                        out.append(Term(column: k, op: .upper, values: [KeyValue(expr: hi, affinity: r2.right)], isInclusive: true,
                                        collation: r2.collation, dependsOnRow: depends, expression: expression))
                    }
                }
            case .inList(let x, let list, false, let rule):
                guard let (k, expression) = column(x), rule.left == nil, !list.isEmpty, list.count <= 1000 else { continue }
                var depends = false
                guard list.allSatisfy({ known($0, &depends) }) else { continue }
                out.append(Term(column: k, op: .equal, values: list.map { KeyValue(expr: $0, affinity: rule.right) },
                                isInclusive: true, collation: rule.collation, dependsOnRow: depends, expression: expression))
            case .or:
                // `a = 1 OR a = 2` is `a IN (1, 2)`, `a = 1 OR a > 1` is `a >= 1`, as in SQLite
                // (AccessPath+Or.swift).
                if let t = orAsIn(c, level, known, expressions: expressions) ?? orAsRange(c, level, known, expressions: expressions) {
                    out.append(t)
                }
            default:
                continue
            }
        }
        return out
    }

    /// The paths the terms allow on a table level: the rowid's and each usable index's (a
    /// partial index only when the terms imply its WHERE: AccessPath+Partial.swift). The join
    /// order's search asks too, for each set of levels before it (Planner+JoinOrder.swift).
    func accessPaths(_ table: TableInfo, _ level: JoinLevel, _ conditions: [BoundExpr],
                     _ known: (BoundExpr, inout Bool) -> Bool) -> [AccessPath] {
        let indexes = catalog.indexes(on: table.name)
        let all = terms(level, conditions, known, expressions: indexes.contains { $0.columns.contains { $0.column == nil } })
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

        var scope: Scope?
        for ix in indexes {
            guard let keys = usableKeys(ix, table, level, conditions, &scope) else { continue }
            let collations = ix.columns.map { $0.collation.flatMap { Collation(name: $0) } ?? .binary }
            var p = AccessPath(kind: .index(ix), descending: ix.columns.map(\.descending), collations: collations,
                               columnNames: ix.columns.map { $0.column.map { table.columns[$0].name } ?? "<expr>" })
            p.isPrimaryKey = table.isWithoutRowid && ix.origin == .primaryKey
            var combinations = 1
            for (k, col) in ix.columns.enumerated() {
                // A column's terms, or those whose key side is the index's expression.
                let usable: [Term]
                if let c = col.column {
                    usable = all.filter { $0.column == c + 1 && $0.collation == collations[k] }
                } else if let key = keys.isEmpty ? nil : keys[k] {
                    usable = all.filter { t in
                        t.collation == collations[k] && t.expression.map { Self.sameExpression($0, key, offset: level.offset) } == true
                    }
                } else {
                    break
                }
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
        switch level.indexHint {
        case .notIndexed?:
            return paths.filter { if case .rowid = $0.kind { true } else { false } }
        case .indexedBy(let name)?:
            return paths.filter { if case .index(let ix) = $0.kind { ix.name.caseInsensitiveEquals(name) } else { false } }
        case nil:
            return paths
        }
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
