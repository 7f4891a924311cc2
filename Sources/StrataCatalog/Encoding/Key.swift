// Key: order-preserving byte strings for index keys, so that the B+tree's memcmp order is SQL's
// order of the tuples (compareValues, column by column, each ASC or DESC, under its collation).
//
// FORMAT  each column is one self-delimiting field; a tuple is its fields concatenated.
//   0x05                          NULL (and NaN, which SQLite never stores)
//   0x10 ~E(2) ~F...              a negative number (bytes of the magnitude's E and F inverted)
//   0x10 0x00 0x00                -Inf
//   0x15                          zero (0, 0.0 and -0.0)
//   0x20 E(2) F...                a positive number
//   0x20 0xFF 0xFF                +Inf
//   0x30 escaped bytes 0x00 0x00  text: UTF-8, after the collation (NOCASE folds ASCII to lower
//                                 case, RTRIM drops trailing spaces); a 0x00 byte is 0x00 0xFF
//   0x40 escaped bytes 0x00 0x00  blob, escaped as text
//   A number's magnitude is 1.F x 2^E exactly (an Int64 or a double, the same number either way):
//   E + 0x4000 big-endian in 2 bytes, then the bits of F after the leading 1, 7 at a time,
//   each byte (bits << 1) | more, stopping at the last nonzero group (one 0x00 byte if F is 0).
//   A DESC column's field has every byte inverted.
// INVARIANTS
//   (1) memcmp(encodeKey(a), encodeKey(b)) has the sign of compareValues over the tuples.
//   (2) Equal values encode identically: 1 and 1.0, 0 and -0.0, 'a' and 'A' under NOCASE, so
//       DISTINCT, GROUP BY and UNIQUE can compare bytes.
//   (3) No field is a prefix of a different field, so a key of n columns followed by anything
//       (a rowid) sorts with its n-column prefix, and keyPrefixSuccessor bounds a prefix scan.
// TRADE-OFF  a key orders; it does not type: decodeKey gives a number as an integer when it is
//   integral and fits Int64 (1.0 comes back as 1), and text as the collation left it. Keep
//   exact values in the entry's record when a covering read needs them.

import StrataCore

/// Appends the key fields of `values` to `out`. `descending` and `collations` are per column
/// (missing entries mean ASC and BINARY).
/// - Complexity: O(total size).
package func encodeKey(
    _ values: [Value], descending: [Bool] = [], collations: [Collation] = [], into out: inout [UInt8]
) {
    for (k, v) in values.enumerated() {
        let start = out.count
        appendKeyField(v, collation: k < collations.count ? collations[k] : .binary, into: &out)
        if k < descending.count && descending[k] {
            for p in start..<out.count { out[p] = ~out[p] }
        }
    }
}

/// The key of `values`.
package func encodeKey(_ values: [Value], descending: [Bool] = [], collations: [Collation] = []) -> [UInt8] {
    var out: [UInt8] = []
    encodeKey(values, descending: descending, collations: collations, into: &out)
    return out
}

/// Appends one value's key field (ascending) to `out`.
package func appendKeyField(_ value: Value, collation: Collation = .binary, into out: inout [UInt8]) {
    switch value {
    case .null:
        out.append(KeyTag.null)
    case .integer(let i):
        if i == 0 {
            out.append(KeyTag.zero)
        } else {
            let magnitude = i < 0 ? UInt64(bitPattern: ~i) &+ 1 : UInt64(i)
            let exponent = 63 - magnitude.leadingZeroBitCount
            let fraction = exponent == 0 ? 0 : magnitude << UInt64(64 - exponent)
            appendNumber(negative: i < 0, exponent: exponent, fraction: fraction, into: &out)
        }
    case .real(let d):
        if d.isNaN {
            out.append(KeyTag.null)
        } else if d == 0 {
            out.append(KeyTag.zero)
        } else if d.isInfinite {
            if d < 0 {
                out.append(contentsOf: [KeyTag.negative, 0x00, 0x00])
            } else {
                out.append(contentsOf: [KeyTag.positive, 0xFF, 0xFF])
            }
        } else {
            var exponent = Int(d.exponent)
            var significand = d.significandBitPattern
            if d.isSubnormal {
                // 0.F x 2^-1022: normalize so the leading 1 is implicit.
                let shift = significand.leadingZeroBitCount - 11
                significand = (significand << UInt64(shift)) & ((1 << 52) - 1)
                exponent = -1022 - shift
            }
            appendNumber(negative: d < 0, exponent: exponent, fraction: significand << 12, into: &out)
        }
    case .text(let s):
        out.append(KeyTag.text)
        SQLiteNumberText.withUTF8(s) { p in
            var end = p.count
            if collation == .rtrim { while end > 0 && p[end - 1] == 0x20 { end -= 1 } }
            for k in 0..<end {
                let b = collation == .nocase ? asciiLower(p[k]) : p[k]
                out.append(b)
                if b == 0 { out.append(0xFF) }
            }
        }
        out.append(0x00)
        out.append(0x00)
    case .blob(let b):
        out.append(KeyTag.blob)
        for byte in b {
            out.append(byte)
            if byte == 0 { out.append(0xFF) }
        }
        out.append(0x00)
        out.append(0x00)
    }
}

