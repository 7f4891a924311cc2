// TransactionState: one transaction of one connection: a pinned snapshot plus a write set, and
// the reads that merge the two.

import StrataCore
import StrataStorage

final class TransactionState {
    private(set) var snapshot: Snapshot
    let writes = WriteSet()
    /// The largest rowid per table (nil: the table is empty), once scanned, so that inserts need
    /// not seek the end of the table again (StatementRunner+Rowid.swift keeps it exact).
    var largestRowid: [UInt32: Int64?] = [:]
    /// The snapshot commit each `largestRowid` entry was scanned at: the commits after it are
    /// the ones the entry does not know (TransactionManager.claimRowid).
    var largestRowidScannedAt: [UInt32: CommitNumber] = [:]
    /// Whether the transaction was opened by BEGIN (otherwise it is one autocommit statement).
    let isExplicit: Bool
    /// The transaction's view of the schema (DDL changes it; COMMIT publishes it).
    var catalog = Catalog() {
        didSet { catalogChanged = true }
    }
    private(set) var catalogChanged = false
    /// The committed catalog's version this transaction started from (`SQLEngine.committedCatalog`).
    private(set) var catalogVersion: UInt64 = 0

    /// The registry this transaction is open in (nil for the catalog loader's private reads).
    private let manager: TransactionManager?
    let id: TransactionID
    let isolation: TransactionSettings.Isolation
    let mode: TransactionSettings.Mode
    /// What the transaction read, when its COMMIT validates reads (SERIALIZABLE OPTIMISTIC).
    var reads: ReadSet?
    /// Keys that count as written for conflicts without being stored: the key prefix of each
    /// UNIQUE index entry added or removed, so two transactions that add the same unique value
    /// under different rowids conflict.
    private(set) var conflictKeys: Set<[UInt8]> = []

    /// The version plans may be cached under: nil once the transaction has changed the schema.
    var cacheableCatalogVersion: UInt64? { catalogChanged ? nil : catalogVersion }

    /// How this transaction waits for locks and the gate (nil: it takes none).
    private let waits: Waits?
    /// Whether reads take shared locks and read the newest committed data (strict two-phase
    /// locking: SERIALIZABLE PESSIMISTIC).
    let locksReads: Bool
    /// Whether writes take exclusive row locks (PESSIMISTIC, and READ COMMITTED in any mode).
    let locksWrites: Bool
    private var finished = false
    /// Whether the transaction took any lock (set by `lock`): then `finish` frees them.
    private var tookLocks = false

    /// What a wait needs from the connection, read when it waits: its interrupt flag, its lock
    /// timeout and its hook (`Connection.onWait`).
    struct Waits {
        var interrupt: InterruptFlag
        var timeout: () -> Duration?
        var onWait: () -> Void
    }

    /// A transaction outside any registry: it never commits (catalog loading, tests).
    init(snapshot: Snapshot, isExplicit: Bool) {
        self.snapshot = snapshot
        self.isExplicit = isExplicit
        manager = nil
        id = TransactionID(0)
        isolation = .serializable
        mode = .optimistic
        waits = nil
        locksReads = false
        locksWrites = false
    }

    /// A transaction registered in `manager` as `id`, which has entered the serial gate
    /// (`TransactionManager.enterGate`) and registered `snapshot` (`TransactionManager.begin`).
    init(manager: TransactionManager, id: TransactionID, snapshot: Snapshot, isExplicit: Bool,
         isolation: TransactionSettings.Isolation, mode: TransactionSettings.Mode, recordReads: Bool, waits: Waits) {
        self.id = id
        self.snapshot = snapshot
        self.manager = manager
        self.isExplicit = isExplicit
        self.isolation = isolation
        self.mode = mode
        self.waits = waits
        locksReads = isolation == .serializable && mode == .pessimistic
        locksWrites = mode == .pessimistic || isolation == .readCommitted
        if recordReads && isolation == .serializable && mode == .optimistic { reads = ReadSet() }
    }

    deinit { finish() }

