// StatementRunner: executes one bound statement inside a transaction: queries, INSERT, UPDATE,
// DELETE (with constraint checks and index maintenance) and DDL.

import StrataCatalog
import StrataCore
import StrataStorage

struct StatementRunner {
    let session: ExecutionSession
    let parameters: [Value]
    /// Set while running a trigger's body: NEW and OLD, and the triggers already running.
    var trigger: TriggerFrame?
    /// The common table expressions of the statement's WITH clause (INSERT, UPDATE, DELETE),
    /// visible to the subqueries of its expressions.
    var ctes: [String: CTEDefinition] = [:]

    init(session: ExecutionSession, parameters: [Value], trigger: TriggerFrame? = nil) {
        self.session = session
        self.parameters = parameters
        self.trigger = trigger
    }

    var tx: TransactionState { session.transaction }

    var planner: Planner { Planner(catalog: tx.catalog, session: session) }
    func context() -> EvalContext {
        let ctx = EvalContext(parameters: parameters, session: session)
        if let trigger { ctx.outer = [trigger.row] }
        return ctx
    }

    /// The scope statements bind in: NEW and OLD inside a trigger body, nothing otherwise.
    var statementParent: Scope? { trigger?.scope }

    /// A scope for the statement's own expressions (inside `statementParent`), seeing its CTEs;
    /// with a table, that table's row (rowid, then columns).
    func statementScope(_ table: TableInfo? = nil) -> Scope {
        let scope = table.map { tableScope($0, parent: statementParent) } ?? Scope(parent: statementParent)
        scope.ctes.merge(ctes) { _, own in own }
        return scope
    }

    /// This runner with the CTEs of a DML statement's WITH clause added.
    func withCTEs(_ clause: WithClause?) -> StatementRunner {
        guard let clause else { return self }
        var runner = self
        for cte in clause.tables {
            runner.ctes[cte.name.lowercased()] = CTEDefinition(name: cte.name, columns: cte.columns, select: cte.select,
                                                               isRecursive: clause.isRecursive, workingTable: nil)
        }
        return runner
    }

    /// The SELECT of `INSERT ... SELECT` with the INSERT's WITH clause in front of its own (whose
    /// names, coming later, shadow the outer ones).
    static func select(_ select: SelectStatement, with clause: WithClause?) -> SelectStatement {
        guard let clause else { return select }
        var out = select
        out.with = WithClause(isRecursive: clause.isRecursive || (select.with?.isRecursive ?? false),
                              tables: clause.tables + (select.with?.tables ?? []))
        return out
    }
    private static let empty = QueryRows(columns: [], rows: [])

    /// The plan of a SELECT: a top-level one is planned once per connection and schema version
    /// and reused by later runs of the same text (`PlanCache`); a trigger's is planned each time.
    private func selectPlan(_ s: SelectStatement) throws(StrataError) -> QueryPlan {
        guard trigger == nil, ctes.isEmpty, let cache = session.planCache, let version = tx.cacheableCatalogVersion else {
            return try planner.planQuery(s, parent: statementParent).0
        }
        if let plan = cache.plan(for: session.statementText, catalogVersion: version) { return plan }
        session.planIsVolatile = false
        let (plan, _) = try planner.planQuery(s, parent: nil)
        if !session.planIsVolatile { cache.store(plan, for: session.statementText, catalogVersion: version) }
        return plan
    }

    /// A SELECT (without FOR UPDATE or FOR SHARE) planned, its rows to be read one at a time.
    func openSelect(_ s: SelectStatement) throws(StrataError) -> (columns: [String], rows: SelectStream) {
        let plan = try selectPlan(s)
        return (plan.columnNames, try SelectStream(plan, context()))
    }

