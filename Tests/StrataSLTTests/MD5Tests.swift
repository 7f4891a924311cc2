// MD5 against RFC 1321's test suite, block-boundary lengths (md5sum), streaming, and hashes
// copied from the corpus whose values are known.

import Testing

@testable import StrataSLT

@Suite struct MD5Tests {
    /// RFC 1321, appendix A.5.
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a"
        ),
    ])
    func rfc1321TestSuite(input: String, digest: String) {
        #expect(MD5.hex(of: Array(input.utf8)) == digest)
    }

    /// Lengths around the 56-byte padding boundary and whole blocks (expected from md5sum).
    @Test(arguments: [
        (55, "ef1772b6dff9a122358552954ad0df65"),
        (56, "3b0c8ac703f828b04c6c197006d17218"),
        (57, "652b906d60af96844ebd21b674f35e93"),
        (63, "b06521f39153d618550606be297466d5"),
        (64, "014842d480b571495a4a0363793f7367"),
        (65, "c743a45e0d2e6a95cb859adae0248435"),
        (128, "e510683b3f5ffe4093d021808bc6ff70"),
        (1000, "cabe45dcc9ae5b66ba86600cca6b8ba8"),
    ])
    func blockBoundaries(length: Int, digest: String) {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        #expect(MD5.hex(of: input) == digest)
        // Fed in uneven pieces, byte by byte and all at once, the digest is the same.
        for pieceLength in [1, 3, 63, 64, 65] {
            var md5 = MD5()
            var offset = 0
            while offset < length {
                let end = min(offset + pieceLength, length)
                md5.update(Array(input[offset..<end]))
                offset = end
            }
            #expect(md5.finalizeHex() == digest, "pieces of \(pieceLength)")
        }
    }

    @Test func updateByStringAndByte() {
        var md5 = MD5()
        md5.update("9")
        md5.update(byte: 0x0a)
        md5.update("10\n")
        #expect(md5.finalizeHex() == "663a929b3a4498de718b39c311113147")  // printf '9\n10\n' | md5sum
    }

    /// select1.test line 94: `query I nosort` of the CASE expression ORDER BY 1, whose 30 values
    /// sqlite3 computes from the file's INSERTs.
    @Test func corpusHashOfIntegers() {
        let values = [
            358, 364, 376, 382, 398, 402, 410, 426, 432, 440, 458, 468, 478, 486, 490,
            1000, 1050, 1120, 1180, 1240, 1290, 1300, 1390, 1430, 1450, 1510, 1580, 1600, 1670, 1700,
        ].map(String.init)
        let result = ResultSet(values: values, columnCount: 1)
        #expect(result.md5 == "3c13dee48d9356ae19af2515e05e6b54")
    }
}
