// ScriptRunner: runs the records of one script against one fresh database and counts them.
//
// BEHAVIOUR (the reference runner's, sqllogictest.c, unless noted)
//   (1) A record runs only if every skipif/onlyif allows it under the active labels. A skipped
//       query with a label still checks the results the file gives against that label's hash.
//   (2) `statement ok` passes when the SQL succeeds; `statement error [REGEX]` when it fails and,
//       given REGEX, the error message contains a match (CONTRACT.md §2; the reference has no REGEX).
//   (3) A query fails if it errors or returns other than one column per type letter; an error
//       raised while it runs (SQLSTATE class 22) leaves the rows before it, as the reference
//       ignores sqlite3_step's error (the API gives none, so: no rows). Its values
//       are formatted (ValueFormatter), sorted (ResultSet), then compared with what the file
//       gives: a "N values hashing to MD5" line by count and hash, a list value by value.
//       Ours, where the reference would report a mismatch: a list is compared as a list even
//       when it is longer than hash-threshold, a hash as a hash even when it is not, and a list
//       with one row per line (values separated by one space) is accepted as well.
//   (4) Same-label queries must hash alike; the first to run (or be skipped, see (1)) sets it.
//       The reference cuts labels at 20 characters; we compare them whole.
//   (5) `halt` stops the script. An unknown record type or a query without a type string fails
//       and stops it; other malformed records fail and the script goes on.
//   (6) Statements and queries are counted: passed, failed or skipped. Other records are not.
//       An async record is counted once: failed at its start (it finished without waiting, or
//       neither waited nor finished within the limit), else passed or failed at its await.
// MULTI-CONNECTION RECORDS (CONTRACT.md §3)
//   (7) `connection NAME` switches the records that follow to NAME, opened on first use
//       (the first is `default`). Connections are opened on the same database.
//   (8) `statement async NAME ...` / `query ... async NAME` start the SQL on a thread of its own,
//       which owns the connection's session until it ends (ConnectionWatch.swift), and the
//       runner moves on as soon as the engine's wait hook says the statement waits for a lock or
//       the serial gate. If it finishes without having waited, the record fails; if neither
//       happens within `waitLimit` (30 s), it fails and is interrupted.
//   (9) `awaitstatement NAME` / `awaitquery NAME` (under any connection, which stays current)
//       wait for it to end, up to `waitLimit`, and check it as (2) and (3) would.
//  (10) Test-file errors stop the script, reported with file and line: a record on a connection
//       whose async statement still runs, an async name already running, an await of the wrong
//       kind. At the end of the script the runner interrupts the async statements still
//       running (failing those never awaited), rolls back every connection it holds so nothing
//       waits for their locks, waits for the async statements up to `waitLimit`, and drops
//       every connection. A statement still running then is abandoned with its database
//       (reported, and `abandonedStatements` tells Suite not to close that database).
//  (11) A plain record that waits for a lock can only be released by an async statement that
//       ends; `waitLimit` after it starts to wait it is interrupted and fails.

import Dispatch

struct ScriptReport: Equatable {
    var path: String
    var passed = 0
    var failed = 0
    var skipped = 0
    /// One line per failing record: "path:line: what: SQL | expected: ... | actual: ...".
    var failures: [String] = []
    /// The line of the `halt` that stopped the script, if one did.
    var haltedAtLine: Int?
    /// True when --fail-fast stopped the script before its end.
    var stoppedEarly = false
    /// Async statements still running on their thread when the script was done with them (10):
    /// their database must stay open.
    var abandonedStatements = 0
    /// Wall-clock time of the script, database setup included.
    var seconds: Double = 0
}

struct ScriptRunner<Database: SLTDatabase> {
    let path: String
    let database: Database
    /// Lowercased labels for skipif/onlyif.
    let labels: Set<String>
    let failFast: Bool
    /// Polled before each record; true stops the script (another script failed under --fail-fast).
    let shouldStop: () -> Bool
    /// The safety limit of (8), (9), (10) and (11): CONTRACT.md §3's 30 s.
    let waitLimit: Duration

