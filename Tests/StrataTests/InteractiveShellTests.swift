// The interactive `strata` shell (CONTRACT.md §5, issue 4) driven through a real pseudo-terminal:
// continuation prompts, history recall and persistence, tab completion, error carets, Ctrl-C at
// the prompt and during a query, Ctrl-D, and table output as the terminal default.
//
// Every step waits for what the shell prints (the prompt before typing the next line: typed
// ahead, the terminal would echo it twice); the one fixed delay lets a long query start before
// Ctrl-C is sent.

import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A temporary home directory (for ~/.strata_history), removed with the value.
final class TemporaryHome {
    let path: String
    var historyFile: String { path + "/.strata_history" }

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The history file's entries. The shell has readline mark each entry with a timestamp line
    /// ("#" and digits) so that an entry may span lines; lines before the first mark (a file
    /// written without them) are an entry each.
    func historyEntries() throws -> [String] {
        let text = try String(contentsOfFile: historyFile, encoding: .utf8)
        var entries: [String] = []
        var current: [String]?
        func isMark(_ line: Substring) -> Bool { line.first == "#" && line.count > 1 && line.dropFirst().allSatisfy(\.isNumber) }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if isMark(line) {
                if let current { entries.append(current.joined(separator: "\n")) }
                current = []
            } else if current != nil {
                current!.append(String(line))
            } else {
                entries.append(String(line))
            }
        }
        if let current { entries.append(current.joined(separator: "\n")) }
        return entries
    }
}

@Suite(.serialized) struct InteractiveShellTests {
    static let prompt = "strata> "
    static let continuation = "   ...> "
    static let ctrlC: [UInt8] = [0x03]
    static let ctrlD: [UInt8] = [0x04]
    static let upArrow = "\u{1B}[A"

