// Transactions that wait (CONTRACT.md §4): strict two-phase locking (SERIALIZABLE PESSIMISTIC),
// SNAPSHOT PESSIMISTIC's write locks, READ COMMITTED's re-check of a row that changed, the serial
// gate, deadlocks and the lock timeout. A statement that must wait runs on its own thread; the
// test learns that it waits from `Connection.onWait` (never from a timer).

import Dispatch
import Foundation
import Strata
import class StrataCore.Locked  // not Mutex, whose futex waits ThreadSanitizer cannot see (Tools/tsan.sh)
import Testing

/// A connection handed to one other thread at a time (the test never uses it meanwhile).
final class Handoff: @unchecked Sendable {
    let connection: Connection
    init(_ c: Connection) { connection = c }
}

/// A statement running on its own thread.
final class Running: Sendable {
    private let waited = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let outcome = Locked<Result<[[Value]], StrataError>?>(nil)

    /// Starts `sql` on `c` and returns once it waits for a lock or the gate, or has finished.
    init(_ c: Connection, _ sql: String) {
        let handoff = Handoff(c)
        let waited = self.waited
        try! c.observeWaits { waited.signal() }  // a fresh connection, idle: cannot fail
        Thread { [self] in
            let r: Result<[[Value]], StrataError>
            do { r = .success(try handoff.connection.query(sql).rows) } catch let e as StrataError { r = .failure(e) } catch {
                r = .failure(StrataError(.internalError, "\(error)"))
            }
            outcome.withLock { $0 = r }
            done.signal()
            waited.signal()
        }.start()
        waited.wait()
    }

    /// Whether it is still running (it waits).
    var isWaiting: Bool { outcome.withLock { $0 == nil } }

    /// Waits for the end and returns its rows or error.
    func result() -> Result<[[Value]], StrataError> {
        done.wait()
        done.signal()
        return outcome.withLock { $0! }
    }
}