    private var hashThreshold = 0
    private var labelHashes: [String: String] = [:]
    private var connections: [String: Link] = [:]
    private var currentConnection = "default"
    private var patterns: [String: Regex<AnyRegexOutput>] = [:]
    /// Async records that were skipped or already failed at their start: their awaits are no-ops.
    private var settledAsync: Set<String> = []
    private var report: ScriptReport

    /// One named connection.
    private struct Link {
        /// Nil while an async statement's thread has it.
        var session: Database.Session?
        let watch: ConnectionWatch
        var async: RunningAsync?
    }

    /// An async statement or query whose await has not taken it back yet.
    private struct RunningAsync {
        var name: String
        var line: Int
        var work: AsyncWork
        let carrier: SessionCarrier<Database.Session>
        /// Its record is counted already (failed at its start, or at an await that gave up).
        var isCounted = false
    }

    private enum AsyncWork {
        case statement(Statement)
        case query(Query)

        var kind: String {
            switch self {
            case .statement: "statement"
            case .query: "query"
            }
        }

        /// The record that awaits it.
        var awaitRecord: String {
            switch self {
            case .statement: "awaitstatement"
            case .query: "awaitquery"
            }
        }

        var sql: String {
            switch self {
            case .statement(let statement): statement.sql
            case .query(let query): query.sql
            }
        }
    }

    init(
        path: String, database: Database, labels: Set<String>, failFast: Bool = false,
        waitLimit: Duration = .seconds(30), shouldStop: @escaping () -> Bool = { false }
    ) {
        self.path = path
        self.database = database
        self.labels = Set(labels.map { $0.lowercased() })
        self.failFast = failFast
        self.waitLimit = waitLimit
        self.shouldStop = shouldStop
        self.report = ScriptReport(path: path)
    }

    /// Runs `records` in order, then closes every connection (10); returns the counts and
    /// failure lines.
    mutating func run(_ records: [Record]) -> ScriptReport {
        var reachedEnd = true
        for record in records {
            if shouldStop() {
                report.stoppedEarly = true
                reachedEnd = false
                break
            }
            let outcome = runRecord(record)
            switch outcome {
            case .passed: report.passed += 1
            case .skipped: report.skipped += 1
            case .uncounted: break
            case .failed(let line):
                report.failed += 1
                report.failures.append(line)
            case .halt:
                report.haltedAtLine = record.line
            case .failedAndStop(let line):
                report.failed += 1
                report.failures.append(line)
            }
            if case .halt = outcome {
                reachedEnd = false
                break
            }
            if case .failedAndStop = outcome {
                reachedEnd = false
                break
            }
            if failFast, case .failed = outcome {
                report.stoppedEarly = true
                reachedEnd = false
                break
            }
        }
        closeConnections(reachedEnd: reachedEnd)
        return report
    }

    enum Outcome: Equatable {
        case passed, skipped, uncounted, halt
        case failed(String)
        case failedAndStop(String)
    }

    private mutating func runRecord(_ record: Record) -> Outcome {
        if !record.conditions.allSatisfy({ $0.allows(labels: labels) }) {
            return skip(record)
        }
        switch record.command {
        case .statement(let statement):
            if let name = statement.asyncName { return startAsync(.statement(statement), name: name, line: record.line) }
            return runStatement(statement, line: record.line)
        case .query(let query):
            if let name = query.asyncName { return startAsync(.query(query), name: name, line: record.line) }
            return runQuery(query, line: record.line)
        case .hashThreshold(let value):
            hashThreshold = value
            return .uncounted
        case .halt:
            return .halt
        case .connection(let name):
            currentConnection = name
            return .uncounted
        case .awaitStatement(let name):
            return awaitAsync(name, expected: nil, line: record.line)
        case .awaitQuery(let name, let expected):
            return awaitAsync(name, expected: expected, line: record.line)
        case .invalid(let message, let stops):
            let line = failureLine(record.line, message)
            return stops ? .failedAndStop(line) : .failed(line)
        }
    }

