// SerialGate: lets a SERIAL transaction run alone (CONTRACT.md §4). A SERIAL transaction holds
// the gate exclusively from BEGIN to its end; every other transaction, autocommit statements
// included, holds it shared from its first statement to its end. Docs/transactions.md ("The
// serial gate") says where the engine enters and leaves it.
//
// INVARIANTS
//   (1) Inside the gate at any moment: one exclusive owner and nobody else, or any number of
//       shared owners.
//   (2) Admission is strictly in arrival order: a request waits while any request is queued
//       ahead of it (so shared requests behind a waiting exclusive one wait, and a stream of
//       shared ones cannot starve it), and leaving admits the queue's head, then the next, while
//       each fits with those inside.
//   (3) No waiter is admissible after an operation (`admitWaiters` runs after every leave and
//       withdrawal).
//   (4) There is no upgrade: an owner inside shared cannot ask for exclusive. So no gate wait is
//       part of a deadlock, provided a transaction enters before it takes any lock and leaves
//       after releasing them all: whoever it waits for holds the gate and never waits for it.
// STATES of a request: inside already or admissible -> returns | queued -> admitted
//   (`admitWaiters`) or withdrawn (LockWait: timeout 55P03, interrupt).
// CONCURRENCY  All state lives under one pthread mutex (`Locked`, StrataCore); a waiting thread sleeps on its WaitSlot outside it.

import StrataCore

/// The gate SERIAL transactions hold exclusively and all others hold shared.
///
/// Complexity: `enter` and `leave` are O(1) hash operations without contention; with W waiting
/// requests a withdrawal is O(W), and `leave` admits k waiters in O(k) plus O(W) to find them.
package final class SerialGate: Sendable {
    private let state = Locked(State())

    package init() {}

    /// Enters the gate for `owner` in `mode`, waiting for those inside and those queued earlier.
    ///
    /// Returns at once if `owner` is inside already in `mode` or exclusively. While it waits it
    /// calls `onWait` once, just before it first blocks, and `interrupt` before sleeping and then
    /// at least every 50 ms.
    ///
    /// - Throws: 55P03 `lock timeout` once it has waited `timeout`; whatever `interrupt` throws
    ///   (the request is withdrawn). When it throws, `owner` is not inside.
    /// - Precondition: `owner` is not inside shared when asking for exclusive, and is not waiting.
    package func enter(
        _ mode: LockMode, owner: TransactionID, timeout: Duration? = nil,
        interrupt: () throws(StrataError) -> Void = {}, onWait: () -> Void = {}
    ) throws(StrataError) {
        guard let slot = state.withLock({ $0.request(mode, owner) }) else { return }
        try LockWait.wait(
            slot, timeout: timeout, waitingFor: "the serial gate", interrupt: interrupt, onWait: onWait,
            withdraw: { state.withLock { $0.withdraw(slot) } })
    }

    /// Leaves the gate (nothing if `owner` is not inside) and admits the waiters that now fit.
    package func leave(owner: TransactionID) {
        state.withLock { $0.leave(owner) }
    }

    /// Whether `owner` has a request waiting (callable from any thread).
    package func isWaiting(owner: TransactionID) -> Bool {
        state.withLock { s in s.queue.contains { $0.owner == owner } }
    }

    /// How `owner` is inside the gate, or nil if it is not.
    package func mode(of owner: TransactionID) -> LockMode? {
        state.withLock { s in
            if s.exclusive == owner { return .exclusive }
            return s.shared.contains(owner) ? .shared : nil
        }
    }

    /// How many are inside (shared or exclusive) and how many wait.
    package var counts: (inside: Int, waiters: Int) {
        state.withLock { ($0.shared.count + ($0.exclusive == nil ? 0 : 1), $0.queue.count) }
    }
}

extension SerialGate {
    struct Waiter {
        let owner: TransactionID
        let mode: LockMode
        let slot: WaitSlot
    }

    struct State {
        var shared: Set<TransactionID> = []
        var exclusive: TransactionID?
        var queue: [Waiter] = []

        /// Admits `owner` at once (nil) or queues it (its slot to wait on).
        mutating func request(_ mode: LockMode, _ owner: TransactionID) -> WaitSlot? {
            if exclusive == owner { return nil }
            if shared.contains(owner) {
                precondition(mode == .shared, "SerialGate: transaction \(owner) is inside shared and cannot become exclusive")
                return nil
            }
            precondition(!queue.contains { $0.owner == owner }, "SerialGate: transaction \(owner) enters while another of its requests waits")
            if queue.isEmpty && fits(mode) {
                admit(mode, owner)
                return nil
            }
            let slot = WaitSlot()
            queue.append(Waiter(owner: owner, mode: mode, slot: slot))
            return slot
        }

        func fits(_ mode: LockMode) -> Bool {
            exclusive == nil && (mode == .shared || shared.isEmpty)
        }

        mutating func admit(_ mode: LockMode, _ owner: TransactionID) {
            if mode == .exclusive { exclusive = owner } else { shared.insert(owner) }
        }

        mutating func leave(_ owner: TransactionID) {
            if exclusive == owner { exclusive = nil } else if shared.remove(owner) == nil { return }
            admitWaiters()
        }

        /// Removes a waiting request (timeout, interrupt); false if it was admitted meanwhile.
        mutating func withdraw(_ slot: WaitSlot) -> Bool {
            if slot.isGranted { return false }
            queue.removeAll { $0.slot === slot }
            admitWaiters()
            return true
        }

        /// Admits waiters from the head of the queue while each fits (invariant (2)).
        mutating func admitWaiters() {
            var admitted = 0
            while admitted < queue.count && fits(queue[admitted].mode) {
                admit(queue[admitted].mode, queue[admitted].owner)
                queue[admitted].slot.grant()
                admitted += 1
            }
            if admitted > 0 { queue.removeFirst(admitted) }
        }
    }
}
