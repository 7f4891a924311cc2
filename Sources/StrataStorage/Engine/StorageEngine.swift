// StorageEngine: one database file and its write-ahead log; versions, commits, checkpoints.
//
// Every commit publishes a new root of one copy-on-write B+tree (one keyspace; the layers above
// prefix keys with a table or index id). Readers pin a published version (`Snapshot`) and read
// it without locks. A commit applies its batch to the newest tree (TreeWriter), appends one frame
// to the WAL, and is published once the frame is durable (GroupCommit). A checkpoint writes the
// dirty pages of the newest tree to pages no durable root and no pinned version reaches, syncs,
// flips the meta page, and resets the WAL. Docs/storage.md walks through it.
//
// INVARIANTS
//   (1) The data file always holds the complete tree the newest valid meta page names; nothing a
//       commit or a spill writes can touch a page that tree reaches (FreeSpace's rule).
//   (2) Published versions only move forward; a pinned version's pages are never reused.
//   (3) After an I/O error on the WAL or the data file the engine is failed: every later commit
//       and checkpoint gets that error until the database is reopened (and recovered).
// STATES  open -> (commit | checkpoint)* -> closed;  any write error -> failed
// CONCURRENCY  `writer` serializes commits and checkpoints (mutation of the newest tree, WAL
//   appends, free space). `versions` guards the published version and the pins; readers take only
//   it, briefly, to pin. Lock order: writer -> group commit -> versions.

import StrataCore
import Synchronization  // Atomic

package enum SynchronousMode: String, Sendable, CaseIterable {
    /// Never syncs: an OS crash or power loss may lose commits or damage the file; a process
    /// crash loses nothing.
    case off = "OFF"
    /// Syncs only at checkpoints; a power loss may drop the last commits but never corrupts.
    case normal = "NORMAL"
    /// Syncs the WAL before a commit returns (shared by concurrent committers).
    case full = "FULL"
}

package struct StorageOptions: Sendable {
    /// Page size for a new database (ignored when opening an existing one).
    package var pageSize = PageLayout.defaultPageSize
    /// Pages kept in memory.
    package var cachePages = 4096
    package var synchronous = SynchronousMode.full
    /// Checkpoint automatically once the WAL is this long.
    package var checkpointBytes = 16 << 20
    package var createIfMissing = true
    package init() {}
}

/// A pinned snapshot, as reported by `StorageEngine.pins` (who holds space, and how much).
package struct PinInfo: Sendable {
    package var id: UInt64
    package var label: String
    package var commit: CommitNumber
    /// Freed pages that cannot be reused while this snapshot is pinned.
    package var pagesHeld: Int
}

package struct StorageStats: Sendable {
    package var pageSize: Int
    package var pageCount: Int
    package var freePages: Int
    package var pendingPages: Int
    package var walBytes: Int
    package var latestCommit: CommitNumber
    package var publishedCommit: CommitNumber
    package var durableCommit: CommitNumber
    package var checkpoints: Int
    package var walSyncs: Int
    package var cache: PageCacheStats
}

