// PageIndex: page number -> cache slot, an open-addressing hash table with linear probing.
//
// The page cache looks a page up at every tree level of every read, and Dictionary's SipHash
// was 11% of a point lookup's instructions (callgrind, 100k random gets). Page numbers are
// dense small integers, so a multiplicative (Fibonacci) hash spreads them well.
//
// INVARIANTS
//   (1) The table is at most 1/2 full; `keys[i] == empty` marks a free bucket.
//   (2) Every key sits in the probe run starting at its home bucket with no free bucket in
//       between (deletion shifts later entries back instead of leaving tombstones).

struct PageIndex {
    private static let empty = PageNumber.max
    private var keys: [PageNumber]
    private var values: [Int32]
    private var mask: Int
    private var shift: Int
    private(set) var count = 0

    init(minimumCapacity: Int) {
        var size = 16
        while size < minimumCapacity * 2 { size *= 2 }
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
        shift = 64 - size.trailingZeroBitCount
    }

    @inline(__always) private func home(_ key: PageNumber) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    @inline(__always) subscript(_ key: PageNumber) -> Int? {
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { return Int(values[i]) }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func set(_ key: PageNumber, _ value: Int) {
        precondition(key != Self.empty, "page number \(key) is reserved")
        if (count + 1) * 2 > keys.count { grow() }
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key {
                values[i] = Int32(value)
                return
            }
            if k == Self.empty {
                keys[i] = key
                values[i] = Int32(value)
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    @discardableResult
    mutating func remove(_ key: PageNumber) -> Int? {
        var i = home(key)
        while true {
            let k = keys[i]
            if k == Self.empty { return nil }
            if k == key { break }
            i = (i + 1) & mask
        }
        let removed = Int(values[i])
        // Backward-shift: move later entries of the run into the hole when their home allows it.
        var hole = i
        var j = (i + 1) & mask
        while keys[j] != Self.empty {
            let h = home(keys[j])
            // j's entry may move to `hole` if `hole` lies cyclically in [h, j).
            let distanceToHole = (hole - h) & mask
            let distanceToJ = (j - h) & mask
            if distanceToHole < distanceToJ {
                keys[hole] = keys[j]
                values[hole] = values[j]
                hole = j
            }
            j = (j + 1) & mask
        }
        keys[hole] = Self.empty
        count -= 1
        return removed
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
        shift = 64 - size.trailingZeroBitCount
        count = 0
        for i in 0..<oldKeys.count where oldKeys[i] != Self.empty { set(oldKeys[i], Int(oldValues[i])) }
    }
}
