// PageCache: a bounded map from page number to the page's bytes in memory, shared by every
// reader and the writer.
//
// INVARIANTS
//   (1) A page read from disk has passed its checksum and page-number check before anyone sees it.
//   (2) A page is evicted only when the cache holds the only reference to it, so nobody is reading
//       or mutating an evicted page. A dirty page is written to its own page number before it is
//       dropped ("spilled"): that number is reachable from no durable root and no other pinned
//       version (the allocation rule of FreeSpace), so the write is safe at any time.
//   (3) The cache may exceed its capacity while every page in it is referenced (or, for a
//       reader's insertion, every unreferenced page belongs to the commit being applied); it
//       shrinks back on the next insertions.
//   (4) A page the commit being applied has made dirty is spilled only by the writer's own
//       thread until `endChanges`. The writer changes such a page in place (TreeWriter) without
//       the shard lock and lets go of it between changes; another thread that then found it
//       unreferenced and spilled it would read it with nothing ordering the writer's changes
//       before its read (a reference count is no synchronization Swift promises, nor one
//       ThreadSanitizer sees). A reader that loads `changing` after `endChanges` (or a later
//       commit's `beginChanges`, made under the writer lock) sees every change of that commit.
// CONCURRENCY  Pages are spread over shards by page number; each shard has its own lock and
//   clock hand. Disk reads on a miss happen outside the lock; two threads missing the same page
//   both read it and the first insertion wins. `changing` is written only under the storage
//   engine's writer lock.

import StrataCore
import Synchronization  // Atomic

package struct PageCacheStats: Sendable {
    package var hits = 0
    package var misses = 0
    package var evictions = 0
    package var spills = 0
    package var residentPages = 0
    package var dirtyPages = 0
}

