// A database with canned answers keyed by SQL, so whole scripts run without the SQL engine.
// Some answers wait, as a statement waiting for a lock would, so the multi-connection records
// (CONTRACT.md §3) run too: sessions may run on any thread, one statement each at a time.

import Foundation
import Strata
import class StrataCore.Locked  // not Mutex, whose futex waits ThreadSanitizer cannot see (Tools/tsan.sh)

@testable import StrataSLT

final class FakeDatabase: SLTDatabase, Sendable {
    indirect enum Response: Sendable {
        case ok
        case rows(columns: Int, [[Value]])
        case error(String, sqlState: String? = nil)
        /// Calls the wait hook, then waits until another session runs `release` (a lock's holder
        /// ending, say) and answers `then`; fails with "interrupted" if interrupted first.
        case waits(until: String, then: Response)
        /// Works without waiting for a lock until another session (or `release`) runs `until`,
        /// then answers `then`; fails with "interrupted" if interrupted first.
        case busy(until: String, then: Response)
        /// Calls the wait hook, then waits for `release(until)` whatever happens, interrupts included.
        case stuck(until: String, then: Response)

        /// Rows whose width gives the column count.
        static func values(_ rows: [[Value]]) -> Response { .rows(columns: rows.first?.count ?? 1, rows) }
        /// One integer column.
        static func integers(_ values: [Int64?]) -> Response {
            .rows(columns: 1, values.map { [$0.map { .integer($0) } ?? .null] })
        }
    }

    private struct SessionState {
        var observer: (@Sendable () -> Void)?
        var isInTransaction = false
        var isInterrupted = false
    }

    private struct State {
        var log: [(session: Int, sql: String)] = []
        var sessions: [SessionState] = []
        var isClosed = false
    }

    let responses: [String: Response]
    private let state = Locked(State())
    /// The longest a waiting answer waits, so that a runner bug fails a test instead of hanging it.
    static let longestWait = Duration.seconds(20)

    /// `responses` answer by exact SQL; other statements succeed and other queries fail.
    init(_ responses: [String: Response] = [:]) {
        self.responses = responses
    }

    /// Every statement and query run, with the number of the session that ran it (0, 1, ...).
    var log: [(session: Int, sql: String)] { state.withLock { $0.log } }
    var sessionCount: Int { state.withLock { $0.sessions.count } }
    var isClosed: Bool { state.withLock { $0.isClosed } }

    func openSession() -> FakeSession {
        let id = state.withLock { s in
            s.sessions.append(SessionState())
            return s.sessions.count - 1
        }
        return FakeSession(database: self, id: id)
    }

    func close() { state.withLock { $0.isClosed = true } }

    /// Releases the answers waiting for `sql`, as if a session outside the script ran it (logged as session -1).
    func release(_ sql: String) { state.withLock { $0.log.append((-1, sql)) } }

    fileprivate func isInTransaction(_ session: Int) -> Bool { state.withLock { $0.sessions[session].isInTransaction } }

    fileprivate func observe(_ session: Int, _ observer: @escaping @Sendable () -> Void) {
        state.withLock { $0.sessions[session].observer = observer }
    }

    fileprivate func interrupt(_ session: Int) { state.withLock { $0.sessions[session].isInterrupted = true } }

    fileprivate func respond(to sql: String, session: Int, isQuery: Bool) throws(SLTError) -> SLTRows? {
        let start = state.withLock { s in
            s.log.append((session, sql))
            // As the engine: a statement clears an earlier interrupt request when it starts.
            s.sessions[session].isInterrupted = false
            let word = sql.split(separator: " ").first?.uppercased() ?? ""
            if word == "BEGIN" { s.sessions[session].isInTransaction = true }
            if ["COMMIT", "END", "ROLLBACK"].contains(word) { s.sessions[session].isInTransaction = false }
            return s.log.count
        }
        let response = responses[sql] ?? (isQuery ? .error("no canned result for \(sql)") : .ok)
        return try answer(response, session: session, since: start)
    }

    private func answer(_ response: Response, session: Int, since start: Int) throws(SLTError) -> SLTRows? {
        switch response {
        case .ok:
            return nil
        case .rows(let columns, let rows):
            return SLTRows(columnCount: columns, rows: rows)
        case .error(let message, let state):
            throw SLTError(message: message, sqlState: state)
        case .waits(let release, let then), .busy(let release, let then), .stuck(let release, let then):
            var honoursInterrupts = true
            if case .stuck = response { honoursInterrupts = false }
            if case .busy = response {} else { state.withLock { $0.sessions[session].observer }?() }
            let deadline = ContinuousClock.now + Self.longestWait
            while true {
                let (released, interrupted) = state.withLock { s in
                    (
                        s.log[start...].contains { $0.session != session && $0.sql == release },
                        s.sessions[session].isInterrupted
                    )
                }
                if released { return try answer(then, session: session, since: start) }
                if interrupted && honoursInterrupts { throw SLTError(message: "interrupted", sqlState: "57014") }
                if ContinuousClock.now > deadline { throw SLTError(message: "fake wait for \(release) never released") }
                usleep(1000)
            }
        }
    }
}

struct FakeSession: SLTSession {
    let database: FakeDatabase
    let id: Int

    func execute(_ sql: String) throws(SLTError) {
        _ = try database.respond(to: sql, session: id, isQuery: false)
    }

    func query(_ sql: String) throws(SLTError) -> SLTRows {
        try database.respond(to: sql, session: id, isQuery: true) ?? SLTRows(columnCount: 0, rows: [])
    }

    var isInTransaction: Bool { database.isInTransaction(id) }

    func observeWaits(_ observer: @escaping @Sendable () -> Void) { database.observe(id, observer) }

    var interrupter: @Sendable () -> Void {
        let database = database
        let id = id
        return { database.interrupt(id) }
    }
}

/// Parses and runs `script` on `database` as "test.slt".
func runScript<Database: SLTDatabase>(
    _ script: String, on database: Database, labels: Set<String> = ["sqlite", "strata"],
    failFast: Bool = false, waitLimit: Duration = .seconds(30)
) -> ScriptReport {
    var runner = ScriptRunner(path: "test.slt", database: database, labels: labels, failFast: failFast, waitLimit: waitLimit)
    return runner.run(ScriptParser.parse(Array(script.utf8)))
}

func runScript(_ script: String) -> ScriptReport { runScript(script, on: FakeDatabase()) }

/// Collects what Suite writes.
final class OutputLines: Sendable {
    private let text = Locked("")
    func write(_ chunk: String) { text.withLock { $0 += chunk } }
    var lines: [String] { text.withLock { $0.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) } }
}
