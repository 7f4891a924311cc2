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

    /// A transaction outside any registry: it never commits (catalog loading, tests).
    init(snapshot: Snapshot, isExplicit: Bool) {
        self.snapshot = snapshot
        self.isExplicit = isExplicit
        manager = nil
        id = 0
        isolation = .serializable
        mode = .optimistic
    }

    /// A transaction registered in `manager`, reading a snapshot of the newest published version.
    init(manager: TransactionManager, isExplicit: Bool, isolation: TransactionSettings.Isolation,
         mode: TransactionSettings.Mode, recordReads: Bool) {
        (id, snapshot) = manager.begin(label: "connection")
        self.manager = manager
        self.isExplicit = isExplicit
        self.isolation = isolation
        self.mode = mode
        if recordReads && isolation == .serializable && mode == .optimistic { reads = ReadSet() }
    }

    deinit { manager?.end(id) }

    /// Whether the transaction has anything to commit.
    var hasChanges: Bool { !writes.isEmpty || catalogChanged }

    func addConflictKey(_ key: [UInt8]) { conflictKeys.insert(key) }

    /// What COMMIT validates (TransactionManager.hook).
    func validation() -> TransactionManager.Validation {
        var keys = writes.sortedKeys()
        if !conflictKeys.isEmpty {
            keys.append(contentsOf: conflictKeys)
            keys.sort { compareKeyBytes($0, $1) < 0 }
        }
        reads?.normalize()
        let checksWrites = isolation != .readCommitted && mode != .serial
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

    /// The value of `key` as this transaction sees it.
    func get(_ key: [UInt8]) throws(StrataError) -> [UInt8]? {
        switch writes.lookup(key) {
        case .value(let v): return v
        case .deleted: return nil
        case .untouched:
            reads?.add(key)
            return try snapshot.get(key)
        }
    }

    func put(_ key: [UInt8], _ value: [UInt8]) { writes.put(key, value) }
    func delete(_ key: [UInt8]) { writes.delete(key) }

    /// A cursor over keys in [lower, upper) as this transaction sees them. The whole range counts
    /// as read.
    func cursor(from lower: [UInt8], to upper: [UInt8]) -> MergedCursor {
        reads?.add(from: lower, to: upper)
        return MergedCursor(base: snapshot.cursor(), writes: writes, lower: lower, upper: upper)
    }

    /// Notes a read of [lower, upper) served without a cursor (rows decoded earlier, shared).
    func noteRead(from lower: [UInt8], to upper: [UInt8]) { reads?.add(from: lower, to: upper) }
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
