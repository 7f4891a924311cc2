// ReadSnapshotTests: read-only snapshot handles and online backup (issue 7, the engine side;
// Docs/transactions.md, "Snapshot handles and backup"). A ReadSnapshot keeps reading its version
// (rows, schema, a dropped table) while other connections commit; many threads query one at once;
// every statement that could write is refused with 25006 and changes nothing; a closed one fails
// with 55000; its pin, once gone, no longer holds pages back, and it never held the commit
// history. A backup taken while a writer commits equals the snapshot it copied (every table,
// sqlite_schema, sqlite_sequence, sqlite_stat1, indexes and the plans they give), refuses an
// existing path, works from an in-memory database, and leaves nothing behind when it fails.

import Foundation
import StrataTestSupport
import Testing

@testable import StrataCore
@testable import StrataSQL

/// A database file in the temporary directory, removed (with its log) by `remove()`.
private struct TempPath {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-snap-\(UUID().uuidString).db").path
    func remove() { for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    var exists: Bool { FileManager.default.fileExists(atPath: path) }
    var walExists: Bool { FileManager.default.fileExists(atPath: path + "-wal") }
}

private func rows(_ sql: String, _ session: SQLSession) throws -> [[Value]] {
    try session.query(sql, parameters: []).rows
}

/// The StrataError `body` throws (an internal error for any other), or nil.
private func failure(_ body: () throws -> Void) -> StrataError? {
    do {
        try body()
        return nil
    } catch let error as StrataError {
        return error
    } catch {
        return StrataError(.internalError, "\(error)")
    }
}

/// Every row of every table in sqlite_schema, sqlite_schema itself, sqlite_sequence and
/// sqlite_stat1 (when they exist), each table's rows sorted: what a copy must hold.
private func contents(_ query: (String) throws -> [[Value]]) throws -> [String: [[Value]]] {
    var out: [String: [[Value]]] = [:]
    let schema = try query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
    out["sqlite_schema"] = schema
    for row in schema where row[0] == .text("table") {
        let name = row[1].textValue
        let all = try query("SELECT * FROM \"\(name)\"")
        out[name] = all.sorted { "\($0)" < "\($1)" }
    }
    return out
}

private let setupScript = """
    CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT, n INTEGER);
    CREATE INDEX t_v ON t(v);
    CREATE TABLE seq(id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT);
    CREATE TABLE kv(k TEXT PRIMARY KEY, val BLOB) WITHOUT ROWID;
    CREATE VIEW big AS SELECT id, v FROM t WHERE n > 50;
    CREATE TRIGGER seq_log AFTER INSERT ON seq BEGIN UPDATE t SET n = n + 1 WHERE id = 1; END;
    """

private func fill(_ session: SQLSession, rows count: Int) throws {
    try session.execute(setupScript)
    try session.execute("BEGIN")
    for i in 1...count {
        try session.execute("INSERT INTO t VALUES (\(i), 'v\(i % 37)', \(i % 100))")
    }
    for i in 1...20 { try session.execute("INSERT INTO seq(note) VALUES ('n\(i)')") }
    try session.execute("DELETE FROM seq WHERE id > 15")
    for i in 1...30 { try session.execute("INSERT INTO kv VALUES ('k\(i)', randomblob(\(i * 10)))") }
    try session.execute("COMMIT")
    try session.execute("ANALYZE")
}

@Suite struct ReadSnapshotTests {
    // MARK: reading one version

    @Test func aSnapshotKeepsItsVersionWhileOthersCommitDMLAndDDL() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let session = engine.session()
        try fill(session, rows: 300)
        let snapshot = try engine.readSnapshot()
        let before = try contents { try snapshot.query($0).rows }
        let byIndex = try snapshot.query("SELECT id FROM t WHERE v = 'v5' ORDER BY id").rows
        #expect(byIndex.count == 8)

        try session.execute("""
            INSERT INTO t VALUES (1000, 'v5', 1);
            UPDATE t SET v = 'changed' WHERE id % 3 = 0;
            DELETE FROM t WHERE id % 5 = 0;
            INSERT INTO seq(note) VALUES ('later');
            CREATE TABLE added(x);
            INSERT INTO added VALUES (1);
            DROP VIEW big;
            DROP TABLE kv;
            """)
        #expect(try snapshot.query("SELECT count(*) FROM kv").rows == [[.integer(30)]])
        try session.execute("DROP TABLE t")