/// Decodes `descending.count` fields from the start of `bytes`.
/// - Returns: the values (see TRADE-OFF) and the bytes they took, so a suffix (a rowid) follows.
/// - Throws: dataCorrupted if the bytes are not such fields.
package func decodeKey(
    _ bytes: UnsafeRawBufferPointer, descending: [Bool]
) throws(StrataError) -> (values: [Value], byteCount: Int) {
    var values: [Value] = []
    values.reserveCapacity(descending.count)
    var p = 0
    for desc in descending {
        values.append(try decodeKeyField(bytes, &p, descending: desc))
    }
    return (values, p)
}

/// Decodes a whole key of ascending (or per-column `descending`) fields held in an array.
package func decodeKey(_ bytes: [UInt8], descending: [Bool]) throws(StrataError) -> [Value] {
    try bytes.withUnsafeBytes { p in Result { () throws(StrataError) in try decodeKey(p, descending: descending).values } }
        .get()
}

/// The least byte string greater than every string that starts with `prefix`, or nil if there
/// is none (the prefix is empty or all 0xFF): the exclusive end of a prefix scan.
package func keyPrefixSuccessor(_ prefix: [UInt8]) -> [UInt8]? {
    var s = prefix
    while let last = s.last {
        if last != 0xFF {
            s[s.count - 1] = last + 1
            return s
        }
        s.removeLast()
    }
    return nil
}

// MARK: - Rowids

/// A rowid as 8 bytes whose memcmp order is signed order (big-endian, sign bit flipped).
package func encodeRowid(_ rowid: Int64) -> [UInt8] {
    var out: [UInt8] = []
    appendRowid(rowid, into: &out)
    return out
}

/// Appends a rowid's 8 bytes to `out`.
@inline(__always)
package func appendRowid(_ rowid: Int64, into out: inout [UInt8]) {
    let u = UInt64(bitPattern: rowid) ^ (1 << 63)
    for k in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: u >> UInt64(k))) }
}

/// The rowid in the 8 bytes at `offset`, or nil if fewer remain.
package func decodeRowid(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) -> Int64? {
    guard offset >= 0, bytes.count - offset >= 8 else { return nil }
    var u: UInt64 = 0
    for k in 0..<8 { u = (u << 8) | UInt64(bytes[offset + k]) }
    return Int64(bitPattern: u ^ (1 << 63))
}

/// The rowid in an 8-byte array.
package func decodeRowid(_ bytes: [UInt8]) -> Int64? {
    bytes.withUnsafeBytes { decodeRowid($0) }
}

// MARK: - Internals

private enum KeyTag {
    static let null: UInt8 = 0x05
    static let negative: UInt8 = 0x10
    static let zero: UInt8 = 0x15
    static let positive: UInt8 = 0x20
    static let text: UInt8 = 0x30
    static let blob: UInt8 = 0x40
}

private let exponentBias = 0x4000

