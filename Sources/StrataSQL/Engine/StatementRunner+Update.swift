// UPDATE on a table, in one pass or two, as SQLite 3.40 does it (Docs/sql.md, Writes).
//
// One pass: the rows are visited in the order the access path gives them (rowid order for a scan
// or a rowid path; key order for an index, each IN value in turn, equal keys in rowid order),
// and for each row in turn WHERE is checked and SET computed, then the row written, so that a
// subquery reading the table sees the rows changed before this one.
// Two passes, when SQLite takes them (an UPDATE trigger fires, the rowid or the PRIMARY KEY of
// a WITHOUT ROWID table is assigned, REPLACE may resolve a conflict, the path reads an index the
// UPDATE changes, or the path is an OR's union): WHERE is checked on every row first, as the
// table was before the statement; then the rows chosen are visited in rowid order, each read
// again when its turn comes (skipped if a trigger deleted it), SET computed from it, the BEFORE
// triggers run, the columns SET does not assign read once more (a BEFORE trigger may have
// changed them), and the row written.

import StrataCatalog
import StrataCore

extension StatementRunner {
    func update(_ s: UpdateStatement) throws(StrataError) {
        guard s.from == nil else { throw StrataError(.syntaxError, "UPDATE ... FROM is not supported yet") }
        if tx.catalog.table(s.table.name) == nil, let view = tx.catalog.view(s.table.name) {
            try updateView(view, s)
            return
        }
        if tx.catalog.table(s.table.name) == nil, tx.catalog.isSequenceTable(s.table.name) { return try updateSequence(s) }
        let (table, scope) = try targetTable(s.table, alias: s.alias, hint: s.indexHint)
        let pred = try s.whereClause.map { (w) throws(StrataError) in try planner.bindDMLWhere(w, scope, target: table) }
        var assignments: [(Int, BoundExpr)] = []
        for a in s.assignments {
            guard a.columns.count == 1 else { throw StrataError(.syntaxError, "row-value assignments are not supported yet") }
            let bound = try planner.bind(a.value, scope).expr
            if let i = table.columnIndex(a.columns[0]) {
                if table.columns[i].generated != nil {
                    throw StrataError(.syntaxError, "cannot UPDATE generated column \"\(table.columns[i].name)\"")
                }
                assignments.append((i, bound))
            } else if ["rowid", "oid", "_rowid_"].contains(a.columns[0].lowercased()) {
                assignments.append((-1, bound))
            } else {
                throw StrataError(.syntaxError, "no such column: \(a.columns[0])", location: a.location)
            }
        }
        let assigned = Set(assignments.map { $0.0 })
        let triggers = activeTriggers(table.name, .update(columns: [])).filter { t in
            guard case .update(let cols) = t.statement.event, !cols.isEmpty else { return true }
            return cols.contains { c in table.columnIndex(c).map { assigned.contains($0) } ?? false }
        }
        let path = try targetPath(table, pred, s.indexHint)
        let ctx = context()
        if try isTwoPass(table, assigned, triggers, path, s.onConflict) {
            var chosen: [Int64] = []
            let candidates: [[Value]]
            if let path {
                candidates = try CompiledAccess(path, table).rows([Value](repeating: .null, count: table.columns.count + 1), ctx)
            } else {
                candidates = try session.rows(of: table)
            }
            for r in candidates {
                try session.checkInterrupt()
                if let pred, try !Evaluator.isTrue(pred, r, ctx) { continue }
                chosen.append(r[0].integerValue)
            }
            chosen.sort()
            var padding = RowPadding(table)
            for rowid in chosen {
                try session.checkInterrupt()
                guard var old = try session.row(of: table, rowid: rowid, &padding) else { continue }
                if tx.locksWrites {
                    guard let locked = try lockTarget(table, old, pred, ctx) else { continue }
                    old = locked
                }
                try updateRow(table, old, assignments, triggers, s.onConflict, ctx)
            }
        } else {
            for var old in try onePassRows(table, path, ctx) {
                try session.checkInterrupt()
                if let pred, try !Evaluator.isTrue(pred, old, ctx) { continue }
                if tx.locksWrites {
                    guard let locked = try lockTarget(table, old, pred, ctx) else { continue }
                    old = locked
                }
                try updateRow(table, old, assignments, triggers, s.onConflict, ctx)
            }
        }
        session.invalidate()
    }

