// QueryExecutor: runs a QueryPlan to a list of rows.
//
// Rows are materialized level by level: each FROM source is read once per execution into an
// array (a table once per statement, shared through the ExecutionSession), then joined by nested
// loops with each WHERE conjunct checked at the first level that binds it. A table level with an
// access path (Planner/AccessPath.swift) reads only the rows it selects (TableAccess.swift): once
// per execution, or once per row of the earlier levels when its keys read them (an index
// nested-loop join). Otherwise a level with an equality on already-bound values is narrowed by
// a hash table built on its rows.
//
// Every loop over rows reads the connection's interrupt flag once per row (per round for a
// recursive CTE, every 256 comparisons for a sort): Interrupt.swift.

import StrataCatalog
import StrataCore

enum QueryExecutor {
    /// The plan's visible rows, sorted and limited. `limit` caps the rows needed (EXISTS, scalar subqueries).
    static func run(_ plan: QueryPlan, _ ctx: EvalContext, limit: Int? = nil) throws(StrataError) -> [[Value]] {
        try ThreadStack.check(limit: ctx.stackLimit)
        var (start, count) = try window(plan, ctx)
        if let limit { count = min(count, limit) }
        // A core keeps only the rows the window needs, in order when it can (QueryExecutor+Order.swift).
        var rows: [[Value]]
        var sorted = plan.orderBy.isEmpty
        if case .core(let core) = plan.body {
            var sink = CoreRowSink(plan, core, cap: count == Int.max ? nil : start + count)
            rows = try runCore(core, width: plan.width, ctx, &sink)
            sorted = sorted || sink.isSorted
        } else {
            rows = try runBody(plan, ctx)
        }
        if !sorted { try sort(&rows, plan.orderBy, ctx.session.checkInterrupt) }
        if start > 0 || count < rows.count - start || rows.first.map({ $0.count > plan.width }) == true {
            let end = start + min(count, max(0, rows.count - start))
            if start >= rows.count { return [] }
            var out: [[Value]] = []
            out.reserveCapacity(end - start)
            for i in start..<end {
                out.append(rows[i].count > plan.width ? Array(rows[i].prefix(plan.width)) : rows[i])
            }
            return out
        }
        return rows
    }

    /// The rows OFFSET skips and the rows LIMIT keeps after them (Int.max without a limit; a
    /// negative LIMIT is none, a negative OFFSET is 0).
    static func window(_ plan: QueryPlan, _ ctx: EvalContext) throws(StrataError) -> (start: Int, count: Int) {
        var start = 0
        var count = Int.max
        if let l = plan.limit {
            let n = try limitValue(l, ctx)
            if n >= 0 { count = Int(min(n, Int64(Int.max / 2))) }
        }
        if let o = plan.offset {
            let n = try limitValue(o, ctx)
            if n > 0 { start = Int(min(n, Int64(Int.max / 2))) }
        }
        return (start, count)
    }

    /// LIMIT and OFFSET take integers (after numeric affinity); anything else is an error.
    static func limitValue(_ e: BoundExpr, _ ctx: EvalContext) throws(StrataError) -> Int64 {
        let v = applyAffinity(try Evaluator.eval(e, [], ctx), .integer)
        guard case .integer(let n) = v else { throw StrataError(.syntaxError, "datatype mismatch") }
        return n
    }

    private static func runBody(_ plan: QueryPlan, _ ctx: EvalContext) throws(StrataError) -> [[Value]] {
        switch plan.body {
        case .core(let core):
            var sink = CoreRowSink(nil, core, cap: nil)
            return try runCore(core, width: plan.width, ctx, &sink)
        case .compound(let first, let rest):
            if let state = plan.recursive {
                // Without ORDER BY, LIMIT (plus OFFSET) also bounds the recursion.
                var cap: Int?
                if plan.orderBy.isEmpty, let l = plan.limit {
                    let n = try limitValue(l, ctx)
                    let o = try plan.offset.map { (e) throws(StrataError) in try limitValue(e, ctx) } ?? 0
                    if n >= 0 { cap = Int(min(n + max(o, 0), Int64(Int.max / 2))) }
                }
                return try runRecursive(first, rest, state, ctx, cap: cap)
            }
            var rows = try run(first, ctx)
            let interrupt = ctx.session.checkInterrupt
            let collations = plan.resultCollations
            let columns = allColumns(plan.width, collations)
            func key(_ r: [Value]) -> DistinctKey { DistinctKey(folded(r, collations)) }
            for (op, p) in rest {
                let right = try run(p, ctx)
                switch op {
                case .unionAll:
                    rows.append(contentsOf: right)
                case .union:
                    rows = try distinct(rows + right, collations, interrupt)
                    try sort(&rows, columns, interrupt)
                case .intersect:
                    let keys = Set(right.map(key))
                    rows = try distinct(rows, collations, interrupt).filter { keys.contains(key($0)) }
                    try sort(&rows, columns, interrupt)
                case .except:
                    let keys = Set(right.map(key))
                    rows = try distinct(rows, collations, interrupt).filter { !keys.contains(key($0)) }
                    try sort(&rows, columns, interrupt)
                }
            }
            return rows
        }
    }

