// strata-bench: the same SQL workloads on Strata and on the system SQLite, in one process run,
// with the ratios Strata/SQLite (CONTRACT.md §8). Release builds only:
//
//   swift build -c release --product strata-bench
//   .build/release/strata-bench [--workload NAME]... [--rows N] [--durability full|normal|off] [--json]
//
// Each repetition opens a fresh database per engine in a temporary directory (removed at the
// end), creates the same schema, and runs the chosen workloads in a fixed order on the same
// generated data; for each workload the engine that goes first alternates. Each engine's
// answers (a checksum of every row returned, and the table's contents after each write) must
// equal the other's and the row counts the data set fixes, or the run fails: a fast wrong
// answer is not a result.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

func progress(_ message: String) {
    emit(message + "\n", to: 2)
}

/// Every repetition's samples of one workload on both engines.
struct WorkloadResult {
    let workload: Workload
    let operations: Int
    var strata: [Sample] = []
    var sqlite: [Sample] = []
}

func run(_ options: BenchOptions) throws(BenchError) -> [WorkloadResult] {
    progress("strata-bench: generating \(options.rows) rows (seed 0x\(String(options.seed, radix: 16))) ...")
    let data = DataSet(options: options)
    var results = options.workloads.filter { $0 != .concurrentRW }.map { w in
        WorkloadResult(workload: w, operations: w == .bulkInsert ? options.rows : data.parameters[w]!.count)
    }
    let loadT = !options.workloads.contains(.bulkInsert)
    let loadU = options.workloads.contains(.join)

    for rep in 0..<options.repeats {
        let dir = try TemporaryDirectory(under: options.directory)
        defer { dir.remove() }
        let strata = EngineRun(engine: try StrataEngine(directory: dir.path, options: options), data: data)
        let sqlite = EngineRun(engine: try SQLiteEngine(directory: dir.path, options: options), data: data)
        try strata.createSchema()
        try sqlite.createSchema()
        if loadT || loadU {
            progress("[\(rep + 1)/\(options.repeats)] loading (untimed) ...")
            try strata.load(t: loadT, u: loadU)
            try sqlite.load(t: loadT, u: loadU)
        }
        for (k, w) in options.workloads.filter({ $0 != .concurrentRW }).enumerated() {
            let strataFirst = (rep + k) % 2 == 0
            progress("[\(rep + 1)/\(options.repeats)] \(w.rawValue): \(results[k].operations) statements, "
                + (strataFirst ? "Strata then SQLite" : "SQLite then Strata") + " ...")
            let s: Sample
            let q: Sample
            if strataFirst {
                s = try strata.measure(w)
                q = try sqlite.measure(w)
            } else {
                q = try sqlite.measure(w)
                s = try strata.measure(w)
            }
            try check(w, strata: s.answer, sqlite: q.answer, first: results[k].sqlite.first?.answer,
                      expected: expectedRows(w, data))
            results[k].strata.append(s)
            results[k].sqlite.append(q)
        }
        try strata.engine.close()
        try sqlite.engine.close()
    }
    return results
}

/// Fails the run unless both engines gave the same answer, the same as in the first repetition,
/// with the row count the data set fixes.
func check(_ w: Workload, strata: Checksum, sqlite: Checksum, first: Checksum?, expected: Int?) throws(BenchError) {
    guard strata == sqlite else {
        throw BenchError("WRONG ANSWER in \(w.rawValue): Strata returned \(strata.description), SQLite \(sqlite.description)")
    }
    if let first, first != sqlite {
        throw BenchError("\(w.rawValue): answers differ between repetitions (\(first.description), then \(sqlite.description))")
    }
    if let expected, sqlite.rows != expected {
        throw BenchError("\(w.rawValue): both engines returned \(sqlite.rows) rows, the data set says \(expected)")
    }
    if sqlite.rows == 0 { throw BenchError("\(w.rawValue): both engines returned no rows; the workload checks nothing") }
}

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.list {
        print(options.listing)
        exit(0)
    }
    let results = options.workloads == [.concurrentRW] ? [] : try run(options)
    let concurrent = options.workloads.contains(.concurrentRW) ? try ConcurrentRW.run(options) : []
    let report = Report(options: options, results: results, machine: machineDescription(), source: sourceCommit())
    if options.json {
        var objects = results.isEmpty ? [] : [String(report.json.dropFirst(2).dropLast(2))]
        objects.append(contentsOf: ConcurrentRW.json(concurrent, options))
        print("[\n" + objects.joined(separator: ",\n") + "\n]")
    } else {
        if !results.isEmpty { print(report.table) }
        if !concurrent.isEmpty { print(ConcurrentRW.table(concurrent, options)) }
    }
} catch {
    emit(error.description + "\n", to: error.exitCode == 0 ? 1 : 2)
    exit(error.exitCode)
}
