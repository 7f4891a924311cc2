// The command line of CONTRACT.md §2, parsed by hand (no dependency for seven options):
//
//   strata-slt [--label NAME]... [--jobs N] [--fail-fast] [--verbose] [--memory] PATH...

struct Options: Equatable {
    /// Labels for skipif/onlyif; "sqlite" and "strata" are always active.
    var labels: [String] = ["sqlite", "strata"]
    var jobs = 1
    var failFast = false
    var verbose = false
    /// An in-memory database per script instead of a temporary file.
    var inMemory = false
    var paths: [String] = []

    static let usage = """
        usage: strata-slt [--label NAME]... [--jobs N] [--fail-fast] [--verbose] [--memory] PATH...

        Runs sqllogictest scripts (files, or folders searched for *.test and *.slt) against Strata,
        each on a fresh temporary database, and prints one line per failing record and, last,
        "slt: N passed, N failed, N skipped". Exits 0 exactly when nothing failed.

          --label NAME   also treat NAME as this engine for skipif/onlyif (sqlite and strata always are)
          --jobs N       run N scripts at a time, each on its own database (default 1)
          --fail-fast    stop at the first failing record
          --verbose      print a summary line per script
          --memory       use in-memory databases instead of temporary files
          -h, --help     print this help
        """

    enum ParseResult: Equatable {
        case run(Options)
        case help
        case usageError(String)
    }

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) -> ParseResult {
        var options = Options()
        var index = 0
        var onlyPaths = false

        func value(for flag: String, inline: String?) -> String? {
            if let inline { return inline }
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }

        while index < arguments.count {
            let argument = arguments[index]
            defer { index += 1 }
            if onlyPaths || !argument.hasPrefix("-") || argument == "-" {
                options.paths.append(argument)
                continue
            }
            var flag = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            switch flag {
            case "--":
                onlyPaths = true
            case "-h", "--help":
                return .help
            case "--label":
                guard let name = value(for: flag, inline: inline), !name.isEmpty else {
                    return .usageError("--label needs a NAME")
                }
                if !options.labels.contains(where: { $0.lowercased() == name.lowercased() }) { options.labels.append(name) }
            case "--jobs", "-j":
                guard let text = value(for: flag, inline: inline), let jobs = Int(text), jobs >= 1 else {
                    return .usageError("--jobs needs a positive number")
                }
                options.jobs = jobs
            case "--fail-fast":
                guard inline == nil else { return .usageError("--fail-fast takes no value") }
                options.failFast = true
            case "--verbose", "-v":
                guard inline == nil else { return .usageError("--verbose takes no value") }
                options.verbose = true
            case "--memory":
                guard inline == nil else { return .usageError("--memory takes no value") }
                options.inMemory = true
            default:
                return .usageError("unknown option \(argument)")
            }
        }
        if options.paths.isEmpty { return .usageError("no PATH given") }
        return .run(options)
    }
}
