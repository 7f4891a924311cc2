// MD5 (RFC 1321), only for sqllogictest's result hashes: "N values hashing to <md5>" is the MD5
// of every formatted value followed by "\n". Not for anything that needs a secure hash.
//
// Streaming: `update` buffers up to one 64-byte block and compresses whole blocks in place, so
// hashing a result set allocates nothing beyond the digest's hex string.

struct MD5 {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
    private var buffer = [UInt8](repeating: 0, count: 64)
    private var bufferedByteCount = 0
    private var totalByteCount: UInt64 = 0

    init() {}

    /// The digest of `bytes` as 32 lowercase hexadecimal digits.
    static func hex<S: Sequence>(of bytes: S) -> String where S.Element == UInt8 {
        var md5 = MD5()
        md5.update(Array(bytes))
        return md5.finalizeHex()
    }

    mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update($0) }
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    mutating func update(byte: UInt8) {
        totalByteCount &+= 1
        buffer[bufferedByteCount] = byte
        bufferedByteCount += 1
        if bufferedByteCount == 64 {
            compressBuffer()
            bufferedByteCount = 0
        }
    }

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        totalByteCount &+= UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        if bufferedByteCount > 0 {
            let take = min(64 - bufferedByteCount, count)
            let offset = bufferedByteCount
            buffer.withUnsafeMutableBufferPointer { target in
                for k in 0..<take { target[offset + k] = bytes[k] }
            }
            bufferedByteCount += take
            index = take
            guard bufferedByteCount == 64 else { return }
            compressBuffer()
            bufferedByteCount = 0
        }
        // Whole blocks straight from the input.
        while count - index >= 64 {
            compress(UnsafeBufferPointer(rebasing: bytes[index..<index + 64]))
            index += 64
        }
        let rest = count - index
        if rest > 0 {
            buffer.withUnsafeMutableBufferPointer { target in
                for k in 0..<rest { target[k] = bytes[index + k] }
            }
            bufferedByteCount = rest
        }
    }

    /// Pads, finishes and returns the 16-byte digest. The value must not be updated afterwards.
    mutating func finalize() -> [UInt8] {
        let bitLength = totalByteCount &* 8
        update(byte: 0x80)
        while bufferedByteCount != 56 { update(byte: 0) }
        for i in 0..<8 { update(byte: UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))) }
        var digest = [UInt8]()
        digest.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            for i in 0..<4 { digest.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(i)))) }
        }
        return digest
    }

    mutating func finalizeHex() -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(32)
        for byte in finalize() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func compressBuffer() {
        let block = buffer  // shares storage; compress does not write to it
        block.withUnsafeBufferPointer { compress($0) }
    }

    /// The per-round shift amounts and sine-derived constants of RFC 1321, section 3.4.
    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]
    private static let constants: [UInt32] = [
        0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613, 0xfd46_9501,
        0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e, 0x49b4_0821,
        0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8,
        0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a,
        0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70,
        0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665,
        0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
        0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb, 0xeb86_d391,
    ]

    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
        var words = (
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0)
        )
        withUnsafeMutableBytes(of: &words) { raw in
            let w = raw.bindMemory(to: UInt32.self)
            for i in 0..<16 {
                let b = 4 * i
                w[i] =
                    UInt32(block[b]) | UInt32(block[b + 1]) << 8 | UInt32(block[b + 2]) << 16
                    | UInt32(block[b + 3]) << 24
            }
        }
        var a = state.0, b = state.1, c = state.2, d = state.3
        withUnsafeBytes(of: &words) { raw in
            let w = raw.bindMemory(to: UInt32.self)
            for i in 0..<64 {
                var f: UInt32
                let g: Int
                switch i {
                case 0..<16:
                    f = (b & c) | (~b & d)
                    g = i
                case 16..<32:
                    f = (d & b) | (~d & c)
                    g = (5 &* i &+ 1) & 15
                case 32..<48:
                    f = b ^ c ^ d
                    g = (3 &* i &+ 5) & 15
                default:
                    f = c ^ (b | ~d)
                    g = (7 &* i) & 15
                }
                f = f &+ a &+ MD5.constants[i] &+ w[g]
                a = d
                d = c
                c = b
                let s = MD5.shifts[i]
                b = b &+ ((f << s) | (f >> (32 - s)))
            }
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }
}