    /// A record its conditions exclude; a labeled query still checks its listed results (1),
    /// and the await of a skipped async record is skipped with it.
    private mutating func skip(_ record: Record) -> Outcome {
        switch record.command {
        case .statement(let statement): if let name = statement.asyncName { settledAsync.insert(name) }
        case .query(let query): if let name = query.asyncName { settledAsync.insert(name) }
        default: break
        }
        if case .query(let query) = record.command, let label = query.label, query.asyncName == nil,
            query.expected != .values([])
        {
            let md5 = query.expected.md5
            if let known = labelHashes[label], known != md5 {
                return .failed(
                    failureLine(
                        record.line, "labeled result [\(label)] does not agree with previous values",
                        sql: query.sql, expected: "hash \(known)", actual: "hash \(md5) (listed in the file)"))
            }
            labelHashes[label] = md5
        }
        return record.isCounted ? .skipped : .uncounted
    }

    // MARK: Connections

    private enum Claim {
        case ready(Database.Session, ConnectionWatch)
        case cannotOpen(SLTError)
        case busy(Outcome)
    }

    /// The current connection's session for a record to run on, opened on first use (7); a
    /// test-file error while an async statement has it (10).
    private mutating func claim(line: Int) -> Claim {
        let name = currentConnection
        if var link = connections[name] {
            if let running = link.async {
                // An async record already counted as failed was interrupted: once it has ended,
                // its connection takes records again.
                if running.isCounted {
                    guard link.watch.awaitFinish(deadline: .now() + waitLimit.dispatchInterval) != nil else {
                        return .busy(
                            testFileError(
                                line, "connection \(name) still runs async \(running.work.kind) \(running.name) "
                                    + "(line \(running.line)), \(waitLimit) after it was interrupted"))
                    }
                } else {
                    return .busy(
                        testFileError(
                            line,
                            "connection \(name) still runs async \(running.work.kind) \(running.name) (line \(running.line)); "
                                + "\(running.work.awaitRecord) \(running.name) before giving the connection another record"))
                }
                link.session = running.carrier.session
                link.async = nil
                connections[name] = link
            }
            return .ready(link.session!, link.watch)
        }
        let session: Database.Session
        do throws(SLTError) {
            session = try database.openSession()
        } catch {
            return .cannotOpen(error)
        }
        let watch = ConnectionWatch(interrupt: session.interrupter, waitLimit: waitLimit)
        session.observeWaits { watch.noteWait() }
        connections[name] = Link(session: session, watch: watch)
        return .ready(session, watch)
    }

    private func runningAsync(named name: String) -> (connection: String, running: RunningAsync)? {
        for (connection, link) in connections {
            if let running = link.async, running.name == name { return (connection, running) }
        }
        return nil
    }

    /// Ends the script's use of its connections (10).
    private mutating func closeConnections(reachedEnd: Bool) {
        let names = connections.keys.sorted()
        var pending: [String] = []
        for name in names {
            guard let running = connections[name]?.async else { continue }
            pending.append(name)
            if reachedEnd && !running.isCounted {
                report.failed += 1
                report.failures.append(
                    failureLine(
                        running.line, "async \(running.work.kind) \(running.name) was never awaited (no \(running.work.awaitRecord) \(running.name))",
                        sql: running.work.sql))
            }
            connections[name]?.watch.stopAsync()
        }
        for name in names {
            if let session = connections[name]?.session { rollBack(session) }
        }
        let deadline = DispatchTime.now() + waitLimit.dispatchInterval
        for name in pending {
            guard let link = connections[name], let running = link.async else { continue }
            if link.watch.awaitFinish(deadline: deadline) != nil {
                rollBack(running.carrier.session)
            } else {
                report.abandonedStatements += 1
                report.failed += 1
                report.failures.append(
                    failureLine(
                        running.line,
                        "async \(running.work.kind) \(running.name) still runs \(waitLimit) after the end of the file; "
                            + "its thread and database are abandoned", sql: running.work.sql))
            }
        }
        connections.removeAll()
    }

    private func rollBack(_ session: Database.Session) {
        if session.isInTransaction { try? session.execute("ROLLBACK") }
    }

