// Record: a row's values as one compact byte string, the value stored under a row's key.
//
// FORMAT (SQLite's record format, with LEB128 varints)
//   header length H (varint: the byte count of the type tags that follow, not counting itself)
//   one type tag per column (varint):
//     0 NULL                       (no payload)
//     1 2 3 4 5 6  integer in 1, 2, 3, 4, 6, 8 bytes, big-endian two's complement
//     7 real, IEEE 754 binary64 big-endian (8 bytes; -0.0 and NaN bits kept)
//     8 9          the integers 0 and 1 (no payload)
//     N >= 12, even: blob of (N - 12) / 2 bytes;  N >= 13, odd: text (UTF-8) of (N - 13) / 2 bytes
//   the payloads, in column order.
//   So 0 and 1 take one header byte, integers to +-127 two bytes, a short text 1 + its length.
// INVARIANTS
//   (1) decodeRecord(encodeRecord(v)) == v for every value (text is valid UTF-8 by construction).
//   (2) Decoding never traps on damaged bytes: every length and offset is checked against the
//       buffer, and what fails throws dataCorrupted ("record is corrupt: ...").
//   (3) A record with fewer columns than asked for reads the missing ones as NULL (a column
//       added by ALTER TABLE ADD COLUMN after the row was written; the caller applies DEFAULT).
// CALLED BY  the executor (table rows), the catalog (its own rows).

import StrataCore

/// The record of `values`.
/// - Complexity: O(total size).
package func encodeRecord(_ values: [Value]) -> [UInt8] {
    var out: [UInt8] = []
    encodeRecord(values, into: &out)
    return out
}

/// Appends the record of `values` to `out`.
package func encodeRecord(_ values: [Value], into out: inout [UInt8]) {
    var headerByteCount = 0
    var payloadByteCount = 0
    for v in values {
        let tag = recordTypeTag(v)
        headerByteCount += varintByteCount(tag)
        payloadByteCount += recordPayloadByteCount(tag)
    }
    out.reserveCapacity(out.count + varintByteCount(UInt64(headerByteCount)) + headerByteCount + payloadByteCount)
    appendVarint(UInt64(headerByteCount), to: &out)
    for v in values { appendVarint(recordTypeTag(v), to: &out) }
    for v in values {
        switch v {
        case .null:
            break
        case .integer(let i):
            let n = recordPayloadByteCount(recordTypeTag(v))
            var shift = (n - 1) * 8
            while shift >= 0 {
                out.append(UInt8(truncatingIfNeeded: i >> shift))
                shift -= 8
            }
        case .real(let d):
            let bits = d.bitPattern
            for k in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: bits >> UInt64(k))) }
        case .text(let s):
            out.append(contentsOf: s.utf8)
        case .blob(let b):
            out.append(contentsOf: b)
        }
    }
}

/// All the values of a record.
/// - Throws: dataCorrupted if the bytes are not a well-formed record.
/// - Complexity: O(size).
package func decodeRecord(_ bytes: UnsafeRawBufferPointer) throws(StrataError) -> [Value] {
    var header = try RecordHeader(bytes)
    var values: [Value] = []
    values.reserveCapacity(min(header.remainingHeaderBytes, 64))
    var payloadOffset = header.payloadStart
    while let tag = try header.nextTag() {
        let size = recordPayloadByteCount(tag)
        values.append(try readPayload(bytes, tag: tag, at: payloadOffset, size: size))
        payloadOffset += size
    }
    if payloadOffset != bytes.count { throw recordCorrupt("payload ends at \(payloadOffset) of \(bytes.count) bytes") }
    return values
}

/// All the values of a record held in an array.
package func decodeRecord(_ bytes: [UInt8]) throws(StrataError) -> [Value] {
    try bytes.withUnsafeBytes { p in Result { () throws(StrataError) in try decodeRecord(p) } }.get()
}

/// Column `index` (0-based) of a record, reading only the header up to it and that one payload.
/// A column past the record's end is NULL (INVARIANT 3).
/// - Throws: dataCorrupted if the bytes up to that column are damaged.
/// - Complexity: O(index) header steps, plus the column's size.
package func decodeColumn(_ bytes: UnsafeRawBufferPointer, _ index: Int) throws(StrataError) -> Value {
    var header = try RecordHeader(bytes)
    var payloadOffset = header.payloadStart
    var column = 0
    while let tag = try header.nextTag() {
        let size = recordPayloadByteCount(tag)
        if column == index { return try readPayload(bytes, tag: tag, at: payloadOffset, size: size) }
        payloadOffset += size
        if payloadOffset > bytes.count { throw recordCorrupt("payload runs past the end") }
        column += 1
    }
    return .null
}

/// Column `index` of a record held in an array.
package func decodeColumn(_ bytes: [UInt8], _ index: Int) throws(StrataError) -> Value {
    try bytes.withUnsafeBytes { p in Result { () throws(StrataError) in try decodeColumn(p, index) } }.get()
}

