// SerialGateTests: the gate that lets a SERIAL transaction run alone (Sources/StrataSQL/
// Transaction/SerialGate.swift; CONTRACT.md §4): shared owners together, an exclusive one alone,
// strict FIFO admission, timeouts and interrupts, and a randomized run of many threads. Entries
// that must block run on threads of their own; a test knows they block from the onWait hook and
// isWaiting, never from a sleep.

import Foundation
import StrataTestSupport
import Testing

@testable import StrataCore
@testable import StrataSQL

struct SerialGateTests {
    /// Starts `owner`'s entry on its own thread and returns once it blocks.
    private func blocked(
        _ gate: SerialGate, _ mode: LockMode, _ owner: TransactionID, timeout: Duration? = nil,
        interrupt: TestInterrupt? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Background {
        let call = Background { onWait throws(StrataError) in
            try gate.enter(mode, owner: owner, timeout: timeout, interrupt: { () throws(StrataError) in try interrupt?.check() }, onWait: onWait)
        }
        #expect(call.waitUntilBlocked(), "\(owner)'s \(mode) entry should wait", sourceLocation: sourceLocation)
        #expect(gate.isWaiting(owner: owner), sourceLocation: sourceLocation)
        return call
    }

    @Test func sharedOwnersAreInsideTogether() throws {
        let gate = SerialGate()
        for n in 1...5 { try gate.enter(.shared, owner: tx(UInt64(n)), timeout: .zero) }
        #expect(gate.counts == (inside: 5, waiters: 0))
        #expect(gate.mode(of: tx(3)) == .shared)
        for n in 1...5 { gate.leave(owner: tx(UInt64(n))) }
        #expect(gate.counts == (inside: 0, waiters: 0))
    }

    @Test func anExclusiveOwnerIsInsideAlone() throws {
        let gate = SerialGate()
        try gate.enter(.exclusive, owner: tx(1))
        let reader = blocked(gate, .shared, tx(2))
        let serial = blocked(gate, .exclusive, tx(3))
        gate.leave(owner: tx(1))
        #expect(succeeded(reader.finish()))
        #expect(gate.mode(of: tx(2)) == .shared)
        #expect(gate.isWaiting(owner: tx(3)))
        gate.leave(owner: tx(2))
        #expect(succeeded(serial.finish()))
        #expect(gate.mode(of: tx(3)) == .exclusive)
    }

    @Test func anExclusiveEntryWaitsForEverySharedOwner() throws {
        let gate = SerialGate()
        try gate.enter(.shared, owner: tx(1))
        try gate.enter(.shared, owner: tx(2))
        let serial = blocked(gate, .exclusive, tx(3))
        gate.leave(owner: tx(1))
        #expect(gate.isWaiting(owner: tx(3)))
        gate.leave(owner: tx(2))
        #expect(succeeded(serial.finish()))
    }

    @Test func aSharedEntryWaitsBehindAWaitingExclusiveOne() throws {
        let gate = SerialGate()
        try gate.enter(.shared, owner: tx(1))
        let serial = blocked(gate, .exclusive, tx(2))
        // Would fit with tx 1, but queues behind tx 2, so that SERIAL is not starved.
        let reader = blocked(gate, .shared, tx(3))
        gate.leave(owner: tx(1))
        #expect(succeeded(serial.finish()))
        #expect(gate.isWaiting(owner: tx(3)))
        gate.leave(owner: tx(2))
        #expect(succeeded(reader.finish()))
    }

    @Test func leavingAdmitsTheQueueHeadThenWhatFitsWithIt() throws {
        let gate = SerialGate()
        try gate.enter(.exclusive, owner: tx(1))
        let waiters = [
            blocked(gate, .shared, tx(2)), blocked(gate, .shared, tx(3)), blocked(gate, .exclusive, tx(4)),
            blocked(gate, .shared, tx(5)),
        ]
        gate.leave(owner: tx(1))
        // Both readers; the writer stops the queue, and the reader behind it waits for it.
        #expect((2...5).map { gate.isWaiting(owner: tx($0)) } == [false, false, true, true])
        gate.leave(owner: tx(2))
        gate.leave(owner: tx(3))
        #expect((4...5).map { gate.isWaiting(owner: tx($0)) } == [false, true])
        gate.leave(owner: tx(4))
        for w in waiters { #expect(succeeded(w.finish())) }
        gate.leave(owner: tx(5))
        #expect(gate.counts == (inside: 0, waiters: 0))
    }

    @Test func enteringAgainReturnsAtOnce() throws {
        let gate = SerialGate()
        try gate.enter(.shared, owner: tx(1))
        let serial = blocked(gate, .exclusive, tx(2))
        try gate.enter(.shared, owner: tx(1), timeout: .zero)
        gate.leave(owner: tx(1))
        #expect(succeeded(serial.finish()))
        try gate.enter(.shared, owner: tx(2), timeout: .zero)
        try gate.enter(.exclusive, owner: tx(2), timeout: .zero)
        #expect(gate.mode(of: tx(2)) == .exclusive)
        gate.leave(owner: tx(7))  // not inside: nothing
        #expect(gate.counts == (inside: 1, waiters: 0))
    }

    @Test func aTimedOutEntryFailsWith55P03() throws {
        let gate = SerialGate()
        try gate.enter(.exclusive, owner: tx(1))
        var waits = 0
        var caught: StrataError?
        let start = ContinuousClock.now
        do {
            try gate.enter(.shared, owner: tx(2), timeout: .milliseconds(80), onWait: { waits += 1 })
        } catch {
            caught = error
        }
        #expect(ContinuousClock.now - start >= .milliseconds(80))
        #expect(caught?.code == .lockNotAvailable)
        #expect(caught?.message.contains("lock timeout") == true)
        #expect(waits == 1)
        #expect(gate.mode(of: tx(2)) == nil)
        #expect(gate.counts == (inside: 1, waiters: 0))
    }

    @Test func anInterruptedEntryLeavesTheQueueAndAdmitsThoseBehind() throws {
        let gate = SerialGate()
        try gate.enter(.shared, owner: tx(1))
        let interrupt = TestInterrupt()
        let serial = blocked(gate, .exclusive, tx(2), interrupt: interrupt)
        let reader = blocked(gate, .shared, tx(3))
        #expect(interrupt.waitForChecks(2))
        interrupt.raise()
        #expect(failureCode(serial.finish()) == .queryCanceled)
        #expect(serial.waitCount == 1)
        #expect(gate.mode(of: tx(2)) == nil)
        #expect(succeeded(reader.finish()))
        #expect(gate.mode(of: tx(3)) == .shared)
    }

    @Test func randomizedStressKeepsSerialOwnersAlone() {
        let seed = testSeed()
        let gate = SerialGate()
        let lock = NSLock()
        nonisolated(unsafe) var insideShared = 0
        nonisolated(unsafe) var insideExclusive = 0
        nonisolated(unsafe) var failures: [String] = []
        nonisolated(unsafe) var nextOwner: UInt64 = 0
        let group = DispatchGroup()
        for t in 0..<8 {
            group.enter()
            let thread = Thread {
                var g = SeededGenerator(seed: seed &+ UInt64(t))
                for _ in 0..<300 {
                    let mode: LockMode = Int.random(in: 0..<10, using: &g) == 0 ? .exclusive : .shared
                    lock.lock()
                    nextOwner += 1
                    let owner = TransactionID(nextOwner)
                    lock.unlock()
                    do {
                        try gate.enter(mode, owner: owner, timeout: .seconds(60))
                    } catch {
                        lock.lock()
                        failures.append("\(owner): \(error)")
                        lock.unlock()
                        continue
                    }
                    lock.lock()
                    if mode == .exclusive { insideExclusive += 1 } else { insideShared += 1 }
                    if insideExclusive > 1 || (insideExclusive == 1 && insideShared > 0) {
                        failures.append("\(owner) entered \(mode) with \(insideExclusive) exclusive and \(insideShared) shared inside")
                    }
                    lock.unlock()
                    sched_yield()
                    lock.lock()
                    if mode == .exclusive { insideExclusive -= 1 } else { insideShared -= 1 }
                    lock.unlock()
                    gate.leave(owner: owner)
                }
                group.leave()
            }
            thread.start()
        }
        #expect(group.wait(timeout: .now() + 300) == .success, "seed \(seed)")
        lock.lock()
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(5))")
        lock.unlock()
        #expect(gate.counts == (inside: 0, waiters: 0))
    }
}