package final class StorageEngine: Sendable {
    package let path: String
    package let pageSize: Int
    let file: StorageFile
    let cache: PageCache

    struct WriterState {
        var wal: WriteAheadLog
        var free: FreeSpace
        var latestCommit: CommitNumber
        var latestRoot: PageNumber
        var durable: Meta
        var failure: StrataError?
        var isClosed = false
        var checkpoints = 0
        var synchronous: SynchronousMode
        var checkpointBytes: Int
    }

    struct Pin {
        var label: String
        var commit: CommitNumber
    }

    /// The published version and the pins (a class so GroupCommit can publish into it).
    typealias Versions = Locked<VersionState>

    struct VersionState {
        var commit: CommitNumber
        var root: PageNumber
        var pins: [UInt64: Pin] = [:]
        var nextPin: UInt64 = 1

        /// The oldest version anyone may still read: the oldest pin, or the published version.
        var oldestVisible: CommitNumber {
            var m = commit
            for p in pins.values where p.commit < m { m = p.commit }
            return m
        }
    }

    let writer: Locked<WriterState>
    let versions: Versions
    private let group: GroupCommit
    /// Set by `close()` (the writer state's `isClosed`, readable without the writer lock).
    private let closed = Atomic<Bool>(false)

    private init(path: String, file: StorageFile, cache: PageCache, wal: WriteAheadLog, free: FreeSpace,
                 meta: Meta, options: StorageOptions) {
        self.path = path
        self.file = file
        self.cache = cache
        pageSize = meta.pageSize
        let versions = Versions(VersionState(commit: meta.commit, root: meta.root))
        self.versions = versions
        writer = Locked(WriterState(wal: wal, free: free, latestCommit: meta.commit, latestRoot: meta.root,
                                   durable: meta, synchronous: options.synchronous,
                                   checkpointBytes: options.checkpointBytes))
        group = GroupCommit(walFile: wal.file, durable: meta.commit) { commit, root in
            versions.publish(commit, root)
        }
    }

    // MARK: opening

    /// Opens (or creates) the database at `path` and recovers it: the newest valid meta page's
    /// tree plus the WAL's commits after it.
    ///
    /// Throws `dataCorrupted` naming the file (and page) for a file that is not a Strata database,
    /// one of a newer format, a truncated file or a damaged page; `objectInUse` with "database is
    /// locked by another process" when another open handle holds it.
    package static func open(path: String, options: StorageOptions = StorageOptions()) throws(StrataError) -> StorageEngine {
        guard PageLayout.isValidPageSize(options.pageSize) else {
            throw .misuse("page size \(options.pageSize) is not a power of two from \(PageLayout.minPageSize) to \(PageLayout.maxPageSize)")
        }
        guard options.cachePages >= 16 else { throw .misuse("cache size must be at least 16 pages") }
        if !options.createIfMissing && !StorageFile.exists(path) {
            throw StrataError(.ioError, "cannot open \(path): no such file")
        }
        let file = try StorageFile(path: path, create: true)
        try file.lockExclusive()
        var meta: Meta
        if try file.size() == 0 {
            meta = try Self.createMetaPages(file, pageSize: options.pageSize)
        } else {
            meta = try Self.readMeta(file)
        }
        let walFile = try StorageFile(path: path + "-wal", create: true)
        let wal = WriteAheadLog(file: walFile)
        if try wal.readHeader() {
            guard wal.base <= meta.commit else {
                throw .corrupted(file: path, "the newest meta page is lost: the log starts after commit \(wal.base) but the surviving meta page names commit \(meta.commit)")
            }
        } else {
            try wal.reset(base: meta.commit, sync: true)
        }
        let cache = PageCache(file: file, pageSize: meta.pageSize, capacity: options.cachePages)
        let fileSize = try file.size()
        if fileSize < Int(meta.pageCount) * meta.pageSize {
            throw .corrupted(file: path, "the file is truncated: \(fileSize) bytes, but the meta page names \(meta.pageCount) pages of \(meta.pageSize) bytes")
        }
        let (freePages, chain) = try Self.readFreeList(cache, meta)
        let free = FreeSpace(pageCount: meta.pageCount, free: freePages, chain: chain)
        let engine = StorageEngine(path: path, file: file, cache: cache, wal: wal, free: free, meta: meta, options: options)
        try engine.recover()
        return engine
    }

    /// Recovery replays the log's commits after the durable checkpoint, then makes sure the log's
    /// base is that checkpoint. A log with an older base survives a crash between a checkpoint's
    /// meta write and its log reset; appending to it would let the older meta page look
    /// consistent with the log (Meta.swift (2)) after its tree's pages are reused, so a later loss
    /// of the newer meta page would replay onto overwritten pages. A checkpoint rewrites the log.
    private func recover() throws(StrataError) {
        try replayLog()
        try writer.withLock { (w) throws(StrataError) in
            if w.wal.base < w.durable.commit { try checkpointLocked(&w, force: true) }
        }
    }

    private static func createMetaPages(_ file: StorageFile, pageSize: Int) throws(StrataError) -> Meta {
        let page = Page(size: pageSize)
        var meta = Meta(pageSize: pageSize, sequence: 0, commit: 0, root: 0, pageCount: 2,
                        freeListHead: 0, freeListPages: 0, freeListEntries: 0)
        for seq in [UInt64(1), 0] {
            meta.sequence = seq
            meta.write(to: page)
            try file.write(page.bytes, count: pageSize, at: Int(seq % 2) * pageSize)
        }
        try file.sync()
        meta.sequence = 1
        return meta
    }

    private static func readMeta(_ file: StorageFile) throws(StrataError) -> Meta {
        let size = try file.size()
        var head = [UInt8](repeating: 0, count: 64)
        _ = try file.read(into: &head, at: 0)
        // Candidate page sizes: the one page 0 states, else every legal size (page 0 may be damaged).
        var sizes: [Int] = []
        let stated = Int(load(head, at: 44, as: UInt32.self))
        if PageLayout.isValidPageSize(stated) { sizes.append(stated) }
        var s = PageLayout.minPageSize
        while s <= PageLayout.maxPageSize {
            if s != stated { sizes.append(s) }
            s *= 2
        }
        var best: Meta?
        var newer: UInt32?
        var damage: [String] = []
        // A file that starts like a Strata database but is too short for its meta pages is truncated.
        var sawMagic = Array(head[32..<40]) == Meta.magic
        if sawMagic && PageLayout.isValidPageSize(stated) && size < 2 * stated {
            throw .corrupted(file: file.path, "the file is truncated: \(size) bytes, but its two meta pages alone take \(2 * stated)")
        }
        for pageSize in sizes {
            for slot in [PageNumber(0), 1] {
                let page = Page(size: pageSize)
                let got = try file.read(into: page.bytes, count: pageSize, at: Int(slot) * pageSize)
                guard got == pageSize else { continue }
                switch Meta.read(page, slot: slot) {
                case .valid(let m):
                    sawMagic = true
                    if best == nil || m.sequence > best!.sequence { best = m }
                case .newerVersion(let v):
                    sawMagic = true
                    newer = v
                case .damaged(let why):
                    sawMagic = true
                    damage.append("meta page \(slot): \(why)")
                case .notStrata:
                    break
                }
            }
            if best != nil || newer != nil { break }
        }
        if let newer {
            throw StrataError(.dataCorrupted, "database file \(file.path) has format version \(newer), newer than this build supports (\(Meta.formatVersion))")
        }
        if let best { return best }
        if !sawMagic {
            if size < 64 { throw .corrupted(file: file.path, "the file is truncated (\(size) bytes) or not a Strata database") }
            throw StrataError(.dataCorrupted, "file \(file.path) is not a Strata database")
        }
        throw .corrupted(file: file.path, "both meta pages are damaged (\(damage.joined(separator: "; ")))")
    }

    private static func readFreeList(_ cache: PageCache, _ meta: Meta) throws(StrataError) -> ([PageNumber], [PageNumber]) {
        var free: [PageNumber] = []
        var chain: [PageNumber] = []
        var seen = Set<PageNumber>()
        var n = meta.freeListHead
        while n != 0 {
            guard chain.count < Int(meta.freeListPages) else {
                throw .corrupted(file: cache.file.path, page: n, "the free-list chain is longer than the meta page says")
            }
            let page = try cache.readFromDisk(n)
            guard page.kind == .freeList, page.count <= (page.size - PageLayout.headerSize) / 4 else {
                throw .corrupted(file: cache.file.path, page: n, "expected a free-list page")
            }
            chain.append(n)
            for i in 0..<page.count {
                let f = page.u32(PageLayout.headerSize + 4 * i)
                guard f >= 2, f < meta.pageCount, seen.insert(f).inserted else {
                    throw .corrupted(file: cache.file.path, page: n, "free-list entry \(f) is out of range or repeated")
                }
                free.append(f)
            }
            n = page.link
        }
        guard free.count == Int(meta.freeListEntries) else {
            throw .corrupted(file: cache.file.path, "the free list holds \(free.count) pages, the meta page says \(meta.freeListEntries)")
        }
        return (free, chain)
    }

    /// Replays the WAL's commits after the durable checkpoint.
    private func replayLog() throws(StrataError) {
        try writer.withLock { (w) throws(StrataError) in
            let after = w.durable.commit
            let free = w.free
            var latest = (commit: w.latestCommit, root: w.latestRoot)
            _ = try w.wal.replay(after: after) { (commit, batch) throws(StrataError) in
                let tree = TreeWriter(cache: cache, free: free, root: latest.root, commit: commit)
                try Self.apply(batch, to: tree)
                free.retire(tree.retired, at: commit)
                latest = (commit, tree.root)
                free.reclaim(oldestVisible: commit, durable: after)
            }
            w.latestCommit = latest.commit
            w.latestRoot = latest.root
            group.markDurable(latest.commit)
            versions.publish(latest.commit, latest.root)
        }
    }

    /// Applies `batch` to `tree`. Meanwhile the cache leaves the pages the commit changes to this
    /// thread (PageCache invariant (4)); called under the writer lock.
    private static func apply(_ batch: WriteBatch, to tree: TreeWriter) throws(StrataError) {
        tree.cache.beginChanges(tree.commit)
        defer { tree.cache.endChanges() }
        for op in batch.operations {
            try withBytes(op.key) { (k) throws(StrataError) in
                if let value = op.value {
                    try withBytes(value) { (v) throws(StrataError) in try tree.put(k, v) }
                } else {
                    try tree.delete(k)
                }
            }
        }
    }

    // MARK: reading

    /// The newest published commit: what a snapshot taken now would read.
    package var publishedCommit: CommitNumber { versions.withLock { $0.commit } }

    /// Waits until every commit applied so far is published (durable, with synchronous FULL), so
    /// that a snapshot taken next reads them: a transaction that lost a write conflict does not
    /// start again from a version already known to be stale.
    package func awaitPublished() {
        let latest = writer.withLock { $0.latestCommit }
        guard publishedCommit < latest else { return }
        try? group.waitDurable(latest)
    }

    /// Pins the newest published version. The pin lasts as long as the returned object.
    /// - Parameter label: who pins it, reported by `pins()`.
    package func snapshot(label: String = "") -> Snapshot {
        let (id, commit, root) = versions.withLock { v in
            let id = v.nextPin
            v.nextPin += 1
            v.pins[id] = Pin(label: label, commit: v.commit)
            return (id, v.commit, v.root)
        }
        return Snapshot(engine: self, pinID: id, commit: commit, root: root)
    }

    func unpin(_ id: UInt64) {
        _ = versions.withLock { $0.pins.removeValue(forKey: id) }
    }

    /// Every pinned snapshot, with the number of freed pages each holds back.
    package func pins() -> [PinInfo] {
        let pins = versions.withLock { v in v.pins.map { ($0.key, $0.value) } }
        return writer.withLock { w in
            pins.map { PinInfo(id: $0.0, label: $0.1.label, commit: $0.1.commit, pagesHeld: w.free.pagesHeld(by: $0.1.commit)) }
                .sorted { $0.id < $1.id }
        }
    }

    // MARK: writing

    /// Applies `batch` as one atomic commit and returns its commit number. With synchronous FULL
    /// it returns once the commit is durable (sharing the sync with concurrent committers).
    ///
    /// Throws `programLimitExceeded` for an oversized key (nothing is applied), or the sticky
    /// I/O error of a failed engine.
    ///
    /// `hook` is the transaction layer's part of the commit pipeline: `validate` runs first, with the
    /// number this commit will get, while no other commit can start (it may refuse the commit by
    /// throwing, and nothing is applied); `applied` runs once the commit is applied, still before any
    /// other commit, so that the next validation sees it.
    @discardableResult
    package func commit(_ batch: WriteBatch, hook: CommitHook? = nil) throws(StrataError) -> CommitNumber {
        let (commit, waitForSync, wantsCheckpoint) = try writer.withLock { (w) throws(StrataError) -> (CommitNumber, Bool, Bool) in
            try checkUsable(&w)
            let commit = w.latestCommit + 1
            try hook?.validate(commit)
            let oldest = versions.withLock { $0.oldestVisible }
            w.free.reclaim(oldestVisible: oldest, durable: w.durable.commit)
            let tree = TreeWriter(cache: cache, free: w.free, root: w.latestRoot, commit: commit)
            do throws(StrataError) {
                try Self.apply(batch, to: tree)
            } catch {
                tree.rollback()
                if error.code == .ioError || error.code == .diskFull { w.failure = error }
                throw error
            }
            do throws(StrataError) {
                try w.wal.append(commit: commit, batch)
            } catch {
                tree.rollback()
                // A frame over the size limit was refused before anything was written; any other
                // failure may have left part of a frame behind: fail-stop until reopened.
                if error.code != .programLimitExceeded { w.failure = error }
                throw error
            }
            w.free.retire(tree.retired, at: commit)
            w.latestCommit = commit
            w.latestRoot = tree.root
            hook?.applied(commit)
            #if STRATA_INTERNAL_CHECKS
            let problems = checkTree(root: tree.root, verifyChecksums: false).problems
            precondition(problems.isEmpty, "B+tree invariants broken after commit \(commit): \(problems)")
            #endif
            let full = w.synchronous == .full
            if full {
                group.appendedFrame(commit, root: tree.root)
            } else {
                group.markDurable(commit)
                versions.publish(commit, tree.root)
            }
            return (commit, full, w.wal.byteCount >= w.checkpointBytes)
        }
        if waitForSync {
            do throws(StrataError) {
                try group.waitDurable(commit)
            } catch {
                writer.withLock { w in if w.failure == nil { w.failure = error } }
                throw error
            }
        }
        if wantsCheckpoint {
            // The commit is durable already; a failed checkpoint makes the engine fail-stop and the
            // next commit reports it.
            try? checkpoint()
        }
        return commit
    }

    private func checkUsable(_ w: inout WriterState) throws(StrataError) {
        if w.isClosed { throw .misuse("the database \(path) is closed") }
        if let failure = w.failure { throw failure }
        if let spill = cache.takeSpillError() {
            w.failure = spill
            throw spill
        }
    }

    // MARK: checkpoint

    /// Writes the newest tree to the data file and resets the WAL (CONTRACT.md §6 wal_checkpoint).
    package func checkpoint() throws(StrataError) {
        try writer.withLock { (w) throws(StrataError) in
            try checkUsable(&w)
            try checkpointLocked(&w)
        }
    }

    private func checkpointLocked(_ w: inout WriterState, force: Bool = false) throws(StrataError) {
        let commit = w.latestCommit
        let root = w.latestRoot
        if w.synchronous == .full {
            try group.waitDurable(commit)
        }
        if !force && commit == w.durable.commit && w.wal.byteCount <= WriteAheadLog.headerSize { return }
        var chain: [PageNumber] = []
        var metaWritten = false
        do throws(StrataError) {
            // 1. Dirty pages of the newest tree (freed ones are garbage and skipped).
            let dirty = cache.dirtyPages().filter { !w.free.isUnused($0.number) }.sorted { $0.number < $1.number }
            for page in dirty {
                page.seal()
                try file.write(page.bytes, count: pageSize, at: Int(page.number) * pageSize)
            }
            // 2. The free list as it will be after a restart from this checkpoint.
            let perPage = (pageSize - PageLayout.headerSize) / 4
            let unusedCount = w.free.unusedAfterRestart().count
            chain = w.free.takeForChain((unusedCount + perPage - 1) / perPage)
            for n in chain { cache.discard(n) }
            let entries = w.free.unusedAfterRestart()
            let page = Page(size: pageSize)
            for (i, n) in chain.enumerated() {
                page.format(kind: .freeList, number: n, owner: commit)
                page.link = i + 1 < chain.count ? chain[i + 1] : 0
                let slice = entries[min(entries.count, i * perPage)..<min(entries.count, (i + 1) * perPage)]
                page.count = slice.count
                for (j, e) in slice.enumerated() { page.setU32(e, PageLayout.headerSize + 4 * j) }
                page.seal()
                try file.write(page.bytes, count: pageSize, at: Int(n) * pageSize)
            }
            // 3. The file covers every page the meta page names; sync before the meta flip.
            let needed = Int(w.free.pageCount) * pageSize
            if try file.size() < needed { try file.truncate(to: needed) }
            let syncs = w.synchronous != .off
            if syncs { try file.sync() }
            let meta = Meta(pageSize: pageSize, sequence: w.durable.sequence + 1, commit: commit, root: root,
                            pageCount: w.free.pageCount, freeListHead: chain.first ?? 0,
                            freeListPages: UInt32(chain.count), freeListEntries: UInt64(entries.count))
            meta.write(to: page)
            try file.write(page.bytes, count: pageSize, at: Int(meta.sequence % 2) * pageSize)
            metaWritten = true
            if syncs { try file.sync() }
            cache.markClean(dirty)
            w.durable = meta
            w.free.checkpointCompleted(newChain: chain)
            w.checkpoints += 1
            // 4. The log's commits are all in the durable tree now.
            try w.wal.reset(base: commit, sync: w.synchronous != .off)
        } catch {
            if !metaWritten { w.free.returnChain(chain) }
            w.failure = error
            throw error
        }
    }

    // MARK: settings and life cycle

    package var synchronous: SynchronousMode {
        get { writer.withLock { $0.synchronous } }
        set {
            let commit = writer.withLock { w -> CommitNumber? in
                let old = w.synchronous
                w.synchronous = newValue
                return old == .full && newValue != .full ? w.latestCommit : nil
            }
            if let commit { try? group.waitDurable(commit) }
        }
    }

    package var checkpointBytes: Int {
        get { writer.withLock { $0.checkpointBytes } }
        set { writer.withLock { $0.checkpointBytes = max(WriteAheadLog.headerSize, newValue) } }
    }

    /// Checkpoints and releases the file lock. Snapshots still pinned keep reading their version.
    package func close() throws(StrataError) {
        try writer.withLock { (w) throws(StrataError) in
            if w.isClosed { return }
            defer {
                w.isClosed = true
                closed.store(true, ordering: .releasing)
                file.unlock()
            }
            if w.failure == nil { try checkpointLocked(&w) }
        }
    }

    /// Whether `close()` has run. Snapshots pinned before keep reading their version; new
    /// readers (`SQLEngine.readSnapshot`) are refused. One atomic load, no lock.
    package var isClosed: Bool { closed.load(ordering: .acquiring) }

    deinit {
        file.unlock()
    }

    package var stats: StorageStats {
        let published = versions.withLock { $0.commit }
        return writer.withLock { w in
            StorageStats(pageSize: pageSize, pageCount: Int(w.free.pageCount), freePages: w.free.free.count,
                         pendingPages: w.free.pendingCount, walBytes: w.wal.byteCount, latestCommit: w.latestCommit,
                         publishedCommit: published, durableCommit: w.durable.commit, checkpoints: w.checkpoints,
                         walSyncs: group.syncs, cache: cache.stats)
        }
    }

    /// Runs `body` under the writer lock with the newest root and the free-space state (integrity check).
    func withWriterState<R>(_ body: (PageNumber, FreeSpace, Meta) throws(StrataError) -> R) throws(StrataError) -> R {
        try writer.withLock { (w) throws(StrataError) -> R in
            try body(w.latestRoot, w.free, w.durable)
        }
    }
}