    /// Ends the transaction's life in the engine: frees its locks and the gate, and unregisters
    /// its snapshot. Called after COMMIT returns (the commit is published by then) or when it is
    /// dropped; idempotent.
    func finish() {
        guard !finished, let manager else { return }
        finished = true
        if tookLocks { manager.locks.releaseAll(owner: id) }
        manager.gate.leave(owner: id)
        manager.end(id)
    }

    /// Whether the transaction has anything to commit.
    var hasChanges: Bool { !writes.isEmpty || catalogChanged }
    /// Whether it marked rows FOR UPDATE or FOR SHARE (then COMMIT validates it even with nothing
    /// to write).
    var hasMarkedRows: Bool { !conflictKeys.isEmpty || !sharedRows.isEmpty }

    /// Rows read FOR SHARE by an optimistic transaction: validated at COMMIT as reads at every
    /// level (a commit since the snapshot that wrote one fails this transaction).
    private(set) var sharedRows: Set<[UInt8]> = []

    func markShared(_ key: [UInt8]) { sharedRows.insert(key) }

    /// The mode of the locks reads take under strict two-phase locking: shared, except while a
    /// SELECT ... FOR UPDATE reads the rows it will lock for writing, whose reads lock them
    /// exclusively at once (a shared lock upgraded later would deadlock two such transactions
    /// on the same row).
    var readLockMode = LockMode.shared

    /// Takes a shared lock on `key` (FOR SHARE in the modes that lock rows).
    func lockShared(_ key: [UInt8]) throws(StrataError) {
        try lock(.key(key), .shared)
    }

    /// The rowid for a row inserted into table `table` without one, where this transaction's view
    /// proposes `proposed` (TransactionManager.claimRowid: concurrent inserters choose apart).
    func claimRowid(table: UInt32, proposed: Int64) -> Int64 {
        let seen = largestRowidScannedAt[table] ?? snapshot.commit
        return manager?.claimRowid(table: table, proposed: proposed, owner: id, snapshot: seen) ?? proposed
    }

    /// Notes a key that counts as written for conflicts (and is locked as a write is).
    func addConflictKey(_ key: [UInt8]) throws(StrataError) {
        if locksWrites { try lockForWrite(key) }
        conflictKeys.insert(key)
        sortedCommittedKeys = nil
    }

    /// The written keys and the conflict keys, in byte order: what COMMIT locks (optimistic),
    /// validates and records. Sorted once per commit (the write set's order is cached).
    private var sortedCommittedKeys: [[UInt8]]?

    private func committedKeys() -> [[UInt8]] {
        if let sortedCommittedKeys { return sortedCommittedKeys }
        var keys = writes.sortedKeys()
        if !conflictKeys.isEmpty {
            keys.append(contentsOf: conflictKeys)
            keys.sort { compareKeyBytes($0, $1) < 0 }
        }
        sortedCommittedKeys = keys
        return keys
    }

    /// What COMMIT validates (TransactionManager.hook). Strict two-phase locking needs no
    /// validation of rows (its locks did it); the other modes check written keys, and
    /// SERIALIZABLE OPTIMISTIC its reads too. A schema change is checked in every mode.
    func validation() -> TransactionManager.Validation {
        let keys = committedKeys()
        if !sharedRows.isEmpty {
            var r = reads ?? ReadSet()
            for k in sharedRows { r.add(k) }
            reads = r
        }
        reads?.normalize()
        let checksWrites = isolation != .readCommitted && mode != .serial && !locksReads
        return TransactionManager.Validation(id: id, snapshot: snapshot.commit, writtenKeys: keys,
                                             checkWrites: checksWrites, reads: mode == .serial ? nil : reads,
                                             writesData: !writes.isEmpty, changedSchema: catalogChanged)
    }

    /// Sets the catalog a transaction starts from (not a change of its own).
    func startCatalog(_ c: Catalog, version: UInt64) {
        catalog = c
        catalogChanged = false
        catalogVersion = version
    }

    /// Puts back the catalog (and whether it had changed) from before a failed statement.
    func restoreCatalog(_ c: Catalog, changed: Bool) {
        catalog = c
        catalogChanged = changed
    }

    // MARK: locks

