// LockTestSupport: what LockManagerTests and SerialGateTests share: a call running on a thread of
// its own, which a test watches block (through the engine's onWait hook, never a timer) and
// finish; an interrupt flag; short names for keys, ranges and transactions.

import Foundation
import Synchronization
import Testing

@testable import StrataCore
@testable import StrataSQL

/// A blocking call (a lock request, entering the gate) run on its own thread.
final class Background: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waits = 0
    private var outcome: Result<Void, StrataError>?

    /// Starts `body` on a new thread; `body` passes the closure it is given as its `onWait`.
    init(_ body: @escaping @Sendable (_ onWait: () -> Void) throws(StrataError) -> Void) {
        let thread = Thread { [self] in
            let result: Result<Void, StrataError>
            do throws(StrataError) {
                try body { self.noteWait() }
                result = .success(())
            } catch {
                result = .failure(error)
            }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    private func noteWait() {
        condition.lock()
        waits += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the call has called onWait or has finished (30 s at most, a safety limit for a
    /// broken build); returns whether it called onWait.
    func waitUntilBlocked() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let limit = Date(timeIntervalSinceNow: 30)
        while waits == 0 && outcome == nil {
            if !condition.wait(until: limit) { break }
        }
        return waits > 0
    }

    /// Waits for the call to finish (30 s at most) and returns its outcome (nil: still running).
    func finish() -> Result<Void, StrataError>? {
        condition.lock()
        defer { condition.unlock() }
        let limit = Date(timeIntervalSinceNow: 30)
        while outcome == nil {
            if !condition.wait(until: limit) { break }
        }
        return outcome
    }

    /// How many times the call has called onWait.
    var waitCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return waits
    }
}

/// An interrupt a test raises; counts the checks and lets a test wait for the n-th one.
final class TestInterrupt: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var raised = false
    private var checks = 0

    func raise() {
        condition.lock()
        raised = true
        condition.unlock()
    }

    /// The check a waiting thread runs.
    func check() throws(StrataError) {
        condition.lock()
        defer { condition.unlock() }
        checks += 1
        condition.broadcast()
        if raised { throw StrataError(.queryCanceled, "interrupted") }
    }

    /// Waits until the check has run `count` times (30 s at most); returns whether it has.
    func waitForChecks(_ count: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let limit = Date(timeIntervalSinceNow: 30)
        while checks < count {
            if !condition.wait(until: limit) { break }
        }
        return checks >= count
    }

    var checkCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return checks
    }
}

func tx(_ n: UInt64) -> TransactionID { TransactionID(n) }
func key(_ bytes: UInt8...) -> LockTarget { .key(bytes) }
func range(_ lower: [UInt8], _ upper: [UInt8]) -> LockTarget { .range(lower: lower, upper: upper) }

/// The SQLSTATE a finished background call failed with (nil: it succeeded or has not finished).
func failureCode(_ outcome: Result<Void, StrataError>?) -> SQLState? {
    if case .failure(let error) = outcome { return error.code }
    return nil
}

func succeeded(_ outcome: Result<Void, StrataError>?) -> Bool {
    if case .success = outcome { return true }
    return false
}
