import Foundation
@testable import StrataStorage
import StrataCore
import StrataTestSupport

/// A fresh temporary directory, removed when the value is released.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String
    init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("strata-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }
    func file(_ name: String = "test.db") -> String { path + "/" + name }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Keys that sort in numeric order: "k" + zero-padded decimal.
func key(_ i: Int, width: Int = 8) -> [UInt8] {
    let digits = String(i)
    return bytes("k" + String(repeating: "0", count: max(0, width - digits.count)) + digits)
}

func options(pageSize: Int = 4096, cachePages: Int = 256, synchronous: SynchronousMode = .off,
             checkpointBytes: Int = 16 << 20) -> StorageOptions {
    var o = StorageOptions()
    o.pageSize = pageSize
    o.cachePages = cachePages
    o.synchronous = synchronous
    o.checkpointBytes = checkpointBytes
    return o
}

/// Every (key, value) of a snapshot, in cursor order.
func contents(_ snapshot: Snapshot) throws -> [([UInt8], [UInt8])] {
    var out: [([UInt8], [UInt8])] = []
    var c = snapshot.cursor()
    var ok = try c.first()
    while ok {
        out.append((c.key, try c.value()))
        ok = try c.next()
    }
    return out
}


/// The seed for a randomized test: STRATA_SEED if set, else a fresh one (printed by the test on failure).
func testSeed() -> UInt64 {
    if let s = ProcessInfo.processInfo.environment["STRATA_SEED"], let v = UInt64(s) { return v }
    return UInt64.random(in: 1...UInt64.max >> 1)
}
