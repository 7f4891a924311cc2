// WriteSet: a transaction's buffered changes (key -> new value or tombstone), which its own reads
// see on top of its snapshot, with statement-level undo.
//
// INVARIANTS
//   (1) `entries` holds at most one change per key; a nil value is a tombstone.
//   (2) `undo` holds, since the oldest open mark, each key's previous entry state in change
//       order, so rolling back to a mark restores exactly the state at the mark.
// CONCURRENCY  One connection's; not shared.
//
// (Issue 3 keeps transactions inside StrataSQL; issue 6 moves them to a transaction layer.)

import StrataStorage

final class WriteSet {
    private var entries: [HashedKey: [UInt8]?] = [:]
    /// The keys in byte order, while known: kept from the start while new keys come in
    /// ascending order (rows inserted by rowid: COMMIT then sorts nothing), and once asked for
    /// (`sortedKeys`), with each later new key put in its place.
    private var sortedCache: [[UInt8]]? = []
    /// Whether `sortedCache` is the ascending run of new keys so far (dropped at the first key
    /// out of order, rather than kept by insertion, which costs a shift per key).
    private var sortedByAppending = true
    private var undo: [(key: [UInt8], previous: [UInt8]??)] = []
    private var marks = 0

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    enum Lookup {
        case untouched
        case deleted
        case value([UInt8])
    }

    func lookup(_ key: [UInt8]) -> Lookup {
        guard let entry = entries[HashedKey(key)] else { return .untouched }
        if let value = entry { return .value(value) }
        return .deleted
    }

    func put(_ key: [UInt8], _ value: [UInt8]) { set(key, value) }
    func delete(_ key: [UInt8]) { set(key, nil) }

    private func set(_ key: [UInt8], _ value: [UInt8]?) {
        let previous = entries.updateValue(value, forKey: HashedKey(key))
        // A new key goes into the sorted list in place: re-sorting after every insert made a
        // transaction that checks a UNIQUE index per row quadratic.
        if previous == nil, sortedCache != nil {
            if let last = sortedCache!.last, compareKeyBytes(last, key) >= 0 {
                if sortedByAppending {
                    sortedCache = nil
                    sortedByAppending = false
                } else {
                    sortedCache!.insert(key, at: insertionPoint(key))
                }
            } else {
                sortedCache!.append(key)
            }
        }
        if marks > 0 { undo.append((key, previous)) }
    }

    private func insertionPoint(_ key: [UInt8]) -> Int {
        guard let keys = sortedCache else { return 0 }
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compareKeyBytes(keys[mid], key) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Starts a statement: changes from here on can be undone with `rollback(to:)`.
    func mark() -> Int {
        marks += 1
        return undo.count
    }

    /// Ends the statement that took `mark`, keeping its changes.
    func release(_ mark: Int) {
        marks -= 1
        if marks == 0 { undo.removeAll(keepingCapacity: true) }
    }

    /// Undoes every change since `mark` and ends that statement.
    func rollback(to mark: Int) {
        while undo.count > mark {
            let (key, previous) = undo.removeLast()
            if let previous {
                entries[HashedKey(key)] = previous
            } else {
                entries.removeValue(forKey: HashedKey(key))
                if sortedCache != nil {
                    let i = insertionPoint(key)
                    if i < sortedCache!.count && sortedCache![i] == key { sortedCache!.remove(at: i) } else { sortedCache = nil }
                }
            }
        }
        release(mark)
    }

    /// Keys in byte order.
    func sortedKeys() -> [[UInt8]] {
        if let sortedCache { return sortedCache }
        let keys = entries.keys.map(\.bytes).sorted { compareKeyBytes($0, $1) < 0 }
        sortedCache = keys
        sortedByAppending = false
        return keys
    }

    /// The changes as one storage batch, in key order.
    func batch() -> WriteBatch {
        var b = WriteBatch()
        b.operations.reserveCapacity(entries.count)
        for k in sortedKeys() { b.operations.append(WriteOperation(key: k, value: entries[HashedKey(k)]!)) }
        return b
    }

    func removeAll() {
        entries.removeAll()
        sortedCache = []
        sortedByAppending = true
        undo.removeAll()
        marks = 0
    }
}


/// Byte-string order (memcmp, then length), for storage keys held in arrays.
@inline(__always)
func compareKeyBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
    a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in
            compareKeys(x.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, x.count, y.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, y.count)
        }
    }
}

/// A key as a dictionary key, hashed as one run of bytes: `[UInt8]`'s own `hash(into:)` feeds the
/// hasher one byte at a time, which made hashing the write set's keys a tenth of an INSERT's time.
struct HashedKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (a: HashedKey, b: HashedKey) -> Bool { a.bytes == b.bytes }
}
