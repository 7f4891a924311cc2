import StrataTestSupport
import Testing
@testable import StrataStorage

@Suite struct PageTests {
    @Test func crc32cMatchesTheStandardCheckValue() {
        // The CRC-32C check value (RFC 3720, appendix B.4): "123456789" -> 0xE3069283.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        let input = Array("123456789".utf8)
        #expect(input.withUnsafeBytes { CRC32C.software(0, $0.baseAddress!, $0.count) } == 0xE306_9283)
    }

    @Test func hardwareAndSoftwareCRCAgreeOnEveryLengthAndSplit() {
        var rng = SeededGenerator(seed: 7)
        let data = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
        data.withUnsafeBytes { b in
            for n in 0...b.count {
                let whole = CRC32C.software(0, b.baseAddress!, n)
                #expect(CRC32C.update(0, b.baseAddress!, n) == whole)
                let cut = n / 3
                let split = CRC32C.update(CRC32C.update(0, b.baseAddress!, cut), b.baseAddress! + cut, n - cut)
                #expect(split == whole)
            }
        }
    }

    @Test func compareKeysOrdersAsUnsignedBytesThenLength() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<5000 {
            let a = (0..<Int.random(in: 0...20, using: &rng)).map { _ in UInt8.random(in: 0...3, using: &rng) * 85 }
            var b = a
            if Bool.random(using: &rng) && !b.isEmpty { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            if Bool.random(using: &rng) { b.append(contentsOf: (0..<Int.random(in: 0...9, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }) }
            let expected = a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
            let got = a.withUnsafeBytes { x in
                b.withUnsafeBytes { y in
                    compareKeys(x.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, x.count, y.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, y.count)
                }
            }
            #expect(got.signum() == expected, "a=\(a) b=\(b)")
        }
    }

    @Test func pageIndexBehavesLikeADictionary() {
        var rng = SeededGenerator(seed: 3)
        var index = PageIndex(minimumCapacity: 4)
        var model: [PageNumber: Int] = [:]
        for step in 0..<20000 {
            let key = PageNumber.random(in: 0..<600, using: &rng)
            if Int.random(in: 0..<3, using: &rng) == 0 {
                #expect(index.remove(key) == model.removeValue(forKey: key), "step \(step)")
            } else {
                let value = Int.random(in: 0..<1_000_000, using: &rng)
                index.set(key, value)
                model[key] = value
            }
            if step % 97 == 0 {
                for k in 0..<PageNumber(600) { #expect(index[k] == model[k], "step \(step) key \(k)") }
                #expect(index.count == model.count)
            }
        }
    }

    @Test func structuralCheckRejectsCellsOutsideThePage() {
        let page = Page(size: 1024)
        page.format(kind: .leaf, number: 5, owner: 1)
        var cell: [UInt8] = [3, 0, 2, 0, 0, 0] + Array("abc".utf8) + [9, 9]
        #expect(cell.withUnsafeBytes { page.insertCell(at: 0, $0.baseAddress!, $0.count) })
        #expect(page.structuralProblem() == nil)
        page.setU16(1020, PageLayout.headerSize)  // slot points near the end: the cell would overrun
        #expect(page.structuralProblem() != nil)
        cell.removeAll()
    }
}
