// INSERT, UPDATE and DELETE on `sqlite_sequence`: they write the AUTOINCREMENT tables' sequence
// records (SequenceTable.swift), so that SQL can read and set a table's high-water mark as in
// SQLite, and SQLite's `.dump` loads (`DELETE FROM sqlite_sequence;` then one
// `INSERT INTO sqlite_sequence VALUES('t',5);` per table). Like any write they go to the
// transaction's write set: a failed statement and a ROLLBACK undo them.
//
// A row must name an AUTOINCREMENT table, byte for byte, and a table has at most one row
// (SequenceTable (1)); a second one is "UNIQUE constraint failed: sqlite_sequence.name", which
// OR IGNORE skips and OR REPLACE resolves by replacing the first. `seq` is stored as given. The
// rowid is the row's place in the table's order and cannot be set.

import StrataCatalog
import StrataCore

extension StatementRunner {
    /// Adds sqlite_sequence to the catalog, as SQLite does with the first AUTOINCREMENT table.
    func createSequenceTable() throws(StrataError) {
        guard tx.catalog.sequenceTable == nil else { return }
        var catalog = tx.catalog
        let id = catalog.nextObjectID
        catalog.sequenceTable = id
        catalog.nextObjectID = id + 1
        tx.catalog = catalog
        try tx.put(Keys.catalog(id), encodeRecord([.text("table"), .text(SequenceTable.name), .text(SequenceTable.name),
                                               .text(SequenceTable.sql)]))
    }

    private static let rowidNames = ["rowid", "oid", "_rowid_"]

    private func refuseRowid() -> StrataError {
        StrataError(.syntaxError, "the rowid of sqlite_sequence cannot be set")
    }

    func insertIntoSequence(_ s: InsertStatement) throws(StrataError) {
        var targets = [0, 1]
        if let cols = s.columns {
            targets = []
            for c in cols {
                if let i = SequenceTable.columnIndex(c) {
                    targets.append(i)
                } else if Self.rowidNames.contains(c.lowercased()) {
                    throw refuseRowid()
                } else {
                    throw StrataError(.syntaxError, "table \(SequenceTable.name) has no column named \(c)")
                }
            }
        }
        func countError(_ values: Int) -> StrataError {
            if s.columns != nil { return StrataError(.syntaxError, "\(values) values for \(targets.count) columns") }
            return StrataError(.syntaxError, "table \(SequenceTable.name) has 2 columns but \(values) values were supplied")
        }
        var sourceRows: [[Value]] = []
        let ctx = context()
        switch s.source {
        case .values(let rows):
            let scope = statementScope()
            for r in rows {
                guard r.count == targets.count else { throw countError(r.count) }
                var out: [Value] = []
                for e in r { out.append(try Evaluator.eval(try planner.bind(e, scope).expr, [], ctx)) }
                sourceRows.append(out)
            }
        case .select(let select):
            let (plan, _) = try planner.planQuery(Self.select(select, with: s.with), parent: statementParent)
            guard plan.width == targets.count else { throw countError(plan.width) }
            sourceRows = try QueryExecutor.run(plan, ctx)
        case .defaultValues:
            sourceRows = [[]]
            targets = []
        }
        for src in sourceRows {
            try session.checkInterrupt()
            var row: [Value] = [.null, .null]
            for (k, t) in targets.enumerated() { row[t] = src[k] }
            let table = try SequenceTable.table(named: row[0], tx.catalog)
            if try SequenceTable.entry(table, tx) != nil {
                let action = Self.resolve(s.onConflict, nil)
                switch action {
                case .ignore: continue
                case .replace: break
                default: throw violation(.uniqueViolation, "UNIQUE constraint failed: \(SequenceTable.name).name", action)
                }
            }
            let ordinal = try SequenceTable.nextOrdinal(tx, excluding: table)
            try tx.put(Keys.sequence(table.id), SequenceTable.Entry(seq: row[1], ordinal: ordinal).record)
            session.statementChanges += 1
            session.changeCounts.lastInsertRowid = ordinal
        }
    }

    /// The rows a DELETE or UPDATE on sqlite_sequence works on (rowid, name, seq: those WHERE
    /// keeps), their tables, and the scope its expressions bind in.
    private func sequenceTargets(alias: String?, whereClause: Expr?) throws(StrataError)
        -> ([(table: TableInfo, row: [Value])], Scope) {
        let scope = Scope(parent: statementParent)
        scope.ctes.merge(ctes) { _, own in own }
        scope.sources = [Scope.Source(name: alias ?? SequenceTable.name,
                                      columns: SequenceTable.columns.map { Scope.Column(name: $0, affinity: .blob, collation: .binary) },
                                      offset: 1, hasRowid: true)]
        let predicate = try whereClause.map { e throws(StrataError) in try planner.bind(e, scope).expr }
        let ctx = context()
        var out: [(table: TableInfo, row: [Value])] = []
        for (table, entry) in try SequenceTable.entries(tx) {
            try session.checkInterrupt()
            let row: [Value] = [.integer(entry.ordinal ?? 0), .text(table.name), entry.seq]
            if let predicate, try !Evaluator.isTrue(predicate, row, ctx) { continue }
            out.append((table, row))
        }
        return (out, scope)
    }

    func deleteFromSequence(_ s: DeleteStatement) throws(StrataError) {
        let (targets, _) = try sequenceTargets(alias: s.alias, whereClause: s.whereClause)
        for (table, _) in targets { try tx.delete(Keys.sequence(table.id)) }
        session.statementChanges += Int64(targets.count)
    }

    func updateSequence(_ s: UpdateStatement) throws(StrataError) {
        guard s.from == nil else { throw StrataError(.syntaxError, "UPDATE ... FROM is not supported yet") }
        let (targets, scope) = try sequenceTargets(alias: s.alias, whereClause: s.whereClause)
        var assignments: [(Int, BoundExpr)] = []
        for a in s.assignments {
            guard a.columns.count == 1 else { throw StrataError(.syntaxError, "row-value assignments are not supported yet") }
            let bound = try planner.bind(a.value, scope).expr
            if let i = SequenceTable.columnIndex(a.columns[0]) {
                assignments.append((i, bound))
            } else if Self.rowidNames.contains(a.columns[0].lowercased()) {
                throw refuseRowid()
            } else {
                throw StrataError(.syntaxError, "no such column: \(a.columns[0])", location: a.location)
            }
        }
        // Every new row is computed from the old rows first, as for a table.
        let ctx = context()
        var updates: [(old: TableInfo, row: [Value])] = []
        for (table, old) in targets {
            try session.checkInterrupt()
            var new = old
            for (i, e) in assignments { new[i + 1] = try Evaluator.eval(e, old, ctx) }
            updates.append((table, new))
        }
        for (old, row) in updates {
            // A row an earlier one replaced (OR REPLACE) is gone.
            guard try SequenceTable.entry(old, tx) != nil else { continue }
            let table = try SequenceTable.table(named: row[1], tx.catalog)
            if table.id != old.id, try SequenceTable.entry(table, tx) != nil {
                let action = Self.resolve(s.onConflict, nil)
                switch action {
                case .ignore: continue
                case .replace: break
                default: throw violation(.uniqueViolation, "UNIQUE constraint failed: \(SequenceTable.name).name", action)
                }
            }
            // The row keeps its rowid, under the table it now names.
            try tx.delete(Keys.sequence(old.id))
            try tx.put(Keys.sequence(table.id), SequenceTable.Entry(seq: row[2], ordinal: row[0].integerValue).record)
            session.statementChanges += 1
        }
    }
}