@Suite struct LockingTransactionTests {
    func database() throws -> TemporaryDatabase {
        let db = try TemporaryDatabase()
        try db.database.connection().execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 10), (2, 20);")
        return db
    }

    func value(_ c: Connection, _ sql: String) throws -> Value? { try c.query(sql).rows.first?.first }

    func code(_ r: Result<[[Value]], StrataError>) -> SQLState? {
        if case .failure(let e) = r { return e.code }
        return nil
    }

    @Test func aSharedLockMakesAWriterWaitUntilCommit() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC")
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(10))
        try b.execute("SET default_concurrency = 'PESSIMISTIC'")
        let update = Running(b, "UPDATE t SET v = v + 1 WHERE id = 1")
        #expect(update.isWaiting)
        // A row the reader did not read is free.
        try db.database.connection().execute("UPDATE t SET v = 21 WHERE id = 2")
        try a.execute("COMMIT")
        #expect(code(update.result()) == nil)
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(11))
    }

    @Test func anOptimisticCommitWaitsForALockingReader() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC")
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(10))
        // b is SERIALIZABLE OPTIMISTIC (the default): its COMMIT locks what it writes, so it
        // waits for a's shared lock instead of changing the row under a.
        let write = Running(b, "UPDATE t SET v = 99 WHERE id = 1")
        #expect(write.isWaiting)
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(10))
        try a.execute("COMMIT")
        #expect(code(write.result()) == nil)
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(99))
    }

    @Test func aScanLocksItsRangeSoAnInsertIntoItWaits() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC")
        #expect(try value(a, "SELECT count(*) FROM t WHERE id BETWEEN 1 AND 10") == .integer(2))
        try b.execute("SET default_concurrency = 'PESSIMISTIC'")
        let insert = Running(b, "INSERT INTO t VALUES (5, 50)")
        #expect(insert.isWaiting)
        #expect(try value(a, "SELECT count(*) FROM t WHERE id BETWEEN 1 AND 10") == .integer(2))
        try a.execute("COMMIT")
        #expect(code(insert.result()) == nil)
        #expect(try value(a, "SELECT count(*) FROM t") == .integer(3))
    }

    @Test func twoTransactionsWaitingForEachOtherMakeTheCloserTheVictim() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC")
        try b.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC")
        try a.execute("UPDATE t SET v = 11 WHERE id = 1")
        try b.execute("UPDATE t SET v = 22 WHERE id = 2")
        let aWaits = Running(a, "UPDATE t SET v = 12 WHERE id = 2")
        #expect(aWaits.isWaiting)
        do {
            try b.execute("UPDATE t SET v = 23 WHERE id = 1")
            Issue.record("expected a deadlock")
        } catch let e as StrataError {
            #expect(e.code == .deadlockDetected)
            #expect(e.message.contains("deadlock detected"))
        }
        // b is aborted: statements fail until ROLLBACK; its locks are already free, so a goes on.
        #expect(code(aWaits.result()) == nil)
        #expect(throws: StrataError.self) { try b.execute("SELECT 1") }
        do { try b.execute("SELECT 1") } catch let e as StrataError { #expect(e.code == .inFailedTransaction) }
        try b.execute("ROLLBACK")
        try a.execute("COMMIT")
        #expect(try db.database.connection().query("SELECT v FROM t ORDER BY id").rows == [[.integer(11)], [.integer(12)]])
    }

    @Test func aLockTimeoutFailsTheStatementOnly() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL SNAPSHOT PESSIMISTIC")
        try a.execute("UPDATE t SET v = 11 WHERE id = 1")
        try b.execute("SET lock_timeout = 50")
        try b.execute("BEGIN ISOLATION LEVEL SNAPSHOT PESSIMISTIC")
        try b.execute("UPDATE t SET v = 21 WHERE id = 2")
        do {
            try b.execute("UPDATE t SET v = 12 WHERE id = 1")
            Issue.record("expected a lock timeout")
        } catch let e as StrataError {
            #expect(e.code == .lockNotAvailable)
            #expect(e.message.contains("lock timeout"))
        }
        // Only that statement failed: b's transaction goes on and commits its other change.
        try b.execute("COMMIT")
        try a.execute("COMMIT")
        #expect(try db.database.connection().query("SELECT v FROM t ORDER BY id").rows == [[.integer(11)], [.integer(21)]])
    }

    @Test func snapshotPessimisticFailsAWriteToARowCommittedAfterItsSnapshot() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        // At once, when the row was committed before the write.
        try a.execute("BEGIN ISOLATION LEVEL SNAPSHOT PESSIMISTIC")
        _ = try a.query("SELECT v FROM t WHERE id = 1")
        try b.execute("UPDATE t SET v = 11 WHERE id = 1")
        #expect(throws: StrataError.self) { try a.execute("UPDATE t SET v = 99 WHERE id = 1") }
        #expect(throws: StrataError.self) { try a.execute("SELECT 1") }
        try a.execute("ROLLBACK")
        // After waiting: fails if the holder committed, goes on if it rolled back.
        for holderCommits in [true, false] {
            try a.execute("BEGIN ISOLATION LEVEL SNAPSHOT PESSIMISTIC")
            _ = try a.query("SELECT v FROM t WHERE id = 2")
            try b.execute("BEGIN ISOLATION LEVEL SNAPSHOT PESSIMISTIC")
            try b.execute("UPDATE t SET v = v + 1 WHERE id = 2")
            let write = Running(a, "UPDATE t SET v = v + 100 WHERE id = 2")
            #expect(write.isWaiting)
            try b.execute(holderCommits ? "COMMIT" : "ROLLBACK")
            if holderCommits {
                #expect(code(write.result()) == .serializationFailure)
                try a.execute("ROLLBACK")
            } else {
                #expect(code(write.result()) == nil)
                try a.execute("COMMIT")
            }
        }
        #expect(try value(a, "SELECT v FROM t WHERE id = 2") == .integer(121))
    }

    @Test func readCommittedReChecksARowThatChangedWhileItWaited() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try b.execute("SET default_isolation = 'READ COMMITTED'")
        try a.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        try a.execute("UPDATE t SET v = v + 1 WHERE id = 1")
        // An increment waits, then adds to the newest value: no update is lost.
        let increment = Running(b, "UPDATE t SET v = v + 1 WHERE id = 1")
        #expect(increment.isWaiting)
        try a.execute("COMMIT")
        #expect(code(increment.result()) == nil)
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(12))
        // A row that no longer matches the WHERE after the wait is skipped.
        try a.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        try a.execute("UPDATE t SET v = 30 WHERE id = 2")
        let conditional = Running(b, "UPDATE t SET v = 0 WHERE v = 20")
        #expect(conditional.isWaiting)
        try a.execute("COMMIT")
        #expect(code(conditional.result()) == nil)
        #expect(try value(a, "SELECT v FROM t WHERE id = 2") == .integer(30))
        // Each statement reads a new snapshot.
        try a.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        #expect(try value(a, "SELECT v FROM t WHERE id = 2") == .integer(30))
        try b.execute("UPDATE t SET v = 31 WHERE id = 2")
        #expect(try value(a, "SELECT v FROM t WHERE id = 2") == .integer(31))
        try a.execute("COMMIT")
    }

    @Test func aSerialTransactionRunsAlone() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        let c = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE SERIAL")
        // An autocommit statement waits at the gate until the serial transaction ends.
        let write = Running(b, "UPDATE t SET v = 0 WHERE id = 1")
        #expect(write.isWaiting)
        try a.execute("UPDATE t SET v = 11 WHERE id = 1")
        try a.execute("COMMIT")
        #expect(code(write.result()) == nil)
        // A SERIAL BEGIN waits for a transaction already running.
        try c.execute("BEGIN")
        _ = try c.query("SELECT 1")
        let serial = Running(a, "BEGIN SERIAL")
        #expect(serial.isWaiting)
        try c.execute("COMMIT")
        #expect(code(serial.result()) == nil)
        try a.execute("COMMIT")
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(0))
    }
}

