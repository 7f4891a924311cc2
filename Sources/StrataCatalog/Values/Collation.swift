import StrataCore

/// How text compares: SQLite's three built-in collating sequences.
///
/// Collations apply to TEXT only; numbers compare numerically and blobs by `memcmp` whatever the
/// collation.
package enum Collation: UInt8, Sendable, Hashable {
    /// UTF-8 bytes compared with `memcmp`, then by length.
    case binary
    /// As BINARY after folding ASCII 'A'...'Z' to lower case (SQLite folds nothing else).
    case nocase
    /// As BINARY after removing trailing spaces (0x20 only) from both sides.
    case rtrim

    /// The collation a `COLLATE name` clause names (case-insensitive), or nil if unknown.
    package init?(name: String) {
        switch name.lowercased() {
        case "binary": self = .binary
        case "nocase": self = .nocase
        case "rtrim": self = .rtrim
        default: return nil
        }
    }

    /// The name as SQLite spells it in error messages and EXPLAIN.
    package var name: String {
        switch self {
        case .binary: "BINARY"
        case .nocase: "NOCASE"
        case .rtrim: "RTRIM"
        }
    }

    /// Compares two UTF-8 byte strings under this collation; negative, zero or positive.
    package func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        switch self {
        case .binary:
            return compareBytes(a, b)
        case .nocase:
            let n = min(a.count, b.count)
            var i = 0
            while i < n {
                let x = asciiLower(a[i]), y = asciiLower(b[i])
                if x != y { return Int(x) - Int(y) }
                i += 1
            }
            return a.count - b.count
        case .rtrim:
            var na = a.count, nb = b.count
            while na > 0 && a[na - 1] == 0x20 { na -= 1 }
            while nb > 0 && b[nb - 1] == 0x20 { nb -= 1 }
            return compareBytes(UnsafeBufferPointer(rebasing: a[0..<na]), UnsafeBufferPointer(rebasing: b[0..<nb]))
        }
    }
}

/// ASCII upper case to lower case; every other byte unchanged (SQLite's sqlite3UpperToLower).
@inline(__always)
package func asciiLower(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
}

/// ASCII lower case to upper case; every other byte unchanged.
@inline(__always)
package func asciiUpper(_ byte: UInt8) -> UInt8 {
    byte &- 0x61 < 26 ? byte & ~0x20 : byte
}

/// `memcmp` over the common length, then the shorter first; negative, zero or positive.
@inline(__always)
package func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(a.count, b.count)
    if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
        let r = memcmp(pa, pb, n)
        if r != 0 { return Int(r) }
    }
    return a.count - b.count
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
