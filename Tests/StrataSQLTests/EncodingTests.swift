// EncodingTests: records round-trip and survive damage; keys sort as SQL sorts.
//
// The seed of the random tests is printed on failure; STRATA_SEED reproduces a run.

import StrataTestSupport
import Testing

@testable import StrataCatalog
@testable import StrataCore


func testSeed() -> UInt64 {
    if let text = ProcessInfoEnvironment.value("STRATA_SEED"), let seed = UInt64(text) { return seed }
    return UInt64.random(in: 1...UInt64.max)
}

enum ProcessInfoEnvironment {
    static func value(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }
}

/// Values that stress the encodings: integer limits and their neighbours as doubles, powers of
/// two, tiny and huge doubles, -0.0, infinities, text with NUL and multi-byte characters,
/// prefixes, and blobs.
func randomValue(_ g: inout SeededGenerator) -> Value {
    switch Int.random(in: 0..<12, using: &g) {
    case 0: return .null
    case 1: return .integer(Int64.random(in: -3...3, using: &g))
    case 2: return .integer(Int64.random(in: .min ... .max, using: &g))
    case 3:
        let edges: [Int64] = [.min, .min + 1, .max, .max - 1, 1 << 53, (1 << 53) + 1, -(1 << 53) - 1, 1 << 62, 127, 128, -128, -129]
        return .integer(edges.randomElement(using: &g)!)
    case 4:
        let edges: [Double] = [
            0, -0.0, 1, -1, 1.5, -1.5, 9223372036854775807.0, -9223372036854775808.0, 9007199254740992.0,
            9007199254740994.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 2.2250738585072014e-308, Double.leastNormalMagnitude / 4, 0.1, 1e300,
        ]
        return .real(edges.randomElement(using: &g)!)
    case 5:
        let d = Double(bitPattern: UInt64.random(in: 0 ... .max, using: &g))
        return .real(d.isNaN ? 0.5 : d)
    case 6: return .real(Double(Int64.random(in: -1000...1000, using: &g)) / 4)
    case 7: return .real(Double(Int64.random(in: .min ... .max, using: &g)))
    case 8, 9:
        let alphabet: [String] = ["", "a", "A", "b", "\u{0}", " ", "é", "z", "_", "€", "\u{7F}", "😀"]
        var s = ""
        for _ in 0..<Int.random(in: 0...4, using: &g) { s += alphabet.randomElement(using: &g)! }
        return .text(s)
    default:
        return .blob((0..<Int.random(in: 0...4, using: &g)).map { _ in [0, 1, 0xFF, 0x61].randomElement(using: &g)! })
    }
}

/// memcmp's sign, the order the B+tree keeps keys in.
func compareKeyBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
    for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
    return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
}

@Suite struct KeyEncodingTests {
    @Test func randomPairsSortLikeCompareValues() {
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        for step in 0..<100_000 {
            let a = randomValue(&g), b = randomValue(&g)
            let expected = compareValues(a, b).signum()
            let actual = compareKeyBytes(encodeKey([a]), encodeKey([b]))
            if expected != actual {
                Issue.record("seed \(seed) step \(step): \(a) vs \(b): compareValues \(expected), keys \(actual)")
                return
            }
        }
    }

    @Test func tuplesWithDescendingColumnsAndCollations() {
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        for step in 0..<50_000 {
            let n = Int.random(in: 1...3, using: &g)
            let desc = (0..<n).map { _ in Bool.random(using: &g) }
            let coll = (0..<n).map { _ in [Collation.binary, .nocase, .rtrim].randomElement(using: &g)! }
            let a = (0..<n).map { _ in randomValue(&g) }
            // b often shares a prefix with a, so later columns decide.
            let b = (0..<n).map { k in Bool.random(using: &g) ? a[k] : randomValue(&g) }
            var expected = 0
            for k in 0..<n where expected == 0 {
                let c = compareValues(a[k], b[k], collation: coll[k]).signum()
                expected = desc[k] ? -c : c
            }
            let actual = compareKeyBytes(
                encodeKey(a, descending: desc, collations: coll), encodeKey(b, descending: desc, collations: coll))
            if expected != actual {
                Issue.record("seed \(seed) step \(step): \(a) vs \(b) desc \(desc) \(coll): expected \(expected), keys \(actual)")
                return
            }
        }
    }

