// SnapshotTests: a pinned version reads unchanged, from any thread, while commits go on
// (StorageEngine.swift invariant (2), FreeSpace.swift's reuse rule); a commit is never half
// visible and a version is published only in commit order (GroupCommit.swift (1)); and `pins()`
// says who holds how much space.
//
// The concurrent tests run plain threads (Foundation `Thread`), not Swift concurrency tasks. In
// the first, each reader pins a snapshot and checks it again and again against the writer's
// record of what that commit holds (an order-independent checksum over all entries, the entry
// count, and point gets), while the writer commits thousands of changes through a small cache
// with frequent checkpoints, so the pinned pages are evicted, spilled and re-read, and freed pages
// are reused around them. In the second, four committers share the engine at each synchronous
// mode while readers check that every snapshot holds whole commits only.

import Foundation
import Synchronization
import StrataTestSupport
import Testing
@testable import StrataStorage
import StrataCore

/// A hash of one entry; a map's checksum is the wrapping sum over its entries, so the writer can
/// keep it up to date per change and a reader can compute it in one scan.
fileprivate func entryHash(_ key: [UInt8], _ value: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    key.withUnsafeBytes { b in for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01B3 } }
    h = (h ^ 0x1FF) &* 0x100_0000_01B3
    value.withUnsafeBytes { b in for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01B3 } }
    h ^= UInt64(value.count) &* 0x9E37_79B9_7F4A_7C15
    h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
    return h ^ (h >> 29)
}

fileprivate struct Digest: Equatable, Sendable {
    var sum: UInt64 = 0
    var count = 0
    mutating func add(_ k: [UInt8], _ v: [UInt8]) { sum &+= entryHash(k, v); count += 1 }
    mutating func remove(_ k: [UInt8], _ v: [UInt8]) { sum &-= entryHash(k, v); count -= 1 }
}

/// What the writer shares with the readers.
fileprivate final class SharedState: Sendable {
    /// Digest of every commit's full contents, recorded before the commit is made.
    let digests = Locked<[CommitNumber: Digest]>([:])
    let failures = Locked<[String]>([])
    let writerDone = Atomic<Bool>(false)
    let finishedWriters = Atomic<Int>(0)
    /// Readers that have pinned their first snapshot; the writer starts once all have.
    let readersReady = Atomic<Int>(0)
    let verifications = Atomic<Int>(0)
    /// Verifications that ended before the writer had finished: the overlap the test is about.
    let verificationsDuringWrites = Atomic<Int>(0)

    func fail(_ message: String) {
        failures.withLock { if $0.count < 20 { $0.append(message) } }
    }
}

/// Runs each body on its own thread and waits for all of them.
fileprivate func runOnThreads(_ bodies: [@Sendable () -> Void]) {
    let group = DispatchGroup()
    for body in bodies {
        group.enter()
        let t = Thread {
            body()
            group.leave()
        }
        t.stackSize = 8 << 20
        t.start()
    }
    group.wait()
}

fileprivate func snapshotValue(_ rng: inout SeededGenerator, overflowPercent: Int = 2) -> [UInt8] {
    let n = Int.random(in: 0...99, using: &rng) < overflowPercent ? Int.random(in: 5000...12000, using: &rng)
        : Int.random(in: 0...200, using: &rng)
    let a = UInt8.random(in: 0...255, using: &rng)
    return [UInt8](unsafeUninitializedCapacity: n) { b, c in
        for i in 0..<n { b[i] = a &+ UInt8(truncatingIfNeeded: i &* 31) }
        c = n
    }
}