extension Locked where Value == StorageEngine.VersionState {
    /// Makes `commit` the published version unless a newer one already is.
    func publish(_ commit: CommitNumber, _ root: PageNumber) {
        withLock { v in
            if commit > v.commit {
                v.commit = commit
                v.root = root
            }
        }
    }
}

/// A pinned version of the database: reads see exactly the commits up to `commit`, from any
/// thread, for as long as this object lives.
/// What the layer above checks and records inside the commit pipeline (`StorageEngine.commit`).
package struct CommitHook {
    package var validate: (CommitNumber) throws(StrataError) -> Void
    package var applied: (CommitNumber) -> Void
    package init(validate: @escaping (CommitNumber) throws(StrataError) -> Void, applied: @escaping (CommitNumber) -> Void) {
        self.validate = validate
        self.applied = applied
    }
}

package final class Snapshot: Sendable {
    package let commit: CommitNumber
    package let root: PageNumber
    let engine: StorageEngine
    let pinID: UInt64

    init(engine: StorageEngine, pinID: UInt64, commit: CommitNumber, root: PageNumber) {
        self.engine = engine
        self.pinID = pinID
        self.commit = commit
        self.root = root
    }

    deinit { engine.unpin(pinID) }

    /// The value stored under `key` in this version, or nil.
    package func get(_ key: [UInt8]) throws(StrataError) -> [UInt8]? {
        try withBytes(key) { (k) throws(StrataError) in try lookup(engine.cache, root: root, k) }
    }

    /// A cursor over this version (valid while this snapshot lives).
    package func cursor() -> BTreeCursor { BTreeCursor(cache: engine.cache, root: root, owner: self) }

    /// Calls `body` with the bytes of `key`'s value (nil when absent) without copying a value kept
    /// in its leaf page. The bytes are valid only inside `body`.
    package func withValue<R>(for key: [UInt8], _ body: (UnsafeRawBufferPointer?) -> R) throws(StrataError) -> R {
        try withBytes(key) { (k) throws(StrataError) -> R in
            try lookupInPlace(engine.cache, root: root, k, body)
        }
    }
}
