// ReverseMergedCursor: MergedCursor read downwards, for scans in descending key order (ORDER BY
// ... DESC on an ascending index, max(): Planner/AccessPath+Order.swift).

import StrataCore
import StrataStorage

extension TransactionState {
    /// A cursor over keys in [lower, upper) as this transaction sees them, from the largest down.
    /// The whole range counts as read unless `recordingRead` is false (the caller then notes
    /// what it did read).
    func reverseCursor(from lower: [UInt8], to upper: [UInt8], recordingRead: Bool = true) throws(StrataError) -> ReverseMergedCursor {
        if recordingRead { try noteRead(from: lower, to: upper) }
        return ReverseMergedCursor(base: snapshot.cursor(), writes: writes, lower: lower, upper: upper)
    }
}

/// Merges the snapshot's keys with the write set's in [lower, upper), largest first: written
/// values override, tombstones hide. The write set's keys are taken when the cursor starts, as
/// MergedCursor takes them.
struct ReverseMergedCursor {
    private var base: BTreeCursor
    private let writes: WriteSet
    private let lower: [UInt8]
    private let upper: [UInt8]
    private var writeKeys: ArraySlice<[UInt8]> = []
    /// The next write key to consider is writeKeys[writeIndex - 1].
    private var writeIndex = 0
    private var baseValid = false
    private var started = false
    private var pendingStep = false
    /// The current entry.
    private(set) var key: [UInt8] = []
    private(set) var value: [UInt8] = []

    init(base: BTreeCursor, writes: WriteSet, lower: [UInt8], upper: [UInt8]) {
        self.base = base
        self.writes = writes
        self.lower = lower
        self.upper = upper
    }

    /// Moves to the next entry downwards; false below the start of the range.
    mutating func next() throws(StrataError) -> Bool {
        if !started {
            started = true
            // The first key >= upper (or past the end), then one step down.
            _ = try base.seek(upper)
            baseValid = try base.previous()
            if baseValid { baseValid = base.withKey { [lower] in Self.isAtLeast($0, lower) } }
            if !writes.isEmpty {
                let all = writes.sortedKeys()
                let lo = lowerBound(all, lower)
                let hi = lowerBound(all, upper)
                writeKeys = all[lo..<hi]
                writeIndex = hi
            }
        } else if pendingStep {
            try stepBase()
        }
        pendingStep = false
        while true {
            let hasWrite = writeIndex > writeKeys.startIndex
            if !baseValid && !hasWrite { return false }
            var takeWrite = false
            var sameKey = false
            if hasWrite && baseValid {
                let c = writeKeys[writeIndex - 1].withUnsafeBytes { w in
                    base.withKey { b in
                        compareKeys(w.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, w.count, b.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, b.count)
                    }
                }
                takeWrite = c >= 0
                sameKey = c == 0
            } else {
                takeWrite = hasWrite
            }
            if takeWrite {
                let k = writeKeys[writeIndex - 1]
                if sameKey { try stepBase() }
                writeIndex -= 1
                if case .value(let v) = writes.lookup(k) {
                    key = k
                    value = v
                    return true
                }
                continue  // a tombstone hides the key
            }
            key = base.key
            value = try base.value()
            pendingStep = true
            return true
        }
    }

    private mutating func stepBase() throws(StrataError) {
        baseValid = try base.previous()
        if baseValid { baseValid = base.withKey { [lower] in Self.isAtLeast($0, lower) } }
    }

    /// Whether `k` >= `lower` (static, so that the closures capture only `lower`, not the cursor).
    private static func isAtLeast(_ k: UnsafeRawBufferPointer, _ lower: [UInt8]) -> Bool {
        lower.withUnsafeBytes { l in
            compareKeys(k.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, k.count, l.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, l.count) >= 0
        }
    }

    private func lowerBound(_ keys: [[UInt8]], _ k: [UInt8]) -> Int {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compareKeyBytes(keys[mid], k) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
