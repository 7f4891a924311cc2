// Regression tests for engine bugs that CorruptionTests found (all fixed): a damaged version field
// of the older meta page, a log whose base predates the newest meta page (crash between a
// checkpoint's meta write and its log reset), and the message for a file truncated inside its
// meta pages. Each test states the expectation and the original diagnosis.

import Foundation
import Testing
@testable import StrataStorage
import StrataCore

@Suite struct CorruptionRegressionTests {
    /// Meta.read returns .newerVersion before it checks the checksum, and readMeta throws on any
    /// .newerVersion even when the other slot is valid: a flipped byte in the version field of
    /// the OLDER meta page makes open fail with "format version 254, newer than this build".
    @Test func damagedVersionFieldOfTheOlderMetaPageLosesNothing() throws {
        try checkDamagedOlderMetaPage(offset: 40)
    }

    /// A file cut to 100 bytes (it starts with a valid meta header) is reported as "not a Strata
    /// database": readMeta skips short reads before it looks at the magic, so sawMagic stays false.
    @Test func dataFileTruncatedTo100BytesSaysTruncated() throws {
        try checkTruncatedDataFile("100 bytes")
    }

    /// Meta (2) protects against going back in time only while the log's base is the newest
    /// checkpoint. After a crash between the meta flip and the log reset, open keeps the log
    /// (base = the older checkpoint) and new commits reuse the older tree's pages (they are in
    /// the newest meta page's free list). If the newest meta page is damaged now, open falls back
    /// to the older meta page, passes the base check and replays the log onto a tree whose pages
    /// were overwritten. With `overflowValues` the replay usually trips over a reused overflow
    /// page ("expected a B+tree page"); with small values only the reused pages are well-formed
    /// leaves and branches and the result is a wrong state.
    @Test(arguments: [false, true])
    func damagedNewestMetaAfterCrashBeforeLogResetAndReuse(overflowValues: Bool) throws {
        var f = Fixture()
        func put(_ e: StorageEngine, _ keys: some Sequence<Int>, _ r: Int) throws {
            var b = WriteBatch()
            for i in keys {
                let v = overflowValues ? Fixture.value(i, revision: r) : bytes("value \(i) revision \(r) padding padding")
                b.put(key(i), v)
                f.model[key(i)] = v
            }
            try e.commit(b)
        }
        do {
            // Commit 1 builds the tree in one batch, so the first checkpoint has no free list.
            let e = try f.open(options(synchronous: .full))
            try put(e, 0..<2000, 0)
            try e.checkpoint()
            // Touches every leaf, so the whole first tree is freed by the second checkpoint.
            for r in 1..<6 { try put(e, stride(from: r, to: 2000, by: 25), r) }
            let wal = FileDamage.readAll(f.wal)
            try e.checkpoint()
            FileDamage.writeAll(f.wal, wal)  // the crash: meta page durable, log not reset
        }
        #expect(FileDamage.walBase(f.wal) < FileDamage.newestMeta(f.path, pageSize: f.pageSize).meta.commit)
        do {
            // Reopened with a small cache: these commits spill onto the pages the older tree used.
            let e = try f.open(options(cachePages: 16, synchronous: .full))
            // Only the lower half: the upper half's values live only in the first tree's leaves.
            for r in 6..<10 { try put(e, 0..<1000, r) }
            #expect(e.stats.cache.spills > 0)
            // The process dies here (no checkpoint).
        }
        try f.expectIntact(nil, "before the damage")
        let (slot, _) = FileDamage.newestMeta(f.path, pageSize: f.pageSize)
        FileDamage.flip(f.path, at: Int(slot) * f.pageSize + 200)
        // Either every commit is there, or a clear error; never an older or mixed state.
        let engine: StorageEngine
        do {
            engine = try f.open()
        } catch {
            expectCorruption(error, file: f.path)
            #expect(!error.message.contains("expected a B+tree page"),
                    "open replayed the log onto pages that later commits had reused: \(error)")
            return
        }
        let found = try? contentsMap(engine.snapshot())
        let problems = engine.integrityCheck()
        // Point reads that silently return a wrong value (no error).
        var wrong = 0
        for (k, v) in f.model where (try? engine.snapshot().get(k)) != v { wrong += 1 }
        if found != f.model || !problems.isEmpty {
            Issue.record("open fell back to the older meta page and returned a wrong state: \(found.map { describeDifference($0, f.model) } ?? "scan failed"); \(wrong) of \(f.model.count) gets wrong; integrity check: \(problems.count) problems, \(problems.prefix(3))")
        }
    }
}
