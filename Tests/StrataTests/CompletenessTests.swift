// Connection.isComplete: when a shell has read a whole statement (sqlite3_complete). Every
// expected value here was checked against sqlite3_complete (SQLite 3.40.1).

import Strata
import Testing

@Suite struct CompletenessTests {
    /// Statements that end with `;` are complete; one without it, or a later statement without it, is not.
    @Test(arguments: [
        ("SELECT 1;", true),
        ("SELECT 1", false),
        ("select 1 ;  ", true),
        ("SELECT 1;\n", true),
        (";", true),
        ("  ;  ", true),
        (";;", true),
        ("SELECT 1;;", true),
        ("SELECT\n1\n;", true),
        ("SELECT 1; SELECT 2", false),
        ("SELECT 1; SELECT 2;", true),
        ("SELECT 1;\nSELECT 2;\nSELECT", false),
        ("INSERT INTO t VALUES (1, 2);", true),
        ("INSERT INTO t VALUES (1,", false),
    ])
    func statements(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// Nothing but white space and comments is not a statement.
    @Test(arguments: [
        ("", false),
        (" ", false),
        ("\n\t\r\n", false),
        ("-- just a comment", false),
        ("-- c\n", false),
        ("/* c */", false),
        ("/* c */ -- d\n  ", false),
    ])
    func emptyText(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// A `;` inside a string does not end the statement; an unterminated string is incomplete, not an error.
    @Test(arguments: [
        ("SELECT ';'", false),
        ("SELECT ';';", true),
        ("SELECT 'a;b", false),
        ("SELECT 'a;b;", false),
        ("SELECT 'it''s';", true),
        ("SELECT 'it''s;", false),
        ("SELECT 'a' 'b';", true),
        ("SELECT '';", true),
        ("SELECT ''';'", false),
        ("SELECT ''';';", true),
        ("SELECT 'multi\nline;\n';", true),
        ("SELECT 'multi\nline;\n", false),
    ])
    func strings(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// Nor inside a quoted identifier: \"x\", [x] and `x`.
    @Test(arguments: [
        ("SELECT \";\" FROM t", false),
        ("SELECT \";\" FROM t;", true),
        ("SELECT \"a;", false),
        ("SELECT \"a\"\";\"\";", false),
        ("SELECT \"a\"\";\";", true),
        ("SELECT [;] FROM t", false),
        ("SELECT [;] FROM t;", true),
        ("SELECT [a;", false),
        ("SELECT [a]];", true),
        ("SELECT `;` FROM t", false),
        ("SELECT `;` FROM t;", true),
        ("SELECT `a;", false),
    ])
    func quotedIdentifiers(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// Nor inside a blob literal (or what looks like one).
    @Test(arguments: [
        ("SELECT x';'", false),
        ("SELECT x';';", true),
        ("x';'", false),
        ("SELECT X'0F';", true),
        ("SELECT x'0F", false),
        ("SELECT x'zz';", true),
    ])
    func blobs(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// Nor inside a comment; comments after the last `;` do not count; an unterminated `/*` is incomplete.
    @Test(arguments: [
        ("SELECT 1; -- done", true),
        ("SELECT 1; -- done\n", true),
        ("SELECT 1 -- ;", false),
        ("SELECT 1 -- ;\n;", true),
        ("SELECT 1; /* done */", true),
        ("SELECT 1 /* ; */", false),
        ("SELECT 1 /* ; */;", true),
        ("SELECT 1; /* unterminated", false),
        ("SELECT 1; /* unterminated ;", false),
        ("SELECT 1 /* a */ ; /* b */ -- c", true),
        ("/* ; */ ;", true),
        ("SELECT 1; /**/", true),
        ("SELECT 1; /*/", false),
        ("SELECT 1 - - 2;", true),
        ("SELECT 1 --;\n", false),
    ])
    func comments(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// Text the lexer cannot make a token of is an ordinary token: the statement is complete, and wrong.
    @Test(arguments: [
        ("SELECT 1abc;", true),
        ("SELECT !;", true),
        ("SELECT #;", true),
        ("SELECT :;", true),
        ("SELECT 1 +", false),
        ("SELECT ?;", true),
        ("SELECT \u{e9};", true),
    ])
    func unrecognizedTokens(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// In CREATE [TEMP] TRIGGER the `;`s of the body do not end it; END does only when `;` follows it, so a CASE ... END does not.
    @Test(arguments: [
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;", true),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (1);\n  DELETE FROM x;\nEND;", true),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (1);\n  DELETE FROM x;\n", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (1);\nEND\n", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (1);\nEND\n;", true),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (1);\nEND; -- done", true),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT CASE WHEN new.a THEN 1 ELSE 2 END;", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT CASE WHEN new.a THEN 1 ELSE 2 END; END;", true),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE a WHEN 1 THEN 2 END WHERE b = CASE WHEN 1 THEN 2 END; END;", true),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE a WHEN 1 THEN 2 END WHERE b = CASE WHEN 1 THEN 2 END;", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT ';'; SELECT 'END;'; END", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT ';'; SELECT 'END;'; END;", true),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; /* END; */", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; -- END;\n", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; \"END\";", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; end ;", true),
        ("create trigger tr after insert on t begin select 1; end;", true),
        ("CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;", false),
        ("CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;", true),
        ("CREATE TEMPORARY TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;", false),
        ("CREATE TRIGGER IF NOT EXISTS tr AFTER INSERT ON t BEGIN SELECT 1;", false),
        ("EXPLAIN CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;", false),
        ("EXPLAIN QUERY PLAN CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END; SELECT 2", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END; SELECT 2;", true),
        ("SELECT 1; CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;", false),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END; CREATE TRIGGER t2 AFTER DELETE ON t BEGIN SELECT 2; END;", true),
    ])
    func triggerBodies(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// Only CREATE [TEMP] TRIGGER has a body: the words elsewhere, and BEGIN ... END transactions, are ordinary.
    @Test(arguments: [
        ("CREATE TABLE trigger(a); SELECT 1;", true),
        ("CREATE TABLE t(a); ", true),
        ("SELECT trigger FROM t;", true),
        ("CREATE VIEW v AS SELECT 1;", true),
        ("SELECT CASE WHEN 1 THEN 2 END;", true),
        ("SELECT 1 AS create; SELECT 2;", true),
        ("BEGIN; INSERT INTO t VALUES (1); END;", true),
        ("BEGIN; INSERT INTO t VALUES (1); END", false),
        ("CREATE UNIQUE INDEX i ON t(a);", true),
        ("WITH trigger AS (SELECT 1) SELECT * FROM trigger;", true),
    ])
    func wordsOutsideTriggers(_ sql: String, _ complete: Bool) {
        #expect(Connection.isComplete(sql) == complete, "\(sql.debugDescription)")
    }

    /// A shell's loop: lines are added until the text is complete, then run.
    @Test func readingLineByLine() throws {
        let lines = [
            "CREATE TABLE t(a, b);",
            "CREATE TRIGGER tr AFTER INSERT ON t",
            "BEGIN",
            "  UPDATE t SET b = CASE WHEN new.a > 0 THEN 'pos'",
            "                      ELSE 'neg;' END",
            "   WHERE rowid = new.rowid;",
            "END",
            ";",
            "INSERT INTO t(a) VALUES (1), (-1); -- two rows",
            "SELECT a, b /* both",
            "  columns; */ FROM t",
            "ORDER BY a;",
        ]
        var statements: [String] = []
        var buffer = ""
        for line in lines {
            buffer += buffer.isEmpty ? line : "\n" + line
            if Connection.isComplete(buffer) {
                statements.append(buffer)
                buffer = ""
            }
        }
        #expect(buffer.isEmpty)
        #expect(statements.count == 4)
        #expect(statements[1].hasPrefix("CREATE TRIGGER") && statements[1].hasSuffix("END\n;"))
        let db = try TemporaryDatabase()
        let c = db.database.connection()
        var rows: [[Value]] = []
        for s in statements { rows = try c.query(s).rows }
        #expect(rows == [[.integer(-1), .text("neg;")], [.integer(1), .text("pos")]])
    }
}
