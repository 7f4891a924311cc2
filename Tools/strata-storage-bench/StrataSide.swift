// StrataSide: the workloads on Strata's storage engine (StorageEngine, package API).
//
// Timed: what a caller of the engine waits for. Not timed: building the [UInt8] keys and the
// WriteBatch the API takes (LMDB's side gets pointers into the same bytes for free), opening,
// closing, and the final checkpoint on close.

import StrataCore
import StrataStorage

/// One engine's time for one workload in one repetition, with facts that explain it.
struct Measurement: Sendable {
    var seconds: Double
    var details: [Detail] = []
}

struct Detail: Sendable {
    enum Unit: Sendable { case seconds, count, bytes }
    var name: String
    var value: Double
    var unit: Unit
    init(_ name: String, _ value: Double, _ unit: Unit) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}

struct StrataSide {
    let options: BenchOptions

    func open(_ dir: TemporaryDirectory, synchronous: SynchronousMode, checkpointBytes: Int? = nil) throws -> StorageEngine {
        var o = StorageOptions()
        o.cachePages = options.cachePages
        o.synchronous = synchronous
        if let checkpointBytes { o.checkpointBytes = checkpointBytes }
        return try StorageEngine.open(path: dir.path + "/strata.db", options: o)
    }

    /// Inserts the data set in one commit, then runs the gets and the scan on it, as `wanted` asks.
    func dataWorkloads(_ data: DataSet, _ wanted: [Workload]) throws -> [Workload: Measurement] {
        let dir = try TemporaryDirectory(under: options.directory, label: "strata")
        defer { dir.remove() }
        var results: [Workload: Measurement] = [:]
        // The checkpoint the 16 MiB default would start inside commit() is called explicitly
        // instead, so the two parts are timed apart; the sum is the same work.
        let engine = try open(dir, synchronous: .off, checkpointBytes: Int.max)

        var batch = WriteBatch()
        let build = seconds {
            batch.operations.reserveCapacity(data.count)
            for i in 0..<data.count { batch.put(data.key(i), data.value(i)) }
        }
        var apply = 0.0
        var checkpoint = 0.0
        let insert = try seconds {
            apply = try seconds { try engine.commit(batch) }
            checkpoint = try seconds { try engine.checkpoint() }
        }
        batch = WriteBatch()
        let afterLoad = engine.stats
        results[.insert] = Measurement(seconds: insert, details: [
            Detail("commit (tree + WAL)", apply, .seconds),
            Detail("checkpoint", checkpoint, .seconds),
            Detail("batch build (not timed)", build, .seconds),
            Detail("pages", Double(afterLoad.pageCount), .count),
            Detail("file bytes", Double(dir.byteCount), .bytes),
        ])

        if wanted.contains(.get) {
            let keys = data.readOrder.map { data.key($0) }
            let before = engine.stats.cache
            var total: UInt64 = 0
            let t = try seconds {
                let snapshot = engine.snapshot(label: "bench get")
                for k in keys {
                    // Borrowed bytes, as LMDB's mdb_get lends a pointer into its map.
                    guard let sum = try snapshot.withValue(for: k, { $0.map { touch($0) } }) else {
                        throw BenchError("Strata: a key inserted is missing")
                    }
                    total &+= sum
                }
            }
            guard total == data.valueTotal else { throw BenchError("Strata: gets returned wrong values") }
            let after = engine.stats.cache
            results[.get] = Measurement(seconds: t, details: [
                Detail("cache misses", Double(after.misses - before.misses), .count),
            ])
        }

        if wanted.contains(.scan) {
            var total: UInt64 = 0
            var entries = 0
            let t = try seconds {
                let snapshot = engine.snapshot(label: "bench scan")
                var cursor = snapshot.cursor()
                var ok = try cursor.first()
                while ok {
                    total &+= cursor.withKey { touch($0) }
                    total &+= try cursor.withValue { touch($0) }
                    entries += 1
                    ok = try cursor.next()
                }
            }
            guard entries == data.count, total == data.entryTotal else {
                throw BenchError("Strata: the scan saw \(entries) entries of \(data.count), or wrong bytes")
            }
            results[.scan] = Measurement(seconds: t)
        }
        try engine.close()
        return results
    }

    /// `count` single-key commits (the first `count` entries of `data`) spread over `threads` threads.
    func commits(_ data: DataSet, count: Int, synchronous: SynchronousMode, threads: Int) throws -> Measurement {
        let dir = try TemporaryDirectory(under: options.directory, label: "strata")
        defer { dir.remove() }
        let engine = try open(dir, synchronous: synchronous)
        let perThread = count / threads
        let batches = (0..<(perThread * threads)).map { WriteBatch([WriteOperation(key: data.key($0), value: data.value($0))]) }
        let before = engine.stats
        let failure = FirstError()
        let t = seconds {
            onThreads(threads) { thread in
                do {
                    for i in (thread * perThread)..<((thread + 1) * perThread) { try engine.commit(batches[i]) }
                } catch {
                    failure.record("Strata commit failed: \(error)")
                }
            }
        }
        try failure.check()
        let after = engine.stats
        try engine.close()
        return Measurement(seconds: t, details: [
            Detail("WAL syncs", Double(after.walSyncs - before.walSyncs), .count),
            Detail("checkpoints", Double(after.checkpoints - before.checkpoints), .count),
        ])
    }
}
