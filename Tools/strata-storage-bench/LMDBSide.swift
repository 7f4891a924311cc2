// LMDBSide: the same workloads on LMDB (Debian's liblmdb, the reference copy-on-write B+tree).
//
// Sync modes: LMDB has no log; a commit writes its dirty pages into the data file, then the meta
// page. With MDB_NOSYNC it syncs neither (the counterpart of Strata's OFF); by default it
// fdatasyncs the data pages and writes the meta page through an O_DSYNC descriptor (two syncs
// per commit; the counterpart of Strata's FULL, which syncs its WAL once). Writers are serialized
// by LMDB's writer mutex, so concurrent committers simply queue.

import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An open LMDB environment with its unnamed database. Write transactions may be begun from any
/// thread (LMDB's writer lock serializes them).
final class LMDBEnvironment: @unchecked Sendable {
    let env: OpaquePointer
    let dbi: MDB_dbi

    init(directory: String, flags: Int32, mapSize: Int) throws(BenchError) {
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "mdb_env_create")
        self.env = env!
        do throws(BenchError) {
            try check(mdb_env_set_mapsize(env, mapSize), "mdb_env_set_mapsize")
            try check(mdb_env_open(env, directory, UInt32(flags), 0o644), "mdb_env_open \(directory)")
            var txn: OpaquePointer?
            try check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
            var dbi: MDB_dbi = 0
            try check(mdb_dbi_open(txn, nil, 0, &dbi), "mdb_dbi_open")
            try check(mdb_txn_commit(txn), "mdb_txn_commit")
            self.dbi = dbi
        } catch {
            mdb_env_close(env)
            throw error
        }
    }

    deinit { mdb_env_close(env) }

    func beginWrite() throws(BenchError) -> OpaquePointer {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
        return txn!
    }

    func beginRead() throws(BenchError) -> OpaquePointer {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "mdb_txn_begin (read)")
        return txn!
    }

    /// Pages in use (branch + leaf + overflow) and the page size.
    var pages: (count: Int, size: Int) {
        var st = MDB_stat()
        mdb_env_stat(env, &st)
        return (st.ms_branch_pages + st.ms_leaf_pages + st.ms_overflow_pages, Int(st.ms_psize))
    }
}

func check(_ rc: Int32, _ what: String) throws(BenchError) {
    if rc != 0 { throw BenchError("LMDB \(what): \(String(cString: mdb_strerror(rc)))") }
}

/// An MDB_val naming `count` bytes at `p` (LMDB does not write through it).
@inline(__always)
func lmdbValue(_ p: UnsafeRawPointer, _ count: Int) -> MDB_val {
    MDB_val(mv_size: count, mv_data: UnsafeMutableRawPointer(mutating: p))
}

struct LMDBSide {
    let options: BenchOptions

    /// "LMDB 0.9.24" (the library's version string without its date).
    static var version: String {
        String(String(cString: mdb_version(nil, nil, nil)).prefix { $0 != ":" })
    }

    /// Inserts the data set in one write transaction, then runs the gets and the scan, as `wanted` asks.
    func dataWorkloads(_ data: DataSet, _ wanted: [Workload]) throws -> [Workload: Measurement] {
        let dir = try TemporaryDirectory(under: options.directory, label: "lmdb")
        defer { dir.remove() }
        var results: [Workload: Measurement] = [:]
        let env = try LMDBEnvironment(directory: dir.path, flags: MDB_NOSYNC, mapSize: options.mapSize)
        let ks = DataSet.keySize
        let vs = DataSet.valueSize

        var puts = 0.0
        var commit = 0.0
        let insert = try data.keys.withUnsafeBytes { keys in
            try data.values.withUnsafeBytes { values in
                try seconds {
                    let txn = try env.beginWrite()
                    puts = try seconds {
                        for i in 0..<data.count {
                            var k = lmdbValue(keys.baseAddress! + i * ks, ks)
                            var v = lmdbValue(values.baseAddress! + i * vs, vs)
                            try check(mdb_put(txn, env.dbi, &k, &v, 0), "mdb_put")
                        }
                    }
                    commit = try seconds { try check(mdb_txn_commit(txn), "mdb_txn_commit") }
                }
            }
        }
        let pages = env.pages
        results[.insert] = Measurement(seconds: insert, details: [
            Detail("puts", puts, .seconds),
            Detail("txn commit (page writes)", commit, .seconds),
            Detail("pages", Double(pages.count), .count),
            Detail("file bytes", Double(dir.byteCount), .bytes),
        ])

        if wanted.contains(.get) {
            var total: UInt64 = 0
            let t = try data.keys.withUnsafeBytes { keys in
                try seconds {
                    let txn = try env.beginRead()
                    defer { mdb_txn_abort(txn) }
                    var v = MDB_val()
                    for i in data.readOrder {
                        var k = lmdbValue(keys.baseAddress! + i * ks, ks)
                        try check(mdb_get(txn, env.dbi, &k, &v), "mdb_get")
                        total &+= touch(UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
                    }
                }
            }
            guard total == data.valueTotal else { throw BenchError("LMDB: gets returned wrong values") }
            results[.get] = Measurement(seconds: t)
        }

        if wanted.contains(.scan) {
            var total: UInt64 = 0
            var entries = 0
            let t = try seconds {
                let txn = try env.beginRead()
                defer { mdb_txn_abort(txn) }
                var cursor: OpaquePointer?
                try check(mdb_cursor_open(txn, env.dbi, &cursor), "mdb_cursor_open")
                defer { mdb_cursor_close(cursor) }
                var k = MDB_val()
                var v = MDB_val()
                var rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST)
                while rc == 0 {
                    total &+= touch(UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size))
                    total &+= touch(UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
                    entries += 1
                    rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)
                }
                if rc != MDB_NOTFOUND { try check(rc, "mdb_cursor_get") }
            }
            guard entries == data.count, total == data.entryTotal else {
                throw BenchError("LMDB: the scan saw \(entries) entries of \(data.count), or wrong bytes")
            }
            results[.scan] = Measurement(seconds: t)
        }
        return results
    }

    /// `count` single-key write transactions (the first `count` entries of `data`) over `threads` threads.
    func commits(_ data: DataSet, count: Int, durable: Bool, threads: Int) throws -> Measurement {
        let dir = try TemporaryDirectory(under: options.directory, label: "lmdb")
        defer { dir.remove() }
        let env = try LMDBEnvironment(directory: dir.path, flags: durable ? 0 : MDB_NOSYNC, mapSize: options.mapSize)
        let perThread = count / threads
        let failure = FirstError()
        let t = seconds {
            onThreads(threads) { thread in
                data.keys.withUnsafeBytes { keys in
                    data.values.withUnsafeBytes { values in
                        do throws(BenchError) {
                            for i in (thread * perThread)..<((thread + 1) * perThread) {
                                let txn = try env.beginWrite()
                                var k = lmdbValue(keys.baseAddress! + i * DataSet.keySize, DataSet.keySize)
                                var v = lmdbValue(values.baseAddress! + i * DataSet.valueSize, DataSet.valueSize)
                                let rc = mdb_put(txn, env.dbi, &k, &v, 0)
                                if rc != 0 {
                                    mdb_txn_abort(txn)
                                    try check(rc, "mdb_put")
                                }
                                try check(mdb_txn_commit(txn), "mdb_txn_commit")
                            }
                        } catch {
                            failure.record(error.description)
                        }
                    }
                }
            }
        }
        try failure.check()
        return Measurement(seconds: t)
    }
}