    private static func runRecursive(_ anchor: QueryPlan, _ parts: [(CompoundOperator, QueryPlan)], _ state: CTEState,
                                     _ ctx: EvalContext, cap: Int?) throws(StrataError) -> [[Value]] {
        var all = try run(anchor, ctx)
        if let cap, all.count >= cap { return Array(all.prefix(cap)) }
        let interrupt = ctx.session.checkInterrupt
        let isUnion = parts.contains { $0.0 == .union }
        var seen = Set<DistinctKey>()
        if isUnion {
            all = try distinct(all, [], interrupt)
            for r in all { seen.insert(DistinctKey(r)) }
        }
        var queue = all
        var rounds = 0
        while !queue.isEmpty {
            // Each round runs the recursive part whole, so a round of one row is checked too.
            try interrupt()
            rounds += 1
            if all.count > 10_000_000 { throw StrataError(.programLimitExceeded, "recursive query produced too many rows") }
            state.rows = queue
            var next: [[Value]] = []
            for (_, p) in parts {
                for r in try run(p, ctx) {
                    if isUnion {
                        if seen.insert(DistinctKey(r)).inserted { next.append(r) }
                    } else {
                        next.append(r)
                    }
                }
            }
            all.append(contentsOf: next)
            queue = next
            if let cap, all.count >= cap { return Array(all.prefix(cap)) }
        }
        state.rows = []
        return all
    }

    private static func allColumns(_ width: Int, _ collations: [Collation?] = []) -> [SortKey] {
        (0..<width).map { i in
            SortKey(slot: i, descending: false, nullsFirst: true, collation: (i < collations.count ? collations[i] : nil) ?? .binary)
        }
    }

    /// The rows without duplicates, first occurrences kept; text compares by each column's
    /// collation (none: by its bytes).
    static func distinct(_ rows: [[Value]], _ collations: [Collation?], _ interrupt: InterruptCheck) throws(StrataError) -> [[Value]] {
        var seen = Set<DistinctKey>()
        var out: [[Value]] = []
        for r in rows {
            try interrupt()
            if seen.insert(DistinctKey(folded(r, collations))).inserted { out.append(r) }
        }
        return out
    }

    /// A row's text as its columns' collations see it, for hashing (`fold`).
    static func folded(_ row: [Value], _ collations: [Collation?]) -> [Value] {
        var key = row
        for (i, c) in collations.enumerated() where i < key.count {
            guard let c, c != .binary, case .text(let t) = key[i] else { continue }
            key[i] = .text(fold(t, c))
        }
        return key
    }

    /// Compares two lists of sort key values (index i with `keys[i]`'s direction, NULL order and
    /// collation): negative, zero or positive.
    static func compareSortKeys(_ a: [Value], _ b: [Value], _ keys: [SortKey]) -> Int {
        for (i, k) in keys.enumerated() {
            let x = a[i]
            let y = b[i]
            if x.isNull || y.isNull {
                if x.isNull && y.isNull { continue }
                return x.isNull == k.nullsFirst ? -1 : 1
            }
            let c = compareValues(x, y, collation: k.collation)
            if c != 0 { return k.descending ? -c : c }
        }
        return 0
    }

