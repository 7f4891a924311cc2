// CacheTests: a database many times larger than the page cache works (PageCache.swift: bounded,
// clean pages evicted, dirty pages spilled to their own numbers), built in many commits or in one
// commit larger than the cache, after a checkpoint, after a crash and from several threads at once;
// and the OS file lock keeps a second handle out.

import Foundation
import Synchronization
import StrataTestSupport
import Testing
@testable import StrataStorage
import StrataCore

/// About 650 pages of 4 KiB: 3000 keys with 400-800-byte values, and every 100th value 20 KB
/// (an overflow chain of five pages).
fileprivate func bigData(seed: UInt64) -> [([UInt8], [UInt8])] {
    var rng = SeededGenerator(seed: seed)
    return (0..<3000).map { i in
        let n = i % 100 == 0 ? 20_000 : Int.random(in: 400...800, using: &rng)
        let a = UInt8.random(in: 0...255, using: &rng)
        let v = [UInt8](unsafeUninitializedCapacity: n) { b, c in
            for j in 0..<n { b[j] = a &+ UInt8(truncatingIfNeeded: j &* 7) }
            c = n
        }
        return (key(i), v)
    }
}

fileprivate let cacheCapacity = 32

fileprivate final class ThreadState: Sendable {
    let failures = Locked<[String]>([])
    let done = Atomic<Bool>(false)
    let peak = Atomic<Int>(0)
    let samples = Atomic<Int>(0)
    func fail(_ message: String) { failures.withLock { $0.append(message) } }
}

fileprivate func smallCache(checkpointBytes: Int = 1 << 20) -> StorageOptions {
    options(pageSize: 4096, cachePages: cacheCapacity, synchronous: .off, checkpointBytes: checkpointBytes)
}

/// Reads everything back: both scan directions, point gets and seeks; then the cache bounds.
fileprivate func verifyBig(_ db: StorageEngine, _ data: [([UInt8], [UInt8])], _ what: String,
                           in snapshot: Snapshot? = nil) throws {
    let s = snapshot ?? db.snapshot()
    var c = s.cursor()
    var i = 0
    var ok = try c.first()
    while ok {
        guard i < data.count, c.key == data[i].0, try c.value() == data[i].1 else {
            Issue.record("\(what): forward scan differs at entry \(i)")
            return
        }
        i += 1
        ok = try c.next()
    }
    #expect(i == data.count, "\(what): forward scan saw \(i) entries")
    i = data.count - 1
    ok = try c.last()
    while ok {
        guard i >= 0, c.key == data[i].0 else {
            Issue.record("\(what): backward scan differs at entry \(i)")
            return
        }
        i -= 1
        ok = try c.previous()
    }
    #expect(i == -1, "\(what): backward scan missed \(i + 1) entries")
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<400 {
        let j = Int.random(in: 0..<data.count, using: &rng)
        #expect(try s.get(data[j].0) == data[j].1, "\(what): get(\(String(decoding: data[j].0, as: UTF8.self)))")
        var seek = s.cursor()
        #expect(try seek.seek(data[j].0 + [0]) == (j + 1 < data.count), "\(what): seek past entry \(j)")
        if j + 1 < data.count { #expect(seek.key == data[j + 1].0, "\(what): seek past entry \(j)") }
    }
    let stats = db.stats
    #expect(stats.pageCount >= 10 * cacheCapacity, "\(what): the database has only \(stats.pageCount) pages")
    #expect(stats.cache.residentPages <= cacheCapacity + 4,
            "\(what): \(stats.cache.residentPages) pages resident in a cache of \(cacheCapacity)")
    #expect(stats.cache.residentPages >= cacheCapacity / 2,
            "\(what): only \(stats.cache.residentPages) pages resident after reading everything")
    #expect(stats.cache.evictions > 0, "\(what): no evictions")
    #expect(db.integrityCheck() == [], "\(what)")
}