        // The connection sees the new schema; the snapshot still sees the old one, dropped table
        // and view included, and reads them through their index.
        #expect(failure { _ = try session.query("SELECT * FROM t", parameters: []) }?.code == .undefinedTable)
        #expect(try contents { try snapshot.query($0).rows } == before)
        #expect(try snapshot.query("SELECT id FROM t WHERE v = 'v5' ORDER BY id").rows == byIndex)
        #expect(try snapshot.query("SELECT count(*) FROM big").rows == [[.integer(147)]])
        let added = failure { _ = try snapshot.query("SELECT * FROM added") }
        #expect(added?.code == .undefinedTable)
        // A snapshot taken now sees the new version.
        let later = try engine.readSnapshot()
        #expect(try later.query("SELECT x FROM added").rows == [[.integer(1)]])
        #expect(later.commit > snapshot.commit)
    }

    @Test func queriesTakeParametersPreparedStatementsAndReadingStatements() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let session = engine.session()
        try fill(session, rows: 100)
        let snapshot = try engine.readSnapshot()
        try session.execute("UPDATE t SET n = -1")
        let prepared = try snapshot.prepare("SELECT n FROM t WHERE id = ?")
        for id in [2, 3, 99] {  // (id 1's n was raised by the trigger)
            #expect(try snapshot.run(prepared: prepared, parameters: [.integer(Int64(id))]).rows == [[.integer(Int64(id % 100))]])
        }
        #expect(try snapshot.query("SELECT n FROM t WHERE id = ?1 + ?1", parameters: [.integer(3)]).rows == [[.integer(6)]])
        let wrongCount = failure { _ = try snapshot.run(prepared: prepared, parameters: []) }
        #expect(wrongCount?.code == .invalidParameterValue)
        // A script runs each statement and returns the last one's rows.
        #expect(try snapshot.query("SELECT 1; SELECT max(n) FROM t").rows == [[.integer(99)]])
        #expect(try snapshot.query("WITH w AS (SELECT n FROM t WHERE id < 4) SELECT sum(n) FROM w").rows == [[.integer(26)]])
        let plan = try snapshot.query("EXPLAIN QUERY PLAN SELECT id FROM t WHERE v = 'v1'").rows
        #expect(plan.contains { $0.last?.textValue.contains("INDEX t_v (v=?)") == true })
        #expect(try snapshot.query("EXPLAIN SELECT * FROM t").rows.isEmpty == false)
        #expect(try snapshot.query("EXPLAIN DELETE FROM t WHERE id = 1").rows.isEmpty == false)
        #expect(try snapshot.query("PRAGMA table_info(t)").rows.count == 3)
        #expect(try snapshot.query("PRAGMA index_list(t)").rows.count == 1)
        #expect(try snapshot.query("PRAGMA page_size").rows == [[.integer(4096)]])
        #expect(try snapshot.query("PRAGMA synchronous").rows.count == 1)
        #expect(try snapshot.query("SELECT changes(), last_insert_rowid()").rows == [[.integer(0), .integer(0)]])
    }

    @Test func everyStatementThatCouldWriteIsRefusedAndNothingChanges() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let session = engine.session()
        try fill(session, rows: 50)
        let snapshot = try engine.readSnapshot()
        let before = try contents { try rows($0, session) }
        let commitBefore = engine.storage.stats.latestCommit
        let synchronousBefore = engine.storage.synchronous
        let refused: [(String, String)] = [
            ("INSERT INTO t VALUES (999, 'x', 1)", "INSERT"),
            ("WITH w AS (SELECT 1) INSERT INTO t SELECT 998, 'y', 2 FROM w", "INSERT"),
            ("UPDATE t SET n = 0", "UPDATE"),
            ("DELETE FROM t", "DELETE"),
            ("CREATE TABLE z(a)", "CREATE TABLE"),
            ("CREATE TABLE z AS SELECT * FROM t", "CREATE TABLE"),
            ("CREATE INDEX t_n ON t(n)", "CREATE INDEX"),
            ("CREATE VIEW zv AS SELECT 1", "CREATE VIEW"),
            ("CREATE TRIGGER tr AFTER DELETE ON t BEGIN SELECT 1; END", "CREATE TRIGGER"),
            ("DROP TABLE t", "DROP TABLE"),
            ("DROP INDEX t_v", "DROP INDEX"),
            ("DROP VIEW big", "DROP VIEW"),
            ("DROP TRIGGER seq_log", "DROP TRIGGER"),
            ("ALTER TABLE t ADD COLUMN w", "ALTER TABLE"),
            ("REINDEX", "REINDEX"),
            ("BEGIN", "BEGIN"),
            ("COMMIT", "COMMIT"),
            ("ROLLBACK", "ROLLBACK"),
            ("SAVEPOINT a", "SAVEPOINT"),
            ("RELEASE a", "RELEASE"),
            ("SET TRANSACTION ISOLATION LEVEL SNAPSHOT", "SET TRANSACTION"),
            ("SET default_isolation = 'SNAPSHOT'", "SET"),
            ("ANALYZE", "ANALYZE"),
            ("VACUUM", "VACUUM"),
            ("SELECT * FROM t WHERE id = 1 FOR UPDATE", "SELECT ... FOR UPDATE"),
            ("SELECT * FROM t WHERE id = 1 FOR SHARE", "SELECT ... FOR SHARE"),
            ("PRAGMA wal_checkpoint", "PRAGMA wal_checkpoint"),
            ("PRAGMA synchronous = OFF", "PRAGMA synchronous"),
            ("PRAGMA integrity_check", "PRAGMA integrity_check"),
        ]
        for (sql, what) in refused {
            let error = failure { _ = try snapshot.query(sql) }
            #expect(error?.code == .readOnlySQLTransaction, "\(sql)")
            #expect(error?.message == "a snapshot is read-only: cannot run \(what)", "\(sql)")
            #expect(error?.location == SourceLocation(line: 1, column: 1), "\(sql)")
            #expect(error?.statement == sql, "\(sql)")
            #expect(failure { _ = try snapshot.prepare(sql) }?.code == .readOnlySQLTransaction, "\(sql)")
        }
        // In a script, the refused statement's own position is reported.
        let second = failure { _ = try snapshot.query("SELECT 1;\n  DELETE FROM t") }
        #expect(second?.location == SourceLocation(line: 2, column: 3))
        #expect(engine.storage.stats.latestCommit == commitBefore)
        #expect(engine.storage.synchronous == synchronousBefore)
        #expect(try contents { try rows($0, session) } == before)
        #expect(try snapshot.query("SELECT count(*) FROM t").rows == [[.integer(50)]])
    }

    // MARK: many threads

    @Test func fourThreadsQueryOneSnapshotWhileAWriterCommits() throws {
        var options = SQLEngine.Options()
        options.cachePages = 64  // small enough that pages are evicted under the readers
        let engine = try SQLEngine(path: nil, options: options)
        let setup = engine.session()
        try fill(setup, rows: 2000)
        let snapshot = try engine.readSnapshot()
        let queries = [
            "SELECT count(*), sum(n), max(v) FROM t",
            "SELECT id, n FROM t WHERE v = 'v7' ORDER BY id",
            "SELECT a.id FROM t AS a JOIN t AS b ON b.id = a.id + 1 WHERE a.n = 3 ORDER BY a.id",
            "SELECT name, seq FROM sqlite_sequence",
            "SELECT count(*) FROM big",
            "SELECT count(*) FROM kv",
        ]
        let expected = try queries.map { try snapshot.query($0).rows }
        let prepared = try snapshot.prepare("SELECT v FROM t WHERE id = ?")

        let stop = Locked(false)
        let problems = Locked<[String]>([])
        let writerCommits = Locked(0)
        let group = DispatchGroup()
        let writer = Thread {
            defer { group.leave() }
            let session = engine.session()
            var i = 0
            while !stop.withLock({ $0 }) {
                i += 1
                do throws(StrataError) {
                    try session.execute("UPDATE t SET n = n + 1, v = 'w\(i % 5)' WHERE id % 7 = \(i % 7)")
                    try session.execute("INSERT INTO t VALUES (\(10_000 + i), 'v7', 3)")
                    try session.execute("DELETE FROM t WHERE id = \(i)")
                    try session.execute("INSERT INTO seq(note) VALUES ('w')")
                    if i % 10 == 0 { try session.execute("CREATE TABLE x\(i)(a); DROP TABLE kv; CREATE TABLE kv(k, val)") }
                    writerCommits.withLock { $0 += 1 }
                } catch {
                    problems.withLock { $0.append("writer: \(error)") }
                    return
                }
            }
        }
        var readers: [Thread] = []
        for r in 0..<4 {
            readers.append(Thread {
                defer { group.leave() }
                for round in 0..<12 {
                    for (q, sql) in queries.enumerated() {
                        do throws(StrataError) {
                            let got = try snapshot.query(sql).rows
                            if got != expected[q] { problems.withLock { $0.append("reader \(r) round \(round): \(sql) changed") } }
                            let id = Int64(1 + (round * 37 + r * 11) % 2000)
                            let v = try snapshot.run(prepared: prepared, parameters: [.integer(id)]).rows
                            if v != [[.text("v\(id % 37)")]] { problems.withLock { $0.append("reader \(r): row \(id) is \(v)") } }
                        } catch {
                            problems.withLock { $0.append("reader \(r): \(error)") }
                        }
                    }
                }
            })
        }
        group.enter()
        writer.start()
        for t in readers {
            group.enter()
            t.start()
        }
        // Readers first, then stop the writer (it has committed all along).
        while readers.contains(where: { !$0.isFinished }) { usleep(10_000) }
        stop.withLock { $0 = true }
        group.wait()
        #expect(problems.withLock { $0 } == [])
        #expect(writerCommits.withLock { $0 } > 0)
        // The writer's changes are there for new readers.
        #expect(try engine.readSnapshot().query(queries[0]).rows != expected[0])
    }

    // MARK: closing and what a snapshot holds

    @Test func aClosedSnapshotFailsAndReleasesItsPin() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        try engine.session().execute("CREATE TABLE t(a); INSERT INTO t VALUES (1)")
        let snapshot = try engine.readSnapshot()
        let prepared = try snapshot.prepare("SELECT a FROM t")
        #expect(engine.storage.pins().filter { $0.label == ReadSnapshot.pinLabel }.count == 1)
        snapshot.close()
        snapshot.close()
        #expect(snapshot.isClosed)
        #expect(engine.storage.pins().filter { $0.label == ReadSnapshot.pinLabel }.isEmpty)
        for error in [failure { _ = try snapshot.query("SELECT a FROM t") },
                      failure { _ = try snapshot.run(prepared: prepared, parameters: []) },
                      failure { try snapshot.backup(to: TempPath().path) }] {
            #expect(error?.code == .connectionDoesNotExist)
            #expect(error?.message == "the snapshot is closed")
        }
        // A snapshot dropped without close() releases its pin too.
        do {
            let dropped = try engine.readSnapshot()
            #expect(try dropped.query("SELECT a FROM t").rows == [[.integer(1)]])
            #expect(engine.storage.pins().count == 1)
        }
        #expect(engine.storage.pins().isEmpty)
        // A closed engine gives no new snapshot.
        try engine.close()
        #expect(failure { _ = try engine.readSnapshot() }?.code == .connectionDoesNotExist)
        #expect(failure { try engine.backup(to: TempPath().path) }?.code == .connectionDoesNotExist)
    }

    @Test func aSnapshotHoldsPagesBackUntilItGoesButNeverTheCommitHistory() throws {
        let temp = TempPath()
        defer { temp.remove() }
        let engine = try SQLEngine(path: temp.path, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        try session.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)")
        try session.execute("BEGIN")
        for i in 1...2000 { try session.execute("INSERT INTO t VALUES (\(i), zeroblob(100))") }
        try session.execute("COMMIT")
        func rewriteAll(rounds: Int) throws {
            for _ in 0..<rounds { try session.execute("UPDATE t SET v = randomblob(100)") }
        }
        var snapshot: ReadSnapshot? = try engine.readSnapshot()
        let pinned = try snapshot!.query("SELECT sum(length(v)), count(*) FROM t").rows

        let pagesAtStart = engine.storage.stats.pageCount
        try rewriteAll(rounds: 8)
        try engine.storage.checkpoint()
        let grownWhileHeld = engine.storage.stats.pageCount - pagesAtStart
        let held = try #require(engine.storage.pins().first { $0.label == ReadSnapshot.pinLabel })
        #expect(held.pagesHeld > 300)
        // No entry in the transaction registry, so commits are not kept for validation.
        #expect(engine.transactions.activeCount == 0)
        #expect(engine.transactions.historyCount <= 1)
        #expect(try snapshot!.query("SELECT sum(length(v)), count(*) FROM t").rows == pinned)

        snapshot = nil
        #expect(engine.storage.pins().isEmpty)
        try rewriteAll(rounds: 1)
        try engine.storage.checkpoint()
        let pagesAfterRelease = engine.storage.stats.pageCount
        for _ in 0..<4 {
            try rewriteAll(rounds: 2)
            try engine.storage.checkpoint()
        }
        let grownAfterRelease = engine.storage.stats.pageCount - pagesAfterRelease
        // 8 rounds of rewriting every page grew the file while the snapshot held their old
        // copies; after it went, 8 more rounds reuse the freed pages.
        #expect(grownWhileHeld > 300)
        #expect(grownAfterRelease < grownWhileHeld / 4)
        #expect(engine.storage.stats.freePages > 0)
    }

    // MARK: interrupts and deep statements

    @Test func anInterruptStopsTheQueryThatWasGivenTheFlag() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        try engine.session().execute("CREATE TABLE t(a); INSERT INTO t VALUES (1), (2)")
        let snapshot = try engine.readSnapshot()
        let flag = InterruptFlag()
        flag.raise()
        let error = failure { _ = try snapshot.query("SELECT * FROM t", interrupt: flag) }
        #expect(error?.code == .queryCanceled)
        #expect(error?.statement == "SELECT * FROM t")
        #expect(try snapshot.query("SELECT count(*) FROM t").rows == [[.integer(2)]])
        flag.clear()
        #expect(try snapshot.query("SELECT count(*) FROM t", interrupt: flag).rows == [[.integer(2)]])

        // A raise from another thread stops a long query.
        let long = "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT count(*) FROM c"
        let running = InterruptFlag()
        let raiser = Thread {
            usleep(50_000)
            running.raise()
        }
        raiser.start()
        #expect(failure { _ = try snapshot.query(long, interrupt: running) }?.code == .queryCanceled)
    }

    @Test func deepStatementsRunOnASmallStack() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        try engine.session().execute("CREATE TABLE t(a); INSERT INTO t VALUES (1)")
        let snapshot = try engine.readSnapshot()
        let depth = 990
        let sql = "SELECT " + String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth) + " FROM t"
        let result = onSmallStack { () -> [[Value]]? in try? snapshot.query(sql).rows }
        #expect(result == [[.integer(1)]])
    }

    // MARK: backup

    @Test func aBackupTakenWhileAWriterCommitsEqualsItsSnapshot() throws {
        let source = TempPath()
        let copy = TempPath()
        defer {
            source.remove()
            copy.remove()
        }
        var options = SQLEngine.Options()
        options.pageSize = 8192
        options.cachePages = 64
        let engine = try SQLEngine(path: source.path, options: options)
        defer { try? engine.close() }
        let setup = engine.session()
        try fill(setup, rows: 3000)
        // Values over a quarter of a page live in overflow chains; copy those too.
        try setup.execute("INSERT INTO kv VALUES ('large', randomblob(50000))")
        let snapshot = try engine.readSnapshot()
        let expected = try contents { try snapshot.query($0).rows }
        let plan = "EXPLAIN QUERY PLAN SELECT * FROM t WHERE v = 'v1' AND n > 5"
        let expectedPlan = try snapshot.query(plan).rows

        let stop = Locked(false)
        let commits = Locked(0)
        let done = DispatchSemaphore(value: 0)
        let writer = Thread {
            defer { done.signal() }
            let session = engine.session()
            var i = 0
            while !stop.withLock({ $0 }) {
                i += 1
                do throws(StrataError) {
                    try session.execute("UPDATE t SET n = n + 1 WHERE id % 11 = \(i % 11); INSERT INTO seq(note) VALUES ('w'); DELETE FROM t WHERE id = \(i)")
                    commits.withLock { $0 += 3 }
                } catch {
                    return
                }
            }
        }
        writer.start()
        while commits.withLock({ $0 }) < 6 { usleep(1000) }
        try snapshot.backup(to: copy.path)
        stop.withLock { $0 = true }
        done.wait()
        #expect(!copy.walExists)

        let restored = try SQLEngine(path: copy.path, options: SQLEngine.Options())
        defer { try? restored.close() }
        let reader = restored.session()
        #expect(restored.storage.pageSize == 8192)
        #expect(try contents { try rows($0, reader) } == expected)
        #expect(try rows(plan, reader) == expectedPlan)
        #expect(try rows("PRAGMA integrity_check", reader) == [[.text("ok")]])
        #expect(try rows("SELECT id FROM t WHERE v = 'v3' ORDER BY id", reader)
                == (try snapshot.query("SELECT id FROM t WHERE v = 'v3' ORDER BY id").rows))
        #expect(try rows("SELECT count(*) FROM big", reader) == (try snapshot.query("SELECT count(*) FROM big").rows))
        // The copy is a working database: AUTOINCREMENT goes on from the copied sequence, and the
        // trigger fires.
        try reader.execute("INSERT INTO seq(note) VALUES ('after')")
        #expect(try rows("SELECT max(id) FROM seq", reader) == [[.integer(21)]])
        // The source has moved on: the copy is the snapshot's version, not the newest.
        #expect(try contents { try rows($0, setup) } != expected)
    }

    @Test func aBackupRefusesAnExistingPathAndTouchesNothing() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        try engine.session().execute("CREATE TABLE t(a); INSERT INTO t VALUES (1)")
        let existing = TempPath()
        defer { existing.remove() }
        let bytes = Data("not a database".utf8)
        try bytes.write(to: URL(fileURLWithPath: existing.path))
        let error = failure { try engine.backup(to: existing.path) }
        #expect(error?.code == .duplicateFile)
        #expect(error?.message.contains("already exists") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: existing.path)) == bytes)
        #expect(!existing.walExists)

        // A stale log at the target would be replayed into the copy: refused too, and the data
        // file the backup had claimed is removed again.
        let withLog = TempPath()
        defer { withLog.remove() }
        try bytes.write(to: URL(fileURLWithPath: withLog.path + "-wal"))
        #expect(failure { try engine.backup(to: withLog.path) }?.code == .duplicateFile)
        #expect(!withLog.exists)
        #expect(try Data(contentsOf: URL(fileURLWithPath: withLog.path + "-wal")) == bytes)

        let noDirectory = "/nonexistent-\(UUID().uuidString)/copy.db"
        #expect(failure { try engine.backup(to: noDirectory) }?.code == .ioError)
    }

    @Test func aBackupOfAnInMemoryDatabaseOpensWithTheSameContents() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let session = engine.session()
        try fill(session, rows: 500)
        let expected = try contents { try rows($0, session) }
        let copy = TempPath()
        defer { copy.remove() }
        try engine.backup(to: copy.path)
        #expect(engine.storage.pins().isEmpty)
        let restored = try SQLEngine(path: copy.path, options: SQLEngine.Options())
        defer { try? restored.close() }
        #expect(try contents { try rows($0, restored.session()) } == expected)

        // An empty database copies too.
        let empty = try SQLEngine(path: nil, options: SQLEngine.Options())
        let emptyCopy = TempPath()
        defer { emptyCopy.remove() }
        try empty.backup(to: emptyCopy.path)
        let reopened = try SQLEngine(path: emptyCopy.path, options: SQLEngine.Options())
        defer { try? reopened.close() }
        #expect(try rows("SELECT count(*) FROM sqlite_schema", reopened.session()) == [[.integer(0)]])
    }

    @Test func aBackupThatFailsLeavesNoFileBehind() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let session = engine.session()
        try fill(session, rows: 2000)
        let copy = TempPath()
        defer { copy.remove() }
        let flag = InterruptFlag()
        flag.raise()
        let error = failure { try engine.backup(to: copy.path, interrupt: flag) }
        #expect(error?.code == .queryCanceled)
        #expect(!copy.exists)
        #expect(!copy.walExists)
        // The path is free again for a backup that succeeds.
        try engine.backup(to: copy.path)
        #expect(copy.exists)
    }
}
