// SortedKeySet: byte-string keys kept in order, for the LockManager to find the locked keys inside
// a requested range.
//
// The keys sit in chunks of at most `chunkCapacity`, each sorted, the chunks in order. Finding a
// key is a binary search over the chunks' last keys, then one inside a chunk; inserting or
// removing moves at most one chunk's elements. So every operation is O(log n + chunkCapacity),
// not the O(n) of one sorted array, and a scan from a key costs O(log n) plus the keys it visits.
//
// INVARIANTS
//   (1) Every chunk is non-empty and sorted (compareKeyBytes), holds at most `chunkCapacity`
//       keys, and its keys all precede the next chunk's; no key appears twice.
// CONCURRENCY  A value type; the LockManager keeps it under its mutex.

struct SortedKeySet {
    /// Splitting at 512 keeps a chunk's moves to a few kilobytes of references while the chunk
    /// index stays small (a million keys make 2-4 thousand chunks).
    static let chunkCapacity = 512

    private var chunks: [[[UInt8]]] = []
    private(set) var count = 0

    init() {}

    /// The set of `keys` (given in any order, without duplicates).
    init(_ keys: some Sequence<[UInt8]>) {
        let sorted = keys.sorted { compareKeyBytes($0, $1) < 0 }
        count = sorted.count
        let half = Self.chunkCapacity / 2
        var start = 0
        while start < sorted.count {
            let end = min(start + half, sorted.count)
            chunks.append(Array(sorted[start..<end]))
            start = end
        }
    }

    var isEmpty: Bool { count == 0 }

    /// Adds `key`; does nothing if it is there already.
    mutating func insert(_ key: [UInt8]) {
        if chunks.isEmpty {
            chunks = [[key]]
            count = 1
            return
        }
        let c = min(chunkIndex(for: key), chunks.count - 1)
        let i = Self.lowerBound(chunks[c], key)
        if i < chunks[c].count && chunks[c][i] == key { return }
        chunks[c].insert(key, at: i)
        count += 1
        if chunks[c].count > Self.chunkCapacity {
            let upper = Array(chunks[c][(Self.chunkCapacity / 2)...])
            chunks[c].removeSubrange((Self.chunkCapacity / 2)...)
            chunks.insert(upper, at: c + 1)
        }
    }

    /// Removes `key`; does nothing if it is not there.
    mutating func remove(_ key: [UInt8]) {
        let c = chunkIndex(for: key)
        guard c < chunks.count else { return }
        let i = Self.lowerBound(chunks[c], key)
        guard i < chunks[c].count && chunks[c][i] == key else { return }
        chunks[c].remove(at: i)
        count -= 1
        if chunks[c].isEmpty { chunks.remove(at: c) }
    }

    /// Calls `body` with each key in [lower, upper), in order, until it returns true; returns
    /// whether it did.
    func contains(from lower: [UInt8], below upper: [UInt8], where body: ([UInt8]) -> Bool) -> Bool {
        var c = chunkIndex(for: lower)
        guard c < chunks.count else { return false }
        var i = Self.lowerBound(chunks[c], lower)
        while c < chunks.count {
            let chunk = chunks[c]
            while i < chunk.count {
                if compareKeyBytes(chunk[i], upper) >= 0 { return false }
                if body(chunk[i]) { return true }
                i += 1
            }
            c += 1
            i = 0
        }
        return false
    }

    /// The first chunk whose last key is not below `key` (`chunks.count` if none).
    private func chunkIndex(for key: [UInt8]) -> Int {
        var low = 0
        var high = chunks.count
        while low < high {
            let mid = (low + high) / 2
            if compareKeyBytes(chunks[mid][chunks[mid].count - 1], key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func lowerBound(_ keys: [[UInt8]], _ key: [UInt8]) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if compareKeyBytes(keys[mid], key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Every key in order (for tests).
    var allKeys: [[UInt8]] { chunks.flatMap { $0 } }

    /// Checks invariant (1) (for tests).
    var isValid: Bool {
        var previous: [UInt8]?
        var total = 0
        for chunk in chunks {
            if chunk.isEmpty || chunk.count > Self.chunkCapacity { return false }
            for key in chunk {
                if let previous, compareKeyBytes(previous, key) >= 0 { return false }
                previous = key
                total += 1
            }
        }
        return total == count
    }
}
