// Interrupting a running statement from another thread (Connection.interrupter, like
// sqlite3_interrupt): the statement fails soon with 57014 "interrupted", is undone like any
// failed statement, and the connection keeps working.

import Foundation
import Strata
import Synchronization
import Testing

@Suite struct InterruptTests {
    /// What `whileInterrupting` saw: the body's error, if any, and how long the body ran.
    struct Outcome {
        var error: StrataError?
        var seconds: Double
    }

    /// Runs `body` on this thread while another thread, from `delay` seconds on, calls
    /// `interrupt()` every 20 ms until `body` returns (so the request cannot fall before the
    /// statement starts, which clears it). Returns only once that thread has stopped, so no
    /// request reaches a later statement.
    func whileInterrupting(_ connection: Connection, after delay: Double = 0.1,
                           _ body: () throws -> Void) throws -> Outcome {
        let interrupter = connection.interrupter
        let state = InterruptingThread()
        let thread = Thread {
            Thread.sleep(forTimeInterval: delay)
            while !state.finished.load(ordering: .acquiring) {
                interrupter.interrupt()
                Thread.sleep(forTimeInterval: 0.02)
            }
            state.stopped.signal()
        }
        let start = Date()
        thread.start()
        var outcome = Outcome(error: nil, seconds: 0)
        do {
            try body()
        } catch let error as StrataError {
            outcome.error = error
        }
        outcome.seconds = Date().timeIntervalSince(start)
        state.finished.store(true, ordering: .releasing)
        state.stopped.wait()
        return outcome
    }

    final class InterruptingThread: Sendable {
        let finished = Atomic<Bool>(false)
        let stopped = DispatchSemaphore(value: 0)
    }

