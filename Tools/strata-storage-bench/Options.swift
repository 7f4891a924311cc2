// Options: the workloads and the command line of strata-storage-bench.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One measured workload; each runs the same operations on Strata and on LMDB.
enum Workload: String, CaseIterable, Sendable {
    /// `keys` random keys in one commit (Strata synchronous OFF vs. LMDB MDB_NOSYNC).
    case insert
    /// `keys` point reads of existing keys, in random order, from one snapshot / read txn.
    case get
    /// One forward cursor pass over every entry, touching key and value bytes.
    case scan
    /// `commits` single-key commits, no syncs (Strata OFF vs. LMDB MDB_NOSYNC).
    case commitOff = "commit-off"
    /// `fullCommits` single-key commits, each durable (Strata FULL vs. LMDB's default).
    case commitFull = "commit-full"
    /// `fullCommits` durable commits from one committing thread.
    case commitFullOneThread = "commit-full-1t"
    /// `fullCommits` durable commits from `threads` committing threads (8 by default).
    case commitFullThreads = "commit-full-8t"

    var usesDataSet: Bool { self == .insert || self == .get || self == .scan }
}

struct BenchOptions: Sendable {
    var keys = 1_000_000
    var commits = 100_000
    var fullCommits = 2_000
    var threads = 8
    var repeats = 1
    var workloads: [Workload] = Workload.allCases
    var json = false
    var directory = "/tmp"
    /// 65 536 pages of 4 KiB (256 MiB): holds the 1M-key data set (about 50k pages) entirely.
    var cachePages = 65_536
    /// LMDB's map: room for the data set several times over.
    var mapSize = 4 << 30
    var seed: UInt64 = 0x5EED_5EED

    /// The display name of a workload (the threaded one carries the thread count).
    func name(_ w: Workload) -> String {
        w == .commitFullThreads ? "commit-full-\(threads)t" : w.rawValue
    }

    static let usage = """
        usage: strata-storage-bench [options]
          --keys N           keys for insert/get/scan (default 1000000)
          --commits N        single-key commits for commit-off (default 100000)
          --full-commits N   commits for commit-full, commit-full-1t and commit-full-8t (default 2000)
          --threads N        committing threads of commit-full-8t (default 8)
          --repeat R         run everything R times and report medians (default 1)
          --workload NAME    run only NAME (repeatable, or comma-separated); one of:
                             insert get scan commit-off commit-full commit-full-1t commit-full-8t
          --cache-pages N    Strata page cache size in pages (default 65536 = 256 MiB)
          --dir PATH         where the temporary databases go (default $TMPDIR or /tmp)
          --seed N           seed of the key generator (default 0x5EED5EED)
          --json             print the results as JSON instead of a table
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
            case "--keys": o.keys = try count(1)
            case "--commits": o.commits = try count(1)
            case "--full-commits": o.fullCommits = try count(1)
            case "--threads": o.threads = try count(2)
            case "--repeat": o.repeats = try count(1)
            case "--cache-pages": o.cachePages = try count(16)
            case "--dir": o.directory = try value()
            case "--json": o.json = true
            case "--seed":
                let text = try value()
                let parsed = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
                guard let seed = parsed else { throw BenchError("--seed needs a number, got '\(text)'") }
                o.seed = seed
            case "--workload":
                for name in try value().split(separator: ",") {
                    let name = String(name)
                    if let w = Workload(rawValue: name) {
                        chosen.append(w)
                    } else if name == o.name(.commitFullThreads) || name == "commit-full-nt" {
                        chosen.append(.commitFullThreads)
                    } else if name == "all" {
                        chosen.append(contentsOf: Workload.allCases)
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
