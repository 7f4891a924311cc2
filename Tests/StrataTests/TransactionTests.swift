// Transactions across connections (CONTRACT.md §4) in the optimistic modes: where the snapshot
// is taken, first committer wins, serializable validation of reads (write skew and phantoms),
// UNIQUE values and DDL racing, the aborted state, savepoints, SET TRANSACTION and the
// connection's defaults, and autocommit retries under real threads.

import Foundation
import Strata
import class StrataCore.Locked  // not Mutex, whose futex waits ThreadSanitizer cannot see (Tools/tsan.sh)
import Testing

@Suite struct TransactionTests {
    func database(_ setup: String = "CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 10), (2, 20);")
        throws -> TemporaryDatabase {
        let db = try TemporaryDatabase()
        try db.database.connection().execute(setup)
        return db
    }

    func value(_ c: Connection, _ sql: String) throws -> Value? { try c.query(sql).rows.first?.first }

    func expectError(_ state: SQLState, containing words: String, _ body: () throws -> Void,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected \(words)", sourceLocation: sourceLocation)
        } catch let e as StrataError {
            #expect(e.code == state, "\(e)", sourceLocation: sourceLocation)
            #expect(e.message.contains(words), "\(e.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func theSnapshotIsTakenAtTheFirstStatementAfterBegin() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN")
        try b.execute("UPDATE t SET v = 11 WHERE id = 1")
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(11))
        try b.execute("UPDATE t SET v = 12 WHERE id = 1")
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(11))
        try a.execute("COMMIT")
        #expect(try value(a, "SELECT v FROM t WHERE id = 1") == .integer(12))
    }

    @Test(arguments: ["SNAPSHOT", "REPEATABLE READ", "SERIALIZABLE"])
    func firstCommitterWinsOnARowBothWrote(_ level: String) throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL \(level) OPTIMISTIC")
        try b.execute("BEGIN ISOLATION LEVEL \(level) OPTIMISTIC")
        try a.execute("UPDATE t SET v = v + 1 WHERE id = 1")
        try b.execute("UPDATE t SET v = v + 5 WHERE id = 1")
        try a.execute("COMMIT")
        expectError(.serializationFailure, containing: "serialization failure") { try b.execute("COMMIT") }
        // After a failed COMMIT no transaction is open, and nothing of b's is kept.
        #expect(!b.isInTransaction)
        #expect(try value(b, "SELECT v FROM t WHERE id = 1") == .integer(11))
    }

    @Test func writeSkewIsAllowedUnderSnapshotAndRefusedUnderSerializable() throws {
        for (level, skewCommits) in [("SNAPSHOT", true), ("SERIALIZABLE", false)] {
            let db = try database("CREATE TABLE doctors(name TEXT PRIMARY KEY, oncall INTEGER); INSERT INTO doctors VALUES ('alice', 1), ('bob', 1);")
            let a = db.database.connection()
            let b = db.database.connection()
            try a.execute("BEGIN ISOLATION LEVEL \(level)")
            try b.execute("BEGIN ISOLATION LEVEL \(level)")
            #expect(try value(a, "SELECT count(*) FROM doctors WHERE oncall = 1") == .integer(2))
            #expect(try value(b, "SELECT count(*) FROM doctors WHERE oncall = 1") == .integer(2))
            try a.execute("UPDATE doctors SET oncall = 0 WHERE name = 'alice'")
            try b.execute("UPDATE doctors SET oncall = 0 WHERE name = 'bob'")
            try a.execute("COMMIT")
            if skewCommits {
                try b.execute("COMMIT")
                #expect(try value(a, "SELECT count(*) FROM doctors WHERE oncall = 1") == .integer(0))
            } else {
                expectError(.serializationFailure, containing: "serialization failure") { try b.execute("COMMIT") }
                #expect(try value(a, "SELECT count(*) FROM doctors WHERE oncall = 1") == .integer(1))
            }
        }
    }

    @Test func aPhantomInARangeReadFailsSerializableValidation() throws {
        let db = try database("CREATE TABLE e(id INTEGER PRIMARY KEY, dept INTEGER, pay INTEGER); CREATE INDEX e_dept ON e(dept); INSERT INTO e VALUES (1, 1, 10), (2, 2, 20);")
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN")
        // An empty result counts as read too.
        #expect(try value(a, "SELECT count(*) FROM e WHERE dept = 3") == .integer(0))
        try b.execute("INSERT INTO e VALUES (3, 3, 30)")
        try a.execute("INSERT INTO e VALUES (4, 4, 0)")
        expectError(.serializationFailure, containing: "serialization failure") { try a.execute("COMMIT") }
        // A write outside what was read commits.
        try a.execute("BEGIN")
        #expect(try value(a, "SELECT count(*) FROM e WHERE dept = 5") == .integer(0))
        try b.execute("INSERT INTO e VALUES (5, 1, 30)")
        try a.execute("UPDATE e SET pay = pay + 1 WHERE dept = 2")
        try a.execute("COMMIT")
        #expect(try value(a, "SELECT pay FROM e WHERE id = 2") == .integer(21))
    }

    @Test func aTransactionThatWroteNothingAlwaysCommits() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN")
        #expect(try value(a, "SELECT sum(v) FROM t") == .integer(30))
        try b.execute("UPDATE t SET v = 0")
        try a.execute("COMMIT")
    }

    @Test func twoTransactionsAddingTheSameUniqueValueConflict() throws {
        let db = try database("CREATE TABLE u(id INTEGER PRIMARY KEY, email TEXT UNIQUE);")
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN ISOLATION LEVEL SNAPSHOT")
        try b.execute("BEGIN ISOLATION LEVEL SNAPSHOT")
        try a.execute("INSERT INTO u VALUES (1, 'x@example.com')")
        try b.execute("INSERT INTO u VALUES (2, 'x@example.com')")
        try a.execute("COMMIT")
        expectError(.serializationFailure, containing: "serialization failure") { try b.execute("COMMIT") }
        #expect(try a.query("SELECT id FROM u").rows == [[.integer(1)]])
        #expect(try value(a, "PRAGMA integrity_check") == .text("ok"))
    }

    @Test func aWriteRacingDDLOnItsTableFails() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("BEGIN")
        try a.execute("INSERT INTO t VALUES (3, 30)")
        try b.execute("CREATE INDEX t_v ON t(v)")
        expectError(.serializationFailure, containing: "schema") { try a.execute("COMMIT") }
        // And DDL racing a write: the index build would miss the row.
        try a.execute("BEGIN")
        try a.execute("CREATE INDEX t_v2 ON t(v, id)")
        try b.execute("INSERT INTO t VALUES (4, 40)")
        expectError(.serializationFailure, containing: "serialization failure") { try a.execute("COMMIT") }
        #expect(try value(a, "PRAGMA integrity_check") == .text("ok"))
        #expect(try value(a, "SELECT count(*) FROM t WHERE v >= 0") == .integer(3))
    }

    @Test func anAbortedTransactionRefusesStatementsUntilItEnds() throws {
        // Optimistic conflicts surface only at COMMIT, which ends the transaction; the aborted
        // state is reached through a statement's own serialization failure. ROLLBACK always works.
        let db = try database()
        let a = db.database.connection()
        try a.execute("BEGIN")
        try a.execute("SELECT 1")
        try a.execute("ROLLBACK")
        expectError(.syntaxError, containing: "no transaction is active") { try a.execute("ROLLBACK") }
        expectError(.syntaxError, containing: "no transaction is active") { try a.execute("COMMIT") }
        try a.execute("BEGIN")
        expectError(.syntaxError, containing: "within a transaction") { try a.execute("BEGIN") }
        try a.execute("COMMIT")
    }

    @Test func savepointsUndoAndKeepWhatTheyShould() throws {
        let db = try database()
        let a = db.database.connection()
        try a.execute("BEGIN")
        try a.execute("INSERT INTO t VALUES (3, 30)")
        try a.execute("SAVEPOINT one")
        try a.execute("INSERT INTO t VALUES (4, 40)")
        try a.execute("SAVEPOINT two")
        try a.execute("INSERT INTO t VALUES (5, 50)")
        try a.execute("ROLLBACK TO one")
        #expect(try value(a, "SELECT count(*) FROM t") == .integer(3))
        // `one` stays after ROLLBACK TO; `two` is gone.
        expectError(.syntaxError, containing: "no such savepoint: two") { try a.execute("RELEASE two") }
        try a.execute("INSERT INTO t VALUES (6, 60)")
        try a.execute("ROLLBACK TO SAVEPOINT one")
        try a.execute("CREATE TABLE gone(x)")
        try a.execute("RELEASE one")
        try a.execute("SAVEPOINT three")
        try a.execute("INSERT INTO t VALUES (7, 70)")
        try a.execute("RELEASE SAVEPOINT three")
        try a.execute("COMMIT")
        #expect(try a.query("SELECT id FROM t ORDER BY id").rows == [[.integer(1)], [.integer(2)], [.integer(3)], [.integer(7)]])
        #expect(try value(a, "SELECT count(*) FROM gone") == .integer(0))
        // DDL is undone by ROLLBACK TO.
        try a.execute("BEGIN; SAVEPOINT s; CREATE TABLE later(x); ROLLBACK TO s; COMMIT")
        expectError(.undefinedTable, containing: "no such table") { try a.execute("SELECT * FROM later") }
    }

    @Test func aSavepointOutsideBeginIsATransactionThatReleaseCommits() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        try a.execute("SAVEPOINT outer_sp")
        #expect(a.isInTransaction)
        try a.execute("INSERT INTO t VALUES (3, 30)")
        #expect(try value(b, "SELECT count(*) FROM t") == .integer(2))
        try a.execute("RELEASE outer_sp")
        #expect(!a.isInTransaction)
        #expect(try value(b, "SELECT count(*) FROM t") == .integer(3))
    }

    @Test func setTransactionComesFirstAndDefaultsAreChecked() throws {
        let db = try database()
        let a = db.database.connection()
        let b = db.database.connection()
        // SET TRANSACTION after BEGIN sets the level: a SNAPSHOT transaction allows write skew on
        // what it read, so reading and writing different rows commits.
        try a.execute("BEGIN")
        try a.execute("SET TRANSACTION ISOLATION LEVEL SNAPSHOT OPTIMISTIC")
        _ = try a.query("SELECT v FROM t WHERE id = 2")
        try b.execute("UPDATE t SET v = 21 WHERE id = 2")
        try a.execute("UPDATE t SET v = 11 WHERE id = 1")
        try a.execute("COMMIT")
        try a.execute("BEGIN")
        _ = try a.query("SELECT 1")
        expectError(.activeSQLTransaction, containing: "SET TRANSACTION") { try a.execute("SET TRANSACTION ISOLATION LEVEL SNAPSHOT") }
        try a.execute("ROLLBACK")
        expectError(.activeSQLTransaction, containing: "SET TRANSACTION") { try a.execute("SET TRANSACTION ISOLATION LEVEL SNAPSHOT") }
        expectError(.invalidParameterValue, containing: "default_isolation") { try a.execute("SET default_isolation = 'sometimes'") }
        expectError(.invalidParameterValue, containing: "default_concurrency") { try a.execute("SET default_concurrency = 'hopeful'") }
        expectError(.undefinedObject, containing: "unknown setting") { try a.execute("SET colour = 'blue'") }
        // The connection's default level applies to the next transactions.
        try a.execute("SET default_isolation = 'SNAPSHOT'")
        try a.execute("BEGIN")
        _ = try a.query("SELECT v FROM t WHERE id = 2")
        try b.execute("UPDATE t SET v = 22 WHERE id = 2")
        try a.execute("UPDATE t SET v = 12 WHERE id = 1")
        try a.execute("COMMIT")
        try a.execute("SET default_isolation = 'serializable'")
        try a.execute("BEGIN")
        _ = try a.query("SELECT v FROM t WHERE id = 2")
        try b.execute("UPDATE t SET v = 23 WHERE id = 2")
        try a.execute("UPDATE t SET v = 13 WHERE id = 1")
        expectError(.serializationFailure, containing: "serialization failure") { try a.execute("COMMIT") }
    }

    /// Threads adding to one counter in autocommit: each statement that loses the race runs again
    /// by itself, so no increment is lost.
    @Test func autocommitIncrementsFromManyThreadsAreAllKept() throws {
        let db = try database("CREATE TABLE c(id INTEGER PRIMARY KEY, n INTEGER); INSERT INTO c VALUES (1, 0);")
        let threads = 4
        let each = 150
        let database = db.database
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let c = database.connection()
            for _ in 0..<each {
                do { try c.execute("UPDATE c SET n = n + 1 WHERE id = 1") } catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try value(database.connection(), "SELECT n FROM c") == .integer(Int64(threads * each)))
    }
}
