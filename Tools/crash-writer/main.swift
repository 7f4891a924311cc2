// StrataCrashWriter: the child process of the crash test (Tests/StrataStorageTests/CrashTests.swift).
//
// Usage: StrataCrashWriter <database path>      (runs until killed)
//        StrataCrashWriter --digest N          (prints a checksum of the workload's commits 1...N)
//
// Opens the database (synchronous FULL, 64 KiB checkpoints, a 32-page cache so that commits spill
// and checkpoints happen mid-run) and commits forever: commit number `s` of the workload is the
// batch `CrashWorkload.batch(s)`, which also stores `s + 1` under `CrashWorkload.nextKey`, so a
// restarted writer resumes where the recovered database stands. After `commit` returns it writes
// "ack s\n" to fd 1 with one write(2) (no buffering), so every line the parent reads names a
// commit that was acknowledged as durable. Every 16 commits it also writes
// "stats checkpoints C spills S" (counts since this process opened the database). The parent
// kills it with SIGKILL at a random moment.
//
// The workload is a pure function of `s`. CrashTests.swift holds an identical copy of
// `CrashWorkload`; the two must stay byte-for-byte equal (the test fails at once if they differ,
// because round one already compares every value).

import StrataCore
import StrataStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum CrashWorkload {
    static let nextKey: [UInt8] = Array("~next".utf8)
    static let keySpace = 1500

    static func key(_ k: Int) -> [UInt8] {
        let digits = String(k)
        return Array(("c" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits).utf8)
    }

    static func value(_ s: UInt64, _ k: Int, length: Int) -> [UInt8] {
        var out = Array("\(s):\(k):".utf8)
        out.reserveCapacity(max(length, out.count))
        var x = s &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(k)
        while out.count < length {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(UInt8(truncatingIfNeeded: x >> 56))
        }
        return out
    }

    /// SplitMix64 seeded by the commit's sequence number.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// The operations of workload commit `s` (s >= 1), in order.
    static func batch(_ s: UInt64) -> [(key: [UInt8], value: [UInt8]?)] {
        var g = Generator(state: s &* 0xD1B5_4A32_D192_ED03)
        var ops: [(key: [UInt8], value: [UInt8]?)] = []
        let count = 1 + g.next(12)
        for _ in 0..<count {
            let k = g.next(keySpace)
            let r = g.next(100)
            if r < 55 {
                ops.append((key(k), value(s, k, length: 1 + g.next(300))))
            } else if r < 65 {
                // Overflow values: one to six pages of 4 KiB.
                ops.append((key(k), value(s, k, length: 3000 + g.next(22000))))
            } else if r < 88 {
                ops.append((key(k), nil))
            } else if r < 94 {
                // A run of deletes (merges and rebalancing).
                for j in k..<min(keySpace, k + 40) { ops.append((key(j), nil)) }
            } else {
                // A run of small puts (splits).
                for j in k..<min(keySpace, k + 40) { ops.append((key(j), value(s, j, length: 20 + g.next(80)))) }
            }
        }
        ops.append((nextKey, Array(String(s + 1).utf8)))
        return ops
    }

    /// A checksum of the operations of commits 1...n (kind, key and value of each).
    static func digest(through n: UInt64) -> UInt32 {
        var crc: UInt32 = 0
        for s in 1...max(1, n) {
            for op in batch(s) {
                var bytes: [UInt8] = [op.value == nil ? 2 : 1]
                bytes += op.key
                bytes += op.value ?? []
                crc = bytes.withUnsafeBytes { CRC32C.update(crc, $0.baseAddress!, $0.count) }
            }
        }
        return crc
    }
}

func fail(_ message: String) -> Never {
    let line = Array("StrataCrashWriter: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

func writeLine(_ text: String) {
    let line = Array((text + "\n").utf8)
    var done = 0
    while done < line.count {
        let n = line.withUnsafeBytes { write(1, $0.baseAddress! + done, $0.count - done) }
        if n < 0 {
            if errno == EINTR { continue }
            fail("write to stdout failed (errno \(errno))")
        }
        done += n
    }
}

let arguments = CommandLine.arguments
// `--digest N` prints a CRC32C over the operations of commits 1...N, so the test can check that
// its copy of CrashWorkload matches this one before it trusts any comparison.
if arguments.count == 3 && arguments[1] == "--digest", let n = UInt64(arguments[2]) {
    writeLine(String(CrashWorkload.digest(through: n)))
    exit(0)
}
guard arguments.count == 2 else { fail("usage: StrataCrashWriter <database path> | --digest <N>") }
var options = StorageOptions()
options.synchronous = .full
options.checkpointBytes = 64 << 10
options.cachePages = 32

do throws(StrataError) {
    let engine = try StorageEngine.open(path: arguments[1], options: options)
    var s: UInt64 = 1
    if let stored = try engine.snapshot().get(CrashWorkload.nextKey) {
        guard let v = UInt64(String(decoding: stored, as: UTF8.self)) else { fail("bad \(CrashWorkload.nextKey) value") }
        s = v
    }
    while true {
        var batch = WriteBatch()
        for op in CrashWorkload.batch(s) {
            if let value = op.value { batch.put(op.key, value) } else { batch.delete(op.key) }
        }
        try engine.commit(batch)
        writeLine("ack \(s)")
        if s % 16 == 0 {
            // Evidence for the test that checkpoints and spills happen while it kills us.
            let stats = engine.stats
            writeLine("stats checkpoints \(stats.checkpoints) spills \(stats.cache.spills)")
        }
        s += 1
    }
} catch {
    fail("\(error)")
}
