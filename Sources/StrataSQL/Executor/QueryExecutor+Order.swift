// Where a core's rows go, and how the first join level is streamed (issue 5: LIMIT pushed into
// ordered scans, top-N sort).
//
// `run` works out the rows it needs, OFFSET plus LIMIT (or the cap EXISTS and scalar subqueries
// give), before running the core. A core that is not an aggregate then keeps:
//   - every row, when there is no cap;
//   - the first `cap` rows, when there is no ORDER BY or the scan already gives it
//     (`QueryPlan.orderedPrefix`): the join stops at the cap, and a first level read in order or
//     scanned whole is streamed, so that it stops reading too;
//   - the best `cap` rows by ORDER BY, otherwise: a bounded heap of (sort keys, arrival number),
//     so that rows with equal keys keep the order a stable sort of all rows would give them. A
//     row's sort keys are computed first; its other columns only if it enters the heap. When the
//     scan gives the leading keys in order (RIGHT PART OF ORDER BY), the join stops at the first
//     row refused whose leading keys are past the worst kept row's. A first
//     level that is a whole table is streamed here too, not held in memory (at 100,000 rows,
//     strata-bench's order-by-limit went from 28x SQLite's time to about 7x with this file).
// DISTINCT is applied as rows arrive (the first of equal rows is kept), before the cap or the
// heap. An aggregate keeps every row, except a min/max probe (AccessPath+Order.swift), whose join
// stops at the first row.

import StrataCatalog
import StrataCore

struct CoreRowSink {
    enum Mode {
        case all
        case first(Int)
        case best(Int)
    }

    let mode: Mode
    /// The rows, in order once `finish` has run.
    private(set) var rows: [[Value]] = []
    private let width: Int
    private let orderBy: [SortKey]
    private var seen: Set<DistinctKey>?
    private let distinctCollations: [Collation?]
    /// The best rows so far, the worst on top (`best` only).
    private var heap: [(keys: [Value], arrival: Int, row: [Value])] = []
    private var arrivals = 0
    private var keys: [Value] = []
    /// The compiled ORDER BY expressions (`best`, taken at the first row).
    private var keyExpressions: [CompiledExpr]?
    /// How many leading ORDER BY keys the rows arrive sorted by (`QueryPlan.orderedPrefix`).
    private let orderedPrefix: Int

    /// A sink for `core` run as the body of `plan` (nil: a part of a compound), keeping at most
    /// `cap` rows when there is one.
    init(_ plan: QueryPlan?, _ core: CorePlan, cap: Int?) {
        width = plan?.width ?? core.results.count
        orderBy = plan?.orderBy ?? []
        distinctCollations = core.distinctCollations
        if core.isDistinct && !core.isAggregate { seen = [] }
        orderedPrefix = plan?.orderedPrefix ?? 0
        let sorted = orderBy.isEmpty || orderedPrefix >= orderBy.count
        if let cap, !core.isAggregate {
            mode = sorted ? .first(cap) : .best(cap)
        } else {
            mode = .all
        }
    }

    /// Whether the rows come out in ORDER BY order (no sort left to do).
    var isSorted: Bool {
        if case .all = mode { return orderBy.isEmpty }
        return true
    }

    /// Whether a first level that is a whole table is better streamed than materialized: when
    /// only the first rows are wanted, or only the best few kept.
    var streamsTable: Bool {
        if case .all = mode { return false }
        return true
    }

    /// Whether no row is wanted at all (LIMIT 0): the core need not run.
    var wantsNothing: Bool {
        switch mode {
        case .all: return false
        case .first(let n), .best(let n): return n <= 0
        }
    }

    /// Takes the combined row of one join result; returns whether more are wanted.
    mutating func add(_ row: [Value], _ core: CorePlan, _ ctx: EvalContext) throws(StrataError) -> Bool {
        let compiled = core.compiled
        if case .best(let n) = mode, seen == nil {
            // The sort keys first: most rows go no further once the heap is full.
            if keyExpressions == nil {
                keyExpressions = orderBy.map { $0.slot < width ? compiled.results[$0.slot] : compiled.hiddenKeys[$0.slot - width] }
            }
            keys.removeAll(keepingCapacity: true)
            for e in keyExpressions! { keys.append(try e(row, ctx)) }
            if heap.count >= n && QueryExecutor.compareSortKeys(keys, heap[0].keys, orderBy) >= 0 {
                arrivals += 1
                return !isPastWorst()
            }
        }
        var r: [Value] = []
        r.reserveCapacity(compiled.results.count + compiled.hiddenKeys.count)
        for e in compiled.results { r.append(try e(row, ctx)) }
        for e in compiled.hiddenKeys { r.append(try e(row, ctx)) }
        if seen != nil {
            let key = DistinctKey(QueryExecutor.folded(Array(r.prefix(width)), distinctCollations))
            if !seen!.insert(key).inserted { return true }
        }
        switch mode {
        case .all:
            rows.append(r)
            return true
        case .first(let n):
            rows.append(r)
            return rows.count < n
        case .best(let n):
            if seen != nil {
                keys = orderBy.map { r[$0.slot] }
                if heap.count >= n && QueryExecutor.compareSortKeys(keys, heap[0].keys, orderBy) >= 0 {
                    arrivals += 1
                    return !isPastWorst()
                }
            }
            let entry = (keys: keys, arrival: arrivals, row: r)
            arrivals += 1
            if heap.count < n {
                heap.append(entry)
                siftUp(heap.count - 1)
            } else {
                heap[0] = entry
                siftDown(0)
            }
            return true
        }
    }

