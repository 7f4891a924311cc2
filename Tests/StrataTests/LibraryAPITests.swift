// The embedded API's contract (CONTRACT.md §7, issue 7): typed rows, arguments, a connection's
// one-call-at-a-time rule, closing, options, and transactions in closures with retries. Each
// misuse must end in a StrataError with its SQLSTATE, never a crash.

import Dispatch
import Foundation
import Strata
import Testing

@Suite struct RowAccessTests {
    let c: Connection

    init() throws {
        c = try Database.inMemory().connection()
        try c.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n)")
        try c.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [7, 2.5, "seven", [UInt8]([1, 2]), nil])
    }

    func row() throws -> Row { try #require(try c.fetchOne("SELECT i, r, s, b, n, 3.0 AS whole FROM t")) }

    @Test func typedReadsByIndexAndName() throws {
        let row = try row()
        #expect(try row[0] as Int == 7)
        #expect(try row["I"] as Int64 == 7)  // names match without regard to case
        #expect(try row["r"] as Double == 2.5)
        #expect(try row["i"] as Double == 7)  // an integer reads as a floating-point number
        #expect(try row["whole"] as Int8 == 3)  // a whole REAL reads as an integer
        #expect(try row["s"] as String == "seven")
        #expect(try row["b"] as [UInt8] == [1, 2])
        #expect(try row["n"] as String? == nil)
        #expect(try row["s"] as String? == "seven")
        #expect(try row["n"] as Value == .null)
        #expect(row.count == 6 && row[2] == .text("seven"))
        #expect(row.columns.names == ["i", "r", "s", "b", "n", "whole"])
        #expect(row.value(named: "S") == .text("seven") && row.value(named: "x") == nil)
    }

    @Test(arguments: [
        ("s", "42804", "column s holds text 'seven', not an integer (Int)"),
        ("n", "22004", "column n is NULL; read it as an Optional"),
        ("r", "22003", "column r holds 2.5, which is not a whole number (Int)"),
        ("nope", "42703", "no column named nope in the row; its columns are i, r, s, b, n, whole"),
    ])
    func wrongReadsAreErrorsNamingTheColumn(column: String, code: String, message: String) throws {
        let row = try row()
        let error = #expect(throws: StrataError.self) { try row[column] as Int }
        #expect(error?.code == SQLState(code))
        #expect(error?.message == message)
    }

    /// Names are found the same way in narrow rows (a scan) and wide ones (a dictionary): without
    /// regard to ASCII case, the first of equal names.
    @Test(arguments: [3, 20])
    func namesMatchTheFirstColumnWithoutCase(width: Int) throws {
        let columns = (1...width).map { "\($0) AS Col\($0)" } + ["0 AS col2", "'x' AS \"Ünï\""]
        let row = try #require(try c.fetchOne("SELECT " + columns.joined(separator: ", ")))
        #expect(try row["COL2"] as Int == 2)
        #expect(try row["col\(width)"] as Int == width)
        #expect(try row["Ünï"] as String == "x")
        #expect(row.value(named: "ünï") == nil)  // only ASCII letters fold
        #expect(!row.hasColumn("col\(width + 1)"))
    }

    @Test func misusedConstructorsAreErrorsNotCrashes() throws {
        let error = #expect(throws: StrataError.self) { try Row(columns: ["a", "b"], values: [.integer(1)]) }
        #expect(error?.code == .invalidParameterValue)
        let policy = RetryPolicy(maxAttempts: 0, initialDelay: .seconds(-1), maximumDelay: .seconds(-1), runAloneAfter: -3)
        #expect(policy == RetryPolicy(maxAttempts: 1, initialDelay: .zero, maximumDelay: .zero, runAloneAfter: 1))
    }

    @Test func outOfRangeAndBadIndexes() throws {
        let row = try #require(try c.fetchOne("SELECT 300, -1"))
        #expect((#expect(throws: StrataError.self) { try row[0] as Int8 })?.code == .numericValueOutOfRange)
        #expect((#expect(throws: StrataError.self) { try row[1] as UInt8 })?.code == .numericValueOutOfRange)
        #expect((#expect(throws: StrataError.self) { try row[2] as Int })?.code == .arraySubscriptError)
        #expect((#expect(throws: StrataError.self) { try row[-1] as Int })?.code == .arraySubscriptError)
        #expect(try row[1] as Int16 == -1)
    }

    @Test func argumentsByPositionAndName() throws {
        try c.execute("DELETE FROM t")
        let insert = try c.prepare("INSERT INTO t(i, s, n) VALUES (:i, $s, @n)")
        try insert.execute(["i": 1, "$s": "one", "@n": nil])
        try insert.execute(StatementArguments(named: ["i": 2, "s": "two", "n": 2.5]))
        let rows = try c.fetchAll("SELECT i, s, n FROM t ORDER BY i")
        #expect(rows.map(\.values) == [[.integer(1), .text("one"), .null], [.integer(2), .text("two"), .real(2.5)]])
        let byIndex = try c.prepare("SELECT ?2, ?1")
        #expect(try byIndex.fetchOne(["a", true])?.values == [.integer(1), .text("a")])
    }

    @Test(arguments: [
        (["i": 1, "s": "x"] as StatementArguments, "no value for parameter :n"),
        (["i": 1, "s": "x", "n": 1, "extra": 2] as StatementArguments, "no parameter named extra"),
        (["i": 1, ":i": 2, "s": "x", "n": 1] as StatementArguments, "two values for parameter :i"),
        (StatementArguments([1, 2, 3, 4]), "statement has 3 parameters but 4 values were given"),
        (StatementArguments([1, 2]), "statement has 3 parameters but 2 values were given"),
    ])
    func badArgumentsAre22023(arguments: StatementArguments, message: String) throws {
        let insert = try c.prepare("INSERT INTO t(i, s, n) VALUES (:i, :s, :n)")
        let error = #expect(throws: StrataError.self) { try insert.execute(arguments) }
        #expect(error?.code == .invalidParameterValue)
        #expect(error?.message == message)
        #expect(try c.fetchAll("SELECT * FROM t").count == 1)
    }

    @Test func namedArgumentsNeedNamedParameters() throws {
        let error = #expect(throws: StrataError.self) { try c.execute("SELECT ?, :a", ["a": 1]) }
        #expect(error?.code == .invalidParameterValue)
        #expect(error?.message == "parameter 1 has no name; bind it by position")
    }
}

