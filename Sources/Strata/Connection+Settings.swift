// What a connection tells about itself, and its transaction defaults (CONTRACT.md §4's
// `SET default_isolation`, `SET default_concurrency`, `SET lock_timeout`, as Swift calls).

import StrataCore
import StrataSQL

extension Connection {
    /// Whether a transaction is open on this connection (opened by BEGIN or SAVEPOINT, and not
    /// yet committed or rolled back; an aborted one counts until ROLLBACK), as of the end of the
    /// connection's last call.
    public var isInTransaction: Bool { mirror.load(ordering: .acquiring) & Self.inTransactionBit != 0 }

    /// The isolation level of this connection's transactions that name none.
    public var defaultIsolation: IsolationLevel {
        get throws { try withSession { (s) throws(StrataError) in IsolationLevel(s.defaultIsolation) } }
    }

    /// The concurrency mode of this connection's transactions that name none.
    public var defaultMode: ConcurrencyMode {
        get throws { try withSession { (s) throws(StrataError) in ConcurrencyMode(s.defaultMode) } }
    }

    /// How long a statement waits for a lock or the serial gate before failing with
    /// ``SQLState/lockNotAvailable``; nil waits as long as it takes.
    public var lockTimeout: Duration? {
        get throws { try withSession { (s) throws(StrataError) in s.lockTimeout } }
    }

    /// Sets the isolation level and mode of this connection's transactions that name none (a
    /// nil argument keeps that setting), as `SET default_isolation` and
    /// `SET default_concurrency` do. An open transaction keeps its own.
    public func setDefaults(isolation: IsolationLevel? = nil, mode: ConcurrencyMode? = nil) throws {
        try withSession { (s) throws(StrataError) in
            if let isolation { s.defaultIsolation = isolation.settings }
            if let mode { s.defaultMode = mode.settings }
        }
    }

    /// Sets how long a statement waits for a lock or the serial gate (nil: as long as it
    /// takes), as `SET lock_timeout` does.
    ///
    /// - Throws: ``SQLState/invalidParameterValue`` for a timeout that is not positive.
    public func setLockTimeout(_ timeout: Duration?) throws {
        if let timeout, timeout <= .zero {
            throw StrataError(.invalidParameterValue, "lock timeout \(timeout) is not positive (nil waits without a limit)")
        }
        try withSession { (s) throws(StrataError) in s.lockTimeout = timeout }
    }

    /// Autocommit statements this connection ran again after a serialization failure (each
    /// retried inside the statement, invisibly), as of the end of its last call.
    public var autocommitRetries: Int { mirror.load(ordering: .acquiring) >> Self.retryShift }

    /// Transactions that ``transaction(_:mode:retry:_:)`` ran again after a serialization
    /// failure or a deadlock, since the connection opened.
    public var transactionRetries: Int { retryCount.load(ordering: .relaxed) }
}