/// The number of columns a record holds.
package func recordColumnCount(_ bytes: UnsafeRawBufferPointer) throws(StrataError) -> Int {
    var header = try RecordHeader(bytes)
    var count = 0
    while try header.nextTag() != nil { count += 1 }
    return count
}

// MARK: - Internals

private func recordCorrupt(_ detail: String) -> StrataError {
    StrataError(.dataCorrupted, "record is corrupt: \(detail)")
}

@inline(__always)
private func recordTypeTag(_ v: Value) -> UInt64 {
    switch v {
    case .null: return 0
    case .integer(let i):
        if i == 0 { return 8 }
        if i == 1 { return 9 }
        if i >= -128 && i <= 127 { return 1 }
        if i >= -32768 && i <= 32767 { return 2 }
        if i >= -8_388_608 && i <= 8_388_607 { return 3 }
        if i >= -2_147_483_648 && i <= 2_147_483_647 { return 4 }
        if i >= -140_737_488_355_328 && i <= 140_737_488_355_327 { return 5 }
        return 6
    case .real: return 7
    case .text(let s): return UInt64(s.utf8.count) * 2 + 13
    case .blob(let b): return UInt64(b.count) * 2 + 12
    }
}

/// The payload size of a type tag; tags 10 and 11 (reserved) report 0 and fail in readPayload.
@inline(__always)
private func recordPayloadByteCount(_ tag: UInt64) -> Int {
    switch tag {
    case 0, 8, 9, 10, 11: return 0
    case 1, 2, 3, 4: return Int(tag)
    case 5: return 6
    case 6, 7: return 8
    default:
        let n = (tag - 12) / 2
        return n > UInt64(Int32.max) ? Int(Int32.max) : Int(n)
    }
}

private func readPayload(_ bytes: UnsafeRawBufferPointer, tag: UInt64, at offset: Int, size: Int) throws(StrataError) -> Value {
    guard offset <= bytes.count, size <= bytes.count - offset else {
        throw recordCorrupt("a column of \(size) bytes at \(offset) runs past the \(bytes.count)-byte record")
    }
    switch tag {
    case 0: return .null
    case 8: return .integer(0)
    case 9: return .integer(1)
    case 1, 2, 3, 4, 5, 6:
        var v = Int64(Int8(bitPattern: bytes[offset]))
        for k in 1..<size { v = (v << 8) | Int64(bytes[offset + k]) }
        return .integer(v)
    case 7:
        var bits: UInt64 = 0
        for k in 0..<8 { bits = (bits << 8) | UInt64(bytes[offset + k]) }
        return .real(Double(bitPattern: bits))
    case 10, 11:
        throw recordCorrupt("reserved type tag \(tag)")
    default:
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + size)])
        if tag & 1 == 0 { return .blob(Array(slice)) }
        return .text(String(decoding: slice, as: UTF8.self))
    }
}

/// Walks a record's type tags.
private struct RecordHeader {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let headerEnd: Int

    init(_ bytes: UnsafeRawBufferPointer) throws(StrataError) {
        self.bytes = bytes
        var p = 0
        guard let length = readVarint(bytes, &p) else { throw recordCorrupt("unreadable header length") }
        guard length <= UInt64(bytes.count - p) else {
            throw recordCorrupt("header of \(length) bytes in a \(bytes.count)-byte record")
        }
        position = p
        headerEnd = p + Int(length)
    }

    var payloadStart: Int { headerEnd }
    var remainingHeaderBytes: Int { headerEnd - position }

    /// The next tag, or nil at the end of the header.
    mutating func nextTag() throws(StrataError) -> UInt64? {
        if position >= headerEnd { return nil }
        guard let tag = readVarint(bytes, &position), position <= headerEnd else {
            throw recordCorrupt("a type tag runs past the header")
        }
        return tag
    }
}

// MARK: - Varints (unsigned LEB128, at most 10 bytes)

@inline(__always)
package func varintByteCount(_ v: UInt64) -> Int {
    var n = 1
    var x = v >> 7
    while x != 0 {
        n += 1
        x >>= 7
    }
    return n
}

@inline(__always)
package func varintByteCount(_ v: Int) -> Int { varintByteCount(UInt64(v)) }

@inline(__always)
package func appendVarint(_ v: UInt64, to out: inout [UInt8]) {
    var x = v
    while x >= 0x80 {
        out.append(UInt8(truncatingIfNeeded: x) | 0x80)
        x >>= 7
    }
    out.append(UInt8(x))
}

/// Reads a varint at `position`, advancing it; nil if it runs off the end or past 10 bytes.
@inline(__always)
package func readVarint(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) -> UInt64? {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    var p = position
    while p < bytes.count {
        let b = bytes[p]
        p += 1
        if shift == 63 && b > 1 { return nil }
        result |= UInt64(b & 0x7F) << shift
        if b & 0x80 == 0 {
            position = p
            return result
        }
        shift += 7
        if shift > 63 { return nil }
    }
    return nil
}