@Suite struct SnapshotTests {
    /// Three readers on their own threads, one of them holding its first snapshot for the whole
    /// run, check their pinned versions over and over while a writer commits thousands of changes.
    @Test func readersOnThreadsSeeTheirVersionUnchanged() throws {
        let seed = testSeed()
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(),
                                        options: options(cachePages: 32, synchronous: .off, checkpointBytes: 128 << 10))
        let shared = SharedState()
        var rng = SeededGenerator(seed: seed)
        let keySpace = 3000
        var model: [[UInt8]: [UInt8]] = [:]
        var digest = Digest()
        var load = WriteBatch()
        for i in stride(from: 0, to: keySpace, by: 3) {
            let k = key(i)
            let v = snapshotValue(&rng)
            load.put(k, v)
            model[k] = v
            digest.add(k, v)
        }
        let first = try db.commit(load)
        shared.digests.withLock { $0[first] = digest }

        let commits = 3000
        let writer: @Sendable () -> Void = { [model, digest] in
            var model = model
            var digest = digest
            var rng = SeededGenerator(seed: seed &+ 1)
            var last = first
            while shared.readersReady.load(ordering: .acquiring) < 3 { Thread.sleep(forTimeInterval: 0.001) }
            do {
                for _ in 0..<commits {
                    var b = WriteBatch()
                    for _ in 0..<Int.random(in: 1...4, using: &rng) {
                        let k = key(Int.random(in: 0..<keySpace, using: &rng))
                        if let old = model[k] { digest.remove(k, old) }
                        if Int.random(in: 0...99, using: &rng) < 25 {
                            b.delete(k)
                            model[k] = nil
                        } else {
                            let v = snapshotValue(&rng)
                            b.put(k, v)
                            model[k] = v
                            digest.add(k, v)
                        }
                    }
                    let d = digest
                    shared.digests.withLock { $0[last + 1] = d }
                    let c = try db.commit(b)
                    if c != last + 1 { shared.fail("commit returned \(c), expected \(last + 1)") }
                    last = c
                }
            } catch {
                shared.fail("writer: \(error)")
            }
            shared.writerDone.store(true, ordering: .releasing)
        }

        /// Scans the snapshot, checks order, digest and count, then point gets of sampled keys.
        @Sendable func verify(_ s: Snapshot, _ who: String, _ rng: inout SeededGenerator) throws {
            guard let expected = shared.digests.withLock({ $0[s.commit] }) else {
                shared.fail("\(who): no digest recorded for commit \(s.commit)")
                return
            }
            var got = Digest()
            var sample: [([UInt8], [UInt8])] = []
            var previous: [UInt8]?
            var c = s.cursor()
            var ok = try c.first()
            while ok {
                let k = c.key
                let v = try c.value()
                if let p = previous, !p.lexicographicallyPrecedes(k) {
                    shared.fail("\(who) at commit \(s.commit): keys out of order")
                    return
                }
                previous = k
                got.add(k, v)
                if Int.random(in: 0...99, using: &rng) < 2 { sample.append((k, v)) }
                ok = try c.next()
            }
            if got != expected {
                shared.fail("\(who): snapshot at commit \(s.commit) reads \(got.count) entries with sum \(got.sum), expected \(expected.count) with sum \(expected.sum)")
                return
            }
            for (k, v) in sample where try s.get(k) != v {
                shared.fail("\(who): get(\(String(decoding: k, as: UTF8.self))) at commit \(s.commit) changed")
                return
            }
            shared.verifications.add(1, ordering: .relaxed)
            if !shared.writerDone.load(ordering: .acquiring) { shared.verificationsDuringWrites.add(1, ordering: .relaxed) }
        }

        let readers: [@Sendable () -> Void] = (0..<3).map { r in
            {
                var rng = SeededGenerator(seed: seed &+ 100 &+ UInt64(r))
                let who = r == 0 ? "long reader" : "reader \(r)"
                do {
                    // Reader 0 keeps its first snapshot to the end; the others re-pin every few rounds.
                    let long = r == 0 ? db.snapshot(label: who) : nil
                    shared.readersReady.add(1, ordering: .releasing)
                    var rounds = 0
                    while !shared.writerDone.load(ordering: .acquiring) || rounds < 3 {
                        let s = long ?? db.snapshot(label: who)
                        for _ in 0..<3 { try verify(s, who, &rng) }
                        rounds += 1
                    }
                    if let long { try verify(long, who + " (after the writer)", &rng) }
                } catch {
                    shared.fail("\(who): \(error)")
                }
            }
        }
        runOnThreads([writer] + readers)