    /// `strata` (in-memory database) on a 120x40 terminal with HOME at `home`, TERM=xterm and
    /// STRATA_HISTORY unset; returns once the first prompt is shown.
    func startShell(home: TemporaryHome, arguments: [String] = [], currentDirectory: String? = nil) throws -> PseudoTerminal {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("strata").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TestFailure("strata is not built at \(binary) (swift build --build-tests builds it)")
        }
        var environment = ProcessInfo.processInfo.environment
        for name in ["STRATA_HISTORY", "COLUMNS", "LINES", "INPUTRC"] { environment[name] = nil }
        environment["HOME"] = home.path
        environment["TERM"] = "xterm"
        let terminal = try PseudoTerminal(executable: binary, arguments: arguments, environment: environment,
                                          currentDirectory: currentDirectory)
        let banner = try terminal.expect(Self.prompt)
        #expect(banner.hasPrefix("Strata "))
        return terminal
    }

    /// Types `line` and Enter, then waits for the next prompt (main or continuation); returns
    /// what the shell printed, the echoed line included.
    @discardableResult
    func enter(_ line: String, in terminal: PseudoTerminal, expecting prompt: String = InteractiveShellTests.prompt) throws -> String {
        try terminal.send(line + "\r")
        let (index, text) = try terminal.expect(anyOf: [Self.prompt, Self.continuation])
        let seen = index == 0 ? Self.prompt : Self.continuation
        if seen != prompt {
            throw TestFailure("after \"\(line)\" the shell showed \"\(seen)\", not \"\(prompt)\". It printed:\n\(text)")
        }
        return text
    }

    func quit(_ terminal: PseudoTerminal) throws {
        try terminal.send(".quit\r")
        #expect(try terminal.waitForExit() == 0)
    }

    // MARK: Statements over several lines

    @Test func aMultiLineStatementShowsTheContinuationPromptAndRuns() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("select 1 +", in: shell, expecting: Self.continuation)
        try enter("  2", in: shell, expecting: Self.continuation)
        let out = try enter("  as total;", in: shell)
        #expect(out.contains("""
            │ total │
            ├───────┤
            │     3 │
            """))
        try quit(shell)
    }

    /// The continuation prompt stays while the ";" is inside quotes, a comment or a trigger's body.
    @Test func aSemicolonInQuotesCommentsOrATriggerBodyDoesNotEndTheStatement() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("select length('a;", in: shell, expecting: Self.continuation)
        let quoted = try enter("b') as n;", in: shell)
        #expect(quoted.contains("│ 4 │"))
        try enter("select 2 -- not the end;", in: shell, expecting: Self.continuation)
        try enter("/* nor this; */", in: shell, expecting: Self.continuation)
        let commented = try enter("as two;", in: shell)
        #expect(commented.contains("│   2 │"))

        try enter("create table t(a); create table log(a);", in: shell)
        try enter("create trigger tr after insert on t begin", in: shell, expecting: Self.continuation)
        try enter("  insert into log values (new.a);", in: shell, expecting: Self.continuation)
        let created = try enter("end;", in: shell)
        #expect(!created.contains("Error"))
        try enter("insert into t values (5);", in: shell)
        let logged = try enter("select a as logged from log;", in: shell)
        #expect(logged.contains("│      5 │"))
        try quit(shell)
    }

    // MARK: History

    @Test func theUpArrowRecallsAndRerunsThePreviousStatement() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("select 1 +", in: shell, expecting: Self.continuation)
        try enter("2 as total;", in: shell)
        let first = try enter("select 6 * 7 as answer;", in: shell)
        #expect(first.contains("│     42 │"))

        try shell.send(Self.upArrow)
        try shell.expect("select 6 * 7 as answer;")
        try shell.send("\r")
        let again = try shell.expect(Self.prompt)
        #expect(again.contains("│     42 │"))

        // The multi-line statement is one entry (the rerun above added none: it repeats the last).
        // (Readline redraws only what changed between the two entries: the result tells.)
        try shell.send(Self.upArrow + Self.upArrow + "\r")
        let multi = try shell.expect(Self.prompt)
        #expect(multi.contains("│     3 │"))
        try quit(shell)
    }

    @Test func historySurvivesARestart() throws {
        let home = try TemporaryHome()
        let first = try startShell(home: home)
        try enter("select 'remembered' as v;", in: first)
        // Saved as it is entered, not at exit.
        #expect(try home.historyEntries().last == "select 'remembered' as v;")
        try first.send(bytes: Self.ctrlD)
        #expect(try first.waitForExit() == 0)

        let second = try startShell(home: home)
        try second.send(Self.upArrow)
        try second.expect("select 'remembered' as v;")
        try second.send("\r")
        let rerun = try second.expect(Self.prompt)
        #expect(rerun.contains("│ remembered │"))
        try quit(second)
    }

    @Test func aStatementOverSeveralLinesIsOneHistoryEntryAcrossARestart() throws {
        let home = try TemporaryHome()
        let first = try startShell(home: home)
        try enter("select 1 +", in: first, expecting: Self.continuation)
        try enter("  41 as answer;", in: first)
        try quit(first)
        #expect(try home.historyEntries() == ["select 1 +\n  41 as answer;", ".quit"])

        let second = try startShell(home: home)
        // Up twice: past .quit to the whole statement, which runs again as one.
        try second.send(Self.upArrow)
        try second.expect(".quit")
        try second.send(Self.upArrow)
        try second.expect("41 as answer;")
        try second.send("\r")
        let rerun = try second.expect(Self.prompt)
        #expect(rerun.contains("│     42 │"))
        try quit(second)
    }

    @Test func ctrlRSearchesTheHistory() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("select 'needle' as found;", in: shell)
        try enter("select 2;", in: shell)
        // Ctrl-R, then part of the older statement: readline finds it; Enter runs it.
        try shell.send(bytes: [0x12])
        try shell.send("needl")
        try shell.expect("select 'needle' as found;")
        // Leaving the search redraws the prompt and the line; Enter runs it.
        try shell.send("\r")
        let rerun = try shell.expect("│ needle │")
        #expect(rerun.contains("found"))
        try shell.expect(Self.prompt)
        try quit(shell)
    }

    /// A history file of 1500 entries is cut to the newest 1000 at start, and stays within the
    /// bound as entries are added.
    @Test func theHistoryFileIsBounded() throws {
        let home = try TemporaryHome()
        let old = (1...1500).map { "select \($0);" }
        try (old.joined(separator: "\n") + "\n").write(toFile: home.historyFile, atomically: true, encoding: .utf8)

        let first = try startShell(home: home)
        try first.send(bytes: Self.ctrlD)
        #expect(try first.waitForExit() == 0)
        let trimmed = try home.historyEntries()
        #expect(trimmed.count <= 1000)
        #expect(trimmed.last == "select 1500;")
        #expect(!trimmed.contains("select 1;"))

        let second = try startShell(home: home)
        try enter("select 'newest' as v;", in: second)
        try quit(second)
        let entries = try home.historyEntries()
        #expect(entries.count <= 1000, "the history file has \(entries.count) entries")
        #expect(Array(entries.suffix(3)) == ["select 1500;", "select 'newest' as v;", ".quit"])
        #expect(!entries.contains("select 500;"))
    }

    // MARK: Completion

    @Test func tabCompletesKeywordsTableNamesAndColumns() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("create table inventory(item text, quantity integer);", in: shell)
        try enter("insert into inventory values ('widget', 7);", in: shell)

        // A unique prefix completes in place: the keyword in the case typed, then the table.
        try shell.send("sel\t* from inv\t;\r")
        let table = try shell.expect(Self.prompt)
        #expect(table.contains("select * from inventory ;"))
        #expect(table.contains("│ widget │        7 │"))
        #expect(!table.contains("Error"))

        try shell.send("SEL\t inventory.qu\t from inventory;\r")
        let column = try shell.expect(Self.prompt)
        #expect(column.contains("SELECT  inventory.quantity  from inventory;"))
        #expect(column.contains("│        7 │"))
        #expect(!column.contains("Error"))
        try quit(shell)
    }

    @Test func tabCompletesADotCommandAtTheStartOfALine() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("create table inventory(item text);", in: shell)
        try shell.send(".tabl\t\r")
        let tables = try shell.expect(Self.prompt)
        #expect(tables.contains(".tables \n"))
        #expect(tables.contains("inventory"))
        #expect(!tables.contains("Error"))
        try quit(shell)
    }

    @Test func tabCompletesAFileNameAfterRead() throws {
        let home = try TemporaryHome()
        let script = home.path + "/setupscript.sql"
        try "select 'from the script' as origin;\n".write(toFile: script, atomically: true, encoding: .utf8)
        let shell = try startShell(home: home, currentDirectory: home.path)

        // A name in the current directory.
        try shell.send(".read setups\t\r")
        let relative = try shell.expect(Self.prompt)
        #expect(relative.contains(".read setupscript.sql \n"))
        #expect(relative.contains("│ from the script │"))

        // A path into another directory (with a "-" in its name).
        let nested = home.path + "/more-scripts/nested.sql"
        try FileManager.default.createDirectory(atPath: home.path + "/more-scripts", withIntermediateDirectories: true)
        try "select 'from the nested script' as origin;\n".write(toFile: nested, atomically: true, encoding: .utf8)
        try shell.send(".read \(home.path)/more-scripts/nes\t\r")
        let path = try shell.expect(Self.prompt)
        #expect(path.contains(".read \(nested) \n"))
        #expect(path.contains("│ from the nested script │"))
        try quit(shell)
    }

    // MARK: Errors

    @Test func anErrorShowsACaretUnderItsColumn() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("create table t(a);", in: shell)
        let one = try enter("select nosuch from t;", in: shell)
        #expect(one.hasSuffix("""
            select nosuch from t;
            Error: near line 1, column 8: no such column: nosuch
              select nosuch from t;
                     ^--- error here
            \(Self.prompt)
            """))

        // On the second line of a statement: that line, and the column within it.
        try enter("select a,", in: shell, expecting: Self.continuation)
        let two = try enter("   nosuch from t;", in: shell)
        #expect(two.hasSuffix("""
            Error: near line 2, column 4: no such column: nosuch
                 nosuch from t;
                 ^--- error here
            \(Self.prompt)
            """))
        // The shell goes on.
        let after = try enter("select 5 as five;", in: shell)
        #expect(after.contains("│    5 │"))
        try quit(shell)
    }

    // MARK: Ctrl-C and Ctrl-D

    @Test func ctrlCAtThePromptAbandonsAHalfTypedStatement() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        // A statement left on its second line...
        try enter("select 'abandoned',", in: shell, expecting: Self.continuation)
        try shell.send("  'half")
        try shell.expect("'half")
        try shell.send(bytes: Self.ctrlC)
        try shell.expect("^C\n" + Self.prompt)
        let fresh = try enter("select 'fresh' as v;", in: shell)
        #expect(fresh.contains("│ fresh │"))
        #expect(!fresh.contains("abandoned"))
        #expect(!fresh.contains("Error"))

        // ... and a line not yet entered.
        try shell.send("select 'gone")
        try shell.expect("'gone")
        try shell.send(bytes: Self.ctrlC)
        try shell.expect("^C\n" + Self.prompt)
        let next = try enter("select 'next' as v;", in: shell)
        #expect(next.contains("│ next │"))
        #expect(!next.contains("Error"))
        try quit(shell)
    }

    static let endlessQuery = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c;"

    /// Runs the endless query and cancels it with Ctrl-C; returns what the shell printed.
    func cancelEndlessQuery(in shell: PseudoTerminal) throws -> String {
        try shell.send(Self.endlessQuery + "\r")
        try shell.expect(Self.endlessQuery + "\n")
        // The line is entered; give the statement a moment to be surely running.
        shell.readOutput(for: .milliseconds(500))
        try shell.send(bytes: Self.ctrlC)
        let out = try shell.expect("interrupted", timeout: .seconds(10))
        return out + (try shell.expect(Self.prompt))
    }

    @Test func ctrlCCancelsARunningQueryAndTheShellStillAnswers() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        let cancelled = try cancelEndlessQuery(in: shell)
        #expect(cancelled.contains("Error: "))
        #expect(cancelled.contains("interrupted\n"))
        let answer = try enter("select 42 as v;", in: shell)
        #expect(answer.contains("│ 42 │"))
        try quit(shell)
    }

    @Test func ctrlCInsideATransactionKeepsItOpenWithItsChanges() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("create table t(x);", in: shell)
        try enter("begin;", in: shell)
        try enter("insert into t values (1);", in: shell)
        let cancelled = try cancelEndlessQuery(in: shell)
        #expect(cancelled.contains("interrupted\n"))
        let inserted = try enter("insert into t values (2);", in: shell)
        #expect(!inserted.contains("Error"))
        // COMMIT finds the transaction still open.
        let committed = try enter("commit;", in: shell)
        #expect(!committed.contains("Error"))
        let sum = try enter("select sum(x) as total from t;", in: shell)
        #expect(sum.contains("│     3 │"))
        try quit(shell)
    }

    @Test func ctrlCStopsAScriptBeingReadNotJustItsStatement() throws {
        let home = try TemporaryHome()
        let script = home.path + "/long.sql"
        try Data((Self.endlessQuery + "\nCREATE TABLE after_cancel(x);\n").utf8).write(to: URL(fileURLWithPath: script))
        let shell = try startShell(home: home)
        try shell.send(".read \(script)\r")
        try shell.expect(".read \(script)\n")
        shell.readOutput(for: .milliseconds(500))
        try shell.send(bytes: Self.ctrlC)
        _ = try shell.expect("interrupted", timeout: .seconds(10))
        _ = try shell.expect(Self.prompt)
        // The statement after the cancelled one did not run.
        let tables = try enter(".tables", in: shell)
        #expect(!tables.contains("after_cancel"))
        try quit(shell)
    }

    // MARK: Bad input: a message, and the shell goes on

    @Test func badInputGetsAMessageAndTheShellGoesOn() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        let unknown = try enter(".frobnicate", in: shell)
        #expect(unknown.contains("Error: unknown command \".frobnicate\" (.help lists the commands)"))
        let missing = try enter(".read /nonexistent/none.sql", in: shell)
        #expect(missing.contains("Error: cannot read /nonexistent/none.sql: No such file or directory"))
        let importMissing = try enter(".import /nonexistent/none.csv t", in: shell)
        #expect(importMissing.contains("Error: cannot read /nonexistent/none.csv"))
        let csv = home.path + "/ragged.csv"
        try Data("a,b\n1,2\n3\n".utf8).write(to: URL(fileURLWithPath: csv))
        let ragged = try enter(".import \(csv) t", in: shell)
        #expect(ragged.contains("ragged.csv:3: expected 2 fields but found 1; nothing was imported"))
        let syntax = try enter("selec 1;", in: shell)
        #expect(syntax.contains("Error: near line 1, column 1: near \"selec\": syntax error"))
        let answer = try enter("select 'still here' as s;", in: shell)
        #expect(answer.contains("still here"))
        try quit(shell)
    }

    @Test func ctrlDInsideAStatementRunsWhatWasTypedAndSaysWhatIsMissing() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("select (1,", in: shell, expecting: Self.continuation)
        try shell.send(bytes: Self.ctrlD)
        let out = try shell.expect("incomplete input")
        #expect(out.contains("Error: near line 1, column 11: incomplete input"))
        #expect(try shell.waitForExit() == 0)
    }

    @Test func importOfALargeFileShowsProgressOnTheTerminal() throws {
        let home = try TemporaryHome()
        let csv = home.path + "/big.csv"
        var text = "id,name\n"
        for i in 0..<40_000 { text += "\(i),\"name \(i), padded to make the file larger than a megabyte\"\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        let shell = try startShell(home: home)
        try shell.send(".import \(csv) big\r")
        let out = try shell.expect("imported 40000 rows into big", timeout: .seconds(60))
        #expect(out.contains("importing \(csv) ["))
        #expect(out.contains("] 100%"))
        try shell.expect(Self.prompt)
        let count = try enter("select count(*) as n from big;", in: shell)
        #expect(count.contains("│ 40000 │"))
        try quit(shell)
    }

    @Test func ctrlDOnAnEmptyLineQuitsWithStatusZero() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("select 1;", in: shell)
        try shell.send(bytes: Self.ctrlD)
        #expect(try shell.waitForExit() == 0)
    }

    // MARK: Output

    @Test func tableModeIsTheDefaultOnATerminal() throws {
        let home = try TemporaryHome()
        let shell = try startShell(home: home)
        try enter("create table fruit(id integer, name text, note text);", in: shell)
        try enter("insert into fruit values (1, 'apple', NULL), (20, 'pear', 'x');", in: shell)
        let out = try enter("select id, name, note from fruit order by id;", in: shell)
        #expect(out.contains("""
            ┌────┬───────┬──────┐
            │ id │ name  │ note │
            ├────┼───────┼──────┤
            │  1 │ apple │ NULL │
            │ 20 │ pear  │ x    │
            └────┴───────┴──────┘
            """))
        try quit(shell)
    }

    // MARK: The harness

    @Test func escapeSequencesAreStripped() {
        let raw = "\u{1B}[?2004hstrata> abc\u{8}\u{8}\u{1B}[K\u{1B}[?2004l\r\n\u{1B}]0;title\u{7}\u{1B}(B\u{1B}=x\u{7}"
        #expect(PseudoTerminal.stripEscapes(raw) == "strata> abc\nx")
        let (clean, rest) = PseudoTerminal.strip(Array("ab\u{1B}[?20".utf8))
        #expect(clean == Array("ab".utf8))
        #expect(rest == Array("\u{1B}[?20".utf8))
    }
}
