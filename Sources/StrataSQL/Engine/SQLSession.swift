// SQLSession: one connection's SQL state: its open transaction, and the loop that parses,
// plans and runs each statement of a script.
//
// A statement outside BEGIN ... COMMIT runs in its own transaction (autocommit). An error in a
// statement undoes that statement only (its write-set changes and catalog changes), as in SQLite,
// except a constraint failure resolved by FAIL, which keeps the statement's earlier rows, and by
// ROLLBACK (or RAISE(ROLLBACK)), which ends the transaction.

import StrataCatalog
import StrataCore
import StrataStorage
#if canImport(Glibc)
import Glibc
#endif

/// Rows and column names of one query.
package struct QueryRows: Sendable {
    package var columns: [String]
    package var rows: [[Value]]
}

/// changes(), total_changes() and last_insert_rowid(): one connection's counts, kept as SQLite
/// keeps them (Docs/sql.md, Expressions).
final class ChangeCounts {
    /// The rows the last INSERT, UPDATE or DELETE to finish changed itself (not its triggers'
    /// rows, nor the rows REPLACE deleted); 0 after one that failed and was undone. Inside a
    /// trigger body, the last such statement of that body, until the trigger ends.
    var changes: Int64 = 0
    /// Every row changed since the connection opened, triggers' rows included; never undone.
    var totalChanges: Int64 = 0
    /// The rowid of the last row an INSERT put into a rowid table (not a WITHOUT ROWID one),
    /// kept even if the statement then fails; a trigger's inserts count only while it runs.
    var lastInsertRowid: Int64 = 0
}

