// ReadSnapshot: a read-only handle on one committed version of the database, which any number of
// threads may query at the same time while other connections commit; and online backup, which
// copies such a version into a new database file.
//
// A ReadSnapshot pins a storage version (`StorageEngine.snapshot`) and the catalog of that same
// version, taken together under the committed catalog's lock as `SQLSession.newTransaction` takes
// them. Each query builds its own TransactionState (the registry-free kind, which never commits)
// and ExecutionSession over the pinned version, so calls share nothing mutable but the engine's
// decoded-table cache, which is keyed by commit and locked.
//
// INVARIANTS
//   (1) Every query sees exactly the pinned version: its keys, its schema, its statistics.
//   (2) Nothing is ever written: a statement that could write (DML, DDL, transaction control,
//       SET, ANALYZE, VACUUM, FOR UPDATE/SHARE, writing PRAGMAs) is refused with 25006 before it
//       runs, and no TransactionState made here reaches a commit.
//   (3) A snapshot holds no lock, no place in the serial gate and no entry in the
//       TransactionManager (so the commit history it would keep for validation is not kept):
//       only the storage pin, which holds back the pages freed after its version. `close()` or
//       deinit drops the pin; a query running then keeps the version until it returns.
// CONCURRENCY  Sendable. `pinned` is the only mutable state, behind a lock taken briefly per call.

import StrataCatalog
import StrataCore
import StrataStorage
import Synchronization  // Atomic

