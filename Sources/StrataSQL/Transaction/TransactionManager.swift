// TransactionManager: the engine's registry of open transactions and its history of recent
// commits' written keys, against which COMMIT validates (CONTRACT.md §4, DESIGN.md Transactions).
//
// INVARIANTS
//   (1) `history` is ascending by commit number and holds every commit newer than the oldest
//       snapshot of an open transaction (and at least every commit not yet published), with the
//       keys it wrote in byte order: a validation never misses a commit it must see.
//   (2) A transaction's snapshot is taken and registered under `state`'s lock, so pruning (which
//       runs under the same lock) never drops a commit a snapshot just taken needs.
// CONCURRENCY  Shared by every connection of an engine. Lock order: the storage writer's lock,
//   then `state`, then the storage's version lock (snapshots).

import StrataStorage
import StrataCore
import Synchronization  // Atomic

/// A transaction's number: unique among the transactions of an engine; it owns locks and the
/// serial gate under it.
package typealias TransactionID = UInt64



final class TransactionManager: Sendable {
    struct CommitRecord: Sendable {
        let commit: CommitNumber
        /// The keys the commit wrote, with its conflict keys (TransactionState.conflictKeys), in byte order.
        let keys: [[UInt8]]
        /// Whether the commit changed the schema.
        let changedSchema: Bool
    }

    private struct State {
        var history: [CommitRecord] = []
        /// The snapshot commit of every open transaction.
        var active: [TransactionID: CommitNumber] = [:]
        var claims = RowidClaims()
    }

    /// Rowids chosen for rows inserted without one (`claimRowid`).
    private struct RowidClaims {
        /// The largest rowid each open transaction chose, per table.
        var open: [UInt32: [TransactionID: Int64]] = [:]
        /// The largest rowid a commit chose, per table, while a snapshot that does not see the
        /// commit may be open (pruned with `history`), in commit order (appended by `record`,
        /// under the storage writer's lock) and with rowids decreasing (a claim covered by a
        /// later, larger one is dropped).
        var committed: [UInt32: [(commit: CommitNumber, rowid: Int64)]] = [:]
    }

    private let state = Locked(State())
    let storage: StorageEngine
    /// Row and range locks of the pessimistic modes and READ COMMITTED.
    let locks = LockManager()
    /// The gate SERIAL transactions hold alone.
    let gate = SerialGate()

    init(storage: StorageEngine) { self.storage = storage }

    private let nextID = Atomic<UInt64>(1)

    /// A number for a new transaction (it owns locks and the gate under it).
    func newID() -> TransactionID {
        TransactionID(nextID.wrappingAdd(1, ordering: .relaxed).oldValue)
    }

    /// A number for a new transaction of `mode`, inside the serial gate: exclusively for a SERIAL
    /// transaction, shared for any other, waiting there while it must (CONTRACT.md §4).
    func enterGate(_ mode: TransactionSettings.Mode, waits: TransactionState.Waits) throws(StrataError) -> TransactionID {
        let id = newID()
        let check = waits.interrupt.check
        try gate.enter(mode == .serial ? .exclusive : .shared, owner: id, timeout: waits.timeout(),
                       interrupt: { () throws(StrataError) in try check() }, onWait: waits.onWait)
        return id
    }

    /// Registers transaction `id` with a snapshot of the newest published version.
    func begin(_ id: TransactionID, label: String) -> Snapshot {
        state.withLock { s in
            let snapshot = storage.snapshot(label: label)
            s.active[id] = snapshot.commit
            return snapshot
        }
    }

    /// A newer snapshot for transaction `id` (READ COMMITTED's per statement, and locking reads).
    func refresh(_ id: TransactionID, label: String) -> Snapshot {
        state.withLock { s in
            let snapshot = storage.snapshot(label: label)
            s.active[id] = snapshot.commit
            return snapshot
        }
    }

    /// Unregisters transaction `id`, and drops the commits no open snapshot needs any more: the
    /// transaction that made a large commit frees its keys here, once it is published, rather
    /// than the next committer.
    func end(_ id: TransactionID) {
        let published = storage.publishedCommit
        let dropped: [CommitRecord] = state.withLock { s in
            s.active.removeValue(forKey: id)
            Self.settleClaims(&s, owner: id, commit: nil)
            return Self.prune(&s, published: published, except: nil)
        }
        _ = dropped  // released here, outside the lock
    }