    func run(_ statement: SQLStatement) throws(StrataError) -> QueryRows {
        switch statement {
        case .select(let s):
            let plan = try selectPlan(s)
            if let mode = s.rowLock { try lockSelectedRows(s, plan, mode) }
            return QueryRows(columns: plan.columnNames, rows: try QueryExecutor.run(plan, context()))
        case .insert(let s):
            session.statementChanges = 0
            try withCTEs(s.with).insert(s)
            session.finishChanges()
            if s.table.name.caseInsensitiveEquals("sqlite_stat1") { try reloadStatistics() }
        case .update(let s):
            session.statementChanges = 0
            try withCTEs(s.with).update(s)
            session.finishChanges()
            if s.table.name.caseInsensitiveEquals("sqlite_stat1") { try reloadStatistics() }
        case .delete(let s):
            session.statementChanges = 0
            try withCTEs(s.with).delete(s)
            session.finishChanges()
            if s.table.name.caseInsensitiveEquals("sqlite_stat1") { try reloadStatistics() }
        case .createTable(let s): try createTable(s)
        case .createIndex(let s): try createIndex(s)
        case .createView(let s):
            try createObject(kind: "view", name: s.name.name, ifNotExists: s.ifNotExists, statement: statement, sqlText: nil)
        case .createTrigger(let s):
            guard tx.catalog.table(s.table) != nil || tx.catalog.view(s.table) != nil else {
                if SchemaTable.isTemp(s.table) != nil || tx.catalog.isSequenceTable(s.table) {
                    throw StrataError(.syntaxError, "cannot create trigger on system table", location: s.tableLocation)
                }
                // SQLite names the schema here (CREATE TRIGGER and CREATE INDEX).
                throw StrataError(.undefinedTable, "no such table: main.\(s.table)", location: s.tableLocation)
            }
            if tx.catalog.table(s.table) != nil && s.timing == .insteadOf {
                throw StrataError(.syntaxError, "cannot create INSTEAD OF trigger on table: \(s.table)")
            }
            if tx.catalog.view(s.table) != nil && s.timing != .insteadOf {
                throw StrataError(.syntaxError, "cannot create \(s.timing == .before ? "BEFORE" : "AFTER") trigger on view: \(s.table)")
            }
            if tx.catalog.triggers[s.name.name.lowercased()] != nil {
                if s.ifNotExists { return Self.empty }
                throw StrataError(.syntaxError, "trigger \(s.name.name) already exists")
            }
            try createObject(kind: "trigger", name: s.name.name, ifNotExists: s.ifNotExists, statement: statement, sqlText: nil)
        case .drop(let s): try drop(s)
        case .reindex(let name):
            if let name, tx.catalog.table(name.name) == nil, tx.catalog.index(name.name) == nil,
               !tx.catalog.isSequenceTable(name.name), Collation(name: name.name) == nil {
                throw StrataError(.syntaxError, "unable to identify the object to be reindexed")
            }
        case .pragma(let p): return try pragma(p)
        case .alterTable(let s): try alterTable(s)
        case .explain(let inner, _):
            // EXPLAIN and EXPLAIN QUERY PLAN both show the query plan (StatementRunner+Explain.swift).
            return QueryRows(columns: ExplainQueryPlan.columns, rows: try explainRows(inner))
        case .analyze(let target): try analyze(target)
        case .vacuum, .set, .setTransaction, .savepoint, .release:
            throw StrataError(.syntaxError, "this statement is not supported yet")
        case .begin, .commit, .rollback:
            break
        }
        return Self.empty
    }

    // MARK: DDL

    func createObject(kind: String, name: String, ifNotExists: Bool, statement: SQLStatement, sqlText: String?,
                      reservedNameAllowed: Bool = false) throws(StrataError) {
        if kind != "trigger" && tx.catalog.nameIsTaken(name) {
            if ifNotExists { return }
            throw StrataError(.syntaxError, "\(kind) \(name) already exists")
        }
        if name.lowercased().hasPrefix("sqlite_") && !reservedNameAllowed {
            throw StrataError(.syntaxError, "object name reserved for internal use: \(name)")
        }
        let id = tx.catalog.nextObjectID
        // The catalog keeps the statement's own text (the parser records each statement's text).
        let sql = sqlText ?? session.statementText
        var catalog = tx.catalog
        try SchemaBuilder.install(statement, id: id, sql: sql, into: &catalog)
        catalog.nextObjectID = id + 1
        for ix in catalog.indexes.values where ix.id >= catalog.nextObjectID { catalog.nextObjectID = ix.id + 1 }
        tx.catalog = catalog
        try tx.put(Keys.catalog(id), encodeRecord([.text(kind), .text(name), .text(name), .text(sql)]))
    }


    private func createTable(_ s: CreateTableStatement) throws(StrataError) {
        switch s.body {
        case .definition:
            let id = tx.catalog.nextObjectID
            try createObject(kind: "table", name: s.name.name, ifNotExists: s.ifNotExists, statement: .createTable(s), sqlText: nil)
            if let table = tx.catalog.table(s.name.name), table.id == id {
                if !table.generatedColumns.isEmpty { try validateGeneratedColumns(table) }
                if table.isAutoincrement { try createSequenceTable() }
            }
        case .select(let select):
            if tx.catalog.nameIsTaken(s.name.name) {
                if s.ifNotExists { return }
                throw StrataError(.syntaxError, "table \(s.name.name) already exists")
            }
            let (plan, _) = try planner.planQuery(select, parent: nil)
            let rows = try QueryExecutor.run(plan, context())
            // Each column's declared type comes from its expression's affinity, as in SQLite.
            let cols = plan.columnNames.enumerated().map { (i, name) -> String in
                let quoted = "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
                let affinity = i < plan.resultAffinities.count ? plan.resultAffinities[i] : nil
                switch affinity {
                case .integer?: return quoted + " INT"
                case .text?: return quoted + " TEXT"
                case .real?: return quoted + " REAL"
                case .numeric?: return quoted + " NUM"
                default: return quoted
                }
            }
            let sql = "CREATE TABLE \"\(s.name.name)\"(" + cols.joined(separator: ", ") + ")"
            let parsed = try parseStatement(sql)
            try createObject(kind: "table", name: s.name.name, ifNotExists: false, statement: parsed.statement, sqlText: sql)
            guard let table = tx.catalog.table(s.name.name) else { return }
            for r in rows {
                try session.checkInterrupt()
                try insertRow(table, r, conflict: .abort)
            }
        }
    }

