// What a connection can tell about its own state.

extension Connection {
    /// Whether a transaction opened with BEGIN is open on this connection.
    public var isInTransaction: Bool { session.isInTransaction }

    /// Called, on the thread running the statement, each time a statement of this connection
    /// starts to wait: for a lock another transaction holds, or for the serial gate (CONTRACT.md
    /// §4). strata-slt's `statement async` records learn from it that a statement waits
    /// (CONTRACT.md §3). Set it while no statement runs; nil (the default) calls nothing.
    public var onWait: (@Sendable () -> Void)? {
        get { session.waitObserver }
        set { session.waitObserver = newValue }
    }

    /// Autocommit statements this connection ran again after a serialization failure.
    public var autocommitRetries: Int { session.autocommitRetries }
}