    /// Sorts stably by `keys`, reading the interrupt flag every 256 comparisons.
    static func sort(_ rows: inout [[Value]], _ keys: [SortKey], _ interrupt: InterruptCheck) throws(StrataError) {
        let indexed = rows.enumerated().map { ($0.offset, $0.element) }
        var comparisons: UInt32 = 0
        let sorted: [(Int, [Value])]
        do {
            sorted = try indexed.sorted { a, b in
                comparisons &+= 1
                if comparisons & 255 == 0 { try interrupt() }
                return ordered(a, b)
            }
        } catch {
            throw InterruptFlag.error
        }
        rows = sorted.map { $0.1 }

        func ordered(_ a: (Int, [Value]), _ b: (Int, [Value])) -> Bool {
            for k in keys {
                let x = a.1[k.slot]
                let y = b.1[k.slot]
                if x.isNull || y.isNull {
                    if x.isNull && y.isNull { continue }
                    return x.isNull == k.nullsFirst
                }
                let c = compareValues(x, y, collation: k.collation)
                if c != 0 { return k.descending ? c > 0 : c < 0 }
            }
            return a.0 < b.0
        }
    }

    // MARK: one core

    private static func runCore(_ core: CorePlan, width: Int, _ ctx: EvalContext, _ sink: inout CoreRowSink) throws(StrataError) -> [[Value]] {
        if let values = core.values {
            var out: [[Value]] = []
            for r in values {
                var row: [Value] = []
                for e in r { row.append(try Evaluator.eval(e, [], ctx)) }
                out.append(row)
            }
            return out
        }
        for f in core.constantFilters where !(try Evaluator.isTrue(f, [], ctx)) {
            if core.isAggregate && core.groupBy.isEmpty { return [try aggregateRow(core, [], [], ctx)] }
            return []
        }
        if core.isAggregate {
            var groups = AggregateGroups(core: core)
            // A min/max probe needs only the first row its ordered scan gives.
            let probe = core.isMinMaxProbe
            try join(core, ctx) { (row) throws(StrataError) in
                try groups.add(row, ctx)
                return !probe
            }
            let out = try groups.finish(ctx)
            return core.isDistinct ? try distinctVisible(out, width, core.distinctCollations, ctx.session.checkInterrupt) : out
        }
        if sink.wantsNothing { return [] }
        try join(core, ctx, streamsTable: sink.streamsTable) { (row) throws(StrataError) in try sink.add(row, core, ctx) }
        return sink.finish()
    }

    private static func distinctVisible(_ rows: [[Value]], _ width: Int, _ collations: [Collation?],
                                        _ interrupt: InterruptCheck) throws(StrataError) -> [[Value]] {
        var seen = Set<DistinctKey>()
        var out: [[Value]] = []
        for r in rows {
            try interrupt()
            if seen.insert(DistinctKey(folded(Array(r.prefix(width)), collations))).inserted { out.append(r) }
        }
        return out
    }

    /// Text as a collation sees it, for hashing: NOCASE folds ASCII letters, RTRIM drops trailing spaces.
    static func fold(_ t: String, _ c: Collation) -> String {
        switch c {
        case .nocase: return String(decoding: t.utf8.map { asciiLower($0) }, as: UTF8.self)
        case .rtrim:
            var b = Array(t.utf8)
            while b.last == 0x20 { b.removeLast() }
            return String(decoding: b, as: UTF8.self)
        default: return t
        }
    }

    static func aggregateRow(_ core: CorePlan, _ representative: [Value], _ aggregates: [Value], _ ctx: EvalContext) throws(StrataError) -> [Value] {
        let saved = ctx.aggregates
        ctx.aggregates = aggregates
        defer { ctx.aggregates = saved }
        let compiled = core.compiled
        var r: [Value] = []
        for e in compiled.results { r.append(try e(representative, ctx)) }
        for e in compiled.hiddenKeys { r.append(try e(representative, ctx)) }
        return r
    }

