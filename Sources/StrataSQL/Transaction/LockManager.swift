// LockManager: shared and exclusive locks on keys and key ranges for the pessimistic modes
// (CONTRACT.md §4). Strict two-phase locking takes them as statements read and write, and frees
// a transaction's locks all at once when it ends (`releaseAll`). Docs/transactions.md ("Locks")
// walks through the queue and the deadlock check.
//
// A target is one key or a half-open range [lower, upper) of the engine's single ordered key space
// (table rows and index entries alike; bytes compare unsigned, a prefix before its extensions).
// Two requests conflict when their owners differ, their modes are not both shared, and their
// targets share a key. A transaction never conflicts with itself.
//
// INVARIANTS
//   (1) No two granted locks of different owners conflict.
//   (2) The queue is the grant order: arrival order, except that a request goes ahead of every
//       waiter whose request conflicts with a lock its owner already holds (that waiter waits
//       for it anyway; queueing behind it would be a certain deadlock). A waiter is granted only
//       when it conflicts with no lock of another owner and no request ahead of it.
//   (3) After every operation no queued request is grantable (`admitWaiters` runs after each
//       release and withdrawal; a grant never unblocks anyone; a refused victim leaves the queue
//       as it was before it came).
//   (4) An owner has at most one queued request: its transaction's one thread waits in it.
//   (5) The waits-for graph (a waiter waits for the owner of each conflicting lock and of each
//       conflicting request ahead of it) has no cycle. Only a request that starts to wait adds
//       edges that can close one: its own, and those of the waiters queued behind it, which all
//       point to it. Grants, releases and withdrawals only remove edges or add edges into an
//       owner that is not waiting. So one search, from the new waiter, finds every cycle, and
//       that requester, the one closing it, is refused with 40P01.
// STATES of a request: covered or grantable -> returns at once | would close a cycle -> 40P01 at
//   once | queued -> granted (`admitWaiters`) or withdrawn (LockWait: timeout 55P03, interrupt).
// CONCURRENCY  All tables live under one pthread mutex (`Locked`, StrataCore); a waiting thread sleeps on its WaitSlot outside it.

import StrataCore

package enum LockMode: Hashable, Sendable {
    case shared
    case exclusive

    /// Only shared and shared go together.
    func isCompatible(with other: LockMode) -> Bool { self == .shared && other == .shared }

    /// Whether holding `self` makes a request for `other` unnecessary.
    func covers(_ other: LockMode) -> Bool { self == .exclusive || other == .shared }
}

/// What a lock covers: one key, or every key in [lower, upper) (none when lower >= upper).
package enum LockTarget: Hashable, Sendable, CustomStringConvertible {
    case key([UInt8])
    case range(lower: [UInt8], upper: [UInt8])

    /// Whether the target covers no key (a range whose lower bound is not below its upper).
    package var isEmpty: Bool {
        if case .range(let lower, let upper) = self { return compareKeyBytes(lower, upper) >= 0 }
        return false
    }

    /// Whether some key is in both targets.
    package func overlaps(_ other: LockTarget) -> Bool {
        switch (self, other) {
        case (.key(let a), .key(let b)):
            return a == b
        case (.key(let k), .range(let lower, let upper)), (.range(let lower, let upper), .key(let k)):
            return compareKeyBytes(lower, k) <= 0 && compareKeyBytes(k, upper) < 0
        case (.range(let lowerA, let upperA), .range(let lowerB, let upperB)):
            return compareKeyBytes(lowerA, upperB) < 0 && compareKeyBytes(lowerB, upperA) < 0
                && compareKeyBytes(lowerA, upperA) < 0 && compareKeyBytes(lowerB, upperB) < 0
        }
    }

    /// Whether every key of `other` is in `self`.
    package func contains(_ other: LockTarget) -> Bool {
        if other.isEmpty { return true }
        switch (self, other) {
        case (.key(let a), .key(let b)):
            return a == b
        case (.range, .key):
            return overlaps(other)
        case (.key(let k), .range(let lower, let upper)):
            // Only [k, k + 0x00) holds k alone: no key lies between k and k + 0x00.
            return lower == k && upper.count == k.count + 1 && upper.last == 0 && upper.starts(with: k)
        case (.range(let lowerA, let upperA), .range(let lowerB, let upperB)):
            return compareKeyBytes(lowerA, lowerB) <= 0 && compareKeyBytes(upperB, upperA) <= 0
        }
    }

    package var description: String {
        func hex(_ bytes: [UInt8]) -> String {
            let digits = Array("0123456789abcdef")
            return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
        }
        switch self {
        case .key(let k): return "key \(hex(k))"
        case .range(let lower, let upper): return "range [\(hex(lower)), \(hex(upper)))"
        }
    }
}

