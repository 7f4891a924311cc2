// Pieces of the shell tested directly: the CSV reader of `.import`, table-mode fitting and
// display widths, the caret under an error, dot-command words.

import Testing
@testable import strata

@Suite struct CSVParserTests {
    func parse(_ text: String) throws(CSVError) -> [[String]] {
        try CSVParser.parse(Array(text.utf8)).map(\.fields)
    }

    @Test func plainQuotedAndEmptyFields() throws {
        #expect(try parse("a,b,c\n1,,3\n") == [["a", "b", "c"], ["1", "", "3"]])
        #expect(try parse("\"x, y\",\"say \"\"hi\"\"\",\"\"\n") == [["x, y", "say \"hi\"", ""]])
        #expect(try parse("a,\n") == [["a", ""]])
        #expect(try parse(",\n") == [["", ""]])
    }

    @Test func lineBreaksInsideQuotesAndCRLF() throws {
        let records = try CSVParser.parse(Array("h1,h2\r\n\"two\r\nlines\",x\r\nlast,y".utf8))
        #expect(records.map(\.fields) == [["h1", "h2"], ["two\r\nlines", "x"], ["last", "y"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func blankLinesAndAByteOrderMarkAreSkipped() throws {
        #expect(try parse("\u{FEFF}a\n\n\nb\n") == [["a"], ["b"]])
        #expect(try parse("\"\"\n") == [[""]])
    }

    @Test func malformedQuotesAreErrorsWithTheirLine() {
        #expect(throws: CSVError.self) { try parse("a\n\"open\nstill open\n") }
        do {
            _ = try parse("ok\n\"closed\"junk,1\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.hasPrefix("unexpected character after a closing quote"))
        }
        do {
            _ = try parse("a\nb\n\"open\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.message == "unterminated quoted field")
        }
    }
}

@Suite struct TableLayoutTests {
    @Test func wideColumnsShrinkToFitTheTerminal() {
        var widths = [5, 40, 10]
        ResultFormatter.fit(&widths, into: 50)
        #expect(widths.reduce(0, +) + 3 * widths.count + 1 == 50)
        #expect(widths[0] == 5)
        #expect(widths[1] < 40)
        var narrow = [10, 10]
        ResultFormatter.fit(&narrow, into: 5)
        #expect(narrow == [3, 3])
    }

    @Test func displayWidthCountsWideAndZeroWidthCharacters() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("日本語", to: 4) == "日…")
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
    }

    @Test func aTableOnANarrowTerminalCutsLongValuesWithAnEllipsis() {
        var settings = ShellSettings()
        settings.mode = .table
        let formatter = ResultFormatter(settings: settings, terminalWidth: 20)
        let text = formatter.render(columns: ["id", "note"], rows: [[.integer(1), .text("a rather long note that does not fit")]])
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) == 20 })
        #expect(lines[3] == "│  1 │ a rather l… │")
    }
}

@Suite struct ErrorCaretTests {
    @Test func theCaretSitsUnderTheColumn() {
        #expect(ErrorCaret.render(sql: "SELECT x\nFROM nowhere;", line: 2, column: 6) == "  FROM nowhere;\n       ^--- error here\n")
    }

    @Test func tabsAndWideCharactersKeepTheCaretAligned() {
        #expect(ErrorCaret.render(sql: "\tSELECT '日本', nope;", line: 1, column: 15) == "   SELECT '日本', nope;\n" + String(repeating: " ", count: 18) + "^--- error here\n")
    }

    @Test func aLineOutOfRangeShowsNothing() {
        #expect(ErrorCaret.render(sql: "SELECT 1;", line: 3, column: 1) == "")
    }
}

@Suite struct DotCommandWordTests {
    @Test func quotesGroupWordsAndDoubledQuotesEscape() {
        #expect(DotCommand.words(".import 'my file.csv' t") == [".import", "my file.csv", "t"])
        #expect(DotCommand.words(".nullvalue \"say \"\"x\"\"\"") == [".nullvalue", "say \"x\""])
        #expect(DotCommand.words("  .tables   ") == [".tables"])
        #expect(DotCommand.words(".nullvalue ''") == [".nullvalue", ""])
    }
}

@Suite struct StatementInputTests {
    /// Feeds lines one at a time; returns the statements completed, in order.
    func statements(_ lines: [String]) -> [String] {
        var input = StatementInput()
        var done: [String] = []
        for (i, line) in lines.enumerated() {
            input.append(Substring(line), lineNumber: i + 1)
            if input.isComplete, let chunk = input.take() { done.append(chunk.text) }
        }
        return done
    }

    @Test func aSemicolonInsideQuotesOrCommentsAcrossLinesEndsNothing() {
        #expect(statements(["SELECT 'a;", "b;';"]) == ["SELECT 'a;\nb;';\n"])
        #expect(statements(["SELECT \"x;", "\";"]).count == 1)
        #expect(statements(["SELECT [a;", "b] FROM t;"]).count == 1)
        #expect(statements(["SELECT 1 /* ;", "; */ + 1;"]) == ["SELECT 1 /* ;\n; */ + 1;\n"])
        #expect(statements(["SELECT 1 -- ;", "+ 1;"]) == ["SELECT 1 -- ;\n+ 1;\n"])
        #expect(statements(["SELECT 'it''s;", "fine';"]).count == 1)
        #expect(statements(["SELECT 1; SELECT 2;"]).count == 1)
    }

    @Test func aTriggerBodyEndsOnlyAfterEnd() {
        let lines = ["CREATE TRIGGER g AFTER INSERT ON t BEGIN", "  INSERT INTO u VALUES (CASE WHEN 1 THEN 'x;' END);",
                     "  DELETE FROM u;", "END;", "SELECT 1;"]
        #expect(statements(lines).count == 2)
        #expect(statements(lines).first?.hasSuffix("END;\n") == true)
    }

    @Test func theStateStartsOverAfterAStatement() {
        // A quote left open would swallow the next statement; each taken statement resets it.
        var input = StatementInput()
        input.append("SELECT 'unterminated", lineNumber: 1)
        _ = input.take()
        input.append("SELECT 1;", lineNumber: 2)
        #expect(input.isComplete)
    }
}