@Suite struct RowLockClauseTests {
    func database() throws -> TemporaryDatabase {
        let db = try TemporaryDatabase()
        try db.database.connection().execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 10), (2, 20);")
        return db
    }

    func code(_ r: Result<[[Value]], StrataError>) -> SQLState? {
        if case .failure(let e) = r { return e.code }
        return nil
    }

    /// Under strict two-phase locking, FOR UPDATE locks its rows exclusively as it reads them: read
    /// then write transactions on one hot row queue up instead of deadlocking on lock upgrades
    /// (with a shared lock first, most of them deadlocked).
    @Test func forUpdateReadsDoNotDeadlockOnUpgrades() throws {
        let db = try database()
        let database = db.database
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let c = database.connection()
            for _ in 0..<40 {
                do {
                    try c.transaction(.serializable, mode: .pessimistic, retry: .never) { tx in
                        let v: Int = try #require(try tx.fetchOne("SELECT v FROM t WHERE id = 1 FOR UPDATE")?[0])
                        try tx.execute("UPDATE t SET v = ? WHERE id = 1", [v + 1])
                    }
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(try db.database.connection().fetchOne("SELECT v FROM t WHERE id = 1")?[0] as Int? == 10 + 160)
    }

    @Test func forUpdateMakesAPessimisticWriterWait() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL SNAPSHOT PESSIMISTIC")
        #expect(try a.query("SELECT v FROM t WHERE id = 1 FOR UPDATE").rows == [[.integer(10)]])
        try b.execute("SET default_concurrency = 'PESSIMISTIC'")
        let write = Running(b, "UPDATE t SET v = 0 WHERE id = 1")
        #expect(write.isWaiting)
        // The other row is not marked.
        try db.database.connection().execute("UPDATE t SET v = 21 WHERE id = 2")
        try a.execute("UPDATE t SET v = 11 WHERE id = 1")
        try a.execute("COMMIT")
        // b (SERIALIZABLE PESSIMISTIC) waited for a, then reads the newest row and goes on.
        #expect(code(write.result()) == nil)
        #expect(try a.query("SELECT v FROM t WHERE id = 1").rows == [[.integer(0)]])
        // Under SNAPSHOT PESSIMISTIC the waiter fails when the holder committed a change to the row.
        try a.execute("BEGIN ISOLATION LEVEL SNAPSHOT PESSIMISTIC")
        _ = try a.query("SELECT v FROM t WHERE id = 1 FOR UPDATE")
        // (In autocommit the statement would run again by itself and succeed.)
        try b.execute("BEGIN ISOLATION LEVEL SNAPSHOT PESSIMISTIC")
        let snapshotWrite = Running(b, "UPDATE t SET v = 5 WHERE id = 1")
        #expect(snapshotWrite.isWaiting)
        try a.execute("UPDATE t SET v = 12 WHERE id = 1")
        try a.execute("COMMIT")
        #expect(code(snapshotWrite.result()) == .serializationFailure)
        try b.execute("ROLLBACK")
    }

    @Test func forShareUnderReadCommittedMakesAWriterWait() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        #expect(try a.query("SELECT v FROM t WHERE id = 2 FOR SHARE").rows == [[.integer(20)]])
        try b.execute("SET default_isolation = 'READ COMMITTED'")
        let write = Running(b, "UPDATE t SET v = v + 1 WHERE id = 2")
        #expect(write.isWaiting)
        try a.execute("COMMIT")
        #expect(code(write.result()) == nil)
        #expect(try a.query("SELECT v FROM t WHERE id = 2").rows == [[.integer(21)]])
    }

    @Test(arguments: ["SNAPSHOT", "SERIALIZABLE"])
    func optimisticForUpdateAndForShareFailAtCommitWhenTheRowChanged(_ level: String) throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        for clause in ["FOR UPDATE", "FOR SHARE"] {
            try a.execute("BEGIN ISOLATION LEVEL \(level) OPTIMISTIC")
            _ = try a.query("SELECT v FROM t WHERE id = 1 \(clause)")
            try b.execute("UPDATE t SET v = v + 1 WHERE id = 1")
            // Nothing written by a, but the marked row changed after its snapshot.
            #expect(throws: StrataError.self) { try a.execute("COMMIT") }
            #expect(!a.isInTransaction)
            // Unchanged, it commits.
            try a.execute("BEGIN ISOLATION LEVEL \(level) OPTIMISTIC")
            _ = try a.query("SELECT v FROM t WHERE id = 1 \(clause)")
            try b.execute("UPDATE t SET v = v + 1 WHERE id = 2")
            try a.execute("COMMIT")
        }
        // Two FOR UPDATE of one row: the first to commit wins.
        try a.execute("BEGIN ISOLATION LEVEL \(level) OPTIMISTIC")
        try b.execute("BEGIN ISOLATION LEVEL \(level) OPTIMISTIC")
        _ = try a.query("SELECT v FROM t WHERE id = 1 FOR UPDATE")
        _ = try b.query("SELECT v FROM t WHERE id = 1 FOR UPDATE")
        try a.execute("COMMIT")
        #expect(throws: StrataError.self) { try b.execute("COMMIT") }
    }

    @Test func forUpdateNeedsASimpleQuery() throws {
        let db = try database()
        let a = db.database.connection()
        for sql in ["SELECT count(*) FROM t FOR UPDATE", "SELECT DISTINCT v FROM t FOR SHARE",
                    "SELECT * FROM t AS x JOIN t AS y ON x.id = y.id FOR UPDATE", "SELECT 1 FOR UPDATE"] {
            do {
                _ = try a.query(sql)
                Issue.record("expected an error for \(sql)")
            } catch let e as StrataError {
                #expect(e.code == .featureNotSupported)
                #expect(e.message.contains("needs a SELECT from one table"))
            }
        }
    }
}