    /// Calls `emit` with every combined row of the core's FROM that passes its filters, until it
    /// returns false. With `streamsTable`, a first level that is a whole table is streamed.
    private static func join(_ core: CorePlan, _ ctx: EvalContext, streamsTable: Bool = false,
                             _ emit: ([Value]) throws(StrataError) -> Bool) throws(StrataError) {
        if core.levels.isEmpty {
            _ = try emit([])
            return
        }
        var sources: [[[Value]]?] = Array(repeating: nil, count: core.levels.count)
        var hashes: [[DistinctKey.Atom: [Int]]?] = Array(repeating: nil, count: core.levels.count)
        var row = [Value](repeating: .null, count: core.rowWidth)
        let levels = core.compiled.levels
        if var stream = try firstLevelStream(core, levels[0], streamsTable: streamsTable, row, ctx) {
            _ = try joinStreamed(&stream, core, levels, &sources, &hashes, &row, ctx, emit)
        } else {
            _ = try joinLevel(0, core, levels, &sources, &hashes, &row, ctx, emit)
        }
    }

    /// A level's rows: its source read, less the rows its local filters reject. Built when the
    /// join first reaches the level, so a source after an empty one is never read.
    /// With an access path, only the rows it selects (for `row`, when its keys read earlier levels).
    private static func levelRows(_ i: Int, _ core: CorePlan, _ level: CompiledCore.Level, _ row: [Value],
                                  _ ctx: EvalContext, useAccess: Bool = true) throws(StrataError) -> [[Value]] {
        let all: [[Value]]
        if useAccess, let access = level.access {
            all = try access.rows(row, ctx)
        } else if level.isReadOncePerStatement {
            let generation = ctx.session.generation
            if let kept = level.statementRows, kept.generation == generation {
                all = kept.rows
            } else {
                all = try materialize(core.levels[i].source, ctx)
                level.statementRows = (generation, all)
            }
        } else {
            all = try materialize(core.levels[i].source, ctx)
        }
        guard let local = level.local else { return all }
        let interrupt = ctx.session.checkInterrupt
        var scratch = [Value](repeating: .null, count: core.rowWidth)
        var kept: [[Value]] = []
        for r in all {
            try interrupt()
            for k in 0..<r.count { scratch[level.offset + k] = r[k] }
            if try local(scratch, ctx) { kept.append(r) }
        }
        return kept
    }

    /// The most rows a decoded table may have to be joined through the hash table rather than
    /// by index lookups (select4's tables are this small; strata-bench's 10,000-row join is not).
    static let hashJoinRowLimit = 256

    /// Joins level i and the levels after it for the current row; false once `emit` wants no more.
    static func joinLevel(_ i: Int, _ core: CorePlan, _ levels: [CompiledCore.Level], _ sources: inout [[[Value]]?],
                          _ hashes: inout [[DistinctKey.Atom: [Int]]?], _ row: inout [Value], _ ctx: EvalContext,
                          _ emit: ([Value]) throws(StrataError) -> Bool) throws(StrataError) -> Bool {
        if i == levels.count { return try emit(row) }
        let level = levels[i]
        let interrupt = ctx.session.checkInterrupt
        let rows: [[Value]]
        // An index nested-loop join looks rows up again for each row of the earlier levels;
        // but a tiny table already decoded in memory with an equality to hash on is joined
        // through the hash instead, which reads it once (there a lookup per outer row costs
        // more; on a larger table, building the hash costs more than the lookups save).
        let indexLoop = level.access.map { access in
            access.path.dependsOnRow
                && !(level.probe != nil && (ctx.session.decodedRows(of: access.table)?.count ?? Int.max) <= Self.hashJoinRowLimit)
        } ?? false
        if indexLoop {
            rows = try levelRows(i, core, level, row, ctx)
        } else {
            if sources[i] == nil {
                let joinPath = level.access?.path.dependsOnRow == true
                sources[i] = try levelRows(i, core, level, row, ctx, useAccess: !joinPath)
            }
            rows = sources[i]!
        }
        var candidates: [Int]?
        if !indexLoop, let probe = level.probe {
            if hashes[i] == nil {
                var h: [DistinctKey.Atom: [Int]] = [:]
                for (n, r) in rows.enumerated() {
                    try interrupt()
                    let v = Evaluator.applyAffinity(r[level.probeSlot], level.probeLeftAffinity)
                    if v.isNull { continue }
                    h[DistinctKey.Atom(v), default: []].append(n)
                }
                hashes[i] = h
            }
            let v = Evaluator.applyAffinity(try probe(row, ctx), level.probeRightAffinity)
            candidates = v.isNull ? [] : (hashes[i]![DistinctKey.Atom(v)] ?? [])
        }
        var matched = false
        let count = candidates?.count ?? rows.count
        let offset = level.offset
        let on = level.on
        let filters = level.filters
        let used = level.used
        for c in 0..<count {
            try interrupt()
            copy(rows[candidates?[c] ?? c], into: &row, at: offset, used)
            if let on, !(try on(row, ctx)) { continue }
            matched = true
            if let filters, !(try filters(row, ctx)) { continue }
            if !(try joinLevel(i + 1, core, levels, &sources, &hashes, &row, ctx, emit)) { return false }
        }
        if level.isLeftJoin && !matched {
            for k in 0..<level.width { row[offset + k] = .null }
            if let filters = level.filters, !(try filters(row, ctx)) { return true }
            return try joinLevel(i + 1, core, levels, &sources, &hashes, &row, ctx, emit)
        }
        return true
    }

