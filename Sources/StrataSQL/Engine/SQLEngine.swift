// SQLEngine: one database's SQL layer over its storage engine; SQLSession: one connection's state.
//
// (Issue 3, in progress.) The engine owns the StorageEngine and the catalog; a session parses,
// binds, plans and executes statements, and holds the connection's open transaction.

import StrataCore
import StrataStorage
import Synchronization  // Atomic

#if canImport(Glibc)
import Glibc
#endif

package final class SQLEngine: Sendable {
    /// The committed catalog and its version (counting the commits that changed it); a
    /// transaction works on a copy and publishes it at commit. Cached plans are keyed by the version.
    let committedCatalog: Locked<(catalog: Catalog, version: UInt64)>
    package struct Options: Sendable {
        package var pageSize = 4096
        package var cachePages = 4096
        package var synchronous = SynchronousMode.full
        package init() {}
    }

    /// Statements running now (`enterStatement`), plus `closedFlag` once `close` has run.
    private let activity = Atomic<Int>(0)
    private static let closedFlag = 1 << 62

    package let storage: StorageEngine
    /// Open transactions and recent commits' keys, for validation at COMMIT.
    let transactions: TransactionManager
    /// Parse height of the tallest view, trigger or table definition this engine has stored or
    /// loaded: a statement may bind and run them inside itself (`ThreadStack.withStack`). Only
    /// grows.
    let tallestStoredStatement = Atomic<Int>(0)
    /// Small tables decoded at a committed version, for statements that read them again.
    let decodedTables = DecodedTableCache()

    /// Opens the database at `path`; nil or ":memory:" gives a private database in an anonymous
    /// temporary file (unlinked at once, so nothing is left behind).
    package init(path: String?, options: Options) throws(StrataError) {
        var storageOptions = StorageOptions()
        storageOptions.pageSize = options.pageSize
        storageOptions.cachePages = options.cachePages
        storageOptions.synchronous = options.synchronous
        if let path, path != ":memory:" {
            storage = try StorageEngine.open(path: path, options: storageOptions)
        } else {
            let template = ProcessEnvironment.temporaryDirectory + "/strata-memory-XXXXXX"
            var buffer = Array(template.utf8CString)
            let fd = mkstemp(&buffer)
            guard fd >= 0 else { throw StrataError(.ioError, "cannot create a temporary file for an in-memory database") }
            Glibc.close(fd)
            let tempPath = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            unlink(tempPath)
            storageOptions.synchronous = .off
            storage = try StorageEngine.open(path: tempPath, options: storageOptions)
            unlink(tempPath)
            unlink(tempPath + "-wal")
        }
        transactions = TransactionManager(storage: storage)
        let (loaded, tallest) = try CatalogLoader.load(storage.snapshot(label: "catalog load"))
        committedCatalog = Locked((loaded, 1))
        tallestStoredStatement.store(tallest, ordering: .relaxed)
    }

    package func session() -> SQLSession { SQLSession(engine: self) }

    /// Whether `close` has run.
    package var isClosed: Bool { activity.load(ordering: .acquiring) & Self.closedFlag != 0 }

    /// A statement (or a snapshot's query) starts: fails with 08003 once the engine is closed.
    /// Every call that returns must be paired with `leaveStatement`.
    package func enterStatement() throws(StrataError) {
        let before = activity.wrappingAdd(1, ordering: .acquiring).oldValue
        if before & Self.closedFlag != 0 {
            activity.wrappingSubtract(1, ordering: .relaxed)
            throw Self.closedError
        }
    }

    /// The statement `enterStatement` admitted has ended.
    package func leaveStatement() {
        activity.wrappingSubtract(1, ordering: .releasing)
    }

    package static var closedError: StrataError {
        StrataError(.connectionDoesNotExist, "the database is closed")
    }

    /// Checkpoints and closes the files. Refused (55006) while a statement runs or a transaction
    /// is open on any connection, so nothing a connection is doing is cut off; once closed, every
    /// later statement fails with "the database is closed" (08003). Closing again does nothing.
    package func close() throws(StrataError) {
        if transactions.activeCount > 0 {
            throw StrataError(.objectInUse, "cannot close the database while a connection has a transaction open; commit or roll it back first")
        }
        let (exchanged, before) = activity.compareExchange(expected: 0, desired: Self.closedFlag, ordering: .acquiringAndReleasing)
        if !exchanged {
            if before & Self.closedFlag != 0 { return }
            throw StrataError(.objectInUse, "cannot close the database while a statement is running")
        }
        // A transaction may have opened between the check above and the exchange (its first
        // statement entered and left): refuse then too, and reopen.
        if transactions.activeCount > 0 {
            // Only the flag is taken back: a statement refused meanwhile may not have undone its
            // count yet.
            activity.wrappingSubtract(Self.closedFlag, ordering: .releasing)
            throw StrataError(.objectInUse, "cannot close the database while a connection has a transaction open; commit or roll it back first")
        }
        try storage.close()
    }
}

enum ProcessEnvironment {
    static var temporaryDirectory: String {
        if let t = getenv("TMPDIR") { return String(cString: t) }
        return "/tmp"
    }
}


/// Decoded rows of small tables by committed version, shared by an engine's connections. A
/// committed version never changes, so the rows read at commit N serve every later statement
/// that reads commit N and has no changes of its own (no writes, no DDL in its transaction).
/// Until the planner reads through indexes and ranges (issue 5) every statement reads whole
/// tables; this keeps a run of queries over small tables from decoding them each time.
package final class DecodedTableCache: Sendable {
    /// Tables of more rows are not kept; nor more rows in all (the oldest go first).
    static let maxRowsPerTable = 20_000
    static let maxRows = 100_000

    private struct Entry {
        var commit: CommitNumber
        var rows: [[Value]]
        var lastUse: UInt64
    }

    private struct State {
        var entries: [UInt32: Entry] = [:]
        var rowCount = 0
        var clock: UInt64 = 0
    }

    private let state = Locked(State())

    func rows(of table: UInt32, at commit: CommitNumber) -> [[Value]]? {
        state.withLock { s in
            guard var e = s.entries[table], e.commit == commit else { return nil }
            s.clock &+= 1
            e.lastUse = s.clock
            s.entries[table] = e
            return e.rows
        }
    }

    func store(_ rows: [[Value]], of table: UInt32, at commit: CommitNumber) {
        guard rows.count <= Self.maxRowsPerTable else { return }
        state.withLock { s in
            if let old = s.entries[table] {
                if old.commit > commit { return }
                s.rowCount -= old.rows.count
            }
            while s.rowCount + rows.count > Self.maxRows,
                  let oldest = s.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                s.rowCount -= oldest.value.rows.count
                s.entries[oldest.key] = nil
            }
            s.clock &+= 1
            s.entries[table] = Entry(commit: commit, rows: rows, lastUse: s.clock)
            s.rowCount += rows.count
        }
    }
}
