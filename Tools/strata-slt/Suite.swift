// Suite: runs every script of a command line, `--jobs` at a time, and prints the report.
//
// Each script gets its own database from `makeDatabase` and runs wholly on one thread. Output
// is printed in script order whatever the job count (a script's lines wait for the scripts
// before it), so runs are comparable line by line. The last line is the summary of
// CONTRACT.md §2: "slt: N passed, N failed, N skipped".

import Foundation
import Synchronization

struct Totals: Equatable {
    var passed = 0
    var failed = 0
    var skipped = 0

    var summaryLine: String { "slt: \(passed) passed, \(failed) failed, \(skipped) skipped" }

    mutating func add(_ report: ScriptReport) {
        passed += report.passed
        failed += report.failed
        skipped += report.skipped
    }
}

enum Suite {
    /// Runs the scripts under `options.paths`, writes the report through `write` (whole lines,
    /// each ending in "\n", in order), and returns the exit status: 0 exactly when nothing failed.
    static func run<Database: SLTDatabase>(
        _ options: Options,
        makeDatabase: @escaping @Sendable () throws(SLTError) -> Database,
        write: @escaping @Sendable (String) -> Void
    ) -> Int32 {
        let found = ScriptDiscovery.find(options.paths)
        var totals = Totals()
        for path in found.missing {
            write("\(path): no such file or directory\n")
            totals.failed += 1
        }
        let reports = runScripts(found.scripts, options: options, makeDatabase: makeDatabase, write: write)
        for report in reports { totals.add(report) }
        write(totals.summaryLine + "\n")
        return totals.failed == 0 ? 0 : 1
    }

    /// Runs `scripts` and returns the reports of those that ran, in script order.
    static func runScripts<Database: SLTDatabase>(
        _ scripts: [String],
        options: Options,
        makeDatabase: @escaping @Sendable () throws(SLTError) -> Database,
        write: @escaping @Sendable (String) -> Void
    ) -> [ScriptReport] {
        let state = SuiteState(scriptCount: scripts.count, verbose: options.verbose, write: write)
        let labels = Set(options.labels.map { $0.lowercased() })
        let work: @Sendable () -> Void = {
            while !state.stop.load(ordering: .relaxed) {
                let index = state.nextScript.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= scripts.count { break }
                let report = runScript(
                    scripts[index], labels: labels, failFast: options.failFast, stop: state, makeDatabase: makeDatabase)
                if options.failFast && report.failed > 0 { state.stop.store(true, ordering: .relaxed) }
                state.finish(index, report)
            }
        }
        let threadCount = min(options.jobs, scripts.count)
        if threadCount <= 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0..<threadCount {
                group.enter()
                let thread = Thread {
                    work()
                    group.leave()
                }
                // The SQL engine may recurse deeply on nested input; give workers the main thread's room.
                thread.stackSize = 64 << 20
                thread.start()
            }
            group.wait()
        }
        return state.drain()
    }

    /// Reads, parses and runs one script on a fresh database.
    static func runScript<Database: SLTDatabase>(
        _ path: String,
        labels: Set<String>,
        failFast: Bool,
        stop: SuiteState,
        makeDatabase: () throws(SLTError) -> Database
    ) -> ScriptReport {
        let start = ContinuousClock.now
        var report: ScriptReport
        if let data = FileManager.default.contents(atPath: path) {
            let records = ScriptParser.parse([UInt8](data))
            do throws(SLTError) {
                let database = try makeDatabase()
                var runner = ScriptRunner(
                    path: path, database: database, labels: labels, failFast: failFast,
                    shouldStop: { stop.stop.load(ordering: .relaxed) })
                report = runner.run(records)
                // A statement still running on its own thread uses the database: leave it open
                // (ScriptRunner (10); the failure lines say so).
                if report.abandonedStatements == 0 { database.close() }
            } catch {
                report = ScriptReport(path: path, failed: 1, failures: ["\(path): cannot open a database: \(error.message)"])
            }
        } else {
            report = ScriptReport(path: path, failed: 1, failures: ["\(path): cannot read the file"])
        }
        report.seconds = (ContinuousClock.now - start).seconds
        return report
    }
}

/// What the worker threads share: the next script to take, the stop flag of --fail-fast, and
/// the finished reports waiting to be printed in order.
final class SuiteState: Sendable {
    let nextScript = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
    private let verbose: Bool
    private let write: @Sendable (String) -> Void
    private let output: Guarded<Output>

    private struct Output {
        var reports: [ScriptReport?]
        /// The first script whose report is not printed yet.
        var nextToPrint = 0
    }

    init(scriptCount: Int, verbose: Bool, write: @escaping @Sendable (String) -> Void) {
        self.verbose = verbose
        self.write = write
        output = Guarded(Output(reports: Array(repeating: nil, count: scriptCount)))
    }

    /// Stores a finished report and prints every report now next in order.
    func finish(_ index: Int, _ report: ScriptReport) {
        output.withLock { output in
            output.reports[index] = report
            while output.nextToPrint < output.reports.count, let ready = output.reports[output.nextToPrint] {
                write(text(of: ready))
                output.nextToPrint += 1
            }
        }
    }

    /// Prints the reports still held back (scripts after one that never ran) and returns all.
    func drain() -> [ScriptReport] {
        output.withLock { output in
            while output.nextToPrint < output.reports.count {
                if let ready = output.reports[output.nextToPrint] { write(text(of: ready)) }
                output.nextToPrint += 1
            }
            return output.reports.compactMap { $0 }
        }
    }

    private func text(of report: ScriptReport) -> String {
        var text = ""
        for line in report.failures {
            text += line
            text += "\n"
        }
        if verbose {
            var line = "\(report.path): \(report.passed) passed, \(report.failed) failed, \(report.skipped) skipped"
            line += " in " + formatSeconds(report.seconds)
            if let halt = report.haltedAtLine { line += " (halted at line \(halt))" }
            if report.stoppedEarly { line += " (stopped early)" }
            text += line + "\n"
        }
        return text
    }

    private func formatSeconds(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
