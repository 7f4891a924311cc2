// Report: medians over the repetitions, printed as a table or as a JSON array (CONTRACT.md §8).

struct Report {
    let options: BenchOptions
    let results: [WorkloadResult]
    let machine: String
    let source: String

    private static func seconds(_ samples: [Sample]) -> Double { median(samples.map(\.seconds)) }
    private static func cpu(_ samples: [Sample]) -> Double { median(samples.map(\.cpuSeconds)) }
    private static func peak(_ samples: [Sample]) -> Int { samples.map(\.memory.peakBytes).max() ?? 0 }
    private static func growth(_ samples: [Sample]) -> Int { samples.map(\.memory.growthBytes).max() ?? 0 }

    var table: String {
        let o = options
        var out: [String] = []
        out.append("strata-bench: Strata vs. SQLite \(SQLiteEngine.version) (system libsqlite3), one process run, release build")
        out.append("  machine \(machine); source \(source)")
        out.append("  \(o.rows) rows in t and in u (SplitMix64, seed 0x\(String(o.seed, radix: 16))); "
            + (o.repeats > 1 ? "medians of \(o.repeats) repetitions" : "one repetition")
            + ", a fresh database per engine each; the engine that goes first alternates")
        out.append("  durability \(o.durability.rawValue): PRAGMA synchronous = \(o.durability.pragmaValue) on both, SQLite in journal_mode = WAL; "
            + "page cache \(o.cachePages) pages of 4 KiB (\(mib(o.cachePages * 4096)) MiB) each")
        out.append("  Strata: public API, one prepared Statement per workload; SQLite: one prepared statement per workload")
        out.append("")
        let header = [pad("workload", 15, right: false), pad("ops", 6), pad("Strata s", 9), pad("SQLite s", 9),
                      pad("Strata/SQLite", 14), pad("CPU ratio", 10), pad("Strata us/op", 13), pad("SQLite us/op", 13),
                      pad("Strata MiB", 15), pad("SQLite MiB", 15)].joined(separator: " ")
        out.append(header)
        out.append(String(repeating: "-", count: header.count))
        for r in results {
            let s = Self.seconds(r.strata)
            let q = Self.seconds(r.sqlite)
            func memory(_ samples: [Sample]) -> String { "\(mib(Self.peak(samples))) (+\(mib(Self.growth(samples))))" }
            out.append([pad(r.workload.rawValue, 15, right: false), pad(String(r.operations), 6),
                        pad(short(s), 9), pad(short(q), 9), pad(short(s / q) + "x", 14),
                        pad(short(Self.cpu(r.strata) / Self.cpu(r.sqlite)) + "x", 10),
                        pad(short(s / Double(r.operations) * 1e6), 13), pad(short(q / Double(r.operations) * 1e6), 13),
                        pad(memory(r.strata), 15), pad(memory(r.sqlite), 15)].joined(separator: " "))
        }
        out.append("(lower is better. ops = statements per repetition (bulk-insert: rows). Seconds are wall-clock; CPU ratio = the")
        out.append(" same ratio of process CPU time, steadier on a busy machine but blind to waits for the disk. MiB = the process's")
        out.append(" peak resident size during that workload on that engine, both databases open; (+n) = its rise during the workload.)")
        let worst = results.sorted { Self.seconds($0.strata) / Self.seconds($0.sqlite) > Self.seconds($1.strata) / Self.seconds($1.sqlite) }
        out.append("worst ratios: " + worst.prefix(3).map { "\($0.workload.rawValue) \(short(Self.seconds($0.strata) / Self.seconds($0.sqlite)))x" }
            .joined(separator: ", "))
        out.append("answers: every workload returned the same rows on both engines in every repetition (checksums; writes: the table after)")
        return out.joined(separator: "\n")
    }

    var json: String {
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        let o = options
        var objects: [String] = []
        for r in results {
            let s = Self.seconds(r.strata)
            let q = Self.seconds(r.sqlite)
            let answer = r.sqlite.first?.answer
            objects.append("""
                  {"workload": "\(r.workload.rawValue)", "rows": \(o.rows), "strata_s": \(number(s)), "sqlite_s": \(number(q)), \
                "ratio": \(number(s / q)), "strata_cpu_s": \(number(Self.cpu(r.strata))), \
                "sqlite_cpu_s": \(number(Self.cpu(r.sqlite))), "cpu_ratio": \(number(Self.cpu(r.strata) / Self.cpu(r.sqlite))), \
                "operations": \(r.operations), "durability": "\(o.durability.rawValue)", \
                "cache_pages": \(o.cachePages), "repeat": \(o.repeats), \
                "strata_samples": [\(r.strata.map { number($0.seconds) }.joined(separator: ", "))], \
                "sqlite_samples": [\(r.sqlite.map { number($0.seconds) }.joined(separator: ", "))], \
                "strata_peak_rss_bytes": \(Self.peak(r.strata)), "sqlite_peak_rss_bytes": \(Self.peak(r.sqlite)), \
                "strata_rss_growth_bytes": \(Self.growth(r.strata)), "sqlite_rss_growth_bytes": \(Self.growth(r.sqlite)), \
                "answer_rows": \(answer?.rows ?? 0), "answer_hash": "\(String(answer?.hash ?? 0, radix: 16))", \
                "sqlite_version": "\(SQLiteEngine.version)", "source": "\(source)"}
                """)
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]"
    }
}
