// CostModel: how many rows a join level yields and what reading it costs, so that the planner
// can choose each table's access path (AccessPath.swift, `chooseAccessPaths`) and the join order
// (Planner+JoinOrder.swift). Docs/planner.md, "Statistics" and "How a plan is chosen".
//
// UNITS  One row decoded by a full scan costs 1. The rest were measured against it on 100,000-row
//   tables in the page cache (release build, this machine): a scan 0.68 µs a row; a rowid lookup
//   1.35 µs (2); an index lookup with one match 2.9 µs (4: the seek in the index, 2, and the
//   row's get, 2); a row of a rowid range about 1, of an index range 2; a hash join 1.1 µs per
//   inner row hashed plus outer row probed (1 to build, 0.5 to probe); a row tried by the join loop
//   0.2. A level's cost is `once` (paid once per run of the query: reading a source, building a
//   hash) plus `perOuterRow` times the rows of the levels before it.
// ESTIMATES  A table's rows: sqlite_stat1 (its idx-NULL row, else its largest full index's entry
//   count), else SQLite's default of 1,048,576. Rows per key of an index's first k columns: the
//   stat's k-th number, else SQLite's defaults 10, 9, 8, 7, 6, then 5 (sqlite3DefaultRowEst);
//   1 for the rowid and for a UNIQUE index with every column bound. A range keeps 1/4 of the rows
//   per bound and 1/64 with both (SQLite's whereRangeScanEst), but never fewer than an equality
//   on that column would. A condition on the level: an equality keeps rows-per-key/rows of its
//   column (an indexed column, or the rowid), else 1/4 against a value (SQLite's
//   whereLoopOutputAdjust) and 10 rows per key in a join; IN keeps that per value; a range 1/4;
//   BETWEEN 1/64; anything else 0.9.
// RISK  Without statistics the sizes are guesses, and a hash join reads the whole inner table
//   however few outer rows come; so the hash table on a table without statistics is costed as
//   SQLite costs the automatic index it would build there, 7·N·log2 N (where.c; log2 rounded down), which keeps
//   SQLite's nested loop over an index wherever one applies. With statistics it costs what it
//   takes here, one unit a row.

import StrataCatalog
import StrataCore

struct CostModel {
    // Estimates (see the file comment).
    static let defaultTableRows = 1_048_576.0
    static let defaultRowsPerKey: [Double] = [10, 9, 8, 7, 6]
    static let defaultRowsPerKeyBeyond = 5.0
    static let unindexedJoinRowsPerKey = 10.0
    static let unindexedValueSelectivity = 0.25
    static let rangeBoundSelectivity = 0.25
    static let otherSelectivity = 0.9
    /// The share of the table's rows a partial index is assumed to hold (its WHERE is not
    /// estimated): a partial index that serves a query is then cheaper than a full one on the
    /// same terms, as SQLite prefers it.
    static let partialIndexRows = 0.25
    /// Rows assumed for a source whose size is not known at all (sqlite_sequence).
    static let smallSourceRows = 10.0

    // Costs, in rows of a full scan (see the file comment).
    static let scanRow = 1.0
    static let rowidLookup = 2.0
    static let indexSeek = 2.0
    static let indexRow = 2.0
    static let rangeRow = 1.0
    static let hashBuildRow = 1.0
    static let hashProbe = 0.5
    static let joinRow = 0.2
    /// SQLite's automatic-index setup factor (`rSetup += 28`, LogEst of 7).
    static let unanalyzedHashFactor = 7.0

    let catalog: Catalog

    /// What the model knows about one join level's source.
    struct SourceStats {
        var rows: Double
        /// The rows come from sqlite_stat1 (or are otherwise known), not a default.
        var isKnown: Bool
        var table: TableInfo?
        /// The table's full (not partial) indexes.
        var indexes: [IndexInfo] = []
        var offset: Int
    }

    func stats(_ level: JoinLevel) -> SourceStats {
        switch level.source {
        case .table(let table):
            // In no particular order: only their numbers are read.
            let indexes = catalog.indexes.values.filter { $0.whereClause == nil && $0.table.caseInsensitiveEquals(table.name) }
            let (rows, known) = rows(of: table, indexes)
            return SourceStats(rows: rows, isKnown: known, table: table, indexes: indexes, offset: level.offset)
        case .query(let q):
            let (rows, known) = estimatedRows(q)
            return SourceStats(rows: rows, isKnown: known, offset: level.offset)
        case .rows(let rows):
            return SourceStats(rows: max(Double(rows.count), 1), isKnown: true, offset: level.offset)
        case .cteWorkingTable:
            return SourceStats(rows: Self.defaultTableRows, isKnown: false, offset: level.offset)
        case .sequenceTable:
            return SourceStats(rows: Self.smallSourceRows, isKnown: true, offset: level.offset)
        }
    }