package final class SQLSession {
    let engine: SQLEngine
    /// The open transaction, once its first statement has run (its snapshot is taken then).
    var transaction: TransactionState?
    /// BEGIN has run and no statement since: the settings the transaction will start with.
    var pendingBegin: TransactionSettings?
    /// Open savepoints, innermost last (SQLSession+Transactions.swift).
    var savepoints: [Savepoint] = []
    /// The error that aborted the open transaction (a serialization failure or a deadlock):
    /// every statement fails until ROLLBACK or COMMIT.
    var aborted: StrataError?
    /// The connection's defaults (SET default_isolation, SET default_concurrency).
    package var defaultIsolation = TransactionSettings.Isolation.serializable
    package var defaultMode = TransactionSettings.Mode.optimistic
    /// How long a statement waits for a lock or the serial gate before failing with 55P03
    /// (SET lock_timeout, in milliseconds); nil waits as long as it takes.
    package var lockTimeout: Duration?
    /// Called when a statement starts to wait for a lock or the serial gate (`Connection.onWait`).
    package var waitObserver: (@Sendable () -> Void)?
    /// Autocommit statements run again after a serialization failure, since the connection opened.
    package private(set) var autocommitRetries = 0
    /// Raised by another thread to stop the statement running now (Interrupt.swift).
    package let interrupt = InterruptFlag()
    /// Plans of this connection's top-level SELECTs, reused while the schema is unchanged.
    let planCache = PlanCache()
    /// Statement executions so far: each gets the next number (`ExecutionSession.generation`).
    private var executions: UInt64 = 0
    /// What changes(), total_changes() and last_insert_rowid() answer.
    private let changeCounts = ChangeCounts()

    /// How this connection's transactions wait (made once: a statement would otherwise allocate
    /// its closures).
    private lazy var waits = TransactionState.Waits(interrupt: interrupt, timeout: { [weak self] in self?.lockTimeout },
                                                    onWait: { [weak self] in self?.waitObserver?() })

    init(engine: SQLEngine) { self.engine = engine }

    /// Runs every statement of `sql`, discarding rows; stops at the first error.
    package func execute(_ sql: String) throws(StrataError) {
        var parser = Parser(sql)
        while let statement = try parser.nextStatement() {
            _ = try run(statement, parameters: [])
        }
    }

    /// Runs `sql` and returns the rows of its last statement. With parameter values, `sql` must
    /// be one statement.
    package func query(_ sql: String, parameters: [Value]) throws(StrataError) -> QueryRows {
        if !parameters.isEmpty { return try run(try prepare(sql), parameters: parameters) }
        var parser = Parser(sql)
        var last = QueryRows(columns: [], rows: [])
        while let statement = try parser.nextStatement() {
            last = try run(statement, parameters: [])
        }
        return last
    }

    /// Parses `sql`, which must be one statement, for running many times with `run(_:parameters:)`.
    package func prepare(_ sql: String) throws(StrataError) -> ParsedStatement {
        try parseStatement(sql)
    }

    /// Runs a prepared statement with one value per parameter index (`?N` counts up to N).
    package func run(prepared statement: ParsedStatement, parameters: [Value]) throws(StrataError) -> QueryRows {
        try run(statement, parameters: parameters)
    }

    /// Runs each statement of a script (see Connection.executeScript). An interrupted statement
    /// ends the script whatever `stopOnError` says, as Ctrl-C ends sqlite3's input.
    package func executeScript(_ sql: String, stopOnError: Bool, onRows: (QueryRows) throws -> Void,
                               onError: (StrataError) -> Void) throws {
        var parser = Parser(sql)
        while true {
            let statement: ParsedStatement?
            do throws(StrataError) {
                statement = try parser.nextStatement()
            } catch {
                onError(error)
                throw error
            }
            guard let statement else { return }
            var rows: QueryRows?
            do throws(StrataError) {
                rows = try run(statement, parameters: [])
            } catch {
                onError(error)
                if stopOnError || error.code == .queryCanceled { throw error }
            }
            if let rows, !rows.columns.isEmpty { try onRows(rows) }
        }
    }

    /// Whether a BEGIN is open.
    package var isInTransaction: Bool { transaction != nil || pendingBegin != nil || aborted != nil }

    private func run(_ parsed: ParsedStatement, parameters: [Value]) throws(StrataError) -> QueryRows {
        try parsed.checkParameterCount(parameters.count)
        interrupt.clear()
        do {
            let stored = engine.tallestStoredStatement.load(ordering: .relaxed)
            let result = try ThreadStack.withStack(forHeight: parsed.height + stored) { () throws(StrataError) in
                try runUnlocated(parsed, parameters: parameters)
            }
            switch parsed.statement {
            case .createTable, .createView, .createTrigger, .createIndex:
                _ = engine.tallestStoredStatement.max(parsed.height, ordering: .relaxed)
            default: break
            }
            return result
        } catch {
            var e = error
            if e.statement == nil { e.statement = parsed.text }
            throw e
        }
    }

    private func runUnlocated(_ parsed: ParsedStatement, parameters: [Value]) throws(StrataError) -> QueryRows {
        if let rows = try runTransactionControl(parsed.statement) { return rows }
        if let aborted { throw Self.abortedError(aborted) }
        if pendingBegin != nil { _ = try startPendingTransaction(parsed.statement) }
        if let tx = transaction { return try runStatement(parsed, parameters: parameters, in: tx) }
        // Autocommit: a statement that fails validation at its COMMIT runs again in a new
        // transaction, a bounded number of times (CONTRACT.md §4).
        var attempt = 0
        while true {
            attempt += 1
            let tx = try newTransaction(explicit: false, settings: TransactionSettings(), statement: parsed.statement)
            defer { tx.finish() }
            do {
                return try runStatement(parsed, parameters: parameters, in: tx)
            } catch where error.code == .serializationFailure && attempt < Self.autocommitAttempts {
                tx.finish()
                autocommitRetries += 1
                Self.backOff(attempt: attempt)
                engine.storage.awaitPublished()
                continue
            }
        }
    }

    /// How many times an autocommit statement runs before its serialization failure is reported.
    static let autocommitAttempts = 32

    /// Waits a random time before retry `attempt`, up to 25 us << attempt (at most 10 ms), so
    /// that statements racing for the same rows spread out instead of colliding again.
    static func backOff(attempt: Int) {
        let ceiling = min(25 << min(attempt, 10), 10_000)
        usleep(UInt32.random(in: 0...UInt32(ceiling)))
    }

    private func runStatement(_ parsed: ParsedStatement, parameters: [Value], in tx: TransactionState) throws(StrataError) -> QueryRows {
        // READ COMMITTED reads a new snapshot at each statement.
        if tx.isolation == .readCommitted { tx.refreshSnapshot() }
        let mark = tx.writes.mark()
        let catalogBefore = tx.catalog
        let catalogChangedBefore = tx.catalogChanged
        let session = executionSession(tx, parsed.text)
        let result: QueryRows
        do {
            result = try StatementRunner(session: session, parameters: parameters).run(parsed.statement)
        } catch {
            let conflict: ConflictResolution?
            var isDML = true
            switch parsed.statement {
            case .insert(let s): conflict = s.onConflict
            case .update(let s): conflict = s.onConflict
            case .delete: conflict = nil
            default:
                conflict = nil
                isDML = false
            }
            if session.constraintAction == .fail && isDML && error.code != .queryCanceled && conflict != .rollback && tx.catalogChanged == catalogChangedBefore {
                // FAIL: the statement stops at the failing row and keeps what its earlier rows did
                // (the failing row's own writes were undone by StatementRunner.rowWrites), as in
                // SQLite; in autocommit they are committed. DML leaves the catalog as it was.
                tx.writes.release(mark)
                session.finishChanges()
                if !tx.isExplicit { try commit(tx) }
                throw error
            }
            // An INSERT, UPDATE or DELETE undone changed no rows (its triggers' rows stay counted
            // in total_changes(), as in SQLite).
            if isDML { changeCounts.changes = 0 }
            tx.writes.rollback(to: mark)
            tx.restoreCatalog(catalogBefore, changed: catalogChangedBefore)
            tx.largestRowid.removeAll()
            if session.constraintAction == .rollback || (conflict == .rollback && error.code.classCode == "23") {
                // OR ROLLBACK, or a constraint's ON CONFLICT ROLLBACK: the whole transaction is rolled back.
                if transaction === tx { endTransaction() }
                throw error
            }
            if error.code == raiseRollbackState {
                // RAISE(ROLLBACK) ends the whole transaction, as in SQLite.
                if transaction === tx { endTransaction() }
                var e = error
                e.code = .integrityConstraintViolation
                throw e
            }
            if tx.isExplicit && (error.code == .serializationFailure || error.code == .deadlockDetected) {
                // The whole transaction is aborted; statements fail until ROLLBACK or COMMIT.
                abort(because: error)
            }
            throw error
        }
        tx.writes.release(mark)
        if !tx.isExplicit { try commit(tx) }
        return result
    }

    /// The next execution of a statement in `tx`.
    func executionSession(_ tx: TransactionState, _ text: String) -> ExecutionSession {
        executions += 1
        return ExecutionSession(transaction: tx, storage: engine.storage, statementText: text, interrupt: interrupt,
                                sharedTables: tx.writes.isEmpty && !tx.catalogChanged && !tx.locksReads ? engine.decodedTables : nil,
                                generation: executions, planCache: planCache, changeCounts: changeCounts)
    }

    /// A new transaction with `settings` over the connection's defaults. Reads are recorded for
    /// validation unless the statement cannot write (an autocommit query commits nothing).
    func newTransaction(explicit: Bool, settings: TransactionSettings, statement: SQLStatement) throws(StrataError) -> TransactionState {
        var isolation = settings.isolation ?? defaultIsolation
        if isolation == .repeatableRead { isolation = .snapshot }
        let readOnly: Bool
        if case .select = statement { readOnly = !explicit } else { readOnly = false }
        let mode = settings.mode ?? defaultMode
        let waits = self.waits
        let id = try engine.transactions.enterGate(mode, waits: waits)
        // The snapshot and the catalog are taken together: a DDL commit publishes its catalog
        // under the same lock (`commit`), so a transaction sees both or neither.
        let (snapshot, catalog, version) = engine.committedCatalog.withLock { committed in
            (engine.transactions.begin(id, label: "connection"), committed.catalog, committed.version)
        }
        let tx = TransactionState(manager: engine.transactions, id: id, snapshot: snapshot, isExplicit: explicit,
                                  isolation: isolation, mode: mode, recordReads: !readOnly, waits: waits)
        tx.startCatalog(catalog, version: version)
        return tx
    }

    /// Commits `tx` through the engine's commit pipeline (validation by its level and mode).
    func commit(_ tx: TransactionState) throws(StrataError) {
        // Locks and the gate are freed once the commit is published (`finish`), so a waiter
        // reads it.
        defer { tx.finish() }
        if !tx.hasChanges {
            // Rows marked FOR SHARE are checked even when nothing was written; rows marked FOR
            // UPDATE go through the commit pipeline (an empty commit), so that they also count
            // as written for the transactions that validate after this one.
            guard tx.hasMarkedRows else { return }
            if !tx.conflictKeys.isEmpty {
                try engine.storage.commit(WriteBatch(), hook: engine.transactions.hook(tx.validation()))
            } else {
                try engine.transactions.validateNow(tx.validation())
            }
            return
        }
        try tx.lockForCommit()
        let hook = engine.transactions.hook(tx.validation())
        if tx.catalogChanged {
            // The catalog is published in the same critical section as the commit, so that the
            // next transaction to start sees both or neither.
            let c = tx.catalog
            try engine.committedCatalog.withLock { (committed) throws(StrataError) in
                try engine.storage.commit(tx.writes.batch(), hook: hook)
                committed = (c, committed.version + 1)
            }
        } else {
            try engine.storage.commit(tx.writes.batch(), hook: hook)
        }
    }
}

