// TableAccess: runs a table level's AccessPath (Planner/AccessPath.swift): evaluates the key
// values, finds the rowids (from the values themselves, a bounded cursor over the table, or the
// entries of an index under a key prefix), and reads those rows with point gets, or makes them
// from the index keys when the index covers the query (TableAccess+Covering.swift); a union
// merges its disjuncts' rows (TableAccess+Union.swift). Rows come back in rowid order, as a
// full scan gives them; the level's filters still check every row.

import StrataCatalog
import StrataCore

final class CompiledAccess {
    let path: AccessPath
    let table: TableInfo
    private let equal: [[(CompiledExpr, Affinity?)]]
    private let lower: (CompiledExpr, Affinity?)?
    private let upper: (CompiledExpr, Affinity?)?
    /// For an index equality on a decoded (shared) table probed many times in one statement:
    /// the rows' positions under each key of the equality columns, built once and reused by the
    /// later probes (an index nested-loop join probes once per outer row, and a tree seek each
    /// time costs more). Valid for the decoded array it was built from.
    private var memo: (rows: UnsafeRawPointer?, count: Int, positions: [[UInt8]: [Int]])?
    /// Lookups made so far; the map is built only once they are many (one probe of a big table
    /// is a tree seek, far cheaper than building the map).
    private var probes = 0
    /// The execution (`ExecutionSession.generation`) `memo` and `probes` belong to: a plan reused
    /// by a later statement starts afresh.
    private var generation: UInt64 = 0
    /// How rows are made from the index's entries when it holds every column read (TableAccess+Covering.swift).
    let covering: CoveringLayout?
    /// A union's disjuncts (TableAccess+Union.swift).
    let branches: [CompiledAccess]

    /// `readColumns`: the table's columns the query reads, when known; a covering index then
    /// answers from its entries alone, and the rows hold only those columns (nil: whole rows,
    /// as UPDATE and DELETE need).
    init(_ path: AccessPath, _ table: TableInfo, readColumns: ReadColumns? = nil) {
        var path = path
        covering = readColumns != nil && path.mayCover ? path.markCovering(table, used: readColumns) : nil
        self.path = path
        self.table = table
        equal = path.equal.map { $0.map { (ExprCompiler.compile($0.expr), $0.affinity) } }
        lower = path.lower.map { (ExprCompiler.compile($0.value.expr), $0.value.affinity) }
        upper = path.upper.map { (ExprCompiler.compile($0.value.expr), $0.value.affinity) }
        if case .union(let list) = path.kind {
            branches = list.map { CompiledAccess($0, table, readColumns: readColumns) }
        } else {
            branches = []
        }
    }

    /// The rows the path selects for the current combined row (which holds the earlier levels'
    /// values a key may read): a superset of the rows its terms accept, in rowid order.
    func rows(_ row: [Value], _ ctx: EvalContext) throws(StrataError) -> [[Value]] {
        // The values of each equality column, with the comparison's affinity; NULL matches nothing.
        var values: [[Value]] = []
        for column in equal {
            var vs: [Value] = []
            for (e, affinity) in column {
                let v = Evaluator.applyAffinity(try e(row, ctx), affinity)
                if !v.isNull { vs.append(v) }
            }
            if vs.isEmpty { return [] }
            values.append(vs)
        }
        var lo: Value?
        var hi: Value?
        if let (e, affinity) = lower {
            lo = Evaluator.applyAffinity(try e(row, ctx), affinity)
            if lo!.isNull { return [] }
        }
        if let (e, affinity) = upper {
            hi = Evaluator.applyAffinity(try e(row, ctx), affinity)
            if hi!.isNull { return [] }
        }
        let session = ctx.session
        // A table already decoded (small tables are shared between statements) is searched in
        // memory: its rows are in rowid order.
        let decoded = session.decodedRows(of: table)
        switch path.kind {
        case .rowid:
            if let keys = values.first {
                return try fetch(Set(keys.compactMap(Self.exactRowid)).sorted(), decoded, session)
            }
            var from = Int64.min
            var through = Int64.max
            if let lo {
                guard let b = Self.lowerRowid(lo) else { return [] }
                from = b
            }
            if let hi {
                guard let b = Self.upperRowid(hi) else { return [] }
                through = b
            }
            if from > through { return [] }
            if let decoded {
                return Array(decoded[Self.firstIndex(decoded, atLeast: from)..<Self.firstIndex(decoded, above: through)])
            }
            return try session.rows(of: table, from: from, through: through)
        case .union:
            return try unionRows(row, ctx)
        case .index(let ix):
            if generation != session.generation {
                generation = session.generation
                memo = nil
                probes = 0
            }
            probes += 1
            if let decoded, probes > 16, lo == nil, hi == nil, values.allSatisfy({ $0.count == 1 }),
               let positions = memoPositions(ix, decoded, keyColumns: values.count) {
                var key: [UInt8] = []
                for (k, vs) in values.enumerated() {
                    encodeKey([vs[0]], descending: [path.descending[k]], collations: [path.collations[k]], into: &key)
                }
                return (positions[key] ?? []).map { decoded[$0] }
            }
            if let covering, decoded == nil { return try coveringRows(ix, values, lo, hi, covering, session) }
            return try fetch(try indexRowids(ix, values, lo, hi, session), decoded, session)
        }
    }

