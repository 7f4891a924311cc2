// ModelTests: the storage engine against an in-memory sorted map, under random operation sequences,
// plus small exhaustive cases for the B+tree's shape (sorted loads, descending loads, splits at
// every position, deleting everything).
//
// A model run draws its steps from a seeded generator: commits of random batches (puts with keys of
// 1...200 bytes, now and then the empty key or one of the largest size the page allows, and values
// from empty to about three pages, so overflow chains come and go; updates; deletes of present and
// absent keys; range deletes that make the tree shrink; sorted appends; batches with an oversized
// key, which must change nothing), close + reopen (a closed engine refuses commits), explicit
// checkpoints, drops without close (a simulated process crash: the WAL frame is written before
// commit returns, so in every synchronous mode nothing acknowledged may be lost), switches of the
// synchronous mode, and snapshot pins that are checked later against the model as it was at their
// commit (a pinned snapshot reads its version unchanged, also after close). Engines open with
// random cache sizes (down to 16 pages, so pages are spilled and re-read) and checkpoint sizes.
// After every step the newest version is compared with the model: forward and backward scans
// (and turning around at either end), point gets (copied and lent), seeks to random probes with
// one step forward and back from there, and the integrity check, which walks Node.swift (1)-(2),
// TreeWriter.swift (1) and FreeSpace.swift (1) (no page both free and reachable, none leaked).
//
// A failure names the seed, the page size, the step and the last steps before it.
// `STRATA_SEED=<seed>` replays a run (`STRATA_MODEL_PAGE_SIZE=<bytes>` skips the other page sizes);
// `STRATA_MODEL_STEPS=<n>` sets the steps per run (the default, 200, keeps each run to a few
// seconds in a debug build).

import Foundation
import StrataTestSupport
import Testing
@testable import StrataStorage
import StrataCore

// MARK: the model

/// Byte-order comparison (memcmp, then length), as the engine orders keys; a debug build's generic
/// array comparison is too slow for a model checked after every step.
fileprivate func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
    let c = a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in memcmp(x.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, y.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, min(a.count, b.count)) }
    }
    return c != 0 ? Int(c) : a.count - b.count
}

fileprivate func same(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.count == b.count && compare(a, b) == 0 }

fileprivate func same(_ a: [UInt8]?, _ b: [UInt8]?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return same(x, y)
    default: return false
    }
}

/// A sorted map from byte strings to byte strings, ordered as the engine orders keys (unsigned
/// bytes, then length). A value type, so a copy is the state at one commit.
fileprivate struct SortedMapModel {
    private(set) var keys: [[UInt8]] = []
    private(set) var values: [[UInt8]: [UInt8]] = [:]

    var count: Int { keys.count }
    subscript(key: [UInt8]) -> [UInt8]? { values[key] }

    /// The index of the first key >= `probe`.
    func lowerBound(_ probe: [UInt8]) -> Int {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compare(keys[mid], probe) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    mutating func put(_ key: [UInt8], _ value: [UInt8]) {
        if values.updateValue(value, forKey: key) == nil { keys.insert(key, at: lowerBound(key)) }
    }

    mutating func delete(_ key: [UInt8]) {
        if values.removeValue(forKey: key) != nil { keys.remove(at: lowerBound(key)) }
    }

    mutating func apply(_ batch: WriteBatch) {
        for op in batch.operations {
            if let v = op.value { put(op.key, v) } else { delete(op.key) }
        }
    }
}

fileprivate struct ModelFailure: Error, CustomStringConvertible {
    var description: String
}

fileprivate func environmentInt(_ name: String) -> Int? {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) }
}

fileprivate func hex(_ b: [UInt8], limit: Int = 24) -> String {
    let shown = b.prefix(limit).map { String(format: "%02x", $0) }.joined()
    return b.count > limit ? "\(shown)…(\(b.count) bytes)" : "\(shown)(\(b.count) bytes)"
}

// MARK: the run

