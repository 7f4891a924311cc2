// TransactionID: names one transaction to the LockManager and the SerialGate, which know
// transactions only as owners of locks.

/// A transaction's identity, unique among the transactions alive at the same time.
///
/// The lock manager and the serial gate record which transaction holds or waits for what under
/// this number and nothing else: a transaction never conflicts with itself, so every request of
/// one transaction must carry the same ID, and two live transactions must never share one.
package struct TransactionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var rawValue: UInt64

    package init(_ rawValue: UInt64) { self.rawValue = rawValue }

    package static func < (a: TransactionID, b: TransactionID) -> Bool { a.rawValue < b.rawValue }

    package var description: String { "transaction \(rawValue)" }
}
