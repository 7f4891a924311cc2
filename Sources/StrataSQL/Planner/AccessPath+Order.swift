// Ordered access (issue 5): the first join level read in an index's (or the rowid's) key order,
// so that ORDER BY needs no sort and a lone min()/max() needs one probe.
//
// `planOrder` runs once a query's ORDER BY and LIMIT are bound. It looks at the first join
// level only: a nested loop emits each of its rows' matches before the next row's, so the
// order of that level's rows is the order of the join's output, whatever the later levels are.
// A path delivers the ORDER BY terms it matches in key order, after skipping the key columns
// fixed by an equality (`a = ?`: the path's single-value equalities, or a WHERE equality on the
// level with the same collation); a term whose column is so fixed is met by any order. Every
// matched term must be in the key's direction, or every one against it (the path is then read
// backwards); its collation must be the index column's as the index encodes its keys (an index
// column on a column with a collation of its own and no COLLATE of its own is not used: how its
// keys are encoded is the index's business); and its NULLs must come where the scan puts them
// (keys put NULL lowest, as compareValues does: first when reading upwards, last downwards),
// except on the first column after the equalities, where the scan can read the NULL entries at
// the other end (`ScanOrder.movesNulls`; SQLite's WHERE_BIGNULL_SORT). A key
// column bound by IN (several values) is read in order, each value's entries in turn. Once the
// matched columns make a UNIQUE key (no NULL among them: NOT NULL or fixed), or reach the rowid
// after an index's columns, every later term is met.
//
// A level with a WHERE path keeps it and gets whatever order it gives. A level without one (a
// scan) takes the rowid or the index that gives the most leading terms, as SQLite does when it
// has no statistics. When only some leading terms are given, the sort still orders the rest
// (`USE TEMP B-TREE FOR RIGHT PART OF ORDER BY`): a stable sort of rows already in order by those
// terms. A lone min(x)/max(x) (no GROUP BY, one table) is ORDER BY x NULLS LAST (ASC for min,
// DESC for max) and stops at the first row that passes the filters, which is SQLite's answer
// too: when no row has a non-NULL x, that first row still gives the other columns.
//
// Rows with equal ORDER BY values come in key order (then rowid order; reading backwards, the
// reverse), as SQLite gives them; a sort keeps them in the order the scan read them.

import StrataCatalog
import StrataCore

/// How the first join level is read when its order is the query's.
struct ScanOrder {
    /// The path's keys are read from the last to the first.
    var isReversed = false
    /// The first key column after the equalities reads its NULL entries at the other end from
    /// where the scan meets them (after the others reading upwards on an ASC column, before them
    /// reading downwards).
    var movesNulls = false
    /// A lone min()/max(): EXPLAIN says SEARCH.
    var isMinMax = false
    /// Every column the query reads of this table is in the index (EXPLAIN says COVERING INDEX).
    var isCovering = false
}

extension Planner {
    /// One ORDER BY term as the first level sees it.
    fileprivate struct OrderTerm {
        /// The level's column (0 for the rowid, or its INTEGER PRIMARY KEY alias); nil when the
        /// term is anything else.
        var column: Int?
        var descending: Bool
        var nullsFirst: Bool
        var collation: Collation
    }

    /// One key column of a path, in key order.
    fileprivate struct KeyColumn {
        /// The level's column (0: the rowid); nil for an expression.
        var column: Int?
        var descending: Bool
        /// How the index encodes it; nil when unknown (then no term matches it).
        var collation: Collation?
        /// Fixed to one value (a single-value equality).
        var isConstant: Bool
        var notNull: Bool
    }