    /// Copies a source row's values (only the `used` ones, when given) into the combined row at
    /// `offset`.
    @inline(__always)
    static func copy(_ r: [Value], into row: inout [Value], at offset: Int, _ used: [Int]?) {
        row.withUnsafeMutableBufferPointer { out in
            r.withUnsafeBufferPointer { values in
                if let used {
                    for k in used { out[offset + k] = values[k] }
                } else {
                    for k in 0..<values.count { out[offset + k] = values[k] }
                }
            }
        }
    }

    private static func materialize(_ source: SourcePlan, _ ctx: EvalContext) throws(StrataError) -> [[Value]] {
        switch source {
        case .table(let t): return try ctx.session.rows(of: t)
        case .query(let q): return try run(q, ctx)
        case .cteWorkingTable(let state): return state.rows
        case .rows(let rows): return rows
        case .sequenceTable: return try SequenceTable.rows(ctx.session.transaction)
        }
    }
}

/// A row's values as a hashable key in which values are equal exactly when SQL's BINARY
/// comparison says so: 1 and 1.0 are one key, and text is compared by its UTF-8 bytes (Swift's
/// String equality would merge canonically equivalent text such as "é" and "e" + U+0301).
struct DistinctKey: Hashable {
    enum Atom: Hashable {
        case null
        case integer(Int64)
        case real(UInt64)
        case text([UInt8])
        case blob([UInt8])
    }

    var atoms: [Atom]

    init(_ values: [Value]) {
        atoms = values.map(Atom.init)
    }
}

extension DistinctKey.Atom {
    init(_ v: Value) {
        switch v {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d):
            // A whole real in Int64's range equals that integer (SQLite compares them exactly):
            // 9.2e18 and 9200000000000000000 are one key. 2^63 and beyond equal no integer.
            if let i = Int64(exactly: d) {
                self = .integer(i)
            } else {
                self = .real((d == 0 ? 0.0 : d).bitPattern)
            }
        case .text(let t): self = .text(Array(t.utf8))
        case .blob(let b): self = .blob(b)
        }
    }
}

/// Groups rows by their GROUP BY values and runs the aggregates of each group.
struct AggregateGroups {
    let core: CorePlan
    private var index: [DistinctKey: Int] = [:]
    private var keys: [[Value]] = []
    private var representatives: [[Value]] = []
    private var accumulators: [[Accumulator]] = []

    init(core: CorePlan) { self.core = core }

    mutating func add(_ row: [Value], _ ctx: EvalContext) throws(StrataError) {
        let compiled = core.compiled
        var key: [Value] = []
        for g in compiled.groupBy { key.append(try g(row, ctx)) }
        let g: Int
        if compiled.groupBy.isEmpty && !keys.isEmpty {
            g = 0  // no GROUP BY: one group, no key to hash
        } else if let existing = index[DistinctKey(QueryExecutor.folded(key, core.groupByCollations))] {
            g = existing
        } else {
            let k = DistinctKey(QueryExecutor.folded(key, core.groupByCollations))
            g = keys.count
            index[k] = g
            keys.append(key)
            representatives.append(row)
            accumulators.append(core.aggregates.map { Accumulator(spec: $0) })
        }
        // Bare columns come from the group's first row (`representatives` keeps it), or from the
        // row that made a lone min()/max() its result, as SQLite 3.40 takes them.
        let minMaxOnly = core.aggregates.count == 1 && (core.aggregates[0].name == "min" || core.aggregates[0].name == "max")
        for a in 0..<compiled.aggregateArguments.count {
            if let filter = compiled.aggregateFilters[a], !(try ExprCompiler.isTrue(filter, row, ctx)) { continue }
            var args: [Value] = []
            for e in compiled.aggregateArguments[a] { args.append(try e(row, ctx)) }
            if !compiled.aggregateOrderKeys[a].isEmpty {
                var keys: [Value] = []
                for e in compiled.aggregateOrderKeys[a] { keys.append(try e(row, ctx)) }
                accumulators[g][a].hold(args, keys)
                continue
            }
            if try accumulators[g][a].step(args), minMaxOnly { representatives[g] = row }
        }
    }