/// What one statement's execution shares: the transaction, its catalog, and tables read so far.
final class ExecutionSession {
    let transaction: TransactionState
    let storage: StorageEngine
    /// The text of the statement being run (stored in the catalog by CREATE).
    let statementText: String
    private var tableRows: [UInt32: [[Value]]] = [:]
    /// The bound expressions of generated columns, per table definition (`computeGenerated`).
    var generatedBindings: [ObjectIdentifier: (table: TableInfo, expressions: [Int: BoundExpr])] = [:]
    /// Decoded tables shared across statements; nil once this transaction has changes of its own.
    private var sharedTables: DecodedTableCache?
    /// This execution's number on its connection: what a plan reused from the connection's
    /// `PlanCache` caches during one execution (uncorrelated subquery results, index maps) is
    /// valid only under the same number.
    let generation: UInt64
    /// The connection's cache of plans (nil: none is kept).
    let planCache: PlanCache?
    /// Set by the binder when a plan holds a value fixed at planning that must not outlive the
    /// statement (CURRENT_TIMESTAMP and its kin): such a plan is not cached.
    var planIsVolatile = false
    /// Set when a constraint failure was resolved by FAIL or ROLLBACK (`StatementRunner.violation`):
    /// the statement's error then keeps its earlier rows, or ends the transaction.
    var constraintAction: ConflictResolution?
    /// The connection's interrupt request, read by the statement's long loops (Interrupt.swift).
    let interrupt: InterruptFlag
    /// The connection's changes(), total_changes() and last_insert_rowid().
    let changeCounts: ChangeCounts
    /// The rows changed so far by the INSERT, UPDATE or DELETE running now (a trigger body's
    /// statement counts its own: `StatementRunner.runTrigger` keeps the outer count aside).
    var statementChanges: Int64 = 0
    /// `interrupt`'s check, for loops.
    let checkInterrupt: InterruptCheck

