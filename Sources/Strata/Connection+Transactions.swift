// Transactions in closures: `transaction` commits when its closure returns, rolls back when it
// throws, and runs it again after a serialization failure or a deadlock (CONTRACT.md §4, §7);
// `savepoint` nests. The isolation levels and modes are those of CONTRACT.md §4
// (Docs/transactions.md explains each).
//
// The closures issue BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE and ROLLBACK TO on the
// connection, so a transaction opened here behaves exactly as one opened in SQL.

import StrataCore
import StrataSQL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The isolation level of a transaction (CONTRACT.md §4): which anomalies it prevents.
public enum IsolationLevel: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A new snapshot for each statement; writes take row locks. Prevents dirty writes and reads.
    case readCommitted
    /// The same as ``snapshot``.
    case repeatableRead
    /// Every statement reads the snapshot taken at the transaction's first statement; the first
    /// committer wins on a row both wrote. Write skew is possible.
    case snapshot
    /// As if the transactions ran one after another: every anomaly is prevented.
    case serializable

    /// The level as SQL spells it (`READ COMMITTED`).
    public var description: String {
        switch self {
        case .readCommitted: "READ COMMITTED"
        case .repeatableRead: "REPEATABLE READ"
        case .snapshot: "SNAPSHOT"
        case .serializable: "SERIALIZABLE"
        }
    }

    var settings: TransactionSettings.Isolation {
        switch self {
        case .readCommitted: .readCommitted
        case .repeatableRead: .repeatableRead
        case .snapshot: .snapshot
        case .serializable: .serializable
        }
    }

    init(_ s: TransactionSettings.Isolation) {
        switch s {
        case .readCommitted: self = .readCommitted
        case .repeatableRead: self = .repeatableRead
        case .snapshot: self = .snapshot
        case .serializable: self = .serializable
        }
    }
}

/// How a transaction's isolation is achieved (CONTRACT.md §4).
public enum ConcurrencyMode: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// No locks: conflicts are found at COMMIT, which then fails with a serialization failure.
    case optimistic
    /// Locks: a write (and, at SERIALIZABLE, a read) waits for the transactions that hold its
    /// rows; a deadlock fails one of them.
    case pessimistic
    /// The transaction runs alone: it waits until no other runs, and others wait for it.
    case serial

    /// The mode as SQL spells it (`OPTIMISTIC`).
    public var description: String {
        switch self {
        case .optimistic: "OPTIMISTIC"
        case .pessimistic: "PESSIMISTIC"
        case .serial: "SERIAL"
        }
    }

    var settings: TransactionSettings.Mode {
        switch self {
        case .optimistic: .optimistic
        case .pessimistic: .pessimistic
        case .serial: .serial
        }
    }

    init(_ s: TransactionSettings.Mode) {
        switch s {
        case .optimistic: self = .optimistic
        case .pessimistic: self = .pessimistic
        case .serial: self = .serial
        }
    }
}

/// How ``Connection/transaction(_:mode:retry:_:)`` runs a transaction again after a
/// serialization failure (40001) or a deadlock (40P01).
///
/// Before attempt n + 1 it sleeps a random time between zero and `min(initialDelay * 2^(n-1),
/// maximumDelay)` (full jitter), so transactions that collided spread out. A transaction that has
/// failed `runAloneAfter` times runs its later attempts in the SERIAL mode at its isolation level:
/// alone, so it cannot lose again however hot the rows it touches (optimistic transactions on one
/// hot row can otherwise keep losing to each other).
public struct RetryPolicy: Sendable, Hashable {
    /// Runs of the closure at most, the first included (1: never retry).
    public var maxAttempts: Int
    /// The ceiling of the first wait.
    public var initialDelay: Duration
    /// The ceiling of every wait.
    public var maximumDelay: Duration
    /// Failed attempts after which the transaction runs alone (SERIAL); nil never changes the mode.
    public var runAloneAfter: Int?

    /// Values out of range are brought into it: at least 1 attempt, delays from zero to
    /// ``longestDelay``, and `runAloneAfter` nil or at least 1.
    public init(maxAttempts: Int, initialDelay: Duration = .microseconds(100), maximumDelay: Duration = .milliseconds(100),
                runAloneAfter: Int? = 4) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = Self.clamped(initialDelay)
        self.maximumDelay = Self.clamped(maximumDelay)
        self.runAloneAfter = runAloneAfter.map { max(1, $0) }
    }

    /// The longest wait between two attempts: one minute (a longer one is taken as this).
    public static let longestDelay = Duration.seconds(60)

    static func clamped(_ d: Duration) -> Duration { min(max(d, .zero), longestDelay) }

    /// Up to 10 attempts, waits from 100 µs up to 100 ms, alone after 4 failures.
    public static let `default` = RetryPolicy(maxAttempts: 10)
    /// One attempt: the error reaches the caller.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// Sleeps before attempt `attempt + 1` (after `attempt` failed ones).
    func wait(after attempt: Int) {
        // Doubled from the initial delay, never past the maximum (the fields may have been set
        // out of range after init: clamped again).
        let maximum = Self.clamped(maximumDelay)
        var ceiling = Self.clamped(initialDelay)
        for _ in 1..<max(attempt, 1) where ceiling < maximum { ceiling = ceiling * 2 }
        ceiling = min(ceiling, maximum)
        let (seconds, attoseconds) = ceiling.components
        let micros = UInt64(seconds) * 1_000_000 + UInt64(attoseconds / 1_000_000_000_000)
        guard micros > 0 else { return }
        usleep(UInt32(min(UInt64.random(in: 0...micros), UInt64(UInt32.max))))
    }
}