    mutating func finish(_ ctx: EvalContext) throws(StrataError) -> [[Value]] {
        if keys.isEmpty {
            guard core.groupBy.isEmpty else { return [] }
            var empty: [Value] = []
            for spec in core.aggregates {
                var accumulator = Accumulator(spec: spec)
                empty.append(try accumulator.finish())
            }
            let row = try QueryExecutor.aggregateRow(core, [Value](repeating: .null, count: core.rowWidth), empty, ctx)
            if let h = core.having {
                ctx.aggregates = empty
                defer { ctx.aggregates = [] }
                if !(try Evaluator.isTrue(h, [Value](repeating: .null, count: core.rowWidth), ctx)) { return [] }
            }
            return [row]
        }
        let interrupt = ctx.session.checkInterrupt
        var comparisons: UInt32 = 0
        let order: [Int]
        do {
            order = try keys.indices.sorted { a, b in
                comparisons &+= 1
                if comparisons & 255 == 0 { try interrupt() }
                for (i, (x, y)) in zip(keys[a], keys[b]).enumerated() {
                    let c = compareValues(x, y, collation: core.groupByCollations[i])
                    if c != 0 { return c < 0 }
                }
                return a < b
            }
        } catch {
            throw InterruptFlag.error
        }
        var out: [[Value]] = []
        for g in order {
            try interrupt()
            var results: [Value] = []
            for a in accumulators[g].indices { results.append(try accumulators[g][a].finish()) }
            if let h = core.having {
                let saved = ctx.aggregates
                ctx.aggregates = results
                let keep = try Evaluator.isTrue(h, representatives[g], ctx)
                ctx.aggregates = saved
                if !keep { continue }
            }
            out.append(try QueryExecutor.aggregateRow(core, representatives[g], results, ctx))
        }
        return out
    }
}

/// One aggregate's running state: the library's accumulator, plus the set of values seen for
/// DISTINCT.
struct Accumulator {
    let spec: AggregateSpec
    private var state: AggregateAccumulator
    private var seen: ValueSet?
    /// Rows waiting for ORDER BY: the arguments and the sort keys.
    private var held: [(args: [Value], keys: [Value])] = []

    init(spec: AggregateSpec) {
        self.spec = spec
        let arity = spec.isStar ? 0 : spec.arguments.count
        state = aggregateFunction(named: spec.name, arity: arity)!.makeAccumulator(collation: spec.collation)
        if spec.isDistinct { seen = ValueSet(collations: [spec.collation]) }
    }

    /// Adds a row; returns whether it became min/max's result row.
    mutating func step(_ args: [Value]) throws(StrataError) -> Bool {
        if seen != nil {
            guard let v = args.first, !v.isNull else { return false }
            if !seen!.insert([v]) { return false }
        }
        return try state.step(args)
    }

    /// Keeps a row for an aggregate with ORDER BY: the rows are stepped in order at `finish`.
    mutating func hold(_ args: [Value], _ keys: [Value]) {
        held.append((args, keys))
    }

    /// The aggregate's result; for ORDER BY, after stepping the held rows in order (stable, so
    /// rows with equal keys keep the order they came in).
    mutating func finish() throws(StrataError) -> Value {
        if !held.isEmpty {
            let keys = spec.orderBy.map(\.key)
            let ordered = held.enumerated().sorted { a, b in
                let c = QueryExecutor.compareSortKeys(a.element.keys, b.element.keys, keys)
                return c != 0 ? c < 0 : a.offset < b.offset
            }
            held = []
            for (_, row) in ordered { _ = try step(row.args) }
        }
        return state.finish()
    }
}