        let failures = shared.failures.withLock { $0 }
        #expect(failures.isEmpty, "seed \(seed) (STRATA_SEED replays): \(failures)")
        #expect(shared.verifications.load(ordering: .relaxed) >= 9 * 3)
        #expect(shared.verificationsDuringWrites.load(ordering: .relaxed) >= 3, "the readers should overlap the writer")
        #expect(db.stats.latestCommit == first + CommitNumber(commits))
        #expect(db.stats.checkpoints > 0, "the run should have crossed checkpoints")
        #expect(db.stats.cache.evictions > 0, "the run should have evicted pinned pages")
        #expect(db.pins().isEmpty)
        #expect(db.integrityCheck() == [])
    }

    /// Snapshots pinned between commits see exactly the commits before them, across checkpoints,
    /// cache evictions and page reuse, until they are released in any order.
    @Test func aSnapshotSeesExactlyTheCommitsBeforeIt() throws {
        let seed = testSeed()
        var rng = SeededGenerator(seed: seed)
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(),
                                        options: options(cachePages: 16, synchronous: .off, checkpointBytes: 64 << 10))
        var model: [[UInt8]: [UInt8]] = [:]
        var pinned: [(snapshot: Snapshot, model: [[UInt8]: [UInt8]], commit: CommitNumber)] = []
        var last: CommitNumber = 0
        for i in 1...1500 {
            var b = WriteBatch()
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let k = key(Int.random(in: 0..<800, using: &rng))
                if Int.random(in: 0...99, using: &rng) < 30 {
                    b.delete(k)
                    model[k] = nil
                } else {
                    let v = snapshotValue(&rng, overflowPercent: 5)
                    b.put(k, v)
                    model[k] = v
                }
            }
            last = try db.commit(b)
            if i % 100 == 0 {
                let s = db.snapshot(label: "after commit \(last)")
                #expect(s.commit == last)
                pinned.append((s, model, last))
            }
            if i % 250 == 0 { try db.checkpoint() }
        }
        #expect(db.pins().map(\.label) == pinned.map { "after commit \($0.commit)" })
        func check(_ p: (snapshot: Snapshot, model: [[UInt8]: [UInt8]], commit: CommitNumber)) throws {
            let got = try contents(p.snapshot)
            let expected = p.model.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            #expect(got.count == expected.count, "seed \(seed): snapshot at \(p.commit)")
            #expect(got.map(\.0) == expected.map(\.key), "seed \(seed): snapshot at \(p.commit) keys")
            #expect(got.map(\.1) == expected.map(\.value), "seed \(seed): snapshot at \(p.commit) values")
            var c = p.snapshot.cursor()
            var n = 0
            var ok = try c.last()
            while ok {
                n += 1
                ok = try c.previous()
            }
            #expect(n == expected.count, "seed \(seed): backward scan of the snapshot at \(p.commit)")
        }
        for p in pinned { try check(p) }
        // Release in a random order; the others keep reading their versions while commits go on.
        pinned.shuffle(using: &rng)
        while !pinned.isEmpty {
            pinned.removeLast()
            for _ in 0..<20 {
                var b = WriteBatch()
                b.put(key(Int.random(in: 0..<800, using: &rng)), snapshotValue(&rng))
                try db.commit(b)
            }
            for p in pinned { try check(p) }
        }
        #expect(db.pins().isEmpty)
        #expect(db.integrityCheck() == [])
    }

    /// `pins()` names a long-pinned snapshot and how many freed pages it holds back, which grows
    /// while updates go on; after release nothing is pinned and the held pages are reused.
    @Test func pinsReportWhoHoldsSpace() throws {
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(synchronous: .off, checkpointBytes: 256 << 10))
        var load = WriteBatch()
        for i in 0..<1000 { load.put(key(i), [UInt8](repeating: 1, count: 100)) }
        try db.commit(load)
        try db.checkpoint()
        func update(_ n: Int, _ round: UInt8) throws {
            for i in 0..<n {
                var b = WriteBatch()
                b.put(key(i * 7 % 1000), [UInt8](repeating: round, count: 100))
                try db.commit(b)
            }
        }
        var long: Snapshot? = db.snapshot(label: "nightly report")
        let pinnedAt = long!.commit
        var pins = db.pins()
        #expect(pins.count == 1)
        #expect(pins.first?.label == "nightly report")
        #expect(pins.first?.commit == pinnedAt)
        #expect(pins.first?.pagesHeld == 0, "nothing has been freed since the pin")

        try update(300, 2)
        pins = db.pins()
        let held1 = pins.first?.pagesHeld ?? 0
        #expect(held1 > 0, "300 updates since the pin should hold pages")
        try db.checkpoint()
        try update(300, 3)
        let held2 = db.pins().first?.pagesHeld ?? 0
        #expect(held2 > held1, "held pages should grow while updates go on: \(held1) then \(held2)")
        #expect(db.stats.pendingPages >= held2)

        // A second, newer pin holds less than the old one.
        var second: Snapshot? = db.snapshot(label: "second")
        try update(50, 4)
        pins = db.pins()
        #expect(pins.map(\.label) == ["nightly report", "second"])
        if pins.count == 2 { #expect(pins[1].pagesHeld < pins[0].pagesHeld) }
        #expect(try long!.get(key(0)) == [UInt8](repeating: 1, count: 100), "the long pin still reads its version")

        long = nil
        #expect(db.pins().map(\.label) == ["second"])
        second = nil
        #expect(db.pins().isEmpty)
        _ = second
        // The next commits reclaim what the pins held: the file does not grow while they are reused.
        try db.checkpoint()
        try update(1, 5)
        let pageCount = db.stats.pageCount
        #expect(db.stats.pendingPages < held2, "released pages should have been reclaimed")
        try update(300, 6)
        #expect(db.stats.pageCount == pageCount, "updates after the release should reuse the held pages")
        #expect(db.integrityCheck() == [])
    }

    /// A cursor keeps its snapshot pinned: with no other reference to the snapshot, the cursor
    /// still reads that version after updates, deletes, checkpoints and page reuse.
    @Test func aCursorKeepsItsVersionPinned() throws {
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(cachePages: 16, synchronous: .off, checkpointBytes: 32 << 10))
        var load = WriteBatch()
        for i in 0..<500 { load.put(key(i), [UInt8](repeating: UInt8(i & 0xFF), count: 150)) }
        try db.commit(load)
        var cursor: BTreeCursor? = db.snapshot(label: "cursor only").cursor()
        #expect(db.pins().map(\.label) == ["cursor only"])
        for round in 1...3 {
            for i in stride(from: 0, to: 500, by: 2) {
                var b = WriteBatch()
                b.put(key(i), [UInt8](repeating: UInt8(round), count: 300))
                b.delete(key(i + 1))
                try db.commit(b)
            }
            try db.checkpoint()
        }
        #expect(db.pins().first?.pagesHeld ?? 0 > 0)
        var seen = 0
        var ok = try cursor!.first()
        while ok {
            #expect(cursor!.key == key(seen))
            #expect(try cursor!.value() == [UInt8](repeating: UInt8(seen & 0xFF), count: 150))
            seen += 1
            ok = try cursor!.next()
        }
        #expect(seen == 500)
        cursor = nil
        _ = cursor
        #expect(db.pins().isEmpty)
        #expect(db.integrityCheck() == [])
    }

    /// Four committers on their own threads (each commit: a counter, a new entry, a sliding window
    /// of three more) while two readers check every snapshot they pin: no commit is ever half
    /// visible, no counter goes back, and a snapshot taken after `commit` returns sees that commit.
    /// At FULL the committers share WAL syncs (group commit); OFF and NORMAL publish at once.
    @Test(arguments: [SynchronousMode.full, .normal, .off])
    func concurrentCommittersAreAtomicAndInOrder(mode: SynchronousMode) throws {
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(cachePages: 32, synchronous: mode, checkpointBytes: 64 << 10))
        let shared = SharedState()
        let writers = 4
        let perWriter = 200
        @Sendable func counter(_ s: Snapshot, _ w: Int) throws -> Int {
            try s.get(bytes("c\(w)")).map { Int(String(decoding: $0, as: UTF8.self)) ?? -1 } ?? 0
        }
        @Sendable func entries(_ s: Snapshot, prefix: [UInt8]) throws -> Int {
            var c = s.cursor()
            var n = 0
            var ok = try c.seek(prefix)
            while ok && c.key.starts(with: prefix) {
                n += 1
                ok = try c.next()
            }
            return n
        }
        let committers: [@Sendable () -> Void] = (0..<writers).map { w in
            {
                do {
                    for n in 1...perWriter {
                        var b = WriteBatch()
                        b.put(bytes("c\(w)"), bytes(String(n)))
                        b.put(bytes("e\(w)-") + key(n), [UInt8](repeating: UInt8(n & 0xFF), count: n % 10 == 0 ? 5000 : 50))
                        if n > 3 { b.delete(bytes("x\(w)-") + key(n - 3)) }
                        b.put(bytes("x\(w)-") + key(n), [1])
                        try db.commit(b)
                        let seen = try counter(db.snapshot(), w)
                        if seen < n { shared.fail("committer \(w): after commit \(n) returned, a new snapshot sees \(seen)") }
                    }
                } catch {
                    shared.fail("committer \(w): \(error)")
                }
                shared.finishedWriters.add(1, ordering: .releasing)
            }
        }
        let readers: [@Sendable () -> Void] = (0..<2).map { r in
            {
                var last = [Int](repeating: 0, count: writers)
                do {
                    while shared.finishedWriters.load(ordering: .acquiring) < writers {
                        let s = db.snapshot(label: "reader \(r)")
                        for w in 0..<writers {
                            let c = try counter(s, w)
                            if c < last[w] { shared.fail("reader \(r): committer \(w)'s counter went back from \(last[w]) to \(c)") }
                            last[w] = c
                            let e = try entries(s, prefix: bytes("e\(w)-"))
                            let x = try entries(s, prefix: bytes("x\(w)-"))
                            if e != c || x != min(c, 3) {
                                shared.fail("reader \(r): snapshot at commit \(s.commit) shows committer \(w)'s counter \(c) with \(e) entries and \(x) window entries: half a commit")
                            }
                        }
                    }
                } catch {
                    shared.fail("reader \(r): \(error)")
                }
            }
        }
        runOnThreads(committers + readers)
        let failures = shared.failures.withLock { $0 }
        #expect(failures.isEmpty, "\(mode): \(failures)")
        #expect(db.stats.latestCommit == CommitNumber(writers * perWriter))
        if mode == .full {
            #expect(db.stats.walSyncs < writers * perWriter, "group commit should share syncs: \(db.stats.walSyncs) for \(writers * perWriter) commits")
        }
        let s = db.snapshot()
        for w in 0..<writers {
            #expect(try counter(s, w) == perWriter)
            #expect(try entries(s, prefix: bytes("e\(w)-")) == perWriter)
        }
        #expect(db.integrityCheck() == [])
        try db.close()
        let reopened = try StorageEngine.open(path: dir.file(), options: options())
        #expect(try entries(reopened.snapshot(), prefix: bytes("e")) == writers * perWriter)
    }
}
