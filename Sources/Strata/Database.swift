// The public embedded API (CONTRACT.md §7). This first version is what strata-slt and the
// script-mode shell need; issue 7 grows it (transactions with isolation levels, Decodable rows,
// snapshots, backup).

import StrataCore
import StrataSQL
import StrataStorage

public typealias StrataError = StrataCore.StrataError
public typealias SQLState = StrataCore.SQLState
public typealias Value = StrataCore.Value
public typealias SourceLocation = StrataCore.SourceLocation

/// A database file (or an in-memory database), shared by any number of connections.
public final class Database: Sendable {
    let engine: SQLEngine

    /// Opens or creates the database at `path`; `":memory:"` (or nil) gives a private in-memory one.
    public init(path: String?, options: Options = Options()) throws {
        engine = try SQLEngine(path: path, options: options.engineOptions)
    }

    /// A new connection; each connection runs one statement at a time.
    public func connection() -> Connection { Connection(session: engine.session()) }

    /// Checkpoints and closes the files. Connections must not be used afterwards.
    public func close() throws { try engine.close() }

    public struct Options: Sendable {
        /// Page size for a new database: a power of two from 1024 to 65536.
        public var pageSize = 4096
        /// Pages kept in memory.
        public var cachePages = 4096
        public init() {}

        var engineOptions: SQLEngine.Options {
            var o = SQLEngine.Options()
            o.pageSize = pageSize
            o.cachePages = cachePages
            return o
        }
    }
}

/// The result of a query: column names and rows.
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[Value]]
}

/// A session on a database: runs SQL one statement at a time, with its own transaction state.
public final class Connection {
    let session: SQLSession

    /// Stops the statement this connection is running, from any thread (see ``Interrupter``).
    /// The same object for the connection's whole life.
    public let interrupter: Interrupter

    init(session: SQLSession) {
        self.session = session
        interrupter = Interrupter(flag: session.interrupt)
    }

    /// Runs every statement in `sql` in order, discarding rows; stops at the first error.
    public func execute(_ sql: String) throws {
        try session.execute(sql)
    }

    /// Runs each statement of a script in order, passing every query's rows to `onRows` and every
    /// failed statement's error to `onError`. With `stopOnError` the script ends at the first
    /// failure (which is then also thrown); otherwise the next statement runs. A syntax error
    /// ends the script, since the rest cannot be split into statements reliably, and so does an
    /// interrupted statement (``Interrupter``).
    public func executeScript(_ sql: String, stopOnError: Bool, onRows: (QueryResult) throws -> Void,
                              onError: (StrataError) -> Void) throws {
        try session.executeScript(sql, stopOnError: stopOnError, onRows: { r in
            try onRows(QueryResult(columns: r.columns, rows: r.rows))
        }, onError: onError)
    }

    /// Runs `sql` and returns its rows. Without parameter values `sql` may hold several
    /// statements (the last one's rows are returned); with them it must be one statement, and
    /// `parameters` holds one value per parameter index (`?`, `?N`, `:name`, `@name`, `$name`).
    public func query(_ sql: String, _ parameters: [Value] = []) throws -> QueryResult {
        let r = try session.query(sql, parameters: parameters)
        return QueryResult(columns: r.columns, rows: r.rows)
    }

    /// Whether `sql` ends with a complete statement, as `sqlite3_complete` decides it: a shell
    /// reads lines until this is true. That is when the text, leaving out trailing white space
    /// and comments, ends with a `;` that ends a statement: not one inside a string, a quoted
    /// identifier (`"x"`, `[x]`, `` `x` ``) or a comment, nor one between the `BEGIN` and `END`
    /// of a `CREATE TRIGGER` (whose statement ends at the `;` after `END`). Text that ends inside
    /// a string or comment is incomplete; so is empty text, or only white space and comments.
    /// Whether the statements are valid is not checked.
    public static func isComplete(_ sql: String) -> Bool { isCompleteStatement(sql) }

    /// Parses `sql`, which must be one statement (a trailing semicolon is allowed), for running
    /// many times on this connection.
    ///
    /// - Throws: a syntax error with its position; "more than one statement given" at the second.
    public func prepare(_ sql: String) throws -> Statement {
        Statement(connection: self, parsed: try session.prepare(sql))
    }
}

/// Interrupts a connection's running statement, as `sqlite3_interrupt` does: safe to call from
/// any thread (a signal-watching thread, say) while the connection's thread runs a query.
///
/// `interrupt()` makes the statement running on the connection fail soon with a ``StrataError``
/// whose SQLSTATE is 57014 (``SQLState/queryCanceled``) and whose message is `interrupted`. The
/// statement is undone like any failed statement: only that statement, so an open transaction
/// stays open with its earlier changes, and the connection keeps working. `executeScript` stops
/// at an interrupted statement. With no statement running it has no effect: each statement
/// clears the request as it starts.
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