    /// Whether the row just refused (its keys in `keys`) is past the heap's worst row on the
    /// leading keys the scan gives in order: no later row can then enter the heap, and the join
    /// can stop (the scan has left the worst row's run of equal leading keys).
    private func isPastWorst() -> Bool {
        guard orderedPrefix > 0 else { return false }
        let leading = Array(orderBy.prefix(orderedPrefix))
        return QueryExecutor.compareSortKeys(Array(keys.prefix(orderedPrefix)), Array(heap[0].keys.prefix(orderedPrefix)), leading) > 0
    }

    /// The rows kept so far, handed over and forgotten (`all` only: SelectStream takes the rows
    /// of each outer row as they come).
    mutating func takeRows() -> [[Value]] {
        defer { rows.removeAll(keepingCapacity: true) }
        return rows
    }

    /// The rows kept, in order (for `best`, sorted from the heap).
    mutating func finish() -> [[Value]] {
        if case .best = mode {
            var sorted = heap
            heap = []
            sorted.sort { isAfter($1, $0) }
            rows = sorted.map(\.row)
        }
        return rows
    }

    /// Whether `a` comes after `b` in the output (by the sort keys, then by arrival).
    private func isAfter(_ a: (keys: [Value], arrival: Int, row: [Value]), _ b: (keys: [Value], arrival: Int, row: [Value])) -> Bool {
        let c = QueryExecutor.compareSortKeys(a.keys, b.keys, orderBy)
        return c != 0 ? c > 0 : a.arrival > b.arrival
    }

    private mutating func siftUp(_ i: Int) {
        var i = i
        while i > 0 {
            let parent = (i - 1) / 2
            guard isAfter(heap[i], heap[parent]) else { return }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ i: Int) {
        var i = i
        while true {
            var worst = i
            for child in [2 * i + 1, 2 * i + 2] where child < heap.count && isAfter(heap[child], heap[worst]) { worst = child }
            if worst == i { return }
            heap.swapAt(i, worst)
            i = worst
        }
    }
}

extension QueryExecutor {
    /// The first level as a stream, when it is read in order, or is a whole table and `streamsTable`;
    /// nil: the level is materialized as usual. A table not yet decoded is not streamed in a
    /// subquery (a correlated one runs again for the next outer row: `rows(of:)` decodes it once
    /// per statement); one read to its end is kept as `rows(of:)` would keep it.
    static func firstLevelStream(_ core: CorePlan, _ level: CompiledCore.Level, streamsTable: Bool,
                                 _ row: [Value], _ ctx: EvalContext) throws(StrataError) -> RowStream? {
        if let ordered = level.ordered { return try ordered.open(row, ctx) }
        guard streamsTable, level.access == nil, case .table(let table) = core.levels[0].source else { return nil }
        if ctx.session.decodedRows(of: table) == nil && !ctx.outer.isEmpty { return nil }
        return try RowStream.wholeTable(table, ctx.session)
    }

    /// Joins the first level's rows as the stream gives them; false once `emit` wants no more.
    static func joinStreamed(_ stream: inout RowStream, _ core: CorePlan, _ levels: [CompiledCore.Level],
                             _ sources: inout [[[Value]]?], _ hashes: inout [[DistinctKey.Atom: [Int]]?], _ row: inout [Value],
                             _ ctx: EvalContext, _ emit: ([Value]) throws(StrataError) -> Bool) throws(StrataError) -> Bool {
        // The steps of `joinFirstLevelRow`, with the level's parts read once for the whole loop
        // (calling it per row cost 3-4% in strata-bench's order-by-limit and range-scan).
        let level = levels[0]
        let interrupt = ctx.session.checkInterrupt
        let offset = level.offset
        let used = level.used
        let local = level.local
        let on = level.on
        let filters = level.filters
        while let r = try stream.next() {
            try interrupt()
            copy(r, into: &row, at: offset, used)
            if let local, !(try local(row, ctx)) { continue }
            if let on, !(try on(row, ctx)) { continue }
            if let filters, !(try filters(row, ctx)) { continue }
            if !(try joinLevel(1, core, levels, &sources, &hashes, &row, ctx, emit)) { return false }
        }
        return true
    }

    /// Joins one row `r` of the first level (streamed) with the levels after it: false once
    /// `emit` wants no more. SelectStream steps this way, one first-level row per call;
    /// `joinStreamed` inlines the same steps in its loop.
    static func joinFirstLevelRow(_ r: [Value], _ core: CorePlan, _ levels: [CompiledCore.Level],
                                  _ sources: inout [[[Value]]?], _ hashes: inout [[DistinctKey.Atom: [Int]]?], _ row: inout [Value],
                                  _ ctx: EvalContext, _ emit: ([Value]) throws(StrataError) -> Bool) throws(StrataError) -> Bool {
        let level = levels[0]
        copy(r, into: &row, at: level.offset, level.used)
        if let local = level.local, !(try local(row, ctx)) { return true }
        if let on = level.on, !(try on(row, ctx)) { return true }
        if let filters = level.filters, !(try filters(row, ctx)) { return true }
        return try joinLevel(1, core, levels, &sources, &hashes, &row, ctx, emit)
    }
}