    private func lock(_ target: LockTarget, _ mode: LockMode) throws(StrataError) {
        guard let manager, let waits else { return }
        tookLocks = true
        let check = waits.interrupt.check
        try manager.locks.acquire(target, mode, owner: id, timeout: waits.timeout(),
                                  interrupt: { () throws(StrataError) in try check() }, onWait: waits.onWait)
    }

    /// Write sets larger than this lock whole tables and indexes at COMMIT (`lockForCommit`).
    static let commitLockEscalation = 4096

    /// An optimistic COMMIT takes exclusive locks on what it writes, in key order, before it
    /// validates: a locking transaction (PESSIMISTIC, READ COMMITTED) that holds a shared lock on
    /// a row, or a range it scanned, is not changed under it; the commit waits for it instead
    /// (and may be a deadlock's victim). Over `commitLockEscalation` keys it locks each table or
    /// index it writes as a whole range. The locks are freed with the others once the commit is
    /// published.
    func lockForCommit() throws(StrataError) {
        guard mode == .optimistic, isolation != .readCommitted, manager != nil else { return }
        let keys = committedKeys()
        if keys.count <= Self.commitLockEscalation {
            for k in keys { try lock(.key(k), .exclusive) }
            return
        }
        // Whole tables and indexes: the kind byte and the 4-byte object id start every key.
        var last: [UInt8]?
        for k in keys where k.count >= 5 {
            let prefix = Array(k[0..<5])
            if prefix == last { continue }
            last = prefix
            var upper = prefix
            var i = upper.count - 1
            while i >= 0 {
                if upper[i] == 0xFF { upper[i] = 0; i -= 1 } else { upper[i] += 1; break }
            }
            try lock(i < 0 ? .range(lower: prefix, upper: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) : .range(lower: prefix, upper: upper), .exclusive)
        }
        for k in keys where k.count < 5 { try lock(.key(k), .exclusive) }
    }

    /// Reads from here on see the newest published version (READ COMMITTED's statement snapshot,
    /// and strict two-phase locking's reads once their lock is granted). The write set stays on top.
    func refreshSnapshot() {
        guard let manager, manager.storage.publishedCommit > snapshot.commit else { return }
        snapshot = manager.refresh(id, label: "connection")
    }

    /// Takes the exclusive lock on `key` that a write needs. In SNAPSHOT PESSIMISTIC, a key that a
    /// transaction committed after this one's snapshot fails the write at once (also after
    /// waiting for that transaction). Returns whether a commit after the snapshot wrote the key
    /// (READ COMMITTED then reads from a snapshot that holds it).
    @discardableResult
    func lockForWrite(_ key: [UInt8]) throws(StrataError) -> Bool {
        guard locksWrites, let manager else { return false }
        try lock(.key(key), .exclusive)
        if locksReads { return false }
        guard manager.committedAfter(snapshot.commit, key: key) else { return false }
        if isolation == .readCommitted {
            // The statement goes on from the newest version, which holds that commit.
            refreshSnapshot()
            return true
        }
        throw StrataError(.serializationFailure,
                          "serialization failure: a concurrent transaction changed a row this transaction writes; the transaction is rolled back")
    }

    // MARK: reads and writes

    /// The value of `key` as this transaction sees it.
    func get(_ key: [UInt8]) throws(StrataError) -> [UInt8]? {
        switch writes.lookup(key) {
        case .value(let v): return v
        case .deleted: return nil
        case .untouched:
            if locksReads {
                try lock(.key(key), readLockMode)
                refreshSnapshot()
            }
            reads?.add(key)
            return try snapshot.get(key)
        }
    }

    func put(_ key: [UInt8], _ value: [UInt8]) throws(StrataError) {
        if locksWrites { try lockForWrite(key) }
        writes.put(key, value)
        sortedCommittedKeys = nil
    }

    func delete(_ key: [UInt8]) throws(StrataError) {
        if locksWrites { try lockForWrite(key) }
        writes.delete(key)
        sortedCommittedKeys = nil
    }

    /// A cursor over keys in [lower, upper) as this transaction sees them. The whole range counts
    /// as read (and is locked shared under strict two-phase locking, gaps included).
    func cursor(from lower: [UInt8], to upper: [UInt8]) throws(StrataError) -> MergedCursor {
        try noteRead(from: lower, to: upper)
        return MergedCursor(base: snapshot.cursor(), writes: writes, lower: lower, upper: upper)
    }