package final class PageCache: Sendable {
    private struct Slot {
        var page: Page
        var referenced: Bool
        /// The commit that last made the page dirty (meaningful while it is dirty), for invariant (4).
        var dirtiedBy: CommitNumber = 0
    }

    private struct Shard {
        var index: PageIndex
        var slots: [Slot] = []
        var freeSlots: [Int] = []
        var hand = 0
        var capacity: Int
        var stats = PageCacheStats()
        init(capacity: Int) {
            self.capacity = capacity
            index = PageIndex(minimumCapacity: capacity + 8)
        }
        /// The first spill that failed; reported by the next commit or checkpoint.
        var spillError: StrataError?
    }

    package let pageSize: Int
    package let file: StorageFile
    /// Set once any spill failed, so commits can check it without taking every shard lock.
    private let spillFailed = Atomic<Bool>(false)
    /// The commit the writer is applying now, 0 between commits (invariant (4)).
    private let changing = Atomic<CommitNumber>(0)
    package let capacity: Int
    private let shards: [Locked<Shard>]
    private let shardMask: Int

    /// - Parameter capacity: pages kept in memory (at least 16 per shard are kept regardless).
    package init(file: StorageFile, pageSize: Int, capacity: Int) {
        self.file = file
        self.pageSize = pageSize
        let shardCount = capacity >= 1024 ? 16 : (capacity >= 128 ? 4 : 1)
        shardMask = shardCount - 1
        self.capacity = capacity
        shards = (0..<shardCount).map { _ in Locked(Shard(capacity: max(8, capacity / shardCount))) }
    }

    @inline(__always) private func shard(_ n: PageNumber) -> Locked<Shard> { shards[Int(n) & shardMask] }

    /// The page `n`, from memory or disk. Throws `dataCorrupted` naming the page when its checksum
    /// or number does not match, or when it lies past the end of the file.
    ///
    /// - Parameter writer: true when the caller is the writer applying a commit (TreeWriter), whose
    ///   insertion may spill pages of that commit (invariant (4)).
    package func page(_ n: PageNumber, writer: Bool = false) throws(StrataError) -> Page {
        let box = shard(n)
        let cached = box.withLock { s -> Page? in
            if let i = s.index[n] {
                s.slots[i].referenced = true
                s.stats.hits += 1
                return s.slots[i].page
            }
            return nil
        }
        if let cached { return cached }
        let page = try readFromDisk(n)
        return insert(page, dirty: false, replacing: false, writer: writer)
    }

    /// The writer starts applying `commit`: until `endChanges`, only the writer's thread spills
    /// the pages that commit makes dirty (invariant (4)). Called under the storage engine's writer lock.
    package func beginChanges(_ commit: CommitNumber) {
        changing.store(commit, ordering: .releasing)
    }

    /// The writer is done changing the pages of the commit it applied (or abandoned): from now on
    /// any thread may spill them. The release store orders every change before such a spill.
    package func endChanges() {
        changing.store(0, ordering: .releasing)
    }

    /// Reads and verifies page `n` without caching it (the integrity check uses this).
    package func readFromDisk(_ n: PageNumber) throws(StrataError) -> Page {
        let page = Page(uninitializedSize: pageSize)
        let got = try file.read(into: page.bytes, count: pageSize, at: Int(n) * pageSize)
        if got < pageSize {
            throw .corrupted(file: file.path, page: n, "lies past the end of the file (the file is truncated)")
        }
        if !page.checksumIsValid {
            throw .corrupted(file: file.path, page: n, "checksum mismatch")
        }
        if page.number != n {
            throw .corrupted(file: file.path, page: n, "page header names page \(page.number)")
        }
        if let problem = page.structuralProblem() {
            throw .corrupted(file: file.path, page: n, problem)
        }
        return page
    }

    /// Puts a freshly allocated page into the cache as dirty, replacing any old copy of that number.
    /// Only the writer calls this, with a page its commit owns.
    package func installNew(_ page: Page) {
        _ = insert(page, dirty: true, replacing: true, writer: true)
    }

    /// Marks a page that the writer is about to change as dirty (it must be in the cache, e.g.
    /// just returned by `page(_:)`).
    package func markDirty(_ page: Page) {
        shard(page.number).withLock { s in
            if let i = s.index[page.number], s.slots[i].page === page {
                if !page.isDirty { s.stats.dirtyPages += 1 }
                page.isDirty = true
                s.slots[i].dirtiedBy = page.owner
            } else {
                // Evicted and re-read between the writer's read and now is impossible (the writer
                // holds a reference), so the page must be here.
                preconditionFailure("markDirty: page \(page.number) is not the cached copy")
            }
        }
    }

    private func insert(_ page: Page, dirty: Bool, replacing: Bool, writer: Bool) -> Page {
        // The writer's own page (installNew): its header is the writer's to read.
        let dirtiedBy = dirty ? page.owner : 0
        let n = page.number
        let box = shard(n)
        return box.withLock { s -> Page in
            if let i = s.index[n] {
                if !replacing {
                    s.slots[i].referenced = true
                    return s.slots[i].page
                }
                if s.slots[i].page.isDirty { s.stats.dirtyPages -= 1 }
                s.slots[i].page = page
                s.slots[i].referenced = true
                s.slots[i].dirtiedBy = dirtiedBy
                if dirty { page.isDirty = true; s.stats.dirtyPages += 1 }
                return page
            }
            s.stats.misses += replacing ? 0 : 1
            if dirty { page.isDirty = true; s.stats.dirtyPages += 1 }
            if s.index.count >= s.capacity {
                evict(&s, wanted: s.index.count - s.capacity + 1, writer: writer)
                if s.freeSlots.count > 64 && s.freeSlots.count * 2 > s.slots.count { compact(&s) }
            }
            let slot: Int
            if let f = s.freeSlots.popLast() {
                s.slots[f] = Slot(page: page, referenced: true, dirtiedBy: dirtiedBy)
                slot = f
            } else {
                s.slots.append(Slot(page: page, referenced: true, dirtiedBy: dirtiedBy))
                slot = s.slots.count - 1
            }
            s.index.set(n, slot)
            return page
        }
    }

    /// Packs the live slots together after the cache grew past its capacity (every page was
    /// referenced for a while) and shrank back, so the clock sweep stays proportional to the
    /// capacity rather than to the largest size the shard ever had.
    private func compact(_ s: inout Shard) {
        var live: [Slot] = []
        live.reserveCapacity(s.index.count)
        var index = PageIndex(minimumCapacity: s.capacity + 8)
        for slot in s.slots where slot.page !== Self.emptyPage {
            index.set(slot.page.number, live.count)
            live.append(slot)
        }
        s.slots = live
        s.index = index
        s.freeSlots = []
        s.hand = 0
    }

    /// Clock sweep: drops up to `wanted` pages that nobody references, spilling dirty ones; a
    /// reader (`writer` false) leaves the pages of the commit being applied alone (invariant (4)).
    private func evict(_ s: inout Shard, wanted: Int, writer: Bool) {
        let changing = writer ? 0 : self.changing.load(ordering: .acquiring)
        var dropped = 0
        var steps = 0
        let limit = s.slots.count * 2
        while dropped < wanted && steps < limit && !s.slots.isEmpty {
            steps += 1
            let i = s.hand
            s.hand = (s.hand + 1) % s.slots.count
            if s.slots[i].page === Self.emptyPage { continue }
            if s.slots[i].referenced {
                s.slots[i].referenced = false
                continue
            }
            guard isKnownUniquelyReferenced(&s.slots[i].page) else { continue }
            let page = s.slots[i].page
            if page.isDirty {
                if s.spillError != nil { continue }
                if changing != 0 && s.slots[i].dirtiedBy == changing { continue }
                page.seal()
                do throws(StrataError) {
                    try file.write(page.bytes, count: pageSize, at: Int(page.number) * pageSize)
                } catch {
                    s.spillError = error
                    spillFailed.store(true, ordering: .releasing)
                    continue
                }
                page.isDirty = false
                s.stats.dirtyPages -= 1
                s.stats.spills += 1
            }
            s.index.remove(page.number)
            s.slots[i] = Slot(page: Self.emptyPage, referenced: false)
            s.freeSlots.append(i)
            s.stats.evictions += 1
            dropped += 1
        }
    }

    private static let emptyPage = Page(size: 16)

    /// Every dirty page (for the checkpoint), each with a reference held so it stays in memory.
    package func dirtyPages() -> [Page] {
        var out: [Page] = []
        for box in shards {
            box.withLock { s in
                for i in 0..<s.slots.count where s.slots[i].page.isDirty && s.index[s.slots[i].page.number] == i {
                    out.append(s.slots[i].page)
                }
            }
        }
        return out
    }

    /// Marks pages clean after the checkpoint has written them.
    package func markClean(_ pages: [Page]) {
        for page in pages {
            shard(page.number).withLock { s in
                if page.isDirty {
                    page.isDirty = false
                    s.stats.dirtyPages -= 1
                }
            }
        }
    }

    /// Forgets page `n` (its number is about to be written outside the cache, e.g. as a
    /// free-list page); nobody may still read it.
    package func discard(_ n: PageNumber) {
        shard(n).withLock { s in
            guard let i = s.index.remove(n) else { return }
            if s.slots[i].page.isDirty { s.stats.dirtyPages -= 1 }
            s.slots[i] = Slot(page: Self.emptyPage, referenced: false)
            s.freeSlots.append(i)
        }
    }

    /// The first failed spill since the last call, if any (fail-stop: the caller reports it).
    package func takeSpillError() -> StrataError? {
        guard spillFailed.load(ordering: .acquiring) else { return nil }
        for box in shards {
            if let e = box.withLock({ s -> StrataError? in s.spillError }) { return e }
        }
        return nil
    }

    /// Drops every page (after recovery failed, or on close).
    package func removeAll() {
        for box in shards {
            box.withLock { s in
                let cap = s.capacity
                s = Shard(capacity: cap)
            }
        }
    }

    package var stats: PageCacheStats {
        var total = PageCacheStats()
        for box in shards {
            box.withLock { s in
                total.hits += s.stats.hits
                total.misses += s.stats.misses
                total.evictions += s.stats.evictions
                total.spills += s.stats.spills
                total.dirtyPages += s.stats.dirtyPages
                total.residentPages += s.index.count
            }
        }
        return total
    }
}
