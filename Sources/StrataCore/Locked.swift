// Locked: a value guarded by a pthread mutex, the one lock type the engine uses for shared state
// (page cache shards, the storage engine's writer and versions, the transaction and lock
// managers, the serial gate, the committed catalog).
//
// Why not `Synchronization.Mutex`: on Linux it locks with futex system calls that
// ThreadSanitizer does not intercept, so TSan sees no happens-before edge between two critical
// sections and reports every access made under the lock as a data race (checked with Swift 6.3.1
// on a four-thread counter). The engine's concurrency tests must run clean under TSan
// (Tools/tsan.sh, Docs/transactions.md "Testing the concurrency"); the pthread calls are
// intercepted, so every report left is a real one.
//
// COST  Uncontended, a pthread lock and unlock costs about 6 ns here, Mutex's about 17 ns (Swift
// 6.3.1, x86-64 Linux). Contended, Mutex spins about 1,000 rounds, then sleeps on a
// priority-inheritance futex that hands the lock to the sleeper; `withLock` spins on trylock
// for about as long, then sleeps in pthread_mutex_lock, which lets a running thread take the lock
// first. A plain pthread lock (no spin) lost 10-20% in strata-bench concurrent-rw at 2 and 4
// threads with durability off; spinning, it is level with Mutex there, and about twice as fast
// at 8 threads on 2 cores, where Mutex's hand-offs to sleeping threads queue up.
//
// The interface is Mutex's: `withLock` hands the body the value `inout`, with typed throws, and
// the value and result are `sending`, so a non-Sendable value cannot escape the lock.
//
// INVARIANTS
//   (1) `value` is read and written only inside `withLock`, with `mutex` held.
//   (2) The lock is not recursive: a body must not call `withLock` on the same instance.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a pthread mutex, in place of `Synchronization.Mutex` (see the file's
/// header: ThreadSanitizer sees pthread locks, not Mutex's futex calls on Linux).
///
/// `@unchecked Sendable`: `value` is only reached through `withLock`, with `mutex` held, and it
/// goes in and out as `sending`, as with `Mutex`.
///
/// `@usableFromInline` on the class and its two properties lets `withLock` be `@inlinable`, so each
/// caller gets it specialized and inlined. Without the attribute on the class, Swift 6.3.1 calls
/// the unspecialized generic `withLock` from every other module (23 ns a lock and unlock, against
/// 6 ns inlined and 17 ns for `Mutex` in a loop on this machine).
@usableFromInline
package final class Locked<Value>: @unchecked Sendable {
    // Internal, not private, only so that the inlined `withLock` can reach them.
    @usableFromInline let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    // `@exclusivity(unchecked)`: the mutex already makes each access exclusive (1, 2); the runtime
    // check Swift adds to a class's `var` (swift_beginAccess, as Mutex does not) cost about 40
    // instructions a lock in strata-bench's point-select.
    @exclusivity(unchecked) @usableFromInline var value: Value

    package init(_ value: sending Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the lock held and the value to read or change in place.
    ///
    /// Blocks while another thread holds the lock. Not reentrant: `body` must not lock this
    /// instance again (it would deadlock).
    @inlinable
    package func withLock<Result, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        if pthread_mutex_trylock(mutex) != 0 { lockContended() }
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }

    /// How many times a contended `withLock` tries again before it sleeps in
    /// `pthread_mutex_lock`, about as long as Mutex spins (1,000 rounds of a load and a pause).
    private static var spinTries: Int { 2_000 }

    /// The lock is held by another thread: spins on `pthread_mutex_trylock` for a while (the
    /// engine's critical sections are short, and a futex sleep and wake-up cost more), then blocks.
    @usableFromInline
    func lockContended() {
        for _ in 0..<Self.spinTries where pthread_mutex_trylock(mutex) == 0 { return }
        pthread_mutex_lock(mutex)
    }
}