/// A read-only view of one committed version of the database, for any number of threads.
///
/// Made by ``SQLEngine/readSnapshot()``. Queries see the version pinned then, however many
/// commits follow; statements that would write fail with 25006. Holding it costs the pages that
/// later commits free (they cannot be reused while the version is pinned), nothing else: no locks,
/// no wait for or by writers. ``close()``, or dropping the last reference, releases the version.
package final class ReadSnapshot: Sendable {
    /// What a query reads: the storage version and the catalog of that same version.
    private struct Pinned: Sendable {
        let snapshot: Snapshot
        let catalog: Catalog
        let catalogVersion: UInt64
    }

    package let engine: SQLEngine
    /// The commit this snapshot reads (it stays readable after `close()`).
    package let commit: CommitNumber
    /// nil once closed.
    private let pinned: Locked<Pinned?>
    /// Numbers each execution, as a connection does (`ExecutionSession.generation`).
    private let executions = Atomic<UInt64>(0)

    /// The label of a snapshot's storage pin (`StorageEngine.pins()`).
    package static let pinLabel = "read snapshot"

    fileprivate init(engine: SQLEngine) {
        self.engine = engine
        // Taken together, as SQLSession.newTransaction takes them: a DDL commit publishes its
        // catalog under the same lock, so the version and the catalog always match.
        let pinned = engine.committedCatalog.withLock { committed in
            Pinned(snapshot: engine.storage.snapshot(label: Self.pinLabel), catalog: committed.catalog,
                   catalogVersion: committed.version)
        }
        commit = pinned.snapshot.commit
        self.pinned = Locked(pinned)
    }

    /// Releases the pinned version, so that the pages only it reached can be reused. Queries
    /// after this fail with 08003; a query already running finishes first. Idempotent.
    package func close() {
        let dropped = pinned.withLock { p -> Pinned? in
            let old = p
            p = nil
            return old
        }
        _ = dropped  // released here, outside the lock
    }

    /// Whether `close()` has run.
    package var isClosed: Bool { pinned.withLock { $0 == nil } }

    // MARK: queries

    /// Runs `sql` and returns the rows of its last statement. With parameter values, `sql` must
    /// be one statement. Any thread, any number at once.
    ///
    /// - Parameters:
    ///   - sql: the statements to run.
    ///   - parameters: one value per parameter index (then `sql` must be one statement).
    ///   - interrupt: raised by another thread, stops the statement with 57014. The flag is not
    ///     cleared here: a raised flag stops every later call that passes it.
    /// - Throws: 25006 for a statement that would write (with its location); 08003 once closed;
    ///   any error a query gets on a connection.
    package func query(_ sql: String, parameters: [Value] = [], interrupt: InterruptFlag? = nil) throws(StrataError) -> QueryRows {
        if !parameters.isEmpty { return try run(prepared: prepare(sql), parameters: parameters, interrupt: interrupt) }
        var parser = Parser(sql)
        var last = QueryRows(columns: [], rows: [])
        while let statement = try parser.nextStatement() {
            last = try run(prepared: statement, parameters: [], interrupt: interrupt)
        }
        return last
    }

    /// Parses `sql`, which must be one statement, for running many times with
    /// `run(prepared:parameters:interrupt:)`. A statement that would write is refused here
    /// already (25006). The plan is made at each run (a plan is not shared between threads).
    package func prepare(_ sql: String) throws(StrataError) -> ParsedStatement {
        let parsed = try parseStatement(sql)
        try Self.refuseWrites(parsed)
        return parsed
    }

    /// Runs a prepared statement with one value per parameter index (`?N` counts up to N).
    package func run(prepared parsed: ParsedStatement, parameters: [Value], interrupt: InterruptFlag? = nil) throws(StrataError) -> QueryRows {
        try parsed.checkParameterCount(parameters.count)
        try Self.refuseWrites(parsed)
        let pinned = try current()
        let flag = interrupt ?? InterruptFlag()
        do {
            let stored = engine.tallestStoredStatement.load(ordering: .relaxed)
            return try ThreadStack.withStack(forHeight: parsed.height + stored) { () throws(StrataError) in
                try flag.check()
                let tx = TransactionState(snapshot: pinned.snapshot, isExplicit: false)
                tx.startCatalog(pinned.catalog, version: pinned.catalogVersion)
                let generation = executions.wrappingAdd(1, ordering: .relaxed).newValue
                // No plan cache: a cached plan keeps per-execution state and is not for two
                // threads at once. Decoded tables are shared by commit, as connections share them.
                let session = ExecutionSession(transaction: tx, storage: engine.storage, statementText: parsed.text,
                                               interrupt: flag, sharedTables: engine.decodedTables,
                                               generation: generation, planCache: nil)
                return try StatementRunner(session: session, parameters: parameters).run(parsed.statement)
            }
        } catch {
            var e = error
            if e.statement == nil { e.statement = parsed.text }
            throw e
        }
    }

    // MARK: backup

    /// Writes the pinned version into a new database file at `path`, with the same page size:
    /// every table, index, schema entry, sqlite_sequence row and sqlite_stat1 row. Other
    /// connections may commit meanwhile; the copy is durable when this returns.
    ///
    /// - Throws: 58P02 if `path` (or `path-wal`) exists, which is left untouched; 08003 once
    ///   closed; 57014 if `interrupt` is raised; I/O errors (58030, 53100). A failed backup
    ///   removes its partial file.
    package func backup(to path: String, interrupt: InterruptFlag? = nil) throws(StrataError) {
        let pinned = try current()
        let flag = interrupt ?? InterruptFlag()
        // The check reads the flag through a pointer: the flag must outlive it.
        try withExtendedLifetime(flag) { () throws(StrataError) in
            let check = flag.check
            try pinned.snapshot.backup(to: path) { () throws(StrataError) in try check() }
        }
    }

    // MARK: private

    private func current() throws(StrataError) -> Pinned {
        guard let p = pinned.withLock({ $0 }) else {
            throw StrataError(.connectionDoesNotExist, "the snapshot is closed")
        }
        return p
    }

    /// Throws 25006 if `parsed` could write (INVARIANTS (2)).
    static func refuseWrites(_ parsed: ParsedStatement) throws(StrataError) {
        guard let what = writingStatement(parsed.statement) else { return }
        throw StrataError(.readOnlySQLTransaction, "a snapshot is read-only: cannot run \(what)",
                          location: parsed.location, statement: parsed.text)
    }

    /// PRAGMAs that only read: the schema queries, and the page size.
    private static let readingPragmas: Set<String> = [
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "table_list", "page_size",
    ]

    /// The name of what `statement` would do if it can write, or nil for a reading statement.
    static func writingStatement(_ statement: SQLStatement) -> String? {
        switch statement {
        case .select(let s):
            switch s.rowLock {
            case nil: return nil
            case .forUpdate?: return "SELECT ... FOR UPDATE"
            case .forShare?: return "SELECT ... FOR SHARE"
            }
        case .explain:
            // EXPLAIN plans its statement and never runs it (StatementRunner+Explain.swift).
            return nil
        case .pragma(let p):
            let name = p.name.lowercased()
            if readingPragmas.contains(name) { return nil }
            // synchronous is the engine's setting: reading it is harmless, setting it is not.
            if name == "synchronous" && p.value == nil { return nil }
            // integrity_check walks the newest tree under the writer's lock, not this version.
            return "PRAGMA \(p.name)"
        case .insert: return "INSERT"
        case .update: return "UPDATE"
        case .delete: return "DELETE"
        case .createTable: return "CREATE TABLE"
        case .createView: return "CREATE VIEW"
        case .createIndex: return "CREATE INDEX"
        case .createTrigger: return "CREATE TRIGGER"
        case .drop(let d):
            switch d.kind {
            case .table: return "DROP TABLE"
            case .view: return "DROP VIEW"
            case .index: return "DROP INDEX"
            case .trigger: return "DROP TRIGGER"
            }
        case .alterTable: return "ALTER TABLE"
        case .reindex: return "REINDEX"
        case .begin: return "BEGIN"
        case .commit: return "COMMIT"
        case .rollback: return "ROLLBACK"
        case .savepoint: return "SAVEPOINT"
        case .release: return "RELEASE"
        case .setTransaction: return "SET TRANSACTION"
        case .set: return "SET"
        case .analyze: return "ANALYZE"
        case .vacuum: return "VACUUM"
        }
    }
}

extension SQLEngine {
    /// Pins the newest committed version for reading from any number of threads
    /// (``ReadSnapshot``). Costs one storage pin; takes no lock a writer waits for.
    ///
    /// - Throws: 08003 if the engine is closed.
    package func readSnapshot() throws(StrataError) -> ReadSnapshot {
        guard !storage.isClosed else { throw SQLEngine.closedError }
        return ReadSnapshot(engine: self)
    }

    /// Writes the newest committed version into a new database file at `path`
    /// (``ReadSnapshot/backup(to:interrupt:)`` on a snapshot taken now, released after).
    /// Commits on other connections go on meanwhile; the copy holds none made after it started.
    package func backup(to path: String, interrupt: InterruptFlag? = nil) throws(StrataError) {
        let snapshot = try readSnapshot()
        defer { snapshot.close() }
        try snapshot.backup(to: path, interrupt: interrupt)
    }
}
