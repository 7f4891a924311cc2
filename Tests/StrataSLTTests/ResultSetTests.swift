// Sorting and hashing of formatted results, as the reference's qsort(rowCompare) and md5.

import Strata
import Testing

@testable import StrataSLT

@Suite struct ResultSetTests {
    @Test func nosortKeepsTheEngineOrder() {
        var result = ResultSet(values: ["b", "a", "c"], columnCount: 1)
        result.sort(.nosort)
        #expect(result.values == ["b", "a", "c"])
    }

    /// strcmp order on the text: "10" before "9", "NULL" after digits, "(empty)" before them.
    @Test func rowsortComparesText() {
        var result = ResultSet(values: ["9", "10", "NULL", "100", "(empty)", "-1"], columnCount: 1)
        result.sort(.rowsort)
        #expect(result.values == ["(empty)", "-1", "10", "100", "9", "NULL"])
    }

    @Test func rowsortKeepsRowsTogetherAndBreaksTiesByLaterColumns() {
        var result = ResultSet(values: ["2", "b", "1", "z", "10", "a", "1", "y"], columnCount: 2)
        result.sort(.rowsort)
        #expect(result.values == ["1", "y", "1", "z", "10", "a", "2", "b"])
        #expect(result.rowCount == 4)
        #expect(result.rowLine(0) == "1 y")
    }

    @Test func valuesortIgnoresRows() {
        var result = ResultSet(values: ["2", "b", "1", "z", "10", "a"], columnCount: 2)
        result.sort(.valuesort)
        #expect(result.values == ["1", "10", "2", "a", "b", "z"])
    }

    @Test func formatChecksRowWidths() throws {
        let ok = try ResultSet.format([[.integer(1), .text("x")], [.null, .real(0.5)]], types: [.integer, .text]).get()
        #expect(ok.values == ["1", "x", "NULL", "0.5"])
        let bad = ResultSet.format([[.integer(1)]], types: [.integer, .integer])
        #expect(throws: SLTError.self) { try bad.get() }
    }

    /// random/select/slt_good_0.test lines 59 and 64: tab1 and tab0 as `query III rowsort`,
    /// whose rows are the file's INSERTs; the hashes are the file's.
    @Test func corpusRowsortHashes() throws {
        var tab1 = try ResultSet.format(
            [[.integer(64), .integer(10), .integer(57)], [.integer(3), .integer(26), .integer(54)], [.integer(80), .integer(13), .integer(96)]],
            types: [.integer, .integer, .integer]
        ).get()
        tab1.sort(.rowsort)
        #expect(tab1.md5 == "8d6692e6d41505c3ad42d919bd9ecd0d")

        var tab0 = try ResultSet.format(
            [[.integer(89), .integer(91), .integer(82)], [.integer(35), .integer(97), .integer(1)], [.integer(24), .integer(86), .integer(33)]],
            types: [.integer, .integer, .integer]
        ).get()
        tab0.sort(.rowsort)
        #expect(tab0.md5 == "38a1673e2e09d694c8cec45c797034a7")
    }

    /// select5.test line 3389: nine text values in valuesort order; the hash is the file's.
    @Test func corpusValuesortHashOfText() throws {
        let row: [Value] = [
            "table t54 row 2", "table t16 row 3", "table t32 row 7", "table t29 row 7", "table t38 row 1",
            "table t39 row 4", "table t42 row 2", "table t24 row 10", "table t21 row 7",
        ].map { .text($0) }
        var result = try ResultSet.format([row], types: Array(repeating: .text, count: 9)).get()
        result.sort(.valuesort)
        #expect(result.values.first == "table t16 row 3")
        #expect(result.md5 == "166ee0d0aefa2dbbf17f87ec3995596f")
    }

    @Test func emptyResultHashesToTheEmptyDigest() {
        #expect(ResultSet(values: [], columnCount: 2).md5 == "d41d8cd98f00b204e9800998ecf8427e")
    }

    @Test func previewShortensSQLAndLists() {
        #expect(Preview.sql("SELECT a,\n       b\n  FROM t1\n") == "SELECT a, b FROM t1")
        #expect(Preview.sql(String(repeating: "x", count: 200)).count == 123)
        #expect(Preview.values(["1", "", "a,b"]) == "3 values: 1, '', 'a,b'")
        #expect(Preview.values((1...10).map(String.init)) == "10 values: 1, 2, 3, 4, 5, 6, 7, 8, ...")
        #expect(Preview.values([]) == "no values")
    }
}