    /// The decoded rows' positions (ascending, so rowid order) under each encoded key of the
    /// index's first `keyColumns` columns, as the index itself encodes them; nil when one of
    /// those columns is an expression.
    private func memoPositions(_ ix: IndexInfo, _ decoded: [[Value]], keyColumns: Int) -> [[UInt8]: [Int]]? {
        let identity = decoded.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        if let memo, memo.rows == identity, memo.count == decoded.count { return memo.positions }
        var columns: [Int] = []
        for c in ix.columns.prefix(keyColumns) {
            guard let column = c.column else { return nil }
            columns.append(column + 1)
        }
        var positions: [[UInt8]: [Int]] = [:]
        var key: [UInt8] = []
        for (i, row) in decoded.enumerated() {
            key.removeAll(keepingCapacity: true)
            for (k, slot) in columns.enumerated() {
                encodeKey([row[slot]], descending: [path.descending[k]], collations: [path.collations[k]], into: &key)
            }
            positions[key, default: []].append(i)
        }
        memo = (identity, decoded.count, positions)
        return positions
    }

    /// The keys from `prefix` (under which key column `column` holds the range) that bound the
    /// range `lo`...`hi` on that column: from the smaller bound's field to past the larger one's
    /// (a DESC column's fields are inverted, so its upper value gives the start); `prefix` and
    /// `prefixEnd` where the path has no range.
    static func rangeKeys(_ path: AccessPath, _ prefix: [UInt8], _ prefixEnd: [UInt8], column k: Int, _ lo: Value?,
                          _ hi: Value?) -> ([UInt8], [UInt8]) {
        var start = prefix
        var end = prefixEnd
        guard k < path.descending.count, lo != nil || hi != nil else { return (start, end) }
        let desc = path.descending[k]
        func field(_ v: Value) -> [UInt8] {
            var key = prefix
            encodeKey([v], descending: [desc], collations: [path.collations[k]], into: &key)
            return key
        }
        if let first = desc ? hi : lo { start = field(first) }
        if let last = desc ? lo : hi, let e = keyPrefixSuccessor(field(last)) { end = e }
        return (start, end)
    }

    /// The rows with these rowids (sorted), from the decoded table or by point gets.
    private func fetch(_ rowids: [Int64], _ decoded: [[Value]]?, _ session: ExecutionSession) throws(StrataError) -> [[Value]] {
        var out: [[Value]] = []
        out.reserveCapacity(rowids.count)
        if let decoded {
            for r in rowids {
                let i = Self.firstIndex(decoded, atLeast: r)
                if i < decoded.count, decoded[i][0] == .integer(r) { out.append(decoded[i]) }
            }
            return out
        }
        var padding = RowPadding(table)
        for r in rowids {
            try session.checkInterrupt()
            if let found = try session.row(of: table, rowid: r, &padding) { out.append(found) }
        }
        return out
    }

