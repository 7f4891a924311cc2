// Whole scripts run on FakeDatabase: expectations, comparison forms, labels, conditions, halt,
// malformed records, connections, fail-fast and the counts (async records: AsyncRecordTests).

import Strata
import Testing

@testable import StrataSLT

@Suite struct ScriptRunnerTests {
    /// SELECT x FROM t gives 10, 9, NULL in that order.
    let tenNineNull = FakeDatabase(["SELECT x FROM t": .integers([10, 9, nil])])

    @Test func statementExpectations() {
        let database = FakeDatabase(["BAD": .error("near \"BAD\": syntax error")])
        let report = runScript(
            """
            statement ok
            CREATE TABLE t(x)

            statement error
            BAD

            statement ok
            BAD

            statement error
            CREATE TABLE t(x)
            """, on: database)
        #expect((report.passed, report.failed, report.skipped) == (2, 2, 0))
        #expect(
            report.failures == [
                "test.slt:7: statement failed: BAD | expected: ok | actual: error: near \"BAD\": syntax error",
                "test.slt:10: statement succeeded: CREATE TABLE t(x) | expected: error | actual: ok",
            ])
        #expect(database.isClosed == false)  // the caller closes it
    }

    @Test func statementErrorPatternIsSearchedInTheMessage() {
        let database = FakeDatabase(["INSERT dup": .error("UNIQUE constraint failed: t.x", sqlState: "23505")])
        let report = runScript(
            """
            statement error constraint failed
            INSERT dup

            statement error ^UNIQUE .* t\\.x$
            INSERT dup

            statement error NOT NULL
            INSERT dup

            statement error [unclosed
            INSERT dup

            statement error constraint
            SELECT 1
            """, on: database)
        #expect((report.passed, report.failed) == (2, 3))
        #expect(
            report.failures[0]
                == "test.slt:7: wrong error: INSERT dup | expected: error matching /NOT NULL/ | actual: error: UNIQUE constraint failed: t.x")
        #expect(report.failures[1].hasPrefix("test.slt:10: invalid regular expression /[unclosed/"))
        #expect(report.failures[2] == "test.slt:13: statement succeeded: SELECT 1 | expected: error matching /constraint/ | actual: ok")
    }

    @Test func listedValuesInEachSortMode() {
        let report = runScript(
            """
            query I rowsort
            SELECT x FROM t
            ----
            10
            9
            NULL

            query I nosort
            SELECT x FROM t
            ----
            10
            9
            NULL

            query I valuesort
            SELECT x FROM t
            ----
            9
            10
            NULL
            """, on: tenNineNull)
        #expect((report.passed, report.failed) == (2, 1))
        #expect(
            report.failures == [
                "test.slt:15: wrong result: SELECT x FROM t | expected: 3 values: 9, 10, NULL | actual: 3 values: 10, 9, NULL; first difference at value 1: expected 9, got 10"
            ])
    }

    @Test func hashExpectations() {
        // printf '10\n9\nNULL\n' | md5sum
        let report = runScript(
            """
            query I rowsort
            SELECT x FROM t
            ----
            3 values hashing to 8734f49773d90b2783e8cac06ff04f88

            query I rowsort
            SELECT x FROM t
            ----
            4 values hashing to 8734f49773d90b2783e8cac06ff04f88

            query I nosort
            SELECT x FROM t
            ----
            3 values hashing to 8734f49773d90b2783e8cac06ff04f88
            """, on: tenNineNull)
        #expect((report.passed, report.failed) == (2, 1))
        #expect(
            report.failures == [
                "test.slt:6: wrong result: SELECT x FROM t | expected: 4 values hashing to 8734f49773d90b2783e8cac06ff04f88 | actual: 3 values hashing to 8734f49773d90b2783e8cac06ff04f88 (3 values: 10, 9, NULL)"
            ])
    }

    /// Where the file and the threshold disagree, the file's form decides (the reference would
    /// report a mismatch in both cases).
    @Test func theFilesFormDecidesOverHashThreshold() {
        let report = runScript(
            """
            hash-threshold 2

            query I rowsort
            SELECT x FROM t
            ----
            10
            9
            NULL

            hash-threshold 0

            query I rowsort
            SELECT x FROM t
            ----
            3 values hashing to 8734f49773d90b2783e8cac06ff04f88

            hash-threshold 2

            query I rowsort
            SELECT x FROM t
            ----
            10
            9
            8
            """, on: tenNineNull)
        #expect((report.passed, report.failed) == (2, 1))
        // Above the threshold, the failure shows the hash too.
        #expect(
            report.failures.first
                == "test.slt:19: wrong result: SELECT x FROM t | expected: 3 values: 10, 9, 8 | actual: 3 values: 10, 9, NULL (3 values hashing to 8734f49773d90b2783e8cac06ff04f88); first difference at value 3: expected 8, got NULL"
        )
    }

    @Test func oneRowPerLineIsAcceptedToo() {
        let database = FakeDatabase([
            "SELECT a, b FROM t": .values([[.integer(2), .text("two words")], [.integer(1), .text("")]])
        ])
        let report = runScript(
            """
            query IT rowsort
            SELECT a, b FROM t
            ----
            1 (empty)
            2 two words

            query IT rowsort
            SELECT a, b FROM t
            ----
            1
            (empty)
            2
            two words

            query IT rowsort
            SELECT a, b FROM t
            ----
            1 (empty)
            2 two  words
            """, on: database)
        #expect((report.passed, report.failed) == (2, 1))
    }

    @Test func sameLabelSameHash() {
        let database = FakeDatabase([
            "SELECT x FROM u": .integers([2, 1]),
            "SELECT y FROM v": .integers([1, 2]),
            "SELECT z FROM w": .integers([1, 3]),
        ])
        let report = runScript(
            """
            query I rowsort label-1
            SELECT x FROM u
            ----
            1
            2

            query I rowsort label-1
            SELECT y FROM v
            ----
            1
            2

            query I rowsort label-1
            SELECT z FROM w
            ----
            1
            3

            query I rowsort label-2
            SELECT z FROM w
            ----
            1
            3
            """, on: database)
        #expect((report.passed, report.failed) == (3, 1))
        #expect(
            report.failures == [
                "test.slt:13: labeled result [label-1] does not agree with previous values: SELECT z FROM w | expected: 2 values: 1, 3 | actual: 2 values: 1, 3"
            ])
    }

    /// As the reference: a skipped query with a label still enters (or checks) the label with
    /// the results the file lists, so the query that runs must agree with them.
    @Test func skippedLabeledQueriesCheckTheirListedResults() {
        let database = FakeDatabase(["SELECT x FROM u": .integers([1, 3])])
        let report = runScript(
            """
            onlyif mysql
            query I rowsort label-7
            SELECT x FROM u WHERE mysql_only
            ----
            1
            2

            query I rowsort label-7
            SELECT x FROM u
            ----
            1
            3

            onlyif mysql
            query I rowsort label-8
            SELECT mysql_only
            ----
            2 values hashing to 0a88863510308751293f4b91afc07dd6

            query I rowsort label-8
            SELECT x FROM u
            ----
            1
            3

            query I rowsort label-9
            SELECT x FROM u
            ----
            1
            3

            onlyif mysql
            query I rowsort label-9
            SELECT mysql_only
            ----
            1
            2
            """, on: database)
        // label-7: the skipped record set 1,2 and the run gives 1,3. label-8: the skipped
        // record's hash is md5("1\n3\n"), so they agree. label-9: the skipped record disagrees.
        #expect((report.passed, report.failed, report.skipped) == (2, 2, 2))
        #expect(report.failures[0].hasPrefix("test.slt:8: labeled result [label-7] does not agree with previous values"))
        #expect(
            report.failures[1]
                == "test.slt:33: labeled result [label-9] does not agree with previous values: SELECT mysql_only | expected: hash 0a88863510308751293f4b91afc07dd6 | actual: hash 6ddb4095eb719e2a9f0a3f95677d24e0 (listed in the file)"
        )
        #expect(database.log.map(\.sql) == ["SELECT x FROM u", "SELECT x FROM u", "SELECT x FROM u"])
    }

    @Test func skipifAndOnlyifUnderTheLabels() {
        let script = """
            skipif sqlite
            statement ok
            A

            onlyif sqlite
            statement ok
            B

            onlyif mysql
            statement ok
            C

            skipif mysql
            statement ok
            D

            onlyif SQLite
            statement ok
            E

            skipif mysql
            onlyif strata
            statement ok
            F

            onlyif sqlite
            skipif strata
            statement ok
            G

            onlyif postgresql
            statement ok
            H

            onlyif mssql
            halt

            statement ok
            I
            """
        let database = FakeDatabase()
        let report = runScript(script, on: database)
        #expect((report.passed, report.failed, report.skipped) == (5, 0, 4))
        #expect(database.log.map(\.sql) == ["B", "D", "E", "F", "I"])
        #expect(report.haltedAtLine == nil)

        // --label postgresql adds a label; the defaults stay.
        let withPostgres = FakeDatabase()
        let second = runScript(script, on: withPostgres, labels: ["sqlite", "strata", "postgresql"])
        #expect(withPostgres.log.map(\.sql) == ["B", "D", "E", "F", "H", "I"])
        #expect((second.passed, second.skipped) == (6, 3))
    }

    @Test func haltStopsTheScript() {
        let database = FakeDatabase()
        let report = runScript("statement ok\nA\n\nhalt\n\nstatement ok\nB\n", on: database)
        #expect((report.passed, report.failed, report.skipped) == (1, 0, 0))
        #expect(report.haltedAtLine == 4)
        #expect(database.log.map(\.sql) == ["A"])
    }

    @Test func malformedRecordsFailAndSomeStopTheScript() {
        let database = FakeDatabase()
        let report = runScript(
            """
            query IX nosort
            SELECT 1

            statement ok
            A

            frobnicate

            statement ok
            B
            """, on: database)
        #expect((report.passed, report.failed) == (1, 2))
        #expect(report.failures == ["test.slt:1: unknown type character 'X' in type string", "test.slt:7: unknown record type 'frobnicate'"])
        #expect(database.log.map(\.sql) == ["A"])
    }

    @Test func queryErrorsAndColumnCounts() {
        let database = FakeDatabase([
            "SELECT nope": .error("no such column: nope", sqlState: "42703"),
            "SELECT sum(x) FROM big": .error("integer overflow", sqlState: "22003"),
            "SELECT a, b FROM t": .values([[.integer(1), .integer(2)]]),
        ])
        let report = runScript(
            """
            query I nosort
            SELECT nope
            ----
            1

            query R nosort
            SELECT sum(x) FROM big
            ----

            query R nosort
            SELECT sum(x) FROM big
            ----
            1.000

            query I nosort
            SELECT a, b FROM t
            ----
            1
            2
            """, on: database)
        // A data exception (class 22) while running leaves the rows before it, as the
        // reference ignores sqlite3_step's error: here none, which the second record expects.
        #expect((report.passed, report.failed) == (1, 3))
        #expect(
            report.failures == [
                "test.slt:1: query failed: SELECT nope | expected: 1 value: 1 | actual: error: no such column: nope",
                "test.slt:10: wrong result: SELECT sum(x) FROM big | expected: 1 value: 1.000 | actual: error while running: integer overflow, so no values",
                "test.slt:15: wrong number of result columns: SELECT a, b FROM t | expected: 1 columns | actual: 2 columns",
            ])
    }

    @Test func emptyResults() {
        let database = FakeDatabase(["SELECT none": .integers([]), "SELECT one": .integers([1])])
        let report = runScript("query I nosort\nSELECT none\n\nquery I nosort\nSELECT one\n", on: database)
        #expect((report.passed, report.failed) == (1, 1))
        #expect(report.failures == ["test.slt:4: wrong result: SELECT one | expected: no values | actual: 1 value: 1"])
    }

    @Test func connectionsOpenOnFirstUseAndSwitch() {
        let database = FakeDatabase()
        let report = runScript(
            """
            connection first

            statement ok
            A

            connection second

            statement ok
            B

            connection first

            statement ok
            C

            connection default

            statement ok
            D
            """, on: database)
        #expect(report.passed == 4)
        #expect(database.log.map(\.session) == [0, 1, 0, 2])
        #expect(database.sessionCount == 3)
    }

    @Test func theAwaitOfASkippedAsyncRecordIsSkippedToo() {
        let report = runScript(
            """
            skipif strata
            statement async s1 ok
            UPDATE t SET x = 1

            awaitstatement s1
            """)
        #expect((report.passed, report.failed, report.skipped) == (0, 0, 1))
    }

    @Test func failureLinesStayOnOneLine() {
        let database = FakeDatabase(["BAD": .error("first line\nsecond line\r\nthird")])
        let report = runScript("statement ok\nBAD\n", on: database)
        #expect(report.failures == ["test.slt:1: statement failed: BAD | expected: ok | actual: error: first line second line  third"])
    }

    @Test func failFastStopsAtTheFirstFailure() {
        let database = FakeDatabase(["BAD": .error("syntax error")])
        let script = "statement ok\nA\n\nstatement ok\nBAD\n\nstatement ok\nC\n"
        let report = runScript(script, on: database, failFast: true)
        #expect((report.passed, report.failed) == (1, 1))
        #expect(report.stoppedEarly)
        #expect(database.log.map(\.sql) == ["A", "BAD"])

        let unstopped = runScript(script, on: FakeDatabase(["BAD": .error("syntax error")]))
        #expect((unstopped.passed, unstopped.failed) == (2, 1))
    }

    @Test func shouldStopIsPolledBeforeEachRecord() {
        let database = FakeDatabase()
        var runner = ScriptRunner(path: "x", database: database, labels: ["sqlite"], shouldStop: { database.log.count >= 2 })
        let report = runner.run(ScriptParser.parse(Array("statement ok\nA\n\nstatement ok\nB\n\nstatement ok\nC\n".utf8)))
        #expect(report.passed == 2)
        #expect(report.stoppedEarly)
    }

    @Test func valuesAreFormattedByTheirColumnType() {
        let database = FakeDatabase([
            "SELECT *": .values([[.real(2.5), .text("2.5"), .integer(3), .null, .text(""), .blob([0x41, 0x0a])]])
        ])
        let report = runScript(
            """
            query IRRTTT nosort
            SELECT *
            ----
            2
            2.500
            3.000
            NULL
            (empty)
            A@
            """, on: database)
        #expect(report.failures == [])
        #expect(report.passed == 1)
    }
}
