// SELECT ... FOR UPDATE | FOR SHARE (CONTRACT.md §4): the rows the query's WHERE selects in its
// one table are marked before the query runs.
//
// FOR UPDATE treats them as written: PESSIMISTIC and READ COMMITTED take their exclusive row
// locks (SERIALIZABLE PESSIMISTIC already while reading them: its reads lock, and a shared lock
// upgraded afterwards would deadlock two FOR UPDATEs of one row) (waiting for a holder; READ COMMITTED then reads a changed row again and keeps it only if
// it still matches, SNAPSHOT PESSIMISTIC fails on it: StatementRunner.lockTarget); OPTIMISTIC
// and SERIAL make them conflict keys, so that the first of two transactions to commit a write
// to, or a FOR UPDATE of, the same row wins. FOR SHARE treats them as read and protected from
// writers: SERIALIZABLE PESSIMISTIC's reads are shared-locked already; SNAPSHOT PESSIMISTIC and
// READ COMMITTED take shared row locks; OPTIMISTIC validates them at COMMIT at any level.
// LIMIT and OFFSET do not narrow the rows marked (every row the WHERE selects is), as the rows a
// LIMIT keeps depend on the plan.

import StrataCatalog
import StrataCore

extension StatementRunner {
    func lockSelectedRows(_ s: SelectStatement, _ plan: QueryPlan, _ mode: RowLockMode) throws(StrataError) {
        var isAggregate = false
        if case .core(let core) = plan.body { isAggregate = core.isAggregate }
        let clause = mode == .forUpdate ? "FOR UPDATE" : "FOR SHARE"
        guard s.compounds.isEmpty, case .select(let core) = s.first, !core.isDistinct, core.groupBy.isEmpty,
              core.having == nil, case .table(let ref)? = core.from, tx.catalog.table(ref.name.name) != nil,
              !isAggregate else {
            throw StrataError(.featureNotSupported,
                              "\(clause) needs a SELECT from one table, without DISTINCT, GROUP BY, aggregates or a compound")
        }
        // Under strict two-phase locking, FOR UPDATE's reads lock exclusively at once.
        if mode == .forUpdate && tx.locksReads { tx.readLockMode = .exclusive }
        defer { tx.readLockMode = .shared }
        let (table, rows, scope) = try targetRows(ref.name, alias: ref.alias, hint: ref.indexHint,
                                                  whereClause: core.whereClause, locking: false)
        let ctx = context()
        let pred = try core.whereClause.map { (w) throws(StrataError) in try planner.bind(w, scope).expr }
        for r in rows {
            try session.checkInterrupt()
            let key = Keys.row(table.id, r[0].integerValue)
            switch mode {
            case .forUpdate:
                if tx.locksWrites {
                    _ = try lockTarget(table, r, pred, ctx)
                } else {
                    try tx.addConflictKey(key)
                }
            case .forShare:
                if tx.locksReads { continue }
                if tx.locksWrites { try tx.lockShared(key) } else { tx.markShared(key) }
            }
        }
        if tx.locksWrites { session.invalidate() }
    }
}