    /// The rowid for a row that transaction `owner` (reading `snapshot`) inserts into `table`
    /// without one, where its own view proposes `proposed` (the largest rowid it sees, plus 1):
    /// past every rowid another open transaction chose for that table, and every one a commit
    /// its snapshot does not see chose. So transactions inserting into one table at the same time
    /// choose different rowids instead of conflicting on the same one, while a connection alone
    /// gets SQLite's choice (its own view's largest + 1: a rolled-back choice is free again).
    func claimRowid(table: UInt32, proposed: Int64, owner: TransactionID, snapshot: CommitNumber) -> Int64 {
        state.withLock { s in
            var rowid = proposed
            if let open = s.claims.open[table] {
                for (other, r) in open where other != owner && r >= rowid { rowid = r == .max ? r : r + 1 }
            }
            if let committed = s.claims.committed[table] {
                // In commit order: only the newest, those after the snapshot, count.
                for c in committed.reversed() {
                    if c.commit <= snapshot { break }
                    if c.rowid >= rowid { rowid = c.rowid == .max ? c.rowid : c.rowid + 1 }
                }
            }
            s.claims.open[table, default: [:]][owner] = max(s.claims.open[table]?[owner] ?? .min, rowid)
            return rowid
        }
    }

    /// Moves `owner`'s claims to the committed ones under `commit` (nil: drops them, rolled back).
    private static func settleClaims(_ s: inout State, owner: TransactionID, commit: CommitNumber?) {
        guard !s.claims.open.isEmpty else { return }
        for table in Array(s.claims.open.keys) {
            guard let rowid = s.claims.open[table]?.removeValue(forKey: owner) else { continue }
            if s.claims.open[table]?.isEmpty == true { s.claims.open[table] = nil }
            guard let commit else { continue }
            // An earlier commit's claim no larger than this one is covered by it (a snapshot
            // that does not see the earlier commit does not see this one either): dropped, so
            // the list stays short however long an old snapshot keeps it from being pruned.
            // (Changed in place: a copy of the list per commit would cost its length.)
            if s.claims.committed[table] == nil { s.claims.committed[table] = [] }
            while let last = s.claims.committed[table]!.last, last.rowid <= rowid { s.claims.committed[table]!.removeLast() }
            s.claims.committed[table]!.append((commit, rowid))
        }
    }

    /// Removes the commits at or below both the published commit and every open snapshot other
    /// than `except`'s, and returns them (for the caller to release outside the lock).
    private static func prune(_ s: inout State, published: CommitNumber, except: TransactionID?) -> [CommitRecord] {
        var oldest = published
        for (id, c) in s.active where id != except && c < oldest { oldest = c }
        if !s.claims.committed.isEmpty {
            for table in Array(s.claims.committed.keys) {
                // In commit order: the ones every open snapshot sees are at the front.
                guard let first = s.claims.committed[table]!.first, first.commit <= oldest else { continue }
                let keep = s.claims.committed[table]!.firstIndex { $0.commit > oldest }
                if let keep { s.claims.committed[table]!.removeFirst(keep) } else { s.claims.committed[table] = nil }
            }
        }
        var drop = 0
        while drop < s.history.count && s.history[drop].commit <= oldest { drop += 1 }
        guard drop > 0 else { return [] }
        let dropped = Array(s.history[..<drop])
        s.history.removeFirst(drop)
        return dropped
    }

    /// Open transactions (for tests and PRAGMA-like inspection).
    var activeCount: Int { state.withLock { $0.active.count } }
    /// Commits held for validation.
    var historyCount: Int { state.withLock { $0.history.count } }

    /// Whether a commit after `snapshot` wrote `key` (SNAPSHOT PESSIMISTIC's write check).
    func committedAfter(_ snapshot: CommitNumber, key: [UInt8]) -> Bool {
        state.withLock { s in
            for r in s.history.reversed() {
                if r.commit <= snapshot { break }
                if Self.contains(r.keys, key) { return true }
            }
            return false
        }
    }

    /// What a COMMIT must check, gathered from the transaction before the commit pipeline starts.
    struct Validation {
        var id: TransactionID
        var snapshot: CommitNumber
        /// Written and conflict keys in byte order.
        var writtenKeys: [[UInt8]]
        /// Whether to check written keys against later commits (first committer wins).
        var checkWrites: Bool
        /// The reads to check against later commits' writes, or nil.
        var reads: ReadSet?
        var writesData: Bool
        var changedSchema: Bool
    }

    /// The hook `StorageEngine.commit` runs: validation, then the record of what was committed.
    func hook(_ v: Validation) -> CommitHook {
        CommitHook(validate: { (_: CommitNumber) throws(StrataError) in
            try self.validate(v)
        }, applied: { commit in
            self.record(commit, v)
        })
    }

    /// Validates a transaction that commits nothing (rows it marked FOR UPDATE / FOR SHARE).
    func validateNow(_ v: Validation) throws(StrataError) { try validate(v) }

