// InterruptFlag: one connection's request to stop the statement it is running, as
// sqlite3_interrupt does. Any thread may raise it (a signal-watching thread, say) while the
// connection's thread runs a statement; the statement's long loops read it and fail with
// 57014 "interrupted", which undoes that statement like any failed one.
//
// INVARIANTS
//   (1) The flag is cleared as each statement starts (SQLSession.run), so a raise while nothing
//       runs has no effect on later statements.
//   (2) Every loop whose length depends on the data (table decoding, joins, filters,
//       aggregation, sorting, recursive CTE rounds, per-row DML) reads the flag at least once
//       per row or round (`InterruptCheck`): one relaxed load through a plain pointer, with no
//       reference counting, so the check is free next to the work of a row. The flag lives on
//       the connection, not the thread: ThreadStack.withStack may run a statement on another
//       thread.

import StrataCore
import Synchronization

/// `@unchecked Sendable`: its only state is an `Atomic` at a fixed address, allocated with the
/// flag and freed with it.
package final class InterruptFlag: @unchecked Sendable {
    private let raised: UnsafeMutablePointer<Atomic<Bool>>

    package init() {
        raised = .allocate(capacity: 1)
        raised.initialize(to: Atomic(false))
    }

    deinit {
        raised.deinitialize(count: 1)
        raised.deallocate()
    }

    /// Asks the running statement, if any, to stop.
    package func raise() { raised.pointee.store(true, ordering: .relaxed) }

    /// Lowers the flag, so that the next statement given it runs (SQLSession.run clears its own
    /// at each statement; a flag handed to `ReadSnapshot` is cleared by whoever owns it).
    package func clear() { raised.pointee.store(false, ordering: .relaxed) }

    /// A check of this flag for a loop to keep: valid while the flag lives, which is as long as
    /// its connection (every statement's ExecutionSession holds it).
    var check: InterruptCheck { InterruptCheck(raised: UnsafePointer(raised)) }

    /// The error an interrupted statement fails with.
    static var error: StrataError { StrataError(.queryCanceled, "interrupted") }
}

/// Reads an `InterruptFlag` without retaining it.
struct InterruptCheck {
    let raised: UnsafePointer<Atomic<Bool>>

    /// Throws 57014 "interrupted" when the flag is raised.
    @inline(__always)
    func callAsFunction() throws(StrataError) {
        if raised.pointee.load(ordering: .relaxed) { throw InterruptFlag.error }
    }
}
