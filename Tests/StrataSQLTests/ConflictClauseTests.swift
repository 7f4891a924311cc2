// ConflictClauseTests: what SQLTests/constraints/on_conflict_clauses.test cannot see: that the
// ON CONFLICT clauses of NOT NULL, UNIQUE and PRIMARY KEY constraints are still in force after the
// database is opened again (the catalog is rebuilt from the stored CREATE text).

import Foundation
import Testing

@testable import StrataCore
@testable import StrataSQL

struct ConflictClauseTests {
    @Test func clausesSurviveReopening() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-conflict-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let engine = try SQLEngine(path: path, options: SQLEngine.Options())
            try engine.session().execute("""
                CREATE TABLE t(a INTEGER PRIMARY KEY ON CONFLICT REPLACE, b UNIQUE ON CONFLICT IGNORE,
                               c NOT NULL ON CONFLICT REPLACE DEFAULT 'd', d, UNIQUE(d) ON CONFLICT REPLACE);
                INSERT INTO t VALUES (1, 'x', 'c', 1)
                """)
            try engine.close()
        }
        let engine = try SQLEngine(path: path, options: SQLEngine.Options())
        defer { try? engine.close() }
        let session = engine.session()
        try session.execute("""
            INSERT INTO t VALUES (2, 'x', 'c', 2);
            INSERT INTO t VALUES (1, 'y', NULL, 3);
            INSERT INTO t VALUES (4, 'z', 'e', 3)
            """)
        let rows = try session.query("SELECT a, b, c, d FROM t ORDER BY a", parameters: []).rows
        #expect(rows == [[.integer(4), .text("z"), .text("e"), .integer(3)]])
    }
}
