// The runner's view of a database: sessions that execute statements and run queries. One
// implementation drives Strata through its public API (StrataBackend); tests plug in fakes that
// return canned results, so whole scripts run without the SQL engine.

import Foundation
import Strata

/// An error a statement or query reported; `message` is what `statement error REGEX` matches.
struct SLTError: Error, Equatable {
    var message: String
    /// The SQLSTATE, when the engine gave one.
    var sqlState: String? = nil

    /// A data exception (SQLSTATE class 22, e.g. integer overflow in sum()): an error raised while
    /// the query ran rather than while it was prepared. The reference runner ignores those
    /// (slt_sqlite.c stops at sqlite3_step's error and keeps the rows so far).
    var isRaisedWhileRunning: Bool { sqlState?.hasPrefix("22") == true }
}

/// The rows of a query; `columnCount` is checked against the query's type string.
struct SLTRows {
    var columnCount: Int
    var rows: [[Value]]
}

/// One connection: runs one statement at a time.
protocol SLTSession {
    func execute(_ sql: String) throws(SLTError)
    func query(_ sql: String) throws(SLTError) -> SLTRows
}

/// A fresh database for one script. Sessions are opened on first use by name (CONTRACT.md §3).
/// Each instance lives on one thread; only the type crosses threads (SendableMetatype).
protocol SLTDatabase: SendableMetatype {
    associatedtype Session: SLTSession
    func openSession() throws(SLTError) -> Session
    /// Closes the database and removes whatever it left on disk.
    func close()
}

/// Strata through its public API: a database in a private temporary directory (or in memory).
final class StrataBackend: SLTDatabase {
    private let database: Database
    /// The temporary directory holding the database file; nil in memory.
    let directory: String?

    /// Opens a fresh database: `inMemory`, or a file in a new temporary directory that `close`
    /// removes with everything in it (the WAL too).
    init(inMemory: Bool) throws(SLTError) {
        if inMemory {
            directory = nil
            do { database = try Database(path: ":memory:") } catch { throw Self.sltError(error) }
            return
        }
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array((base + "/strata-slt-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SLTError(message: "cannot create a temporary directory in \(base): \(String(cString: strerror(errno)))")
        }
        let path = String(cString: made)
        directory = path
        do {
            database = try Database(path: path + "/test.db")
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw Self.sltError(error)
        }
    }

    func openSession() throws(SLTError) -> StrataSession {
        StrataSession(connection: database.connection())
    }

    func close() {
        try? database.close()
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func sltError(_ error: any Error) -> SLTError {
        if let error = error as? StrataError { return SLTError(message: error.message, sqlState: error.code.rawValue) }
        return SLTError(message: String(describing: error))
    }
}

struct StrataSession: SLTSession {
    let connection: Connection

    func execute(_ sql: String) throws(SLTError) {
        do { try connection.execute(sql) } catch { throw StrataBackend.sltError(error) }
    }

    func query(_ sql: String) throws(SLTError) -> SLTRows {
        do {
            let result = try connection.query(sql)
            return SLTRows(columnCount: result.columns.count, rows: result.rows)
        } catch {
            throw StrataBackend.sltError(error)
        }
    }
}
