// GroupCommit: lets concurrent committers share one sync of the write-ahead log.
//
// A committer appends its frame under the writer lock, then waits here until the log is synced
// past its commit. The first waiter to find no sync running becomes the leader: it syncs
// everything appended so far, publishes the newest root that is now durable, and wakes the
// others. Commits appended while a sync runs are covered by the next one, so N committers
// arriving together cost about two syncs, not N.
//
// INVARIANTS
//   (1) A root is published (visible to new snapshots) only after its frame is synced, and roots
//       are published in commit order.
//   (2) After a failed sync every waiter and every later commit gets the error (fail-stop).
// CONCURRENCY  All state is under `lock`; the sync itself runs outside it.

import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

final class GroupCommit: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let walFile: StorageFile
    private let publish: @Sendable (CommitNumber, PageNumber) -> Void

    // Guarded by mutex.
    private var appended: CommitNumber
    private var synced: CommitNumber
    private var isSyncing = false
    private var roots: [(commit: CommitNumber, root: PageNumber)] = []
    private var failure: StrataError?
    private(set) var syncCount = 0

    init(walFile: StorageFile, durable: CommitNumber, publish: @escaping @Sendable (CommitNumber, PageNumber) -> Void) {
        self.walFile = walFile
        self.publish = publish
        appended = durable
        synced = durable
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(cond, nil)
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        cond.deallocate()
    }

    /// Records that commit `commit` (with root `root`) has been appended; called in commit order.
    func appendedFrame(_ commit: CommitNumber, root: PageNumber) {
        pthread_mutex_lock(mutex)
        appended = commit
        roots.append((commit, root))
        pthread_mutex_unlock(mutex)
    }

    /// Marks everything up to `commit` durable without a sync of ours (synchronous OFF/NORMAL, or
    /// after a checkpoint made it durable another way).
    func markDurable(_ commit: CommitNumber) {
        pthread_mutex_lock(mutex)
        if commit > appended { appended = commit }
        if commit > synced { synced = commit }
        roots.removeAll { $0.commit <= commit }
        pthread_mutex_unlock(mutex)
    }

    /// Returns once commit `commit` is synced and published.
    func waitDurable(_ commit: CommitNumber) throws(StrataError) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while synced < commit {
            if let failure { throw failure }
            if isSyncing {
                pthread_cond_wait(cond, mutex)
                continue
            }
            isSyncing = true
            let target = appended
            pthread_mutex_unlock(mutex)
            var error: StrataError?
            do { try walFile.sync() } catch let e { error = e }
            pthread_mutex_lock(mutex)
            isSyncing = false
            syncCount += 1
            if let error {
                failure = error
                pthread_cond_broadcast(cond)
                throw error
            }
            synced = target
            if let last = roots.last(where: { $0.commit <= target }) {
                publish(last.commit, last.root)
                roots.removeAll { $0.commit <= target }
            }
            pthread_cond_broadcast(cond)
        }
    }

    var syncs: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return syncCount
    }
}
