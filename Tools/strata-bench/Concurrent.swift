// concurrent-rw (issue 6): N threads, each on its own connection, run autocommit statements for a
// fixed time: half point reads (SELECT balance FROM acct WHERE id = ?), half single-row updates
// (UPDATE acct SET balance = balance + 1 WHERE id = ?), ids uniform over the table. Strata runs
// it in every level and mode (the connection's SET default_isolation / default_concurrency);
// SQLite in WAL mode with a busy timeout of 5 s, one connection per thread, the same
// durability. Reported per thread count and mode: committed statements per second, aborts (a
// statement that failed: Strata's serialization failure after its own retries, a deadlock or
// lock timeout; SQLite's SQLITE_BUSY after the timeout) and Strata's transparent autocommit
// retries. The answer is checked: after each cell the sum of balances must equal the start
// plus the committed updates, on both engines.

import CSQLite
import Strata
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

struct ConcurrentCell: Sendable {
    var threads: Int
    var mode: String
    var strata: ConcurrentCount
    var sqlite: ConcurrentCount
}

struct ConcurrentCount: Sendable {
    var reads = 0
    var updates = 0
    var aborts = 0
    var retries = 0
    var seconds = 0.0
    var statements: Int { reads + updates }
    var perSecond: Double { seconds > 0 ? Double(statements) / seconds : 0 }

    static func + (a: ConcurrentCount, b: ConcurrentCount) -> ConcurrentCount {
        ConcurrentCount(reads: a.reads + b.reads, updates: a.updates + b.updates, aborts: a.aborts + b.aborts,
                        retries: a.retries + b.retries, seconds: max(a.seconds, b.seconds))
    }
}

enum ConcurrentRW {
    static let threadCounts = [2, 4, 8]
    static let modes = ["SNAPSHOT OPTIMISTIC", "SERIALIZABLE OPTIMISTIC", "SNAPSHOT PESSIMISTIC",
                        "SERIALIZABLE PESSIMISTIC", "SERIALIZABLE SERIAL", "READ COMMITTED OPTIMISTIC"]
    static let startBalance: Int64 = 1_000

    /// Runs every thread count and mode on fresh databases, `options.seconds` per engine and cell.
    static func run(_ options: BenchOptions) throws(BenchError) -> [ConcurrentCell] {
        let dir = try TemporaryDirectory(under: options.directory)
        defer { dir.remove() }
        let strataPath = dir.path + "/concurrent-strata.db"
        let sqlitePath = dir.path + "/concurrent-sqlite.db"
        var o = Database.Options()
        o.cachePages = options.cachePages
        let database: Database
        do { database = try Database(path: strataPath, options: o) } catch { throw BenchError("Strata: \(error)") }
        defer { try? database.close() }
        let setup = database.connection()
        let rows = options.rows
        do {
            try setup.execute("PRAGMA synchronous = \(options.durability.pragmaValue)")
            try setup.execute("CREATE TABLE acct(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL, note TEXT)")
            try setup.execute("BEGIN")
            let insert = try setup.prepare("INSERT INTO acct VALUES (?, ?, ?)")
            for i in 1...rows { try insert.execute([Int64(i), startBalance, "account \(i)"]) }
            try setup.execute("COMMIT")
        } catch {
            throw BenchError("Strata: loading acct: \(error)")
        }
        let sqlite = try SQLiteConnection(path: sqlitePath, options: options)
        try sqlite.exec("CREATE TABLE acct(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL, note TEXT)")
        try sqlite.exec("BEGIN")
        for i in 1...rows { try sqlite.exec("INSERT INTO acct VALUES (\(i), \(startBalance), 'account \(i)')") }
        try sqlite.exec("COMMIT")

        var cells: [ConcurrentCell] = []
        var strataUpdates = 0
        var sqliteUpdates = 0
        for threads in threadCounts {
            // SQLite has one way of running: measured once per thread count, shown on each mode.
            progress("concurrent-rw: \(threads) threads, SQLite (WAL, busy_timeout 5000) ...")
            let q = try runSQLite(path: sqlitePath, options: options, threads: threads)
            sqliteUpdates += q.updates
            try sqlite.checkSum(rows: rows, updates: sqliteUpdates)
            for mode in modes {
                progress("concurrent-rw: \(threads) threads, Strata \(mode) ...")
                let s = try runStrata(database, options: options, threads: threads, mode: mode)
                strataUpdates += s.updates
                let sum: Value
                do { sum = try setup.query("SELECT sum(balance) FROM acct").rows[0][0] } catch { throw BenchError("Strata: \(error)") }
                let expected = Int64(rows) * startBalance + Int64(strataUpdates)
                guard sum == .integer(expected) else {
                    throw BenchError("WRONG ANSWER in concurrent-rw (Strata \(mode), \(threads) threads): sum of balances \(sum), expected \(expected)")
                }
                cells.append(ConcurrentCell(threads: threads, mode: mode, strata: s, sqlite: q))
            }
        }
        sqlite.close()
        return cells
    }