    /// A table's estimated rows, and whether they come from statistics.
    func rows(of table: TableInfo, _ indexes: [IndexInfo]) -> (Double, Bool) {
        let statistics = catalog.statistics
        if let n = statistics.rows(ofTable: table.name) { return (max(n, 1), true) }
        var largest: Double?
        for ix in indexes { if let n = statistics.numbers(of: ix)?.first { largest = max(largest ?? 0, n) } }
        if let largest { return (max(largest, 1), true) }
        return (Self.defaultTableRows, false)
    }

    /// The rows a subquery, view or CTE yields, from the estimates of its own plan (a GROUP BY
    /// taken to keep a tenth).
    func estimatedRows(_ q: QueryPlan) -> (Double, Bool) {
        var (rows, known): (Double, Bool)
        switch q.body {
        case .core(let core):
            if let values = core.values {
                (rows, known) = (Double(values.count), true)
            } else if core.isAggregate && core.groupBy.isEmpty {
                (rows, known) = (1, true)
            } else {
                (rows, known) = (core.estimatedRows.last ?? oneLevelRows(core), false)
                if core.isAggregate { rows = max(rows / 10, 1) }
            }
        case .compound(let first, let rest):
            if q.recursive != nil { return (Self.defaultTableRows, false) }
            (rows, known) = estimatedRows(first)
            for (_, p) in rest {
                let (r, k) = estimatedRows(p)
                rows += r
                known = known && k
            }
        }
        if case .constant(.integer(let n))? = q.limit, n >= 0 { rows = min(rows, Double(n)) }
        return (max(rows, 1), known)
    }

    /// The rows a core of one level yields (a join's are estimated with its order); without
    /// levels, one.
    private func oneLevelRows(_ core: CorePlan) -> Double {
        guard core.levels.count == 1 else { return core.levels.isEmpty ? 1 : Self.defaultTableRows }
        let level = core.levels[0]
        let s = stats(level)
        let range = level.offset..<(level.offset + level.width)
        var rows = s.rows
        for f in level.isLeftJoin ? level.on : level.filters {
            var inside = true
            var sub = false
            Planner.visitSlots(f, { if !range.contains($0) { inside = false } }, &sub)
            if inside && !sub { rows *= selectivity(f, [s], levelOf: { range.contains($0) ? 0 : nil }) }
        }
        return rows
    }

    /// Rows per distinct key of an index's first `k` columns (k >= 1).
    func rowsPerKey(_ ix: IndexInfo, columns k: Int, tableRows: Double) -> Double {
        if ix.isUnique && k >= ix.columns.count { return 1 }
        if let numbers = catalog.statistics.numbers(of: ix), k < numbers.count { return min(max(numbers[k], 1), tableRows) }
        let d = k <= Self.defaultRowsPerKey.count ? Self.defaultRowsPerKey[k - 1] : Self.defaultRowsPerKeyBeyond
        return min(d, tableRows)
    }

    /// Rows per distinct value of one column of a source (0 is a table's rowid), and whether an
    /// index (or the rowid) leads with it.
    func rowsPerKey(_ s: SourceStats, column: Int) -> (Double, Bool) {
        guard let table = s.table else { return (min(Self.unindexedJoinRowsPerKey, s.rows), false) }
        if column == 0 || table.rowidColumn.map({ $0 + 1 }) == column { return (1, true) }
        var best: Double?
        for ix in s.indexes where ix.columns.first?.column == column - 1 {
            best = min(best ?? .infinity, rowsPerKey(ix, columns: 1, tableRows: s.rows))
        }
        if let best { return (best, true) }
        return (min(Self.unindexedJoinRowsPerKey, s.rows), false)
    }

    // MARK: access paths

    /// Rows an access path fetches per lookup, and what fetching them costs; nil for a kind of
    /// path the model does not know (the preference order then decides).
    func estimate(_ path: AccessPath, _ s: SourceStats) -> (rows: Double, cost: Double)? {
        let bounds = (path.lower == nil ? 0 : 1) + (path.upper == nil ? 0 : 1)
        let range = bounds == 2 ? Self.rangeBoundSelectivity * Self.rangeBoundSelectivity * Self.rangeBoundSelectivity
            : bounds == 1 ? Self.rangeBoundSelectivity : 1
        if case .rowid = path.kind {
            if let values = path.equal.first {
                let n = Double(values.count)
                return (min(n, s.rows), n * Self.rowidLookup)
            }
            let rows = s.rows * range
            return (rows, Self.rowidLookup + rows * Self.rangeRow)
        }
        if case .index(let ix) = path.kind {
            let k = path.equal.count
            // Rows under the equalities: no more than under any shorter prefix of them (IN
            // lists multiply the keys, the defaults shrink slowly per column).
            var keys = 1.0
            var rows = s.rows
            for j in 0..<k {
                keys *= Double(path.equal[j].count)
                rows = min(rows, keys * rowsPerKey(ix, columns: j + 1, tableRows: s.rows))
            }
            if bounds > 0 {
                // A range on the next column keeps no fewer rows than an equality on it would.
                let floor = k + 1 <= ix.columns.count ? keys * rowsPerKey(ix, columns: k + 1, tableRows: s.rows) : keys
                rows = max(rows * range, min(floor, rows))
            }
            if ix.whereClause != nil { rows *= Self.partialIndexRows }
            return (rows, keys * Self.indexSeek + rows * Self.indexRow)
        }
        return nil
    }

