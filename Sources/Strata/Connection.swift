// Connection: one session on a database: runs statements one at a time, with its own
// transaction state, from any thread.
//
// INVARIANTS
//   (1) The session is touched only between a successful exchange of `state` from idle to busy
//       and the store back to idle (acquire / release): one thread at a time, each seeing
//       everything the previous one did. A second thread (or a re-entrant call from a callback)
//       finds the connection busy and gets 55006, never a data race.
//   (2) Once `state` is closed it stays closed; the session's transaction was rolled back.
// STATES  idle <-> busy (one call running) -> closed (close())

import StrataCore
import StrataSQL
import Synchronization

/// The result of a query: column names and rows of values.
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[Value]]
}

/// A session on a database: runs SQL one statement at a time, with its own transaction state.
///
/// A connection is `Sendable`: use it from any thread or task, one call at a time. A call made
/// while another thread's call is running on the same connection fails at once with
/// ``SQLState/objectInUse`` (it does not wait): give each concurrent worker its own connection.
///
/// ```swift
/// let connection = db.connection()
/// try connection.execute("INSERT INTO users(name, age) VALUES (?, ?)", ["Ada", 36])
/// for row in try connection.fetchAll("SELECT name, age FROM users WHERE age > ?", [30]) {
///     print(try row["name"] as String, try row["age"] as Int)
/// }
/// ```
public final class Connection: @unchecked Sendable {  // (1): the session is reached only through `withSession`
    let session: SQLSession
    /// The database's engine, kept alive while the connection is (not the `Database`, whose pool
    /// holds connections).
    let engine: SQLEngine
    private let state = Atomic<Int>(Connection.idle)
    static let idle = 0, busy = 1, closed = 2, cursorOpen = 3
    /// What other threads may read without taking the connection, as of the end of its last
    /// call: whether a transaction is open (`inTransactionBit`) and the autocommit retries
    /// (shifted by `retryShift`). Written at the end of each call.
    let mirror = Atomic<Int>(0)
    static let inTransactionBit = 1, retryShift = 1
    /// `transaction(_:mode:retry:_:)`'s retries.
    let retryCount = Atomic<Int>(0)
    /// The database's count of the same, over all its connections.
    let databaseRetries: RetryCounter
    /// The open cursor's lease, while one is open (RowCursor.swift).
    let openLease = Locked<CursorLease?>(nil)
    /// Names `savepoint(_:)`'s savepoints apart.
    let savepointCounter = Atomic<Int>(0)

    /// Stops the statement this connection is running, from any thread (see ``Interrupter``).
    /// The same object for the connection's whole life.
    public let interrupter: Interrupter

    init(engine: SQLEngine, session: SQLSession, retries: RetryCounter) {
        self.engine = engine
        databaseRetries = retries
        self.session = session
        interrupter = Interrupter(flag: session.interrupt)
    }

    /// Runs `body` with the session, as the only thread using it (1), inside the engine's count
    /// of running statements (so the database is not closed under it).
    func withSession<T>(_ body: (SQLSession) throws(StrataError) -> T) throws(StrataError) -> T {
        try acquire()
        defer { release() }
        return try body(session)
    }

    /// Makes this thread the connection's only user (1) and counts a running statement; `for`
    /// is what holds it (a call, or an open cursor until it ends).
    func acquire(for holder: Int = Connection.busy) throws(StrataError) {
        let (exchanged, found) = state.compareExchange(expected: Self.idle, desired: holder, ordering: .acquiring)
        guard exchanged else {
            switch found {
            case Self.closed: throw StrataError(.connectionDoesNotExist, "the connection is closed")
            case Self.cursorOpen:
                throw StrataError(.objectInUse, "a cursor is open on this connection; read it to its end or close it first")
            default:
                throw StrataError(.objectInUse, "the connection is running another call; a connection runs one statement at a time (open a connection per thread)")
            }
        }
        do throws(StrataError) {
            try engine.enterStatement()
        } catch {
            state.store(Self.idle, ordering: .releasing)
            throw error
        }
    }

    /// Ends what `acquire` began.
    func release() {
        mirror.store((session.isInTransaction ? Self.inTransactionBit : 0) | session.autocommitRetries << Self.retryShift,
                     ordering: .releasing)
        engine.leaveStatement()
        state.store(Self.idle, ordering: .releasing)
    }

    /// Sets the connection's transaction defaults to the database's (a new connection, or one
    /// going back to the database's pool).
    func applyDefaults(_ options: Database.Options) throws(StrataError) {
        try withSession { (s) throws(StrataError) in
            s.defaultIsolation = options.defaultIsolation.settings
            s.defaultMode = options.defaultMode.settings
            s.lockTimeout = options.lockTimeout
            s.waitObserver = nil
        }
    }

    // MARK: running SQL

    /// Runs every statement in `sql` in order, discarding rows; stops at the first error.
    ///
    /// - Throws: the first statement's ``StrataError``, with its position in `sql`.
    public func execute(_ sql: String) throws {
        try withSession { (s) throws(StrataError) in try s.execute(sql) }
    }

    /// Runs one statement with its parameters bound to `arguments`, discarding any rows.
    ///
    /// ```swift
    /// try connection.execute("DELETE FROM users WHERE id = ?", [42])
    /// ```
    public func execute(_ sql: String, _ arguments: StatementArguments) throws {
        _ = try run(sql, arguments)
    }

    /// Runs one statement and returns all its rows (none for a statement that is not a query).
    public func fetchAll(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try run(sql, arguments).rows
    }

    /// Runs one statement and returns its first row, or nil if it has none.
    public func fetchOne(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try run(sql, arguments).rows.first
    }