    @Test func decodeGivesBackTheValueUpToType() throws {
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        for _ in 0..<20_000 {
            let values = (0..<Int.random(in: 1...4, using: &g)).map { _ in randomValue(&g) }
            let desc = values.map { _ in Bool.random(using: &g) }
            var key = encodeKey(values, descending: desc)
            appendRowid(42, into: &key)
            let decoded = try key.withUnsafeBytes { p in try decodeKey(p, descending: desc) }
            #expect(decoded.byteCount == key.count - 8, "seed \(seed)")
            for (v, d) in zip(values, decoded.values) {
                // Equal as SQL values (1.0 decodes as 1; NaN never occurs here).
                #expect(compareValues(v, d) == 0 && v.sortClass == d.sortClass, "seed \(seed): \(v) -> \(d)")
                if case .real(let r) = v, r != r.rounded() || Swift.abs(r) >= 9.3e18 {
                    #expect(d == v || (r == 0 && d == .integer(0)), "seed \(seed): \(v) -> \(d)")
                }
                if case .integer = v { #expect(d == v) }
                if case .text = v { #expect(d == v) }
                if case .blob = v { #expect(d == v) }
            }
            #expect(key.withUnsafeBytes { decodeRowid($0, at: decoded.byteCount) } == 42)
        }
    }

    @Test func equalValuesEncodeIdentically() {
        #expect(encodeKey([.integer(1)]) == encodeKey([.real(1)]))
        #expect(encodeKey([.integer(0)]) == encodeKey([.real(-0.0)]))
        #expect(encodeKey([.integer(-9_223_372_036_854_775_808)]) == encodeKey([.real(-9223372036854775808.0)]))
        #expect(encodeKey([.text("Ab")], collations: [.nocase]) == encodeKey([.text("aB")], collations: [.nocase]))
        #expect(encodeKey([.text("a  ")], collations: [.rtrim]) == encodeKey([.text("a")], collations: [.rtrim]))
        #expect(encodeKey([.integer(1 << 53 + 1)]) != encodeKey([.real(9007199254740992.0)]))
        #expect(encodeKey([.integer(5)]).count == 4)
    }

    @Test func rowidsSortSigned() {
        let ids: [Int64] = [.min, -2, -1, 0, 1, 255, 256, .max]
        let keys = ids.map(encodeRowid)
        for k in 1..<keys.count { #expect(compareKeyBytes(keys[k - 1], keys[k]) < 0) }
        for id in ids { #expect(decodeRowid(encodeRowid(id)) == id) }
        #expect(decodeRowid([1, 2, 3]) == nil)
    }

    @Test func prefixSuccessorBoundsAPrefixScan() {
        let prefix = encodeKey([.integer(7)])
        let successor = keyPrefixSuccessor(prefix)!
        for v: Value in [.integer(7), .real(7)] {
            var key = encodeKey([v, .text("zzz")])
            appendRowid(.max, into: &key)
            #expect(compareKeyBytes(prefix, key) <= 0 && compareKeyBytes(key, successor) < 0)
        }
        #expect(compareKeyBytes(encodeKey([.real(7.5)]), successor) > 0)
        #expect(keyPrefixSuccessor([0xFF, 0xFF]) == nil)
        #expect(keyPrefixSuccessor([1, 0xFF]) == [2])
    }

    @Test func damagedKeysThrow() {
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        for _ in 0..<20_000 {
            var key = encodeKey((0..<3).map { _ in randomValue(&g) })
            if key.isEmpty { continue }
            switch Int.random(in: 0..<3, using: &g) {
            case 0: key.removeLast(Int.random(in: 1...key.count, using: &g))
            case 1: key[Int.random(in: 0..<key.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
            default: key.append(contentsOf: (0..<4).map { _ in UInt8.random(in: 0...255, using: &g) })
            }
            // Must not trap; a value or an error are both fine.
            _ = try? key.withUnsafeBytes { p in try decodeKey(p, descending: [false, true, false]) }
        }
    }
}

@Suite struct RecordEncodingTests {
    @Test func roundTripsEveryValueExactly() throws {
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        for _ in 0..<20_000 {
            let values = (0..<Int.random(in: 0...8, using: &g)).map { _ in randomValue(&g) }
            let record = encodeRecord(values)
            let decoded = try decodeRecord(record)
            #expect(decoded.count == values.count)
            for (v, d) in zip(values, decoded) {
                if case .real(let r) = v, case .real(let s) = d {
                    #expect(r.bitPattern == s.bitPattern, "seed \(seed)")
                } else {
                    #expect(v == d, "seed \(seed)")
                }
            }
            for k in 0..<(values.count + 2) {
                let column = try decodeColumn(record, k)
                #expect(k < values.count ? isSame(column, values[k]) && column.sortClass == values[k].sortClass : column == .null)
            }
        }
    }

    @Test func smallIntegersAreCompact() {
        #expect(encodeRecord([.integer(0), .integer(1)]).count == 3)
        #expect(encodeRecord([.integer(100)]).count == 3)
        #expect(encodeRecord([.integer(-200)]).count == 4)
        #expect(encodeRecord([.text("ab")]).count == 4)
        #expect(encodeRecord([]).count == 1)
    }

    @Test func damagedRecordsThrowAndNeverTrap() {
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        var errors = 0
        for _ in 0..<50_000 {
            var record = encodeRecord((0..<Int.random(in: 1...5, using: &g)).map { _ in randomValue(&g) })
            switch Int.random(in: 0..<4, using: &g) {
            case 0: record.removeLast(Int.random(in: 1...record.count, using: &g))
            case 1: record[Int.random(in: 0..<record.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
            case 2: record.append(UInt8.random(in: 0...255, using: &g))
            default: record = (0..<Int.random(in: 0...12, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            }
            do {
                _ = try decodeRecord(record)
            } catch {
                #expect(error.code == .dataCorrupted)
                errors += 1
            }
            _ = try? decodeColumn(record, Int.random(in: 0...6, using: &g))
        }
        #expect(errors > 0)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
