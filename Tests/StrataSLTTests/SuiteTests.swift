// Whole runs over files on disk: discovery order, the summary line, exit status, ordered
// output with --jobs, --verbose, --fail-fast, missing paths, and the Strata backend's cleanup.

import Foundation
import Strata
import Testing

@testable import StrataSLT

@Suite struct SuiteTests {
    /// A fresh folder with `files` (relative path -> text); removed by the caller.
    func makeFolder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-slt-tests-\(UUID().uuidString)").path
        for (relative, text) in files {
            let path = folder + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let passing = "statement ok\nCREATE TABLE t(x)\n\nquery I nosort\nSELECT 1\n----\n1\n"
    static let failing = "statement ok\nBAD\n\nstatement ok\nGOOD\n"
    static let skipping = "onlyif mysql\nstatement ok\nA\n\nstatement ok\nB\n"

    static let responses: [String: FakeDatabase.Response] = ["SELECT 1": .integers([1]), "BAD": .error("syntax error")]

    func run(_ options: Options) -> (status: Int32, lines: [String]) {
        let output = OutputLines()
        let status = Suite.run(
            options, makeDatabase: { () throws(SLTError) in FakeDatabase(Self.responses) }, write: { output.write($0) })
        return (status, output.lines)
    }

    @Test func discoveryFindsTestAndSltFilesInByteOrder() throws {
        let folder = try makeFolder([
            "b.test": "", "a.slt": "", "notes.txt": "", "sub/z.test": "", "sub/deeper/c.test": "", "A.test": "",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = ScriptDiscovery.find([folder, folder + "/b.test", folder + "/missing.test"])
        #expect(
            found.scripts == [
                folder + "/A.test", folder + "/a.slt", folder + "/b.test", folder + "/sub/deeper/c.test", folder + "/sub/z.test",
            ])
        #expect(found.missing == [folder + "/missing.test"])
        // A file named directly runs whatever its extension.
        #expect(ScriptDiscovery.find([folder + "/notes.txt"]).scripts == [folder + "/notes.txt"])
    }

    @Test func summaryIsTheLastLineAndTheStatusReflectsFailures() throws {
        let folder = try makeFolder(["1.test": Self.passing, "2.test": Self.skipping])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clean = run(Options(paths: [folder]))
        #expect(clean.status == 0)
        #expect(clean.lines == ["slt: 3 passed, 0 failed, 1 skipped"])

        try Self.failing.write(toFile: folder + "/3.test", atomically: true, encoding: .utf8)
        let failed = run(Options(paths: [folder]))
        #expect(failed.status == 1)
        #expect(
            failed.lines == [
                "\(folder)/3.test:1: statement failed: BAD | expected: ok | actual: error: syntax error",
                "slt: 4 passed, 1 failed, 1 skipped",
            ])
    }

    @Test func missingPathsFail() throws {
        let result = run(Options(paths: ["/nonexistent/strata-slt/x.test"]))
        #expect(result.status == 1)
        #expect(result.lines == ["/nonexistent/strata-slt/x.test: no such file or directory", "slt: 0 passed, 1 failed, 0 skipped"])
    }

    @Test func emptyFolderPasses() throws {
        let folder = try makeFolder(["readme.md": "x"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = run(Options(paths: [folder]))
        #expect(result.status == 0)
        #expect(result.lines == ["slt: 0 passed, 0 failed, 0 skipped"])
    }

    @Test func verbosePrintsAScriptLineEach() throws {
        let folder = try makeFolder(["1.test": Self.passing, "2.test": Self.failing, "3.test": "statement ok\nA\n\nhalt\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = run(Options(verbose: true, paths: [folder]))
        #expect(result.lines.count == 5)
        #expect(result.lines[0].hasPrefix("\(folder)/1.test: 2 passed, 0 failed, 0 skipped in "))
        #expect(result.lines[1].hasPrefix("\(folder)/2.test:1: statement failed: BAD"))
        #expect(result.lines[2].hasPrefix("\(folder)/2.test: 1 passed, 1 failed, 0 skipped in "))
        #expect(result.lines[3].hasSuffix(" s (halted at line 4)"))
        #expect(result.lines[4] == "slt: 4 passed, 1 failed, 0 skipped")
    }

    /// Many scripts on 3 threads print exactly what one thread prints, in script order.
    @Test func jobsKeepTheOutputInScriptOrder() throws {
        var files: [String: String] = [:]
        for i in 0..<40 {
            let name = String(format: "%02d.test", i)
            files[name] = i % 3 == 0 ? Self.failing : (i % 3 == 1 ? Self.passing : Self.skipping)
        }
        let folder = try makeFolder(files)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let serial = run(Options(verbose: true, paths: [folder]))
        let parallel = run(Options(jobs: 3, verbose: true, paths: [folder]))
        let strip: ([String]) -> [String] = { $0.map { $0.replacingOccurrences(of: #" in \d+\.\d\d s"#, with: "", options: .regularExpression) } }
        #expect(strip(serial.lines) == strip(parallel.lines))
        #expect(serial.lines.last == "slt: 53 passed, 14 failed, 13 skipped")
        #expect(parallel.status == 1)
    }

    @Test func failFastStopsTheRun() throws {
        let folder = try makeFolder(["1.test": Self.passing, "2.test": Self.failing, "3.test": Self.passing])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = run(Options(failFast: true, paths: [folder]))
        #expect(result.status == 1)
        #expect(result.lines.last == "slt: 2 passed, 1 failed, 0 skipped")
    }

    @Test func aDatabaseThatCannotOpenFailsItsScript() throws {
        let folder = try makeFolder(["1.test": Self.passing])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = OutputLines()
        let status = Suite.run(
            Options(paths: [folder]),
            makeDatabase: { () throws(SLTError) -> FakeDatabase in throw SLTError(message: "disk on fire") },
            write: { output.write($0) })
        #expect(status == 1)
        #expect(output.lines == ["\(folder)/1.test: cannot open a database: disk on fire", "slt: 0 passed, 1 failed, 0 skipped"])
    }

    /// The real backend: a fresh file database in its own temporary folder, removed on close;
    /// errors carry the message and the SQLSTATE.
    @Test func strataBackendCleansUpAfterItself() throws {
        let backend = try StrataBackend(inMemory: false)
        let directory = try #require(backend.directory)
        #expect(FileManager.default.fileExists(atPath: directory))
        let session = try backend.openSession()
        #expect(throws: SLTError.self) { try session.execute("THIS IS NOT SQL") }
        do {
            try session.execute("THIS IS NOT SQL")
        } catch {
            #expect(!error.message.isEmpty)
            #expect(error.sqlState?.count == 5)
        }
        backend.close()
        #expect(!FileManager.default.fileExists(atPath: directory))

        let memory = try StrataBackend(inMemory: true)
        #expect(memory.directory == nil)
        memory.close()
    }

    /// Directories left by a strata-slt process that is gone are removed; others are kept.
    @Test func leftoversOfDeadRunsAreRemoved() throws {
        let base = try makeFolder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        // PID 2^22 + 1 is above Linux's pid_max limit, so no process has it.
        let dead = "strata-slt-4194305-AbC123"
        let alive = "strata-slt-\(getpid())-XyZ789"
        let unrelated = ["strata-slt-tests-1", "strata-slt-abc-AbC123", "other-4194305-AbC123"]
        for name in [dead, alive] + unrelated {
            try FileManager.default.createDirectory(atPath: base + "/" + name, withIntermediateDirectories: true)
        }
        #expect(StrataBackend.removeLeftovers(in: base) == [base + "/" + dead])
        let remaining = try FileManager.default.contentsOfDirectory(atPath: base).sorted()
        #expect(remaining == ([alive] + unrelated).sorted())
    }
}
