// strata: the shell (CONTRACT.md §5, Docs/shell.md).
//
//   strata [OPTIONS] [DATABASE] [SQL]
//
// On a terminal (and without SQL) it is interactive: readline editing, persistent history,
// multi-line statements, completion, Ctrl-C to cancel a running statement. Otherwise it runs
// the SQL argument, or the statements and dot-commands on standard input, and exits non-zero if
// any failed (-bail stops at the first). No DATABASE: an in-memory database.

import ArgumentParser
import Strata

#if canImport(Glibc)
import Glibc
#endif

@main
struct StrataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "The Strata SQL shell.",
        discussion: """
        With SQL, runs it and exits. Otherwise reads statements and dot-commands: interactively \
        on a terminal (type .help), or from standard input. Without DATABASE the database is in \
        memory; ":memory:" names one too. The exit status is 1 if any statement failed.
        """,
        version: "strata \(StrataShell.version)"
    )

    @Argument(help: "The database file, created if missing (default: an in-memory database).")
    var database: String?

    @Argument(help: "SQL to run; without it, statements are read from standard input or the terminal.")
    var sql: String?

    @Option(name: [.long, .customLong("mode", withSingleDash: true)],
            help: "Output mode: table, list, csv, json or line (default: table on a terminal, list otherwise).")
    var mode: OutputMode?

    @Flag(help: "Shorthands for --mode, as sqlite3 spells them (-csv, -json, -line, -list, -table; -box is -table).")
    var modeFlag: ModeFlag?

    @Flag(name: .customLong("version", withSingleDash: true), help: .hidden)
    var singleDashVersion = false

    @Flag(name: [.long, .customLong("bail", withSingleDash: true)], help: "Stop at the first error.")
    var bail = false

    @Flag(name: [.customLong("header"), .customLong("header", withSingleDash: true)],
          help: "Show column names (the default in table mode).")
    var header = false

    @Flag(name: [.customLong("noheader"), .customLong("noheader", withSingleDash: true)],
          help: "Hide column names.")
    var noHeader = false

    @Option(name: [.long, .customLong("nullvalue", withSingleDash: true)], help: "Text shown for NULL.")
    var nullvalue: String?

    @Flag(name: [.long, .customLong("interactive", withSingleDash: true)],
          help: "Interactive even when standard input is not a terminal.")
    var interactive = false

    @Flag(name: [.long, .customLong("batch", withSingleDash: true)],
          help: "Not interactive even on a terminal.")
    var batch = false

    enum ModeFlag: String, EnumerableFlag {
        case csv, json, line, list, table, box

        static func name(for value: ModeFlag) -> NameSpecification {
            [.customLong(value.rawValue), .customLong(value.rawValue, withSingleDash: true)]
        }

        var mode: OutputMode {
            switch self {
            case .csv: .csv
            case .json: .json
            case .line: .line
            case .list: .list
            case .table, .box: .table
            }
        }
    }

    mutating func validate() throws {
        if mode != nil && modeFlag != nil { throw ValidationError("give the output mode once (--mode or --\(modeFlag!.rawValue))") }
        if interactive && batch { throw ValidationError("--interactive and --batch exclude each other") }
        if header && noHeader { throw ValidationError("--header and --noheader exclude each other") }
    }

    func run() throws {
        if singleDashVersion {
            print(Self.configuration.version)
            return
        }
        let rawSQL = try RawArguments.sqlArgument(matching: sql)
        let stdinIsTerminal = isatty(0) == 1
        let interactive = rawSQL == nil && !batch && (self.interactive || stdinIsTerminal)
        var settings = ShellSettings()
        settings.mode = mode ?? modeFlag?.mode ?? (isatty(1) == 1 ? .table : .list)
        if header { settings.headers = true }
        if noHeader { settings.headers = false }
        settings.nullValue = nullvalue
        settings.bail = bail
        let shell: StrataShell
        do {
            shell = try StrataShell(path: database, settings: settings, interactive: interactive)
        } catch {
            StandardError.write("Error: \(StrataShell.describe(error))\n")
            throw ExitCode(1)
        }
        let status: Int32
        if let rawSQL {
            status = shell.runArgument(rawSQL)
        } else if interactive {
            status = shell.runInteractive()
        } else {
            status = shell.runStandardInput()
        }
        shell.close()
        if status != 0 { throw ExitCode(status) }
    }
}

extension OutputMode: ExpressibleByArgument {}

/// The SQL argument as the bytes the user passed: CommandLine.arguments has already replaced
/// invalid UTF-8, which the shell refuses with its position rather than changing the user's data.
enum RawArguments {
    static func sqlArgument(matching parsed: String?) throws -> [UInt8]? {
        guard let parsed else { return nil }
        // The last argument equal to the parsed one after decoding is the SQL argument.
        for i in stride(from: Int(CommandLine.argc) - 1, through: 1, by: -1) {
            guard let p = CommandLine.unsafeArgv[i] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
            if String(decoding: bytes, as: UTF8.self) == parsed { return bytes }
        }
        return Array(parsed.utf8)
    }
}
