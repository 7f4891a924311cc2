// Snapshot: a read-only handle on one committed version of the database, readable from any
// number of threads at once while other connections commit; and online backup (CONTRACT.md §7,
// issue 7). The engine side is StrataSQL's ReadSnapshot (Docs/transactions.md, "Snapshot handles
// and backup").

import Dispatch
import StrataCore
import StrataSQL

/// A read-only view of the database as one commit left it, for any number of threads at once.
///
/// Every query on a snapshot sees the same version, however many commits other connections
/// make meanwhile: take one for a consistent report or export while writes go on.
///
/// ```swift
/// let snapshot = try db.snapshot()
/// DispatchQueue.concurrentPerform(iterations: 4) { part in
///     let rows = try? snapshot.fetchAll("SELECT * FROM orders WHERE id % 4 = ?", [part])
///     // ... every part reads the same version
/// }
/// try snapshot.backup(to: "orders-backup.strata")
/// snapshot.close()
/// ```
///
/// Holding a snapshot costs the pages later commits free (they are not reused while the
/// version is pinned), nothing else: it takes no locks and makes no writer wait. ``close()`` or
/// dropping it lets go of the version. Statements that would write fail with
/// ``SQLState/readOnlySQLTransaction``.
public final class Snapshot: Sendable {
    private let snapshot: ReadSnapshot
    private let engine: SQLEngine

    init(engine: SQLEngine) throws(StrataError) {
        self.engine = engine
        try engine.enterStatement()
        defer { engine.leaveStatement() }
        snapshot = try engine.readSnapshot()
    }

    /// Runs `body` inside the engine's count of running statements (so the database does not
    /// close under it).
    private func reading<T>(_ body: () throws(StrataError) -> T) throws(StrataError) -> T {
        try engine.enterStatement()
        defer { engine.leaveStatement() }
        return try body()
    }

    /// Runs one reading statement with `arguments` and returns all its rows.
    ///
    /// - Throws: ``SQLState/readOnlySQLTransaction`` for a statement that would write;
    ///   ``SQLState/connectionDoesNotExist`` after ``close()`` or once the database is closed;
    ///   the statement's own errors otherwise.
    public func fetchAll(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try reading { () throws(StrataError) in
            let parsed = try snapshot.prepare(sql)
            let values = try arguments.values(for: parsed)
            return Connection.rows(try snapshot.run(prepared: parsed, parameters: values)).rows
        }
    }

    /// Runs one reading statement with `arguments` and returns its first row, or nil.
    public func fetchOne(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchAll(sql, arguments).first
    }

    /// Runs one reading statement and decodes each row into `type` (see ``Row/decode(_:)``).
    public func fetchAll<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [T] {
        try fetchAll(sql, arguments).map { try $0.decode(T.self) }
    }

    /// Runs one reading statement and decodes its first row into `type`, or returns nil if it
    /// has none.
    public func fetchOne<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> T? {
        try fetchOne(sql, arguments)?.decode(T.self)
    }

    /// Writes the snapshot's version of the database into a new database file at `path`: a
    /// complete, consistent copy, synced to disk when the call returns, while other connections
    /// go on committing.
    ///
    /// - Throws: ``SQLState/duplicateFile`` if `path` (or its `-wal`) exists (nothing is
    ///   overwritten); ``SQLState/connectionDoesNotExist`` after ``close()`` or once the database
    ///   is closed; an I/O error otherwise, after removing the partial copy.
    public func backup(to path: String) throws {
        try reading { () throws(StrataError) in try snapshot.backup(to: path) }
    }

    /// Lets go of the version; later calls fail with ``SQLState/connectionDoesNotExist``. A call
    /// running on another thread finishes on the version first. Closing again does nothing.
    public func close() { snapshot.close() }

    /// Whether ``close()`` has run.
    public var isClosed: Bool { snapshot.isClosed }
}

extension Database {
    /// A read-only snapshot of the newest committed version (see ``Snapshot``).
    ///
    /// - Throws: ``SQLState/connectionDoesNotExist`` once the database is closed.
    public func snapshot() throws -> Snapshot { try Snapshot(engine: engine) }

    /// Runs `body` with a snapshot of the newest committed version, closed when `body` returns.
    ///
    /// ```swift
    /// let (orders, total) = try db.read { s in
    ///     (try s.fetchOne("SELECT count(*) FROM orders")?[0] as Int?,
    ///      try s.fetchOne("SELECT sum(amount) FROM orders")?[0] as Int?)
    /// }   // both numbers from the same version
    /// ```
    public func read<T>(_ body: (Snapshot) throws -> T) throws -> T {
        let s = try snapshot()
        defer { s.close() }
        return try body(s)
    }

    /// The `async` form of ``read(_:)``: runs `body` on a Dispatch worker thread, so a long read
    /// (an export, a report) does not hold the calling task's thread.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Snapshot) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.read(body) })
            }
        }
    }

    /// Writes the newest committed version into a new database file at `path` (see
    /// ``Snapshot/backup(to:)``), while other connections go on committing.
    public func backup(to path: String) throws {
        try read { try $0.backup(to: path) }
    }
}
