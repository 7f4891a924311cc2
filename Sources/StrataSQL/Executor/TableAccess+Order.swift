// Ordered reads (Planner/AccessPath+Order.swift): the first join level read row by row in its
// path's key order, so that the join can stop as soon as LIMIT (plus OFFSET) rows, or min/max's
// one row, are out. An index is read entry by entry under each key prefix of its equality values
// (in key order: IN values sorted, as their encoded keys sort), within the range on the next
// column, upwards or downwards, and each entry's row is fetched by its rowid (a binary search
// when the table is decoded in memory, a point get otherwise). The rowid is read as a bounded
// cursor over the table (or a slice of the decoded rows), or as the sorted rowids of its
// equality. With `movesNulls`, the first column after the equalities is read in two parts: its
// non-NULL entries and its NULL ones, the NULL ones at the other end from where the scan meets them. A plain scan (no path) streams the table the same way
// when only the first rows are wanted.

import StrataCatalog
import StrataCore

final class OrderedScan {
    let path: AccessPath
    let table: TableInfo
    let order: ScanOrder
    private let equal: [[(CompiledExpr, Affinity?)]]
    private let lower: (CompiledExpr, Affinity?)?
    private let upper: (CompiledExpr, Affinity?)?

    init(_ path: AccessPath, _ table: TableInfo, _ order: ScanOrder) {
        self.path = path
        self.table = table
        self.order = order
        equal = path.equal.map { $0.map { (ExprCompiler.compile($0.expr), $0.affinity) } }
        lower = path.lower.map { (ExprCompiler.compile($0.value.expr), $0.value.affinity) }
        upper = path.upper.map { (ExprCompiler.compile($0.value.expr), $0.value.affinity) }
    }

    /// The path's rows in key order (reversed if the order says so), read as they are asked for.
    func open(_ row: [Value], _ ctx: EvalContext) throws(StrataError) -> RowStream {
        var values: [[Value]] = []
        for column in equal {
            var vs: [Value] = []
            for (e, affinity) in column {
                let v = Evaluator.applyAffinity(try e(row, ctx), affinity)
                if !v.isNull { vs.append(v) }
            }
            if vs.isEmpty { return RowStream.empty(table, ctx.session) }
            values.append(vs)
        }
        var lo: Value?
        var hi: Value?
        if let (e, affinity) = lower {
            lo = Evaluator.applyAffinity(try e(row, ctx), affinity)
            if lo!.isNull { return RowStream.empty(table, ctx.session) }
        }
        if let (e, affinity) = upper {
            hi = Evaluator.applyAffinity(try e(row, ctx), affinity)
            if hi!.isNull { return RowStream.empty(table, ctx.session) }
        }
        let session = ctx.session
        if case .index(let ix) = path.kind {
            return RowStream.index(table, session, segments(ix, values, lo, hi), reversed: order.isReversed)
        }
        // The rowid (the planner orders no other kind of path).
        if let keys = values.first {
            var rowids = Set(keys.compactMap(CompiledAccess.exactRowid)).sorted()
            if order.isReversed { rowids.reverse() }
            return RowStream.rowids(table, session, rowids)
        }
        var from = Int64.min
        var through = Int64.max
        if let lo {
            guard let b = CompiledAccess.lowerRowid(lo) else { return RowStream.empty(table, session) }
            from = b
        }
        if let hi {
            guard let b = CompiledAccess.upperRowid(hi) else { return RowStream.empty(table, session) }
            through = b
        }
        if from > through { return RowStream.empty(table, session) }
        return try RowStream.table(table, session, from: from, through: through, reversed: order.isReversed)
    }

