// The multi-connection records of CONTRACT.md §3 on FakeDatabase, whose answers can wait as a
// statement waiting for a lock does: moving on when the wait hook fires, checking at the await,
// the failures (never waited, never awaited, the safety limits), test-file errors, and closing
// every connection at the end of a file. Then the same machinery on Strata itself.

import Strata
import Testing

@testable import StrataSLT

@Suite struct AsyncRecordTests {
    /// What a lock-holder's COMMIT releases.
    static func waitsForCommit(_ then: FakeDatabase.Response = .ok) -> FakeDatabase.Response {
        .waits(until: "COMMIT", then: then)
    }

    @Test func anAsyncStatementMovesOnOnceItWaitsAndIsCheckedAtItsAwait() {
        let database = FakeDatabase(["UPDATE t SET x = 2": Self.waitsForCommit()])
        let report = runScript(
            """
            statement ok
            BEGIN

            statement ok
            UPDATE t SET x = 1

            connection b

            statement async s1 ok
            UPDATE t SET x = 2

            connection default

            statement ok
            COMMIT

            awaitstatement s1

            connection b

            statement ok
            SELECT after
            """, on: database)
        #expect(report.failures == [])
        #expect((report.passed, report.failed, report.skipped) == (5, 0, 0))
        #expect(database.log.map(\.session) == [0, 0, 1, 0, 1])
        #expect(database.log.map(\.sql) == ["BEGIN", "UPDATE t SET x = 1", "UPDATE t SET x = 2", "COMMIT", "SELECT after"])
        #expect(report.abandonedStatements == 0)
    }

