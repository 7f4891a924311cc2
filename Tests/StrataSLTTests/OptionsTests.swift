// The command line of CONTRACT.md §2.

import Testing

@testable import StrataSLT

@Suite struct OptionsTests {
    @Test func defaults() {
        guard case .run(let options) = Options.parse(["a.test"]) else {
            Issue.record("not a run")
            return
        }
        #expect(options == Options(labels: ["sqlite", "strata"], jobs: 1, failFast: false, verbose: false, inMemory: false, paths: ["a.test"]))
    }

    @Test func everyOption() {
        let parsed = Options.parse([
            "--label", "postgresql", "--jobs", "4", "--fail-fast", "--verbose", "--memory", "dir", "--label=mysql", "b.slt",
        ])
        #expect(
            parsed
                == .run(
                    Options(
                        labels: ["sqlite", "strata", "postgresql", "mysql"], jobs: 4, failFast: true, verbose: true, inMemory: true,
                        paths: ["dir", "b.slt"])))
        guard case .run(let short) = Options.parse(["-j", "2", "-v", "--jobs=3", "x"]) else { return }
        #expect(short.jobs == 3)
        #expect(short.verbose)
    }

    @Test func labelsAreNotRepeated() {
        guard case .run(let options) = Options.parse(["--label", "SQLite", "--label", "x", "--label", "x", "p"]) else { return }
        #expect(options.labels == ["sqlite", "strata", "x"])
    }

    @Test func doubleDashEndsOptions() {
        #expect(Options.parse(["--", "--verbose", "-x"]) == .run(Options(paths: ["--verbose", "-x"])))
    }

    @Test func help() {
        #expect(Options.parse(["--help"]) == .help)
        #expect(Options.parse(["a", "-h"]) == .help)
    }

    @Test(arguments: [
        (["--jobs", "0", "a"], "--jobs needs a positive number"),
        (["--jobs", "many", "a"], "--jobs needs a positive number"),
        (["a", "--jobs"], "--jobs needs a positive number"),
        (["--label"], "--label needs a NAME"),
        (["--label="], "--label needs a NAME"),
        (["--verbose=yes", "a"], "--verbose takes no value"),
        (["--frobnicate", "a"], "unknown option --frobnicate"),
        (["--verbose"], "no PATH given"),
        ([], "no PATH given"),
    ])
    func usageErrors(arguments: [String], message: String) {
        #expect(Options.parse(arguments) == .usageError(message))
    }
}