    /// One thread's loop: `step(isUpdate, id)` runs one statement and says how it ended.
    enum Outcome { case committed, aborted }

    static func runThreads(_ threads: Int, seconds: Double, rows: Int,
                           makeStep: @escaping @Sendable (Int) -> ((Bool, Int64) -> Outcome)?) -> ConcurrentCount {
        let total = Mutex(ConcurrentCount())
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(Int(seconds * 1000))
        var handles: [pthread_t] = []
        for t in 0..<threads {
            handles.append(spawn {
                guard let step = makeStep(t) else { return }
                var rng = SplitMix64(seed: 0xC0FFEE &+ UInt64(t))
                var count = ConcurrentCount()
                while ContinuousClock.now < deadline {
                    let isUpdate = rng.next() & 1 == 1
                    let id = Int64(rng.next() % UInt64(rows)) + 1
                    switch step(isUpdate, id) {
                    case .committed: if isUpdate { count.updates += 1 } else { count.reads += 1 }
                    case .aborted: count.aborts += 1
                    }
                }
                total.withLock { $0 = $0 + count }
            })
        }
        for h in handles { pthread_join(h, nil) }
        var c = total.withLock { $0 }
        c.seconds = (ContinuousClock.now - started).seconds
        return c
    }

    static func runStrata(_ database: Database, options: BenchOptions, threads: Int, mode: String) throws(BenchError) -> ConcurrentCount {
        let words = mode.split(separator: " ")
        let level = words.dropLast().joined(separator: " ")
        let concurrency = String(words.last!)
        let retries = Mutex(0)
        let failure = Mutex<String?>(nil)
        let durability = options.durability.pragmaValue
        var count = runThreads(threads, seconds: options.seconds, rows: options.rows) { _ in
            let c = database.connection()
            let read: Statement
            let update: Statement
            do {
                try c.execute("PRAGMA synchronous = \(durability)")
                try c.execute("SET default_isolation = '\(level)'")
                try c.execute("SET default_concurrency = '\(concurrency)'")
                read = try c.prepare("SELECT balance FROM acct WHERE id = ?")
                update = try c.prepare("UPDATE acct SET balance = balance + 1 WHERE id = ?")
            } catch {
                failure.withLock { $0 = "\(error)" }
                return nil
            }
            let box = UncheckedBox((c, read, update))
            return { isUpdate, id in
                let (c, read, update) = box.value
                let before = c.autocommitRetries
                defer { let n = c.autocommitRetries - before; if n > 0 { retries.withLock { $0 += n } } }
                do {
                    if isUpdate { try update.execute([id]) } else { _ = try read.query([.integer(id)]) }
                    return .committed
                } catch let e as StrataError where [SQLState.serializationFailure, .deadlockDetected, .lockNotAvailable].contains(e.code) {
                    return .aborted
                } catch {
                    failure.withLock { $0 = "\(error)" }
                    return .aborted
                }
            }
        }
        if let f = failure.withLock({ $0 }) { throw BenchError("Strata concurrent-rw \(mode): \(f)") }
        count.retries = retries.withLock { $0 }
        return count
    }

    static func runSQLite(path: String, options: BenchOptions, threads: Int) throws(BenchError) -> ConcurrentCount {
        let failure = Mutex<String?>(nil)
        let count = runThreads(threads, seconds: options.seconds, rows: options.rows) { _ in
            let c: SQLiteConnection
            do { c = try SQLiteConnection(path: path, options: options) } catch {
                failure.withLock { $0 = "\(error)" }
                return nil
            }
            let read = c.prepare("SELECT balance FROM acct WHERE id = ?")
            let update = c.prepare("UPDATE acct SET balance = balance + 1 WHERE id = ?")
            let box = UncheckedBox((c, read, update))
            return { isUpdate, id in
                let (_, read, update) = box.value
                let s = isUpdate ? update : read
                sqlite3_bind_int64(s, 1, id)
                var rc = sqlite3_step(s)
                while rc == SQLITE_ROW { rc = sqlite3_step(s) }
                sqlite3_reset(s)
                if rc == SQLITE_DONE { return .committed }
                if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { return .aborted }
                failure.withLock { $0 = "SQLite step: code \(rc)" }
                return .aborted
            }
        }
        if let f = failure.withLock({ $0 }) { throw BenchError("SQLite concurrent-rw: \(f)") }
        return count
    }