    /// Runs `sql` and returns its rows. Without parameter values `sql` may hold several
    /// statements (the last one's rows are returned); with them it must be one statement, and
    /// `parameters` holds one value per parameter index (`?`, `?N`, `:name`, `@name`, `$name`).
    public func query(_ sql: String, _ parameters: [Value] = []) throws -> QueryResult {
        let r = try withSession { (s) throws(StrataError) in try s.query(sql, parameters: parameters) }
        return QueryResult(columns: r.columns, rows: r.rows)
    }

    /// Runs each statement of a script in order, passing every query's rows to `onRows` and every
    /// failed statement's error to `onError`. With `stopOnError` the script ends at the first
    /// failure (which is then also thrown); otherwise the next statement runs. A syntax error
    /// ends the script, since the rest cannot be split into statements reliably, and so does an
    /// interrupted statement (``Interrupter``).
    ///
    /// The callbacks run while the connection is busy: they must not use this connection.
    public func executeScript(_ sql: String, stopOnError: Bool, onRows: (QueryResult) throws -> Void,
                              onError: (StrataError) -> Void) throws {
        try acquire()
        defer { release() }
        try session.executeScript(sql, stopOnError: stopOnError, onRows: { r in
            try onRows(QueryResult(columns: r.columns, rows: r.rows))
        }, onError: onError)
    }

    /// Parses `sql`, which must be one statement (a trailing semicolon is allowed), for running
    /// many times on this connection.
    ///
    /// - Throws: a syntax error with its position; "more than one statement given" at the second.
    public func prepare(_ sql: String) throws -> Statement {
        let parsed = try withSession { (s) throws(StrataError) in try s.prepare(sql) }
        return Statement(connection: self, parsed: parsed)
    }

    /// Runs one statement with `arguments` (a prepared statement's run without keeping it).
    func run(_ sql: String, _ arguments: StatementArguments) throws(StrataError) -> (columns: ColumnNames, rows: [Row]) {
        try withSession { (s) throws(StrataError) in
            let parsed = try s.prepare(sql)
            let values = try arguments.values(for: parsed)
            return Self.rows(try s.run(prepared: parsed, parameters: values))
        }
    }

    /// A result's rows as `Row`s sharing one `ColumnNames`.
    static func rows(_ r: QueryRows) -> (columns: ColumnNames, rows: [Row]) {
        let names = ColumnNames(r.columns)
        return (names, r.rows.map { Row(checked: names, $0) })
    }

    /// Whether `sql` ends with a complete statement, as `sqlite3_complete` decides it: a shell
    /// reads lines until this is true. That is when the text, leaving out trailing white space
    /// and comments, ends with a `;` that ends a statement: not one inside a string, a quoted
    /// identifier (`"x"`, `[x]`, or x in backquotes) or a comment, nor one between the `BEGIN` and `END`
    /// of a `CREATE TRIGGER` (whose statement ends at the `;` after `END`). Text that ends inside
    /// a string or comment is incomplete; so is empty text, or only white space and comments.
    /// Whether the statements are valid is not checked.
    public static func isComplete(_ sql: String) -> Bool { isCompleteStatement(sql) }

    // MARK: closing

    /// Ends an open cursor (its next step throws ``SQLState/invalidCursorState``), rolls back the
    /// open transaction, if any, and closes the connection: every later call on it, and on its
    /// prepared statements, fails with "the connection is closed"
    /// (``SQLState/connectionDoesNotExist``). Closing again does nothing. A connection that is
    /// simply dropped is closed the same way.
    ///
    /// - Throws: ``SQLState/objectInUse`` if another thread is running a call on the connection.
    public func close() throws {
        cutOffCursor()
        let (exchanged, found) = state.compareExchange(expected: Self.idle, desired: Self.busy, ordering: .acquiring)
        guard exchanged else {
            if found == Self.closed { return }
            if found == Self.cursorOpen {
                throw StrataError(.objectInUse, "cannot close the connection while a cursor is open on it; close the cursor first")
            }
            throw StrataError(.objectInUse, "cannot close the connection while another thread runs a call on it")
        }
        session.rollbackAll()
        mirror.store(0, ordering: .releasing)
        state.store(Self.closed, ordering: .releasing)
    }

    /// Whether ``close()`` has run (not whether the database is closed).
    public var isClosed: Bool { state.load(ordering: .acquiring) == Self.closed }
}

/// Transaction retries counted over all the connections of a database.
final class RetryCounter: Sendable {
    let count = Atomic<Int>(0)
    init() {}
}

/// Interrupts a connection's running statement, as `sqlite3_interrupt` does: safe to call from
/// any thread (a signal-watching thread, say) while the connection's thread runs a query.
///
/// `interrupt()` makes the statement running on the connection fail soon with a ``StrataError``
/// whose SQLSTATE is 57014 (``SQLState/queryCanceled``) and whose message is `interrupted`. The
/// statement is undone like any failed statement: only that statement, so an open transaction
/// stays open with its earlier changes, and the connection keeps working. `executeScript` stops
/// at an interrupted statement. With no statement running it has no effect: each statement
/// clears the request as it starts. An open ``RowCursor`` counts as running: an interrupt between
/// its steps stops its next step.
///
/// ```swift
/// let interrupter = connection.interrupter
/// DispatchQueue.global().asyncAfter(deadline: .now() + 1) { interrupter.interrupt() }
/// do { _ = try connection.query(longQuery) } catch SQLState.queryCanceled { print("interrupted") }
/// ```
public final class Interrupter: Sendable {
    private let flag: InterruptFlag

    init(flag: InterruptFlag) { self.flag = flag }

    /// Asks the statement running on the connection, if any, to stop.
    public func interrupt() { flag.raise() }
}