@Suite struct ConnectionUseTests {
    /// A database with one row, and a statement of `holder`'s waiting for `blocker`'s lock on it.
    func waitingStatement() throws -> (db: TemporaryDatabase, blocker: Connection, holder: Connection, running: Running) {
        let db = try TemporaryDatabase()
        let blocker = db.database.connection()
        try blocker.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 10)")
        try blocker.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC")
        try blocker.execute("UPDATE t SET v = 11 WHERE id = 1")
        let holder = db.database.connection()
        try holder.setDefaults(mode: .pessimistic)
        let running = Running(holder, "UPDATE t SET v = v + 100 WHERE id = 1")
        #expect(running.isWaiting)
        return (db, blocker, holder, running)
    }

    @Test func aSecondThreadIsRefusedWhileACallRuns() throws {
        let (db, blocker, holder, running) = try waitingStatement()
        // The holder's statement is waiting for the lock on another thread: the connection is busy.
        for attempt in [{ try holder.execute("SELECT 1") }, { _ = try holder.prepare("SELECT 1") },
                        { try holder.setDefaults(isolation: .snapshot) }, { try holder.close() }] {
            let error = #expect(throws: StrataError.self) { try attempt() }
            #expect(error?.code == .objectInUse)
        }
        // The database cannot close under the running statement either.
        #expect((#expect(throws: StrataError.self) { try db.database.close() })?.code == .objectInUse)
        try blocker.execute("COMMIT")
        if case .failure(let e) = running.result() { Issue.record("the waiting update failed: \(e)") }
        #expect(try holder.fetchOne("SELECT v FROM t")?[0] as Int? == 111)
    }

    @Test func aCallbackCannotReenterItsConnection() throws {
        let c = try Database.inMemory().connection()
        var inner: StrataError?
        try c.executeScript("SELECT 1; SELECT 2;", stopOnError: true, onRows: { _ in
            do { try c.execute("SELECT 3") } catch let e as StrataError { inner = e }
        }, onError: { _ in })
        #expect(inner?.code == .objectInUse)
        #expect(try c.fetchOne("SELECT 4")?[0] as Int? == 4)
    }

    @Test func closingAConnectionRollsBackAndEndsIt() throws {
        let db = try TemporaryDatabase()
        let a = db.database.connection()
        try a.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 10)")
        let select = try a.prepare("SELECT v FROM t")
        try a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC")
        try a.execute("UPDATE t SET v = 99")
        #expect(a.isInTransaction)
        try a.close()
        try a.close()  // again: nothing
        #expect(a.isClosed && !a.isInTransaction)
        for attempt in [{ try a.execute("SELECT 1") }, { _ = try select.fetchAll() }, { _ = try a.defaultIsolation }] {
            let error = #expect(throws: StrataError.self) { try attempt() }
            #expect(error?.code == .connectionDoesNotExist)
            #expect(error?.message == "the connection is closed")
        }
        // The update is gone and its lock with it: another connection writes the row at once.
        let b = db.database.connection()
        try b.setLockTimeout(.seconds(5))
        try b.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC; UPDATE t SET v = v + 1; COMMIT")
        #expect(try b.fetchOne("SELECT v FROM t")?[0] as Int? == 11)
    }

    @Test func closingTheDatabaseWaitsForTransactionsAndEndsEveryHandle() throws {
        let db = try TemporaryDatabase()
        let a = db.database.connection()
        try a.execute("CREATE TABLE t(v); INSERT INTO t VALUES (1)")
        let select = try a.prepare("SELECT count(*) FROM t")
        try a.execute("BEGIN; INSERT INTO t VALUES (2)")
        let refused = #expect(throws: StrataError.self) { try db.database.close() }
        #expect(refused?.code == .objectInUse)
        #expect(!db.database.isClosed)
        try a.execute("COMMIT")
        try db.database.close()
        try db.database.close()
        #expect(db.database.isClosed)
        for attempt in [{ try a.execute("SELECT 1") }, { _ = try select.fetchAll() },
                        { try db.database.connection().execute("SELECT 1") },
                        { try db.database.transaction { _ in } }] {
            let error = #expect(throws: StrataError.self) { try attempt() }
            #expect(error?.code == .connectionDoesNotExist)
        }
        // Nothing was lost.
        let reopened = try Database(path: db.path)
        #expect(try reopened.connection().fetchOne("SELECT count(*) FROM t")?[0] as Int? == 2)
        try reopened.close()
    }

    @Test func connectionsAndStatementsMoveBetweenTasks() async throws {
        let db = try Database.inMemory()
        let c = db.connection()
        try c.execute("CREATE TABLE t(v)")
        let insert = try c.prepare("INSERT INTO t VALUES (?)")
        try await Task.detached { try insert.execute([1]) }.value
        let n = try await Task.detached { try c.fetchOne("SELECT count(*) FROM t")?[0] as Int? }.value
        #expect(n == 1)
    }
}