    /// A connection with t(x) holding 1...n.
    func connection(rows n: Int) throws -> (TemporaryDatabase, Connection) {
        let db = try TemporaryDatabase()
        let c = db.database.connection()
        try c.execute("CREATE TABLE t(x INTEGER)")
        try c.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(n)) INSERT INTO t SELECT x FROM c")
        return (db, c)
    }

    func expectInterrupted(_ outcome: Outcome, within seconds: Double) {
        #expect(outcome.error?.code == .queryCanceled)
        #expect(outcome.error?.code.rawValue == "57014")
        #expect(outcome.error?.message == "interrupted")
        #expect(outcome.seconds < seconds, "took \(outcome.seconds) s")
    }

    @Test func anEndlessRecursiveQueryStopsWithQueryCanceled() throws {
        let (db, c) = try connection(rows: 1)
        // Without the interrupt this runs until the recursion limit (10 million rows, one per
        // round), many seconds in a debug build, and then fails with another error.
        let outcome = try whileInterrupting(c) {
            _ = try c.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
        }
        expectInterrupted(outcome, within: 3)
        #expect(try c.query("SELECT count(*) FROM t").rows == [[.integer(1)]])
        _ = db
    }

    @Test func aBigCrossJoinAggregateStopsWithQueryCanceled() throws {
        let (db, c) = try connection(rows: 2000)
        // 8 billion combined rows: hours without the interrupt.
        let outcome = try whileInterrupting(c) {
            _ = try c.query("SELECT count(*), sum(a.x * b.x - c.x) FROM t AS a, t AS b, t AS c WHERE a.x + b.x > c.x")
        }
        expectInterrupted(outcome, within: 3)
        #expect(try c.query("SELECT count(*), sum(x) FROM t").rows == [[.integer(2000), .integer(2001000)]])
        _ = db
    }

    @Test func aSortedQueryStopsWithQueryCanceled() throws {
        let (db, c) = try connection(rows: 1000)
        // A million joined rows sorted by text, again and again.
        let outcome = try whileInterrupting(c) {
            for _ in 0..<1000 {
                _ = try c.query("SELECT a.x FROM t AS a, t AS b ORDER BY printf('%08d', a.x * b.x) DESC LIMIT 1")
            }
        }
        expectInterrupted(outcome, within: 10)
        _ = db
    }

    @Test func theConnectionAnswersAfterAnInterrupt() throws {
        let (db, c) = try connection(rows: 10)
        for _ in 0..<3 {
            let outcome = try whileInterrupting(c) {
                _ = try c.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
            }
            expectInterrupted(outcome, within: 3)
            #expect(try c.query("SELECT sum(x) FROM t").rows == [[.integer(55)]])
            try c.execute("INSERT INTO t VALUES (0)")
        }
        #expect(try c.query("SELECT count(*) FROM t").rows == [[.integer(13)]])
        // Another connection sees the committed inserts: nothing was left open.
        let other = db.database.connection()
        #expect(try other.query("SELECT count(*) FROM t").rows == [[.integer(13)]])
    }

    @Test func anInterruptedUpdateInsideBeginUndoesOnlyItself() throws {
        let (db, c) = try connection(rows: 200)
        try c.execute("CREATE TABLE log(n)")
        // Every updated row makes the trigger count 40,000 combined rows: slow enough that some
        // rows are written (and logged) before the interrupt.
        try c.execute("""
            CREATE TRIGGER slow AFTER UPDATE ON t BEGIN
              INSERT INTO log SELECT count(*) FROM t AS a, t AS b WHERE a.x <= b.x + new.x;
            END
            """)
        try c.execute("BEGIN")
        try c.execute("INSERT INTO t VALUES (1000)")
        try c.execute("DELETE FROM t WHERE x = 1")
        let outcome = try whileInterrupting(c, after: 0.3) {
            try c.execute("UPDATE t SET x = x + 1")
        }
        expectInterrupted(outcome, within: 60)
        // The earlier statements' changes are there, the UPDATE's are not, and the transaction
        // is still open.
        #expect(try c.query("SELECT count(*), min(x), max(x), sum(x) FROM t").rows
                == [[.integer(200), .integer(2), .integer(1000), .integer(20099 + 1000)]])
        #expect(try c.query("SELECT count(*) FROM log").rows == [[.integer(0)]])
        let other = db.database.connection()
        #expect(try other.query("SELECT count(*), max(x) FROM t").rows == [[.integer(200), .integer(200)]])
        try c.execute("COMMIT")
        #expect(try other.query("SELECT count(*), min(x), max(x), sum(x) FROM t").rows
                == [[.integer(200), .integer(2), .integer(1000), .integer(21099)]])
        #expect(try other.query("SELECT count(*) FROM log").rows == [[.integer(0)]])
    }

    @Test func anInterruptedUpdateInAutocommitLeavesTheTableAsItWas() throws {
        let (db, c) = try connection(rows: 300)
        // Each row's new value counts 90,000 combined rows.
        let outcome = try whileInterrupting(c) {
            try c.execute("UPDATE t SET x = x + (SELECT count(*) FROM t AS a, t AS b WHERE a.x < b.x + t.x) * 0 + 1")
        }
        expectInterrupted(outcome, within: 10)
        let other = db.database.connection()
        #expect(try other.query("SELECT count(*), sum(x) FROM t").rows == [[.integer(300), .integer(45150)]])
        #expect(try c.query("SELECT count(*), sum(x) FROM t").rows == [[.integer(300), .integer(45150)]])
    }

    @Test func anInterruptWithNothingRunningDoesNotReachTheNextStatement() throws {
        let (db, c) = try connection(rows: 100)
        c.interrupter.interrupt()
        c.interrupter.interrupt()
        #expect(try c.query("SELECT count(*) FROM t AS a, t AS b").rows == [[.integer(10000)]])
        c.interrupter.interrupt()
        try c.execute("UPDATE t SET x = x * 2")
        #expect(try c.query("SELECT sum(x) FROM t").rows == [[.integer(10100)]])
        _ = db
    }

    @Test func theInterrupterIsOneObjectPerConnection() throws {
        let db = try TemporaryDatabase()
        let a = db.database.connection()
        let b = db.database.connection()
        #expect(a.interrupter === a.interrupter)
        #expect(a.interrupter !== b.interrupter)
    }

    @Test func anInterruptStopsOnlyItsOwnConnection() throws {
        let (db, c) = try connection(rows: 100)
        let other = db.database.connection()
        other.interrupter.interrupt()
        var rows: [[Value]] = []
        let outcome = try whileInterrupting(other) {
            rows = try c.query("SELECT count(*) FROM t AS a, t AS b, t AS c").rows
        }
        #expect(outcome.error == nil)
        #expect(rows == [[.integer(1_000_000)]])
    }

    @Test func anInterruptedScriptStopsAtThatStatement() throws {
        let (db, c) = try connection(rows: 1)
        var errors: [StrataError] = []
        var results = 0
        let outcome = try whileInterrupting(c) {
            try c.executeScript("""
                SELECT 1;
                WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;
                INSERT INTO t VALUES (2);
                """, stopOnError: false, onRows: { _ in results += 1 }, onError: { errors.append($0) })
        }
        expectInterrupted(outcome, within: 3)
        #expect(results == 1)
        #expect(errors.map(\.code) == [.queryCanceled])
        #expect(try c.query("SELECT count(*) FROM t").rows == [[.integer(1)]])
        _ = db
    }
}