    /// The key ranges [start, end) to read, in the order to read them.
    private func segments(_ ix: IndexInfo, _ values: [[Value]], _ lo: Value?, _ hi: Value?) -> [([UInt8], [UInt8])] {
        // Each combination of the equality values, as a key prefix, in key order.
        var prefixes: [[UInt8]] = [Keys.indexPrefix(ix.id)]
        for (k, vs) in values.enumerated() {
            var next: [[UInt8]] = []
            for p in prefixes {
                for v in vs {
                    var key = p
                    encodeKey([v], descending: [path.descending[k]], collations: [path.collations[k]], into: &key)
                    next.append(key)
                }
            }
            prefixes = next
        }
        prefixes.sort { compareKeyBytes($0, $1) < 0 }
        var distinct: [[UInt8]] = []
        for p in prefixes where distinct.last.map({ compareKeyBytes($0, p) != 0 }) ?? true { distinct.append(p) }
        if order.isReversed { distinct.reverse() }

        let k = values.count
        var out: [([UInt8], [UInt8])] = []
        func add(_ start: [UInt8], _ end: [UInt8]) {
            if start.lexicographicallyPrecedes(end) { out.append((start, end)) }
        }
        for prefix in distinct {
            guard let prefixEnd = keyPrefixSuccessor(prefix) else { continue }
            // The range column's keys (CompiledAccess.rangeKeys).
            let (start, end) = CompiledAccess.rangeKeys(path, prefix, prefixEnd, column: k, lo, hi)
            guard order.movesNulls, k < path.descending.count else {
                add(start, end)
                continue
            }
            // The NULL entries at the other end: the scan meets them first reading an ASC
            // column upwards or a DESC one downwards (NULL's field is the lowest, inverted the
            // highest), and then reads them last; otherwise first. The non-NULL entries lie below
            // and above the NULL field (only one part is not empty).
            let nullsMetFirst = path.descending[k] == order.isReversed
            var nullField = prefix
            encodeKey([.null], descending: [path.descending[k]], into: &nullField)
            guard let nullEnd = keyPrefixSuccessor(nullField) else { continue }
            func clip(_ a: [UInt8], _ b: [UInt8]) -> ([UInt8], [UInt8]) {
                (start.lexicographicallyPrecedes(a) ? a : start, b.lexicographicallyPrecedes(end) ? b : end)
            }
            let below = clip(prefix, nullField)
            let above = clip(nullEnd, prefixEnd)
            let nulls = clip(nullField, nullEnd)
            if !nullsMetFirst { add(nulls.0, nulls.1) }
            for part in order.isReversed ? [above, below] : [below, above] { add(part.0, part.1) }
            if nullsMetFirst { add(nulls.0, nulls.1) }
        }
        return out
    }
}

/// A table's rows, one at a time, in the order a scan or an ordered path reads them. (The
/// cursors are stored, not wrapped in an enum's payload, so that stepping one copies nothing.)
struct RowStream {
    enum Kind {
        /// The rows with the rowids in `rowids`, in that order.
        case rowids
        /// Decoded rows from `position` to `end`, stepping by `step` (±1).
        case decoded
        /// The table's rows under the cursor.
        case rows
        /// The rows of the index entries in `segments`, read in order.
        case index
        case done
    }

    let table: TableInfo
    let session: ExecutionSession
    private var kind: Kind
    private var padding: RowPadding
    /// The table decoded in memory, if it is (rows are fetched from it by binary search).
    private let decoded: [[Value]]?
    private var rowids: [Int64] = []
    private var position = 0
    private var end = 0
    private var step = 1
    private var segments: [([UInt8], [UInt8])] = []
    private var isReversed = false
    private var forward: MergedCursor?
    private var reverse: ReverseMergedCursor?
    /// The rows read so far of a whole table, kept for the statements after (as `rows(of:)`
    /// keeps them) unless there are more than the decoded-table cache holds.
    private var collected: [[Value]]?

    private init(_ table: TableInfo, _ session: ExecutionSession, _ kind: Kind) {
        self.table = table
        self.session = session
        self.kind = kind
        padding = RowPadding(table)
        decoded = session.decodedRows(of: table)
    }

    static func empty(_ table: TableInfo, _ session: ExecutionSession) -> RowStream {
        RowStream(table, session, .done)
    }

    /// The rows with these rowids, in this order.
    static func rowids(_ table: TableInfo, _ session: ExecutionSession, _ rowids: [Int64]) -> RowStream {
        var s = RowStream(table, session, .rowids)
        s.rowids = rowids
        return s
    }