    private func createIndex(_ s: CreateIndexStatement) throws(StrataError) {
        if tx.catalog.table(s.name.name) != nil {
            throw StrataError(.syntaxError, "there is already a table named \(s.name.name)")
        }
        if tx.catalog.nameIsTaken(s.name.name) {
            if s.ifNotExists { return }
            throw StrataError(.syntaxError, "index \(s.name.name) already exists")
        }
        guard let table = tx.catalog.table(s.table) else {
            if SchemaTable.isTemp(s.table) != nil || tx.catalog.isSequenceTable(s.table) {
                throw StrataError(.syntaxError, "table \(s.table) may not be indexed", location: s.tableLocation)
            }
            throw StrataError(.undefinedTable, "no such table: main.\(s.table)", location: s.tableLocation)
        }
        try createObject(kind: "index", name: s.name.name, ifNotExists: false, statement: .createIndex(s), sqlText: nil)
        guard let index = tx.catalog.index(s.name.name) else { return }
        for row in try session.rows(of: table) {
            try session.checkInterrupt()
            try addIndexEntry(index, table, row)
        }
        session.invalidate()
    }

    private func drop(_ s: DropStatement) throws(StrataError) {
        let name = s.name.name
        var catalog = tx.catalog
        switch s.kind {
        case .table:
            guard let table = catalog.table(name) else {
                if catalog.view(name) != nil { throw StrataError(.syntaxError, "use DROP VIEW to delete view \(name)") }
                if SchemaTable.isTemp(name) != nil || catalog.isSequenceTable(name) {
                    throw StrataError(.syntaxError, "table \(name) may not be dropped")
                }
                if s.ifExists { return }
                throw StrataError(.undefinedTable, "no such table: \(name)", location: s.name.location)
            }
            try clearStatistics(table: table.name)
            for ix in catalog.indexes(on: table.name) {
                try deleteRange(Keys.indexRange(ix.id))
                if !ix.isAutomatic { try tx.delete(Keys.catalog(ix.id)) }
                catalog.indexes[ix.name.lowercased()] = nil
            }
            for t in catalog.triggers(on: table.name) {
                try tx.delete(Keys.catalog(t.id))
                catalog.triggers[t.name.lowercased()] = nil
            }
            try deleteRange(Keys.tableRange(table.id))
            try tx.delete(Keys.catalog(table.id))
            try tx.delete(Keys.sequence(table.id))
            catalog.tables[name.lowercased()] = nil
            tx.largestRowid[table.id] = nil
        case .index:
            guard let ix = catalog.index(name) else {
                if s.ifExists { return }
                throw StrataError(.syntaxError, "no such index: \(name)", location: s.name.location)
            }
            guard !ix.isAutomatic else {
                throw StrataError(.syntaxError, "index associated with UNIQUE or PRIMARY KEY constraint cannot be dropped")
            }
            try clearStatistics(index: ix.name)
            try deleteRange(Keys.indexRange(ix.id))
            try tx.delete(Keys.catalog(ix.id))
            catalog.indexes[name.lowercased()] = nil
        case .view:
            guard let v = catalog.view(name) else {
                if catalog.table(name) != nil { throw StrataError(.syntaxError, "use DROP TABLE to delete table \(name)") }
                if s.ifExists { return }
                throw StrataError(.syntaxError, "no such view: \(name)", location: s.name.location)
            }
            try tx.delete(Keys.catalog(v.id))
            catalog.views[name.lowercased()] = nil
        case .trigger:
            guard let t = catalog.triggers[name.lowercased()] else {
                if s.ifExists { return }
                throw StrataError(.syntaxError, "no such trigger: \(name)", location: s.name.location)
            }
            try tx.delete(Keys.catalog(t.id))
            catalog.triggers[name.lowercased()] = nil
        }
        tx.catalog = catalog
        session.invalidate()
        if s.kind == .table || s.kind == .index { try reloadStatistics() }
    }

    func deleteRange(_ range: ([UInt8], [UInt8])) throws(StrataError) {
        var keys: [[UInt8]] = []
        var cursor = try tx.cursor(from: range.0, to: range.1)
        while try cursor.next() { keys.append(cursor.key) }
        for k in keys { try tx.delete(k) }
    }

