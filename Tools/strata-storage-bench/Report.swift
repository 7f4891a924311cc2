// Report: medians over the repetitions, printed as a table or as JSON.

/// Every repetition's measurements of one workload on both engines.
struct WorkloadSamples {
    let workload: Workload
    let operations: Int
    var strata: [Measurement] = []
    var lmdb: [Measurement] = []

    var strataSeconds: Double { median(strata.map(\.seconds)) }
    var lmdbSeconds: Double { median(lmdb.map(\.seconds)) }
    var ratio: Double { strataSeconds / lmdbSeconds }

    /// The issue's aim for this ratio (issue 2, "Speed"), if it sets one.
    var aim: Double? {
        switch workload {
        case .insert: 3
        case .get, .scan: 2
        default: nil
        }
    }

    /// Medians of each detail, in the order of the first repetition.
    static func detailMedians(_ ms: [Measurement]) -> [Detail] {
        guard let first = ms.first else { return [] }
        return first.details.map { d in
            Detail(d.name, median(ms.compactMap { m in m.details.first { $0.name == d.name }?.value }), d.unit)
        }
    }
}

struct Report {
    let options: BenchOptions
    let samples: [WorkloadSamples]
    let machine: String
    let commit: String

    private func format(_ d: Detail) -> String {
        switch d.unit {
        case .seconds: "\(d.name) \(short(d.value)) s"
        case .count: "\(d.name) \(Int(d.value))"
        case .bytes: "\(d.name) \(mib(Int(d.value)))"
        }
    }

    private func perSecond(_ ops: Int, _ s: Double) -> String { String(Int((Double(ops) / s).rounded())) }

    var table: String {
        var out: [String] = []
        let o = options
        out.append("strata-storage-bench: Strata's storage engine vs. \(LMDBSide.version), one run")
        out.append("  machine \(machine); source \(commit); release build")
        out.append("  \(o.keys) keys of \(DataSet.keySize) bytes with \(DataSet.valueSize)-byte values (SplitMix64, seed 0x\(String(o.seed, radix: 16))); "
            + (o.repeats > 1 ? "medians of \(o.repeats) repetitions" : "one repetition"))
        var fit = ""
        if let loaded = samples.first(where: { $0.workload == .insert })?.strata.first?.details.first(where: { $0.name == "pages" }) {
            fit = Int(loaded.value) <= o.cachePages ? ", which holds the data set (\(Int(loaded.value)) pages)"
                : ", SMALLER than the data set (\(Int(loaded.value)) pages)"
        }
        out.append("  Strata: 4 KiB pages, cache \(o.cachePages) pages (\(mib(o.cachePages * 4096)))\(fit); checkpoint every 16 MiB of WAL")
        out.append("  LMDB: mmap, mapsize \(mib(o.mapSize)); the OS page cache holds the data set. Both warm: get and scan follow the insert")
        out.append("  sync: insert and commit-off: Strata synchronous=OFF vs. LMDB MDB_NOSYNC (neither syncs a commit)")
        out.append("        commit-full*: Strata FULL (one WAL fdatasync per commit, shared by concurrent committers)")
        out.append("        vs. LMDB default flags (fdatasync of the data pages + O_DSYNC meta page write per commit)")
        out.append("  commits: fresh empty database, one 16-byte key + 100-byte value per commit; dir \(o.directory)")
        out.append("")
        let header = [pad("workload", 16, right: false), pad("ops", 9), pad("Strata s", 10), pad("LMDB s", 10),
                      pad("Strata/LMDB", 12), pad("aim", 6), pad("Strata us/op", 13), pad("LMDB us/op", 11)]
        out.append(header.joined(separator: " "))
        out.append(String(repeating: "-", count: header.joined(separator: " ").count))
        for s in samples {
            let sS = s.strataSeconds
            let lS = s.lmdbSeconds
            let aim = s.aim.map { (s.ratio <= $0 ? "<=" : ">") + "\(Int($0))x" } ?? ""
            out.append([pad(o.name(s.workload), 16, right: false), pad(String(s.operations), 9),
                        pad(short(sS, significant: 4), 10), pad(short(lS, significant: 4), 10),
                        pad(fixed(s.ratio, 2) + "x", 12), pad(aim, 6),
                        pad(short(sS / Double(s.operations) * 1e6), 13), pad(short(lS / Double(s.operations) * 1e6), 11)]
                .joined(separator: " "))
        }
        out.append("(lower is better; aim \"<=2x\" = the issue's aim for the ratio, met; \">2x\" = missed)")

        let one = samples.first { $0.workload == .commitFullOneThread }
        let many = samples.first { $0.workload == .commitFullThreads }
        if let one, let many {
            out.append("")
            out.append("group commit at FULL (commits per second):")
            for (name, a, b) in [("Strata", one.strataSeconds, many.strataSeconds), ("LMDB", one.lmdbSeconds, many.lmdbSeconds)] {
                out.append("  \(pad(name, 6, right: false)) 1 thread \(pad(perSecond(one.operations, a), 7))   "
                    + "\(o.threads) threads \(pad(perSecond(many.operations, b), 7))   "
                    + "speedup \(fixed((Double(many.operations) / b) / (Double(one.operations) / a), 2))x")
            }
        }

        out.append("")
        out.append("details (medians):")
        for s in samples {
            let sd = WorkloadSamples.detailMedians(s.strata)
            let ld = WorkloadSamples.detailMedians(s.lmdb)
            if !sd.isEmpty { out.append("  \(pad(o.name(s.workload), 15, right: false)) Strata: " + sd.map(format).joined(separator: ", ")) }
            if !ld.isEmpty { out.append("  \(pad(o.name(s.workload), 15, right: false)) LMDB:   " + ld.map(format).joined(separator: ", ")) }
        }
        out.append("")
        out.append("peak RSS \(mib(peakRSSBytes())) (the whole run: data set, Strata's cache, LMDB's mapped pages)")
        return out.joined(separator: "\n")
    }

