// The `strata` shell's dot-commands and output modes, driven through pipes (script mode; the
// terminal side is InteractiveShellTests). Expected texts follow Docs/shell.md.

import Foundation
import Testing

/// A temporary directory for one test's files, removed at the end.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-shell-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
    }

    func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: file(name))), as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a script on standard input of `strata [arguments]`.
func shell(_ script: String, _ arguments: [String] = [":memory:"]) throws -> (status: Int32, output: String, error: String) {
    try runShell(arguments, input: Array(script.utf8))
}

@Suite struct OutputModeTests {
    let data = """
        CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB);
        INSERT INTO t VALUES (1, 2.5, 'plain', x'00ff'), (-20, NULL, 'a,b "q"', NULL), (NULL, 1e300, '', x'');

        """

    @Test func listIsTheDefaultOffATerminalWithBarsAndNullAsNothing() throws {
        let r = try shell(data + "SELECT i, r, s FROM t;\n")
        #expect(r.status == 0)
        #expect(r.output == "1|2.5|plain\n-20||a,b \"q\"\n|1.0e+300|\n")
    }

    @Test func headersAndNullValue() throws {
        let r = try shell(data + ".headers on\n.nullvalue (null)\nSELECT i, r FROM t;\n")
        #expect(r.output == "i|r\n1|2.5\n-20|(null)\n(null)|1.0e+300\n")
    }

    @Test func csvQuotesWhatNeedsQuotingAndTellsEmptyTextFromNull() throws {
        let r = try shell(data + ".mode csv\n.headers on\nSELECT i, s FROM t;\nSELECT 'two\nlines', ' pad';\n")
        #expect(r.status == 0)
        #expect(r.output == "i,s\r\n1,plain\r\n-20,\"a,b \"\"q\"\"\"\r\n,\"\"\r\n\"'two\nlines'\",' pad'\r\n\"two\nlines\",\" pad\"\r\n")
    }