/// Shared and exclusive locks on keys and key ranges, with a FIFO queue and deadlock detection.
///
/// Complexity, with P locked keys, R range locks and W waiting requests (W is at most the number
/// of threads, and 0 without contention): a point request is a hash lookup plus
/// O(log R + overlapping ranges) when range locks exist, plus O(W) when requests wait; a range
/// request is O(log P + locked keys inside it) + O(log R + overlapping ranges) + O(W). A request
/// that waits adds a deadlock search over the waiting transactions, each costing one such check.
/// `releaseAll` costs O(the owner's locks) plus a pass over the queue when it is not empty.
package final class LockManager: Sendable {
    private let state = Locked(State())

    package init() {}

    /// Takes a lock on `target` in `mode` for `owner`, waiting while it conflicts (see the header).
    ///
    /// Returns at once when `owner` already holds a lock covering the request (the same or a
    /// stronger mode on a target containing it) or the target is empty. A shared holder asking
    /// for exclusive (an upgrade) waits only for the other holders. Locks are held until
    /// `releaseAll`.
    ///
    /// While it waits the calling thread sleeps: it calls `onWait` once, just before it first
    /// blocks, and `interrupt` before sleeping and then at least every 50 ms; an error from
    /// `interrupt` withdraws the request and is rethrown.
    ///
    /// - Throws: 40P01 `deadlock detected` at once when waiting would close a cycle of
    ///   transactions waiting for each other (the locks `owner` holds stay held: its caller aborts
    ///   the transaction and calls `releaseAll`); 55P03 `lock timeout` once it has waited
    ///   `timeout`; whatever `interrupt` throws. When it throws, the lock was not granted.
    /// - Precondition: `owner` has no other request waiting (one thread per transaction).
    package func acquire(
        _ target: LockTarget, _ mode: LockMode, owner: TransactionID, timeout: Duration? = nil,
        interrupt: () throws(StrataError) -> Void = {}, onWait: () -> Void = {}
    ) throws(StrataError) {
        switch state.withLock({ $0.request(target, mode, owner) }) {
        case .granted:
            return
        case .deadlock(let length):
            throw StrataError(
                .deadlockDetected,
                "deadlock detected: this lock request would close a cycle of \(length) transactions waiting for each other")
        case .wait(let slot):
            try LockWait.wait(
                slot, timeout: timeout, waitingFor: "a lock", interrupt: interrupt, onWait: onWait,
                withdraw: { state.withLock { $0.withdraw(slot) } })
        }
    }

    /// Frees every lock `owner` holds and grants, in queue order, the waiting requests that
    /// become grantable.
    /// - Precondition: `owner` has no request waiting.
    package func releaseAll(owner: TransactionID) {
        state.withLock { $0.releaseAll(owner) }
    }

    /// Whether `owner` has a request waiting (callable from any thread).
    package func isWaiting(owner: TransactionID) -> Bool {
        state.withLock { s in s.queue.contains { $0.owner == owner } }
    }

    /// Whether `owner` holds locks covering `mode` on `target` (as `acquire` would find it).
    package func holds(_ target: LockTarget, _ mode: LockMode, owner: TransactionID) -> Bool {
        state.withLock { $0.isCovered(target, mode, owner) }
    }

    /// How many keys are locked, how many range locks and queued requests there are.
    package var counts: (lockedKeys: Int, rangeLocks: Int, waiters: Int) {
        state.withLock { ($0.points.count, $0.ranges.count, $0.queue.count) }
    }

    /// Checks the invariants the tables can check by themselves: (1), (3) and the structures'.
    package func checkInvariants() -> Bool {
        state.withLock { $0.checkInvariants() }
    }
}