@Suite struct CacheTests {
    /// Built in 60 commits of 50 keys through a 32-page cache; read back before and after reopening.
    @Test func databaseTenTimesTheCacheBuiltInManyCommits() throws {
        let data = bigData(seed: 1)
        let dir = TemporaryDirectory()
        do {
            let db = try StorageEngine.open(path: dir.file(), options: smallCache())
            for start in stride(from: 0, to: data.count, by: 50) {
                var b = WriteBatch()
                for (k, v) in data[start..<min(data.count, start + 50)] { b.put(k, v) }
                try db.commit(b)
            }
            #expect(db.stats.checkpoints > 0)
            #expect(db.stats.cache.spills > 0, "dirty pages should have been spilled between checkpoints")
            try verifyBig(db, data, "before close")
            try db.close()
        }
        let db = try StorageEngine.open(path: dir.file(), options: smallCache())
        try verifyBig(db, data, "after reopen")
    }

    /// The same data in one commit, larger than the cache: the commit spills its own pages; a
    /// crash right after it makes recovery replay the whole commit through the small cache.
    @Test func oneCommitLargerThanTheCache() throws {
        let data = bigData(seed: 2)
        let dir = TemporaryDirectory()
        do {
            let db = try StorageEngine.open(path: dir.file(), options: smallCache(checkpointBytes: 16 << 20))
            var b = WriteBatch()
            for (k, v) in data { b.put(k, v) }
            try db.commit(b)
            #expect(db.stats.checkpoints == 0)
            #expect(db.stats.cache.spills > 0, "a commit larger than the cache must spill")
            try verifyBig(db, data, "after the big commit")
            // Dropped without close: the commit lives only in the WAL.
        }
        do {
            let db = try StorageEngine.open(path: dir.file(), options: smallCache(checkpointBytes: 16 << 20))
            #expect(db.stats.durableCommit == 0)
            try verifyBig(db, data, "after recovery")
            try db.close()
        }
        let db = try StorageEngine.open(path: dir.file(), options: smallCache())
        #expect(db.stats.walBytes == WriteAheadLog.headerSize)
        try verifyBig(db, data, "after checkpoint and reopen")
    }