    // MARK: INSERT

    private func insert(_ s: InsertStatement) throws(StrataError) {
        if tx.catalog.table(s.table.name) == nil, let view = tx.catalog.view(s.table.name) {
            try insertIntoView(view, s)
            return
        }
        guard let table = tx.catalog.table(s.table.name) else {
            if tx.catalog.isSequenceTable(s.table.name) { return try insertIntoSequence(s) }
            try Self.refuseSchemaTable(s.table)
            throw StrataError(.undefinedTable, "no such table: \(s.table.name)", location: s.table.location)
        }
        var targets: [Int] = []
        if let cols = s.columns {
            for c in cols {
                if let i = table.columnIndex(c) {
                    if table.columns[i].generated != nil {
                        throw StrataError(.syntaxError, "cannot INSERT into generated column \"\(table.columns[i].name)\"")
                    }
                    targets.append(i)
                } else if ["rowid", "oid", "_rowid_"].contains(c.lowercased()) {
                    targets.append(-1)
                } else {
                    throw StrataError(.syntaxError, "table \(table.name) has no column named \(c)")
                }
            }
        } else {
            // Generated columns take no value.
            targets = table.columns.indices.filter { table.columns[$0].generated == nil }
        }
        var sourceRows: [[Value]] = []
        let ctx = context()
        switch s.source {
        case .values(let rows):
            let scope = statementScope()
            for r in rows {
                guard r.count == targets.count else {
                    if s.columns != nil { throw StrataError(.syntaxError, "\(r.count) values for \(targets.count) columns") }
                    throw StrataError(.syntaxError, "table \(table.name) has \(table.columns.count - table.generatedColumns.count) columns but \(r.count) values were supplied")
                }
                var out: [Value] = []
                for e in r { out.append(try Evaluator.eval(try planner.bind(e, scope).expr, [], ctx)) }
                sourceRows.append(out)
            }
        case .select(let select):
            let (plan, _) = try planner.planQuery(Self.select(select, with: s.with), parent: statementParent)
            guard plan.width == targets.count else {
                if s.columns != nil { throw StrataError(.syntaxError, "\(plan.width) values for \(targets.count) columns") }
                throw StrataError(.syntaxError, "table \(table.name) has \(table.columns.count - table.generatedColumns.count) columns but \(plan.width) values were supplied")
            }
            sourceRows = try QueryExecutor.run(plan, ctx)
        case .defaultValues:
            sourceRows = [[]]
            targets = []
        }
        do throws(StrataError) {
            for src in sourceRows { try insertSourceRow(table, src, targets: targets, conflict: s.onConflict, ctx) }
        } catch {
            // OR FAIL keeps the rows before the failing one, and so the rowids they used.
            if table.isAutoincrement && session.constraintAction == .fail { try finishSequence(table) }
            throw error
        }
        if table.isAutoincrement { try finishSequence(table) }
        session.invalidate()
    }

    /// One row of an INSERT's source: its values placed in the table's columns (`targets`, -1 for
    /// the rowid), defaults for the rest.
    private func insertSourceRow(_ table: TableInfo, _ src: [Value], targets: [Int], conflict: ConflictResolution?,
                                 _ ctx: EvalContext) throws(StrataError) {
        try session.checkInterrupt()
        var full: [Value?] = Array(repeating: nil, count: table.columns.count)
        var explicitRowid: Value?
        for (k, t) in targets.enumerated() {
            if t < 0 { explicitRowid = src[k] } else { full[t] = src[k] }
        }
        var values: [Value] = []
        for (i, c) in table.columns.enumerated() {
            if let v = full[i] {
                values.append(v)
            } else if let d = c.defaultValue {
                values.append(try Evaluator.eval(try planner.bind(d, Scope(parent: nil)).expr, [], ctx))
            } else {
                values.append(.null)
            }
        }
        if let r = table.rowidColumn, let e = explicitRowid, full[r] == nil { values[r] = e }
        try insertFiringTriggers(table, values, conflict: conflict,
                                 explicitRowid: table.rowidColumn == nil ? explicitRowid : nil)
    }

    /// What a failed constraint does, as in SQLite: the statement's `OR …` clause when it has
    /// one, else the constraint's `ON CONFLICT` clause, else ABORT.
    static func resolve(_ statement: ConflictResolution?, _ constraint: ConflictResolution?) -> ConflictResolution {
        statement ?? constraint ?? .abort
    }

    /// The error of a constraint failure resolved by `action` (ABORT, FAIL or ROLLBACK; REPLACE
    /// where there is nothing to replace acts as ABORT). FAIL and ROLLBACK are noted on the
    /// session, which SQLSession reads to keep the statement's earlier rows or to end the
    /// transaction.
    func violation(_ code: SQLState, _ message: String, _ action: ConflictResolution) -> StrataError {
        violation(StrataError(code, message), action)
    }

