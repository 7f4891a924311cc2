// RangeLockTable: the granted locks on key ranges, for the LockManager to find those overlapping
// a requested key or range.
//
// The locks are sorted by lower bound, and `reach[i]` points to the lock with the largest upper
// bound among locks 0...i. A query for [lower, upper) binary-searches the first lock starting at
// or after `upper` (none from there on can overlap) and walks back while the reach exceeds
// `lower`: once it does not, no earlier lock reaches the query. So a query costs O(log R) plus the locks it walks past,
// which are the overlapping ones and those nested under a long one. Insert is O(log R) compares
// and O(R) integer moves at worst (`reach` is recomputed only as far as it changes); removing an
// owner's locks is O(R).
//
// INVARIANTS
//   (1) `locks` is sorted by `lower` (compareKeyBytes); every lock is non-empty (lower < upper).
//   (2) reach.count == locks.count, reach[i] <= i, and locks[reach[i]].upper is the maximum of
//       locks[0...i].upper.
// CONCURRENCY  A value type; the LockManager keeps it under its mutex.

struct RangeLock {
    var lower: [UInt8]
    var upper: [UInt8]
    var owner: TransactionID
    var mode: LockMode
}

struct RangeLockTable {
    private(set) var locks: [RangeLock] = []
    /// reach[i]: the index, in 0...i, of a lock with the largest upper bound among locks 0...i.
    /// Indices rather than keys, so that updating it moves integers, not references.
    private var reach: [Int] = []

    var isEmpty: Bool { locks.isEmpty }
    var count: Int { locks.count }

    mutating func insert(_ lock: RangeLock) {
        let i = firstIndex(lowerAtLeast: lock.lower)
        locks.insert(lock, at: i)
        reach.insert(i, at: i)
        var j = i + 1
        while j < reach.count {
            if reach[j] >= i { reach[j] += 1 }
            j += 1
        }
        // The old entries, shifted, still follow reach's recurrence past i; recompute from i until
        // an entry comes out as it was, after which none changes.
        j = i
        while j < locks.count {
            let value = reachValue(at: j)
            if j > i && reach[j] == value { break }
            reach[j] = value
            j += 1
        }
    }

    /// Removes every lock of `owner`.
    mutating func removeAll(of owner: TransactionID) {
        guard let first = locks.firstIndex(where: { $0.owner == owner }) else { return }
        locks.removeAll { $0.owner == owner }
        reach.removeLast(reach.count - locks.count)
        for j in first..<locks.count { reach[j] = reachValue(at: j) }
    }

    /// reach[j] from reach[j - 1] and locks[j].
    private func reachValue(at j: Int) -> Int {
        if j > 0 && compareKeyBytes(locks[reach[j - 1]].upper, locks[j].upper) > 0 { return reach[j - 1] }
        return j
    }

    /// Calls `body` with each lock overlapping the non-empty range [lower, upper) until it returns
    /// true; returns whether it did.
    func containsOverlapping(lower: [UInt8], upper: [UInt8], where body: (RangeLock) -> Bool) -> Bool {
        var i = firstIndex(lowerAtLeast: upper)
        while i > 0 {
            i -= 1
            if compareKeyBytes(locks[reach[i]].upper, lower) <= 0 { return false }
            if compareKeyBytes(locks[i].upper, lower) > 0 && body(locks[i]) { return true }
        }
        return false
    }

    /// Calls `body` with each lock whose range holds `key` until it returns true; returns whether it did.
    func containsCovering(key: [UInt8], where body: (RangeLock) -> Bool) -> Bool {
        var i = firstIndex(lowerAbove: key)
        while i > 0 {
            i -= 1
            if compareKeyBytes(locks[reach[i]].upper, key) <= 0 { return false }
            if compareKeyBytes(locks[i].upper, key) > 0 && body(locks[i]) { return true }
        }
        return false
    }

    /// The first lock whose lower bound is at or after `key`.
    private func firstIndex(lowerAtLeast key: [UInt8]) -> Int {
        var low = 0
        var high = locks.count
        while low < high {
            let mid = (low + high) / 2
            if compareKeyBytes(locks[mid].lower, key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The first lock whose lower bound is after `key`.
    private func firstIndex(lowerAbove key: [UInt8]) -> Int {
        var low = 0
        var high = locks.count
        while low < high {
            let mid = (low + high) / 2
            if compareKeyBytes(locks[mid].lower, key) <= 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Checks invariants (1) and (2) (for tests).
    var isValid: Bool {
        guard reach.count == locks.count else { return false }
        var maximum: [UInt8]?
        for (i, lock) in locks.enumerated() {
            if compareKeyBytes(lock.lower, lock.upper) >= 0 { return false }
            if i > 0 && compareKeyBytes(locks[i - 1].lower, lock.lower) > 0 { return false }
            if let m = maximum, compareKeyBytes(m, lock.upper) > 0 {} else { maximum = lock.upper }
            if reach[i] > i || locks[reach[i]].upper != maximum { return false }
        }
        return true
    }
}