    /// One way to read a level: `once` plus `perOuterRow` for each row of the levels before it.
    /// (Small and without references: the planner weighs many of them.)
    struct LevelChoice {
        enum Method {
            /// The path at this index of the candidates; each outer row tries every row it read
            /// (`hashProbe` dropped, unless the path's keys read the outer row).
            case path(Int)
            /// The path at this index, read once, its rows hashed on the level's probe.
            case hashedPath(Int)
            /// The level's hash probe (JoinLevel.hashProbe), over its whole source.
            case hash
            case scan
        }

        var method: Method
        var once: Double
        var perOuterRow: Double
        /// The preference order (AccessPath.rank; the hash 6, a scan 7), which breaks ties;
        /// then, among paths, more equality columns and a range.
        var rank: Int
        var equalColumns = 0
        var hasRange = false

        func cost(outerRows: Double) -> Double { once + outerRows * perOuterRow }
    }

    /// The level's hash probe, as the model sees it.
    struct Probe {
        /// The column of the level it looks up.
        var column: Int
        /// Whether the value it looks up reads an earlier level (a join), not a constant.
        var isJoin: Bool
    }

    /// The ways to read a level: each access path (one read once, or once per outer row when
    /// its keys read them; one read once may also be hashed on the probe), and the hash table on
    /// the whole source when the level has an equality to probe, else a scan. `kept` is the
    /// fraction of the source's rows its conditions on itself alone keep. Nil when a path is of a
    /// kind the model cannot estimate.
    func choices(_ s: SourceStats, paths: [AccessPath], kept: Double, probe: Probe?) -> [LevelChoice]? {
        let local = max(s.rows * kept, 1)
        let matchFraction = probe.map { min(rowsPerKey(s, column: $0.column).0 / s.rows, 1) } ?? 1
        var out: [LevelChoice] = []
        out.reserveCapacity(2 * paths.count + 1)
        for (i, p) in paths.enumerated() {
            guard let (rows, cost) = estimate(p, s) else { return nil }
            let equal = p.equal.count
            let range = p.lower != nil || p.upper != nil
            if p.dependsOnRow {
                out.append(LevelChoice(method: .path(i), once: 0, perOuterRow: cost + rows * Self.joinRow, rank: p.rank,
                                       equalColumns: equal, hasRange: range))
                continue
            }
            // Read once; each outer row then tries the rows it kept, or probes a hash of them.
            let fetched = min(rows, local)
            out.append(LevelChoice(method: .path(i), once: cost, perOuterRow: fetched * Self.joinRow, rank: p.rank,
                                   equalColumns: equal, hasRange: range))
            if probe != nil {
                out.append(LevelChoice(method: .hashedPath(i), once: cost + fetched * Self.hashBuildRow,
                                       perOuterRow: Self.hashProbe + fetched * matchFraction * Self.joinRow, rank: p.rank,
                                       equalColumns: equal, hasRange: range))
            }
        }
        let read = s.rows * Self.scanRow
        if let probe {
            // (RISK in the file comment: a join's hash on a table whose size is a guess.)
            let build = probe.isJoin && s.table != nil && !s.isKnown
                ? Self.unanalyzedHashFactor * Double(max(s.rows, 2).exponent) : Self.hashBuildRow
            out.append(LevelChoice(method: .hash, once: read + local * build,
                                   perOuterRow: Self.hashProbe + local * matchFraction * Self.joinRow, rank: 6))
        } else {
            out.append(LevelChoice(method: .scan, once: read, perOuterRow: local * Self.joinRow, rank: 7))
        }
        return out
    }

    /// Costs closer than this factor are a tie: the estimates are not finer (SQLite's are rounded
    /// to a tenth of a power of two, 7%; the defaults are guesses).
    static let tieFactor = 1.25

    /// The preferred choice among those within `tieFactor` of the cheapest for `outerRows` rows
    /// before the level: the lower rank (file comment); then, among paths, more equality
    /// columns, then one with a range; then the cheaper; then the first.
    static func best(_ choices: [LevelChoice], outerRows: Double) -> LevelChoice? {
        var cheapest = Double.infinity
        for c in choices { cheapest = min(cheapest, c.cost(outerRows: outerRows)) }
        var pick: LevelChoice?
        for c in choices where c.cost(outerRows: outerRows) <= cheapest * tieFactor {
            if let p = pick, !isPreferred(c, to: p, outerRows) { continue }
            pick = c
        }
        return pick
    }