    func violation(_ error: StrataError, _ action: ConflictResolution) -> StrataError {
        if action == .fail || action == .rollback { session.constraintAction = action }
        return error
    }

    /// Runs one row's own writes (the row, its index entries, the rows REPLACE deletes, and for
    /// UPDATE the removal of the old row) all or nothing: on an error they are undone, so that a
    /// FAIL conflict keeps the statement's earlier rows and nothing of the failing one (its
    /// BEFORE triggers' changes stay, as in SQLite).
    @discardableResult
    func rowWrites<T>(_ body: () throws(StrataError) -> T) throws(StrataError) -> T {
        let mark = tx.writes.mark()
        do throws(StrataError) {
            let result = try body()
            tx.writes.release(mark)
            return result
        } catch {
            tx.writes.rollback(to: mark)
            tx.largestRowid.removeAll()
            session.invalidate()
            throw error
        }
    }

    /// Inserts one row: affinity, NOT NULL and CHECK constraints, rowid, uniqueness, indexes.
    /// `conflict` is the statement's `OR …` clause (nil: each constraint's own clause decides).
    /// `advancesSequence`: an AUTOINCREMENT table's high-water mark follows the rowid (not for
    /// UPDATE, as in SQLite).
    @discardableResult
    func insertRow(_ table: TableInfo, _ input: [Value], conflict: ConflictResolution?, explicitRowid: Value? = nil,
                   advancesSequence: Bool = true) throws(StrataError) -> [Value]? {
        var values = input
        for (i, c) in table.columns.enumerated() { values[i] = applyAffinity(values[i], c.affinity) }
        var rowid: Int64
        var rowidValue: Value = .null
        if let r = table.rowidColumn { rowidValue = values[r] } else if let e = explicitRowid { rowidValue = e }
        if rowidValue.isNull {
            rowid = try table.isAutoincrement ? nextAutoincrementRowid(table) : try freeRowid(table, from: try nextRowid(table))
        } else {
            let n = applyAffinity(rowidValue, .integer)
            guard case .integer(let i) = n else { throw StrataError(.syntaxError, "datatype mismatch") }
            rowid = i
        }
        // As in SQLite, the rowid counts as used once chosen, even if a constraint's ON CONFLICT
        // IGNORE then skips the row (a failed statement undoes it like its other writes).
        if table.isAutoincrement && advancesSequence { try raiseSequence(table, to: rowid) }
        if let r = table.rowidColumn { values[r] = .integer(rowid) }
        if !table.generatedColumns.isEmpty {
            var row = [Value.integer(rowid)] + values
            try session.computeGenerated(table, &row, table.generatedColumns)
            values = Array(row.dropFirst())
        }
        for (i, c) in table.columns.enumerated() where c.notNull && values[i].isNull {
            let action = Self.resolve(conflict, c.notNullConflict)
            if action == .ignore { return nil }
            if action == .replace, let d = c.defaultValue {
                values[i] = applyAffinity(try Evaluator.eval(try planner.bind(d, Scope(parent: nil)).expr, [], context()), c.affinity)
                continue
            }
            throw violation(.notNullViolation, "NOT NULL constraint failed: \(table.name).\(c.name)", action)
        }
        let row = [Value.integer(rowid)] + values
        // A STRICT table checks its types where SQLite applies the table's affinity: before the
        // CHECK constraints when it has some, else after the rowid's conflict.
        if table.isStrict && !table.checks.isEmpty { try checkStrictTypes(table, values) }
        do throws(StrataError) {
            try checkConstraints(table, row)
        } catch {
            // A CHECK has no clause of its own: the statement's decides. OR IGNORE skips the row
            // (OR REPLACE has nothing to replace: ABORT).
            guard error.code == .checkViolation else { throw error }
            let action = Self.resolve(conflict, nil)
            if action == .ignore { return nil }
            throw violation(error, action)
        }
        // Conflicts: the rowid, then each unique index.
        let key = Keys.row(table.id, rowid)
        var toReplace: [Int64] = []
        // With row write locks the key is locked before it is looked up, so that a row another
        // transaction is inserting is waited for and then seen (READ COMMITTED reads the newest
        // version after such a wait: TransactionState.lockForWrite).
        if tx.locksWrites { try tx.lockForWrite(key) }
        if try tx.get(key) != nil {
            let action = Self.resolve(conflict, table.rowidConflict)
            switch action {
            case .ignore: return nil
            case .replace: toReplace.append(rowid)
            default:
                let name = table.rowidColumn.map { table.columns[$0].name } ?? "rowid"
                throw violation(.uniqueViolation, "UNIQUE constraint failed: \(table.name).\(name)", action)
            }
        }
        if table.isStrict && table.checks.isEmpty { try checkStrictTypes(table, values) }
        let indexes = tx.catalog.indexes(on: table.name)
        for ix in indexes where ix.isUnique {
            guard let entry = try indexValues(ix, table, row), !entry.contains(where: \.isNull) else { continue }
            // The unique value is locked before it is looked up (as the rowid above).
            if tx.locksWrites { try tx.addConflictKey(indexKeyPrefix(ix, entry)) }
            if let other = try findIndexEntry(ix, entry, excluding: rowid) {
                let action = Self.resolve(conflict, ix.onConflict)
                switch action {
                case .ignore: return nil
                case .replace: toReplace.append(other)
                default:
                    let names = ix.columns.map { $0.column.map { table.columns[$0].name } ?? "expr" }
                    throw violation(.uniqueViolation,
                                    "UNIQUE constraint failed: " + names.map { "\(table.name).\($0)" }.joined(separator: ", "), action)
                }
            }
        }
        for r in Set(toReplace) { try deleteRow(table, r) }
        try tx.put(key, encodeRecord(values))
        for ix in indexes { try addIndexEntry(ix, table, row) }
        noteRowidWritten(table, rowid)
        return row
    }