    /// Decides whether the first join level of a one-core query is read in an order that gives
    /// ORDER BY (or min/max), and sets `plan.orderedPrefix`, the level's `order` and, for a scan,
    /// its path (file comment).
    func planOrder(_ plan: QueryPlan, _ core: CorePlan) {
        guard core.values == nil, let level = core.levels.first, case .table(let table) = level.source, !level.isLeftJoin
        else { return }
        let constants = constantColumns(level)
        if core.isAggregate {
            guard let term = minMaxTerm(core, level, table) else { return }
            guard let (path, order) = bestPath(level, table, [term], constants, minMax: true) else { return }
            var o = order
            o.isMinMax = true
            o.isCovering = isCovering(path, core, level, table)
            core.levels[0].access = path
            core.levels[0].order = o
            core.levels[0].hashProbe = nil
            core.isMinMaxProbe = true
            return
        }
        guard !plan.orderBy.isEmpty else { return }
        var terms: [OrderTerm] = []
        for key in plan.orderBy {
            let e = key.slot < plan.width ? core.results[key.slot] : core.hiddenKeys[key.slot - plan.width]
            // DISTINCT keeps the first of equal rows: that is the first in order only when equal
            // rows (by DISTINCT's collations) have equal sort keys.
            if core.isDistinct && (key.slot >= plan.width || (core.distinctCollations[key.slot] ?? .binary) != key.collation) { return }
            terms.append(OrderTerm(column: levelColumn(e, level, table), descending: key.descending, nullsFirst: key.nullsFirst,
                                   collation: key.collation))
        }
        if level.access != nil {
            guard let (n, order, _) = delivered(level.access!, table, terms, constants), n > 0 else { return }
            plan.orderedPrefix = n
            var o = order
            o.isCovering = isCovering(level.access!, core, level, table)
            core.levels[0].order = o
            return
        }
        guard let (path, order) = bestPath(level, table, terms, constants, minMax: false) else {
            // No key column helps, but a scan meets the terms fixed by an equality.
            let fixed = terms.prefix { t in t.column.map { c in constants[c]?.contains { c == 0 || $0 == t.collation } == true } ?? false }
            plan.orderedPrefix = fixed.count
            return
        }
        plan.orderedPrefix = delivered(path, table, terms, constants)!.count
        var o = order
        o.isCovering = isCovering(path, core, level, table)
        core.levels[0].access = path
        core.levels[0].order = o
        core.levels[0].hashProbe = nil
    }

