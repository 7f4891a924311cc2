// The code samples of the Strata documentation catalog (Sources/Strata/Strata.docc: the module
// page, GettingStarted, ChoosingIsolation, Concurrency), copied here as they are written, so that
// they compile against the current API and do what the text around them says. Only the file
// paths differ (a temporary file instead of "library.strata"), and a line marked "(test only)"
// may sit inside a sample. `print` is shadowed in each test to collect what a sample prints.
// Change a sample here when you change it in the article.

import Dispatch
import Foundation
import Strata
import Testing

/// What a sample printed, one line per `print` call.
final class Printed {
    var lines: [String] = []
}

@Suite struct DocumentationSnippetTests {
    @Test func modulePage() throws {
        let file = try TemporaryDatabase()
        let out = Printed()
        func print(_ items: Any...) { out.lines.append(items.map { "\($0)" }.joined(separator: " ")) }
        try file.database.close()

        let db = try Database(path: file.path)
        try db.transaction { tx in
            try tx.execute("CREATE TABLE IF NOT EXISTS items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER)")
            try tx.execute("INSERT INTO items(name, price) VALUES (?, ?)", ["tea", 350])
        }
        let connection = db.connection()
        for row in try connection.fetchAll("SELECT name, price FROM items ORDER BY name") {
            print(try row["name"] as String, try row["price"] as Int)
        }
        try db.close()

        #expect(out.lines == ["tea 350"])
    }