/// Appends a nonzero finite number 1.fraction x 2^exponent (fraction left-aligned in 64 bits).
@inline(__always)
private func appendNumber(negative: Bool, exponent: Int, fraction: UInt64, into out: inout [UInt8]) {
    let flip: UInt8 = negative ? 0xFF : 0
    out.append(negative ? KeyTag.negative : KeyTag.positive)
    let e = UInt16(exponent + exponentBias)
    out.append(UInt8(e >> 8) ^ flip)
    out.append(UInt8(e & 0xFF) ^ flip)
    var f = fraction
    repeat {
        let group = UInt8(f >> 57)
        f <<= 7
        out.append(((group << 1) | (f != 0 ? 1 : 0)) ^ flip)
    } while f != 0
}

private func keyCorrupt(_ detail: String) -> StrataError {
    StrataError(.dataCorrupted, "index key is corrupt: \(detail)")
}

private func decodeKeyField(_ bytes: UnsafeRawBufferPointer, _ p: inout Int, descending: Bool) throws(StrataError) -> Value {
    let flip: UInt8 = descending ? 0xFF : 0
    @inline(__always) func byte(_ i: Int) throws(StrataError) -> UInt8 {
        guard i < bytes.count else { throw keyCorrupt("a field runs past the end of the key") }
        return bytes[i] ^ flip
    }
    let tag = try byte(p)
    p += 1
    switch tag {
    case KeyTag.null:
        return .null
    case KeyTag.zero:
        return .integer(0)
    case KeyTag.negative, KeyTag.positive:
        let negative = tag == KeyTag.negative
        let numberFlip: UInt8 = negative ? 0xFF : 0
        let e = Int(try byte(p) ^ numberFlip) << 8 | Int(try byte(p + 1) ^ numberFlip)
        p += 2
        if e == 0xFFFF { return .real(negative ? -.infinity : .infinity) }
        let exponent = e - exponentBias
        var fraction: UInt64 = 0
        var shift = 57
        while true {
            let b = try byte(p) ^ numberFlip
            p += 1
            guard shift >= 0 || b >> 1 == 0 else { throw keyCorrupt("a number has too many fraction bits") }
            if shift >= 0 { fraction |= UInt64(b >> 1) << UInt64(shift) } else { fraction |= UInt64(b >> 1) >> UInt64(-shift) }
            shift -= 7
            if b & 1 == 0 { break }
        }
        return makeNumber(negative: negative, exponent: exponent, fraction: fraction)
    case KeyTag.text, KeyTag.blob:
        var out: [UInt8] = []
        while true {
            let b = try byte(p)
            p += 1
            if b == 0 {
                let next = try byte(p)
                p += 1
                if next == 0 { break }
                guard next == 0xFF else { throw keyCorrupt("bad escape in a text or blob field") }
                out.append(0)
            } else {
                out.append(b)
            }
        }
        return tag == KeyTag.text ? .text(String(decoding: out, as: UTF8.self)) : .blob(out)
    default:
        throw keyCorrupt("unknown field tag \(tag)")
    }
}

/// An integer if 1.fraction x 2^exponent is integral and fits Int64, else the double.
private func makeNumber(negative: Bool, exponent: Int, fraction: UInt64) -> Value {
    if exponent >= 0 && exponent <= 63 {
        let fractionBitsBelowPoint = exponent == 0 ? fraction : fraction << UInt64(exponent)
        if exponent == 0 ? fraction == 0 : fractionBitsBelowPoint == 0 {
            let magnitude = (UInt64(1) << UInt64(exponent)) | (exponent == 0 ? 0 : fraction >> UInt64(64 - exponent))
            if negative {
                if magnitude <= UInt64(1) << 63 { return .integer(Int64(bitPattern: ~magnitude &+ 1)) }
            } else if magnitude <= UInt64(Int64.max) {
                return .integer(Int64(magnitude))
            }
        }
    }
    // A double: 52 fraction bits; subnormals below 2^-1022.
    var d: Double
    if exponent > 1023 {
        d = .infinity
    } else if exponent >= -1022 {
        d = Double(sign: .plus, exponentBitPattern: UInt(exponent + 1023), significandBitPattern: fraction >> 12)
    } else {
        let significand = ((UInt64(1) << 52) | (fraction >> 12)) >> UInt64(-1022 - exponent)
        d = Double(sign: .plus, exponentBitPattern: 0, significandBitPattern: significand)
    }
    return .real(negative ? -d : d)
}
