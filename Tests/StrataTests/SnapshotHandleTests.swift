// Snapshot handles and backup through the public API (issue 7: "a held snapshot reads the same
// while another connection commits"; an online backup to a file). The engine side has its own
// tests (StrataSQLTests/ReadSnapshotTests).

import Dispatch
import Foundation
import Strata
import Testing

@Suite struct SnapshotHandleTests {
    func accounts() throws -> TemporaryDatabase {
        let db = try TemporaryDatabase()
        try db.database.transaction { tx in
            try tx.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)")
            for i in 1...100 { try tx.execute("INSERT INTO accounts VALUES (?, 100)", [i]) }
        }
        return db
    }

    func sum(_ rows: [Row]) throws -> Int { try rows.reduce(0) { $0 + (try $1["balance"] as Int) } }

    @Test func aHeldSnapshotReadsTheSameWhileOthersCommit() throws {
        let db = try accounts()
        let snapshot = try db.database.snapshot()
        let before = try snapshot.fetchAll("SELECT id, balance FROM accounts ORDER BY id")
        // Other connections move money, add and delete accounts, and change the schema.
        let writers = (0..<2).map { _ in db.database.connection() }
        DispatchQueue.concurrentPerform(iterations: 2) { w in
            for i in 0..<50 {
                try? writers[w].execute("UPDATE accounts SET balance = balance + 1 WHERE id = ?", [i % 100 + 1])
            }
        }
        try writers[0].execute("DELETE FROM accounts WHERE id > 50; INSERT INTO accounts VALUES (500, 7); CREATE TABLE other(x)")
        // Four threads read the snapshot at once: each sees exactly the rows it had.
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            results.add(Result { try snapshot.fetchAll("SELECT id, balance FROM accounts ORDER BY id").map(\.values) })
        }
        for r in results.all { #expect(try r.get() == before.map(\.values)) }
        #expect(try sum(before) == 10_000)
        #expect(try snapshot.fetchOne("SELECT count(*) FROM sqlite_schema WHERE name = 'other'")?[0] as Int? == 0)
        // The newest version has moved on.
        #expect(try db.database.connection().fetchOne("SELECT count(*) FROM accounts")?[0] as Int? == 51)
        snapshot.close()
        let closed = #expect(throws: StrataError.self) { try snapshot.fetchAll("SELECT 1") }
        #expect(closed?.code == .connectionDoesNotExist)
    }

    @Test func aSnapshotRefusesWrites() throws {
        let db = try accounts()
        try db.database.read { s in
            for sql in ["UPDATE accounts SET balance = 0", "DELETE FROM accounts", "CREATE TABLE x(y)", "BEGIN",
                        "SELECT * FROM accounts FOR UPDATE"] {
                let error = #expect(throws: StrataError.self) { try s.fetchAll(sql) }
                #expect(error?.code == .readOnlySQLTransaction, "\(sql)")
            }
        }
        #expect(try db.database.connection().fetchOne("SELECT sum(balance) FROM accounts")?[0] as Int? == 10_000)
    }

    @Test func aBackupIsAConsistentCopyTakenWhileWritesGoOn() throws {
        let db = try accounts()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("strata-backup-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        // Transfers keep the total at 10,000 in every committed version.
        let stop = StopFlag()
        let writer = db.database.connection()
        let transfers = Thread {
            var i = 0
            while !stop.isSet {
                i += 1
                try? writer.transaction { tx in
                    try tx.execute("UPDATE accounts SET balance = balance - 1 WHERE id = ?", [i % 100 + 1])
                    try tx.execute("UPDATE accounts SET balance = balance + 1 WHERE id = ?", [(i * 7) % 100 + 1])
                }
            }
            stop.done.signal()
        }
        transfers.start()
        try db.database.backup(to: copy)
        stop.set()
        stop.done.wait()
        let duplicate = #expect(throws: StrataError.self) { try db.database.backup(to: copy) }
        #expect(duplicate?.code == .duplicateFile)
        let restored = try Database(path: copy)
        let c = restored.connection()
        #expect(try c.fetchOne("SELECT count(*), sum(balance) FROM accounts")?.values == [.integer(100), .integer(10_000)])
        #expect(try c.fetchOne("PRAGMA integrity_check")?[0] as String? == "ok")
        try restored.close()
    }

    @Test func asyncReadsSeeOneVersion() async throws {
        let db = try accounts()
        let database = db.database
        let (count, total) = try await database.read { s in
            (try s.fetchOne("SELECT count(*) FROM accounts")?[0] as Int?, try s.fetchOne("SELECT sum(balance) FROM accounts")?[0] as Int?)
        }
        #expect(count == 100 && total == 10_000)
        struct Account: Decodable, Equatable { var id: Int; var balance: Int }
        let first = try await database.read { s in try s.fetchAll(Account.self, "SELECT * FROM accounts WHERE id <= ? ORDER BY id", [2]) }
        #expect(first == [Account(id: 1, balance: 100), Account(id: 2, balance: 100)])
        let n = try await database.read { s in try s.fetchOne(Int.self, "SELECT count(*) FROM accounts") }
        #expect(n == 100)
    }

    @Test func closingTheDatabaseEndsItsSnapshots() throws {
        let db = try accounts()
        let snapshot = try db.database.snapshot()
        try db.database.close()
        #expect((#expect(throws: StrataError.self) { try snapshot.fetchAll("SELECT 1") })?.code == .connectionDoesNotExist)
        #expect((#expect(throws: StrataError.self) { try db.database.snapshot() })?.code == .connectionDoesNotExist)
    }
}

/// Results gathered from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<[[Value]], any Error>] = []
    func add(_ r: Result<[[Value]], any Error>) { lock.withLock { values.append(r) } }
    var all: [Result<[[Value]], any Error>] { lock.withLock { values } }
}

/// A flag one thread sets and another polls, and a semaphore the poller signals when it stops.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    let done = DispatchSemaphore(value: 0)
    func set() { lock.withLock { flag = true } }
    var isSet: Bool { lock.withLock { flag } }
}
