// CRC32C (Castagnoli, reflected polynomial 0x82F63B78): the checksum of every page, WAL frame and

import CStrataCRC
import StrataCore
// WAL header. Slicing-by-8 tables: eight table lookups per eight input bytes.

package enum CRC32C {
    /// tables[k][b]: the CRC of byte b followed by k zero bytes.
    nonisolated(unsafe) static let tables: UnsafeMutablePointer<UInt32> = {
        let t = UnsafeMutablePointer<UInt32>.allocate(capacity: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[i] = c
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let prev = t[(k - 1) * 256 + i]
                t[k * 256 + i] = (prev >> 8) ^ t[Int(prev & 0xFF)]
            }
        }
        return t
    }()

    /// Whether the CPU's CRC32C instruction is used (about ten times the table's speed).
    package static let usesHardware = strata_crc32c_hardware_available() != 0

    /// Continues `crc` (start with 0) over `count` bytes at `base`.
    @inline(__always)
    package static func update(_ crc: UInt32, _ base: UnsafeRawPointer, _ count: Int) -> UInt32 {
        if usesHardware { return strata_crc32c_hardware(crc, base, count) }
        return software(crc, base, count)
    }

    /// The table-driven computation (also the reference the hardware path is tested against).
    package static func software(_ crc: UInt32, _ base: UnsafeRawPointer, _ count: Int) -> UInt32 {
        let t = tables
        var c = ~crc
        var p = base
        var n = count
        while n >= 8 {
            let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
            let lo = UInt32(truncatingIfNeeded: word) ^ c
            let hi = UInt32(truncatingIfNeeded: word >> 32)
            c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
            p += 8
            n -= 8
        }
        while n > 0 {
            c = t[Int((c ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (c >> 8)
            p += 1
            n -= 1
        }
        return ~c
    }

    package static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { update(0, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count) }
    }
}

/// `withUnsafeBytes` for code that throws `StrataError` (the standard one is `rethrows`, which
/// loses the error type).
@inline(__always)
package func withBytes<R>(_ a: [UInt8], _ body: (UnsafeRawBufferPointer) throws(StrataError) -> R) throws(StrataError) -> R {
    var result: Result<R, StrataError>?
    a.withUnsafeBytes { b in result = Result { () throws(StrataError) -> R in try body(b) } }
    return try result!.get()
}
