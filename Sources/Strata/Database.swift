// Database: the public handle on one database file (or an in-memory database), shared by any
// number of connections on any threads (CONTRACT.md §7).
//
// LIFECYCLE  open (init) -> connections run statements -> close() (refused while a statement runs
//   or a transaction is open) -> closed: every statement of every connection, statement and
//   snapshot fails with 08003. Dropping a Database without close() loses nothing: the next open
//   replays the write-ahead log.

import StrataCore
import StrataSQL
import StrataStorage

public typealias StrataError = StrataCore.StrataError
public typealias SQLState = StrataCore.SQLState
public typealias Value = StrataCore.Value
public typealias SourceLocation = StrataCore.SourceLocation

/// Matches a thrown error against a SQLSTATE, so that `catch SQLState.uniqueViolation` (or a
/// class code: `catch SQLState.integrityConstraintViolation` for every 23xxx) catches the
/// ``StrataError``s of that code with `import Strata` alone.
public func ~= (pattern: SQLState, error: any Error) -> Bool {
    guard let error = error as? StrataError else { return false }
    return pattern.contains(error.code)
}

/// A database file (or an in-memory database), shared by any number of connections.
///
/// ```swift
/// let db = try Database(path: "ledger.strata")
/// try db.transaction { tx in
///     try tx.execute("CREATE TABLE IF NOT EXISTS accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)")
/// }
/// let connection = db.connection()
/// let total: Int? = try connection.fetchOne("SELECT sum(balance) FROM accounts")?[0]
/// try db.close()
/// ```
///
/// A `Database` is `Sendable`: share it between threads and tasks, and give each thread its own
/// ``Connection`` (or use ``transaction(_:mode:retry:_:)-xjh8``, which lends one).
public final class Database: Sendable {
    let engine: SQLEngine
    /// The options the database was opened with.
    public let options: Options
    /// Idle connections that `transaction(_:mode:retry:_:)` lends.
    let pool = Locked<[Connection]>([])
    /// Transaction retries of all the database's connections.
    let retries = RetryCounter()

    /// Transactions that a transaction closure (``Connection/transaction(_:mode:retry:_:)``, on
    /// any connection of this database, or the database's own) ran again after a serialization
    /// failure or a deadlock, since the database opened.
    public var transactionRetries: Int { retries.count.load(ordering: .relaxed) }

    /// Opens the database file at `path`, creating it if it does not exist; `":memory:"` or nil
    /// opens a new private in-memory database (gone when it is closed or dropped).
    ///
    /// - Throws: ``SQLState/objectInUse`` when the file is open already (by another process, or
    ///   another `Database` of this one: open it once and share the `Database`);
    ///   ``SQLState/ioError`` when it cannot be opened or created; ``SQLState/dataCorrupted``
    ///   when it is not a Strata database or is damaged; ``SQLState/invalidParameterValue`` for an
    ///   invalid option.
    public init(path: String?, options: Options = Options()) throws {
        try options.validate()
        self.options = options
        engine = try SQLEngine(path: path, options: options.engineOptions)
    }

    /// A new private in-memory database.
    public static func inMemory(options: Options = Options()) throws -> Database {
        try Database(path: nil, options: options)
    }

    /// A new connection, with the database's default isolation level, mode and lock timeout.
    ///
    /// Each connection runs one statement at a time and has its own transaction state; open one
    /// per thread that works concurrently. On a closed database the connection's statements fail
    /// with "the database is closed" (``SQLState/connectionDoesNotExist``).
    public func connection() -> Connection {
        let c = Connection(engine: engine, session: engine.session(), retries: retries)
        // Fails only on a closed database, whose connections fail at every call anyway.
        try? c.applyDefaults(options)
        return c
    }

    /// Whether ``close()`` has run.
    public var isClosed: Bool { engine.isClosed }

    /// Checkpoints the write-ahead log into the database file and closes it.
    ///
    /// Closing again does nothing. Afterwards every connection, statement and snapshot of this
    /// database fails with "the database is closed" (``SQLState/connectionDoesNotExist``).
    ///
    /// - Throws: ``SQLState/objectInUse`` (and stays open) while a statement runs, a cursor is
    ///   open or a transaction is open on any connection: finish or roll back first. An I/O error from the
    ///   checkpoint otherwise (the database is closed all the same, and the log is replayed at
    ///   the next open).
    public func close() throws {
        try engine.close()
        pool.withLock { $0.removeAll() }
    }

    /// How a database is opened.
    public struct Options: Sendable {
        /// Page size of a new database: a power of two from 1024 to 65536 (an existing file keeps
        /// its own).
        public var pageSize = 4096
        /// Pages the cache keeps in memory (at least 16).
        public var cachePages = 4096
        /// When a commit is synced to disk.
        public var synchronous = Synchronous.full
        /// The isolation level of a transaction that does not name one (each connection starts
        /// with it; `SET default_isolation` changes one connection's).
        public var defaultIsolation = IsolationLevel.serializable
        /// The concurrency mode of a transaction that does not name one (`SET default_concurrency`).
        public var defaultMode = ConcurrencyMode.optimistic
        /// How long a statement waits for a lock or the serial gate before it fails with
        /// ``SQLState/lockNotAvailable``; nil (the default) waits as long as it takes
        /// (deadlocks are still detected). `SET lock_timeout` changes one connection's.
        public var lockTimeout: Duration?

        public init() {}

        func validate() throws(StrataError) {
            guard pageSize >= 1024 && pageSize <= 65536 && pageSize & (pageSize - 1) == 0 else {
                throw StrataError(.invalidParameterValue, "page size \(pageSize) is not a power of two from 1024 to 65536")
            }
            guard cachePages >= 16 else {
                throw StrataError(.invalidParameterValue, "a cache of \(cachePages) pages is too small (at least 16)")
            }
            if let t = lockTimeout, t <= .zero {
                throw StrataError(.invalidParameterValue, "lock timeout \(t) is not positive (nil waits without a limit)")
            }
        }

        var engineOptions: SQLEngine.Options {
            var o = SQLEngine.Options()
            o.pageSize = pageSize
            o.cachePages = cachePages
            o.synchronous = synchronous.storage
            return o
        }
    }

    /// When commits reach the disk (SQLite's `PRAGMA synchronous`).
    public enum Synchronous: Sendable, Hashable, CaseIterable {
        /// Never syncs: an OS crash or power loss may lose commits or damage the file; a crash
        /// of the process alone loses nothing.
        case off
        /// Syncs at checkpoints only: a power loss may lose the last commits, never damages the file.
        case normal
        /// A commit returns once its log record is on disk (concurrent commits share one sync).
        case full

        var storage: SynchronousMode {
            switch self {
            case .off: .off
            case .normal: .normal
            case .full: .full
            }
        }
    }
}
