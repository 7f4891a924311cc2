// Helpers for the public-API tests: a fresh database per test, and running a body on a thread
// with a small stack.

import Foundation
import Strata
import StrataTestSupport

/// A database on a new temporary file, removed when the test ends.
final class TemporaryDatabase {
    let path: String
    let database: Database

    init(options: Database.Options = Database.Options()) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-api-\(UUID().uuidString).db").path
        database = try Database(path: path, options: options)
    }

    deinit {
        try? database.close()
        for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}


struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
