// Transactions straight on a Database: a pooled connection is lent for the closure, so callers
// on many threads or tasks need not manage connections. The async variants run the closure on a
// Dispatch worker thread, never on Swift's cooperative pool: a statement may block there waiting
// for a lock or the serial gate.

import Dispatch
import StrataCore

extension Database {
    /// Idle connections kept for `transaction` at most.
    static let poolLimit = 16

    /// Runs `body` in a transaction on a connection lent from the database's pool (see
    /// ``Connection/transaction(_:mode:retry:_:)``: committed when `body` returns, rolled back
    /// when it throws, run again after a serialization failure or a deadlock as `retry` allows).
    ///
    /// ```swift
    /// try db.transaction(.serializable, mode: .optimistic) { tx in
    ///     try tx.execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1")
    ///     try tx.execute("UPDATE accounts SET balance = balance + 10 WHERE id = 2")
    /// }
    /// ```
    ///
    /// The connection goes back to the pool afterwards with the database's defaults: `body`
    /// must not keep it.
    public func transaction<T>(_ isolation: IsolationLevel? = nil, mode: ConcurrencyMode? = nil,
                               retry: RetryPolicy = .default, _ body: (Connection) throws -> T) throws -> T {
        let connection = borrowConnection()
        defer { giveBack(connection) }
        return try connection.transaction(isolation, mode: mode, retry: retry, body)
    }

    /// The `async` form of ``transaction(_:mode:retry:_:)-xjh8``: runs on a Dispatch worker thread,
    /// so the calling task's thread is free while the transaction waits for locks.
    ///
    /// Cancelling the task interrupts the statement running then (it fails with
    /// ``SQLState/queryCanceled``), and a transaction that has not started, or is between
    /// statements or attempts, ends with `CancellationError`; either way it is rolled back.
    public func transaction<T: Sendable>(_ isolation: IsolationLevel? = nil, mode: ConcurrencyMode? = nil,
                                         retry: RetryPolicy = .default,
                                         _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let connection = borrowConnection()
        let cancelled = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                DispatchQueue.global().async {
                    let result = Result {
                        try connection.transaction(isolation, mode: mode, retry: retry) { c in
                            try cancelled.check()
                            let result = try body(c)
                            try cancelled.check()
                            return result
                        }
                    }
                    // From here a cancellation must not reach the connection: it goes back to
                    // the pool, and another borrower's statement would be interrupted.
                    cancelled.retire()
                    self.giveBack(connection)
                    continuation.resume(with: result)
                }
            }
        } onCancel: {
            cancelled.raise { connection.interrupter.interrupt() }
        }
    }

    /// A pooled idle connection, or a new one.
    func borrowConnection() -> Connection {
        pool.withLock { $0.popLast() } ?? connection()
    }

    /// Returns `connection` to the pool with the database's defaults, unless it is closed, still
    /// in a transaction (it is then closed, which rolls back) or the pool is full.
    func giveBack(_ connection: Connection) {
        if connection.isInTransaction { try? connection.close() }
        guard !connection.isClosed, (try? connection.applyDefaults(options)) != nil else { return }
        pool.withLock { idle in
            if idle.count < Self.poolLimit { idle.append(connection) }
        }
    }
}

/// Set when an async transaction's task is cancelled; checked around its closure. Retired when
/// the transaction is over, so a late cancellation does nothing.
final class CancellationFlag: Sendable {
    private struct State {
        var raised = false
        var retired = false
    }

    private let state = Locked(State())

    /// Marks the flag raised and runs `interrupt` (under the lock), unless the transaction is over.
    func raise(then interrupt: () -> Void) {
        state.withLock { s in
            guard !s.retired else { return }
            s.raised = true
            interrupt()
        }
    }

    /// The transaction is over: later cancellations are ignored.
    func retire() { state.withLock { $0.retired = true } }

    func check() throws(CancellationError) {
        if state.withLock({ $0.raised }) { throw CancellationError() }
    }
}
