// Triggers: BEFORE / AFTER row triggers on tables and INSTEAD OF triggers on views, with WHEN,
// NEW and OLD, and RAISE.
//
// A trigger body runs as ordinary statements inside a StatementRunner whose `trigger` frame
// binds NEW and OLD: they are the sources of an enclosing scope, so `NEW.x` resolves like a
// correlated reference to the row [NEW rowid, NEW columns..., OLD rowid, OLD columns...].
// As in SQLite with recursive_triggers off, a trigger does not fire again while it runs.

import StrataCatalog
import StrataCore

/// NEW and OLD of the row a trigger fires for, and the triggers already running.
struct TriggerFrame {
    let scope: Scope
    let row: [Value]
    let running: Set<String>
}

/// The error RAISE(IGNORE) throws to skip the rest of the current row's processing.
let raiseIgnoreState = SQLState("SRIGN")

/// The error RAISE(ROLLBACK, …) throws: SQLSession rolls the whole transaction back and reports
/// it as a constraint violation (23000).
let raiseRollbackState = SQLState("SRRBK")

enum TriggerTiming2 { case before, after }

extension StatementRunner {
    /// Triggers on `table` for `event` that are not already running.
    func activeTriggers(_ table: String, _ event: TriggerEvent) -> [TriggerInfo] {
        tx.catalog.triggers(on: table).filter { t in
            guard !(trigger?.running.contains(t.name.lowercased()) ?? false) else { return false }
            switch (t.statement.event, event) {
            case (.insert, .insert), (.delete, .delete), (.update, .update): return true
            default: return false
            }
        }
    }

    /// Runs the triggers of one timing for one row. Returns false when a BEFORE trigger said
    /// RAISE(IGNORE): the row's own change is skipped.
    func fire(_ triggers: [TriggerInfo], _ timing: TriggerTiming2, _ table: TableInfo, new: [Value]?, old: [Value]?) throws(StrataError) -> Bool {
        let wanted: TriggerTiming = timing == .before ? .before : .after
        for t in triggers where t.statement.timing == wanted {
            if try !runTrigger(t, columns: table.columns.map(\.name), affinities: table.columns.map(\.affinity), new: new, old: old) {
                return false
            }
        }
        return true
    }

    /// Runs one trigger for one row (WHEN, then the body). False after RAISE(IGNORE).
    func runTrigger(_ t: TriggerInfo, columns: [String], affinities: [Affinity?], new: [Value]?, old: [Value]?) throws(StrataError) -> Bool {
        let width = columns.count + 1
        let scope = Scope(parent: nil)
        let cols = zip(columns, affinities).map { Scope.Column(name: $0.0, affinity: $0.1, collation: .binary) }
        scope.sources = [Scope.Source(name: "new", columns: cols, offset: 1, hasRowid: true),
                         Scope.Source(name: "old", columns: cols, offset: width + 1, hasRowid: true)]
        let nulls = [Value](repeating: .null, count: width)
        let row = (new ?? nulls) + (old ?? nulls)
        var running = trigger?.running ?? []
        running.insert(t.name.lowercased())
        guard running.count < 1000 else { throw StrataError(.programLimitExceeded, "too many levels of trigger recursion") }
        let body = StatementRunner(session: session, parameters: parameters, trigger: TriggerFrame(scope: scope, row: row, running: running))
        // The body's statements count their own changes; when the trigger ends, changes() and
        // last_insert_rowid() are again what they were before it, as SQLite restores them.
        let counts = session.changeCounts
        let outer = (statement: session.statementChanges, changes: counts.changes, rowid: counts.lastInsertRowid)
        defer {
            session.statementChanges = outer.statement
            counts.changes = outer.changes
            counts.lastInsertRowid = outer.rowid
        }
        do throws(StrataError) {
            if let when = t.statement.when {
                let ctx = body.context()
                let b = try Planner(catalog: tx.catalog, session: session).bind(when, Scope(parent: scope)).expr
                if try !Evaluator.isTrue(b, [], ctx) { return true }
            }
            for statement in t.statement.body { _ = try body.run(statement) }
        } catch {
            if error.code == raiseIgnoreState { return false }
            throw error
        }
        session.invalidate()
        return true
    }

    /// INSERT into a table: BEFORE triggers, the row, AFTER triggers.
    func insertFiringTriggers(_ table: TableInfo, _ values: [Value], conflict: ConflictResolution?, explicitRowid: Value?) throws(StrataError) {
        let triggers = activeTriggers(table.name, .insert)
        if triggers.isEmpty {
            let written = try rowWrites { () throws(StrataError) in
                try insertRow(table, values, conflict: conflict, explicitRowid: explicitRowid)
            }
            if let written { countInsert(table, written) }
            return
        }
        var preview = values
        for (i, c) in table.columns.enumerated() { preview[i] = applyAffinity(preview[i], c.affinity) }
        var rowid: Value = explicitRowid ?? .null
        if let r = table.rowidColumn { rowid = preview[r] }
        // BEFORE triggers see NEW's generated columns computed, as in SQLite.
        let new = try withGeneratedColumns(table, [rowid] + preview)
        if try !fire(triggers, .before, table, new: new, old: nil) { return }
        if let written = try rowWrites({ () throws(StrataError) in try insertRow(table, values, conflict: conflict, explicitRowid: explicitRowid) }) {
            countInsert(table, written)
            _ = try fire(triggers, .after, table, new: written, old: nil)
        }
    }