    /// Four threads read random keys and scan ranges through the 32-page cache while a writer
    /// commits to other keys: every read sees the loaded data, while pages are evicted around them.
    @Test func concurrentReadersThroughASmallCache() throws {
        let data = bigData(seed: 3)
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: smallCache(checkpointBytes: 256 << 10))
        for start in stride(from: 0, to: data.count, by: 500) {
            var b = WriteBatch()
            for (k, v) in data[start..<min(data.count, start + 500)] { b.put(k, v) }
            try db.commit(b)
        }
        let state = ThreadState()
        let evictionsBefore = db.stats.cache.evictions
        let group = DispatchGroup()
        func thread(_ body: @escaping @Sendable () -> Void) {
            group.enter()
            let t = Thread {
                body()
                group.leave()
            }
            t.stackSize = 8 << 20
            t.start()
        }
        do {
            thread {
                var rng = SeededGenerator(seed: 99)
                do {
                    for i in 0..<1500 {
                        var b = WriteBatch()
                        b.put(bytes("w") + key(Int.random(in: 0..<500, using: &rng)), [UInt8](repeating: UInt8(i & 0xFF), count: 700))
                        try db.commit(b)
                    }
                } catch {
                    state.fail("writer: \(error)")
                }
                state.done.store(true, ordering: .releasing)
            }
            for r in 0..<4 {
                thread {
                    var rng = SeededGenerator(seed: UInt64(r))
                    do {
                        var rounds = 0
                        while !state.done.load(ordering: .acquiring) || rounds < 50 {
                            rounds += 1
                            let s = db.snapshot()
                            let j = Int.random(in: 0..<data.count, using: &rng)
                            if try s.get(data[j].0) != data[j].1 {
                                state.fail("reader \(r): get of entry \(j)")
                                return
                            }
                            var c = s.cursor()
                            var ok = try c.seek(data[j].0)
                            var k = j
                            while ok && k < min(data.count, j + 20) {
                                let v = try c.value()
                                if c.key != data[k].0 || v != data[k].1 {
                                    state.fail("reader \(r): scan from entry \(j) differs at \(k)")
                                    return
                                }
                                k += 1
                                ok = try c.next()
                            }
                        }
                    } catch {
                        state.fail("reader \(r): \(error)")
                    }
                }
            }
            group.wait()
        }
        #expect(state.failures.withLock { $0 } == [])
        #expect(db.stats.cache.evictions > evictionsBefore)
        #expect(db.stats.cache.residentPages <= cacheCapacity + 4)
        #expect(db.integrityCheck() == [])
    }

    /// One value of 1 MiB at 1 KiB pages (an overflow chain of over 1000 pages, 60 times the
    /// cache) is written, read back, replaced and deleted; its pages come back for the next one.
    @Test func aValueLargerThanTheCache() throws {
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(pageSize: 1024, cachePages: 16, synchronous: .off))
        func big(_ seed: UInt8) -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: 1 << 20) { b, c in
                for i in 0..<(1 << 20) { b[i] = seed &+ UInt8(truncatingIfNeeded: i >> 7) &+ UInt8(truncatingIfNeeded: i) }
                c = 1 << 20
            }
        }
        var b = WriteBatch()
        b.put(key(1), big(1))
        b.put(key(2), bytes("small"))
        try db.commit(b)
        #expect(try db.snapshot().get(key(1)) == big(1))
        #expect(db.stats.cache.residentPages <= 16 + 4)
        try db.checkpoint()
        var u = WriteBatch()
        u.put(key(1), big(2))
        try db.commit(u)
        try db.checkpoint()
        let pages = db.stats.pageCount
        #expect(try db.snapshot().get(key(1)) == big(2))
        var d = WriteBatch()
        d.delete(key(1))
        try db.commit(d)
        try db.checkpoint()
        try db.commit(b)
        #expect(db.stats.pageCount <= pages, "a value of the same size should reuse the freed chain")
        try db.close()
        let reopened = try StorageEngine.open(path: dir.file(), options: options(pageSize: 1024, cachePages: 16))
        #expect(try reopened.snapshot().get(key(1)) == big(1))
        #expect(try reopened.snapshot().get(key(2)) == bytes("small"))
        #expect(reopened.integrityCheck() == [])
    }

    /// While one commit writes a value 120 times the cache (2 MiB at 1 KiB pages through 16
    /// pages), a thread watching the cache never sees it hold more than its capacity plus the
    /// few pages the writer is using: each overflow page can be spilled as soon as it is written.
    @Test func theCacheStaysBoundedWhileOneCommitWritesALargeValue() throws {
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: options(pageSize: 1024, cachePages: 16, synchronous: .off))
        let state = ThreadState()
        let group = DispatchGroup()
        group.enter()
        Thread {
            while !state.done.load(ordering: .acquiring) {
                let resident = db.cache.stats.residentPages
                if resident > state.peak.load(ordering: .relaxed) { state.peak.store(resident, ordering: .relaxed) }
                state.samples.add(1, ordering: .relaxed)
            }
            group.leave()
        }.start()
        var b = WriteBatch()
        b.put(key(1), [UInt8](repeating: 0x5A, count: 2 << 20))
        try db.commit(b)
        state.done.store(true, ordering: .releasing)
        group.wait()
        #expect(state.samples.load(ordering: .relaxed) > 0)
        #expect(state.peak.load(ordering: .relaxed) <= 16 + 8,
                "the cache of 16 pages held \(state.peak.load(ordering: .relaxed)) pages during the commit")
        #expect(db.stats.cache.spills > 1000)
        #expect(try db.snapshot().get(key(1)) == [UInt8](repeating: 0x5A, count: 2 << 20))
        #expect(db.stats.cache.residentPages <= 16 + 4)
    }

    /// Readers holding 300 cursors on different leaves make a 16-page cache grow past its
    /// capacity (PageCache.swift (3)); once they let go, further reads and commits shrink it back
    /// (packing its sparse slots), and every read, cursor and commit stays right through it.
    @Test func theCacheGrowsWhileEveryPageIsHeldAndShrinksBack() throws {
        let data = bigData(seed: 4)
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(), options: smallCache())
        var load = WriteBatch()
        for (k, v) in data { load.put(k, v) }
        try db.commit(load)
        try db.checkpoint()
        let s = db.snapshot()
        var cursors: [(BTreeCursor, Int)] = []
        for j in stride(from: 0, to: data.count, by: 10) {
            var c = s.cursor()
            #expect(try c.seek(data[j].0))
            cursors.append((c, j))
        }
        let grown = db.stats.cache.residentPages
        #expect(grown > cacheCapacity + 64, "300 cursors on different leaves should hold more pages than the cache: \(grown)")
        // Every held cursor still reads its entry and steps on.
        for (c, j) in cursors {
            var c = c
            #expect(c.key == data[j].0)
            #expect(try c.next() && c.key == data[j + 1].0)
        }
        cursors.removeAll()
        // Reads and commits after the release: the cache shrinks to its capacity again.
        var rng = SeededGenerator(seed: 5)
        for round in 0..<40 {
            for _ in 0..<25 {
                let j = Int.random(in: 0..<data.count, using: &rng)
                #expect(try s.get(data[j].0) == data[j].1)
            }
            var b = WriteBatch()
            b.put(bytes("w") + key(round), [UInt8](repeating: UInt8(round), count: 900))
            try db.commit(b)
        }
        #expect(db.stats.cache.residentPages <= cacheCapacity + 4, "\(db.stats.cache.residentPages) pages resident after the release")
        try verifyBig(db, data, "after the cache shrank back", in: s)
        for round in 0..<40 { #expect(try db.snapshot().get(bytes("w") + key(round)) == [UInt8](repeating: UInt8(round), count: 900)) }
        try db.close()
        let reopened = try StorageEngine.open(path: dir.file(), options: smallCache())
        #expect(try reopened.snapshot().get(bytes("w") + key(39)) == [UInt8](repeating: 39, count: 900))
        #expect(reopened.integrityCheck() == [])
    }

    /// The lock is an flock on the open file description, so a second open in the same process is
    /// refused like one from another process; closing (or dropping) the first lets it in.
    @Test func aSecondOpenIsLockedOut() throws {
        let dir = TemporaryDirectory()
        let first = try StorageEngine.open(path: dir.file(), options: smallCache())
        var b = WriteBatch()
        b.put(key(1), bytes("one"))
        try first.commit(b)
        func secondOpenFails(_ when: String) {
            do {
                _ = try StorageEngine.open(path: dir.file(), options: smallCache())
                Issue.record("\(when): a second open of a locked database succeeded")
            } catch {
                #expect(error.message.contains("database is locked by another process"), "\(when): \(error)")
                #expect(error.message.contains(dir.file()), "\(when): the message should name the file: \(error)")
                #expect(error.code == .objectInUse)
            }
        }
        secondOpenFails("while open")
        secondOpenFails("again")
        #expect(try first.snapshot().get(key(1)) == bytes("one"), "a refused open must not disturb the holder")
        try first.commit(b)
        try first.close()
        do {
            let second = try StorageEngine.open(path: dir.file(), options: smallCache())
            #expect(try second.snapshot().get(key(1)) == bytes("one"))
            secondOpenFails("after reopening")
            // Dropped without close: the lock goes with the handle.
        }
        let third = try StorageEngine.open(path: dir.file(), options: smallCache())
        #expect(third.integrityCheck() == [])
    }

    /// The cache's page table (open addressing, backward-shift deletion) against a dictionary, with
    /// few distinct keys so probe runs collide, wrap around and shift on every removal.
    @Test(arguments: [8, 40, 300])
    func pageIndexMatchesADictionary(capacity: Int) {
        let seed = testSeed()
        var rng = SeededGenerator(seed: seed)
        var index = PageIndex(minimumCapacity: capacity)
        var model: [PageNumber: Int] = [:]
        let range = capacity * 3
        // Page numbers spread over the 32-bit space as well as dense small ones.
        let keys: [PageNumber] = (0..<range).map { (i: Int) -> PageNumber in
            if i % 3 == 0 { return PageNumber(i) }
            let spread: Int = i &* 0x0100_0193 &+ 7
            return PageNumber(truncatingIfNeeded: spread)
        }
        for step in 0..<20_000 {
            let k = keys[Int.random(in: 0..<range, using: &rng)]
            if Int.random(in: 0...99, using: &rng) < 55 {
                let v = Int.random(in: 0..<1_000_000, using: &rng)
                index.set(k, v)
                model[k] = v
            } else {
                let removed = index.remove(k)
                let expected = model.removeValue(forKey: k)
                if removed != expected {
                    Issue.record("seed \(seed) step \(step): remove(\(k)) gave \(String(describing: removed)), expected \(String(describing: expected))")
                    return
                }
            }
            if step % 97 == 0 || step == 19_999 {
                for key in keys where index[key] != model[key] {
                    Issue.record("seed \(seed) step \(step): index[\(key)] is \(String(describing: index[key])), expected \(String(describing: model[key]))")
                    return
                }
                #expect(index.count == model.count, "seed \(seed) step \(step)")
            }
        }
    }
}