    @Test func jsonIsAnArrayOfObjectsPerResult() throws {
        let r = try shell(data + ".mode json\nSELECT i, r, s, b FROM t;\nSELECT 1 AS x WHERE 0;\nSELECT 'tab\there' AS \"k\"\"ey\";\n")
        #expect(r.status == 0)
        #expect(r.output == """
            [{"i":1,"r":2.5,"s":"plain","b":"00FF"},
            {"i":-20,"r":null,"s":"a,b \\"q\\"","b":null},
            {"i":null,"r":1.0e+300,"s":"","b":""}]
            [{"k\\"ey":"tab\\there"}]

            """)
        // It parses as JSON.
        for line in [r.output.split(separator: "\n").prefix(3).joined(separator: "\n")] {
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line.utf8)) }
        }
    }

    @Test func lineModeAlignsNamesAndSeparatesRows() throws {
        let r = try shell(data + ".mode line\nSELECT i, s AS longer FROM t LIMIT 2;\n")
        #expect(r.output == "     i = 1\nlonger = plain\n\n     i = -20\nlonger = a,b \"q\"\n")
    }

    @Test func tableModeDrawsABoxWithNumbersOnTheRight() throws {
        let r = try shell(data + "SELECT i, s FROM t;\n", [":memory:", "--mode", "table"])
        #expect(r.status == 0)
        #expect(r.output == """
            ┌──────┬─────────┐
            │ i    │ s       │
            ├──────┼─────────┤
            │    1 │ plain   │
            │  -20 │ a,b "q" │
            │ NULL │         │
            └──────┴─────────┘

            """)
    }

    @Test func tableModeShowsControlCharactersAsEscapesAndWideCharactersAsTwoColumns() throws {
        let r = try shell("SELECT 'a\nb' AS x, '日本' AS y;\n", [":memory:", "--mode", "table"])
        #expect(r.output == """
            ┌──────┬──────┐
            │ x    │ y    │
            ├──────┼──────┤
            │ a\\nb │ 日本 │
            └──────┴──────┘

            """)
    }

    @Test func modeOptionAndDotModeAgree() throws {
        let viaOption = try shell("SELECT 1 AS a, 'x' AS b;\n", [":memory:", "--mode", "csv", "--header"])
        let viaCommand = try shell(".mode csv\n.headers on\nSELECT 1 AS a, 'x' AS b;\n")
        #expect(viaOption.output == "a,b\r\n1,x\r\n")
        #expect(viaCommand.output == viaOption.output)
    }

    @Test func anUnknownModeIsAnErrorAndTheModeStays() throws {
        let r = try shell(".mode fancy\nSELECT 1, 2;\n")
        #expect(r.status == 1)
        #expect(r.error == "Error: near line 1: unknown mode \"fancy\"; the modes are table, list, csv, json and line\n")
        #expect(r.output == "1|2\n")
    }
}

@Suite struct DotCommandTests {
    let schema = """
        CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT UNIQUE, age INT);
        CREATE TABLE pets(owner INT, kind TEXT);
        CREATE INDEX pets_owner ON pets(owner);
        CREATE VIEW adults AS SELECT name FROM people WHERE age >= 18;
        CREATE TRIGGER people_bye AFTER DELETE ON people BEGIN DELETE FROM pets WHERE owner = old.id; END;

        """

    @Test func tablesListsTablesAndViewsSortedAndMatchesAPattern() throws {
        let r = try shell(schema + ".tables\n.tables pe%\n")
        #expect(r.status == 0)
        #expect(r.output == "adults  people  pets\npeople  pets\n")
    }

    @Test func indexesListsIndexesOfATable() throws {
        let r = try shell(schema + ".indexes pets\n.indexes people\n")
        #expect(r.output == "pets_owner\nsqlite_autoindex_people_1\n")
    }

    @Test func schemaPrintsCreateStatements() throws {
        let r = try shell(schema + ".schema pets\n")
        #expect(r.output == "CREATE TABLE pets(owner INT, kind TEXT);\nCREATE INDEX pets_owner ON pets(owner);\n")
        let all = try shell(schema + ".schema\n")
        #expect(all.output.split(separator: "\n").count == 5)
        #expect(all.output.hasPrefix("CREATE TABLE people("))
    }

    @Test func timerReportsRunTime() throws {
        let r = try shell(".timer on\nSELECT 7;\n")
        let lines = r.output.split(separator: "\n")
        #expect(lines.first == "7")
        #expect(lines.count == 2 && lines[1].hasPrefix("Run Time: real "))
    }

    @Test func readRunsAFileAndReportsItsErrorsByFileAndLine() throws {
        let dir = try TemporaryDirectory()
        try dir.write("setup.sql", "CREATE TABLE r(x);\nINSERT INTO r VALUES (1), (2);\nSELECT nope FROM r;\n")
        let r = try shell(".read \(dir.file("setup.sql"))\nSELECT sum(x) FROM r;\n")
        #expect(r.status == 1)
        #expect(r.output == "3\n")
        #expect(r.error == "Error: \(dir.file("setup.sql")): near line 3, column 8: no such column: nope\n  SELECT nope FROM r;\n         ^--- error here\n")
    }

    @Test func readOfAMissingFileIsAnErrorAndTheScriptGoesOn() throws {
        let r = try shell(".read /nonexistent/x.sql\nSELECT 1;\n")
        #expect(r.status == 1)
        #expect(r.error == "Error: near line 1: cannot read /nonexistent/x.sql: No such file or directory\n")
        #expect(r.output == "1\n")
    }

    @Test func aFileThatReadsItselfStopsAtADepthLimit() throws {
        let dir = try TemporaryDirectory()
        try dir.write("loop.sql", ".read \(dir.file("loop.sql"))\n")
        let r = try shell(".read \(dir.file("loop.sql"))\nSELECT 'alive';\n")
        #expect(r.status == 1)
        #expect(r.error.contains("nested more than 25 deep"))
        #expect(r.output == "alive\n")
    }

    @Test func openSwitchesDatabases() throws {
        let dir = try TemporaryDirectory()
        let r = try shell(".open \(dir.file("a.db"))\nCREATE TABLE a(x); INSERT INTO a VALUES (42);\n.open\nSELECT count(*) FROM sqlite_schema;\n.open \(dir.file("a.db"))\nSELECT x FROM a;\n")
        #expect(r.status == 0)
        #expect(r.output == "0\n42\n")
    }

    @Test func anUnknownCommandIsAnErrorAndTheScriptGoesOn() throws {
        let r = try shell(".frobnicate now\nSELECT 1;\n")
        #expect(r.status == 1)
        #expect(r.error == "Error: near line 1: unknown command \".frobnicate\" (.help lists the commands)\n")
        #expect(r.output == "1\n")
    }

    @Test func bailStopsAtTheFirstError() throws {
        let r = try shell(".bail on\nSELECT nope;\nSELECT 1;\n")
        #expect(r.status == 1)
        #expect(r.output == "")
        let flag = try shell("SELECT nope;\nSELECT 1;\n", [":memory:", "-bail"])
        #expect(flag.status == 1)
        #expect(flag.output == "")
    }

    @Test func quitEndsTheScriptAndExitSetsTheStatus() throws {
        #expect(try shell("SELECT 1;\n.quit\nSELECT 2;\n").output == "1\n")
        let r = try shell("SELECT 1;\n.exit 3\nSELECT 2;\n")
        #expect(r.status == 3)
        #expect(r.output == "1\n")
    }

    @Test func helpListsEveryCommandTheContractNames() throws {
        let r = try shell(".help\n")
        for name in [".help", ".quit", ".open", ".tables", ".schema", ".indexes", ".mode", ".headers", ".timer",
                     ".read", ".import", ".dump", ".explain", ".isolation"] {
            #expect(r.output.contains("\n" + name + " ") || r.output.hasPrefix(name + " "), "\(name)")
        }
        #expect(try shell(".help mode\n").output == ".mode MODE\n    Output mode: table, list, csv, json or line\n")
    }

    @Test func dotCommandArgumentsMayBeQuoted() throws {
        let r = try shell(".nullvalue 'it''s null'\nSELECT NULL;\n.nullvalue \"two words\"\nSELECT NULL;\n")
        #expect(r.output == "it's null\ntwo words\n")
    }

    @Test func aStatementCutOffAtTheEndOfInputIsAnError() throws {
        let r = try shell("SELECT 1;\nSELECT 'abc\n")
        #expect(r.status == 1)
        #expect(r.output == "1\n")
        #expect(r.error.hasPrefix("Error: near line 2, column 8: unrecognized token"))
    }

    @Test func theSQLArgumentMayBeADotCommand() throws {
        let dir = try TemporaryDirectory()
        _ = try shell("", [dir.file("d.db"), "CREATE TABLE only_one(x)"])
        let r = try shell("", [dir.file("d.db"), ".tables"])
        #expect(r.output == "only_one\n")
    }

    @Test func helpAndVersionOptions() throws {
        let help = try shell("", ["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("USAGE: strata"))
        let version = try shell("", ["--version"])
        #expect(version.status == 0)
        #expect(version.output.hasPrefix("strata "))
        let bad = try shell("", ["--no-such-option"])
        #expect(bad.status != 0)
        #expect(bad.error.contains("--no-such-option"))
    }
}

@Suite struct DumpTests {
    /// Every storage class, NULLs, quotes and line breaks in text, rowids with gaps, an INTEGER
    /// PRIMARY KEY, a generated column, STRICT, unique/partial/expression indexes, a view over a
    /// view and a trigger.
    static let database = """
        CREATE TABLE kinds(i INTEGER, r REAL, t TEXT, b BLOB, n NUMERIC, anything);
        INSERT INTO kinds VALUES (9223372036854775807, 0.1, 'it''s', x'00ff10', 12.0, NULL);
        INSERT INTO kinds VALUES (-9223372036854775808, -1.5e-300, 'two
        lines', x'', '7', 3.25);
        INSERT INTO kinds VALUES (NULL, 1e308, '', NULL, NULL, 'text');
        INSERT INTO kinds VALUES (0, 123456789.123456789, 'ünïcødé 日本', x'deadbeef', -0.5, x'01');
        DELETE FROM kinds WHERE i = 0;
        INSERT INTO kinds(rowid, i) VALUES (100, 5);
        CREATE TABLE "odd name"(id INTEGER PRIMARY KEY, "select" TEXT NOT NULL DEFAULT 'x', g INT GENERATED ALWAYS AS (id * 2));
        INSERT INTO "odd name"(id, "select") VALUES (3, 'a'), (10, 'b');
        CREATE TABLE strict_one(a INT, b TEXT) STRICT;
        INSERT INTO strict_one VALUES (1, 'x');
        CREATE UNIQUE INDEX kinds_t ON kinds(t);
        CREATE INDEX kinds_partial ON kinds(i) WHERE i > 0;
        CREATE INDEX kinds_expr ON kinds(lower(t));
        CREATE VIEW v1 AS SELECT i, t FROM kinds;
        CREATE VIEW v2 AS SELECT t FROM v1 WHERE i IS NOT NULL;
        CREATE TRIGGER kinds_log AFTER INSERT ON kinds BEGIN INSERT INTO strict_one VALUES (new.i, 'logged'); END;
        CREATE TABLE counter(id INTEGER PRIMARY KEY AUTOINCREMENT, note);
        INSERT INTO counter(note) VALUES ('a'), ('b'), ('c');
        DELETE FROM counter WHERE id = 3;
        CREATE TABLE desc_key(id INTEGER PRIMARY KEY DESC, x);
        INSERT INTO desc_key VALUES (50, 'not the rowid');
        CREATE TABLE keyed(k TEXT PRIMARY KEY, v) WITHOUT
          ROWID;
        INSERT INTO keyed VALUES ('nul', 'a' || char(0) || 'b'), ('quote''s', 'x');
        ANALYZE;

        """

    @Test func aDumpLoadedIntoAFreshDatabaseDumpsIdentically() throws {
        let dir = try TemporaryDirectory()
        let setup = try shell(Self.database, [dir.file("a.db")])
        #expect(setup.status == 0, "\(setup.error)")
        let first = try shell(".dump\n", [dir.file("a.db")])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.hasPrefix("BEGIN TRANSACTION;\nCREATE TABLE kinds("))
        #expect(first.output.hasSuffix("COMMIT;\n"))
        // The trigger comes after the rows, so loading does not fire it.
        let load = try shell(first.output, [dir.file("b.db")])
        #expect(load.status == 0, "\(load.error)")
        let second = try shell(".dump\n", [dir.file("b.db")])
        #expect(second.output == first.output)
        // Same rows, rowids included, in both.
        let query = """
            SELECT rowid, quote(i), quote(r), quote(t), quote(b), quote(n), quote(anything) FROM kinds; SELECT * FROM "odd name";
            SELECT * FROM strict_one; SELECT * FROM v2; SELECT rowid, * FROM desc_key; SELECT k, hex(v) FROM keyed;
            SELECT * FROM sqlite_stat1 ORDER BY tbl, idx;
            SELECT * FROM sqlite_sequence; INSERT INTO counter(note) VALUES ('d'); SELECT * FROM counter;

            """
        let a = try shell(query, [dir.file("a.db")])
        let b = try shell(query, [dir.file("b.db")])
        #expect(a.output == b.output)
        #expect(a.output.contains("100|5|"))
        // The AUTOINCREMENT sequence came along: the next id is 4 in both, not 3.
        #expect(a.output.hasSuffix("1|a\n2|b\n4|d\n"))
        #expect(a.output.contains("1|50|not the rowid\n"))
        #expect(a.output.contains("kinds|kinds_t|4 1\n"))
        #expect(try shell("PRAGMA integrity_check;\n", [dir.file("b.db")]).output == "ok\n")
    }

    /// The dump is SQL that sqlite3 reads too, with the same data.
    @Test func aDumpLoadsIntoSQLite() throws {
        let dir = try TemporaryDirectory()
        _ = try shell(Self.database, [dir.file("a.db")])
        try dir.write("dump.sql", try shell(".dump\n", [dir.file("a.db")]).output)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = ["-bail", dir.file("s.db"), ".read \(dir.file("dump.sql"))"]
        let errors = Pipe()
        sqlite.standardError = errors
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        check.arguments = [dir.file("s.db"), "SELECT count(*), sum(length(CAST(v AS BLOB))) FROM keyed; SELECT rowid, * FROM desc_key; SELECT * FROM sqlite_sequence WHERE name = 'counter'; SELECT rowid FROM kinds WHERE i = 5;"]
        let out = Pipe()
        check.standardOutput = out
        try check.run()
        check.waitUntilExit()
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "2|4\n1|50|not the rowid\ncounter|3\n100\n")
    }

    @Test func aDumpKeepsRealsExactly() throws {
        let dir = try TemporaryDirectory()
        _ = try shell("CREATE TABLE x(r REAL); INSERT INTO x VALUES (0.1), (1.0/3), (2.0), (1e-320), (-0.0), (1e999), (-1e999);\n", [dir.file("a.db")])
        let dump = try shell(".dump\n", [dir.file("a.db")]).output
        _ = try shell(dump, [dir.file("b.db")])
        let check = "SELECT count(*) FROM x WHERE r IN (0.1, 1.0/3, 2.0, 1e-320, 0.0, 1e999, -1e999) AND typeof(r) = 'real';\n"
        #expect(try shell(check, [dir.file("b.db")]).output == "7\n")
    }

    @Test func dumpOfOneTable() throws {
        let r = try shell("CREATE TABLE a(x); CREATE TABLE b(y); INSERT INTO a VALUES (1); INSERT INTO b VALUES (2);\nCREATE INDEX bi ON b(y);\n.dump b\n")
        #expect(r.output == "BEGIN TRANSACTION;\nCREATE TABLE b(y);\nINSERT INTO b(rowid,y) VALUES(1,2);\nCREATE INDEX bi ON b(y);\nCOMMIT;\n")
    }
}

@Suite struct ImportTests {
    @Test func importCreatesTheTableFromTheHeaderAndReadsQuotedFields() throws {
        let dir = try TemporaryDirectory()
        try dir.write("people.csv", "name,note,n\r\nAda,\"likes, commas\",1\r\n\"Bob \"\"B\"\"\",\"two\nlines\",2\r\nCy,,3\r\n")
        let r = try shell(".import \(dir.file("people.csv")) people\n.mode json\nSELECT * FROM people;\nSELECT typeof(n) FROM people LIMIT 1;\n")
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output == """
            [{"name":"Ada","note":"likes, commas","n":"1"},
            {"name":"Bob \\"B\\"","note":"two\\nlines","n":"2"},
            {"name":"Cy","note":"","n":"3"}]
            [{"typeof(n)":"text"}]

            """)
    }

    @Test func importIntoAnExistingTableUsesItsAffinityAndSkip() throws {
        let dir = try TemporaryDirectory()
        try dir.write("n.csv", "a,b\n1,x\n2,y\n")
        let r = try shell("CREATE TABLE t(a INTEGER, b TEXT);\n.import --skip 1 \(dir.file("n.csv")) t\nSELECT a + 1, typeof(a), b FROM t;\n")
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output == "2|integer|x\n3|integer|y\n")
    }

    @Test func aRaggedRowImportsNothingAndNamesItsLine() throws {
        let dir = try TemporaryDirectory()
        try dir.write("bad.csv", "a,b\n1,2\n3\n4,5\n")
        let r = try shell(".import \(dir.file("bad.csv")) t\nSELECT count(*) FROM sqlite_schema;\n")
        #expect(r.status == 1)
        #expect(r.error == "Error: near line 1: \(dir.file("bad.csv")):3: expected 2 fields but found 1; nothing was imported\n")
        #expect(r.output == "0\n")
    }

    @Test func aConstraintFailureRollsBackTheWholeImport() throws {
        let dir = try TemporaryDirectory()
        try dir.write("dup.csv", "1\n2\n1\n")
        let r = try shell("CREATE TABLE u(x UNIQUE);\n.import \(dir.file("dup.csv")) u\nSELECT count(*) FROM u;\n")
        #expect(r.status == 1)
        #expect(r.error.contains("dup.csv:3: UNIQUE constraint failed: u.x; nothing was imported"))
        #expect(r.output == "0\n")
    }

    @Test func anUnterminatedQuoteAndAMissingFileAreErrors() throws {
        let dir = try TemporaryDirectory()
        try dir.write("open.csv", "a\n\"never closed\n")
        let r = try shell(".import \(dir.file("open.csv")) t\n.import \(dir.file("missing.csv")) t\nSELECT 1;\n")
        #expect(r.status == 1)
        #expect(r.error == """
            Error: near line 1: \(dir.file("open.csv")):2: unterminated quoted field; nothing was imported
            Error: near line 2: cannot read \(dir.file("missing.csv")): No such file or directory

            """)
        #expect(r.output == "1\n")
    }
}

@Suite struct ExplainCommandTests {
    @Test func explainDrawsThePlanAsATree() throws {
        let r = try shell("CREATE TABLE t(a, b); CREATE TABLE u(c, d);\n.explain SELECT a FROM t UNION ALL SELECT b FROM t, u WHERE b = c ORDER BY 1\n")
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output == """
            QUERY PLAN
            |--COMPOUND QUERY
            |  |--LEFT-MOST SUBQUERY
            |  |  `--SCAN t
            |  `--UNION ALL
            |     |--SCAN t
            |     `--SEARCH u USING HASH TABLE (c=?)
            `--USE TEMP B-TREE FOR ORDER BY

            """)
    }

    @Test func explainOfOtherStatementsAndItsErrors() throws {
        let r = try shell("CREATE TABLE t(a);\n.explain DELETE FROM t AS x WHERE rowid = 3\n.explain INSERT INTO t VALUES (1)\n"
                          + ".explain DELETE FROM nosuch\n.explain\n")
        #expect(r.status == 1)
        #expect(r.output == "QUERY PLAN\n`--SEARCH x USING INTEGER PRIMARY KEY (rowid=?)\n")
        #expect(r.error == "Error: near line 4: no such table: nosuch\nError: near line 5: usage: .explain QUERY\n")
    }
}

@Suite struct IsolationCommandTests {
    @Test func isolationShowsTheContractDefaults() throws {
        let r = try shell(".isolation\n")
        #expect(r.status == 0)
        #expect(r.output == "SERIALIZABLE OPTIMISTIC\n")
    }

    @Test func anUnknownLevelIsAUsageError() throws {
        let r = try shell(".isolation chaos\n")
        #expect(r.status == 1)
        #expect(r.error.hasPrefix("Error: near line 1: usage: .isolation ?LEVEL? ?MODE?"))
    }

    /// The shell sets the connection's defaults, and shows the values in force: also those a
    /// typed SET changed.
    @Test func settingALevelGoesThroughTheEngine() throws {
        let r = try shell(".isolation snapshot pessimistic\n.isolation\n.isolation serial\n.isolation\n")
        #expect(r.error == "")
        #expect(r.output == "SNAPSHOT PESSIMISTIC\nSNAPSHOT SERIAL\n")
        let typed = try shell("SET default_isolation = 'READ COMMITTED';\n.isolation\n")
        #expect(typed.output == "READ COMMITTED OPTIMISTIC\n")
    }
}

@Suite struct ShellEdgeCaseTests {
    @Test func aByteOrderMarkBeforeAScriptIsSkipped() throws {
        let r = try runShell([":memory:"], input: [0xEF, 0xBB, 0xBF] + Array("SELECT 1;\n".utf8))
        #expect(r.status == 0)
        #expect(r.output == "1\n")
    }

    @Test func blobsAreWrittenAsTheirBytesAndAsHexInTables() throws {
        let raw = try runShellBytes([":memory:"], input: Array("SELECT X'FF0041';\n.mode csv\nSELECT X'2C41', X'42';\n".utf8))
        #expect(raw == [0xFF, 0x00, 0x41, 0x0A] + Array("\",A\",B\r\n".utf8))
        let table = try shell("SELECT X'DEADBEEF' AS b;\n", [":memory:", "--mode", "table"])
        #expect(table.output.contains("│ X'DEADBEEF' │"))
    }

    @Test func anEmptyResultPrintsNothingEvenWithHeaders() throws {
        for mode in ["list", "csv", "table", "line", "json"] {
            let r = try shell(".headers on\nSELECT 1 AS a WHERE 0;\n", [":memory:", "--mode", mode])
            #expect(r.output == "", "\(mode)")
        }
    }

    @Test func sqlite3sSingleDashOptionsWork() throws {
        #expect(try shell("", ["-version"]).output.hasPrefix("strata "))
        #expect(try shell("", [":memory:", "-csv", "SELECT 1, 'a,b'"]).output == "1,\"a,b\"\r\n")
        #expect(try shell("", [":memory:", "-json", "SELECT 1 AS x"]).output == "[{\"x\":1}]\n")
        #expect(try shell("", [":memory:", "-line", "SELECT 1 AS x"]).output == "x = 1\n")
        let both = try shell("", [":memory:", "-csv", "--mode", "json", "SELECT 1"])
        #expect(both.status != 0)
    }

    @Test func openOfTheFileAlreadyOpenReopensIt() throws {
        let dir = try TemporaryDirectory()
        let r = try shell("CREATE TABLE t(x); INSERT INTO t VALUES (7);\n.open \(dir.file("a.db"))\nSELECT x FROM t;\n.open /nonexistent/dir/x.db\nSELECT x FROM t;\n", [dir.file("a.db")])
        #expect(r.output == "7\n7\n")
        #expect(r.error == "Error: near line 4: cannot open /nonexistent/dir/x.db: no such file\n")
    }

    @Test func anErrorEndsTheRestOfItsLineButNotTheScript() throws {
        for line in ["SELECT 1; SELECT nosuch; SELECT 3;", "SELECT 1; SELEC 2; SELECT 3;"] {
            let r = try shell(line + "\nSELECT 4;\n")
            #expect(r.status == 1)
            #expect(r.output == "1\n4\n", "\(line)")
        }
    }

    @Test func tablesLeavesOutInternalTables() throws {
        let r = try shell("CREATE TABLE c(id INTEGER PRIMARY KEY AUTOINCREMENT);\n.tables\n")
        #expect(r.output == "c\n")
    }
}

/// Runs `strata` and returns its standard output as bytes (for output that is not UTF-8).
func runShellBytes(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let process = Process()
    process.executableURL = bundle.appendingPathComponent("strata")
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = Pipe()
    try process.run()
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(out)
}