    /// The rows of the index entries in these key ranges, each read upwards or downwards.
    static func index(_ table: TableInfo, _ session: ExecutionSession, _ segments: [([UInt8], [UInt8])], reversed: Bool) -> RowStream {
        var s = RowStream(table, session, .index)
        s.segments = segments
        s.isReversed = reversed
        return s
    }

    /// The whole table upwards, its rows kept once read to the end (`ExecutionSession.keepDecoded`)
    /// if they are few enough.
    static func wholeTable(_ table: TableInfo, _ session: ExecutionSession) throws(StrataError) -> RowStream {
        var s = try Self.table(table, session)
        if case .rows = s.kind { s.collected = [] }
        return s
    }

    /// The rows with rowids in [from, through], upwards or downwards.
    static func table(_ table: TableInfo, _ session: ExecutionSession, from: Int64 = .min, through: Int64 = .max,
                      reversed: Bool = false) throws(StrataError) -> RowStream {
        if let decoded = session.decodedRows(of: table) {
            let lo = firstIndex(decoded, atLeast: from)
            let hi = through == .max ? decoded.count : firstIndex(decoded, atLeast: through + 1)
            if lo >= hi { return empty(table, session) }
            var s = RowStream(table, session, .decoded)
            (s.position, s.end, s.step) = reversed ? (hi - 1, lo - 1, -1) : (lo, hi, 1)
            return s
        }
        let start = Keys.row(table.id, from)
        let end = through == .max ? Keys.tableRange(table.id).1 : Keys.row(table.id, through + 1)
        var s = RowStream(table, session, .rows)
        s.isReversed = reversed
        try s.open(start, end)
        return s
    }

    private mutating func open(_ start: [UInt8], _ end: [UInt8]) throws(StrataError) {
        if isReversed {
            reverse = try session.transaction.reverseCursor(from: start, to: end)
        } else {
            forward = try session.transaction.cursor(from: start, to: end)
        }
    }

    /// Steps the open cursor; its key and value, or nil at its end.
    private mutating func nextEntry() throws(StrataError) -> (key: [UInt8], value: [UInt8])? {
        if isReversed {
            guard try reverse!.next() else { return nil }
            return (reverse!.key, reverse!.value)
        }
        guard try forward!.next() else { return nil }
        return (forward!.key, forward!.value)
    }

    /// The next row as [rowid, columns...], or nil at the end.
    mutating func next() throws(StrataError) -> [Value]? {
        while true {
            switch kind {
            case .done:
                return nil
            case .rowids:
                guard position < rowids.count else {
                    kind = .done
                    return nil
                }
                position += 1
                if let r = try fetch(rowids[position - 1]) { return r }
            case .decoded:
                guard position != end else {
                    kind = .done
                    return nil
                }
                position += step
                return decoded![position - step]
            case .rows:
                guard let (key, value) = try nextEntry() else {
                    kind = .done
                    if let collected {
                        session.keepDecoded(collected, of: table)
                        self.collected = nil
                    }
                    return nil
                }
                let row = try session.decodeRow(table, Keys.rowid(fromKey: key), value, &padding)
                if collected != nil {
                    if collected!.count < DecodedTableCache.maxRowsPerTable { collected!.append(row) } else { collected = nil }
                }
                return row
            case .index:
                if forward == nil && reverse == nil {
                    guard position < segments.count else {
                        kind = .done
                        return nil
                    }
                    try open(segments[position].0, segments[position].1)
                }
                guard let (key, _) = try nextEntry() else {
                    forward = nil
                    reverse = nil
                    position += 1
                    continue
                }
                if let r = try fetch(Keys.rowid(fromKey: key)) { return r }
            }
        }
    }

    /// The row with this rowid, from the decoded table or by a point get.
    private mutating func fetch(_ rowid: Int64) throws(StrataError) -> [Value]? {
        if let decoded {
            let i = Self.firstIndex(decoded, atLeast: rowid)
            return i < decoded.count && decoded[i][0] == .integer(rowid) ? decoded[i] : nil
        }
        return try session.row(of: table, rowid: rowid, &padding)
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
}