    /// The index of the first row of `rows` (in rowid order) whose rowid is >= `rowid`.
    private static func firstIndex(_ rows: [[Value]], atLeast rowid: Int64) -> Int {
        var lo = 0
        var hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid][0].integerValue < rowid { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The index of the first row whose rowid is > `rowid`.
    private static func firstIndex(_ rows: [[Value]], above rowid: Int64) -> Int {
        rowid == Int64.max ? rows.count : firstIndex(rows, atLeast: rowid + 1)
    }

    /// The rowids under each combination of the equality values, within the range on the next
    /// column, sorted and without repeats.
    private func indexRowids(_ ix: IndexInfo, _ values: [[Value]], _ lo: Value?, _ hi: Value?,
                             _ session: ExecutionSession) throws(StrataError) -> [Int64] {
        var found = Set<Int64>()
        try forEachIndexEntry(ix, values, lo, hi, session) { key throws(StrataError) in found.insert(Keys.rowid(fromKey: key)) }
        return found.sorted()
    }

    /// Calls `body` with the key of each index entry under each combination of the equality
    /// values, within the range on the next column (an entry at most once).
    func forEachIndexEntry(_ ix: IndexInfo, _ values: [[Value]], _ lo: Value?, _ hi: Value?, _ session: ExecutionSession,
                           _ body: ([UInt8]) throws(StrataError) -> Void) throws(StrataError) {
        var prefixes: [[UInt8]] = [Keys.indexPrefix(ix.id)]
        for (k, vs) in values.enumerated() {
            var next: [[UInt8]] = []
            var seen = Set<[UInt8]>()
            for p in prefixes {
                for v in vs {
                    var key = p
                    encodeKey([v], descending: [path.descending[k]], collations: [path.collations[k]], into: &key)
                    if seen.insert(key).inserted { next.append(key) }
                }
            }
            prefixes = next
        }
        let k = values.count
        for prefix in prefixes {
            // The range column: keys from the smaller bound's field to past the larger one's
            // (a DESC column's fields are inverted, so its upper value gives the start).
            guard let prefixEnd = keyPrefixSuccessor(prefix) else { continue }
            let (start, end) = Self.rangeKeys(path, prefix, prefixEnd, column: k, lo, hi)
            if k < path.descending.count, lo != nil || hi != nil, !start.lexicographicallyPrecedes(end) { continue }
            var cursor = try session.transaction.cursor(from: start, to: end)
            while try cursor.next() {
                try session.checkInterrupt()
                try body(cursor.key)
            }
        }
    }

    /// The rowid equal to `v`, if one can be (an integer, or a real with an integral value in range).
    static func exactRowid(_ v: Value) -> Int64? {
        switch v {
        case .integer(let i): return i
        case .real(let d):
            guard d == d.rounded(), d >= -9223372036854775808.0, d < 9223372036854775808.0 else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    /// The least rowid that may be >= `v`; nil when none can be (numbers sort before text and blobs).
    static func lowerRowid(_ v: Value) -> Int64? {
        switch v {
        case .integer(let i): return i
        case .real(let d):
            if d.isNaN { return nil }
            let c = d.rounded(.up)
            if c >= 9223372036854775808.0 { return nil }
            if c < -9223372036854775808.0 { return Int64.min }
            return Int64(c)
        default: return nil
        }
    }

    /// The greatest rowid that may be <= `v`; nil when none can be; Int64.max for text and blobs
    /// (which sort after every number).
    static func upperRowid(_ v: Value) -> Int64? {
        switch v {
        case .integer(let i): return i
        case .real(let d):
            if d.isNaN { return nil }
            let f = d.rounded(.down)
            if f < -9223372036854775808.0 { return nil }
            if f >= 9223372036854775808.0 { return Int64.max }
            return Int64(f)
        case .null: return nil
        default: return Int64.max
        }
    }
}

extension ExecutionSession {
    /// The row of `table` with this rowid as [rowid, columns...], as this transaction sees it.
    func row(of table: TableInfo, rowid: Int64, _ padding: inout RowPadding) throws(StrataError) -> [Value]? {
        guard let record = try transaction.get(Keys.row(table.id, rowid)) else { return nil }
        return try decodeRow(table, rowid, record, &padding)
    }

    /// The rows of `table` with rowids in [from, through], in rowid order.
    func rows(of table: TableInfo, from: Int64, through: Int64) throws(StrataError) -> [[Value]] {
        let lo = Keys.row(table.id, from)
        let hi = through == Int64.max ? Keys.tableRange(table.id).1 : Keys.row(table.id, through + 1)
        var cursor = try transaction.cursor(from: lo, to: hi)
        var padding = RowPadding(table)
        var out: [[Value]] = []
        while try cursor.next() {
            try checkInterrupt()
            out.append(try decodeRow(table, Keys.rowid(fromKey: cursor.key), cursor.value, &padding))
        }
        return out
    }

    /// A stored record as [rowid, columns...]: cut or padded to the table's columns (ALTER TABLE
    /// ADD COLUMN leaves older records short).
    func decodeRow(_ table: TableInfo, _ rowid: Int64, _ record: [UInt8], _ padding: inout RowPadding) throws(StrataError) -> [Value] {
        let width = table.columns.count
        var row: [Value] = [.integer(rowid)]
        row.reserveCapacity(width + 1)
        row.append(contentsOf: try decodeRecord(record))
        if row.count > width + 1 { row.removeLast(row.count - width - 1) }
        if row.count < width + 1 { try padding.pad(&row, self) }
        return row
    }
}
