// ReclamationTests: freed pages come back (FreeSpace.swift's rule), so a steady update workload
// on a fixed set of keys keeps the file bounded, and a long-pinned snapshot holds space only
// while it is pinned.
//
// THE BOUND  Under steady updates the file holds the live tree (L pages) plus what the reuse rule
// must keep: the durable tree's pages that commits since the last checkpoint have replaced (they
// are needed by recovery until the next checkpoint's meta page is durable: at most L more), the
// free-list chain, and the few pages in flight in one commit. So the file settles near 2L, and
// 3L (what issue 2 asks for) leaves room for the tree's own growth by splits. The tests pin
// pageCount <= 3L and file size <= 3L pages at every sample, with L counted exactly by walking
// the newest tree.

import Foundation
import StrataTestSupport
import Testing
@testable import StrataStorage
import StrataCore

/// Pages the newest tree reaches (branches, leaves, overflow pages).
fileprivate func livePages(_ db: StorageEngine) -> Int {
    db.checkTree(root: db.snapshot().root, verifyChecksums: false).pages.count
}

fileprivate func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? -1
}

fileprivate func reclamationValue(_ rng: inout SeededGenerator, _ n: Int = 100) -> [UInt8] {
    let a = UInt64.random(in: 0...UInt64.max, using: &rng)
    return [UInt8](unsafeUninitializedCapacity: n) { b, c in
        for i in 0..<n { b[i] = UInt8(truncatingIfNeeded: a >> UInt64((i % 8) * 8)) &+ UInt8(truncatingIfNeeded: i) }
        c = n
    }
}

@Suite struct ReclamationTests {
    /// 2000 keys with 100-byte values, 30,000 commits of one to eight updates, checkpoints every
    /// 256 KiB of WAL: the page count and the file stay within 3x the live tree throughout.
    @Test func steadyUpdatesKeepTheFileBounded() throws {
        let seed = testSeed()
        var rng = SeededGenerator(seed: seed)
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(),
                                        options: options(cachePages: 256, synchronous: .off, checkpointBytes: 256 << 10))
        let keys = 2000
        var model: [[UInt8]] = []
        var load = WriteBatch()
        for i in 0..<keys {
            let v = reclamationValue(&rng)
            load.put(key(i), v)
            model.append(v)
        }
        try db.commit(load)
        try db.checkpoint()
        let initialLive = livePages(db)
        var worst = (ratio: 0.0, at: 0, pages: 0, live: 0)
        let commits = 30_000
        for n in 1...commits {
            var b = WriteBatch()
            let count = Int.random(in: 0...99, using: &rng) < 80 ? 1 : Int.random(in: 2...8, using: &rng)
            for _ in 0..<count {
                let i = Int.random(in: 0..<keys, using: &rng)
                model[i] = reclamationValue(&rng)
                b.put(key(i), model[i])
            }
            try db.commit(b)
            if n % 500 == 0 {
                let live = livePages(db)
                let pages = db.stats.pageCount
                let ratio = Double(max(pages, fileSize(dir.file()) / 4096)) / Double(live)
                if ratio > worst.ratio { worst = (ratio, n, pages, live) }
            }
        }
        let s = db.stats
        #expect(s.checkpoints >= 10, "only \(s.checkpoints) checkpoints in \(commits) commits")
        #expect(worst.ratio <= 3.0,
                "seed \(seed): after \(worst.at) commits the file holds \(worst.pages) pages for a live tree of \(worst.live) (\(worst.ratio)x)")
        #expect(db.integrityCheck() == [])
        try db.close()

        // A fresh open counts the live tree from the durable state alone.
        let reopened = try StorageEngine.open(path: dir.file(), options: options(synchronous: .off))
        let live = livePages(reopened)
        #expect(live <= initialLive * 3 / 2, "the live tree grew from \(initialLive) to \(live) pages with the same keys")
        #expect(reopened.stats.pageCount <= 3 * live, "\(reopened.stats.pageCount) pages for a live tree of \(live)")
        #expect(fileSize(dir.file()) <= 3 * live * 4096)
        let snapshot = reopened.snapshot()
        for i in stride(from: 0, to: keys, by: 7) { #expect(try snapshot.get(key(i)) == model[i]) }
        #expect(try contents(snapshot).count == keys)
        #expect(reopened.integrityCheck() == [])
    }

    /// A snapshot pinned during steady updates holds every page freed after it, so the file grows;
    /// once it is released and a checkpoint or two have passed, continued updates reuse that space
    /// and the file does not grow any further.
    @Test func aLongPinnedSnapshotHoldsSpaceUntilReleased() throws {
        let seed = testSeed()
        var rng = SeededGenerator(seed: seed)
        let dir = TemporaryDirectory()
        let db = try StorageEngine.open(path: dir.file(),
                                        options: options(cachePages: 256, synchronous: .off, checkpointBytes: 256 << 10))
        let keys = 1000
        var model: [[UInt8]] = []
        var load = WriteBatch()
        for i in 0..<keys {
            let v = reclamationValue(&rng)
            load.put(key(i), v)
            model.append(v)
        }
        try db.commit(load)
        func update(_ commits: Int) throws {
            for _ in 0..<commits {
                var b = WriteBatch()
                let i = Int.random(in: 0..<keys, using: &rng)
                model[i] = reclamationValue(&rng)
                b.put(key(i), model[i])
                try db.commit(b)
            }
        }
        // Settle into the steady state first.
        try update(4000)
        try db.checkpoint()
        let settled = db.stats.pageCount

        var pinned: Snapshot? = db.snapshot(label: "long reader")
        let pinnedModel = model
        try update(1500)
        let grown = db.stats.pageCount
        let held = db.pins().first?.pagesHeld ?? 0
        #expect(grown > settled + 1000, "seed \(seed): while pinned the file went from \(settled) to only \(grown) pages")
        #expect(held > 1000, "seed \(seed): the pin reports \(held) pages held")
        #expect(db.pins().first?.label == "long reader")
        // The pin still reads its version.
        for i in stride(from: 0, to: keys, by: 3) { #expect(try pinned!.get(key(i)) == pinnedModel[i]) }

        pinned = nil
        _ = pinned
        #expect(db.pins().isEmpty)
        // Release, then a checkpoint or two: the held pages become free and are reused.
        try update(10)
        try db.checkpoint()
        try update(10)
        try db.checkpoint()
        let afterRelease = db.stats.pageCount
        #expect(afterRelease == grown, "the file does not shrink, but it should not grow after the release either")
        #expect(db.stats.freePages > 1000, "seed \(seed): only \(db.stats.freePages) free pages after the release")
        try update(6000)
        #expect(db.stats.pageCount == afterRelease,
                "seed \(seed): continued updates after the release grew the file from \(afterRelease) to \(db.stats.pageCount) pages")
        #expect(db.stats.checkpoints >= 4)
        #expect(db.integrityCheck() == [])
        let s = db.snapshot()
        for i in 0..<keys { #expect(try s.get(key(i)) == model[i]) }
    }
}