    @Test func gettingStarted() throws {
        let file = try TemporaryDatabase()
        try file.database.close()
        let out = Printed()
        func print(_ items: Any...) { out.lines.append(items.map { "\($0)" }.joined(separator: " ")) }

        // Open a database
        let db = try Database(path: file.path)
        let connection = db.connection()

        var options = Database.Options()
        options.synchronous = .normal           // sync at checkpoints: a power loss may lose the last commits
        options.lockTimeout = .seconds(2)       // a statement waits at most 2 s for a lock
        do {
            let tunedFile = try TemporaryDatabase(options: options)  // the sample's "tuned.strata"
            let tuned = tunedFile.database
            #expect(try tuned.connection().lockTimeout == .seconds(2))
            // A file is open in one Database at a time.
            #expect((#expect(throws: StrataError.self) { try Database(path: tunedFile.path) })?.code == .objectInUse)
        }

        // Create a table
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS books(
                id INTEGER PRIMARY KEY,
                title TEXT NOT NULL,
                author TEXT NOT NULL,
                year INTEGER,
                isbn TEXT UNIQUE);
            CREATE INDEX IF NOT EXISTS books_by_author ON books(author);
            """)

        // Insert with arguments
        try connection.execute("INSERT INTO books(title, author, year, isbn) VALUES (?, ?, ?, ?)",
                               ["Dune", "Frank Herbert", 1965, "978-0441013593"])
        try connection.execute("INSERT INTO books(title, author, year, isbn) VALUES (:title, :author, :year, :isbn)",
                               ["title": "The Dispossessed", "author": "Ursula K. Le Guin", "year": 1974, "isbn": nil])
        let missing = #expect(throws: StrataError.self) {
            try connection.execute("INSERT INTO books(title, author) VALUES (:title, :author)", ["title": "Emma"])
        }
        #expect(missing?.code == .invalidParameterValue)

        // Read typed rows
        for row in try connection.fetchAll("SELECT title, year, isbn FROM books WHERE year < ? ORDER BY year", [2000]) {
            let title: String = try row["title"]
            let year: Int = try row["year"]
            let isbn: String? = try row["isbn"]     // NULL reads as nil
            print(title, year, isbn ?? "no ISBN")
        }

        let count: Int = try connection.fetchOne("SELECT count(*) FROM books")?[0] ?? 0
        #expect(out.lines == ["Dune 1965 978-0441013593", "The Dispossessed 1974 no ISBN"])
        #expect(count == 2)
        let strict = try #require(try connection.fetchOne("SELECT NULL AS a, 2.5 AS b, 300 AS c, 'x' AS d"))
        #expect((#expect(throws: StrataError.self) { try strict["a"] as Int })?.code == .nullValueNotAllowed)
        #expect((#expect(throws: StrataError.self) { try strict["b"] as Int })?.code == .numericValueOutOfRange)
        #expect((#expect(throws: StrataError.self) { try strict["c"] as Int8 })?.code == .numericValueOutOfRange)
        #expect((#expect(throws: StrataError.self) { try strict["d"] as Int })?.code == .datatypeMismatch)
        #expect(strict.columns.names == ["a", "b", "c", "d"])

        // Prepare a statement once, run it many times
        let insert = try connection.prepare("INSERT INTO books(title, author, year) VALUES (?, ?, ?)")
        for (title, author, year) in [("Kindred", "Octavia E. Butler", 1979), ("Solaris", "Stanisław Lem", 1961)] {
            try insert.execute([title, author, year])
        }

        let byAuthor = try connection.prepare("SELECT title FROM books WHERE author = :author ORDER BY title")
        let titles = try byAuthor.fetchAll(["author": "Octavia E. Butler"]).map { try $0["title"] as String }
        #expect(titles == ["Kindred"])

        // Decode rows into your own types
        struct Book: Codable {
            var id: Int
            var title: String
            var author: String
            var year: Int?
            var isbn: String?
        }

        let classics = try connection.fetchAll(Book.self, "SELECT * FROM books WHERE year < ? ORDER BY year", [1970])
        let authors = try connection.fetchAll(String.self, "SELECT DISTINCT author FROM books ORDER BY author")
        let newest = try connection.fetchOne(Int.self, "SELECT max(year) FROM books")
        #expect(classics.map(\.title) == ["Solaris", "Dune"])
        #expect(classics.map(\.isbn) == [nil, "978-0441013593"] && classics.map(\.year) == [1961, 1965])
        #expect(authors == ["Frank Herbert", "Octavia E. Butler", "Stanisław Lem", "Ursula K. Le Guin"])
        #expect(newest == 1979)
        // Extra columns are ignored; a missing one for a non-optional property names the row's columns.
        #expect(try connection.fetchOne(Book.self, "SELECT *, 1 AS extra FROM books WHERE id = 1")?.title == "Dune")
        let noColumn = #expect(throws: StrataError.self) { try connection.fetchOne(Book.self, "SELECT id, title FROM books") }
        #expect(noColumn?.code == .undefinedColumn)
        #expect(noColumn?.message == "no column named author in the row (decoding Book); its columns are id, title")
        struct Tagged: Decodable { var id: Int; var tags: [String] }
        #expect((#expect(throws: StrataError.self) { try connection.fetchOne(Tagged.self, "SELECT 1 AS id, 'a' AS tags") })?.code
                == .featureNotSupported)
        let first = try #require(try connection.fetchOne("SELECT * FROM books ORDER BY id"))
        #expect(try first.decode(Book.self).title == "Dune")
        // A Statement has the same forms.
        let booksBy = try connection.prepare("SELECT * FROM books WHERE author = ?")
        #expect(try booksBy.fetchAll(Book.self, ["Octavia E. Butler"]).map(\.title) == ["Kindred"])
        #expect(try booksBy.fetchOne(Book.self, ["Nobody"]) == nil)
        #expect(try connection.prepare("SELECT count(*) FROM books").fetchOne(Int.self) == 4)

        let book = Book(id: 10, title: "The Left Hand of Darkness", author: "Ursula K. Le Guin", year: 1969, isbn: nil)
        try connection.execute("INSERT INTO books(id, title, author, year, isbn) VALUES (:id, :title, :author, :year, :isbn)",
                               encoding: book)
        try connection.execute("UPDATE books SET year = :year WHERE id = :id", encoding: book)
        let stored = try #require(try connection.fetchOne(Book.self, "SELECT * FROM books WHERE id = 10"))
        #expect(stored.title == book.title && stored.year == 1969 && stored.isbn == nil)
        // Every parameter needs a property; StatementArguments(encoding:) also refuses unused properties.
        #expect((#expect(throws: StrataError.self) {
            try connection.execute("UPDATE books SET year = :year WHERE id = :id AND :edition = 1", encoding: book)
        })?.code == .invalidParameterValue)
        #expect((#expect(throws: StrataError.self) {
            try connection.execute("UPDATE books SET year = :year WHERE id = :id", StatementArguments(encoding: book))
        })?.code == .invalidParameterValue)

        // Read a large result row by row
        out.lines = []
        let cursor = try connection.cursor("SELECT * FROM books ORDER BY id")
        while let row = try cursor.next() {
            let book = try row.decode(Book.self)
            print(book.title)
            if book.author == "Octavia E. Butler" { break }
        }
        #expect((#expect(throws: StrataError.self) { try connection.execute("SELECT 1") })?.code == .objectInUse)
        cursor.close()      // done early: give the connection back
        #expect(out.lines == ["Dune", "The Dispossessed", "Kindred"])
        try connection.execute("SELECT 1")
        // Read to its end, a cursor gives the connection back by itself.
        #expect(try connection.cursor("SELECT title FROM books").collect().count == 5)
        try connection.execute("SELECT 1")

        // Run a transaction
        try connection.execute("CREATE TABLE IF NOT EXISTS loans(book INTEGER PRIMARY KEY, member TEXT NOT NULL)")

        struct AlreadyLent: Error {}

        try connection.transaction(.serializable, mode: .optimistic) { tx in
            if try tx.fetchOne("SELECT member FROM loans WHERE book = ?", [1]) != nil { throw AlreadyLent() }
            try tx.execute("INSERT INTO loans(book, member) VALUES (?, ?)", [1, "ada"])
        }
        #expect(throws: AlreadyLent.self) {
            try connection.transaction(.serializable, mode: .optimistic) { tx in
                if try tx.fetchOne("SELECT member FROM loans WHERE book = ?", [1]) != nil { throw AlreadyLent() }
                try tx.execute("INSERT INTO loans(book, member) VALUES (?, ?)", [1, "bob"])
            }
        }
        #expect(try connection.defaultIsolation == .serializable && connection.defaultMode == .optimistic)

        // Handle errors
        out.lines = []
        do {
            try connection.execute("SELECT title FROM books WHERE year > 2000 ORDER title")
        } catch let error as StrataError {
            print(error.code)                          // 42601
            print(error.message)                       // near "title": syntax error
            if let location = error.location {
                print(location.line, location.column)  // 1 49
            }
        }
        #expect(out.lines == ["42601", "near \"title\": syntax error", "1 49"])

        out.lines = []
        do {
            try connection.execute("INSERT INTO books(title, author, isbn) VALUES ('Dune', 'Frank Herbert', '978-0441013593')")
        } catch SQLState.uniqueViolation {
            print("that ISBN is taken")                // 23505
        } catch SQLState.integrityConstraintViolation {
            print("another constraint failed")         // any other 23xxx
        }
        do {
            try connection.execute("INSERT INTO books(title) VALUES ('Emma')")
        } catch SQLState.uniqueViolation {
            print("that ISBN is taken")                // 23505
        } catch SQLState.integrityConstraintViolation {
            print("another constraint failed")         // any other 23xxx
        }
        // Any other error passes both patterns.
        #expect((#expect(throws: StrataError.self) {
            do {
                try connection.execute("INSERT INTO nowhere VALUES (1)")
            } catch SQLState.uniqueViolation {
                print("that ISBN is taken")
            } catch SQLState.integrityConstraintViolation {
                print("another constraint failed")
            }
        })?.code == .undefinedTable)
        #expect(SQLState.integrityConstraintViolation.contains(.notNullViolation))
        #expect(out.lines == ["that ISBN is taken", "another constraint failed"])

        // Close
        let open = try connection.cursor("SELECT * FROM books")
        _ = try open.next()
        #expect((#expect(throws: StrataError.self) { try db.close() })?.code == .objectInUse)
        open.close()
        try connection.execute("BEGIN; INSERT INTO loans VALUES (2, 'eve')")
        #expect((#expect(throws: StrataError.self) { try db.close() })?.code == .objectInUse)
        try connection.close()
        try db.close()
        #expect((#expect(throws: StrataError.self) { try insert.execute(["Emma", "Jane Austen", 1815]) })?.code
                == .connectionDoesNotExist)
        let reopened = try Database(path: file.path)
        #expect(try reopened.connection().fetchOne("SELECT count(*) FROM loans")?[0] as Int? == 1)
        try reopened.close()
    }

    /// Two accounts holding 100 each.
    func bank() throws -> TemporaryDatabase {
        let file = try TemporaryDatabase()
        try file.database.connection().execute("""
            CREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
            INSERT INTO accounts VALUES (1, 100), (2, 100)
            """)
        return file
    }

    @Test func choosingIsolation() throws {
        let file = try bank()
        let db = file.database
        let connection = db.connection()

        try db.transaction(.serializable, mode: .pessimistic) { tx in
            try tx.execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1")
            try tx.execute("UPDATE accounts SET balance = balance + 10 WHERE id = 2")
        }

        let policy = RetryPolicy(maxAttempts: 20, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(50),
                                 runAloneAfter: nil)
        let moved = try db.transaction(.serializable, mode: .optimistic, retry: policy) { tx -> Bool in
            let balance: Int = try tx.fetchOne("SELECT balance FROM accounts WHERE id = ?", [1])?["balance"] ?? 0
            guard balance >= 10 else { return false }
            try tx.execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1")
            try tx.execute("UPDATE accounts SET balance = balance + 10 WHERE id = 2")
            return true
        }
        #expect(moved)
        #expect(try connection.fetchAll("SELECT balance FROM accounts ORDER BY id").map { try $0[0] as Int } == [80, 120])

        try connection.setLockTimeout(.milliseconds(500))      // this connection
        var options = Database.Options()
        options.lockTimeout = .seconds(2)                       // every new connection (and the pool's)
        #expect(try connection.lockTimeout == .milliseconds(500))
    }

    struct LastDoctorOnCall: Error {}

    /// ChoosingIsolation's write-skew fix: two sign-offs that each mark both rows FOR UPDATE at
    /// SNAPSHOT cannot both commit; without FOR UPDATE they can (the anomaly the text describes).
    @Test(arguments: [true, false])
    func forUpdateClosesWriteSkewAtSnapshot(forUpdate: Bool) throws {
        let file = try TemporaryDatabase()
        let db = file.database
        try db.connection().execute("""
            CREATE TABLE doctors(id INTEGER PRIMARY KEY, on_call INTEGER NOT NULL);
            INSERT INTO doctors VALUES (1, 1), (2, 1)
            """)
        let first = db.connection(), second = db.connection()
        let query = "SELECT id FROM doctors WHERE on_call = 1" + (forUpdate ? " FOR UPDATE" : "")
        // The sample's body, for doctor `me` on `tx`; `between` runs after the read.
        func signOff(_ me: Int, _ tx: Connection, between: () throws -> Void = {}) throws {
            let onCall = try tx.fetchAll(query)
            guard onCall.count > 1 else { throw LastDoctorOnCall() }
            try between()
            try tx.execute("UPDATE doctors SET on_call = 0 WHERE id = ?", [me])
        }
        // The first sign-off reads, then the second runs whole, then the first writes and commits.
        let result = Result {
            try first.transaction(.snapshot, retry: .never) { tx in
                try signOff(1, tx) {
                    try second.transaction(.snapshot) { tx2 in try signOff(2, tx2) }
                }
            }
        }
        let onCall = try db.connection().fetchOne("SELECT count(*) FROM doctors WHERE on_call = 1")?[0] as Int?
        if forUpdate {
            #expect((try? result.get()) == nil && onCall == 1)
            if case .failure(let error) = result { #expect((error as? StrataError)?.code == .serializationFailure) }
        } else {
            #expect((try? result.get()) != nil && onCall == 0)  // write skew: nobody on call
        }
    }

    /// ChoosingIsolation: at READ COMMITTED a row read FOR UPDATE is read after its lock is
    /// granted, so a read-modify-write loses no update.
    @Test func forUpdateAtReadCommittedReadsTheNewestValue() throws {
        let file = try bank()
        let db = file.database
        let holder = db.connection()
        try holder.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        let balance: Int = try #require(try holder.fetchOne("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE")?[0])
        try holder.execute("UPDATE accounts SET balance = ? WHERE id = 1", [balance - 30])
        let waiter = db.connection()
        let started = DispatchSemaphore(value: 0)
        try waiter.observeWaits { started.signal() }
        let read = Result<Int, any Error>.Box()
        let done = DispatchSemaphore(value: 0)
        Thread {
            read.value = Result {
                try waiter.transaction(.readCommitted) { tx in
                    let seen: Int = try #require(try tx.fetchOne("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE")?[0])
                    try tx.execute("UPDATE accounts SET balance = ? WHERE id = 1", [seen - 50])
                    return seen
                }
            }
            done.signal()
        }.start()
        started.wait()
        try holder.execute("COMMIT")
        done.wait()
        #expect(try read.value?.get() == 70)
        #expect(try db.connection().fetchOne("SELECT balance FROM accounts WHERE id = 1")?[0] as Int? == 20)
    }

    @Test func concurrency() async throws {
        let file = try TemporaryDatabase()
        let db = file.database
        try db.connection().execute("""
            CREATE TABLE events(id INTEGER PRIMARY KEY, worker INTEGER);
            CREATE TABLE counters(name TEXT PRIMARY KEY, n INTEGER NOT NULL);
            INSERT INTO counters VALUES ('visits', 0)
            """)

        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            let connection = db.connection()          // this worker's own
            do {
                try connection.execute("INSERT INTO events(worker) VALUES (?)", [worker])
            } catch {
                Issue.record("worker \(worker): \(error)")
            }
        }
        #expect(try db.connection().fetchOne("SELECT count(*) FROM events")?[0] as Int? == 4)

        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            _ = try? db.transaction { tx in
                try tx.execute("UPDATE counters SET n = n + 1 WHERE name = 'visits'")
            }
        }

        func visits(_ db: Database) async throws -> Int {
            try await db.transaction { tx in
                try tx.execute("UPDATE counters SET n = n + 1 WHERE name = 'visits'")
                return try tx.fetchOne("SELECT n FROM counters WHERE name = 'visits'")?[0] ?? 0
            }
        }
        #expect(try await visits(db) == 5)

        let connection = db.connection()
        try connection.execute("""
            WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 3000)
            INSERT INTO events(worker) SELECT x FROM s
            """)
        let out = Printed()
        func print(_ items: Any...) { out.lines.append(items.map { "\($0)" }.joined(separator: " ")) }
        let interrupter = connection.interrupter
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) { interrupter.interrupt() }
        do {
            _ = try connection.fetchAll("SELECT count(*) FROM events AS a, events AS b")
        } catch SQLState.queryCanceled {
            print("took too long")
        }
        #expect(out.lines == ["took too long"])
    }

    /// Concurrency's cursor and snapshot sections, on the tables its other samples use: four
    /// events (workers 0 to 3) and 4 visits.
    @Test func concurrencyCursorsAndSnapshots() throws {
        let file = try TemporaryDatabase()
        let db = file.database
        try db.connection().execute("""
            CREATE TABLE events(id INTEGER PRIMARY KEY, worker INTEGER);
            CREATE TABLE counters(name TEXT PRIMARY KEY, n INTEGER NOT NULL);
            INSERT INTO events(worker) VALUES (0), (1), (2), (3);
            INSERT INTO counters VALUES ('visits', 4)
            """)
        let connection = db.connection()
        let out = LockedLines()
        @Sendable func print(_ items: Any...) { out.append(items.map { "\($0)" }.joined(separator: " ")) }

        // A cursor holds its connection
        let cursor = try connection.cursor("SELECT id, worker FROM events ORDER BY id")
        _ = try cursor.next()
        do {
            try connection.execute("DELETE FROM events WHERE worker = 0")
        } catch SQLState.objectInUse {
            print("the cursor holds the connection")
        }
        #expect((#expect(throws: StrataError.self) { try db.close() })?.code == .objectInUse)
        cursor.close()
        try connection.execute("DELETE FROM events WHERE worker = 0")
        #expect(out.lines == ["the cursor holds the connection"])
        #expect(try connection.fetchOne("SELECT count(*) FROM events")?[0] as Int? == 3)

        // Outside a transaction the cursor reads one version; in the optimistic mode nobody
        // waits for it, in the pessimistic mode at SERIALIZABLE a writer of a row it read does,
        // and in the serial mode every transaction does.
        let writer = db.connection()
        try writer.setLockTimeout(.milliseconds(50))
        for mode in [ConcurrencyMode.optimistic, .pessimistic, .serial] {
            try connection.setDefaults(isolation: .serializable, mode: mode)
            let reading = try connection.cursor("SELECT worker FROM events ORDER BY id")
            #expect(try reading.next()?[0] as Int? == 1)
            if mode == .optimistic {
                try writer.execute("UPDATE events SET worker = 30 WHERE worker = 3")  // a row not read yet
                #expect(try reading.collect().map { try $0[0] as Int } == [2, 3])    // the cursor's version
                try writer.execute("UPDATE events SET worker = 3 WHERE worker = 30")
            } else {
                let blocked = #expect(throws: StrataError.self, "\(mode)") {
                    try writer.execute("UPDATE events SET worker = 10 WHERE worker = 1")  // the row read
                }
                #expect(blocked?.code == .lockNotAvailable)
            }
            reading.close()
        }
        try connection.setDefaults(isolation: .serializable, mode: .optimistic)
        #expect(try connection.fetchAll(Int.self, "SELECT worker FROM events ORDER BY id") == [1, 2, 3])

        // Reading one version from many threads
        out.lines = []
        let snapshot = try db.snapshot()
        try writer.execute("INSERT INTO events(worker) VALUES (99)")  // (test only) a commit after the snapshot
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            // Every part counts in the same version.
            let count = try? snapshot.fetchOne("SELECT count(*) FROM events WHERE id % 4 = ?", [part])?[0] as Int?
            print("part \(part): \(count ?? 0) events")
        }
        let parts = out.lines.sorted()
        #expect(parts.count == 4)
        #expect(parts.map { Int($0.split(separator: " ")[2])! }.reduce(0, +) == 3)  // not the 4 committed since
        #expect((#expect(throws: StrataError.self) { try snapshot.fetchAll("DELETE FROM events") })?.code
                == .readOnlySQLTransaction)
        snapshot.close()
        #expect((#expect(throws: StrataError.self) { try snapshot.fetchAll("SELECT 1") })?.code == .connectionDoesNotExist)

        let (events, visits) = try db.read { snapshot -> (Int, Int) in
            let events: Int = try snapshot.fetchOne("SELECT count(*) FROM events")?[0] ?? 0
            let visits: Int = try snapshot.fetchOne("SELECT n FROM counters WHERE name = 'visits'")?[0] ?? 0
            return (events, visits)     // both from one version
        }
        #expect(events == 4 && visits == 4)
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent("strata-doc-backup-\(UUID().uuidString).strata").path
        defer { try? FileManager.default.removeItem(atPath: backup) }
        try db.backup(to: backup)   // the sample's "events-backup.strata"
        let copy = try Database(path: backup)
        #expect(try copy.connection().fetchOne("SELECT count(*) FROM events")?[0] as Int? == 4)
        try copy.close()
    }
}

/// What a sample printed from several threads, one line per `print` call.
final class LockedLines: @unchecked Sendable {  // every access holds `lock`
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

extension Result {
    /// A place for another thread to leave a result.
    final class Box: @unchecked Sendable {  // written by one thread before a semaphore signal, read after the wait
        var value: Result?
    }
}

@Suite struct SQLStatePatternTests {
    /// `catch SQLState.x` works with `import Strata` alone (the file imports nothing else).
    @Test func aCodeMatchesAThrownError() throws {
        let c = try Database.inMemory().connection()
        try c.execute("CREATE TABLE t(id INTEGER PRIMARY KEY)")
        try c.execute("INSERT INTO t VALUES (1)")
        var matched = false
        do {
            try c.execute("INSERT INTO t VALUES (1)")
        } catch SQLState.uniqueViolation {
            matched = true
        }
        #expect(matched)
    }
}
