// StrictTableTests: what SQLTests/ddl/strict.test cannot see: the SQLSTATE of a refused value
// (23000, as SQLite's SQLITE_CONSTRAINT_DATATYPE is a constraint error), of a CREATE refused for
// its types (42601), and that a STRICT table is still strict after the database is opened again.

import Foundation
import Testing

@testable import StrataCore
@testable import StrataSQL

struct StrictTableTests {
    private func error(_ sql: String, in session: SQLSession) -> StrataError? {
        do throws(StrataError) {
            try session.execute(sql)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusedValuesAreConstraintViolations() throws {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        try session.execute("CREATE TABLE t(a INT, b TEXT) STRICT")
        let refused = error("INSERT INTO t VALUES('x', 'y')", in: session)
        #expect(refused?.code == .integrityConstraintViolation)
        #expect(refused?.message == "cannot store TEXT value in INT column t.a")
        let missing = error("CREATE TABLE u(a) STRICT", in: session)
        #expect(missing?.code == .syntaxError)
        #expect(missing?.message == "missing datatype for u.a")
        let unknown = error("CREATE TABLE u(a \"VARCHAR\") STRICT", in: session)
        #expect(unknown?.message == "unknown datatype for u.a: \"VARCHAR\"")
    }

    @Test func strictSurvivesReopening() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-strict-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let engine = try SQLEngine(path: path, options: SQLEngine.Options())
            try engine.session().execute("CREATE TABLE t(a INT, b ANY) STRICT; INSERT INTO t VALUES('1', '1')")
            try engine.close()
        }
        let engine = try SQLEngine(path: path, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        #expect(error("INSERT INTO t VALUES('x', 1)", in: session)?.message == "cannot store TEXT value in INT column t.a")
        let rows = try session.query("SELECT typeof(a), typeof(b), b = 1 FROM t", parameters: []).rows
        #expect(rows == [[.text("integer"), .text("text"), .integer(0)]])
    }
}
