// Record parsing of tricky snippets, as the reference runner reads them.

import Testing

@testable import StrataSLT

@Suite struct ScriptParserTests {
    func parse(_ text: String) -> [Record] { ScriptParser.parse(Array(text.utf8)) }

    @Test func statementsAndQueriesWithLineNumbers() {
        let records = parse(
            """
            statement ok
            CREATE TABLE t1(a INTEGER, b INTEGER)

            query II rowsort label-1
            SELECT a,
                   b FROM t1
            ----
            1
            2
            """)
        #expect(records.count == 2)
        #expect(records[0] == Record(line: 1, command: .statement(Statement(sql: "CREATE TABLE t1(a INTEGER, b INTEGER)", expectation: .ok))))
        #expect(
            records[1]
                == Record(
                    line: 4,
                    command: .query(
                        Query(
                            types: [.integer, .integer], sortMode: .rowsort, label: "label-1",
                            sql: "SELECT a,\n       b FROM t1", expected: .values(["1", "2"])))))
    }

    @Test func commentsAreRemovedAndDoNotSeparateRecords() {
        let records = parse(
            """
            # a leading comment
            statement ok
            INSERT INTO t1
            # in the middle of the SQL
            VALUES(1)
            # still the same record

            query I nosort
            SELECT 1
            ----
            # not a result
            1
            """)
        #expect(records.count == 2)
        guard case .statement(let statement) = records[0].command, case .query(let query) = records[1].command else {
            Issue.record("wrong commands: \(records)")
            return
        }
        #expect(statement.sql == "INSERT INTO t1\nVALUES(1)")
        #expect(query.expected == .values(["1"]))
        #expect(records[1].line == 8)
    }

    @Test func whitespaceOnlyLinesSeparateRecordsAndCRLFIsStripped() {
        let records = parse("statement ok\r\nSELECT 1\r\n  \t\r\nquery T\r\nSELECT 'x'\r\n----\r\nx\r\n")
        #expect(records.count == 2)
        #expect(records[0].command == .statement(Statement(sql: "SELECT 1", expectation: .ok)))
        #expect(records[1].command == .query(Query(types: [.text], sortMode: .nosort, sql: "SELECT 'x'", expected: .values(["x"]))))
    }

    @Test func conditionsWithCommentTailsAndChains() {
        let records = parse(
            """
            skipif mysql # not compatible
            onlyif sqlite
            query I nosort
            SELECT 1
            ----
            1

            onlyif mssql
            halt
            """)
        #expect(records.count == 2)
        #expect(records[0].conditions == [Condition(kind: .skipIf, label: "mysql"), Condition(kind: .onlyIf, label: "sqlite")])
        #expect(records[0].line == 3)
        #expect(records[1].conditions == [Condition(kind: .onlyIf, label: "mssql")])
        #expect(records[1].command == .halt)
    }

    @Test func queryWithoutResultsExpectsNoRows() {
        let records = parse("query I nosort\nSELECT 1 WHERE 0\n\nquery I\nSELECT 2 WHERE 0\n----\n\n")
        #expect(records.count == 2)
        for record in records {
            guard case .query(let query) = record.command else {
                Issue.record("not a query")
                continue
            }
            #expect(query.expected == .values([]))
            #expect(query.sortMode == .nosort)
        }
    }

    @Test func hashLines() {
        let records = parse("query I rowsort\nSELECT x\n----\n30 values hashing to 3C13DEE48D9356AE19AF2515E05E6B54\n")
        guard case .query(let query) = records.first?.command else {
            Issue.record("not a query")
            return
        }
        #expect(query.expected == .hash(count: 30, md5: "3c13dee48d9356ae19af2515e05e6b54"))
        // Not hash lines: a wrong digest length, extra words, or more lines than one.
        #expect(ScriptParser.parseHashLine("3 values hashing to abc") == nil)
        #expect(ScriptParser.parseHashLine("x values hashing to 3c13dee48d9356ae19af2515e05e6b54") == nil)
        #expect(ScriptParser.parseHashLine("3 values hashing to 3c13dee48d9356ae19af2515e05e6b54 x") == nil)
        let twoLines = parse("query T\nSELECT x\n----\n1 values hashing to 3c13dee48d9356ae19af2515e05e6b54\nmore\n")
        guard case .query(let listed) = twoLines.first?.command else { return }
        #expect(listed.expected == .values(["1 values hashing to 3c13dee48d9356ae19af2515e05e6b54", "more"]))
    }

    @Test func statementErrorTakesTheRestOfTheLineAsPattern() {
        let records = parse("statement error   no such table: t1  \nSELECT * FROM t1\n\nstatement error\nBAD\n")
        #expect(records[0].command == .statement(Statement(sql: "SELECT * FROM t1", expectation: .error(pattern: "no such table: t1"))))
        #expect(records[1].command == .statement(Statement(sql: "BAD", expectation: .error(pattern: nil))))
    }

    @Test func statementSQLKeepsDashLines() {
        let records = parse("statement ok\nSELECT 1\n----\nSELECT 2\n")
        #expect(records[0].command == .statement(Statement(sql: "SELECT 1\n----\nSELECT 2", expectation: .ok)))
    }

    @Test func hashThresholdHaltAndIgnoredTrailingLines() {
        let records = parse("hash-threshold 8\n\nhalt\nthis line is ignored\n\nhash-threshold x\n")
        #expect(records.map(\.command) == [.hashThreshold(8), .halt, .hashThreshold(0)])
        #expect(records.map(\.line) == [1, 3, 6])
    }

    @Test func multiConnectionRecords() {
        let records = parse(
            """
            connection other

            statement async s1 ok
            UPDATE t SET x = 1

            statement async s2 error deadlock detected
            UPDATE u SET y = 2

            query II rowsort async q1
            SELECT * FROM t

            awaitstatement s1

            awaitquery q1
            ----
            1
            2
            """)
        #expect(
            records.map(\.command) == [
                .connection("other"),
                .statement(Statement(sql: "UPDATE t SET x = 1", expectation: .ok, asyncName: "s1")),
                .statement(Statement(sql: "UPDATE u SET y = 2", expectation: .error(pattern: "deadlock detected"), asyncName: "s2")),
                .query(
                    Query(
                        types: [.integer, .integer], sortMode: .rowsort, sql: "SELECT * FROM t", expected: .values([]),
                        asyncName: "q1")),
                .awaitStatement("s1"),
                .awaitQuery(name: "q1", expected: .values(["1", "2"])),
            ])
    }

    @Test func anAsyncQuerysResultsBelongUnderItsAwait() {
        let records = parse("query I nosort async q1\nSELECT 1\n----\n1\n")
        #expect(
            records.map(\.command) == [
                .invalid(message: "the results of async query q1 belong under its awaitquery, not under the query", stopsScript: false)
            ])
    }

    @Test func malformedRecords() {
        let records = parse(
            """
            query IX nosort
            SELECT 1

            query I sideways
            SELECT 1

            statement maybe
            SELECT 1

            onlyif sqlite

            frobnicate the database

            query
            SELECT 1
            """)
        let commands = records.map(\.command)
        #expect(commands.count == 6)
        #expect(commands[0] == .invalid(message: "unknown type character 'X' in type string", stopsScript: false))
        #expect(commands[1] == .invalid(message: "unknown sort mode 'sideways'", stopsScript: false))
        #expect(commands[2] == .invalid(message: "statement argument should be 'ok' or 'error', not 'maybe'", stopsScript: false))
        #expect(commands[3] == .invalid(message: "record has no command after skipif/onlyif", stopsScript: true))
        #expect(records[3].conditions == [Condition(kind: .onlyIf, label: "sqlite")])
        #expect(commands[4] == .invalid(message: "unknown record type 'frobnicate'", stopsScript: true))
        #expect(commands[5] == .invalid(message: "query is missing its type string", stopsScript: true))
    }

    @Test func emptyAndCommentOnlyScripts() {
        #expect(parse("").isEmpty)
        #expect(parse("\n\n# only a comment\n   \n").isEmpty)
    }

    @Test func lastRecordWithoutTrailingNewline() {
        let records = parse("query T nosort\nSELECT 'a'\n----\na")
        #expect(records.count == 1)
        guard case .query(let query) = records[0].command else { return }
        #expect(query.expected == .values(["a"]))
    }
}