    private func testFileError(_ line: Int, _ message: String) -> Outcome {
        .failedAndStop(failureLine(line, "test-file error: " + message))
    }

    // MARK: Plain records

    private mutating func runStatement(_ statement: Statement, line: Int) -> Outcome {
        var failure: SLTError?
        switch claim(line: line) {
        case .busy(let outcome):
            return outcome
        case .cannotOpen(let error):
            failure = error
        case .ready(let session, let watch):
            watch.beginPlain()
            do throws(SLTError) {
                try session.execute(statement.sql)
            } catch {
                failure = error
            }
            if watch.endPlain() { return stoppedAtLimit(line, sql: statement.sql) }
        }
        return check(statement, failure: failure, line: line)
    }

    private mutating func runQuery(_ query: Query, line: Int) -> Outcome {
        var result: Result<SLTRows, SLTError>
        switch claim(line: line) {
        case .busy(let outcome):
            return outcome
        case .cannotOpen(let error):
            result = .failure(error)
        case .ready(let session, let watch):
            watch.beginPlain()
            do throws(SLTError) {
                result = .success(try session.query(query.sql))
            } catch {
                result = .failure(error)
            }
            if watch.endPlain() { return stoppedAtLimit(line, sql: query.sql) }
        }
        return check(query, expected: query.expected, result: result, line: line)
    }

    private func stoppedAtLimit(_ line: Int, sql: String) -> Outcome {
        .failed(
            failureLine(
                line, "waited \(waitLimit) for a lock or the serial gate and was interrupted (only an async statement "
                    + "of this file could have released it: write this record as an async one)", sql: sql))
    }

    // MARK: Async records

    /// (8): starts `work` on its own thread and returns once it waits.
    private mutating func startAsync(_ work: AsyncWork, name: String, line: Int) -> Outcome {
        settledAsync.remove(name)
        if let other = runningAsync(named: name) {
            return testFileError(
                line, "async \(other.running.work.kind) \(name) (line \(other.running.line), connection \(other.connection)) "
                    + "is still running; await it before reusing its name")
        }
        let session: Database.Session
        let watch: ConnectionWatch
        switch claim(line: line) {
        case .busy(let outcome):
            return outcome
        case .cannotOpen(let error):
            return .failed(failureLine(line, "cannot open connection \(currentConnection): \(error.message)", sql: work.sql))
        case .ready(let s, let w):
            (session, watch) = (s, w)
        }
        let connection = currentConnection
        connections[connection]?.session = nil
        let carrier = SessionCarrier(session)
        watch.beginAsync()
        let sql = work.sql
        let isQuery: Bool
        if case .query = work { isQuery = true } else { isQuery = false }
        startThread {
            let result: AsyncResult
            if isQuery {
                do throws(SLTError) {
                    result = .query(.success(try carrier.session.query(sql)))
                } catch {
                    result = .query(.failure(error))
                }
            } else {
                do throws(SLTError) {
                    try carrier.session.execute(sql)
                    result = .statement(nil)
                } catch {
                    result = .statement(error)
                }
            }
            watch.finishAsync(result)
        }
        var running = RunningAsync(name: name, line: line, work: work, carrier: carrier)
        switch watch.awaitStart(deadline: .now() + waitLimit.dispatchInterval) {
        case .waiting:
            connections[connection]?.async = running
            return .uncounted
        case .finishedWithoutWaiting:
            let result = watch.awaitFinish(deadline: .now())
            connections[connection]?.session = carrier.session
            settledAsync.insert(name)
            return .failed(
                failureLine(
                    line, "async \(work.kind) \(name) finished without waiting for a lock or the serial gate "
                        + "(write it as a plain record)", sql: sql, actual: result.map(describe) ?? "unknown"))
        case .timedOut:
            watch.stopAsync()
            running.isCounted = true
            connections[connection]?.async = running
            return .failed(
                failureLine(
                    line, "async \(work.kind) \(name) neither waited for a lock nor finished within \(waitLimit); interrupted",
                    sql: sql))
        }
    }