@Suite struct DatabaseOptionsTests {
    @Test func connectionsStartWithTheDatabaseDefaults() throws {
        var options = Database.Options()
        options.defaultIsolation = .snapshot
        options.defaultMode = .pessimistic
        options.lockTimeout = .milliseconds(50)
        options.synchronous = .normal
        let db = try TemporaryDatabase(options: options)
        let a = db.database.connection()
        #expect(try a.defaultIsolation == .snapshot)
        #expect(try a.defaultMode == .pessimistic)
        #expect(try a.lockTimeout == .milliseconds(50))
        try a.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v); INSERT INTO t VALUES (1, 0)")
        // Pessimistic by default: the second writer waits, and the timeout ends the wait.
        try a.execute("BEGIN; UPDATE t SET v = 1")
        let b = db.database.connection()
        let error = #expect(throws: StrataError.self) { try b.execute("UPDATE t SET v = 2") }
        #expect(error?.code == .lockNotAvailable)
        try a.execute("COMMIT")
        try b.setDefaults(isolation: .readCommitted, mode: .optimistic)
        try b.setLockTimeout(nil)
        #expect(try b.defaultIsolation == .readCommitted && b.defaultMode == .optimistic && b.lockTimeout == nil)
    }

    static let invalidOptions: [(Database.Options, String)] = {
        var a = Database.Options(), b = a, c = a, d = a
        a.pageSize = 3000
        b.pageSize = 512
        c.cachePages = 2
        d.lockTimeout = .zero
        return [(a, "page size 3000 is not a power of two from 1024 to 65536"),
                (b, "page size 512 is not a power of two from 1024 to 65536"),
                (c, "a cache of 2 pages is too small (at least 16)"),
                (d, "lock timeout 0.0 seconds is not positive (nil waits without a limit)")]
    }()

    @Test(arguments: invalidOptions)
    func invalidOptionsAreRefused(options: Database.Options, message: String) throws {
        let error = #expect(throws: StrataError.self) { try Database.inMemory(options: options) }
        #expect(error?.code == .invalidParameterValue)
        #expect(error?.message == message)
    }

    @Test func aNewFileKeepsItsPageSize() throws {
        var options = Database.Options()
        options.pageSize = 8192
        let db = try TemporaryDatabase(options: options)
        let c = db.database.connection()
        #expect(try c.fetchOne("PRAGMA page_size")?[0] as Int? == 8192)
    }
}

