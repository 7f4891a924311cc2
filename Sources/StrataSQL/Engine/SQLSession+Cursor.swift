// QueryCursor: a query's rows stepped by the caller, for the embedded API's RowCursor: a SELECT
// over a large table is read as it is stepped (SelectStream), never held whole.
//
// LIFECYCLE  SQLSession.openCursor (outside BEGIN the query gets its own transaction, as an
//   autocommit statement does; inside, it reads in the open one) -> next() ... -> the end: the
//   last row, an error, or close() (also on deinit). A cursor's own transaction ends then: a query
//   commits nothing, so ending it only lets go of its snapshot, locks and the serial gate.
// The connection must run nothing else while a cursor is open (the public Connection refuses to),
// since the cursor reads through the connection's transaction.
// Statements that are not plain SELECTs (or that need a bigger stack than the caller's thread
// has) run whole at open, and their rows are stepped through in memory.

import StrataCore

package final class QueryCursor {
    /// The result's column names.
    package let columns: [String]
    private var stream: SelectStream?
    private var rows: [[Value]]
    private var position = 0
    private let session: SQLSession?
    /// The query's own transaction (outside BEGIN), ended with the cursor.
    private var own: TransactionState?
    private let text: String

    /// A cursor over rows already computed.
    init(_ result: QueryRows) {
        columns = result.columns
        rows = result.rows
        stream = nil
        session = nil
        text = ""
    }

    init(session: SQLSession, columns: [String], stream: SelectStream, own: TransactionState?, text: String) {
        self.session = session
        self.columns = columns
        self.stream = stream
        self.own = own
        self.text = text
        rows = []
    }

    /// The next row, or nil after the last (and from then on).
    ///
    /// - Throws: what the query throws as it reads (an interrupt, a lock wait's deadlock or
    ///   timeout in a locking mode, a runtime error of an expression); the cursor is then ended.
    package func next() throws(StrataError) -> [Value]? {
        guard let stream else {
            guard position < rows.count else { return nil }
            position += 1
            return rows[position - 1]
        }
        do throws(StrataError) {
            if let row = try stream.next() { return row }
            close()
            return nil
        } catch {
            var e = error
            if e.statement == nil { e.statement = text }
            if own == nil, let session, e.code == .serializationFailure || e.code == .deadlockDetected {
                // As for a statement: the open transaction is aborted.
                session.abort(because: e)
            }
            close()
            throw e
        }
    }

    /// Ends the cursor: no more rows; its own transaction ends. Closing again does nothing.
    package func close() {
        stream = nil
        rows = []
        own?.finish()
        own = nil
    }

    deinit { close() }
}

extension SQLSession {
    /// Opens a cursor over the rows of a prepared statement run with `parameters`.
    ///
    /// A SELECT without FOR UPDATE / FOR SHARE is read as the cursor is stepped, in the open
    /// transaction or in one of its own; any other statement runs now, whole (as
    /// `run(prepared:parameters:)` runs it), and the cursor steps through its rows.
    package func openCursor(prepared parsed: ParsedStatement, parameters: [Value]) throws(StrataError) -> QueryCursor {
        let stored = engine.tallestStoredStatement.load(ordering: .relaxed)
        guard case .select(let select) = parsed.statement, select.rowLock == nil,
              ThreadStack.fitsOnThisThread(height: parsed.height + stored) else {
            return QueryCursor(try run(prepared: parsed, parameters: parameters))
        }
        try parsed.checkParameterCount(parameters.count)
        interrupt.clear()
        do throws(StrataError) {
            if let aborted { throw Self.abortedError(aborted) }
            if pendingBegin != nil { _ = try startPendingTransaction(parsed.statement) }
            let own = transaction == nil
                ? try newTransaction(explicit: false, settings: TransactionSettings(), statement: parsed.statement) : nil
            let tx = own ?? transaction!
            do throws(StrataError) {
                if tx.isolation == .readCommitted { tx.refreshSnapshot() }
                let (columns, stream) = try StatementRunner(session: executionSession(tx, parsed.text), parameters: parameters)
                    .openSelect(select)
                return QueryCursor(session: self, columns: columns, stream: stream, own: own, text: parsed.text)
            } catch {
                own?.finish()
                throw error
            }
        } catch {
            var e = error
            if e.statement == nil { e.statement = parsed.text }
            if transaction != nil, e.code == .serializationFailure || e.code == .deadlockDetected { abort(because: e) }
            throw e
        }
    }
}
