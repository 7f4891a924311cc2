// What a connection can tell about its own state.

extension Connection {
    /// Whether a transaction opened with BEGIN is open on this connection.
    public var isInTransaction: Bool { session.isInTransaction }
}
