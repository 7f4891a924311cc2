// Engines: the two databases under test behind the three calls a workload makes.
//
// Strata is driven only through its public API (`Database`, `Connection.execute`,
// `Connection.prepare` once per workload, then `Statement.query(parameters)` per statement).
// SQLite is driven as a C program would: one sqlite3_prepare_v2 per workload, then bind, step
// and reset per statement, reading columns in place. Both fold every
// returned value into a Checksum inside the timed section.

import CSQLite
import Strata

protocol BenchEngine: AnyObject {
    /// Runs statements whose rows do not matter (DDL, PRAGMA, BEGIN, COMMIT).
    func execute(_ sql: String) throws(BenchError)
    /// Runs `sql` once per parameter list, folding every returned row into `checksum`.
    func run(_ sql: String, _ parameterSets: [[Value]], into checksum: inout Checksum) throws(BenchError)
    func close() throws(BenchError)
}

// MARK: Strata

final class StrataEngine: BenchEngine {
    static let fileName = "strata.db"
    private let database: Database
    private let connection: Connection

    init(directory: String, options: BenchOptions) throws(BenchError) {
        var o = Database.Options()
        o.pageSize = 4096
        o.cachePages = options.cachePages
        do {
            database = try Database(path: directory + "/" + Self.fileName, options: o)
        } catch {
            throw BenchError("Strata: cannot open \(directory)/\(Self.fileName): \(error)")
        }
        connection = database.connection()
        try execute("PRAGMA synchronous = \(options.durability.pragmaValue)")
    }

    func execute(_ sql: String) throws(BenchError) {
        do {
            try connection.execute(sql)
        } catch {
            throw BenchError("Strata: \(error)\n  in: \(sql)")
        }
    }

    func run(_ sql: String, _ parameterSets: [[Value]], into checksum: inout Checksum) throws(BenchError) {
        let statement: Statement
        do {
            statement = try connection.prepare(sql)
        } catch {
            throw BenchError("Strata: \(error)\n  in: \(sql)")
        }
        for parameters in parameterSets {
            let result: QueryResult
            do {
                result = try statement.query(parameters)
            } catch {
                throw BenchError("Strata: \(error)\n  in: \(sql)\n  with: \(parameters)")
            }
            for row in result.rows {
                checksum.addRow { h in
                    for v in row {
                        switch v {
                        case .null: h.null()
                        case .integer(let i): h.integer(i)
                        case .real(let d): h.real(d)
                        case .text(var s): s.withUTF8 { h.text(UnsafeRawBufferPointer($0)) }
                        case .blob(let b): b.withUnsafeBytes { h.blob($0) }
                        }
                    }
                }
            }
        }
    }

    func close() throws(BenchError) {
        do {
            try database.close()
        } catch {
            throw BenchError("Strata: close: \(error)")
        }
    }
}

// MARK: SQLite

final class SQLiteEngine: BenchEngine {
    static let fileName = "sqlite.db"
    static var version: String { String(cString: sqlite3_libversion()) }
    private let db: OpaquePointer
    /// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)

    init(directory: String, options: BenchOptions) throws(BenchError) {
        var handle: OpaquePointer?
        let path = directory + "/" + Self.fileName
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "code \(rc)"
            sqlite3_close(handle)
            throw BenchError("SQLite: cannot open \(path): \(message)")
        }
        db = handle
        try execute("""
            PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;
            PRAGMA synchronous = \(options.durability.pragmaValue); PRAGMA cache_size = \(options.cachePages)
            """)
    }

    private func failure(_ what: String, _ sql: String) -> BenchError {
        BenchError("SQLite: \(what): \(String(cString: sqlite3_errmsg(db)))\n  in: \(sql)")
    }

    func execute(_ sql: String) throws(BenchError) {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure("exec", sql) }
    }

    func run(_ sql: String, _ parameterSets: [[Value]], into checksum: inout Checksum) throws(BenchError) {
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &prepared, nil) == SQLITE_OK, let statement = prepared else {
            throw failure("prepare", sql)
        }
        defer { sqlite3_finalize(statement) }
        let columns = sqlite3_column_count(statement)
        for parameters in parameterSets {
            for (i, p) in parameters.enumerated() {
                let index = Int32(i + 1)
                let rc = switch p {
                case .null: sqlite3_bind_null(statement, index)
                case .integer(let v): sqlite3_bind_int64(statement, index, v)
                case .real(let v): sqlite3_bind_double(statement, index, v)
                case .text(let s): sqlite3_bind_text(statement, index, s, -1, Self.transient)
                case .blob(let b): b.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient) }
                }
                guard rc == SQLITE_OK else { throw failure("bind", sql) }
            }
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    sqlite3_reset(statement)
                    throw failure("step", sql)
                }
                checksum.addRow { h in
                    for c in 0..<columns {
                        switch sqlite3_column_type(statement, c) {
                        case SQLITE_INTEGER: h.integer(sqlite3_column_int64(statement, c))
                        case SQLITE_FLOAT: h.real(sqlite3_column_double(statement, c))
                        case SQLITE_TEXT:
                            let p = sqlite3_column_text(statement, c)
                            h.text(UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, c))))
                        case SQLITE_BLOB:
                            let p = sqlite3_column_blob(statement, c)
                            h.blob(UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, c))))
                        default: h.null()
                        }
                    }
                }
            }
            sqlite3_reset(statement)
        }
    }

    func close() throws(BenchError) {
        guard sqlite3_close(db) == SQLITE_OK else { throw failure("close", "") }
    }
}