    /// Whether SQLite 3.40 updates in two passes (file comment): its update.c turns off the one
    /// pass for triggers, a changed key, REPLACE, an index path on an index the UPDATE writes,
    /// and a MULTI-INDEX OR.
    private func isTwoPass(_ table: TableInfo, _ assigned: Set<Int>, _ triggers: [TriggerInfo], _ path: AccessPath?,
                           _ conflict: ConflictResolution?) throws(StrataError) -> Bool {
        if !triggers.isEmpty || conflict == .replace || assigned.contains(-1) { return true }
        if let r = table.rowidColumn, assigned.contains(r) { return true }
        if table.isWithoutRowid && table.primaryKey.contains(where: assigned.contains) { return true }
        var changed = assigned
        for i in table.generatedColumns where table.columns[i].generated!.dependencies.contains(where: changed.contains) {
            changed.insert(i)
        }
        // An index is written when it holds a changed column or its WHERE reads one.
        func writes(_ ix: IndexInfo) throws(StrataError) -> Bool {
            let scope = tableScope(table)
            var slots: Set<Int> = []
            var subquery = false
            for c in ix.columns {
                if let col = c.column {
                    slots.insert(col + 1)
                } else {
                    Planner.visitSlots(try planner.bind(c.expr, scope).expr, { slots.insert($0) }, &subquery)
                }
            }
            if let w = ix.whereClause { Planner.visitSlots(try planner.bind(w, scope).expr, { slots.insert($0) }, &subquery) }
            return changed.contains { slots.contains($0 + 1) }
        }
        if conflict == nil {
            for ix in tx.catalog.indexes(on: table.name) where ix.onConflict == .replace {
                if try writes(ix) { return true }
            }
        }
        switch path?.kind {
        case .union?: return true
        case .index(let ix)?: return try writes(ix)
        case .rowid?, nil: return false
        }
    }

    /// The rows a one-pass UPDATE visits, in the order SQLite's loop visits them: the path's key
    /// order (`OrderedScan` reads an index entry by entry, IN values in key order), else rowid
    /// order.
    private func onePassRows(_ table: TableInfo, _ path: AccessPath?, _ ctx: EvalContext) throws(StrataError) -> [[Value]] {
        let row = [Value](repeating: .null, count: table.columns.count + 1)
        guard let path else { return try session.rows(of: table) }
        guard case .index = path.kind else { return try CompiledAccess(path, table).rows(row, ctx) }
        var stream = try OrderedScan(path, table, ScanOrder()).open(row, ctx)
        var rows: [[Value]] = []
        var seen: Set<Int64> = []
        while let r = try stream.next() {
            try session.checkInterrupt()
            if seen.insert(r[0].integerValue).inserted { rows.append(r) }
        }
        return rows
    }

    /// Updates one row, `old` as it is now: SET computed from it, BEFORE triggers, the write
    /// (undone as a whole if it fails), AFTER triggers.
    private func updateRow(_ table: TableInfo, _ old: [Value], _ assignments: [(Int, BoundExpr)], _ triggers: [TriggerInfo],
                           _ conflict: ConflictResolution?, _ ctx: EvalContext) throws(StrataError) {
        var new = old
        for (i, e) in assignments { new[i + 1] = try Evaluator.eval(e, old, ctx) }
        let rowidAssigned = assignments.contains { $0.0 == -1 }
        if let r = table.rowidColumn {
            if rowidAssigned { new[r + 1] = new[0] } else { new[0] = new[r + 1] }
        }
        var current = old
        if !triggers.isEmpty {
            if !table.generatedColumns.isEmpty {
                // BEFORE triggers see NEW's generated columns computed, as in SQLite.
                new = try withGeneratedColumns(table, new)
            }
            if try !fire(triggers, .before, table, new: new, old: old) { return }
            // A BEFORE trigger may have deleted the row (then it is not updated, and no AFTER
            // trigger fires) or changed it: the columns SET does not assign take its values now,
            // and the index entries removed are those of the row as it is.
            var padding = RowPadding(table)
            guard let now = try session.row(of: table, rowid: old[0].integerValue, &padding) else { return }
            current = now
            let assigned = Set(assignments.map { $0.0 })
            for i in table.columns.indices where !assigned.contains(i) && !(rowidAssigned && i == table.rowidColumn) {
                new[i + 1] = now[i + 1]
            }
        }
        let written = try rowWrites { () throws(StrataError) -> [Value]? in
            for ix in tx.catalog.indexes(on: table.name) { try removeIndexEntry(ix, table, current) }
            try tx.delete(Keys.row(table.id, current[0].integerValue))
            noteRowidDeleted(table, current[0].integerValue)
            session.invalidate()
            var values = Array(new.dropFirst())
            if let r = table.rowidColumn { values[r] = new[0] }
            let written = try insertRow(table, values, conflict: conflict, explicitRowid: table.rowidColumn == nil ? new[0] : nil,
                                        advancesSequence: false)
            if written == nil {
                // OR IGNORE skipped the new row: the old one stays as it was.
                try insertRow(table, Array(current.dropFirst()), conflict: .abort,
                              explicitRowid: table.rowidColumn == nil ? current[0] : nil, advancesSequence: false)
            }
            return written
        }
        if let written {
            session.statementChanges += 1
            _ = try fire(triggers, .after, table, new: written, old: old)
        }
    }
}
