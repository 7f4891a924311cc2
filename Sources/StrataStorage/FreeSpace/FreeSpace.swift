// FreeSpace: which page numbers may be written, and when a freed page may be reused.
//
// A commit that copies a page (copy-on-write) or drops one frees the old page number, but older
// versions may still reach it: pinned snapshots, and the durable tree named by the meta page.
// The rule (LMDB's, adapted to a WAL): a page freed by commit C may be reused once
//   (a) every pinned snapshot, and the published version, is at C or later; and
//   (b) if the page was part of the durable (checkpointed) tree, a checkpoint at C or later is durable.
// Pages allocated since the last checkpoint were never part of the durable tree, so they wait for (a) only.
//
// INVARIANTS
//   (1) free, pendingVolatile, pendingDurable and retiredChain are disjoint, and disjoint from the
//       pages of the newest tree; together with that tree they cover [2, pageCount) exactly
//       (checked by the integrity check).
//   (2) pending queues are ordered by the commit that freed their pages.
//   (3) retiredChain holds the free-list pages the durable meta page names; they become free when
//       the next checkpoint's meta page is durable.
// CONCURRENCY  Owned by the engine's writer state; touched only under the writer lock.

import StrataCore

package final class FreeSpace: @unchecked Sendable {  // touched only under the engine's writer lock
    /// Reusable now.
    package private(set) var free: [PageNumber] = []
    /// Freed pages that were never in the durable tree: wait for snapshots only.
    private var pendingVolatile: [(freedAt: CommitNumber, page: PageNumber)] = []
    private var volatileHead = 0
    /// Freed pages of the durable tree: wait for snapshots and for a checkpoint.
    private var pendingDurable: [(freedAt: CommitNumber, page: PageNumber)] = []
    /// Pages of the free-list chain that the durable meta page names.
    package private(set) var retiredChain: [PageNumber] = []
    /// Pages allocated since the last durable checkpoint.
    private var allocatedSinceCheckpoint = Set<PageNumber>()
    /// Every page in free, the pending queues or retiredChain.
    private var notInTree = Set<PageNumber>()
    /// One past the highest page number in use; the file holds at least this many pages after a checkpoint.
    package private(set) var pageCount: PageNumber

    package init(pageCount: PageNumber, free: [PageNumber], chain: [PageNumber]) {
        self.pageCount = pageCount
        self.free = free
        retiredChain = chain
        notInTree = Set(free).union(chain)
    }

    /// A page number for a new page of the committing transaction.
    package func allocate() -> PageNumber {
        let n: PageNumber
        if let f = free.popLast() {
            n = f
            notInTree.remove(f)
        } else {
            n = pageCount
            pageCount += 1
        }
        allocatedSinceCheckpoint.insert(n)
        return n
    }

    /// Returns a page allocated by the current commit that nobody else has seen.
    package func release(_ n: PageNumber) {
        free.append(n)
        notInTree.insert(n)
    }

    /// Records the pages an earlier version reached that commit `c` no longer uses.
    package func retire(_ pages: [PageNumber], at c: CommitNumber) {
        for n in pages {
            notInTree.insert(n)
            if allocatedSinceCheckpoint.contains(n) {
                pendingVolatile.append((c, n))
            } else {
                pendingDurable.append((c, n))
            }
        }
    }

    /// Moves pending pages that no version can reach any more to `free`.
    /// - Parameters:
    ///   - oldestVisible: the oldest version anyone may still read (pins and the published version).
    ///   - durable: the version of the durable checkpoint.
    package func reclaim(oldestVisible: CommitNumber, durable: CommitNumber) {
        while volatileHead < pendingVolatile.count && pendingVolatile[volatileHead].freedAt <= oldestVisible {
            free.append(pendingVolatile[volatileHead].page)
            volatileHead += 1
        }
        if volatileHead > 1024 && volatileHead * 2 > pendingVolatile.count {
            pendingVolatile.removeFirst(volatileHead)
            volatileHead = 0
        }
        let limit = min(oldestVisible, durable)
        var k = 0
        while k < pendingDurable.count && pendingDurable[k].freedAt <= limit {
            free.append(pendingDurable[k].page)
            k += 1
        }
        if k > 0 { pendingDurable.removeFirst(k) }
    }

    /// Whether page `n` is free or waiting to be (not part of the newest tree).
    package func isUnused(_ n: PageNumber) -> Bool { notInTree.contains(n) }

    /// Pages freed but held back, and the oldest commit that freed one (for "who holds space").
    package var pendingCount: Int { pendingVolatile.count - volatileHead + pendingDurable.count }

    /// Pending pages freed after `version`, which a snapshot pinned at `version` holds back.
    package func pagesHeld(by version: CommitNumber) -> Int {
        var n = 0
        for i in volatileHead..<pendingVolatile.count where pendingVolatile[i].freedAt > version { n += 1 }
        for e in pendingDurable where e.freedAt > version { n += 1 }
        return n
    }

    /// Every page that will be free after a restart from a checkpoint of the newest tree.
    package func unusedAfterRestart() -> [PageNumber] { Array(notInTree) }

    /// After a checkpoint's meta page is durable: the old chain is free, durable-pending pages
    /// wait for snapshots only, and nothing allocated so far is new relative to the durable tree.
    package func checkpointCompleted(newChain: [PageNumber]) {
        free.append(contentsOf: retiredChain)
        for n in newChain { notInTree.insert(n) }
        retiredChain = newChain
        if !pendingDurable.isEmpty {
            var merged = Array(pendingVolatile[volatileHead...])
            merged.append(contentsOf: pendingDurable)
            merged.sort { $0.freedAt < $1.freedAt }
            pendingVolatile = merged
            volatileHead = 0
            pendingDurable = []
        }
        allocatedSinceCheckpoint.removeAll(keepingCapacity: true)
    }

    /// Takes `count` pages for a new free-list chain, preferring free ones.
    package func takeForChain(_ count: Int) -> [PageNumber] {
        var out: [PageNumber] = []
        for _ in 0..<count {
            if let f = free.popLast() {
                notInTree.remove(f)
                out.append(f)
            } else {
                out.append(pageCount)
                pageCount += 1
            }
        }
        return out
    }

    /// Undoes `takeForChain` when the checkpoint failed before its meta page was written.
    package func returnChain(_ pages: [PageNumber]) {
        for n in pages { release(n) }
    }
}