    /// (9): waits for the async statement `name` and checks it; `expected` is nil for `awaitstatement`.
    private mutating func awaitAsync(_ name: String, expected: ExpectedResult?, line: Int) -> Outcome {
        let record = expected == nil ? "awaitstatement" : "awaitquery"
        if settledAsync.remove(name) != nil { return .uncounted }
        guard let found = runningAsync(named: name) else {
            return .failed(failureLine(line, "no async statement or query named \(name) is running"))
        }
        let (connection, running) = found
        switch (running.work, expected) {
        case (.statement, .some), (.query, nil):
            let right = expected == nil ? "awaitquery" : "awaitstatement"
            return testFileError(
                line, "\(record) \(name) names an async \(running.work.kind) (line \(running.line)); use \(right)")
        default:
            break
        }
        let watch = connections[connection]!.watch
        guard let result = watch.awaitFinish(deadline: .now() + waitLimit.dispatchInterval) else {
            watch.stopAsync()
            if running.isCounted { return .uncounted }
            connections[connection]?.async?.isCounted = true
            return .failed(
                failureLine(
                    running.line, "async \(running.work.kind) \(name) still runs \(waitLimit) after its \(record) "
                        + "at line \(line); interrupted", sql: running.work.sql))
        }
        connections[connection]?.session = running.carrier.session
        connections[connection]?.async = nil
        if running.isCounted { return .uncounted }
        let context = "async \(name), awaited at line \(line)"
        switch (running.work, result, expected) {
        case (.statement(let statement), .statement(let failure), _):
            return check(statement, failure: failure, line: running.line, context: context)
        case (.query(let query), .query(let result), let expected?):
            return check(query, expected: expected, result: result, line: running.line, context: context)
        default:
            preconditionFailure("an async \(running.work.kind) ended with another kind of result")
        }
    }

    private func describe(_ result: AsyncResult) -> String {
        switch result {
        case .statement(nil): "ok"
        case .statement(let error?): "error: \(error.message)"
        case .query(.success(let rows)): "\(rows.rows.count) row\(rows.rows.count == 1 ? "" : "s")"
        case .query(.failure(let error)): "error: \(error.message)"
        }
    }

    // MARK: Checking outcomes

    /// (2): a statement's outcome against its expectation.
    private mutating func check(_ statement: Statement, failure: SLTError?, line: Int, context: String? = nil) -> Outcome {
        func what(_ text: String) -> String { context.map { "\(text) (\($0))" } ?? text }
        switch (statement.expectation, failure) {
        case (.ok, nil):
            return .passed
        case (.ok, let error?):
            return .failed(
                failureLine(
                    line, what("statement failed"), sql: statement.sql, expected: "ok", actual: "error: \(error.message)"))
        case (.error(let pattern), nil):
            let expected = pattern.map { "error matching /\($0)/" } ?? "error"
            return .failed(failureLine(line, what("statement succeeded"), sql: statement.sql, expected: expected, actual: "ok"))
        case (.error(nil), _?):
            return .passed
        case (.error(let pattern?), let error?):
            let regex: Regex<AnyRegexOutput>
            if let cached = patterns[pattern] {
                regex = cached
            } else {
                do {
                    regex = try Regex(pattern)
                } catch {
                    return .failed(
                        failureLine(line, what("invalid regular expression /\(pattern)/: \(error)"), sql: statement.sql))
                }
                patterns[pattern] = regex
            }
            if error.message.contains(regex) { return .passed }
            return .failed(
                failureLine(
                    line, what("wrong error"), sql: statement.sql, expected: "error matching /\(pattern)/",
                    actual: "error: \(error.message)"))
        }
    }

