// RowCursor: a query's rows read one at a time as the caller steps (CONTRACT.md §7: "iterate
// rows lazily"). A plain SELECT is read from the tables as it is stepped, so a query over a
// large table never holds its result in memory (SelectStream, Docs/library.md); other
// statements run whole when the cursor opens.
//
// INVARIANTS
//   (1) While a cursor is open it holds its connection (Connection.acquire(for: cursorOpen)): the
//       connection runs nothing else, and the database cannot close.
//   (2) The engine cursor lives in the cursor's `CursorLease`, stepped and ended only under the
//       lease's lock; the lease ends exactly once (the last row, an error, close(), deinit, or the
//       end of the transaction closure or savepoint it was opened in, or Connection.close()), and
//       whoever ends it gives the connection back. So ending it from the connection's side never
//       races a step.

import StrataCore
import StrataSQL

/// The rows of a query, read one at a time.
///
/// ```swift
/// let cursor = try connection.cursor("SELECT id, name FROM users WHERE active")
/// while let row = try cursor.next() {
///     print(try row["id"] as Int, try row["name"] as String)
/// }
/// ```
///
/// A SELECT's rows are read from the tables as you step (except where the query must see every
/// row first: an ORDER BY no index gives, GROUP BY, aggregates, DISTINCT over a sort, compound
/// queries), so iterating a large table takes little memory, and stopping early reads no more.
///
/// While a cursor is open its connection runs nothing else: other calls on it fail with
/// ``SQLState/objectInUse`` until the cursor has given its last row, thrown, or been closed.
/// Outside a transaction the query reads one snapshot from the cursor's opening to its end.
/// A cursor is not `Sendable`: step it where it was opened.
public final class RowCursor {
    /// The result's column names.
    public let columns: ColumnNames
    private let lease: CursorLease

    init(lease: CursorLease, columns: [String]) {
        self.lease = lease
        self.columns = ColumnNames(columns)
    }

    /// The next row, or nil after the last (and on every call after that).
    ///
    /// - Throws: the query's error as it reads (an interrupt, a lock timeout or deadlock in a
    ///   locking mode, an expression's runtime error); the cursor is closed then.
    ///   ``SQLState/invalidCursorState`` once the transaction or savepoint closure the cursor was
    ///   opened in has returned, or its connection was closed, with rows left unread.
    public func next() throws -> Row? {
        try lease.step().map { Row(checked: columns, $0) }
    }

    /// Calls `body` with each row left, in order.
    public func forEach(_ body: (Row) throws -> Void) throws {
        while let row = try next() { try body(row) }
    }

    /// The rows left, read into an array.
    public func collect() throws -> [Row] {
        var out: [Row] = []
        while let row = try next() { out.append(row) }
        return out
    }

    /// Ends the cursor and gives its connection back; later `next()` calls return nil. Closing
    /// again does nothing.
    public func close() { lease.end(cutOff: false) }

    deinit { close() }
}

/// An open cursor's hold on its connection (2): the engine cursor, and how the hold ended.
final class CursorLease: Sendable {
    enum State {
        case open(QueryCursor)
        /// Read to its end, failed, or closed by its owner.
        case finished
        /// Ended from the connection's side with rows unread.
        case cutOff
    }

    private let state: Locked<State>
    private let connection: Connection

    init(_ cursor: sending QueryCursor, connection: Connection) {
        state = Locked(.open(cursor))
        self.connection = connection
    }

    /// The next row; nil at the end (the lease then ends).
    func step() throws(StrataError) -> [Value]? {
        let (row, ended): ([Value]?, Bool) = try state.withLock { (s) throws(StrataError) in
            switch s {
            case .finished: return (nil, false)
            case .cutOff:
                throw StrataError(.invalidCursorState, "the cursor ended with the transaction it was opened in (or its connection closed) before its last row")
            case .open(let cursor):
                do throws(StrataError) {
                    if let row = try cursor.next() { return (row, false) }
                } catch {
                    cursor.close()
                    s = .finished
                    connection.releaseCursor(self)
                    throw error
                }
                cursor.close()
                s = .finished
                return (nil, true)
            }
        }
        if ended { connection.releaseCursor(self) }
        return row
    }

    /// Ends the lease if it is open, giving the connection back: `cutOff` with rows left unread
    /// (then a later step throws 24000), otherwise as finished.
    func end(cutOff: Bool) {
        let ended = state.withLock { s -> Bool in
            guard case .open(let cursor) = s else { return false }
            cursor.close()
            s = cutOff ? .cutOff : .finished
            return true
        }
        if ended { connection.releaseCursor(self) }
    }
}

extension Connection {
    /// Opens a cursor over the rows of one statement run with `arguments` (see ``RowCursor``).
    ///
    /// - Throws: the statement's error, or an argument error; nothing stays open then.
    public func cursor(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> RowCursor {
        let parsed = try withSession { (s) throws(StrataError) in try s.prepare(sql) }
        return try cursor(prepared: parsed, arguments)
    }

    func cursor(prepared parsed: ParsedStatement, _ arguments: StatementArguments) throws -> RowCursor {
        try acquire(for: Connection.cursorOpen)
        let opened: QueryCursor
        do {
            let values = try arguments.values(for: parsed)
            opened = try session.openCursor(prepared: parsed, parameters: values)
        } catch {
            release()
            throw error
        }
        let columns = opened.columns
        let lease = CursorLease(opened, connection: self)
        openLease.withLock { $0 = lease }
        return RowCursor(lease: lease, columns: columns)
    }

    /// Gives the connection back from `lease`'s cursor (the lease has ended).
    func releaseCursor(_ lease: CursorLease) {
        openLease.withLock { if $0 === lease { $0 = nil } }
        release()
    }

    /// Ends the open cursor, if any, with its rows left unread (its transaction ends, or the
    /// connection closes).
    func cutOffCursor() {
        openLease.withLock { $0 }?.end(cutOff: true)
    }
}

extension Statement {
    /// Runs the statement with `arguments` and returns a cursor over its rows (see ``RowCursor``).
    public func cursor(_ arguments: StatementArguments = StatementArguments()) throws -> RowCursor {
        try connection.cursor(prepared: parsed, arguments)
    }
}