/// One model run: an engine, the model, the pinned versions, and the generator that drives both.
fileprivate final class ModelRun {
    let seed: UInt64
    let pageSize: Int
    let limits: Limits
    /// Live keys the generator steers towards (deletes win above it).
    let targetKeys: Int
    var rng: SeededGenerator
    let dir = TemporaryDirectory()
    var db: StorageEngine?
    var model = SortedMapModel()
    var lastCommit: CommitNumber = 0
    var step = 0
    var label = "create"
    var recent: [String] = []
    var pins: [(snapshot: Snapshot, model: SortedMapModel, label: String)] = []

    init(seed: UInt64, pageSize: Int) {
        self.seed = seed
        self.pageSize = pageSize
        limits = Limits(pageSize: pageSize)
        targetKeys = pageSize >= 65536 ? 60 : 250
        rng = SeededGenerator(seed: seed ^ UInt64(pageSize))
    }

    var context: String {
        "seed \(seed), page size \(pageSize), step \(step) (\(label)); replay with STRATA_SEED=\(seed) "
            + "STRATA_MODEL_PAGE_SIZE=\(pageSize) swift test --filter ModelTests/randomOperations; steps before: \(recent.suffix(8).joined(separator: " | "))"
    }

    func fail(_ what: String) -> ModelFailure { ModelFailure(description: "\(context): \(what)") }

    func check(_ ok: Bool, _ what: @autoclosure () -> String) throws {
        if !ok { throw fail(what()) }
    }

    // MARK: random choices

    func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    func newKey() -> [UInt8] {
        // The empty key is a key too (it sorts first).
        if int(0...99) == 0 { return [] }
        switch int(0...9) {
        case 0...3:
            // Few distinct bytes, so keys share long prefixes; the edge bytes 0x00 and 0xFF included.
            let alphabet: [UInt8] = [0x00, 0x01, 0x61, 0x62, 0x7F, 0x80, 0xFE, 0xFF]
            let n = chance(70) ? int(1...16) : int(17...200)
            return (0..<n).map { _ in alphabet[int(0...alphabet.count - 1)] }
        case 4...5:
            return (0..<int(1...24)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case 6...7 where model.count > 0:
            // An existing key with a suffix: sorts right after it.
            let k = model.keys[int(0...model.count - 1)]
            return Array((k + (0..<int(1...4)).map { _ in UInt8.random(in: 0...255, using: &rng) }).prefix(200))
        case 8 where model.count > 0:
            // A proper prefix of an existing key (or the key itself when it is one byte).
            let k = model.keys[int(0...model.count - 1)]
            return k.count <= 1 ? k : Array(k.prefix(int(1...k.count - 1)))
        default:
            return key(int(0...99_999))
        }
    }

    func absentKey() -> [UInt8] {
        while true {
            let k = newKey()
            if model[k] == nil { return k }
        }
    }

    func presentKey() -> [UInt8]? {
        model.count == 0 ? nil : model.keys[int(0...model.count - 1)]
    }

    /// A value from empty to about three pages; `large` allows overflow chains of several pages.
    func newValue(large: Bool) -> [UInt8] {
        let r = int(0...99)
        let n: Int
        if r < 50 {
            n = int(0...40)
        } else if r < 62 {
            n = int(41...300)
        } else if r < 82 {
            n = int(0...min(limits.maxCell, 1500))
        } else if r < 92 {
            // Around the largest value kept inline.
            n = max(0, limits.maxCell - 8 - int(0...24))
        } else if large {
            n = int(limits.maxCell...(3 * pageSize + 100))
        } else {
            n = int(0...2 * limits.maxCell)
        }
        let a = UInt8.random(in: 0...255, using: &rng)
        let b = UInt8.random(in: 1...255, using: &rng) | 1
        return [UInt8](unsafeUninitializedCapacity: n) { buffer, count in
            var x = a
            for i in 0..<n {
                buffer[i] = x
                x &+= b
            }
            count = n
        }
    }

    func randomBatch() -> WriteBatch {
        let r = int(0...99)
        let size = r < 40 ? 1 : (r < 80 ? int(2...10) : (r < 95 ? int(11...targetKeys / 3) : int(targetKeys / 3...2 * targetKeys)))
        let large = size <= 10
        var b = WriteBatch()
        // Above the target size, deletes of present keys take weight from inserts.
        let shift = model.count > 2 * targetKeys ? 30 : (model.count > targetKeys ? 15 : 0)
        while b.operations.count < size {
            let op = int(0...99)
            switch op {
            case 0..<(35 - shift):
                b.put(absentKey(), newValue(large: large))
            case (35 - shift)..<(60 - shift):
                if let k = presentKey() { b.put(k, newValue(large: large)) } else { b.put(absentKey(), newValue(large: large)) }
            case (60 - shift)..<80:
                if let k = presentKey() { b.delete(k) } else { b.delete(absentKey()) }
            case 80..<92:
                b.delete(absentKey())
            case 92..<96:
                // The same key twice in one commit: put then delete, or put then put.
                let k = absentKey()
                b.put(k, newValue(large: false))
                if chance(50) { b.delete(k) } else { b.put(k, newValue(large: large)) }
            case 96..<98:
                // Deleting a key longer than any key can be is a no-op, also in recovery.
                b.delete([UInt8](repeating: 0x61, count: limits.maxKeySize + int(1...40)))
            default:
                b.put([UInt8](repeating: 0x62, count: int(1...limits.maxKeySize)), newValue(large: false))
            }
        }
        return b
    }

    // MARK: steps

    func run(steps: Int) throws {
        try open()
        try verify()
        for s in 1...steps {
            step = s
            try oneStep()
            recent.append(label)
            try verify()
        }
        label = "final close"
        try db!.close()
        for p in pins { try checkVersion(p.snapshot, p.model, full: true, what: "pinned \(p.label) after close") }
        pins.removeAll()
        db = nil
        try open()
        try verify()
    }

    func open() throws {
        var o = StorageOptions()
        o.pageSize = pageSize
        o.cachePages = [16, 24, 64, 512][int(0...3)]
        let s = int(0...99)
        o.synchronous = s < 65 ? .off : (s < 85 ? .normal : .full)
        o.checkpointBytes = [8 << 10, 64 << 10, 1 << 20, 16 << 20][int(0...3)]
        label += " [open cache \(o.cachePages) sync \(o.synchronous.rawValue) checkpoint \(o.checkpointBytes)]"
        let engine = try StorageEngine.open(path: dir.file(), options: o)
        db = engine
        try check(engine.stats.latestCommit == lastCommit,
                  "after open the newest commit is \(engine.stats.latestCommit), but \(lastCommit) was acknowledged")
    }

    func commit(_ batch: WriteBatch) throws {
        let c = try db!.commit(batch)
        model.apply(batch)
        try check(c == lastCommit + 1, "commit returned \(c), expected \(lastCommit + 1)")
        lastCommit = c
    }

    func oneStep() throws {
        let r = int(0...99)
        switch r {
        case 0..<52:
            let b = randomBatch()
            label = "commit \(b.operations.count) ops"
            try commit(b)
        case 52..<56:
            // Delete a run of neighbouring keys (sometimes all of them): merges and a shrinking tree.
            var b = WriteBatch()
            if model.count > 0 {
                let all = chance(25)
                let lo = all ? 0 : int(0...model.count - 1)
                let hi = all ? model.count : min(model.count, lo + int(1...max(1, model.count / 2)))
                for k in model.keys[lo..<hi] { b.delete(k) }
            }
            label = "range delete \(b.operations.count) keys"
            try commit(b)
        case 56..<60:
            // Sorted appends after the largest key: the append fast path.
            var b = WriteBatch()
            var base = model.keys.last ?? [0x61]
            if base.count > 190 {
                // Shorten to a prefix and bump its last byte below 0xFF: still larger than every key.
                base = Array(base.prefix(189))
                while let last = base.last, last == 0xFF { base.removeLast() }
                if base.isEmpty { base = [0xFF] + [UInt8](repeating: 0xFF, count: 190) } else { base[base.count - 1] += 1 }
            }
            let n = int(1...targetKeys)
            for i in 0..<n { b.put(base + [UInt8(i >> 8), UInt8(i & 0xFF)], newValue(large: n < 10)) }
            label = "append \(n) keys"
            try commit(b)
        case 60..<62:
            // A batch with an oversized key fails as a whole and changes nothing.
            var b = randomBatch()
            b.operations.insert(WriteOperation(key: [UInt8](repeating: 0x63, count: limits.maxKeySize + int(1...50)),
                                               value: [1, 2, 3]),
                                at: int(0...b.operations.count))
            label = "oversized key in \(b.operations.count) ops"
            do {
                try self.db!.commit(b)
                throw fail("a commit with a key over \(limits.maxKeySize) bytes succeeded")
            } catch let e as StrataError {
                try check(e.code == .programLimitExceeded, "oversized key gave \(e), expected programLimitExceeded")
            }
        case 62..<68:
            label = "checkpoint"
            try self.db!.checkpoint()
            let s = self.db!.stats
            try check(s.durableCommit == lastCommit, "after checkpoint the durable commit is \(s.durableCommit), expected \(lastCommit)")
            try check(s.walBytes == WriteAheadLog.headerSize, "after checkpoint the WAL holds \(s.walBytes) bytes")
        case 68..<72:
            label = "close + reopen"
            try self.db!.close()
            // A closed engine refuses commits; its pinned snapshots keep reading.
            do {
                try self.db!.commit(randomBatch())
                throw fail("a commit after close succeeded")
            } catch let e as StrataError {
                try check(e.message.contains("closed"), "a commit after close gave \(e)")
            }
            for p in pins { try checkVersion(p.snapshot, p.model, full: true, what: "pinned \(p.label) after close") }
            pins.removeAll()
            self.db = nil
            try open()
        case 72..<76:
            // A process crash: the engine goes away without close; the pins go with the process.
            label = "crash (drop without close)"
            pins.removeAll()
            self.db = nil
            try open()
        case 76..<84:
            label = "pin"
            if pins.count < 4 {
                let l = "pin@\(step)"
                let s = self.db!.snapshot(label: l)
                try check(s.commit == lastCommit, "new snapshot at commit \(s.commit), expected \(lastCommit)")
                pins.append((s, model, l))
            }
        case 84..<90:
            label = "release pin"
            if !pins.isEmpty {
                let i = int(0...pins.count - 1)
                label = "release \(pins[i].label)"
                try checkVersion(pins[i].snapshot, pins[i].model, full: true, what: "pinned \(pins[i].label)")
                pins.remove(at: i)
            }
        case 90..<93:
            let m: SynchronousMode = [.off, .normal, .full][int(0...2)]
            label = "synchronous = \(m.rawValue)"
            self.db!.synchronous = m
        default:
            // Several single-key commits in a row (the common OLTP shape).
            let n = int(2...20)
            label = "\(n) single-op commits"
            for _ in 0..<n {
                var b = WriteBatch()
                if chance(30), let k = presentKey() { b.delete(k) } else { b.put(presentKey() ?? absentKey(), newValue(large: false)) }
                try commit(b)
            }
        }
    }

    // MARK: checks

    func verify() throws {
        let db = self.db!
        let s = db.snapshot(label: "verify")
        try check(s.commit == lastCommit, "the newest snapshot is at commit \(s.commit), expected \(lastCommit)")
        try checkVersion(s, model, full: true, what: "newest version")
        if model.count == 0 { try check(s.root == 0, "the tree is empty but its root is page \(s.root), not 0") }
        if step % 4 == 0 {
            let n = try db.entryCount()
            try check(n == model.count, "entryCount() is \(n), the model holds \(model.count)")
        }
        let problems = db.integrityCheck()
        try check(problems.isEmpty, "integrity check: \(problems.prefix(5))")
        for (i, p) in pins.enumerated() {
            try checkVersion(p.snapshot, p.model, full: (step + i) % 8 == 0, what: "pinned \(p.label)")
        }
        let reported = db.pins().map(\.label).filter { $0 != "verify" }
        try check(reported == pins.map(\.label), "pins() reports \(reported), expected \(pins.map(\.label))")
    }

    /// Compares one version with the model state at its commit. `full` scans both ways; otherwise
    /// only point gets and seeks.
    func checkVersion(_ s: Snapshot, _ m: SortedMapModel, full: Bool, what: String) throws {
        if full {
            var c = s.cursor()
            var i = 0
            var ok = try c.first()
            while ok {
                try check(i < m.count, "\(what): forward scan finds extra key \(hex(c.key)) after \(m.count) keys")
                try check(same(c.key, m.keys[i]), "\(what): forward scan key \(i) is \(hex(c.key)), expected \(hex(m.keys[i]))")
                let v = try c.value()
                try check(same(v, m[m.keys[i]]!), "\(what): forward scan value of \(hex(m.keys[i])) is \(hex(v)), expected \(hex(m[m.keys[i]]!))")
                i += 1
                ok = try c.next()
            }
            try check(i == m.count, "\(what): forward scan ends after \(i) keys, expected \(m.count)")
            // Past the end, previous() comes back to the last key.
            let backAtEnd = try c.previous()
            try check(backAtEnd == (m.count > 0), "\(what): previous() past the end returned \(backAtEnd)")
            if backAtEnd { try check(same(c.key, m.keys[m.count - 1]), "\(what): previous() past the end is \(hex(c.key))") }
            i = m.count - 1
            ok = try c.last()
            while ok {
                try check(i >= 0, "\(what): backward scan finds extra key \(hex(c.key))")
                try check(same(c.key, m.keys[i]), "\(what): backward scan key \(i) is \(hex(c.key)), expected \(hex(m.keys[i]))")
                // The value lent in place (or read from its overflow chain) equals the model's.
                let v = m[m.keys[i]]!
                try check(try c.withValue { b in v.withUnsafeBytes { $0.elementsEqual(b) } },
                          "\(what): backward scan withValue of \(hex(m.keys[i])) differs")
                i -= 1
                ok = try c.previous()
            }
            try check(i == -1, "\(what): backward scan stops with \(i + 1) keys not seen")
            // Before the start, next() comes back to the first key.
            let forwardAtStart = try c.next()
            try check(forwardAtStart == (m.count > 0), "\(what): next() before the start returned \(forwardAtStart)")
            if forwardAtStart { try check(same(c.key, m.keys[0]), "\(what): next() before the start is \(hex(c.key))") }
        }
        // Point gets of present and absent keys.
        for _ in 0..<(full ? 30 : 6) {
            if let k = m.count == 0 ? nil : m.keys[int(0...m.count - 1)] {
                let v = try s.get(k)
                try check(same(v, m[k]), "\(what): get(\(hex(k))) is \(v.map { hex($0) } ?? "nil"), expected \(hex(m[k]!))")
                let lent = try s.withValue(for: k) { $0.map { [UInt8]($0) } }
                try check(same(lent, m[k]), "\(what): withValue(for: \(hex(k))) is \(lent.map { hex($0) } ?? "nil"), expected \(hex(m[k]!))")
            }
            let a = newKey()
            let v = try s.get(a)
            try check(same(v, m[a]), "\(what): get(\(hex(a))) is \(v.map { hex($0) } ?? "nil"), expected \(m[a].map { hex($0) } ?? "nil")")
            let lent = try s.withValue(for: a) { $0.map { [UInt8]($0) } }
            try check(same(lent, m[a]), "\(what): withValue(for: \(hex(a))) is \(lent.map { hex($0) } ?? "nil")")
        }
        // Seeks: the first key >= probe, then one step forward and one back from there.
        for j in 0..<(full ? 20 : 4) {
            let probe: [UInt8]
            switch j % 5 {
            case 0 where m.count > 0: probe = m.keys[int(0...m.count - 1)]
            case 1: probe = []
            case 2: probe = [UInt8](repeating: 0xFF, count: int(1...210))
            default: probe = newKey()
            }
            let at = m.lowerBound(probe)
            var c = s.cursor()
            let found = try c.seek(probe)
            try check(found == (at < m.count), "\(what): seek(\(hex(probe))) returned \(found) with \(m.count - at) keys >= it")
            guard found else { continue }
            try check(same(c.key, m.keys[at]), "\(what): seek(\(hex(probe))) lands on \(hex(c.key)), expected \(hex(m.keys[at]))")
            try check(same(try c.value(), m[m.keys[at]]!), "\(what): seek(\(hex(probe))) value differs")
            var back = c
            let hasPrevious = try back.previous()
            try check(hasPrevious == (at > 0), "\(what): previous() after seek(\(hex(probe))) returned \(hasPrevious) at index \(at)")
            if hasPrevious {
                try check(same(back.key, m.keys[at - 1]), "\(what): previous() after seek(\(hex(probe))) is \(hex(back.key)), expected \(hex(m.keys[at - 1]))")
            }
            let hasNext = try c.next()
            try check(hasNext == (at + 1 < m.count), "\(what): next() after seek(\(hex(probe))) returned \(hasNext)")
            if hasNext {
                try check(same(c.key, m.keys[at + 1]), "\(what): next() after seek(\(hex(probe))) is \(hex(c.key)), expected \(hex(m.keys[at + 1]))")
            }
        }
    }
}

// MARK: tree shape helpers

/// Leaves and branches of the newest tree, with their fill (bytes used by cells and slots).
fileprivate func treeShape(_ db: StorageEngine) throws -> (leaves: [Int], branches: Int, overflow: Int) {
    let root = db.snapshot().root
    let walk = db.checkTree(root: root, verifyChecksums: false)
    var leaves: [(first: [UInt8], used: Int)] = []
    var branches = 0
    var overflow = 0
    for n in walk.pages {
        let p = try db.cache.page(n)
        switch p.kind {
        case .leaf: leaves.append((p.count > 0 ? p.key(0) : [], p.usedBytes))
        case .branch: branches += 1
        default: overflow += 1
        }
    }
    leaves.sort { $0.first.lexicographicallyPrecedes($1.first) }
    return (leaves.map(\.used), branches, overflow)
}

fileprivate func sequentialValue(_ i: Int, pageSize: Int) -> [UInt8] {
    [UInt8](repeating: UInt8(truncatingIfNeeded: i), count: i % 17 + pageSize / 512)
}

@Suite struct ModelTests {
    static let pageSizes = [1024, 4096, 65536]

    // MARK: random operation sequences

    @Test("random operations match a sorted-map model", arguments: pageSizes)
    func randomOperationsMatchTheModel(pageSize: Int) throws {
        if let only = environmentInt("STRATA_MODEL_PAGE_SIZE"), only != pageSize { return }
        let seed = testSeed()
        let defaultSteps = 200
        let run = ModelRun(seed: seed, pageSize: pageSize)
        do {
            try run.run(steps: environmentInt("STRATA_MODEL_STEPS") ?? defaultSteps)
        } catch let f as ModelFailure {
            Issue.record(Comment(rawValue: f.description))
        } catch {
            Issue.record(Comment(rawValue: "\(run.context): unexpected error: \(error)"))
        }
    }

    // MARK: sorted and reverse loads

    /// Keys in ascending order take the append path: every leaf but the last is full to within one
    /// cell, and the file is within 15% of the fewest leaves that can hold the cells.
    @Test(arguments: pageSizes, [true, false])
    func ascendingInsertsFillLeaves(pageSize: Int, oneCommit: Bool) throws {
        let usable = pageSize - PageLayout.headerSize
        let cellsPerLeaf = usable / (6 + 9 + 8 + pageSize / 512 + 2)
        let n = 60 * cellsPerLeaf
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(pageSize: pageSize, cachePages: 1024))
        let perCommit = oneCommit ? n : max(1, n / 400)
        var cellBytes = 0
        var i = 0
        while i < n {
            var b = WriteBatch()
            for j in i..<min(n, i + perCommit) {
                let v = sequentialValue(j, pageSize: pageSize)
                b.put(key(j), v)
                cellBytes += 6 + 9 + v.count + 2
            }
            try db.commit(b)
            i += perCommit
        }
        try db.close()
        let reopened = try StorageEngine.open(path: dir.file(), options: options(pageSize: pageSize))
        let minLeaves = (cellBytes + usable - 1) / usable
        let shape = try treeShape(reopened)
        let largestCell = 6 + 9 + 16 + pageSize / 512 + 2
        for (k, used) in shape.leaves.dropLast().enumerated() {
            #expect(used > usable - largestCell, "leaf \(k) of \(shape.leaves.count) holds \(used) of \(usable) bytes")
        }
        #expect(shape.leaves.count <= minLeaves + 1, "\(shape.leaves.count) leaves, at least \(minLeaves) needed")
        let pages = reopened.stats.pageCount - 2
        #expect(Double(pages) <= (Double(minLeaves) * 1.15).rounded(.up),
                "\(pages) pages (\(shape.leaves.count) leaves, \(shape.branches) branches) for \(minLeaves) leaves' worth of cells")
        #expect(try contents(reopened.snapshot()).count == n)
        #expect(reopened.integrityCheck() == [])
    }

    /// Keys in descending order split pages in the middle: contents stay right, and the tree uses
    /// about twice the minimum leaves (the right halves are never filled again), not more.
    @Test(arguments: pageSizes, [true, false])
    func descendingInserts(pageSize: Int, oneCommit: Bool) throws {
        let usable = pageSize - PageLayout.headerSize
        let n = 30 * (usable / (6 + 9 + 8 + pageSize / 512 + 2))
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(pageSize: pageSize, cachePages: 64))
        let perCommit = oneCommit ? n : max(1, n / 300)
        var cellBytes = 0
        var i = n - 1
        while i >= 0 {
            var b = WriteBatch()
            for j in stride(from: i, to: max(-1, i - perCommit), by: -1) {
                let v = sequentialValue(j, pageSize: pageSize)
                b.put(key(j), v)
                cellBytes += 6 + 9 + v.count + 2
            }
            try db.commit(b)
            i -= perCommit
        }
        let all = try contents(db.snapshot())
        #expect(all.count == n)
        #expect(all.map(\.0) == (0..<n).map { key($0) })
        #expect(all.enumerated().allSatisfy { $0.element.1 == sequentialValue($0.offset, pageSize: pageSize) })
        var c = db.snapshot().cursor()
        var seen = 0
        var ok = try c.last()
        while ok {
            #expect(c.key == key(n - 1 - seen))
            seen += 1
            ok = try c.previous()
        }
        #expect(seen == n)
        let minLeaves = (cellBytes + usable - 1) / usable
        let shape = try treeShape(db)
        #expect(shape.leaves.count <= 2 * minLeaves + 2, "\(shape.leaves.count) leaves for \(minLeaves) leaves' worth of cells")
        #expect(db.integrityCheck() == [])
    }

    /// Into a leaf that is exactly full, a key goes at every position, with a small, an inline-limit
    /// and an overflowing value: each insert splits the leaf once and keeps every key, in order,
    /// and the tree intact. (One database per value size: between positions the tree is emptied
    /// back to root 0.)
    @Test(arguments: [1024, 4096])
    func splitAtEveryPosition(pageSize: Int) throws {
        let limits = Limits(pageSize: pageSize)
        let usable = pageSize - PageLayout.headerSize
        // m cells of 37 bytes (slot included), then one that fills the page to its last byte.
        let m = usable / 37 - 1
        let padding = usable - 37 * m - (6 + 9 + 2)
        let valueSizes = [0, 3, limits.maxCell - 6 - 9 - 2, limits.maxCell * 2]
        for size in valueSizes {
            let dir = TemporaryDirectory()
            let db = try StorageEngine.open(path: dir.file(), options: options(pageSize: pageSize, cachePages: 16))
            for position in 0...(m + 1) {
                let what = "page \(pageSize), value \(size), position \(position)"
                #expect(db.snapshot().root == 0, "\(what)")
                var model = SortedMapModel()
                var b = WriteBatch()
                for j in 0..<m { b.put(key(2 * j + 1), [UInt8](repeating: UInt8(j & 0xFF), count: 20)) }
                b.put(key(2 * m + 1), [UInt8](repeating: 0xEE, count: padding))
                try db.commit(b)
                model.apply(b)
                let full = try treeShape(db)
                #expect(full.leaves == [usable], "\(what): the leaf should be exactly full: \(full)")
                var ins = WriteBatch()
                ins.put(key(2 * position), [UInt8](repeating: 0xAB, count: size))
                try db.commit(ins)
                model.apply(ins)
                let got = try contents(db.snapshot())
                #expect(got.map(\.0) == model.keys, "\(what)")
                #expect(got.allSatisfy { model[$0.0] == $0.1 }, "\(what)")
                let split = try treeShape(db)
                #expect(split.leaves.count == 2 && split.branches == 1, "\(what): one split: \(split)")
                #expect(db.integrityCheck() == [], "\(what)")
                try db.commit(WriteBatch(model.keys.map { WriteOperation(key: $0, value: nil) }))
            }
        }
    }

    /// Keys of half to all of the largest size at 1 KiB pages: four to eight cells a page, so the
    /// tree is deep and narrow, and separators of very different lengths make merges and
    /// redistributions of branches run out of room (the rare split while deleting). Random inserts
    /// and deletes, checked against the model after every commit.
    @Test func largeKeysMakeDeepTreesThatStillBalance() throws {
        let seed = testSeed()
        var rng = SeededGenerator(seed: seed)
        let limits = Limits(pageSize: 1024)
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(pageSize: 1024, cachePages: 64))
        var model = SortedMapModel()
        var pool: [[UInt8]] = []
        for i in 0..<1200 {
            let n = Int.random(in: limits.maxKeySize / 2...limits.maxKeySize, using: &rng)
            // A shared prefix, then the distinguishing bytes at a random depth.
            var k = [UInt8](repeating: 0x41, count: n)
            let at = Int.random(in: 0...(n - 3), using: &rng)
            k[at] = UInt8(i >> 8)
            k[at + 1] = UInt8(i & 0xFF)
            k[at + 2] = UInt8.random(in: 0...255, using: &rng)
            pool.append(k)
        }
        var maxBranches = 0
        for round in 0..<60 {
            var b = WriteBatch()
            let growing = round < 30 || round % 3 == 0
            for _ in 0..<Int.random(in: 1...60, using: &rng) {
                let k = pool[Int.random(in: 0..<pool.count, using: &rng)]
                if growing ? Int.random(in: 0...99, using: &rng) < 75 : Int.random(in: 0...99, using: &rng) < 20 {
                    b.put(k, [UInt8](repeating: UInt8(round), count: Int.random(in: 0...30, using: &rng)))
                } else if let present = model.count == 0 ? nil : model.keys[Int.random(in: 0..<model.count, using: &rng)] {
                    b.delete(present)
                }
            }
            try db.commit(b)
            model.apply(b)
            let got = try contents(db.snapshot())
            guard got.map(\.0) == model.keys, got.allSatisfy({ model[$0.0] == $0.1 }) else {
                Issue.record("seed \(seed) round \(round): contents differ from the model (\(got.count) vs \(model.count) keys)")
                return
            }
            let problems = db.integrityCheck()
            guard problems.isEmpty else {
                Issue.record("seed \(seed) round \(round): \(problems.prefix(5))")
                return
            }
            maxBranches = max(maxBranches, try treeShape(db).branches)
        }
        #expect(maxBranches >= 20, "seed \(seed): the tree never grew many branches (\(maxBranches))")
        // Empty it in random order: every intermediate tree stays ordered and intact.
        for k in model.keys.shuffled(using: &rng) {
            var d = WriteBatch()
            d.delete(k)
            try db.commit(d)
            model.apply(d)
            if model.count % 25 == 0 {
                #expect(try contents(db.snapshot()).map(\.0) == model.keys, "seed \(seed): \(model.count) keys left")
                #expect(db.integrityCheck() == [], "seed \(seed): \(model.count) keys left")
            }
        }
        #expect(db.snapshot().root == 0)
    }

    // MARK: deleting everything

    /// Small trees of 1...48 keys, each deleted key by key in four orders: after each delete the
    /// contents and the tree are right, and at the end the root is 0 and no page is leaked. (One
    /// database per order: each emptied tree is the start of the next.)
    @Test func deleteEveryKeyInEveryOrder() throws {
        let pageSize = 1024
        let orders: [(String, (Int) -> [Int])] = [
            ("ascending", { n in Array(0..<n) }),
            ("descending", { n in Array((0..<n).reversed()) }),
            ("alternating", { n in stride(from: 0, to: n, by: 2).map { $0 } + stride(from: 1, to: n, by: 2).map { $0 } }),
            ("middle out", { n in (0..<n).sorted { abs(2 * $0 - n) < abs(2 * $1 - n) } }),
        ]
        for (name, order) in orders {
            let dir = TemporaryDirectory()
            let db = try StorageEngine.open(path: dir.file(), options: options(pageSize: pageSize, cachePages: 16))
            for n in 1...48 {
                var model = SortedMapModel()
                var b = WriteBatch()
                // Cells of about a quarter page, some values on overflow pages: multi-level trees early.
                for i in 0..<n { b.put(key(i), [UInt8](repeating: UInt8(i), count: i % 5 == 0 ? 1500 : 180)) }
                try db.commit(b)
                model.apply(b)
                for i in order(n) {
                    var d = WriteBatch()
                    d.delete(key(i))
                    try db.commit(d)
                    model.apply(d)
                    let got = try contents(db.snapshot())
                    #expect(got.map(\.0) == model.keys, "\(n) keys, \(name), after deleting \(i)")
                    #expect(db.integrityCheck() == [], "\(n) keys, \(name), after deleting \(i)")
                }
                #expect(db.snapshot().root == 0, "\(n) keys, \(name): the empty tree keeps a root page")
                #expect(try db.entryCount() == 0)
            }
        }
    }

    /// Filling, emptying and refilling: the empty tree has root 0, every page of an empty database
    /// is free, pending or part of the free-list chain (none leaked), and once the deleted pages are
    /// free (after a checkpoint) a refill with the same data reuses them instead of growing the file.
    /// (The delete commits themselves may add a page now and then: deleting everything copies pages
    /// of the durable tree, whose old numbers wait for the next checkpoint, so their high-water mark
    /// depends on the delete order. That is bounded below by 5% over three cycles.)
    @Test(arguments: pageSizes, [true, false])
    func deleteEverythingGivesThePagesBack(pageSize: Int, oneCommit: Bool) throws {
        let seed = testSeed()
        var rng = SeededGenerator(seed: seed)
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(pageSize: pageSize, cachePages: 64))
        let n = pageSize >= 65536 ? 3000 : 1500
        let entries: [([UInt8], [UInt8])] = (0..<n).map { i in
            let size = i % 23 == 0 ? Int.random(in: pageSize...(3 * pageSize), using: &rng) : Int.random(in: 0...120, using: &rng)
            return (key(i * 7919 % 100_003), [UInt8](repeating: UInt8(i & 0xFF), count: size))
        }
        func write(_ ops: [WriteOperation]) throws {
            let per = oneCommit ? ops.count : 50
            for start in stride(from: 0, to: ops.count, by: per) {
                try db.commit(WriteBatch(Array(ops[start..<min(ops.count, start + per)])))
            }
        }
        var emptied: [Int] = []
        for cycle in 0..<3 {
            let before = db.stats.pageCount
            try write(entries.map { WriteOperation(key: $0.0, value: $0.1) })
            #expect(try db.entryCount() == n, "seed \(seed) cycle \(cycle)")
            try db.checkpoint()
            if cycle > 0 {
                #expect(db.stats.pageCount <= before,
                        "seed \(seed) cycle \(cycle): the refill grew the file from \(before) to \(db.stats.pageCount) pages")
            }
            try write(entries.shuffled(using: &rng).map { WriteOperation(key: $0.0, value: nil) })
            #expect(db.snapshot().root == 0, "seed \(seed) cycle \(cycle): the empty tree keeps a root page")
            #expect(try db.entryCount() == 0)
            #expect(db.integrityCheck() == [], "seed \(seed) cycle \(cycle)")
            try db.checkpoint()
            try db.checkpoint()
            let s = db.stats
            let chain = try db.withWriterState { (_, free, _) in free.retiredChain.count }
            #expect(s.freePages + s.pendingPages + chain == s.pageCount - 2,
                    "seed \(seed) cycle \(cycle): empty database of \(s.pageCount) pages: \(s.freePages) free, \(s.pendingPages) pending, \(chain) free-list pages")
            emptied.append(s.pageCount)
        }
        #expect(Double(emptied[2]) <= Double(emptied[0]) * 1.05, "seed \(seed): page counts after each emptying: \(emptied)")
        try db.close()
        let reopened = try StorageEngine.open(path: dir.file(), options: options(pageSize: pageSize))
        #expect(reopened.snapshot().root == 0)
        #expect(reopened.stats.freePages + 2 + (try reopened.withWriterState { (_, free, _) in free.retiredChain.count }) == reopened.stats.pageCount)
        #expect(reopened.integrityCheck() == [])
    }
}