    static func table(_ cells: [ConcurrentCell], _ options: BenchOptions) -> String {
        var out: [String] = [""]
        out.append("concurrent-rw: \(options.rows) rows, \(short(options.seconds)) s per engine and cell; autocommit, 50% point reads, "
            + "50% single-row updates; one connection per thread; SQLite WAL, busy_timeout 5000, one measurement per thread count")
        let header = [pad("threads", 7), pad("Strata mode", 25, right: false), pad("Strata stmt/s", 14), pad("SQLite stmt/s", 14),
                      pad("Strata/SQLite", 14), pad("aborts", 7), pad("retries", 8), pad("SQLite aborts", 14)].joined(separator: " ")
        out.append(header)
        out.append(String(repeating: "-", count: header.count))
        for c in cells {
            out.append([pad(String(c.threads), 7), pad(c.mode, 25, right: false), pad(short(c.strata.perSecond), 14),
                        pad(short(c.sqlite.perSecond), 14), pad(short(c.sqlite.perSecond / c.strata.perSecond) + "x", 14),
                        pad(String(c.strata.aborts), 7), pad(String(c.strata.retries), 8), pad(String(c.sqlite.aborts), 14)]
                .joined(separator: " "))
        }
        out.append("(Strata/SQLite = time per statement, Strata's over SQLite's: lower is better; below 1 Strata is ahead. aborts = statements")
        out.append(" that failed; retries = Strata's transparent autocommit retries after a serialization failure.)")
        return out.joined(separator: "\n")
    }

    static func json(_ cells: [ConcurrentCell], _ options: BenchOptions) -> [String] {
        cells.map { c in
            let s = c.strata.perSecond > 0 ? 1 / c.strata.perSecond : 0
            let q = c.sqlite.perSecond > 0 ? 1 / c.sqlite.perSecond : 0
            return """
                  {"workload": "concurrent-rw", "rows": \(options.rows), "strata_s": \(s), "sqlite_s": \(q), \
                "ratio": \(q > 0 ? s / q : 0), "threads": \(c.threads), "mode": "\(c.mode)", \
                "strata_statements_per_s": \(c.strata.perSecond), "sqlite_statements_per_s": \(c.sqlite.perSecond), \
                "strata_aborts": \(c.strata.aborts), "strata_retries": \(c.strata.retries), "sqlite_aborts": \(c.sqlite.aborts), \
                "seconds": \(options.seconds), "durability": "\(options.durability.rawValue)"}
                """
        }
    }
}

/// A value handed to the one thread that uses it.
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Starts `body` on a new POSIX thread (8 MiB stack).
func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t {
    let context = Unmanaged.passRetained(UncheckedBox(body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, 8 << 20)
    var thread = pthread_t()
    let rc = pthread_create(&thread, &attributes, { raw in
        let box = Unmanaged<UncheckedBox<@Sendable () -> Void>>.fromOpaque(raw!).takeRetainedValue()
        box.value()
        return nil
    }, context)
    pthread_attr_destroy(&attributes)
    precondition(rc == 0, "pthread_create failed: \(rc)")
    return thread
}

/// A SQLite connection for the concurrent workload (WAL, busy timeout, the run's durability).
final class SQLiteConnection {
    let db: OpaquePointer
    private var statements: [OpaquePointer] = []

    init(path: String, options: BenchOptions) throws(BenchError) {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
              let handle else {
            sqlite3_close(handle)
            throw BenchError("SQLite: cannot open \(path)")
        }
        db = handle
        sqlite3_busy_timeout(db, 5000)
        try exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = \(options.durability.pragmaValue); PRAGMA cache_size = \(options.cachePages)")
    }

    func exec(_ sql: String) throws(BenchError) {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("SQLite: \(String(cString: sqlite3_errmsg(db)))\n  in: \(sql)")
        }
    }

    func prepare(_ sql: String) -> OpaquePointer {
        var s: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &s, nil)
        precondition(rc == SQLITE_OK && s != nil, "SQLite prepare failed: \(String(cString: sqlite3_errmsg(db)))")
        statements.append(s!)
        return s!
    }

    func checkSum(rows: Int, updates: Int) throws(BenchError) {
        let s = prepare("SELECT sum(balance) FROM acct")
        guard sqlite3_step(s) == SQLITE_ROW else { throw BenchError("SQLite: sum: \(String(cString: sqlite3_errmsg(db)))") }
        let sum = sqlite3_column_int64(s, 0)
        sqlite3_reset(s)
        let expected = Int64(rows) * ConcurrentRW.startBalance + Int64(updates)
        guard sum == expected else { throw BenchError("WRONG ANSWER in concurrent-rw (SQLite): sum \(sum), expected \(expected)") }
    }

    func close() {
        for s in statements { sqlite3_finalize(s) }
        statements.removeAll()
        sqlite3_close(db)
    }

    deinit { if !statements.isEmpty { close() } }
}