    @Test func expectationsAreCheckedAtTheAwait() {
        let conflict = FakeDatabase.Response.error(
            "serialization failure: a concurrent transaction wrote the same row", sqlState: "40001")
        let database = FakeDatabase([
            "UPDATE a": Self.waitsForCommit(conflict),
            "UPDATE b": Self.waitsForCommit(conflict),
            "UPDATE c": Self.waitsForCommit(conflict),
            "SELECT x FROM t": Self.waitsForCommit(.integers([2, 1])),
        ])
        let report = runScript(
            """
            connection c1

            statement async s1 error serialization failure
            UPDATE a

            connection c2

            statement async s2 error deadlock detected
            UPDATE b

            connection c3

            statement async s3 ok
            UPDATE c

            connection c4

            query I rowsort async q1
            SELECT x FROM t

            connection c5

            query I nosort async q2
            SELECT x FROM t

            connection default

            statement ok
            COMMIT

            awaitstatement s1

            awaitstatement s2

            awaitstatement s3

            awaitquery q1
            ----
            1
            2

            awaitquery q2
            ----
            1
            2
            """, on: database)
        #expect((report.passed, report.failed) == (3, 3))
        #expect(
            report.failures == [
                "test.slt:8: wrong error (async s2, awaited at line 33): UPDATE b | expected: error matching /deadlock detected/ | actual: error: serialization failure: a concurrent transaction wrote the same row",
                "test.slt:13: statement failed (async s3, awaited at line 35): UPDATE c | expected: ok | actual: error: serialization failure: a concurrent transaction wrote the same row",
                "test.slt:23: wrong result (async q2, awaited at line 42): SELECT x FROM t | expected: 2 values: 1, 2 | actual: 2 values: 2, 1; first difference at value 1: expected 1, got 2",
            ])
    }

    @Test func anAsyncRecordThatNeverWaitsFails() {
        let database = FakeDatabase(["SELECT one": .integers([1])])
        let report = runScript(
            """
            statement async s1 ok
            SELECT 1

            awaitstatement s1

            query I nosort async q1
            SELECT one

            awaitquery q1
            ----
            1

            statement ok
            SELECT 2
            """, on: database)
        #expect((report.passed, report.failed) == (1, 2))
        #expect(
            report.failures == [
                "test.slt:1: async statement s1 finished without waiting for a lock or the serial gate (write it as a plain record): SELECT 1 | actual: ok",
                "test.slt:6: async query q1 finished without waiting for a lock or the serial gate (write it as a plain record): SELECT one | actual: 1 row",
            ])
        // The connection is back with the runner after each.
        #expect(database.log.map(\.session) == [0, 0, 0])
    }

    @Test func awaitsStandUnderAnyConnectionAndKeepTheCurrentOne() {
        let database = FakeDatabase(["W": .waits(until: "GO", then: .ok)])
        let report = runScript(
            """
            connection b

            statement async s1 ok
            W

            connection c

            statement ok
            GO

            awaitstatement s1

            statement ok
            AFTER
            """, on: database)
        #expect((report.passed, report.failed) == (3, 0))
        #expect(database.log.map(\.session) == [0, 1, 1])
        #expect(database.log.map(\.sql) == ["W", "GO", "AFTER"])
    }

    /// A record on a connection whose async statement runs stops the file; the waiting statement
    /// is interrupted and the other connection's transaction rolled back, so nothing hangs.
    @Test func aRecordOnABusyConnectionIsATestFileError() {
        let database = FakeDatabase(["UPDATE t": Self.waitsForCommit()])
        let report = runScript(
            """
            statement ok
            BEGIN

            connection b

            statement async s1 ok
            UPDATE t

            statement ok
            SELECT 1

            connection default

            statement ok
            COMMIT
            """, on: database)
        #expect((report.passed, report.failed) == (1, 1))
        #expect(
            report.failures == [
                "test.slt:9: test-file error: connection b still runs async statement s1 (line 6); awaitstatement s1 before giving the connection another record"
            ])
        #expect(database.log.map(\.sql) == ["BEGIN", "UPDATE t", "ROLLBACK"])
        #expect(database.log.map(\.session) == [0, 1, 0])
        #expect(report.abandonedStatements == 0)
    }

    @Test func otherTestFileErrors() {
        let database = FakeDatabase(["W": .waits(until: "GO", then: .ok), "Q": .waits(until: "GO", then: .integers([1]))])
        let cases: [(script: String, failure: String)] = [
            (
                "connection b\n\nstatement async s1 ok\nW\n\nconnection c\n\nstatement async s1 ok\nW\n",
                "test.slt:8: test-file error: async statement s1 (line 3, connection b) is still running; await it before reusing its name"
            ),
            (
                "statement async s1 ok\nW\n\nconnection c\n\nawaitquery s1\n----\n1\n",
                "test.slt:6: test-file error: awaitquery s1 names an async statement (line 1); use awaitstatement"
            ),
            (
                "query I async q1\nQ\n\nconnection c\n\nawaitstatement q1\n",
                "test.slt:6: test-file error: awaitstatement q1 names an async query (line 1); use awaitquery"
            ),
            (
                "query I async q1\nQ\n\nquery I nosort\nSELECT 1\n----\n1\n",
                "test.slt:4: test-file error: connection default still runs async query q1 (line 1); awaitquery q1 before giving the connection another record"
            ),
        ]
        for (script, failure) in cases {
            let report = runScript(script, on: database)
            #expect(report.failures == [failure])
            #expect(report.failed == 1)
        }
    }

    @Test func anAsyncStatementNeverAwaitedFailsAndIsStoppedAtTheEnd() {
        let database = FakeDatabase(["UPDATE t": Self.waitsForCommit()])
        let report = runScript(
            """
            statement ok
            BEGIN

            connection b

            statement async s1 ok
            UPDATE t
            """, on: database)
        #expect((report.passed, report.failed) == (1, 1))
        #expect(report.failures == ["test.slt:6: async statement s1 was never awaited (no awaitstatement s1): UPDATE t"])
        // s1 was interrupted (it honours that), and the open transaction rolled back.
        #expect(database.log.map(\.sql) == ["BEGIN", "UPDATE t", "ROLLBACK"])
        #expect(report.abandonedStatements == 0)
    }

    /// A waiting statement that ignores the interrupt is released by the ROLLBACK of the
    /// connection holding its lock.
    @Test func theEndRollsBackTheOthersToReleaseAWaiter() {
        let database = FakeDatabase(["UPDATE t": .stuck(until: "ROLLBACK", then: .ok)])
        let report = runScript(
            """
            statement ok
            BEGIN

            connection b

            statement async s1 ok
            UPDATE t
            """, on: database, waitLimit: .seconds(10))
        #expect(report.failures == ["test.slt:6: async statement s1 was never awaited (no awaitstatement s1): UPDATE t"])
        #expect(database.log.map(\.sql) == ["BEGIN", "UPDATE t", "ROLLBACK"])
        #expect(report.abandonedStatements == 0)
    }

    /// The last resort: a statement that neither honours the interrupt nor is released is left
    /// running with its database, and the report says so.
    @Test func aStatementStillRunningAfterTheLimitIsAbandoned() {
        let database = FakeDatabase(["STUCK": .stuck(until: "FREE", then: .ok)])
        let report = runScript(
            """
            connection b

            statement async s1 ok
            STUCK

            connection default

            statement ok
            SELECT 1
            """, on: database, waitLimit: .milliseconds(200))
        #expect(report.abandonedStatements == 1)
        #expect((report.passed, report.failed) == (1, 2))
        #expect(
            report.failures == [
                "test.slt:3: async statement s1 was never awaited (no awaitstatement s1): STUCK",
                "test.slt:3: async statement s1 still runs 0.2 seconds after the end of the file; its thread and database are abandoned: STUCK",
            ])
        database.release("FREE")
    }

    @Test func anAsyncStatementThatNeitherWaitsNorFinishesFailsAtTheLimit() {
        let database = FakeDatabase(["LONG": .busy(until: "GO", then: .ok)])
        let report = runScript(
            """
            connection b

            statement async s1 ok
            LONG

            awaitstatement s1

            statement ok
            AFTER
            """, on: database, waitLimit: .milliseconds(200))
        #expect((report.passed, report.failed) == (1, 1))
        #expect(
            report.failures == ["test.slt:3: async statement s1 neither waited for a lock nor finished within 0.2 seconds; interrupted: LONG"])
        #expect(database.log.map(\.sql) == ["LONG", "AFTER"])
    }

    @Test func anAwaitGivesUpAtTheLimit() {
        let database = FakeDatabase(["W": .waits(until: "GO", then: .ok)])
        let report = runScript(
            """
            connection b

            statement async s1 ok
            W

            awaitstatement s1

            statement ok
            AFTER
            """, on: database, waitLimit: .milliseconds(200))
        // The await interrupts it; its connection is usable again once it has ended.
        #expect((report.passed, report.failed) == (1, 1))
        #expect(
            report.failures == ["test.slt:3: async statement s1 still runs 0.2 seconds after its awaitstatement at line 6; interrupted: W"])
    }

    /// A plain record that waits can only be released by an async statement ending: at the limit
    /// it is interrupted and fails, instead of hanging the runner.
    @Test func aPlainRecordThatWaitsIsStoppedAtTheLimit() {
        let database = FakeDatabase(["UPDATE t": .waits(until: "NEVER", then: .ok)])
        let report = runScript(
            """
            statement ok
            UPDATE t

            statement ok
            AFTER
            """, on: database, waitLimit: .milliseconds(200))
        #expect((report.passed, report.failed) == (1, 1))
        #expect(
            report.failures == [
                "test.slt:1: waited 0.2 seconds for a lock or the serial gate and was interrupted (only an async statement of this file could have released it: write this record as an async one): UPDATE t"
            ])
    }

    @Test func connectionsInATransactionAreRolledBackAtTheEnd() {
        let database = FakeDatabase()
        let report = runScript("statement ok\nBEGIN\n\nconnection b\n\nstatement ok\nSELECT 1\n", on: database)
        #expect(report.passed == 2)
        #expect(database.log.map(\.sql) == ["BEGIN", "SELECT 1", "ROLLBACK"])
        #expect(database.log.map(\.session) == [0, 1, 0])
    }

    // MARK: On Strata

    @Test func onStrataAStatementThatTakesNoLockIsNoAsyncRecord() throws {
        let database = try StrataBackend(inMemory: true)
        defer { database.close() }
        let report = runScript(
            """
            statement ok
            CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER)

            connection other

            statement async s1 ok
            INSERT INTO t VALUES(1, 10)

            awaitstatement s1

            query II nosort
            SELECT * FROM t
            ----
            1
            10
            """, on: database)
        #expect((report.passed, report.failed) == (2, 1))
        #expect(
            report.failures == [
                "test.slt:6: async statement s1 finished without waiting for a lock or the serial gate (write it as a plain record): INSERT INTO t VALUES(1, 10) | actual: ok"
            ])
    }

    /// Two connections on one database, each with its own transaction: a snapshot does not see a
    /// later commit, and the connection left in a transaction is rolled back at the end.
    @Test func onStrataConnectionsShareTheDatabase() throws {
        let database = try StrataBackend(inMemory: false)
        defer { database.close() }
        let report = runScript(
            """
            statement ok
            CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER)

            statement ok
            INSERT INTO t VALUES(1, 10)

            connection reader

            statement ok
            BEGIN ISOLATION LEVEL SNAPSHOT OPTIMISTIC

            query I nosort
            SELECT v FROM t
            ----
            10

            connection default

            statement ok
            UPDATE t SET v = 11

            connection reader

            query I nosort
            SELECT v FROM t
            ----
            10

            connection third

            query I nosort
            SELECT v FROM t
            ----
            11
            """, on: database)
        #expect(report.failures == [])
        #expect(report.passed == 7)
    }
}