@Suite struct TransactionClosureTests {
    func counter() throws -> TemporaryDatabase {
        let db = try TemporaryDatabase()
        try db.database.connection().execute("CREATE TABLE c(id INTEGER PRIMARY KEY, n INTEGER); INSERT INTO c VALUES (1, 0)")
        return db
    }

    struct Refused: Error {}

    @Test func commitsOnReturnAndRollsBackOnThrow() throws {
        let db = try counter()
        let c = db.database.connection()
        let n = try c.transaction { tx in
            try tx.execute("UPDATE c SET n = n + 1")
            return try tx.fetchOne("SELECT n FROM c")?[0] as Int?
        }
        #expect(n == 1 && !c.isInTransaction)
        #expect(throws: Refused.self) {
            try c.transaction(.snapshot, mode: .pessimistic) { tx in
                try tx.execute("UPDATE c SET n = 100")
                throw Refused()
            }
        }
        #expect(!c.isInTransaction)
        #expect(try c.fetchOne("SELECT n FROM c")?[0] as Int? == 1)
    }

    @Test func aConflictRunsTheClosureAgain() throws {
        let db = try counter()
        let c = db.database.connection()
        let other = db.database.connection()
        var runs = 0
        try c.transaction(.serializable, mode: .optimistic) { tx in
            runs += 1
            let n: Int = try #require(try tx.fetchOne("SELECT n FROM c")?[0])
            // Only in the first run: another connection commits a change to the row read.
            if runs == 1 { try other.execute("UPDATE c SET n = n + 10") }
            try tx.execute("UPDATE c SET n = ?", [n + 1])
        }
        #expect(runs == 2 && c.transactionRetries == 1 && db.database.transactionRetries == 1)
        #expect(try c.fetchOne("SELECT n FROM c")?[0] as Int? == 11)

        // Without retries the serialization failure reaches the caller, and nothing stays open.
        let error = #expect(throws: StrataError.self) {
            try c.transaction(retry: .never) { tx in
                let n: Int = try #require(try tx.fetchOne("SELECT n FROM c")?[0])
                try other.execute("UPDATE c SET n = n + 10")
                try tx.execute("UPDATE c SET n = ?", [n + 1])
            }
        }
        #expect(error?.code == .serializationFailure && !c.isInTransaction)
        #expect(try c.fetchOne("SELECT n FROM c")?[0] as Int? == 21)
    }

    @Test func misuseInsideTransactions() throws {
        let db = try counter()
        let c = db.database.connection()
        try c.transaction { tx in
            let nested = #expect(throws: StrataError.self) { try tx.transaction { _ in } }
            #expect(nested?.code == .activeSQLTransaction)
        }
        let ended = #expect(throws: StrataError.self) {
            try c.transaction { tx in try tx.execute("UPDATE c SET n = 5; COMMIT") }
        }
        #expect(ended?.code == .invalidTransactionState)
        #expect(!c.isInTransaction)
    }

    @Test func savepointsNest() throws {
        let db = try counter()
        let c = db.database.connection()
        try c.execute("CREATE TABLE log(msg TEXT UNIQUE)")
        try c.transaction { tx in
            try tx.execute("INSERT INTO log VALUES ('a')")
            try tx.savepoint { sp in
                try sp.execute("INSERT INTO log VALUES ('b')")
                #expect(throws: StrataError.self) {
                    try sp.savepoint { inner in
                        try inner.execute("INSERT INTO log VALUES ('c')")
                        try inner.execute("INSERT INTO log VALUES ('a')")  // UNIQUE fails: only 'c' is undone
                    }
                }
            }
        }
        #expect(try c.fetchAll("SELECT msg FROM log ORDER BY msg").map { try $0[0] as String } == ["a", "b"])
        // Outside a transaction, a savepoint is one.
        try c.savepoint { sp in try sp.execute("INSERT INTO log VALUES ('d')") }
        #expect(!c.isInTransaction)
        #expect(try c.fetchOne("SELECT count(*) FROM log")?[0] as Int? == 3)
    }

    @Test func databaseTransactionsFromManyThreadsLoseNothing() throws {
        let db = try counter()
        let threads = 4, each = 50
        let database = db.database
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<each {
                do {
                    try database.transaction(.serializable, mode: .optimistic) { tx in
                        let n: Int = try #require(try tx.fetchOne("SELECT n FROM c")?[0])
                        try tx.execute("UPDATE c SET n = ?", [n + 1])
                    }
                } catch {
                    Issue.record("transaction failed: \(error)")
                }
            }
        }
        #expect(try db.database.connection().fetchOne("SELECT n FROM c")?[0] as Int? == threads * each)
    }

    @Test func asyncTransactionsFromTasks() async throws {
        let db = try counter()
        let database = db.database
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<25 {
                        try await database.transaction(.snapshot, mode: .pessimistic) { tx in
                            try tx.execute("UPDATE c SET n = n + 1")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let n = try await database.transaction { tx in try tx.fetchOne("SELECT n FROM c")?[0] as Int? }
        #expect(n == 100)
    }

    @Test func cancellingAnAsyncTransactionRollsItBack() async throws {
        let db = try counter()
        let blocker = db.database.connection()
        try blocker.execute("BEGIN ISOLATION LEVEL SERIALIZABLE PESSIMISTIC; UPDATE c SET n = 1")
        let database = db.database
        let started = DispatchSemaphore(value: 0)
        let task = Task {
            try await database.transaction(.serializable, mode: .pessimistic) { tx in
                try tx.observeWaits { started.signal() }
                try tx.execute("UPDATE c SET n = n + 100")  // waits for the blocker's lock
            }
        }
        await withCheckedContinuation { (k: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { started.wait(); k.resume() }
        }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result else { Issue.record("the cancelled transaction committed"); return }
        #expect((error as? StrataError)?.code == .queryCanceled || error is CancellationError)
        try blocker.execute("COMMIT")
        #expect(try blocker.fetchOne("SELECT n FROM c")?[0] as Int? == 1)
    }
}

/// Regressions found in review (helper-33): each failed before its fix.
@Suite struct LibraryReviewTests {
    /// READ COMMITTED refreshes its snapshot at each statement while its largest rowid is cached:
    /// another connection's insert, committed in between, must still be stepped past.
    @Test func readCommittedInsertsWithoutRowidsAfterAnotherCommit() throws {
        let db = try Database.inMemory()
        let a = db.connection(), b = db.connection()
        try a.execute("CREATE TABLE t(x)")
        try a.execute("INSERT INTO t(x) VALUES (1),(2),(3)")
        try a.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        try a.execute("INSERT INTO t(x) VALUES (10)")
        try b.execute("INSERT INTO t(x) VALUES (20)")
        try a.execute("INSERT INTO t(x) VALUES (11)")
        try a.execute("COMMIT")
        #expect(try a.fetchAll("SELECT rowid, x FROM t ORDER BY rowid").map(\.values) ==
                [[1, 1], [2, 2], [3, 3], [4, 10], [5, 20], [6, 11]].map { $0.map { Value.integer($0) } })
    }

    /// A row inserted with an explicit rowid claims nothing: an insert without one steps past it.
    @Test(arguments: [IsolationLevel.serializable, .snapshot, .readCommitted])
    func insertsWithoutRowidsStepPastExplicitOnes(level: IsolationLevel) throws {
        let db = try Database.inMemory()
        let a = db.connection(), b = db.connection()
        try a.execute("CREATE TABLE t(x)")
        try a.execute("INSERT INTO t(x) VALUES (1)")
        try a.execute("BEGIN ISOLATION LEVEL \(level) PESSIMISTIC")
        try a.execute("INSERT INTO t(x) VALUES (10)")
        try b.execute("INSERT INTO t(rowid, x) VALUES (3, 20)")
        if level == .snapshot {
            // SNAPSHOT PESSIMISTIC cannot see row 3, committed after its snapshot: writing its
            // key is a serialization failure, as for any row committed after the snapshot.
            #expect((#expect(throws: StrataError.self) { try a.execute("INSERT INTO t(x) VALUES (11)") })?.code == .serializationFailure)
            try a.execute("ROLLBACK")
            return
        }
        try a.execute("INSERT INTO t(x) VALUES (11)")
        try a.execute("COMMIT")
        #expect(try a.fetchAll("SELECT rowid, x FROM t ORDER BY rowid").map(\.values) ==
                [[1, 1], [2, 10], [3, 20], [4, 11]].map { $0.map { Value.integer($0) } })
    }

    /// A savepoint that is the transaction is rolled back whole when its body fails, aborted or
    /// not: the connection is not left in an aborted transaction.
    @Test func aSavepointThatIsTheTransactionEndsWithIt() throws {
        let db = try Database.inMemory()
        let a = db.connection(), b = db.connection()
        try a.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v)")
        try a.execute("INSERT INTO t VALUES (1, 0)")
        try a.setDefaults(isolation: .snapshot, mode: .pessimistic)
        let error = #expect(throws: StrataError.self) {
            try a.savepoint { sp in
                _ = try sp.fetchAll("SELECT * FROM t")
                try b.execute("UPDATE t SET v = 5 WHERE id = 1")
                try sp.execute("UPDATE t SET v = 2 WHERE id = 1")
            }
        }
        #expect(error?.code == .serializationFailure)
        #expect(!a.isInTransaction)
        #expect(try a.fetchOne("SELECT v FROM t")?[0] as Int? == 5)
    }

    /// Delays too long to represent are clamped, not an arithmetic trap.
    @Test func hugeRetryDelaysAreClamped() throws {
        let policy = RetryPolicy(maxAttempts: 2, initialDelay: .seconds(20_000_000_000_000), maximumDelay: .seconds(20_000_000_000_000))
        #expect(policy.initialDelay == RetryPolicy.longestDelay && policy.maximumDelay == RetryPolicy.longestDelay)
        var short = RetryPolicy(maxAttempts: 3, initialDelay: .zero, maximumDelay: .zero)
        short.initialDelay = .seconds(Int64.max)  // set out of range after init: clamped when used
        short.maximumDelay = .microseconds(1)
        let db = try Database.inMemory()
        let a = db.connection(), b = db.connection()
        try a.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v); INSERT INTO t VALUES (1, 0)")
        var first = true
        try a.transaction(.snapshot, mode: .pessimistic, retry: short) { tx in
            _ = try tx.fetchAll("SELECT * FROM t")
            if first { first = false; try b.execute("UPDATE t SET v = 5 WHERE id = 1") }
            try tx.execute("UPDATE t SET v = v + 2 WHERE id = 1")
        }
        #expect(try a.fetchOne("SELECT v FROM t")?[0] as Int? == 7)
    }
}