    /// A row the INSERT running now wrote: one change, and last_insert_rowid() (a rowid
    /// table's), which its AFTER triggers already see.
    private func countInsert(_ table: TableInfo, _ written: [Value]) {
        session.statementChanges += 1
        if !table.isWithoutRowid { session.changeCounts.lastInsertRowid = written[0].integerValue }
    }

    // MARK: INSTEAD OF on views

    func viewTriggers(_ view: ViewInfo, _ event: TriggerEvent, verb: String) throws(StrataError) -> [TriggerInfo] {
        let triggers = activeTriggers(view.name, event).filter { $0.statement.timing == .insteadOf }
        guard !triggers.isEmpty else { throw StrataError(.syntaxError, "cannot modify \(view.name) because it is a view") }
        return triggers
    }

    /// The view's rows, with its column names.
    private func viewRows(_ view: ViewInfo) throws(StrataError) -> ([String], [[Value]]) {
        let (plan, _) = try planner.planQuery(view.select, parent: nil)
        let names = view.columns ?? plan.columnNames
        return (names, try QueryExecutor.run(plan, context()))
    }

    private func viewScope(_ view: ViewInfo, _ names: [String]) -> Scope {
        let scope = statementScope()
        scope.sources = [Scope.Source(name: view.name, columns: names.map { Scope.Column(name: $0, affinity: nil, collation: .binary) },
                                      offset: 1, hasRowid: true)]
        return scope
    }

    func insertIntoView(_ view: ViewInfo, _ s: InsertStatement) throws(StrataError) {
        let triggers = try viewTriggers(view, .insert, verb: "insert")
        let (plan, _) = try planner.planQuery(view.select, parent: nil)
        let names = view.columns ?? plan.columnNames
        var targets = Array(0..<names.count)
        if let cols = s.columns {
            targets = []
            for c in cols {
                guard let i = names.firstIndex(where: { $0.caseInsensitiveEquals(c) }) else {
                    throw StrataError(.syntaxError, "table \(view.name) has no column named \(c)")
                }
                targets.append(i)
            }
        }
        var rows: [[Value]] = []
        let ctx = context()
        switch s.source {
        case .values(let list):
            for r in list {
                guard r.count == targets.count else {
                    throw StrataError(.syntaxError, "table \(view.name) has \(names.count) columns but \(r.count) values were supplied")
                }
                var out: [Value] = []
                for e in r { out.append(try Evaluator.eval(try planner.bind(e, statementScope()).expr, [], ctx)) }
                rows.append(out)
            }
        case .select(let select):
            let (p, _) = try planner.planQuery(Self.select(select, with: s.with), parent: statementParent)
            rows = try QueryExecutor.run(p, ctx)
        case .defaultValues:
            rows = [[]]
            targets = []
        }
        for r in rows {
            try session.checkInterrupt()
            var full = [Value](repeating: .null, count: names.count)
            for (k, t) in targets.enumerated() where k < r.count { full[t] = r[k] }
            for t in triggers {
                _ = try runTrigger(t, columns: names, affinities: names.map { _ in nil }, new: [.null] + full, old: nil)
            }
        }
        session.invalidate()
    }

    func deleteFromView(_ view: ViewInfo, _ s: DeleteStatement) throws(StrataError) {
        let triggers = try viewTriggers(view, .delete, verb: "delete")
        let (names, rows) = try viewRows(view)
        let scope = viewScope(view, names)
        let pred = try s.whereClause.map { (w) throws(StrataError) in try planner.bind(w, scope).expr }
        let ctx = context()
        for r in rows {
            try session.checkInterrupt()
            let row = [Value.null] + r
            if let pred, try !Evaluator.isTrue(pred, row, ctx) { continue }
            for t in triggers { _ = try runTrigger(t, columns: names, affinities: names.map { _ in nil }, new: nil, old: row) }
        }
        session.invalidate()
    }

    func updateView(_ view: ViewInfo, _ s: UpdateStatement) throws(StrataError) {
        let assigned = Set(s.assignments.flatMap { $0.columns.map { $0.lowercased() } })
        let triggers = try viewTriggers(view, .update(columns: []), verb: "update").filter { t in
            guard case .update(let cols) = t.statement.event, !cols.isEmpty else { return true }
            return cols.contains { assigned.contains($0.lowercased()) }
        }
        guard !triggers.isEmpty else { throw StrataError(.syntaxError, "cannot modify \(view.name) because it is a view") }
        let (names, rows) = try viewRows(view)
        let scope = viewScope(view, names)
        let pred = try s.whereClause.map { (w) throws(StrataError) in try planner.bind(w, scope).expr }
        var assignments: [(Int, BoundExpr)] = []
        for a in s.assignments {
            guard a.columns.count == 1, let i = names.firstIndex(where: { $0.caseInsensitiveEquals(a.columns[0]) }) else {
                throw StrataError(.syntaxError, "no such column: \(a.columns.first ?? "")", location: a.location)
            }
            assignments.append((i, try planner.bind(a.value, scope).expr))
        }
        let ctx = context()
        for r in rows {
            try session.checkInterrupt()
            let old = [Value.null] + r
            if let pred, try !Evaluator.isTrue(pred, old, ctx) { continue }
            var new = old
            for (i, e) in assignments { new[i + 1] = try Evaluator.eval(e, old, ctx) }
            for t in triggers { _ = try runTrigger(t, columns: names, affinities: names.map { _ in nil }, new: new, old: old) }
        }
        session.invalidate()
    }
}