    var json: String {
        func string(_ s: String) -> String {
            var r = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\"": r += "\\\""
                case "\\": r += "\\\\"
                case "\n": r += "\\n"
                default: r.unicodeScalars.append(c)
                }
            }
            return r + "\""
        }
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        func details(_ ms: [Measurement]) -> String {
            "{" + WorkloadSamples.detailMedians(ms).map { "\(string($0.name)): \(number($0.value))" }.joined(separator: ", ") + "}"
        }
        let o = options
        var rows: [String] = []
        for s in samples {
            rows.append("""
                    {"workload": \(string(o.name(s.workload))), "operations": \(s.operations), \
                "strata_seconds": \(number(s.strataSeconds)), "lmdb_seconds": \(number(s.lmdbSeconds)), \
                "ratio": \(number(s.ratio)), "aim": \(s.aim.map { number($0) } ?? "null"), \
                "strata_samples": [\(s.strata.map { number($0.seconds) }.joined(separator: ", "))], \
                "lmdb_samples": [\(s.lmdb.map { number($0.seconds) }.joined(separator: ", "))], \
                "strata_details": \(details(s.strata)), "lmdb_details": \(details(s.lmdb))}
                """)
        }
        return """
            {"bench": "strata-storage-bench", "lmdb_version": \(string(LMDBSide.version)), \
            "machine": \(string(machine)), "source": \(string(commit)), "keys": \(o.keys), \
            "commits": \(o.commits), "full_commits": \(o.fullCommits), "threads": \(o.threads), \
            "repeat": \(o.repeats), "cache_pages": \(o.cachePages), "seed": \(o.seed), \
            "peak_rss_bytes": \(peakRSSBytes()),
             "results": [
            \(rows.joined(separator: ",\n"))
            ]}
            """
    }
}