    private func validate(_ v: Validation) throws(StrataError) {
        let failure: String? = state.withLock { s in
            var i = s.history.count
            while i > 0 && s.history[i - 1].commit > v.snapshot { i -= 1 }
            for r in s.history[i...] {
                if r.changedSchema && (v.writesData || v.changedSchema) {
                    return "a concurrent transaction changed the schema"
                }
                if v.checkWrites && Self.intersects(r.keys, v.writtenKeys) {
                    return "a concurrent transaction wrote the same row"
                }
                if let reads = v.reads, reads.intersects(sortedKeys: r.keys) {
                    return "a concurrent transaction wrote what this transaction read"
                }
            }
            return nil
        }
        if let failure {
            throw StrataError(.serializationFailure, "serialization failure: \(failure); the transaction is rolled back")
        }
    }

    private func record(_ commit: CommitNumber, _ v: Validation) {
        let published = storage.publishedCommit
        let dropped: [CommitRecord] = state.withLock { s in
            s.history.append(CommitRecord(commit: commit, keys: v.writtenKeys, changedSchema: v.changedSchema))
            Self.settleClaims(&s, owner: v.id, commit: commit)
            // Keep every commit newer than an open snapshot or not yet published (a snapshot taken
            // from now on sees at least the published commit).
            return Self.prune(&s, published: published, except: v.id)
        }
        _ = dropped
    }

    static func contains(_ sorted: [[UInt8]], _ key: [UInt8]) -> Bool {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = compareKeyBytes(sorted[mid], key)
            if c == 0 { return true }
            if c < 0 { lo = mid + 1 } else { hi = mid }
        }
        return false
    }

    /// Whether two byte-ordered key lists share a key.
    static func intersects(_ a: [[UInt8]], _ b: [[UInt8]]) -> Bool {
        if a.isEmpty || b.isEmpty { return false }
        if a.count > 8 * b.count { return b.contains { contains(a, $0) } }
        if b.count > 8 * a.count { return a.contains { contains(b, $0) } }
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            let c = compareKeyBytes(a[i], b[j])
            if c == 0 { return true }
            if c < 0 { i += 1 } else { j += 1 }
        }
        return false
    }
}

/// What a transaction read: point keys (found or not) and key ranges [lower, upper) it scanned,
/// so that a later commit's write into any of them is seen (phantoms included).
struct ReadSet: Sendable {
    /// Point keys in the order read (appending is a retain, where hashing a key costs a pass over
    /// its bytes); sorted and deduplicated by `normalize`.
    private(set) var points: [[UInt8]] = []
    private(set) var ranges: [(lower: [UInt8], upper: [UInt8])] = []
    private var merged = true

    var isEmpty: Bool { points.isEmpty && ranges.isEmpty }

    mutating func add(_ key: [UInt8]) {
        points.append(key)
        merged = false
    }

    mutating func add(from lower: [UInt8], to upper: [UInt8]) {
        guard compareKeyBytes(lower, upper) < 0 else { return }
        if let last = ranges.last, last.lower == lower, last.upper == upper { return }
        ranges.append((lower, upper))
        merged = false
    }

    /// Sorts and merges the ranges (before validation).
    mutating func normalize() {
        guard !merged else { return }
        merged = true
        points.sort { compareKeyBytes($0, $1) < 0 }
        var unique: [[UInt8]] = []
        unique.reserveCapacity(points.count)
        for p in points where unique.last != p { unique.append(p) }
        points = unique
        let sorted = ranges.sorted { compareKeyBytes($0.lower, $1.lower) < 0 }
        var out: [(lower: [UInt8], upper: [UInt8])] = []
        for r in sorted {
            if let last = out.last, compareKeyBytes(r.lower, last.upper) <= 0 {
                if compareKeyBytes(r.upper, last.upper) > 0 { out[out.count - 1].upper = r.upper }
            } else {
                out.append(r)
            }
        }
        ranges = out
    }

    /// Whether any of `keys` is a point read or lies in a scanned range (`normalize()` first).
    func intersects(sortedKeys keys: [[UInt8]]) -> Bool {
        for k in keys {
            if TransactionManager.contains(points, k) || rangeContains(k) { return true }
        }
        return false
    }

    private func rangeContains(_ key: [UInt8]) -> Bool {
        var lo = 0
        var hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compareKeyBytes(ranges[mid].lower, key) <= 0 { lo = mid + 1 } else { hi = mid }
        }
        // ranges[lo - 1] is the last range starting at or before key.
        return lo > 0 && compareKeyBytes(key, ranges[lo - 1].upper) < 0
    }
}