extension Connection {
    /// Runs `body` in a transaction of `isolation` and `mode` (the connection's defaults for
    /// nil), commits it when `body` returns, and rolls it back when `body` throws.
    ///
    /// When the transaction fails with a serialization failure (40001) or a deadlock (40P01),
    /// in `body` or at COMMIT, it is rolled back and `body` runs again in a new transaction, as
    /// `retry` allows (after a few failures, alone: see ``RetryPolicy``); the last failure is thrown. So `body` may run more than once: it should
    /// do nothing but its database work (or undo what else it does when it throws).
    ///
    /// ```swift
    /// try connection.transaction(.serializable, mode: .optimistic) { tx in
    ///     let balance: Int = try tx.fetchOne("SELECT balance FROM accounts WHERE id = ?", [from])![0]
    ///     guard balance >= amount else { throw InsufficientFunds() }
    ///     try tx.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, from])
    ///     try tx.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", [amount, to])
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - isolation: the transaction's isolation level; nil takes the connection's default.
    ///   - mode: the transaction's concurrency mode; nil takes the connection's default.
    ///   - retry: how many times, and after what waits, `body` runs again.
    ///   - body: runs with this connection, inside the transaction. It must not end the
    ///     transaction itself (COMMIT or ROLLBACK in SQL): the call then fails with 25000
    ///     (``SQLState/invalidTransactionState``), whatever that SQL did standing.
    /// - Throws: ``SQLState/activeSQLTransaction`` if a transaction is already open on the
    ///   connection (nest with ``savepoint(_:)``); whatever `body` or COMMIT throws otherwise.
    public func transaction<T>(_ isolation: IsolationLevel? = nil, mode: ConcurrencyMode? = nil,
                               retry: RetryPolicy = .default, _ body: (Connection) throws -> T) throws -> T {
        if try withSession({ (s) throws(StrataError) in s.isInTransaction }) {
            throw StrataError(.activeSQLTransaction, "a transaction is already open on this connection; nest with savepoint(_:)")
        }
        var begin = "BEGIN"
        if let isolation { begin += " ISOLATION LEVEL \(isolation)" }
        var attempt = 0
        while true {
            attempt += 1
            let alone = retry.runAloneAfter.map { attempt > $0 } ?? false
            do {
                if alone {
                    try execute(begin + " SERIAL")
                } else {
                    try execute(mode.map { begin + " \($0)" } ?? begin)
                }
                let result: T
                do {
                    result = try body(self)
                } catch {
                    cutOffCursor()
                    rollBackQuietly()
                    throw error
                }
                // A cursor opened in the closure ends with it (RowCursor, invariant (2)).
                cutOffCursor()
                guard try withSession({ (s) throws(StrataError) in s.isInTransaction }) else {
                    throw StrataError(.invalidTransactionState, "the transaction was ended inside its closure; let transaction(_:mode:retry:_:) commit or roll it back")
                }
                try execute("COMMIT")
                return result
            } catch let error as StrataError where error.isRetryable && attempt < retry.maxAttempts {
                retryCount.wrappingAdd(1, ordering: .relaxed)
                databaseRetries.count.wrappingAdd(1, ordering: .relaxed)
                retry.wait(after: attempt)
                try withSession { (s) throws(StrataError) in s.awaitPublished() }
            }
        }
    }

    /// Runs `body` inside a savepoint: released (kept in the transaction) when `body` returns,
    /// rolled back to and released when it throws, leaving the transaction open. Savepoints nest.
    /// Outside a transaction, the savepoint is a transaction of the connection's defaults,
    /// committed when `body` returns (as SQL's SAVEPOINT outside BEGIN), without retries.
    ///
    /// ```swift
    /// try connection.transaction { tx in
    ///     try tx.execute("INSERT INTO log(msg) VALUES ('start')")
    ///     do {
    ///         try tx.savepoint { sp in try sp.execute("INSERT INTO users(id) VALUES (1)") }
    ///     } catch SQLState.uniqueViolation {
    ///         // only the savepoint's work is undone; the log row stays
    ///     }
    /// }
    /// ```
    public func savepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        let name = "strata_savepoint_\(savepointCounter.wrappingAdd(1, ordering: .relaxed).newValue)"
        // Whether the savepoint is the transaction (then it must not outlive this call).
        let began = try !withSession { (s) throws(StrataError) in s.isInTransaction }
        try execute("SAVEPOINT \(name)")
        let result: T
        do {
            result = try body(self)
        } catch {
            cutOffCursor()
            if began {
                rollBackQuietly()
            } else {
                // After an abort (serialization failure, deadlock) ROLLBACK TO fails: the
                // enclosing transaction is aborted, and its closure rolls it back and retries.
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
            }
            throw error
        }
        cutOffCursor()
        do {
            try execute("RELEASE \(name)")
        } catch {
            if began { rollBackQuietly() }
            throw error
        }
        return result
    }

    /// Rolls back the open transaction, if any, ignoring failures (the connection may be closed).
    func rollBackQuietly() {
        _ = try? withSession { (s) throws(StrataError) in s.rollbackAll() }
    }
}
