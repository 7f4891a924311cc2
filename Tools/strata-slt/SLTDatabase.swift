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

/// One connection: runs one statement at a time, on whichever thread holds it (one at a time:
/// the runner's, or an async statement's, CONTRACT.md §3).
protocol SLTSession {
    func execute(_ sql: String) throws(SLTError)
    func query(_ sql: String) throws(SLTError) -> SLTRows
    /// Whether a transaction opened by BEGIN is open (the runner rolls it back at the file's end).
    var isInTransaction: Bool { get }
    /// Installs the engine's wait hook: `observer` is called on the statement's thread each time
    /// a statement starts to wait for a lock or the serial gate. Called once, before any statement.
    func observeWaits(_ observer: @escaping @Sendable () -> Void)
    /// Stops the statement running on this session, called from any thread; the statement fails.
    var interrupter: @Sendable () -> Void { get }
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
        let base = Self.temporaryBase
        var template = Array((base + "/\(Self.directoryPrefix)\(getpid())-XXXXXX").utf8CString)
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

    static var temporaryBase: String { ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp" }
    static let directoryPrefix = "strata-slt-"

    /// Removes the database directories of strata-slt runs that are gone (killed, or crashed
    /// in the engine) before their scripts closed: "strata-slt-PID-XXXXXX" whose PID is dead.
    /// Returns the paths removed.
    @discardableResult
    static func removeLeftovers(in base: String = temporaryBase) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(directoryPrefix) {
            let parts = name.dropFirst(directoryPrefix.count).split(separator: "-")
            guard parts.count == 2, parts[1].utf8.count == 6, let pid = Int32(parts[0]), pid > 0 else { continue }
            // kill(pid, 0) fails with ESRCH only when no such process exists.
            guard pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = base + "/" + name
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
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

    var isInTransaction: Bool { connection.isInTransaction }

    func observeWaits(_ observer: @escaping @Sendable () -> Void) {
        // Called before any statement, on a connection no other thread has: it cannot be busy.
        try? connection.observeWaits(observer)
    }

    var interrupter: @Sendable () -> Void {
        let interrupter = connection.interrupter
        return { interrupter.interrupt() }
    }

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
