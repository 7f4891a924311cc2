// WriteSet (Sources/StrataSQL/Transaction/WriteSet.swift): a transaction's buffered changes. Its
// sorted keys are kept three ways (an ascending run appended as it comes, a sort on demand, new
// keys put in place after that) and undone by statement rollbacks; a randomized run against a
// plain dictionary checks every way gives the sorted keys and values of what is in the set.

import Testing
import StrataTestSupport
@testable import StrataSQL

@Suite struct WriteSetTests {
    func key(_ n: Int) -> [UInt8] { [1] + withUnsafeBytes(of: UInt32(n).bigEndian) { Array($0) } }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func matchesADictionaryUnderPutsDeletesAndRollbacks(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let set = WriteSet()
        var model: [[UInt8]: [UInt8]?] = [:]
        var marks: [(mark: Int, model: [[UInt8]: [UInt8]?])] = []
        var next = 0
        for step in 0..<1_500 {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<45:
                // Mostly ascending new keys (rows by rowid), sometimes an old or a lower one.
                let n = Bool.random(using: &random) ? next : Int.random(in: 0...max(next, 1), using: &random)
                next = max(next, n + 1)
                let value = [UInt8(step & 0xFF)]
                set.put(key(n), value)
                model[key(n)] = .some(value)
            case 45..<60:
                let n = Int.random(in: 0...max(next, 1), using: &random)
                set.delete(key(n))
                model[key(n)] = .some(nil)
            case 60..<72:
                marks.append((set.mark(), model))
            case 72..<80:
                if let m = marks.popLast() { set.release(m.mark) }
            case 80..<88:
                if let m = marks.popLast() {
                    set.rollback(to: m.mark)
                    model = m.model
                }
            default:
                // Ask for the sorted keys now and then, as unique checks and COMMIT do.
                #expect(set.sortedKeys() == model.keys.sorted { compareKeyBytes($0, $1) < 0 }, "seed \(seed), step \(step)")
            }
        }
        let sorted = model.keys.sorted { compareKeyBytes($0, $1) < 0 }
        #expect(set.sortedKeys() == sorted, "seed \(seed)")
        #expect(set.batch().operations.map(\.key) == sorted)
        #expect(set.batch().operations.map(\.value) == sorted.map { model[$0]! })
    }
}
