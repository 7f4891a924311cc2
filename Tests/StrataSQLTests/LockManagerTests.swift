// LockManagerTests: the lock manager of the pessimistic modes (Sources/StrataSQL/Transaction/
// LockManager.swift; CONTRACT.md §4): which requests conflict, re-entrance and upgrades, the FIFO
// queue, deadlock victims, timeouts and interrupts, and a randomized run of many threads checked
// by an independent tracker. Requests that must block run on threads of their own; a test knows
// they block from the onWait hook and isWaiting, never from a sleep.
//
// The seed of the randomized tests is printed on failure; STRATA_SEED reproduces a run's requests
// (not its thread interleaving).

import Foundation
import StrataTestSupport
import Synchronization
import Testing

@testable import StrataCore
@testable import StrataSQL

struct LockManagerTests {
    /// Starts `owner`'s request on its own thread and returns once it blocks.
    private func blocked(
        _ m: LockManager, _ target: LockTarget, _ mode: LockMode, _ owner: TransactionID,
        interrupt: TestInterrupt? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Background {
        let call = Background { onWait throws(StrataError) in
            try m.acquire(target, mode, owner: owner, interrupt: { () throws(StrataError) in try interrupt?.check() }, onWait: onWait)
        }
        #expect(call.waitUntilBlocked(), "\(owner)'s \(mode) request on \(target) should wait", sourceLocation: sourceLocation)
        #expect(m.isWaiting(owner: owner), sourceLocation: sourceLocation)
        return call
    }

    /// Whether `owner`'s request would wait (probed with a zero timeout; if it does not wait, the
    /// lock is taken).
    private func wouldWait(_ m: LockManager, _ target: LockTarget, _ mode: LockMode, _ owner: TransactionID) -> Bool {
        do {
            try m.acquire(target, mode, owner: owner, timeout: .zero)
            return false
        } catch {
            #expect(error.code == .lockNotAvailable)
            return true
        }
    }

    private func deadlockCode(_ body: () throws(StrataError) -> Void) -> StrataError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    // MARK: Which requests conflict

    @Test(arguments: [
        (LockMode.shared, LockMode.shared, false), (.shared, .exclusive, true),
        (.exclusive, .shared, true), (.exclusive, .exclusive, true),
    ])
    func compatibilityMatrix(held: LockMode, requested: LockMode, conflicts: Bool) throws {
        let pairs: [(LockTarget, LockTarget)] = [
            (key(5), key(5)), (key(5), range([1], [9])), (range([1], [9]), key(5)), (range([1], [6]), range([4], [9])),
        ]
        for (heldTarget, requestedTarget) in pairs {
            let m = LockManager()
            try m.acquire(heldTarget, held, owner: tx(1))
            #expect(wouldWait(m, requestedTarget, requested, tx(2)) == conflicts, "\(held) \(heldTarget), \(requested) \(requestedTarget)")
            // A transaction never conflicts with itself.
            #expect(!wouldWait(m, requestedTarget, requested, tx(1)))
            #expect(m.checkInvariants())
        }
    }

    struct OverlapCase: Sendable, CustomTestStringConvertible {
        let held: LockTarget
        let requested: LockTarget
        let overlaps: Bool
        var testDescription: String { "\(held) vs \(requested): \(overlaps)" }
    }

    static let overlapCases: [OverlapCase] = [
        OverlapCase(held: key(1), requested: key(1), overlaps: true),
        OverlapCase(held: key(1), requested: key(1, 0), overlaps: false),
        OverlapCase(held: key(), requested: key(0), overlaps: false),
        // Bounds: the lower one is in the range, the upper one is not.
        OverlapCase(held: range([1], [3]), requested: key(1), overlaps: true),
        OverlapCase(held: range([1], [3]), requested: key(3), overlaps: false),
        OverlapCase(held: range([1], [3]), requested: key(2, 255, 255), overlaps: true),
        OverlapCase(held: range([1], [3]), requested: key(0, 255), overlaps: false),
        OverlapCase(held: range([1], [3]), requested: key(3, 0), overlaps: false),
        // Empty ranges hold no key.
        OverlapCase(held: range([1], [1]), requested: key(1), overlaps: false),
        OverlapCase(held: range([5], [3]), requested: key(4), overlaps: false),
        OverlapCase(held: range([0], [9]), requested: range([4], [4]), overlaps: false),
        // Range against range.
        OverlapCase(held: range([1], [3]), requested: range([3], [5]), overlaps: false),
        OverlapCase(held: range([1], [3]), requested: range([2], [4]), overlaps: true),
        OverlapCase(held: range([1], [3]), requested: range([0], [9]), overlaps: true),
        OverlapCase(held: range([1], [3]), requested: range([1, 5], [1, 6]), overlaps: true),
        OverlapCase(held: range([1], [3]), requested: range([0], [1]), overlaps: false),
        OverlapCase(held: range([1], [3]), requested: range([0], [1, 0]), overlaps: true),
        // A prefix sorts before its extensions: [1] < [1, 0] < [1, 0, 0] < [1, 1] < [2].
        OverlapCase(held: range([1], [1, 0]), requested: key(1), overlaps: true),
        OverlapCase(held: range([1], [1, 0]), requested: key(1, 0), overlaps: false),
        OverlapCase(held: range([1, 0], [1, 1]), requested: key(1, 0, 255), overlaps: true),
        OverlapCase(held: range([], [1]), requested: key(0, 255, 255), overlaps: true),
        OverlapCase(held: range([], [1]), requested: key(), overlaps: true),
        // Bytes compare unsigned.
        OverlapCase(held: range([0x7f], [0x80]), requested: key(0x80), overlaps: false),
        OverlapCase(held: range([0x7f], [0x80]), requested: key(0x7f, 0xff), overlaps: true),
        OverlapCase(held: range([0x80], [0xff]), requested: key(0x7f), overlaps: false),
        OverlapCase(held: range([0x80], [0xff]), requested: key(0xfe, 0xff), overlaps: true),
        OverlapCase(held: range([0x80], [0xff]), requested: range([0x01], [0x80]), overlaps: false),
    ]

    @Test(arguments: overlapCases)
    func overlapEdges(_ c: OverlapCase) throws {
        #expect(c.held.overlaps(c.requested) == c.overlaps)
        #expect(c.requested.overlaps(c.held) == c.overlaps)
        // Both ways round, through the manager (which finds keys and ranges by its own indexes).
        for (first, second) in [(c.held, c.requested), (c.requested, c.held)] {
            let m = LockManager()
            try m.acquire(first, .exclusive, owner: tx(1))
            #expect(wouldWait(m, second, .exclusive, tx(2)) == c.overlaps, "\(first) held, \(second) requested")
            #expect(m.checkInvariants())
        }
    }

    @Test func containment() {
        #expect(range([1], [5]).contains(key(1)))
        #expect(!range([1], [5]).contains(key(5)))
        #expect(range([1], [5]).contains(range([2], [5])))
        #expect(!range([1], [5]).contains(range([0], [2])))
        #expect(key(3).contains(range([3], [3, 0])))
        #expect(!key(3).contains(range([3], [3, 0, 0])))
        #expect(key(3).contains(range([7], [2])))  // empty
    }

    @Test func anEmptyRangeIsGrantedAtOnceAndHoldsNothing() throws {
        let m = LockManager()
        try m.acquire(range([], [255, 255]), .exclusive, owner: tx(1))
        try m.acquire(range([4], [4]), .exclusive, owner: tx(2))
        try m.acquire(range([9], [2]), .exclusive, owner: tx(2))
        #expect(m.counts == (lockedKeys: 0, rangeLocks: 1, waiters: 0))
    }

    @Test func aScanLocksItsGapsAndAnInsertWaits() throws {
        // A read that scanned [1, 9) and found nothing still keeps an insert of key 5 out.
        let m = LockManager()
        try m.acquire(range([1], [9]), .shared, owner: tx(1))
        let insert = blocked(m, key(5), .exclusive, tx(2))
        m.releaseAll(owner: tx(1))
        #expect(succeeded(insert.finish()))
        // And a written key keeps a scan over it out.
        let scan = blocked(m, range([0], [6]), .shared, tx(3))
        m.releaseAll(owner: tx(2))
        #expect(succeeded(scan.finish()))
        m.releaseAll(owner: tx(3))
        #expect(m.counts == (lockedKeys: 0, rangeLocks: 0, waiters: 0))
    }

    // MARK: Re-entrance and upgrades

    @Test func aCoveredRequestReturnsAtOnceEvenBehindAWaiter() throws {
        let m = LockManager()
        try m.acquire(key(5), .shared, owner: tx(1))
        try m.acquire(range([10], [20]), .shared, owner: tx(1))
        let writer = blocked(m, key(5), .exclusive, tx(2))
        // tx 1 asks again for what it holds: no wait, although tx 2 queued an exclusive request.
        try m.acquire(key(5), .shared, owner: tx(1), timeout: .zero)
        try m.acquire(key(12), .shared, owner: tx(1), timeout: .zero)
        try m.acquire(range([11], [20]), .shared, owner: tx(1), timeout: .zero)
        #expect(m.counts == (lockedKeys: 1, rangeLocks: 1, waiters: 1))
        #expect(m.holds(key(15), .shared, owner: tx(1)))
        #expect(!m.holds(key(15), .exclusive, owner: tx(1)))
        #expect(!m.holds(range([15], [21]), .shared, owner: tx(1)))
        m.releaseAll(owner: tx(1))
        #expect(succeeded(writer.finish()))
        // Exclusive covers shared.
        try m.acquire(key(5), .shared, owner: tx(2), timeout: .zero)
        #expect(m.counts.lockedKeys == 1)
    }

    @Test func anUpgradeWaitsOnlyForTheOtherHolders() throws {
        let m = LockManager()
        try m.acquire(key(5), .shared, owner: tx(1))
        try m.acquire(key(5), .exclusive, owner: tx(1), timeout: .zero)  // alone: at once
        #expect(m.holds(key(5), .exclusive, owner: tx(1)))
        m.releaseAll(owner: tx(1))

        try m.acquire(key(5), .shared, owner: tx(1))
        try m.acquire(key(5), .shared, owner: tx(2))
        let upgrade = blocked(m, key(5), .exclusive, tx(1))
        m.releaseAll(owner: tx(2))
        #expect(succeeded(upgrade.finish()))
        #expect(m.holds(key(5), .exclusive, owner: tx(1)))
        #expect(m.counts.lockedKeys == 1)
    }

    @Test func aRequestGoesAheadOfWaitersThatWaitForItsOwner() throws {
        // tx 2 waits for tx 1's shared lock; tx 1's upgrade does not queue behind tx 2 (that would
        // be a certain deadlock) but is granted at once.
        let m = LockManager()
        try m.acquire(key(5), .shared, owner: tx(1))
        let writer = blocked(m, key(5), .exclusive, tx(2))
        try m.acquire(key(5), .exclusive, owner: tx(1), timeout: .zero)
        // Also a range over tx 2's key: tx 2 waits for tx 1 anyway.
        try m.acquire(range([0], [9]), .shared, owner: tx(1), timeout: .zero)
        #expect(m.isWaiting(owner: tx(2)))
        m.releaseAll(owner: tx(1))
        #expect(succeeded(writer.finish()))
    }

    // MARK: The FIFO queue

    @Test func aSharedRequestWaitsBehindAnExclusiveWaiter() throws {
        let m = LockManager()
        try m.acquire(key(5), .shared, owner: tx(1))
        let writer = blocked(m, key(5), .exclusive, tx(2))
        // Compatible with the holder, but queued behind tx 2, so that readers cannot starve it.
        let reader = blocked(m, key(5), .shared, tx(3))
        m.releaseAll(owner: tx(1))
        #expect(!m.isWaiting(owner: tx(2)))
        #expect(m.isWaiting(owner: tx(3)))
        #expect(succeeded(writer.finish()))
        m.releaseAll(owner: tx(2))
        #expect(succeeded(reader.finish()))
    }

    @Test func waitersAreGrantedInQueueOrder() throws {
        let m = LockManager()
        try m.acquire(key(5), .exclusive, owner: tx(1))
        let b = blocked(m, key(5), .exclusive, tx(2))
        let c = blocked(m, key(5), .exclusive, tx(3))
        let d = blocked(m, key(5), .shared, tx(4))
        let e = blocked(m, key(5), .shared, tx(5))
        let f = blocked(m, key(5), .exclusive, tx(6))
        m.releaseAll(owner: tx(1))
        #expect((2...6).map { m.isWaiting(owner: tx($0)) } == [false, true, true, true, true])
        #expect(succeeded(b.finish()))
        m.releaseAll(owner: tx(2))
        #expect((3...6).map { m.isWaiting(owner: tx($0)) } == [false, true, true, true])
        #expect(succeeded(c.finish()))
        m.releaseAll(owner: tx(3))
        // The two readers together; the writer behind them still waits.
        #expect((4...6).map { m.isWaiting(owner: tx($0)) } == [false, false, true])
        #expect(succeeded(d.finish()) && succeeded(e.finish()))
        m.releaseAll(owner: tx(4))
        #expect(m.isWaiting(owner: tx(6)))
        m.releaseAll(owner: tx(5))
        #expect(succeeded(f.finish()))
        m.releaseAll(owner: tx(6))
        #expect(m.counts == (lockedKeys: 0, rangeLocks: 0, waiters: 0))
    }

    @Test func theQueueOrdersOnlyOverlappingRequests() throws {
        let m = LockManager()
        try m.acquire(key(5), .shared, owner: tx(1))
        let scan = blocked(m, range([0], [9]), .exclusive, tx(2))
        // Key 7 is in tx 2's waiting range: behind it. Key 20 is not: granted at once.
        let inside = blocked(m, key(7), .shared, tx(3))
        try m.acquire(key(20), .exclusive, owner: tx(4), timeout: .zero)
        try m.acquire(range([9], [20]), .shared, owner: tx(5), timeout: .zero)
        #expect(m.checkInvariants())
        m.releaseAll(owner: tx(1))
        #expect(succeeded(scan.finish()))
        #expect(m.isWaiting(owner: tx(3)))
        m.releaseAll(owner: tx(2))
        #expect(succeeded(inside.finish()))
    }

    @Test func releaseAllWakesEveryGrantableWaiter() throws {
        let m = LockManager()
        try m.acquire(range([0], [100]), .exclusive, owner: tx(1))
        try m.acquire(key(200), .exclusive, owner: tx(1))
        let waiters = [
            blocked(m, key(1), .shared, tx(2)), blocked(m, key(50), .exclusive, tx(3)),
            blocked(m, range([10], [20]), .shared, tx(4)), blocked(m, key(200), .shared, tx(5)),
            blocked(m, range([99], [201]), .shared, tx(6)),
        ]
        #expect(m.counts.waiters == 5)
        m.releaseAll(owner: tx(1))
        #expect(m.counts.waiters == 0)
        for w in waiters { #expect(succeeded(w.finish())) }
        for n in 2...6 { m.releaseAll(owner: tx(UInt64(n))) }
        #expect(m.counts == (lockedKeys: 0, rangeLocks: 0, waiters: 0))
    }

    // MARK: Deadlocks

    @Test func aTwoWayDeadlockRefusesTheRequestThatClosesIt() throws {
        let m = LockManager()
        try m.acquire(key(1), .exclusive, owner: tx(1))
        try m.acquire(key(2), .exclusive, owner: tx(2))
        let first = blocked(m, key(2), .exclusive, tx(1))
        let error = deadlockCode { () throws(StrataError) in try m.acquire(key(1), .exclusive, owner: tx(2)) }
        #expect(error?.code == .deadlockDetected)
        #expect(error?.message.contains("deadlock detected") == true)
        #expect(error?.isRetryable == true)
        // The victim keeps its locks until its caller releases them; the other still waits.
        #expect(m.holds(key(2), .exclusive, owner: tx(2)))
        #expect(!m.isWaiting(owner: tx(2)))
        #expect(m.isWaiting(owner: tx(1)))
        m.releaseAll(owner: tx(2))
        #expect(succeeded(first.finish()))
        #expect(m.holds(key(2), .exclusive, owner: tx(1)))
    }

    @Test func aThreeWayDeadlockRefusesTheRequestThatClosesIt() throws {
        let m = LockManager()
        for n in 1...3 { try m.acquire(key(UInt8(n)), .exclusive, owner: tx(UInt64(n))) }
        let a = blocked(m, key(2), .exclusive, tx(1))
        let b = blocked(m, key(3), .exclusive, tx(2))
        let error = deadlockCode { () throws(StrataError) in try m.acquire(key(1), .shared, owner: tx(3)) }
        #expect(error?.code == .deadlockDetected)
        #expect(error?.message.contains("cycle of 3 transactions") == true)
        #expect(m.isWaiting(owner: tx(1)) && m.isWaiting(owner: tx(2)))
        m.releaseAll(owner: tx(3))
        #expect(succeeded(b.finish()))
        #expect(m.isWaiting(owner: tx(1)))
        m.releaseAll(owner: tx(2))
        #expect(succeeded(a.finish()))
    }

    @Test func twoSharedHoldersUpgradingDeadlock() throws {
        let m = LockManager()
        try m.acquire(key(5), .shared, owner: tx(1))
        try m.acquire(key(5), .shared, owner: tx(2))
        let first = blocked(m, key(5), .exclusive, tx(1))
        let error = deadlockCode { () throws(StrataError) in try m.acquire(key(5), .exclusive, owner: tx(2)) }
        #expect(error?.code == .deadlockDetected)
        m.releaseAll(owner: tx(2))
        #expect(succeeded(first.finish()))
        #expect(m.holds(key(5), .exclusive, owner: tx(1)))
    }

    @Test func overlappingScansUpgradingDeadlock() throws {
        // Two transactions scanned overlapping ranges; both then write a key in the overlap.
        let m = LockManager()
        try m.acquire(range([1], [6]), .shared, owner: tx(1))
        try m.acquire(range([4], [9]), .shared, owner: tx(2))
        let first = blocked(m, key(5), .exclusive, tx(1))
        let error = deadlockCode { () throws(StrataError) in try m.acquire(key(4, 7), .exclusive, owner: tx(2)) }
        #expect(error?.code == .deadlockDetected)
        m.releaseAll(owner: tx(2))
        #expect(succeeded(first.finish()))
    }

    @Test func aDeadlockThroughTheQueueOrderIsFound() throws {
        // tx 3 waits behind tx 2's waiting request (FIFO), tx 2 waits for tx 1, and tx 1 now asks
        // for what tx 3 holds: a cycle through a queue edge.
        let m = LockManager()
        try m.acquire(key(1), .shared, owner: tx(1))
        try m.acquire(key(9), .exclusive, owner: tx(3))
        let two = blocked(m, key(1), .exclusive, tx(2))
        let three = blocked(m, key(1), .shared, tx(3))
        let error = deadlockCode { () throws(StrataError) in try m.acquire(key(9), .shared, owner: tx(1)) }
        #expect(error?.code == .deadlockDetected)
        m.releaseAll(owner: tx(1))
        #expect(succeeded(two.finish()))
        m.releaseAll(owner: tx(2))
        #expect(succeeded(three.finish()))
    }

    @Test func aChainOfWaitersIsNoDeadlock() throws {
        let m = LockManager()
        try m.acquire(key(1), .exclusive, owner: tx(1))
        try m.acquire(key(2), .exclusive, owner: tx(2))
        let two = blocked(m, key(1), .exclusive, tx(2))
        let three = blocked(m, key(2), .exclusive, tx(3))
        let four = blocked(m, key(1), .shared, tx(4))
        m.releaseAll(owner: tx(1))
        #expect(succeeded(two.finish()))
        m.releaseAll(owner: tx(2))
        #expect(succeeded(three.finish()) && succeeded(four.finish()))
    }

    // MARK: Timeouts and interrupts

    @Test func aTimedOutRequestFailsWith55P03() throws {
        let m = LockManager()
        try m.acquire(key(5), .exclusive, owner: tx(1))
        var waits = 0
        let start = ContinuousClock.now
        let error = deadlockCode { () throws(StrataError) in
            try m.acquire(key(5), .shared, owner: tx(2), timeout: .milliseconds(120), onWait: { waits += 1 })
        }
        #expect(ContinuousClock.now - start >= .milliseconds(120))
        #expect(error?.code == .lockNotAvailable)
        #expect(error?.message.contains("lock timeout") == true)
        #expect(waits == 1)
        #expect(!m.isWaiting(owner: tx(2)))
        #expect(m.counts.waiters == 0)
        m.releaseAll(owner: tx(1))
        try m.acquire(key(5), .shared, owner: tx(2), timeout: .zero)
    }

    @Test func anInterruptStopsAWaitAndOnWaitRunsOnce() throws {
        let m = LockManager()
        try m.acquire(key(5), .exclusive, owner: tx(1))
        let interrupt = TestInterrupt()
        let waiter = blocked(m, key(5), .exclusive, tx(2), interrupt: interrupt)
        // Several checks: the waiting thread polls while it sleeps (every 50 ms at most).
        #expect(interrupt.waitForChecks(3))
        interrupt.raise()
        let outcome = waiter.finish()
        #expect(failureCode(outcome) == .queryCanceled)
        #expect(waiter.waitCount == 1)
        #expect(!m.isWaiting(owner: tx(2)))
        #expect(!m.holds(key(5), .exclusive, owner: tx(2)))
    }

    @Test func aWithdrawnRequestAdmitsThoseBehindIt() throws {
        let m = LockManager()
        try m.acquire(key(5), .shared, owner: tx(1))
        let interrupt = TestInterrupt()
        let writer = blocked(m, key(5), .exclusive, tx(2), interrupt: interrupt)
        let reader = blocked(m, key(5), .shared, tx(3))
        interrupt.raise()
        #expect(failureCode(writer.finish()) == .queryCanceled)
        // tx 3 waited only for tx 2's request: it goes in as tx 2 leaves the queue.
        #expect(succeeded(reader.finish()))
        #expect(m.holds(key(5), .shared, owner: tx(3)))
    }

    // MARK: The structures behind the manager

    @Test func sortedKeySetMatchesASortedArray() {
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        var set = SortedKeySet()
        var model = Set<[UInt8]>()
        for step in 0..<20000 {
            let k = (0..<Int.random(in: 0...3, using: &g)).map { _ in UInt8.random(in: 0...40, using: &g) * 6 }
            if Bool.random(using: &g) || step < 3000 {
                set.insert(k)
                model.insert(k)
            } else {
                set.remove(k)
                model.remove(k)
            }
            if step % 997 == 0 || step == 19999 {
                let sorted = model.sorted { $0.lexicographicallyPrecedes($1) }
                #expect(set.isValid && set.allKeys == sorted, "seed \(seed) step \(step)")
                let lower = [UInt8.random(in: 0...255, using: &g)]
                let upper = [UInt8.random(in: 0...255, using: &g), 7]
                var seen: [[UInt8]] = []
                _ = set.contains(from: lower, below: upper) { seen.append($0); return false }
                let expected = sorted.filter { !$0.lexicographicallyPrecedes(lower) && $0.lexicographicallyPrecedes(upper) }
                #expect(seen == expected, "seed \(seed) step \(step)")
            }
        }
        #expect(SortedKeySet(model).allKeys == model.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func rangeLockTableFindsEveryOverlap() {
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        var table = RangeLockTable()
        var model: [RangeLock] = []
        func randomKey() -> [UInt8] { (0..<Int.random(in: 1...2, using: &g)).map { _ in UInt8.random(in: 0...30, using: &g) } }
        for step in 0..<3000 {
            if Int.random(in: 0..<10, using: &g) < 7 {
                var (a, b) = (randomKey(), randomKey())
                if !a.lexicographicallyPrecedes(b) { swap(&a, &b) }
                if a == b { continue }
                let lock = RangeLock(lower: a, upper: b, owner: tx(UInt64.random(in: 1...8, using: &g)), mode: .shared)
                table.insert(lock)
                model.append(lock)
            } else {
                let owner = tx(UInt64.random(in: 1...8, using: &g))
                table.removeAll(of: owner)
                model.removeAll { $0.owner == owner }
            }
            #expect(table.isValid, "seed \(seed) step \(step)")
            let probe = randomKey()
            var found = 0
            _ = table.containsCovering(key: probe) { _ in found += 1; return false }
            let expected = model.filter { !probe.lexicographicallyPrecedes($0.lower) && probe.lexicographicallyPrecedes($0.upper) }.count
            #expect(found == expected, "seed \(seed) step \(step)")
            var (lo, hi) = (randomKey(), randomKey())
            if hi.lexicographicallyPrecedes(lo) { swap(&lo, &hi) }
            if lo != hi {
                var overlapping = 0
                _ = table.containsOverlapping(lower: lo, upper: hi) { _ in overlapping += 1; return false }
                let expectedOverlaps = model.filter { $0.lower.lexicographicallyPrecedes(hi) && lo.lexicographicallyPrecedes($0.upper) }.count
                #expect(overlapping == expectedOverlaps, "seed \(seed) step \(step)")
            }
        }
    }

    @Test func grantsMatchABruteForceModel() throws {
        // One thread, requests probed with a zero timeout: each is granted exactly when it
        // conflicts with no lock another owner holds, decided here by enumerating keys.
        let seed = testSeed()
        var g = SeededGenerator(seed: seed)
        let m = LockManager()
        var model: [(owner: TransactionID, target: LockTarget, mode: LockMode)] = []
        for step in 0..<4000 {
            let owner = tx(UInt64.random(in: 1...5, using: &g))
            if Int.random(in: 0..<12, using: &g) == 0 {
                m.releaseAll(owner: owner)
                model.removeAll { $0.owner == owner }
                continue
            }
            let (target, mode) = LockTracker.randomRequest(&g)
            let expected = !model.contains { $0.owner != owner && !($0.mode == .shared && mode == .shared) && LockTracker.overlap($0.target, target) }
            var granted = true
            do {
                try m.acquire(target, mode, owner: owner, timeout: .zero)
            } catch {
                #expect(error.code == .lockNotAvailable)
                granted = false
            }
            #expect(granted == expected, "seed \(seed) step \(step): \(owner) \(mode) \(target)")
            if granted {
                model.append((owner, target, mode))
                #expect(m.holds(target, mode, owner: owner), "seed \(seed) step \(step)")
            }
            if step % 100 == 0 { #expect(m.checkInvariants(), "seed \(seed) step \(step)") }
        }
    }

    // MARK: Many threads

    @Test func randomizedStressKeepsLocksExclusiveAndTerminates() {
        let seed = testSeed()
        let m = LockManager()
        let tracker = LockTracker()
        let threadCount = 8
        let transactionsPerThread = 150
        let group = DispatchGroup()
        for t in 0..<threadCount {
            group.enter()
            let thread = Thread {
                var g = SeededGenerator(seed: seed &+ UInt64(t) &* 0x9E37_79B9_7F4A_7C15)
                for n in 0..<transactionsPerThread {
                    let requests = (0..<Int.random(in: 1...5, using: &g)).map { _ in LockTracker.randomRequest(&g) }
                    var attempts = 0
                    while true {
                        attempts += 1
                        let owner = tracker.newOwner()
                        let failure = tracker.run(requests, owner: owner, on: m)
                        tracker.forget(owner)
                        m.releaseAll(owner: owner)
                        guard let failure else { break }
                        if failure.code == .deadlockDetected && attempts < 1000 {
                            // Two victims retrying at once can kill each other again and again
                            // (a livelock): back off for a random while, longer each time.
                            tracker.noteDeadlock()
                            usleep(UInt32.random(in: 0...UInt32(min(attempts, 20) * 200), using: &g))
                            continue
                        }
                        tracker.fail("thread \(t) transaction \(n): \(failure)")
                        break
                    }
                    if n % 25 == 0 && !m.checkInvariants() { tracker.fail("invariants broken") }
                }
                group.leave()
            }
            thread.start()
        }
        let finished = group.wait(timeout: .now() + 300) == .success
        #expect(finished, "seed \(seed): threads still running (a missed deadlock or wake-up)")
        let report = tracker.report
        #expect(report.failures.isEmpty, "seed \(seed): \(report.failures.prefix(5))")
        #expect(report.granted > threadCount * transactionsPerThread)
        #expect(m.counts == (lockedKeys: 0, rangeLocks: 0, waiters: 0))
        #expect(m.checkInvariants())
    }
}

/// An independent record of the locks the stress threads hold, checked on every grant with its
/// own overlap test (the standard library's byte order, not the manager's).
final class LockTracker: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var held: [(owner: TransactionID, target: LockTarget, mode: LockMode)] = []
    private var failures: [String] = []
    private var nextOwner: UInt64 = 1
    private var deadlocks = 0
    private var granted = 0

    static func randomRequest(_ g: inout SeededGenerator) -> (LockTarget, LockMode) {
        func randomKey() -> [UInt8] { (0..<Int.random(in: 1...2, using: &g)).map { _ in UInt8.random(in: 0...11, using: &g) } }
        let mode: LockMode = Bool.random(using: &g) ? .shared : .exclusive
        if Int.random(in: 0..<10, using: &g) < 7 { return (.key(randomKey()), mode) }
        var (a, b) = (randomKey(), randomKey())
        if b.lexicographicallyPrecedes(a) { swap(&a, &b) }
        return (.range(lower: a, upper: b), mode)
    }

    /// Whether `a` and `b` share a key, decided by counting: keys here have one or two bytes
    /// below 12, so every key is enumerable.
    static func overlap(_ a: LockTarget, _ b: LockTarget) -> Bool {
        func holds(_ t: LockTarget, _ k: [UInt8]) -> Bool {
            switch t {
            case .key(let x): return x == k
            case .range(let lower, let upper): return !k.lexicographicallyPrecedes(lower) && k.lexicographicallyPrecedes(upper)
            }
        }
        for x in UInt8(0)..<12 {
            if holds(a, [x]) && holds(b, [x]) { return true }
            for y in UInt8(0)..<12 where holds(a, [x, y]) && holds(b, [x, y]) { return true }
        }
        return false
    }

    func newOwner() -> TransactionID {
        lock.lock()
        defer { lock.unlock() }
        nextOwner += 1
        return TransactionID(nextOwner)
    }

    /// Runs one transaction's requests; returns the error that stopped it.
    func run(_ requests: [(LockTarget, LockMode)], owner: TransactionID, on m: LockManager) -> StrataError? {
        for (target, mode) in requests {
            do {
                try m.acquire(target, mode, owner: owner, timeout: .seconds(60))
            } catch {
                return error
            }
            note(owner, target, mode)
            sched_yield()
        }
        return nil
    }

    private func note(_ owner: TransactionID, _ target: LockTarget, _ mode: LockMode) {
        lock.lock()
        defer { lock.unlock() }
        granted += 1
        for h in held where h.owner != owner && !(h.mode == .shared && mode == .shared) && Self.overlap(h.target, target) {
            failures.append("\(owner) got \(mode) \(target) while \(h.owner) holds \(h.mode) \(h.target)")
        }
        held.append((owner, target, mode))
    }

    func forget(_ owner: TransactionID) {
        lock.lock()
        held.removeAll { $0.owner == owner }
        lock.unlock()
    }

    func noteDeadlock() {
        lock.lock()
        deadlocks += 1
        lock.unlock()
    }

    func fail(_ message: String) {
        lock.lock()
        failures.append(message)
        lock.unlock()
    }

    var report: (failures: [String], granted: Int, deadlocks: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (failures, granted, deadlocks)
    }
}
