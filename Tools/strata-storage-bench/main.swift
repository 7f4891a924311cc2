// strata-storage-bench: the same work on Strata's storage engine and on LMDB, in one run, with the
// ratios Strata/LMDB (issue 2, "Speed"). Release builds only:
//
//   swift build -c release --product strata-storage-bench
//   .build/release/strata-storage-bench [--keys N] [--repeat R] [--workload NAME] [--json]
//
// Each repetition runs insert -> get -> scan on a fresh database per engine, then each commit
// workload on a fresh database per engine; the engine that goes first alternates between
// repetitions. Every run checks what it read against the data set, so a fast wrong answer fails.

import StrataStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

func progress(_ message: String) {
    emit(message + "\n", to: 2)
}

func run(_ options: BenchOptions) throws -> Report {
    let strata = StrataSide(options: options)
    let lmdb = LMDBSide(options: options)
    let dataWorkloads = options.workloads.filter(\.usesDataSet)
    let commitWorkloads = options.workloads.filter { !$0.usesDataSet }

    progress("generating \(options.keys) keys ...")
    let data = dataWorkloads.isEmpty ? nil : DataSet(count: options.keys, seed: options.seed, shuffled: true)
    let commitData = commitWorkloads.isEmpty ? nil
        : DataSet(count: max(options.commits, options.fullCommits), seed: options.seed &+ 1, shuffled: false)

    var samples: [Workload: WorkloadSamples] = [:]
    for w in options.workloads {
        let operations = switch w {
        case .insert, .get, .scan: options.keys
        case .commitOff: options.commits
        case .commitFull, .commitFullOneThread: options.fullCommits
        case .commitFullThreads: options.fullCommits / options.threads * options.threads
        }
        samples[w] = WorkloadSamples(workload: w, operations: operations)
    }

    for rep in 0..<options.repeats {
        let strataFirst = rep % 2 == 0
        let label = options.repeats > 1 ? "[\(rep + 1)/\(options.repeats)] " : ""
        if let data {
            for engine in strataFirst ? ["Strata", "LMDB"] : ["LMDB", "Strata"] {
                progress("\(label)\(engine): \(dataWorkloads.map(options.name).joined(separator: ", ")) ...")
                let results = engine == "Strata" ? try strata.dataWorkloads(data, dataWorkloads)
                    : try lmdb.dataWorkloads(data, dataWorkloads)
                for w in dataWorkloads {
                    guard let m = results[w] else { continue }
                    if engine == "Strata" { samples[w]!.strata.append(m) } else { samples[w]!.lmdb.append(m) }
                }
            }
        }
        if let commitData {
            for w in commitWorkloads {
                let (count, durable, threads) = switch w {
                case .commitOff: (options.commits, false, 1)
                case .commitFull, .commitFullOneThread: (options.fullCommits, true, 1)
                default: (options.fullCommits, true, options.threads)
                }
                for engine in strataFirst ? ["Strata", "LMDB"] : ["LMDB", "Strata"] {
                    progress("\(label)\(engine): \(options.name(w)) ...")
                    if engine == "Strata" {
                        samples[w]!.strata.append(try strata.commits(commitData, count: count,
                                                                     synchronous: durable ? .full : .off, threads: threads))
                    } else {
                        samples[w]!.lmdb.append(try lmdb.commits(commitData, count: count, durable: durable, threads: threads))
                    }
                }
            }
        }
    }
    return Report(options: options, samples: options.workloads.map { samples[$0]! },
                  machine: machineDescription(), commit: sourceCommit())
}

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let report = try run(options)
    print(options.json ? report.json : report.table)
} catch let error as BenchError {
    emit(error.description + "\n", to: error.exitCode == 0 ? 1 : 2)
    exit(error.exitCode)
} catch {
    emit("strata-storage-bench: \(error)\n", to: 2)
    exit(1)
}