    /// A STRICT table's values, after affinity, must be of their column's type (SQLite's
    /// OP_TypeCheck): "cannot store TEXT value in INT column t.x", whatever the ON CONFLICT
    /// clause says. 23000: SQLite's SQLITE_CONSTRAINT_DATATYPE has no code of its own in
    /// SQLSTATE's class 23.
    func checkStrictTypes(_ table: TableInfo, _ values: [Value]) throws(StrataError) {
        for (c, v) in zip(table.columns, values) where c.generated == nil {
            guard let type = c.strictType, !type.admits(v) else { continue }
            let kind = switch v {
            case .integer: "INT"
            case .real: "REAL"
            case .text: "TEXT"
            case .blob: "BLOB"
            case .null: "NULL"
            }
            throw StrataError(.integrityConstraintViolation,
                              "cannot store \(kind) value in \(type.rawValue) column \(table.name).\(c.name)")
        }
    }

    func checkConstraints(_ table: TableInfo, _ row: [Value]) throws(StrataError) {
        guard !table.checks.isEmpty else { return }
        let scope = tableScope(table)
        for c in table.checks {
            let v = try Evaluator.eval(try planner.bind(c.expr, scope).expr, row, EvalContext(parameters: [], session: session))
            if v.isTrue == false {
                throw StrataError(.checkViolation, "CHECK constraint failed: \(c.name)")
            }
        }
    }

    func tableScope(_ table: TableInfo, parent: Scope? = nil) -> Scope {
        let scope = Scope(parent: parent)
        scope.sources = [Scope.Source(name: table.name, columns: table.columns.map {
            Scope.Column(name: $0.name, affinity: $0.affinity, collation: planner.collation($0.collation))
        }, offset: 1, hasRowid: true)]
        return scope
    }

    // MARK: indexes

    /// The values an index holds for a row [rowid, columns...], or nil when a partial index skips it.
    func indexValues(_ ix: IndexInfo, _ table: TableInfo, _ row: [Value]) throws(StrataError) -> [Value]? {
        if let w = ix.whereClause {
            let v = try Evaluator.eval(try planner.bind(w, tableScope(table)).expr, row, context())
            if (v).isTrue != true { return nil }
        }
        var out: [Value] = []
        for c in ix.columns {
            if let col = c.column {
                out.append(row[col + 1])
            } else {
                out.append(try Evaluator.eval(try planner.bind(c.expr, tableScope(table)).expr, row, context()))
            }
        }
        return out
    }

    func indexKeyPrefix(_ ix: IndexInfo, _ values: [Value]) -> [UInt8] {
        var key = Keys.indexPrefix(ix.id)
        encodeKey(values, descending: ix.columns.map(\.descending),
                  collations: ix.columns.map { $0.collation.flatMap { Collation(name: $0) } ?? .binary }, into: &key)
        return key
    }

    func addIndexEntry(_ ix: IndexInfo, _ table: TableInfo, _ row: [Value]) throws(StrataError) {
        guard let values = try indexValues(ix, table, row) else { return }
        if ix.isUnique, !values.contains(where: \.isNull), let rowid = row.first?.integerValue,
           try findIndexEntry(ix, values, excluding: rowid) != nil {
            let names = ix.columns.map { $0.column.map { table.columns[$0].name } ?? "expr" }
            throw StrataError(.uniqueViolation, "UNIQUE constraint failed: " + names.map { "\(table.name).\($0)" }.joined(separator: ", "))
        }
        var key = indexKeyPrefix(ix, values)
        if ix.isUnique, !values.contains(where: \.isNull) { try tx.addConflictKey(key) }
        Keys.appendRowid(&key, row[0].integerValue)
        try checkKeySize(key, ix)
        try tx.put(key, [])
    }

