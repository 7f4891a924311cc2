// Checksum: what a workload's statements returned, folded into a row count and a hash, so that
// Strata's answers can be compared with SQLite's without keeping them.
//
// A row hashes its values in column order (storage class and content; a REAL rounded to 1e-6,
// so that sums taken in a different order still agree). Rows combine by addition, so the order
// of rows does not count, except for statements with ORDER BY, where each row's position is
// hashed too.

struct Checksum: Equatable, Sendable {
    var rows = 0
    var hash: UInt64 = 0
    var ordered = false

    init(ordered: Bool = false) { self.ordered = ordered }

    /// Adds one row, whose values `body` feeds to the row hasher.
    @inline(__always)
    mutating func addRow(_ body: (inout RowHasher) throws -> Void) rethrows {
        var h = RowHasher()
        if ordered { h.integer(Int64(rows)) }
        try body(&h)
        hash &+= mix(h.state)
        rows += 1
    }

    /// Adds another checksum's rows (a statement's result after the rows of the ones before).
    mutating func add(_ other: Checksum) {
        rows += other.rows
        hash &+= other.hash
    }

    var description: String { "\(rows) rows, hash \(String(hash, radix: 16))" }
}

struct RowHasher {
    private(set) var state: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always) private mutating func fold(_ tag: UInt64, _ bits: UInt64) {
        state = mix(state ^ tag) &+ bits
    }

    mutating func null() { fold(1, 0) }
    mutating func integer(_ i: Int64) { fold(2, UInt64(bitPattern: i)) }
    mutating func real(_ d: Double) {
        let scaled = (d * 1e6).rounded()
        fold(3, abs(scaled) < 9e18 ? UInt64(bitPattern: Int64(scaled)) : d.bitPattern)
    }
    /// TEXT or BLOB bytes (FNV-1a).
    mutating func bytes(_ tag: UInt64, _ b: UnsafeRawBufferPointer) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x0000_0100_0000_01B3 }
        fold(tag, h ^ UInt64(b.count))
    }
    mutating func text(_ b: UnsafeRawBufferPointer) { bytes(4, b) }
    mutating func blob(_ b: UnsafeRawBufferPointer) { bytes(5, b) }
}

/// SplitMix64's finalizer: a cheap full-avalanche mix.
@inline(__always)
func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