    /// The path that gives the most leading terms (at least one through a key column): the
    /// level's own, or for a scan the rowid's or an index's full scan (the first made wins ties).
    private func bestPath(_ level: JoinLevel, _ table: TableInfo, _ terms: [OrderTerm], _ constants: [Int: [Collation]],
                          minMax: Bool) -> (AccessPath, ScanOrder)? {
        var candidates: [AccessPath] = []
        if let path = level.access {
            candidates = [path]
        } else {
            if !table.isWithoutRowid { candidates.append(AccessPath(kind: .rowid, columnNames: ["rowid"])) }
            // NOT INDEXED: no index gives the order (INDEXED BY has its path already).
            for ix in catalog.indexes(on: table.name) where ix.whereClause == nil && level.indexHint == nil {
                candidates.append(Self.indexScan(ix, table))
            }
        }
        var best: (AccessPath, ScanOrder, Int)?
        for p in candidates {
            guard let (n, order, matched) = delivered(p, table, terms, constants), matched > 0 else { continue }
            if minMax && n < terms.count { continue }
            if best == nil || n > best!.2 { best = (p, order, n) }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// What reading `path` in order gives of `terms`: how many leading terms, the direction and
    /// NULL placement that gives them, and how many of them a key column (not an equality) gave.
    /// nil for a path this file does not read in order.
    private func delivered(_ path: AccessPath, _ table: TableInfo, _ terms: [OrderTerm],
                           _ constants: [Int: [Collation]]) -> (count: Int, order: ScanOrder, matched: Int)? {
        var keys: [KeyColumn] = []
        /// The number of leading key columns that are a unique key, when none is NULL.
        var uniqueWidth: Int?
        func rowidColumn(_ c: Int) -> Int { table.rowidColumn.map { $0 + 1 } == c ? 0 : c }
        // (if-case rather than a switch: a kind of path added later is not read in order.)
        if case .rowid = path.kind {
            keys = [KeyColumn(column: 0, descending: false, collation: .binary,
                              isConstant: path.equal.first?.count == 1, notNull: true)]
            uniqueWidth = 1
        } else if case .index(let ix) = path.kind {
            guard ix.whereClause == nil else { return nil }
            for (j, col) in ix.columns.enumerated() {
                var key = KeyColumn(column: nil, descending: col.descending, collation: nil, isConstant: false, notNull: false)
                if let c = col.column {
                    key.column = rowidColumn(c + 1)
                    let own = table.columns[c].collation.flatMap { Collation(name: $0) } ?? .binary
                    if let name = col.collation { key.collation = Collation(name: name) } else if own == .binary { key.collation = .binary }
                    key.notNull = key.column == 0 || table.columns[c].notNull || (table.isWithoutRowid && ix.origin == .primaryKey)
                    if let coll = key.collation, constants[key.column!]?.contains(where: { key.column == 0 || $0 == coll }) == true {
                        key.isConstant = true
                    }
                }
                if j < path.equal.count { key.isConstant = path.equal[j].count == 1 }
                keys.append(key)
            }
            if ix.isUnique { uniqueWidth = ix.columns.count }
            // Entries end with the rowid (a WITHOUT ROWID table's is hidden: no term names it).
            if !table.isWithoutRowid {
                keys.append(KeyColumn(column: 0, descending: false, collation: .binary, isConstant: false, notNull: true))
                uniqueWidth = uniqueWidth ?? keys.count
            }
        } else {
            return nil
        }
        // The path's single-value equalities fix their columns too (`a IN (5)` is no WHERE equality).
        var constants = constants
        for key in keys.prefix(path.equal.count) where key.isConstant {
            if let c = key.column, let coll = key.collation { constants[c, default: []].append(coll) }
        }
        // A multi-value equality is read value by value in order: it is a key column like any.
        var j = 0
        var n = 0
        var matched = 0
        var reversed: Bool?
        var movesNulls = false
        for t in terms {
            while j < keys.count && keys[j].isConstant { j += 1 }
            if let w = uniqueWidth, j >= w, keys[0..<w].allSatisfy({ $0.isConstant || $0.notNull }) {
                n = terms.count
                break
            }
            guard let c = t.column else { break }
            if constants[c]?.contains(where: { c == 0 || $0 == t.collation }) == true {
                n += 1
                continue
            }
            guard j < keys.count, keys[j].column == c, let coll = keys[j].collation, c == 0 || coll == t.collation else { break }
            let rev = t.descending != keys[j].descending
            if let r = reversed, r != rev { break }
            // NULLs come first reading upwards; elsewhere only the first column after the
            // equalities can put them last (an IN column has no NULLs).
            if !keys[j].notNull && j >= path.equal.count && t.nullsFirst == t.descending {
                guard j == path.equal.count else { break }
                movesNulls = true
            }
            reversed = rev
            n += 1
            matched += 1
            j += 1
        }
        return (n, ScanOrder(isReversed: reversed ?? false, movesNulls: movesNulls), matched)
    }

    /// The level's column an ORDER BY expression is, if it is one (the INTEGER PRIMARY KEY is the rowid, 0).
    private func levelColumn(_ e: BoundExpr, _ level: JoinLevel, _ table: TableInfo) -> Int? {
        guard case .column(0, let s) = e, s >= level.offset, s < level.offset + level.width else { return nil }
        let c = s - level.offset
        return table.rowidColumn.map { $0 + 1 } == c ? 0 : c
    }

    /// The level's columns that a WHERE equality with a value known before the level runs fixes,
    /// each with the collation it compares by (the column side converted by no affinity, as an
    /// index lookup requires: AccessPath.swift).
    private func constantColumns(_ level: JoinLevel) -> [Int: [Collation]] {
        guard case .table(let table) = level.source else { return [:] }
        var out: [Int: [Collation]] = [:]
        func known(_ e: BoundExpr) -> Bool {
            var readsRow = false
            var correlated = false
            Self.visitSlots(e, { _ in readsRow = true }, &correlated)
            return !readsRow && !correlated
        }
        for case .comparison(.equal, let l, let r, let rule) in level.filters {
            if let c = levelColumn(l, level, table), rule.left == nil, known(r) { out[c, default: []].append(rule.collation) }
            if let c = levelColumn(r, level, table), rule.right == nil, known(l) { out[c, default: []].append(rule.collation) }
        }
        return out
    }

    /// A lone min(x) or max(x) of a column of the only level, with no GROUP BY, as the ORDER BY
    /// term it is answered by (x NULLS LAST, ASC for min, DESC for max).
    private func minMaxTerm(_ core: CorePlan, _ level: JoinLevel, _ table: TableInfo) -> OrderTerm? {
        guard core.levels.count == 1, core.groupBy.isEmpty, core.aggregates.count == 1 else { return nil }
        let a = core.aggregates[0]
        guard a.name == "min" || a.name == "max", a.arguments.count == 1, !a.isStar, a.filter == nil, a.orderBy.isEmpty,
              let c = levelColumn(a.arguments[0], level, table)
        else { return nil }
        return OrderTerm(column: c, descending: a.name == "max", nullsFirst: false, collation: a.collation)
    }

    /// Whether every column of the level that the query reads is in the path's index (or the rowid).
    private func isCovering(_ path: AccessPath, _ core: CorePlan, _ level: JoinLevel, _ table: TableInfo) -> Bool {
        guard case .index(let ix) = path.kind, !path.isPrimaryKey, let used = CompiledCore.usedSlots(core) else { return false }
        var covered = Set(ix.columns.compactMap { $0.column.map { $0 + 1 } })
        if !table.isWithoutRowid { covered.insert(0) }
        if let r = table.rowidColumn { covered.insert(r + 1) }
        if table.isWithoutRowid { for c in table.primaryKey { covered.insert(c + 1) } }
        let range = level.offset..<(level.offset + level.width)
        return used.allSatisfy { !range.contains($0) || covered.contains($0 - level.offset) }
    }
}

extension ScanOrder {
    /// EXPLAIN QUERY PLAN's row for a level read in order, as SQLite words it: a full read is
    /// `SCAN t` (the rowid, a WITHOUT ROWID table's key) or `SCAN t USING [COVERING] INDEX i`; a
    /// min/max probe or a read with terms is SEARCH, with the terms as AccessPath words them.
    func explanation(_ name: String, _ path: AccessPath) -> String {
        var terms: [String] = []
        for k in path.equal.indices { terms.append("\(path.columnNames[k])=?") }
        let rangeName = path.columnNames.indices.contains(path.equal.count) ? path.columnNames[path.equal.count] : "?"
        if path.lower != nil { terms.append("\(rangeName)>?") }
        if path.upper != nil { terms.append("\(rangeName)<?") }
        let list = terms.isEmpty ? "" : " (" + terms.joined(separator: " AND ") + ")"
        let verb = terms.isEmpty && !isMinMax ? "SCAN" : "SEARCH"
        guard case .index(let ix) = path.kind else {
            return terms.isEmpty ? "\(verb) \(name)" : "\(verb) \(name) USING INTEGER PRIMARY KEY\(list)"
        }
        if path.isPrimaryKey { return terms.isEmpty && !isMinMax ? "SCAN \(name)" : "SEARCH \(name) USING PRIMARY KEY\(list)" }
        return "\(verb) \(name) USING \(isCovering ? "COVERING " : "")INDEX \(ix.name)\(list)"
    }
}

extension QueryPlan {
    /// EXPLAIN QUERY PLAN's row for the ORDER BY sort, if one is left.
    var orderByExplanation: String? {
        if orderBy.isEmpty || orderedPrefix >= orderBy.count { return nil }
        return orderedPrefix > 0 ? "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY" : "USE TEMP B-TREE FOR ORDER BY"
    }
}
