import StrataCore

/// A set of value tuples with SQLite's notion of "the same" for DISTINCT, GROUP BY, UNION and
/// IN lists: NULL equals NULL, 1 equals 1.0 (and 0 equals -0.0), text compares under each column's
/// collation, and a number never equals text or a blob.
///
/// Tuples are stored as their key encoding (Encoding/Key.swift, INVARIANT 2), so membership is a
/// hash of bytes. The caller applies any affinity first (SQLite's DISTINCT sees stored values).
/// - Complexity: `insert` and `contains` are O(tuple size) on average.
package struct ValueSet: Sendable {
    private var keys: Set<[UInt8]> = []
    private let collations: [Collation]
    private var scratch: [UInt8] = []

    /// A set whose i-th column compares under `collations[i]` (BINARY where missing).
    package init(collations: [Collation] = []) {
        self.collations = collations
    }

    package var count: Int { keys.count }
    package var isEmpty: Bool { keys.isEmpty }

    /// Adds a tuple; returns true if no equal tuple was there (the row is distinct).
    @discardableResult
    package mutating func insert(_ values: [Value]) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        encodeKey(values, collations: collations, into: &scratch)
        return keys.insert(scratch).inserted
    }

    /// Adds one value; returns true if it was new.
    @discardableResult
    package mutating func insert(_ value: Value) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        appendKeyField(value, collation: collations.first ?? .binary, into: &scratch)
        return keys.insert(scratch).inserted
    }

    /// Whether an equal tuple is in the set.
    package func contains(_ values: [Value]) -> Bool {
        keys.contains(encodeKey(values, collations: collations))
    }

    /// Whether an equal single value is in the set.
    package func contains(_ value: Value) -> Bool {
        var key: [UInt8] = []
        appendKeyField(value, collation: collations.first ?? .binary, into: &key)
        return keys.contains(key)
    }

    package mutating func removeAll() { keys.removeAll() }
}