    /// Refuses an index entry the storage engine could not hold (`Limits.maxKeySize`), in the
    /// statement that writes it, so that only the statement fails and not the transaction's COMMIT.
    /// Row keys (13 bytes) and catalog keys (5 bytes) are always below the limit.
    func checkKeySize(_ key: [UInt8], _ ix: IndexInfo) throws(StrataError) {
        let limits = Limits(pageSize: session.storage.pageSize)
        guard key.count > limits.maxKeySize else { return }
        throw StrataError(.programLimitExceeded,
                          "index entry of \(key.count) bytes for index \(ix.name) on \(ix.table) exceeds the limit of "
                          + "\(limits.maxKeySize) bytes for \(limits.pageSize)-byte pages")
    }

    func removeIndexEntry(_ ix: IndexInfo, _ table: TableInfo, _ row: [Value]) throws(StrataError) {
        guard let values = try indexValues(ix, table, row) else { return }
        var key = indexKeyPrefix(ix, values)
        if ix.isUnique, !values.contains(where: \.isNull) { try tx.addConflictKey(key) }
        Keys.appendRowid(&key, row[0].integerValue)
        try tx.delete(key)
    }

    func findIndexEntry(_ ix: IndexInfo, _ values: [Value], excluding rowid: Int64) throws(StrataError) -> Int64? {
        let prefix = indexKeyPrefix(ix, values)
        var cursor = try tx.cursor(from: prefix, to: prefix + [UInt8](repeating: 0xFF, count: 9))
        while try cursor.next() {
            guard cursor.key.count == prefix.count + 8 else { continue }
            let other = Keys.rowid(fromKey: cursor.key)
            if other != rowid { return other }
        }
        return nil
    }

    // MARK: UPDATE and DELETE

    /// INSERT, UPDATE and DELETE on the schema table fail as in SQLite.
    static func refuseSchemaTable(_ name: QualifiedName) throws(StrataError) {
        if SchemaTable.isTemp(name.name) != nil {
            throw StrataError(.syntaxError, "table \(name.name) may not be modified", location: name.location)
        }
    }

    /// The rows of `table` that may satisfy the bound WHERE `pred`, as [rowid, columns...] in rowid
    /// order: the rows of the access path the planner would choose for `SELECT ... FROM table
    /// WHERE pred` (rowid or index equality and ranges, Planner/AccessPath.swift), or the whole
    /// table. A superset: the caller still checks `pred` on every row.
    func candidateRows(_ table: TableInfo, _ pred: BoundExpr?, _ hint: IndexHint?, _ ctx: EvalContext) throws(StrataError) -> [[Value]] {
        guard let path = try targetPath(table, pred, hint) else { return try session.rows(of: table) }
        return try CompiledAccess(path, table).rows([Value](repeating: .null, count: table.columns.count + 1), ctx)
    }

    /// The access path the planner gives `SELECT ... FROM table [INDEXED BY i | NOT INDEXED]
    /// WHERE pred`, nil for a scan; "no query solution" when INDEXED BY cannot be followed.
    func targetPath(_ table: TableInfo, _ pred: BoundExpr?, _ hint: IndexHint?) throws(StrataError) -> AccessPath? {
        if pred == nil && hint == nil { return nil }
        let width = table.columns.count + 1
        let plan = CorePlan()
        plan.levels = [JoinLevel(source: .table(table), offset: 0, width: width, isLeftJoin: false,
                                 filters: pred.map(Self.conjuncts) ?? [], indexHint: hint)]
        plan.rowWidth = width
        planner.chooseAccessPaths(plan)
        try Planner.checkIndexedBy(plan)
        return plan.levels[0].access
    }

    /// The table an UPDATE or DELETE writes, and the scope its expressions bind in (the table's
    /// row, under its alias).
    func targetTable(_ tableName: QualifiedName, alias: String?, hint: IndexHint?) throws(StrataError) -> (TableInfo, Scope) {
        guard let table = tx.catalog.table(tableName.name) else {
            if tx.catalog.view(tableName.name) != nil { throw StrataError(.syntaxError, "cannot modify \(tableName.name) because it is a view") }
            try Self.refuseSchemaTable(tableName)
            throw StrataError(.undefinedTable, "no such table: \(tableName.name)", location: tableName.location)
        }
        try planner.checkIndexHint(hint, table)
        let scope = statementScope(table)
        if let alias { scope.sources[0].name = alias }
        return (table, scope)
    }

