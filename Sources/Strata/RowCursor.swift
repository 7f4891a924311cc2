// RowCursor: a query's rows read one at a time as the caller steps (CONTRACT.md §7: "iterate
// rows lazily"). A plain SELECT is read from the tables as it is stepped, so a query over a
// large table never holds its result in memory (SelectStream, Docs/library.md); other
// statements run whole when the cursor opens.
//
// INVARIANT  While the cursor is open it holds its connection (Connection.acquire(for:
//   cursorOpen)): the connection runs nothing else, and the database cannot close. It lets go
//   exactly once: at the last row, at an error, at close(), or when dropped.

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
    private let cursor: QueryCursor
    private var connection: Connection?

    init(connection: Connection, cursor: QueryCursor) {
        self.connection = connection
        self.cursor = cursor
        columns = ColumnNames(cursor.columns)
    }

    /// The next row, or nil after the last (and on every call after that).
    ///
    /// - Throws: the query's error as it reads (an interrupt, a lock timeout or deadlock in a
    ///   locking mode, an expression's runtime error); the cursor is closed then.
    public func next() throws -> Row? {
        guard connection != nil else { return nil }
        do {
            if let values = try cursor.next() { return Row(checked: columns, values) }
        } catch {
            close()
            throw error
        }
        close()
        return nil
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
    public func close() {
        guard let connection else { return }
        cursor.close()
        self.connection = nil
        connection.release()
    }

    deinit { close() }
}

extension Connection {
    /// Opens a cursor over the rows of one statement run with `arguments` (see ``RowCursor``).
    ///
    /// - Throws: the statement's error, or an argument error; nothing stays open then.
    public func cursor(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> RowCursor {
        let parsed = try withSession { (s) throws(StrataError) in try s.prepare(sql) }
        return try cursor(prepared: parsed, arguments)
    }
}

extension Statement {
    /// Runs the statement with `arguments` and returns a cursor over its rows (see ``RowCursor``).
    public func cursor(_ arguments: StatementArguments = StatementArguments()) throws -> RowCursor {
        try connection.cursor(prepared: parsed, arguments)
    }
}

extension Connection {
    func cursor(prepared parsed: ParsedStatement, _ arguments: StatementArguments) throws -> RowCursor {
        try acquire(for: Connection.cursorOpen)
        do {
            let values = try arguments.positional(for: parsed.parameterNames, count: parsed.parameterCount,
                                                  location: parsed.location, text: parsed.text)
            return RowCursor(connection: self, cursor: try session.openCursor(prepared: parsed, parameters: values))
        } catch {
            release()
            throw error
        }
    }
}