    private static func isPreferred(_ a: LevelChoice, to b: LevelChoice, _ outerRows: Double) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if a.equalColumns != b.equalColumns { return a.equalColumns > b.equalColumns }
        if a.hasRange != b.hasRange { return a.hasRange }
        let ca = a.cost(outerRows: outerRows)
        let cb = b.cost(outerRows: outerRows)
        return !nearlyEqual(ca, cb) && ca < cb
    }

    static func nearlyEqual(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }

    // MARK: conditions

    /// The fraction of rows a WHERE or ON condition keeps (file comment). `levelOf` gives the
    /// level (an index into `sources`) of a slot of the combined row.
    func selectivity(_ c: BoundExpr, _ sources: [SourceStats], levelOf: (Int) -> Int?) -> Double {
        func column(_ e: BoundExpr) -> (level: Int, column: Int)? {
            guard case .column(0, let slot) = e, let l = levelOf(slot) else { return nil }
            return (l, slot - sources[l].offset)
        }
        func equality(_ c: (level: Int, column: Int), join: Bool) -> Double {
            let s = sources[c.level]
            let (perKey, indexed) = rowsPerKey(s, column: c.column)
            if indexed || join { return min(perKey / s.rows, 1) }
            return Self.unindexedValueSelectivity
        }
        func readsSlots(_ e: BoundExpr) -> Bool {
            var any = false
            var sub = false
            Planner.visitSlots(e, { _ in any = true }, &sub)
            return any
        }
        switch c {
        case .comparison(.equal, let l, let r, _):
            let a = column(l)
            let b = column(r)
            if let a, let b {
                if a.level == b.level { return Self.otherSelectivity }
                return min(equality(a, join: true), equality(b, join: true))
            }
            if let a { return equality(a, join: readsSlots(r)) }
            if let b { return equality(b, join: readsSlots(l)) }
            return Self.otherSelectivity
        case .comparison(.less, let l, let r, _), .comparison(.lessEqual, let l, let r, _),
             .comparison(.greater, let l, let r, _), .comparison(.greaterEqual, let l, let r, _):
            return column(l) != nil || column(r) != nil ? Self.rangeBoundSelectivity : Self.otherSelectivity
        case .between(let x, _, _, false, _, _):
            return column(x) != nil ? Self.rangeBoundSelectivity * Self.rangeBoundSelectivity * Self.rangeBoundSelectivity : Self.otherSelectivity
        case .inList(let x, let list, false, _):
            guard let a = column(x) else { return Self.otherSelectivity }
            return min(Double(list.count) * equality(a, join: false), 1)
        default:
            return Self.otherSelectivity
        }
    }
}

extension Planner {
    /// The cost model's choice for level `i` of `plan` among its access paths, its hash table
    /// and a scan (`chooseAccessPaths`); nil when a path is of a kind the model cannot estimate.
    func costedChoice(_ plan: CorePlan, _ i: Int, _ paths: [AccessPath], _ terms: [BoundExpr]) -> CostModel.LevelChoice? {
        // The common case, decided without costing: one table, one path, SQLite's defaults. There
        // every path costs less than half a scan (a one-sided range on the whole table, the
        // worst, 0.55 N), and hashing its rows only adds to it.
        if plan.levels.count == 1, paths.count == 1, catalog.statistics.isEmpty, case .table = plan.levels[i].source {
            return CostModel.LevelChoice(method: .path(0), once: 0, perOuterRow: 0, rank: paths[0].rank)
        }
        let model = CostModel(catalog: catalog)
        let level = plan.levels[i]
        let source = model.stats(level)
        let range = level.offset..<(level.offset + level.width)
        // The fraction of rows kept by the terms on this level alone (so only its source is read).
        let sources = [source]
        var kept = 1.0
        for t in terms {
            var inside = true
            var any = false
            var sub = false
            Planner.visitSlots(t, { s in
                any = true
                if !range.contains(s) { inside = false }
            }, &sub)
            if inside && any && !sub { kept *= model.selectivity(t, sources, levelOf: { range.contains($0) ? 0 : nil }) }
        }
        let outerRows = i < plan.estimatedRows.count ? plan.estimatedRows[i] : 1
        let probe = level.hashProbe.map { p in
            var isJoin = false
            var sub = false
            Planner.visitSlots(p.probe, { _ in isJoin = true }, &sub)
            return CostModel.Probe(column: p.slot, isJoin: isJoin)
        }
        guard let choices = model.choices(source, paths: paths, kept: kept, probe: probe) else { return nil }
        return CostModel.best(choices, outerRows: outerRows)
    }
}