    /// (3), (4): a query's rows (or error) against `expected`.
    private mutating func check(
        _ query: Query, expected: ExpectedResult, result: Result<SLTRows, SLTError>, line: Int, context: String? = nil
    ) -> Outcome {
        func what(_ text: String) -> String { context.map { "\(text) (\($0))" } ?? text }
        var rows: SLTRows
        var errorWhileRunning: SLTError?
        switch result {
        case .success(let r):
            rows = r
        case .failure(let error):
            guard error.isRaisedWhileRunning else {
                return .failed(
                    failureLine(
                        line, what("query failed"), sql: query.sql, expected: describe(expected),
                        actual: "error: \(error.message)"))
            }
            // As the reference: the rows before the error count (the API gives none of them).
            rows = SLTRows(columnCount: query.types.count, rows: [])
            errorWhileRunning = error
        }
        guard rows.columnCount == query.types.count else {
            return .failed(
                failureLine(
                    line, what("wrong number of result columns"), sql: query.sql,
                    expected: "\(query.types.count) columns", actual: "\(rows.columnCount) columns"))
        }
        var resultSet: ResultSet
        switch ResultSet.format(rows.rows, types: query.types) {
        case .success(let formatted): resultSet = formatted
        case .failure(let error): return .failed(failureLine(line, what("malformed result: \(error.message)"), sql: query.sql))
        }
        resultSet.sort(query.sortMode)

        var md5: String?
        var problems: [String] = []
        if let label = query.label {
            let hash = resultSet.md5
            md5 = hash
            if let known = labelHashes[label] {
                if known != hash { problems.append("labeled result [\(label)] does not agree with previous values") }
            } else {
                labelHashes[label] = hash
            }
        }

        var matches: Bool
        switch expected {
        case .hash(let count, let expectedMD5):
            let hash = md5 ?? resultSet.md5
            md5 = hash
            matches = count == resultSet.values.count && expectedMD5 == hash
        case .values(let lines):
            matches = lines == resultSet.values
            if !matches && resultSet.columnCount > 1 && query.sortMode != .valuesort && lines.count == resultSet.rowCount {
                // One row per line, values separated by a space (not the corpus's form; see (3)).
                matches = (0..<resultSet.rowCount).allSatisfy { lines[$0] == resultSet.rowLine($0) }
            }
        }
        if !matches { problems.insert("wrong result", at: 0) }
        if problems.isEmpty { return .passed }
        var actual = describeActual(resultSet, md5: md5, expected: expected)
        if let errorWhileRunning { actual = "error while running: \(errorWhileRunning.message), so " + actual }
        return .failed(
            failureLine(
                line, what(problems.joined(separator: "; ")), sql: query.sql, expected: describe(expected), actual: actual))
    }

    private func describe(_ expected: ExpectedResult) -> String {
        switch expected {
        case .hash(let count, let md5): Preview.hash(count: count, md5: md5)
        case .values(let lines): Preview.values(lines)
        }
    }

    /// The actual result in the expectation's form (a hash for a hash, else values, hashed
    /// as well when above hash-threshold), plus where a list first differs.
    private func describeActual(_ result: ResultSet, md5: String?, expected: ExpectedResult) -> String {
        switch expected {
        case .hash:
            let hash = md5 ?? result.md5
            return Preview.hash(count: result.values.count, md5: hash) + " (" + Preview.values(result.values) + ")"
        case .values(let lines):
            var text = Preview.values(result.values)
            if hashThreshold > 0 && result.values.count > hashThreshold {
                text += " (" + Preview.hash(count: result.values.count, md5: md5 ?? result.md5) + ")"
            }
            if let index = (0..<min(lines.count, result.values.count)).first(where: { lines[$0] != result.values[$0] }) {
                text += "; first difference at value \(index + 1): expected \(lines[index]), got \(result.values[index])"
            }
            return text
        }
    }

    private func failureLine(
        _ line: Int, _ what: String, sql: String? = nil, expected: String? = nil, actual: String? = nil
    ) -> String {
        var text = "\(path):\(line): \(what)"
        if let sql { text += ": " + Preview.sql(sql) }
        if let expected { text += " | expected: " + expected }
        if let actual { text += " | actual: " + actual }
        // One line per record, whatever an error message holds.
        if text.utf8.contains(where: { $0 == 0x0a || $0 == 0x0d }) {
            text = String(decoding: text.utf8.map { $0 == 0x0a || $0 == 0x0d ? 0x20 : $0 }, as: UTF8.self)
        }
        return text
    }
}
