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
//       Async records (CONTRACT.md §3) parse but fail as not supported yet (issue 6).

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

    private var hashThreshold = 0
    private var labelHashes: [String: String] = [:]
    private var sessions: [String: Database.Session] = [:]
    private var currentConnection = "default"
    private var patterns: [String: Regex<AnyRegexOutput>] = [:]
    /// Async records that were skipped or refused as unsupported: their awaits are no-ops.
    private var settledAsync: Set<String> = []
    private var report: ScriptReport

    init(
        path: String, database: Database, labels: Set<String>, failFast: Bool = false,
        shouldStop: @escaping () -> Bool = { false }
    ) {
        self.path = path
        self.database = database
        self.labels = Set(labels.map { $0.lowercased() })
        self.failFast = failFast
        self.shouldStop = shouldStop
        self.report = ScriptReport(path: path)
    }

    /// Runs `records` in order and returns the counts and failure lines.
    mutating func run(_ records: [Record]) -> ScriptReport {
        for record in records {
            if shouldStop() {
                report.stoppedEarly = true
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
            if case .halt = outcome { break }
            if case .failedAndStop = outcome { break }
            if failFast, case .failed = outcome {
                report.stoppedEarly = true
                break
            }
        }
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
            return runStatement(statement, line: record.line)
        case .query(let query):
            return runQuery(query, line: record.line)
        case .hashThreshold(let value):
            hashThreshold = value
            return .uncounted
        case .halt:
            return .halt
        case .connection(let name):
            currentConnection = name
            return .uncounted
        case .awaitStatement(let name), .awaitQuery(let name, _):
            if settledAsync.remove(name) != nil { return .uncounted }
            return .failed(failureLine(record.line, "no async statement or query named \(name) is running"))
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

    private mutating func session() throws(SLTError) -> Database.Session {
        if let session = sessions[currentConnection] { return session }
        let session = try database.openSession()
        sessions[currentConnection] = session
        return session
    }

    private mutating func runStatement(_ statement: Statement, line: Int) -> Outcome {
        if let name = statement.asyncName {
            settledAsync.insert(name)
            return .failed(failureLine(line, "statement async is not supported yet (issue 6)", sql: statement.sql))
        }
        var failure: SLTError?
        do throws(SLTError) {
            try session().execute(statement.sql)
        } catch {
            failure = error
        }
        switch (statement.expectation, failure) {
        case (.ok, nil):
            return .passed
        case (.ok, let error?):
            return .failed(
                failureLine(line, "statement failed", sql: statement.sql, expected: "ok", actual: "error: \(error.message)"))
        case (.error(let pattern), nil):
            let expected = pattern.map { "error matching /\($0)/" } ?? "error"
            return .failed(failureLine(line, "statement succeeded", sql: statement.sql, expected: expected, actual: "ok"))
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
                    return .failed(failureLine(line, "invalid regular expression /\(pattern)/: \(error)", sql: statement.sql))
                }
                patterns[pattern] = regex
            }
            if error.message.contains(regex) { return .passed }
            return .failed(
                failureLine(
                    line, "wrong error", sql: statement.sql, expected: "error matching /\(pattern)/",
                    actual: "error: \(error.message)"))
        }
    }

    private mutating func runQuery(_ query: Query, line: Int) -> Outcome {
        if let name = query.asyncName {
            settledAsync.insert(name)
            return .failed(failureLine(line, "query async is not supported yet (issue 6)", sql: query.sql))
        }
        var rows: SLTRows
        var errorWhileRunning: SLTError?
        do throws(SLTError) {
            rows = try session().query(query.sql)
        } catch {
            guard error.isRaisedWhileRunning else {
                return .failed(
                    failureLine(
                        line, "query failed", sql: query.sql, expected: describe(query.expected),
                        actual: "error: \(error.message)"))
            }
            // As the reference: the rows before the error count (the API gives none of them).
            rows = SLTRows(columnCount: query.types.count, rows: [])
            errorWhileRunning = error
        }
        guard rows.columnCount == query.types.count else {
            return .failed(
                failureLine(
                    line, "wrong number of result columns", sql: query.sql,
                    expected: "\(query.types.count) columns", actual: "\(rows.columnCount) columns"))
        }
        var result: ResultSet
        switch ResultSet.format(rows.rows, types: query.types) {
        case .success(let formatted): result = formatted
        case .failure(let error): return .failed(failureLine(line, "malformed result: \(error.message)", sql: query.sql))
        }
        result.sort(query.sortMode)

        var md5: String?
        var problems: [String] = []
        if let label = query.label {
            let hash = result.md5
            md5 = hash
            if let known = labelHashes[label] {
                if known != hash { problems.append("labeled result [\(label)] does not agree with previous values") }
            } else {
                labelHashes[label] = hash
            }
        }

        var matches: Bool
        switch query.expected {
        case .hash(let count, let expectedMD5):
            let hash = md5 ?? result.md5
            md5 = hash
            matches = count == result.values.count && expectedMD5 == hash
        case .values(let lines):
            matches = lines == result.values
            if !matches && result.columnCount > 1 && query.sortMode != .valuesort && lines.count == result.rowCount {
                // One row per line, values separated by a space (not the corpus's form; see (3)).
                matches = (0..<result.rowCount).allSatisfy { lines[$0] == result.rowLine($0) }
            }
        }
        if !matches { problems.insert("wrong result", at: 0) }
        if problems.isEmpty { return .passed }
        var actual = describeActual(result, md5: md5, expected: query.expected)
        if let errorWhileRunning { actual = "error while running: \(errorWhileRunning.message), so " + actual }
        return .failed(
            failureLine(
                line, problems.joined(separator: "; "), sql: query.sql, expected: describe(query.expected), actual: actual))
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
