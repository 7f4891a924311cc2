// SelectStream: a top-level SELECT's rows one at a time, for the embedded API's cursors
// (Connection.cursor): a query over a large table is read as the caller steps, never held whole.
//
// When the rows can arrive in their final order as the first join level is read (a core that is
// not an aggregate, with no ORDER BY or one the first level's scan gives: `QueryPlan.orderedPrefix`),
// the first level is read as a RowStream, one row per step, and the later levels are joined for
// that row alone (QueryExecutor.joinLevel); the results of one outer row are buffered, so memory
// is bounded by one row's join fan-out. DISTINCT, LIMIT and OFFSET are applied as rows pass.
// Any other query (aggregates, sorts, compounds, VALUES, a first level read through an unordered
// access path) runs whole when the cursor opens, as `QueryExecutor.run` runs it, and is stepped
// through in memory.

import StrataCatalog
import StrataCore

final class SelectStream {
    private let plan: QueryPlan
    private let ctx: EvalContext
    /// The rows of a query run whole, and the next one to give.
    private var materialized: [[Value]]?
    private var position = 0
    // Streaming: the first level's rows, the join state, and the rows of the current outer row.
    private var stream: RowStream?
    private var core: CorePlan?
    private var sources: [[[Value]]?] = []
    private var hashes: [[DistinctKey.Atom: [Int]]?] = []
    private var row: [Value] = []
    private var sink: CoreRowSink?
    private var buffer: [[Value]] = []
    private var bufferPosition = 0
    /// OFFSET rows still to skip, LIMIT rows still to give.
    private var skip = 0
    private var remaining = Int.max

    init(_ plan: QueryPlan, _ ctx: EvalContext) throws(StrataError) {
        self.plan = plan
        self.ctx = ctx
        try ThreadStack.check(limit: ctx.stackLimit)
        if case .core(let core) = plan.body, !core.isAggregate, core.values == nil, !core.levels.isEmpty,
           plan.orderBy.isEmpty || plan.orderedPrefix >= plan.orderBy.count {
            (skip, remaining) = try QueryExecutor.window(plan, ctx)
            for f in core.constantFilters where !(try Evaluator.isTrue(f, [], ctx)) {
                materialized = []
                return
            }
            if remaining == 0 {
                materialized = []
                return
            }
            let blank = [Value](repeating: .null, count: core.rowWidth)
            if let first = try QueryExecutor.firstLevelStream(core, core.compiled.levels[0], streamsTable: true, blank, ctx) {
                self.core = core
                stream = first
                row = blank
                sources = Array(repeating: nil, count: core.levels.count)
                hashes = Array(repeating: nil, count: core.levels.count)
                sink = CoreRowSink(plan, core, cap: nil)
                return
            }
        }
        materialized = try QueryExecutor.run(plan, ctx)
    }

    /// The next row (the result columns only), or nil after the last.
    func next() throws(StrataError) -> [Value]? {
        // The caller may step from another thread than the last step's (a task that moved).
        ctx.stackLimit = ThreadStack.lowestUsableAddress()
        if let materialized {
            guard position < materialized.count else { return nil }
            position += 1
            return materialized[position - 1]
        }
        while true {
            if bufferPosition < buffer.count {
                let r = buffer[bufferPosition]
                bufferPosition += 1
                if skip > 0 {
                    skip -= 1
                    continue
                }
                guard remaining > 0 else { return finish() }
                remaining -= 1
                return r.count > plan.width ? Array(r.prefix(plan.width)) : r
            }
            guard remaining > 0, stream != nil, let core else { return finish() }
            buffer.removeAll(keepingCapacity: true)
            bufferPosition = 0
            guard let r = try stream!.next() else { return finish() }
            try ctx.session.checkInterrupt()
            _ = try QueryExecutor.joinFirstLevelRow(r, core, core.compiled.levels, &sources, &hashes, &row, ctx) { (joined) throws(StrataError) in
                try self.sink!.add(joined, core, self.ctx)
            }
            buffer = sink!.takeRows()
        }
    }

    /// Ends the stream: no more rows.
    private func finish() -> [Value]? {
        stream = nil
        core = nil
        buffer = []
        materialized = []
        return nil
    }
}
