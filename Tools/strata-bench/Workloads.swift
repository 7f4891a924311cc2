// Workloads: the SQL each workload runs, the same text on both engines, and what is timed.
//
// Timed: the statements of the workload (for bulk-insert, update and delete including BEGIN and
// COMMIT), with every returned row folded into the checksum. Not timed: creating the schema,
// loading the tables when bulk-insert is not chosen, loading u, and reading the whole of t back
// after each write workload (which checks what the writes did).

import Strata

enum SQL {
    static let schema = """
        CREATE TABLE t(id INTEGER PRIMARY KEY, grp INTEGER, tag INTEGER, score REAL, name TEXT);
        CREATE INDEX t_tag ON t(tag);
        CREATE TABLE u(id INTEGER PRIMARY KEY, t_id INTEGER, qty INTEGER)
        """
    static let insertT = "INSERT INTO t VALUES (?, ?, ?, ?, ?)"
    static let insertU = "INSERT INTO u VALUES (?, ?, ?)"
    static let contents = "SELECT id, grp, tag, score, name FROM t"

    /// The statement a query or write workload runs once per parameter list.
    static func statement(_ w: Workload) -> String {
        switch w {
        case .pointSelect: "SELECT id, grp, tag, score, name FROM t WHERE id = ?"
        case .rangeScan: "SELECT id, grp, score, name FROM t WHERE id BETWEEN ? AND ?"
        case .indexLookup: "SELECT id, name FROM t WHERE tag = ?"
        case .aggregate: "SELECT grp, count(*), sum(tag), avg(score) FROM t WHERE id BETWEEN ? AND ? GROUP BY grp"
        case .join: "SELECT u.id, u.qty, t.id, t.name FROM u JOIN t ON t.id = u.t_id WHERE u.id BETWEEN ? AND ?"
        case .orderByLimit: "SELECT id, score, name FROM t WHERE grp <> ? ORDER BY score DESC LIMIT 10"
        case .update: "UPDATE t SET grp = ?, name = ? WHERE id = ?"
        case .delete: "DELETE FROM t WHERE id = ?"
        case .bulkInsert: insertT
        case .concurrentRW: ""
        }
    }

    static func isWrite(_ w: Workload) -> Bool { w == .bulkInsert || w == .update || w == .delete }
}

/// One engine's result for one workload in one repetition.
struct Sample: Sendable {
    /// Wall-clock seconds.
    var seconds: Double
    /// CPU seconds of the whole process over the same span (less disturbed by other load on the machine;
    /// blind to time spent waiting for the disk).
    var cpuSeconds: Double
    /// Rows the statements returned, then (for writes) the contents of t afterwards.
    var answer: Checksum
    var memory: MemoryUse
}

/// One engine's database for one repetition.
struct EngineRun<E: BenchEngine> {
    let engine: E
    let data: DataSet

    func createSchema() throws(BenchError) { try engine.execute(SQL.schema) }

    /// Loads t (if bulk-insert did not) and u, untimed.
    func load(t: Bool, u: Bool) throws(BenchError) {
        var ignored = Checksum()
        try engine.execute("BEGIN")
        if t { try engine.run(SQL.insertT, data.t, into: &ignored) }
        if u { try engine.run(SQL.insertU, data.u, into: &ignored) }
        try engine.execute("COMMIT")
    }

    func measure(_ w: Workload) throws(BenchError) -> Sample {
        let parameters = w == .bulkInsert ? data.t : data.parameters[w]!
        var answer = Checksum(ordered: w == .orderByLimit)
        let start = MemoryUse.start()
        let cpu = processCPUSeconds()
        let clock = ContinuousClock.now
        if SQL.isWrite(w) { try engine.execute("BEGIN") }
        try engine.run(SQL.statement(w), parameters, into: &answer)
        if SQL.isWrite(w) { try engine.execute("COMMIT") }
        let elapsed = (ContinuousClock.now - clock).seconds
        let cpuElapsed = processCPUSeconds() - cpu
        let memory = start.finish()
        if SQL.isWrite(w) {
            var contents = Checksum()
            try engine.run(SQL.contents, [[]], into: &contents)
            answer.add(contents)
        }
        return Sample(seconds: elapsed, cpuSeconds: cpuElapsed, answer: answer, memory: memory)
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

/// Row counts a workload must return whatever the engine, where the data set fixes them.
func expectedRows(_ w: Workload, _ data: DataSet) -> Int? {
    let ops = data.parameters[w]?.count ?? 0
    let width = min(DataSet.rangeWidth, data.rows)
    return switch w {
    case .bulkInsert: data.rows  // the contents read back
    case .pointSelect: ops
    case .rangeScan, .join: ops * width
    case .orderByLimit: ops * min(10, data.rows)
    case .update: data.rows  // no rows returned; the contents read back
    case .delete: data.rows - ops
    default: nil
    }
}
