// SQLEngine: one database's SQL layer over its storage engine; SQLSession: one connection's state.
//
// (Issue 3, in progress.) The engine owns the StorageEngine and the catalog; a session parses,
// binds, plans and executes statements, and holds the connection's open transaction.

import StrataCore
import StrataStorage
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

package final class SQLEngine: Sendable {
    /// The committed catalog; a transaction works on a copy and publishes it at commit.
    let committedCatalog: Mutex<Catalog>
    package struct Options: Sendable {
        package var pageSize = 4096
        package var cachePages = 4096
        package init() {}
    }

    package let storage: StorageEngine
    /// Parse height of the tallest view, trigger or table definition this engine has stored or
    /// loaded: a statement may bind and run them inside itself (`ThreadStack.withStack`). Only
    /// grows.
    let tallestStoredStatement = Atomic<Int>(0)

    /// Opens the database at `path`; nil or ":memory:" gives a private database in an anonymous
    /// temporary file (unlinked at once, so nothing is left behind).
    package init(path: String?, options: Options) throws(StrataError) {
        var storageOptions = StorageOptions()
        storageOptions.pageSize = options.pageSize
        storageOptions.cachePages = options.cachePages
        if let path, path != ":memory:" {
            storage = try StorageEngine.open(path: path, options: storageOptions)
        } else {
            let template = ProcessEnvironment.temporaryDirectory + "/strata-memory-XXXXXX"
            var buffer = Array(template.utf8CString)
            let fd = mkstemp(&buffer)
            guard fd >= 0 else { throw StrataError(.ioError, "cannot create a temporary file for an in-memory database") }
            Glibc.close(fd)
            let tempPath = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            unlink(tempPath)
            storageOptions.synchronous = .off
            storage = try StorageEngine.open(path: tempPath, options: storageOptions)
            unlink(tempPath)
            unlink(tempPath + "-wal")
        }
        committedCatalog = Mutex(Catalog())
        let (loaded, tallest) = try CatalogLoader.load(storage.snapshot(label: "catalog load"))
        committedCatalog.withLock { $0 = loaded }
        tallestStoredStatement.store(tallest, ordering: .relaxed)
    }

    package func session() -> SQLSession { SQLSession(engine: self) }

    package func close() throws(StrataError) { try storage.close() }
}

enum ProcessEnvironment {
    static var temporaryDirectory: String {
        if let t = getenv("TMPDIR") { return String(cString: t) }
        return "/tmp"
    }
}