    /// Notes a read of [lower, upper) for validation, served from rows decoded earlier and shared
    /// between transactions (never under strict two-phase locking, whose reads lock first).
    func recordRead(from lower: [UInt8], to upper: [UInt8]) {
        assert(!locksReads, "a locking read must take its lock before it reads")
        reads?.add(from: lower, to: upper)
    }

    /// Notes a read of [lower, upper): for validation, or as a shared range lock.
    func noteRead(from lower: [UInt8], to upper: [UInt8]) throws(StrataError) {
        if locksReads {
            try lock(.range(lower: lower, upper: upper), readLockMode)
            refreshSnapshot()
        }
        reads?.add(from: lower, to: upper)
    }
}

/// Merges the snapshot's keys with the write set's in [lower, upper): written values override,
/// tombstones hide. Forward only. The write set's sorted keys are taken when the cursor starts,
/// so changes made during the scan are not seen by it (statements materialize before writing).
struct MergedCursor {
    private var base: BTreeCursor
    private let writes: WriteSet
    private let lower: [UInt8]
    private let upper: [UInt8]
    private var writeKeys: ArraySlice<[UInt8]> = []
    private var writeIndex = 0
    private var baseValid = false
    private var started = false
    /// The current entry.
    private(set) var key: [UInt8] = []
    private(set) var value: [UInt8] = []

    init(base: BTreeCursor, writes: WriteSet, lower: [UInt8], upper: [UInt8]) {
        self.base = base
        self.writes = writes
        self.lower = lower
        self.upper = upper
    }

    /// Moves to the next entry; false at the end of the range.
    mutating func next() throws(StrataError) -> Bool {
        if !started {
            started = true
            baseValid = try base.seek(lower)
            if baseValid { baseValid = baseInRange() }
            if !writes.isEmpty {
                let all = writes.sortedKeys()
                let lo = lowerBound(all, lower)
                let hi = lowerBound(all, upper)
                writeKeys = all[lo..<hi]
                writeIndex = lo
            }
        } else {
            try advancePastCurrent()
        }
        while true {
            let hasWrite = writeIndex < writeKeys.endIndex
            if !baseValid && !hasWrite { return false }
            var takeWrite = false
            var sameKey = false
            if hasWrite && baseValid {
                let c = writeKeys[writeIndex].withUnsafeBytes { w in
                    base.withKey { b in compareKeys(w.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, w.count, b.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, b.count) }
                }
                takeWrite = c <= 0
                sameKey = c == 0
            } else {
                takeWrite = hasWrite
            }
            if takeWrite {
                let k = writeKeys[writeIndex]
                if sameKey { try stepBase() }
                writeIndex += 1
                if case .value(let v) = writes.lookup(k) {
                    key = k
                    value = v
                    pendingAdvance = false
                    return true
                }
                continue  // a tombstone hides the key
            }
            key = base.key
            value = try base.value()
            pendingAdvance = true
            return true
        }
    }

    private var pendingAdvance = false

    private mutating func advancePastCurrent() throws(StrataError) {
        if pendingAdvance { try stepBase() }
        pendingAdvance = false
    }

    private mutating func stepBase() throws(StrataError) {
        baseValid = try base.next()
        if baseValid { baseValid = baseInRange() }
    }

    /// Whether the base cursor's key is below `upper`. The closure captures only `upper`: one
    /// capturing `self` would copy the whole cursor (and retain its fields) at every step.
    private func baseInRange() -> Bool {
        let upper = self.upper
        return base.withKey { Self.isBelow($0, upper) }
    }

    private static func isBelow(_ k: UnsafeRawBufferPointer, _ upper: [UInt8]) -> Bool {
        upper.withUnsafeBytes { u in
            compareKeys(k.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, k.count, u.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, u.count) < 0
        }
    }

    private func lowerBound(_ keys: [[UInt8]], _ k: [UInt8]) -> Int {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compareKeyBytes(keys[mid], k) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
