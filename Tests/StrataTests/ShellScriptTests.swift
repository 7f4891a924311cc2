// The `strata` binary in script mode (CONTRACT.md §5) fed hostile input on standard input and as
// its SQL argument: a clear error with a position and a non-zero exit, never a crash.

import Foundation
import Testing

/// Runs the `strata` binary built beside this test bundle.
func runShell(_ arguments: [String], input: [UInt8] = []) throws -> (status: Int32, output: String, error: String) {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = bundle.appendingPathComponent("strata")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw TestFailure("strata is not built at \(binary.path) (swift build --build-tests builds it)")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let writer = Thread {
        stdin.fileHandleForWriting.write(Data(input))
        try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

@Suite struct ShellScriptTests {
    @Test func invalidUTF8OnStandardInputIsRefusedWithItsPosition() throws {
        let input = Array("SELECT 1;\nSELECT 'a".utf8) + [0xFF] + Array("b';\n".utf8)
        let r = try runShell([], input: input)
        #expect(r.status == 1)
        #expect(r.output == "")
        #expect(r.error == "Error: near line 2, column 10: the input is not valid UTF-8 (byte 0xFF); nothing was run\n")
    }

    /// A sequence cut short. (The SQL argument is checked the same way, but Process passes
    /// arguments as Swift strings, which cannot hold invalid UTF-8, so it is not tested here.)
    @Test func aTruncatedUTF8SequenceIsRefused() throws {
        let input = Array("SELECT 'é".utf8) + [0xC3] + Array("';".utf8)
        let r = try runShell([":memory:"], input: input)
        #expect(r.status == 1)
        #expect(r.error == "Error: near line 1, column 10: the input is not valid UTF-8 (byte 0xC3); nothing was run\n")
    }

    @Test func validUTF8RoundTrips() throws {
        let r = try runShell([":memory:", "SELECT 'é', length('日本語'), hex('é')"])
        #expect(r.status == 0)
        #expect(r.output == "é|3|C3A9\n")
    }

    @Test func hundredThousandNestedParenthesesAreAnErrorAndTheNextStatementRuns() throws {
        let deep = "SELECT " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + ";\nSELECT 2;\n"
        let r = try runShell([], input: Array(deep.utf8))
        #expect(r.status == 1)
        // The message, then a window of the 200,000-character line around the column, and the caret.
        let lines = r.error.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Error: near line 1, column 1007: expression nested too deeply (maximum depth 1000)")
        #expect(lines.count == 4)
        if lines.count == 4 {
            #expect(lines[1] == "  …" + String(repeating: "(", count: 100) + "…")
            #expect(lines[2] == "   " + String(repeating: " ", count: 60) + "^--- error here")
        }
        // The statement ends at its line's ";", so the next line's statement still runs.
        #expect(r.output == "2\n")
    }

    @Test func deepButLegalNestingIsAnswered() throws {
        let depth = 990
        let sql = "SELECT " + String(repeating: "abs(", count: depth) + "-7" + String(repeating: ")", count: depth) + ";"
        let r = try runShell([], input: Array(sql.utf8))
        #expect(r.status == 0)
        #expect(r.output == "7\n")
    }

    @Test func unterminatedInputIsAnError() throws {
        for (sql, message) in [
            ("SELECT 'abc", "Error: near line 1, column 8: unrecognized token: \"'abc\" (unterminated string literal)\n  SELECT 'abc\n         ^--- error here\n"),
            ("SELECT (1,\n 2", "Error: near line 2, column 3: incomplete input\n   2\n    ^--- error here\n"),
            ("CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1;",
             "Error: near line 1, column 51: incomplete input\n  CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1;\n                                                    ^--- error here\n"),
        ] {
            let r = try runShell([":memory:"], input: Array(sql.utf8))
            #expect(r.status == 1, "\(sql)")
            #expect(r.error == message, "\(sql)")
        }
    }
}
