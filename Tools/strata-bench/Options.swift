// Options: the workloads and the command line of strata-bench (CONTRACT.md §8).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One measured workload. They run in this order on one database per engine and repetition, so
/// the reads see the loaded table and the writes come last.
enum Workload: String, CaseIterable, Sendable {
    case bulkInsert = "bulk-insert"
    case pointSelect = "point-select"
    case rangeScan = "range-scan"
    case indexLookup = "index-lookup"
    case aggregate
    case join
    case orderByLimit = "order-by-limit"
    case update
    case delete
    /// Threads on concurrent connections for a fixed time (Concurrent.swift); run when named
    /// (or by `--workload all`), not by default: it takes 3 x 7 x --seconds.
    case concurrentRW = "concurrent-rw"

    var isAvailable: Bool { true }
    /// Whether a run without --workload includes it.
    var isDefault: Bool { self != .concurrentRW }

    /// Statements per run at --rows 10000 and --scale 1, chosen so that today's Strata (which
    /// reads a whole table per statement) spends about 1-3 s on each workload.
    var defaultOperations: Int {
        switch self {
        case .bulkInsert: 0  // one per row
        case .pointSelect, .rangeScan, .indexLookup, .aggregate, .update, .delete: 100
        case .join, .orderByLimit: 60
        case .concurrentRW: 0
        }
    }

    var summary: String {
        switch self {
        case .bulkInsert: "insert every row of t (INTEGER PRIMARY KEY + 4 columns, one index) in one transaction"
        case .pointSelect: "SELECT * FROM t WHERE id = ? (random ids)"
        case .rangeScan: "SELECT ... FROM t WHERE id BETWEEN ? AND ? (\(DataSet.rangeWidth) rows each)"
        case .indexLookup: "SELECT ... FROM t WHERE tag = ? (indexed column, about \(DataSet.rowsPerTag) rows each)"
        case .aggregate: "SELECT grp, count(*), sum(tag), avg(score) FROM t WHERE id BETWEEN ? AND ? GROUP BY grp (half the table)"
        case .join: "SELECT ... FROM u JOIN t ON t.id = u.t_id WHERE u.id BETWEEN ? AND ? (\(DataSet.rangeWidth) rows each)"
        case .orderByLimit: "SELECT ... FROM t WHERE grp <> ? ORDER BY score DESC LIMIT 10 (no index on score)"
        case .update: "UPDATE t SET grp = ?, name = ? WHERE id = ? (random ids), in one transaction"
        case .delete: "DELETE FROM t WHERE id = ? (distinct random ids), in one transaction"
        case .concurrentRW: "2, 4 and 8 threads, one connection each: autocommit point reads and single-row updates, half each, for --seconds, in every level and mode; SQLite WAL with busy_timeout"
        }
    }
}

enum Durability: String, Sendable {
    case full, normal, off
    /// The value of PRAGMA synchronous on both engines.
    var pragmaValue: String { rawValue.uppercased() }
}

struct BenchOptions: Sendable {
    var rows = 10_000
    var scale = 1.0
    var repeats = 3
    var durability = Durability.full
    /// Pages of 4 KiB kept in memory by each engine (Strata's Options.cachePages, SQLite's cache_size).
    var cachePages = 4096
    var workloads: [Workload] = Workload.allCases.filter(\.isDefault)
    /// Seconds each engine runs each concurrent-rw cell.
    var seconds = 2.0
    var json = false
    var list = false
    var directory = "/tmp"
    var seed: UInt64 = 0x5EED_5EED

    /// Statements `w` runs per repetition.
    func operations(_ w: Workload) -> Int {
        w == .bulkInsert ? rows : max(1, Int((Double(w.defaultOperations) * scale).rounded()))
    }

    static let usage = """
        usage: strata-bench [--workload NAME]... [--rows N] [--durability full|normal|off] [--json]
          --workload NAME    run only NAME (repeatable, or comma-separated); see --list
          --list             list the workloads and exit
          --rows N           rows in each table (default 10000)
          --durability D     PRAGMA synchronous on both engines: full (default), normal or off;
                             SQLite runs in journal_mode=WAL
          --scale X          multiply the statements per workload (default 1; see --list)
          --repeat R         repetitions; the report shows medians (default 3)
          --cache-pages N    page cache of each engine in 4 KiB pages (default 4096 = 16 MiB)
          --dir PATH         where the temporary databases go (default $TMPDIR or /tmp)
          --seed N           seed of the data generator (default 0x5EED5EED)
          --seconds S        seconds per engine and cell of concurrent-rw (default 2)
          --json             print a JSON array instead of a table
        """

    static func parse(_ arguments: [String]) throws(BenchError) -> BenchOptions {
        var o = BenchOptions()
        if let tmp = getenv("TMPDIR") { o.directory = String(cString: tmp) }
        var chosen: [Workload] = []
        var i = 0
        func value() throws(BenchError) -> String {
            i += 1
            guard i < arguments.count else { throw BenchError("\(arguments[i - 1]) needs a value\n\(usage)") }
            return arguments[i]
        }
        func count(_ minimum: Int) throws(BenchError) -> Int {
            let text = try value()
            guard let n = Int(text.replacing("_", with: "")), n >= minimum else {
                throw BenchError("\(arguments[i - 1]) needs a whole number >= \(minimum), got '\(text)'")
            }
            return n
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--rows": o.rows = try count(100)
            case "--repeat": o.repeats = try count(1)
            case "--cache-pages": o.cachePages = try count(16)
            case "--dir": o.directory = try value()
            case "--json": o.json = true
            case "--list": o.list = true
            case "--scale":
                let text = try value()
                guard let x = Double(text), x > 0, x.isFinite else { throw BenchError("--scale needs a positive number, got '\(text)'") }
                o.scale = x
            case "--seconds":
                let text = try value()
                guard let x = Double(text), x > 0, x.isFinite else { throw BenchError("--seconds needs a positive number, got '\(text)'") }
                o.seconds = x
            case "--durability":
                let text = try value()
                guard let d = Durability(rawValue: text.lowercased()) else {
                    throw BenchError("--durability must be full, normal or off, got '\(text)'")
                }
                o.durability = d
            case "--seed":
                let text = try value()
                let parsed = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
                guard let seed = parsed else { throw BenchError("--seed needs a number, got '\(text)'") }
                o.seed = seed
            case "--workload":
                for name in try value().split(separator: ",") {
                    if name == "all" {
                        chosen.append(contentsOf: Workload.allCases.filter(\.isAvailable))
                    } else if let w = Workload(rawValue: String(name)) {
                        guard w.isAvailable else { throw BenchError("workload \(name) is \(w.summary)") }
                        chosen.append(w)
                    } else {
                        let names = Workload.allCases.map(\.rawValue).joined(separator: " ")
                        throw BenchError("unknown workload '\(name)'; choose from: \(names)")
                    }
                }
            case "-h", "--help":
                throw BenchError(usage, exitCode: 0)
            default:
                throw BenchError("unknown option '\(arguments[i])'\n\(usage)")
            }
            i += 1
        }
        if !chosen.isEmpty { o.workloads = Workload.allCases.filter { chosen.contains($0) } }
        return o
    }

    /// What --list prints.
    var listing: String {
        var lines = ["workloads (run in this order; statements per repetition at the current --rows and --scale):"]
        for w in Workload.allCases {
            let ops = w.isDefault ? String(operations(w)) : "-"
            lines.append("  \(pad(w.rawValue, 15, right: false)) \(pad(ops, 6))  \(w.summary)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A failure of the benchmark itself (bad option, engine error, wrong answer): printed, exit 1.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32 = 1
    init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }
}