    /// The rows a statement changes (or FOR UPDATE/SHARE marks: `locking` false leaves the row
    /// locks to the caller).
    func targetRows(_ tableName: QualifiedName, alias: String?, hint: IndexHint?, whereClause: Expr?,
                    locking: Bool = true) throws(StrataError) -> (TableInfo, [[Value]], Scope) {
        let (table, scope) = try targetTable(tableName, alias: alias, hint: hint)
        let ctx = context()
        let pred = try whereClause.map { (w) throws(StrataError) in try planner.bindDMLWhere(w, scope, target: table) }
        // The rows are fixed here, before anything changes: read through the access path the
        // planner would give `SELECT ... FROM table WHERE ...`, then checked against all of WHERE.
        let candidates = try candidateRows(table, pred, hint, ctx)
        guard let pred else { return (table, locking && tx.locksWrites ? try lockTargets(table, candidates, nil, ctx) : candidates, scope) }
        var kept: [[Value]] = []
        for r in candidates {
            try session.checkInterrupt()
            if try Evaluator.isTrue(pred, r, ctx) { kept.append(r) }
        }
        return (table, locking && tx.locksWrites ? try lockTargets(table, kept, pred, ctx) : kept, scope)
    }

    /// Takes the row write locks of PESSIMISTIC and READ COMMITTED on the rows a statement will
    /// change, as they were found (`lockTarget`).
    func lockTargets(_ table: TableInfo, _ rows: [[Value]], _ pred: BoundExpr?, _ ctx: EvalContext) throws(StrataError) -> [[Value]] {
        var kept: [[Value]] = []
        for r in rows {
            try session.checkInterrupt()
            if let row = try lockTarget(table, r, pred, ctx) { kept.append(row) }
        }
        return kept
    }

    /// Takes the write lock on row `r` that PESSIMISTIC and READ COMMITTED take before changing
    /// it, and returns the row to change. Under READ COMMITTED a row that a transaction committed
    /// after the statement's snapshot is read again at its newest version and returned only if it
    /// still matches `pred` (nil: skip it); SNAPSHOT PESSIMISTIC fails instead
    /// (TransactionState.lockForWrite). Without row locks it returns `r`.
    func lockTarget(_ table: TableInfo, _ r: [Value], _ pred: BoundExpr?, _ ctx: EvalContext) throws(StrataError) -> [Value]? {
        guard tx.locksWrites, try tx.lockForWrite(Keys.row(table.id, r[0].integerValue)) else { return r }
        tx.refreshSnapshot()
        session.invalidate()
        var padding = RowPadding(table)
        guard let current = try session.row(of: table, rowid: r[0].integerValue, &padding) else { return nil }
        if let pred, try !Evaluator.isTrue(pred, current, ctx) { return nil }
        return current
    }

    private func delete(_ s: DeleteStatement) throws(StrataError) {
        if tx.catalog.table(s.table.name) == nil, let view = tx.catalog.view(s.table.name) {
            try deleteFromView(view, s)
            return
        }
        if tx.catalog.table(s.table.name) == nil, tx.catalog.isSequenceTable(s.table.name) { return try deleteFromSequence(s) }
        let (table, rows, _) = try targetRows(s.table, alias: s.alias, hint: s.indexHint, whereClause: s.whereClause)
        let triggers = activeTriggers(table.name, .delete)
        var padding = RowPadding(table)
        for var r in rows {
            try session.checkInterrupt()
            if !triggers.isEmpty {
                // A trigger of an earlier row may have deleted this one (then it is skipped) or
                // changed it (then OLD is what it is now), as in SQLite, which reads each target
                // row when it comes to it.
                guard let current = try session.row(of: table, rowid: r[0].integerValue, &padding) else { continue }
                r = current
            }
            if try !fire(triggers, .before, table, new: nil, old: r) { continue }
            // A BEFORE trigger that deleted the row itself leaves nothing to delete (and no AFTER).
            if !triggers.isEmpty, try tx.get(Keys.row(table.id, r[0].integerValue)) == nil { continue }
            // After triggers ran, the row is read again, so that the index entries removed are
            // those of its values now.
            try deleteRow(table, r[0].integerValue, row: triggers.isEmpty ? r : nil)
            session.statementChanges += 1
            _ = try fire(triggers, .after, table, new: nil, old: r)
        }
        session.invalidate()
    }

    func deleteRow(_ table: TableInfo, _ rowid: Int64, row known: [Value]? = nil) throws(StrataError) {
        let key = Keys.row(table.id, rowid)
        var row = known
        if row == nil {
            guard let bytes = try tx.get(key) else { return }
            var r: [Value] = [.integer(rowid)]
            r.append(contentsOf: try decodeRecord(bytes))
            var padding = RowPadding(table)
            if r.count < table.columns.count + 1 { try padding.pad(&r, session) }
            row = r
        }
        for ix in tx.catalog.indexes(on: table.name) { try removeIndexEntry(ix, table, row!) }
        try tx.delete(key)
        noteRowidDeleted(table, rowid)
        session.invalidate()
    }
}
