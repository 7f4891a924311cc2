// Engine hooks that the tools and tests need and applications do not (STYLE.md: `package`, not
// public).

import StrataCore
import StrataSQL

extension Connection {
    /// Calls `observer`, on the thread running the statement, each time a statement of this
    /// connection starts to wait: for a lock another transaction holds, or for the serial gate
    /// (CONTRACT.md §4). strata-slt's `statement async` records learn from it that a statement
    /// waits (CONTRACT.md §3). nil calls nothing.
    package func observeWaits(_ observer: (@Sendable () -> Void)?) throws {
        try withSession { (s) throws(StrataError) in s.waitObserver = observer }
    }
}