extension LockManager {
    struct Holder {
        var owner: TransactionID
        var mode: LockMode
    }

    struct Waiter {
        let owner: TransactionID
        let target: LockTarget
        let mode: LockMode
        let slot: WaitSlot

        func conflicts(with other: Waiter) -> Bool {
            owner != other.owner && !mode.isCompatible(with: other.mode) && target.overlaps(other.target)
        }
    }

    /// A locked key as a dictionary key. It hashes its bytes in one call: Array<UInt8>'s own
    /// hashing feeds the hasher one byte at a time, which was the largest cost of a point lock.
    struct LockKey: Hashable {
        let bytes: [UInt8]

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }

        static func == (a: LockKey, b: LockKey) -> Bool { a.bytes == b.bytes }
    }

    /// What one owner holds, so that `releaseAll` visits only its own locks.
    struct OwnedLocks {
        var keys: [LockKey] = []
        var ranges: [RangeLock] = []
    }

    enum Decision: Sendable {
        case granted
        case deadlock(length: Int)
        case wait(WaitSlot)
    }

    struct State {
        /// The holders of each locked key (an owner at most once, with its strongest mode).
        var points: [LockKey: [Holder]] = [:]
        /// The keys of `points` in order, for range requests; built at the first range request
        /// and kept from then on, so workloads without ranges never pay for the order.
        var orderedKeys: SortedKeySet?
        var ranges = RangeLockTable()
        var owned: [TransactionID: OwnedLocks] = [:]
        /// Waiting requests in grant order, invariant (2).
        var queue: [Waiter] = []

        mutating func request(_ target: LockTarget, _ mode: LockMode, _ owner: TransactionID) -> Decision {
            if case .key(let bytes) = target, let decision = requestWithoutContention(bytes, mode, owner) { return decision }
            if isCovered(target, mode, owner) { return .granted }
            precondition(!queue.contains { $0.owner == owner }, "LockManager: transaction \(owner) requests a lock while another of its requests waits")
            if case .range = target, orderedKeys == nil { orderedKeys = SortedKeySet(points.keys.lazy.map(\.bytes)) }
            let position = queuePosition(target, mode, owner)
            if !heldConflict(target, mode, where: { $0 != owner }) && !queuedConflict(target, mode, owner, before: position) {
                grant(target, mode, owner)
                return .granted
            }
            let slot = WaitSlot()
            queue.insert(Waiter(owner: owner, target: target, mode: mode, slot: slot), at: position)
            if let length = cycleLength(from: owner) {
                queue.remove(at: position)
                return .deadlock(length: length)
            }
            return .wait(slot)
        }

        /// A key request decided with one lookup of the key: covered by the owner's lock on it, or
        /// free of conflicts while nobody waits. Nil sends it down the general path.
        mutating func requestWithoutContention(_ bytes: [UInt8], _ mode: LockMode, _ owner: TransactionID) -> Decision? {
            let k = LockKey(bytes)
            let index = points.index(forKey: k)
            var mine: Int?
            if let index {
                for (j, h) in points.values[index].enumerated() {
                    if h.owner == owner {
                        if h.mode.covers(mode) { return .granted }
                        mine = j
                    } else if !h.mode.isCompatible(with: mode) {
                        return nil
                    }
                }
            }
            if !queue.isEmpty { return nil }
            if !ranges.isEmpty {
                if owned[owner]?.ranges.isEmpty == false { return nil }  // maybe covered: the general path sees
                if ranges.containsCovering(key: bytes, where: { !$0.mode.isCompatible(with: mode) && $0.owner != owner }) { return nil }
            }
            if let index {
                if let mine {
                    points.values[index][mine].mode = mode  // an upgrade (mode is exclusive here)
                    return .granted
                }
                points.values[index].append(Holder(owner: owner, mode: mode))
            } else {
                points[k] = [Holder(owner: owner, mode: mode)]
                orderedKeys?.insert(bytes)
            }
            owned[owner, default: OwnedLocks()].keys.append(k)
            return .granted
        }

        /// Whether `owner` holds a lock making this request unnecessary.
        func isCovered(_ target: LockTarget, _ mode: LockMode, _ owner: TransactionID) -> Bool {
            if target.isEmpty { return true }
            guard let mine = owned[owner] else { return false }
            if case .key(let k) = target, let holders = points[LockKey(k)],
                holders.contains(where: { $0.owner == owner && $0.mode.covers(mode) })
            {
                return true
            }
            return mine.ranges.contains { $0.mode.covers(mode) && LockTarget.range(lower: $0.lower, upper: $0.upper).contains(target) }
        }

        /// Where a new request of `owner` goes in the queue: ahead of the first waiter that
        /// conflicts with a lock `owner` holds, else at the end (invariant (2)).
        func queuePosition(_ target: LockTarget, _ mode: LockMode, _ owner: TransactionID) -> Int {
            if queue.isEmpty || owned[owner] == nil { return queue.count }
            return queue.firstIndex { w in w.owner != owner && heldConflict(w.target, w.mode, where: { $0 == owner }) } ?? queue.count
        }

        /// Whether a request ahead of `position` conflicts with this one.
        func queuedConflict(_ target: LockTarget, _ mode: LockMode, _ owner: TransactionID, before position: Int) -> Bool {
            var i = 0
            while i < position {
                let w = queue[i]
                if w.owner != owner && !w.mode.isCompatible(with: mode) && w.target.overlaps(target) { return true }
                i += 1
            }
            return false
        }

        /// Whether a held lock whose owner passes `isOwner` conflicts with `mode` on `target`.
        func heldConflict(_ target: LockTarget, _ mode: LockMode, where isOwner: (TransactionID) -> Bool) -> Bool {
            forEachHeldConflict(target, mode) { isOwner($0) }
        }

        /// Calls `body` with the owner of each held lock conflicting with `mode` on `target` (an
        /// owner may come more than once; the caller excludes the requester) until it returns
        /// true; returns whether it did.
        func forEachHeldConflict(_ target: LockTarget, _ mode: LockMode, _ body: (TransactionID) -> Bool) -> Bool {
            switch target {
            case .key(let k):
                if let holders = points[LockKey(k)] {
                    for h in holders where !h.mode.isCompatible(with: mode) && body(h.owner) { return true }
                }
                if ranges.isEmpty { return false }
                return ranges.containsCovering(key: k) { !$0.mode.isCompatible(with: mode) && body($0.owner) }
            case .range(let lower, let upper):
                if compareKeyBytes(lower, upper) >= 0 { return false }
                if let orderedKeys {
                    let found = orderedKeys.contains(from: lower, below: upper) { k in
                        points[LockKey(k)]!.contains { !$0.mode.isCompatible(with: mode) && body($0.owner) }
                    }
                    if found { return true }
                }
                if ranges.isEmpty { return false }
                return ranges.containsOverlapping(lower: lower, upper: upper) { !$0.mode.isCompatible(with: mode) && body($0.owner) }
            }
        }

        /// Records a granted lock.
        mutating func grant(_ target: LockTarget, _ mode: LockMode, _ owner: TransactionID) {
            switch target {
            case .key(let bytes):
                let k = LockKey(bytes)
                if let index = points.index(forKey: k) {
                    if let j = points.values[index].firstIndex(where: { $0.owner == owner }) {
                        // An upgrade: the owner's entry keeps the stronger mode.
                        if mode == .exclusive { points.values[index][j].mode = .exclusive }
                        return
                    }
                    points.values[index].append(Holder(owner: owner, mode: mode))
                } else {
                    points[k] = [Holder(owner: owner, mode: mode)]
                    orderedKeys?.insert(bytes)
                }
                owned[owner, default: OwnedLocks()].keys.append(k)
            case .range(let lower, let upper):
                let lock = RangeLock(lower: lower, upper: upper, owner: owner, mode: mode)
                ranges.insert(lock)
                owned[owner, default: OwnedLocks()].ranges.append(lock)
            }
        }

        mutating func releaseAll(_ owner: TransactionID) {
            precondition(!queue.contains { $0.owner == owner }, "LockManager: releaseAll(owner: \(owner)) while its request waits")
            guard let mine = owned.removeValue(forKey: owner) else { return }
            for k in mine.keys {
                guard let index = points.index(forKey: k) else { continue }
                points.values[index].removeAll { $0.owner == owner }
                if points.values[index].isEmpty {
                    points.remove(at: index)
                    orderedKeys?.remove(k.bytes)
                }
            }
            if !mine.ranges.isEmpty { ranges.removeAll(of: owner) }
            admitWaiters()
        }

        /// Removes a waiting request (timeout, interrupt); false if it was granted meanwhile.
        mutating func withdraw(_ slot: WaitSlot) -> Bool {
            if slot.isGranted { return false }
            queue.removeAll { $0.slot === slot }
            admitWaiters()
            return true
        }

        /// Grants, in queue order, every waiting request that conflicts with no held lock of
        /// another owner and no request still ahead of it. O(W²) target comparisons plus one held
        /// check per waiter.
        mutating func admitWaiters() {
            var i = 0
            while i < queue.count {
                let w = queue[i]
                if heldConflict(w.target, w.mode, where: { $0 != w.owner }) || queuedConflict(w.target, w.mode, w.owner, before: i) {
                    i += 1
                    continue
                }
                queue.remove(at: i)
                grant(w.target, w.mode, w.owner)
                w.slot.grant()
            }
        }

        /// The owners the request at `position` waits for: those of conflicting held locks and of
        /// conflicting requests ahead of it.
        func blockers(at position: Int) -> [TransactionID] {
            let w = queue[position]
            var result: [TransactionID] = []
            _ = forEachHeldConflict(w.target, w.mode) { o in
                if o != w.owner && !result.contains(o) { result.append(o) }
                return false
            }
            for j in 0..<position where queue[j].conflicts(with: w) && !result.contains(queue[j].owner) {
                result.append(queue[j].owner)
            }
            return result
        }

        /// The number of transactions on a cycle of the waits-for graph through `origin` (a
        /// waiting owner), or nil if there is none. A depth-first search over waiting owners only
        /// (an owner that does not wait has no outgoing edge), each visited once.
        func cycleLength(from origin: TransactionID) -> Int? {
            var positions: [TransactionID: Int] = [:]
            for (i, w) in queue.enumerated() { positions[w.owner] = i }
            guard let start = positions[origin] else { return nil }
            var visited: Set<TransactionID> = [origin]
            var path: [(successors: [TransactionID], next: Int)] = [(blockers(at: start), 0)]
            while let top = path.last {
                if top.next == top.successors.count {
                    path.removeLast()
                    continue
                }
                let owner = top.successors[top.next]
                path[path.count - 1].next += 1
                if owner == origin { return path.count }
                guard let position = positions[owner], visited.insert(owner).inserted else { continue }
                path.append((blockers(at: position), 0))
            }
            return nil
        }

        func checkInvariants() -> Bool {
            // (1): every pair of held locks of different owners is compatible.
            var all: [(LockTarget, LockMode, TransactionID)] = []
            for (k, holders) in points {
                if holders.isEmpty { return false }
                for h in holders { all.append((.key(k.bytes), h.mode, h.owner)) }
            }
            for r in ranges.locks { all.append((.range(lower: r.lower, upper: r.upper), r.mode, r.owner)) }
            for i in all.indices {
                for j in all.indices where j > i {
                    let (a, b) = (all[i], all[j])
                    if a.2 != b.2 && !a.1.isCompatible(with: b.1) && a.0.overlaps(b.0) { return false }
                }
            }
            // (3) and (4).
            for i in queue.indices {
                if blockers(at: i).isEmpty { return false }
                if queue[..<i].contains(where: { $0.owner == queue[i].owner }) { return false }
            }
            if let orderedKeys, !orderedKeys.isValid || orderedKeys.count != points.count { return false }
            return ranges.isValid
        }
    }
}