    init(transaction: TransactionState, storage: StorageEngine, statementText: String, interrupt: InterruptFlag,
         sharedTables: DecodedTableCache?, generation: UInt64 = 0, planCache: PlanCache? = nil,
         changeCounts: ChangeCounts = ChangeCounts()) {
        self.transaction = transaction
        self.changeCounts = changeCounts
        self.generation = generation
        self.planCache = planCache
        self.storage = storage
        self.statementText = statementText
        self.interrupt = interrupt
        checkInterrupt = interrupt.check
        self.sharedTables = sharedTables
    }

    var catalog: Catalog { transaction.catalog }

    /// Every row of `table` as [rowid, columns...], read once per statement until a write.
    func rows(of table: TableInfo) throws(StrataError) -> [[Value]] {
        if let cached = tableRows[table.id] { return cached }
        let commit = transaction.snapshot.commit
        if let shared = sharedTables?.rows(of: table.id, at: commit) {
            let (lo, hi) = Keys.tableRange(table.id)
            transaction.recordRead(from: lo, to: hi)
            tableRows[table.id] = shared
            return shared
        }
        var out: [[Value]] = []
        let (lo, hi) = Keys.tableRange(table.id)
        var cursor = try transaction.cursor(from: lo, to: hi)
        var padding = RowPadding(table)
        let interrupt = checkInterrupt
        while try cursor.next() {
            try interrupt()
            out.append(try decodeRow(table, Keys.rowid(fromKey: cursor.key), cursor.value, &padding))
        }
        tableRows[table.id] = out
        sharedTables?.store(out, of: table.id, at: commit)
        return out
    }

    /// Every row of `table` if it is already decoded (by this statement, or shared at this
    /// committed version): an access path then searches these instead of the tree.
    func decodedRows(of table: TableInfo) -> [[Value]]? {
        if let cached = tableRows[table.id] { return cached }
        guard let shared = sharedTables?.rows(of: table.id, at: transaction.snapshot.commit) else { return nil }
        let (lo, hi) = Keys.tableRange(table.id)
        transaction.recordRead(from: lo, to: hi)
        tableRows[table.id] = shared
        return shared
    }

    /// Keeps every row of `table`, read whole by a stream (RowStream), as `rows(of:)` would have.
    func keepDecoded(_ rows: [[Value]], of table: TableInfo) {
        tableRows[table.id] = rows
        sharedTables?.store(rows, of: table.id, at: transaction.snapshot.commit)
    }

    /// Forgets rows read so far (after a write); the shared tables no longer apply to this
    /// transaction.
    func invalidate() {
        tableRows.removeAll()
        sharedTables = nil
    }

    /// The INSERT, UPDATE or DELETE running now has finished: its rows are changes() and count
    /// in total_changes().
    func finishChanges() {
        changeCounts.changes = statementChanges
        changeCounts.totalChanges += statementChanges
    }
}
