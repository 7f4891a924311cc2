// DataSet: the keys and values both engines get, generated deterministically.
//
// Keys are 16 random bytes and values 100 random bytes from SplitMix64, stored contiguously so
// that the LMDB side passes pointers into them and the Strata side copies them into the arrays
// its API takes (outside the timed sections). `touch` is the per-entry work both sides do on
// what they read; the expected totals let each run check that it read every entry once.

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same sequence on every machine.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n (n small relative to 2^64; the bias is negligible here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

struct DataSet: Sendable {
    static let keySize = 16
    static let valueSize = 100

    let count: Int
    /// count * keySize bytes.
    let keys: [UInt8]
    /// count * valueSize bytes.
    let values: [UInt8]
    /// A random permutation of 0..<count: the order of the gets.
    let readOrder: [Int]
    /// Sum of `touch(value)` over all entries (what a get pass must return).
    let valueTotal: UInt64
    /// Sum of `touch(key) + touch(value)` over all entries (what a scan must return).
    let entryTotal: UInt64

    init(count: Int, seed: UInt64, shuffled: Bool) {
        self.count = count
        var rng = SplitMix64(seed: seed)
        var keys = [UInt8](repeating: 0, count: count * Self.keySize)
        var values = [UInt8](repeating: 0, count: count * Self.valueSize)
        keys.withUnsafeMutableBytes { k in
            values.withUnsafeMutableBytes { v in
                for i in 0..<count {
                    k.storeBytes(of: rng.next(), toByteOffset: i * Self.keySize, as: UInt64.self)
                    k.storeBytes(of: rng.next(), toByteOffset: i * Self.keySize + 8, as: UInt64.self)
                    var o = i * Self.valueSize
                    let end = o + Self.valueSize
                    while o + 8 <= end {
                        v.storeBytes(of: rng.next(), toByteOffset: o, as: UInt64.self)
                        o += 8
                    }
                    var tail = rng.next()
                    while o < end {
                        v[o] = UInt8(truncatingIfNeeded: tail)
                        tail >>= 8
                        o += 1
                    }
                }
            }
        }
        var order = Array(0..<count)
        if shuffled {
            for i in stride(from: count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        }
        var valueTotal: UInt64 = 0
        var entryTotal: UInt64 = 0
        keys.withUnsafeBytes { k in
            values.withUnsafeBytes { v in
                for i in 0..<count {
                    let tv = touch(UnsafeRawBufferPointer(rebasing: v[i * Self.valueSize..<(i + 1) * Self.valueSize]))
                    let tk = touch(UnsafeRawBufferPointer(rebasing: k[i * Self.keySize..<(i + 1) * Self.keySize]))
                    valueTotal &+= tv
                    entryTotal &+= tk &+ tv
                }
            }
        }
        self.keys = keys
        self.values = values
        readOrder = order
        self.valueTotal = valueTotal
        self.entryTotal = entryTotal
    }

    func key(_ i: Int) -> [UInt8] { Array(keys[i * Self.keySize..<(i + 1) * Self.keySize]) }
    func value(_ i: Int) -> [UInt8] { Array(values[i * Self.valueSize..<(i + 1) * Self.valueSize]) }
}

/// The work done on every entry read: its length plus its first 8 bytes and its last byte, so the
/// bytes are really loaded without making the loop about summing bytes.
@inline(__always)
func touch(_ b: UnsafeRawBufferPointer) -> UInt64 {
    let n = b.count
    if n >= 8 { return UInt64(n) &+ b.loadUnaligned(as: UInt64.self) &+ UInt64(b[n - 1]) }
    var s = UInt64(n)
    for x in b { s &+= UInt64(x) }
    return s
}
