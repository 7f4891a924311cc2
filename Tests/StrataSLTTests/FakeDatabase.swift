// A database with canned answers keyed by SQL, so whole scripts run without the SQL engine.

import Strata
import Synchronization

@testable import StrataSLT

final class FakeDatabase: SLTDatabase {
    enum Response: Sendable {
        case ok
        case rows(columns: Int, [[Value]])
        case error(String, sqlState: String? = nil)

        /// Rows whose width gives the column count.
        static func values(_ rows: [[Value]]) -> Response { .rows(columns: rows.first?.count ?? 1, rows) }
        /// One integer column.
        static func integers(_ values: [Int64?]) -> Response {
            .rows(columns: 1, values.map { [$0.map { .integer($0) } ?? .null] })
        }
    }

    let responses: [String: Response]
    /// Every statement and query run, with the number of the session that ran it (0, 1, ...).
    private(set) var log: [(session: Int, sql: String)] = []
    private(set) var sessionCount = 0
    private(set) var isClosed = false

    /// `responses` answer by exact SQL; other statements succeed and other queries fail.
    init(_ responses: [String: Response] = [:]) {
        self.responses = responses
    }

    func openSession() -> FakeSession {
        defer { sessionCount += 1 }
        return FakeSession(database: self, id: sessionCount)
    }

    func close() { isClosed = true }

    fileprivate func respond(to sql: String, session: Int, isQuery: Bool) -> Response {
        log.append((session, sql))
        return responses[sql] ?? (isQuery ? .error("no canned result for \(sql)") : .ok)
    }
}

struct FakeSession: SLTSession {
    let database: FakeDatabase
    let id: Int

    func execute(_ sql: String) throws(SLTError) {
        if case .error(let message, let state) = database.respond(to: sql, session: id, isQuery: false) {
            throw SLTError(message: message, sqlState: state)
        }
    }

    func query(_ sql: String) throws(SLTError) -> SLTRows {
        switch database.respond(to: sql, session: id, isQuery: true) {
        case .ok: return SLTRows(columnCount: 0, rows: [])
        case .rows(let columns, let rows): return SLTRows(columnCount: columns, rows: rows)
        case .error(let message, let state): throw SLTError(message: message, sqlState: state)
        }
    }
}

/// Parses and runs `script` on `database` as "test.slt".
func runScript(
    _ script: String, on database: FakeDatabase = FakeDatabase(), labels: Set<String> = ["sqlite", "strata"],
    failFast: Bool = false
) -> ScriptReport {
    var runner = ScriptRunner(path: "test.slt", database: database, labels: labels, failFast: failFast)
    return runner.run(ScriptParser.parse(Array(script.utf8)))
}

/// Collects what Suite writes.
final class OutputLines: Sendable {
    private let text = Mutex("")
    func write(_ chunk: String) { text.withLock { $0 += chunk } }
    var lines: [String] { text.withLock { $0.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) } }
}
