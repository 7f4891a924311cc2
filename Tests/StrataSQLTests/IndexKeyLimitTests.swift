// IndexKeyLimitTests: an index entry over the storage key limit fails in its own statement with
// programLimitExceeded, naming the index, at any page size; the transaction goes on
// (SQLTests/limits/index_key_size.test pins the messages at the default 4096-byte pages).

import Testing

@testable import StrataCore
@testable import StrataSQL
@testable import StrataStorage

struct IndexKeyLimitTests {
    private func error(_ sql: String, in session: SQLSession) -> StrataError? {
        do throws(StrataError) {
            try session.execute(sql)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [1024, 4096, 16384])
    func longIndexEntryFailsTheStatementOnly(pageSize: Int) throws {
        var options = SQLEngine.Options()
        options.pageSize = pageSize
        let engine = try SQLEngine(path: nil, options: options)
        defer { try? engine.close() }
        let session = engine.session()
        let limit = Limits(pageSize: pageSize).maxKeySize
        // Key: 5-byte prefix, 0x30 + text + 0x00 0x00, 8-byte rowid.
        let longest = limit - 16
        try session.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT); CREATE INDEX i ON t(a); BEGIN")
        try session.execute("INSERT INTO t VALUES(1, '\(String(repeating: "a", count: longest))')")
        let failure = error("INSERT INTO t VALUES(2, '\(String(repeating: "b", count: longest + 1))')", in: session)
        #expect(failure?.code == .programLimitExceeded)
        #expect(failure?.message == "index entry of \(limit + 1) bytes for index i on t exceeds the limit of "
                + "\(limit) bytes for \(pageSize)-byte pages")
        let update = error("UPDATE t SET a = a || 'x'", in: session)
        #expect(update?.code == .programLimitExceeded)
        try session.execute("INSERT INTO t VALUES(3, 'c'); COMMIT")
        let rows = try session.query("SELECT id, length(a) FROM t ORDER BY id", parameters: []).rows
        #expect(rows == [[.integer(1), .integer(Int64(longest))], [.integer(3), .integer(1)]])
    }
}
