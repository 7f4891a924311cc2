// LockWait: how a thread waits for a lock (LockManager) or for the serial gate (SerialGate): a
// wake-up slot of its own, and the loop that runs the interrupt check, enforces the lock timeout
// and withdraws the request when either fails.
//
// INVARIANTS
//   (1) A slot is granted only under its component's mutex, together with the grant itself; so,
//       under that mutex, a slot not yet granted belongs to a request still in the queue.
//   (2) `LockWait.wait` returns once the request is granted; when it throws, the request was not
//       granted and has left the queue (the component's `withdraw` removed it).
//   (3) A waiting thread runs `interrupt` before it first sleeps and at least every
//       `pollNanoseconds` after, and never spins: it sleeps on its slot's condition until the
//       grant, the end of the poll interval or the deadline, whichever comes first.
// CONCURRENCY  A slot's flag is guarded by the slot's own mutex. `grant` runs with the
//   component's mutex held, so the lock order is component, then slot; a waiting thread holds
//   only the slot's mutex while it sleeps.

import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One waiting request's wake-up: a flag and a condition to sleep on, owned by the waiting thread
/// and the component's queue entry. Made only for requests that wait, never on the fast path.
///
/// `@unchecked Sendable`: its only mutable state, `granted`, is read and written with `mutex` held.
final class WaitSlot: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var granted = false

    init() {
        pthread_mutex_init(mutex, nil)
        #if os(Linux)
        // Deadlines are on the monotonic clock, so a change of the wall clock cannot shorten or
        // stretch a lock wait.
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
        #else
        pthread_cond_init(condition, nil)
        #endif
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Marks the request granted and wakes its thread. Called with the component's mutex held.
    func grant() {
        pthread_mutex_lock(mutex)
        granted = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    var isGranted: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return granted
    }

    /// Sleeps until the request is granted or the monotonic clock reaches `deadline`
    /// (nanoseconds); returns whether it was granted.
    func sleep(until deadline: UInt64) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !granted {
            let now = monotonicNanoseconds()
            if now >= deadline { break }
            #if os(Linux)
            var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
            _ = pthread_cond_timedwait(condition, mutex, &time)
            #elseif canImport(Darwin)
            let left = deadline - now
            var time = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
            _ = pthread_cond_timedwait_relative_np(condition, mutex, &time)
            #endif
        }
        return granted
    }
}

/// The monotonic clock in nanoseconds (the clock `WaitSlot` deadlines are on).
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

enum LockWait {
    /// The longest a waiting thread sleeps between two interrupt checks: an interrupted statement
    /// stops within about this long even while it waits for a lock.
    static let pollNanoseconds: UInt64 = 50_000_000

    /// Blocks the calling thread until `slot` is granted.
    ///
    /// Calls `onWait` once, first; then runs `interrupt` before every sleep. When `interrupt`
    /// throws, or `timeout` has passed since the call, it calls `withdraw` (which, under the
    /// component's mutex, removes the request and admits the waiters behind it, or returns false
    /// if the request was granted meanwhile, in which case the wait succeeds) and throws.
    ///
    /// - Throws: the error `interrupt` throws; 55P03 `lock timeout` after `timeout`.
    static func wait(
        _ slot: WaitSlot, timeout: Duration?, waitingFor what: String,
        interrupt: () throws(StrataError) -> Void, onWait: () -> Void, withdraw: () -> Bool
    ) throws(StrataError) {
        onWait()
        let start = monotonicNanoseconds()
        let deadline = timeout.map { start &+ nanoseconds($0) }
        while true {
            if slot.isGranted { return }
            do {
                try interrupt()
            } catch {
                if withdraw() { throw error }
                return
            }
            let now = monotonicNanoseconds()
            var wake = now &+ pollNanoseconds
            if let deadline, let timeout {
                if now >= deadline {
                    if withdraw() { throw lockTimeout(timeout, waitingFor: what) }
                    return
                }
                wake = min(wake, deadline)
            }
            if slot.sleep(until: wake) { return }
        }
    }

    static func lockTimeout(_ timeout: Duration, waitingFor what: String) -> StrataError {
        let milliseconds = nanoseconds(timeout) / 1_000_000
        return StrataError(.lockNotAvailable, "lock timeout: waited \(milliseconds) ms for \(what)")
    }

    /// `duration` in whole nanoseconds, clamped to [0, UInt64.max / 2] (a timeout of centuries is no timeout).
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        if seconds >= 4_000_000_000 { return UInt64.max / 2 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
