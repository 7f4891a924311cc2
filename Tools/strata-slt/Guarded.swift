// Guarded: a value behind a Foundation lock, for strata-slt's shared state (the suite's
// reports, an async statement's outcome).
//
// Tools use only Strata's public API (STYLE.md), so not the engine's `Locked`; and not
// `Synchronization.Mutex`, whose futex waits ThreadSanitizer cannot see on Linux (Tools/tsan.sh
// runs strata-slt's async records under it). NSLock is a pthread mutex, which it sees.
//
// INVARIANT  `value` is read and written only inside `withLock`, with `lock` held.

import Foundation

final class Guarded<Value>: @unchecked Sendable {  // the invariant makes every access exclusive
    private let lock = NSLock()
    private var value: Value

    init(_ value: sending Value) { self.value = value }

    /// Runs `body` with the lock held and the value to read or change in place (not reentrant).
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
