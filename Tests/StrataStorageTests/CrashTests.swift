// Crash test: a child process (Tools/crash-writer, target StrataCrashWriter) commits at
// synchronous FULL and prints "ack N" after each commit returns; this test kills it with SIGKILL
// at a random moment, reopens the database and checks StorageEngine's promises:
//   - every acknowledged commit is there (WriteAheadLog (1));
//   - nothing partial: the state is exactly the state after the last acknowledged commit K, or
//     after K + 1 (the commit in flight may or may not have become durable);
//   - the integrity check passes (a crash during a spill, a checkpoint or recovery is harmless).
// Then the next round continues on the same database: the child reads the next commit's
// sequence number back from the database, so rounds also kill it during recovery.
//
// STRATA_CRASH_ROUNDS sets the number of rounds (default 50); STRATA_SEED replays the kill times.

import Foundation
import StrataTestSupport
import Testing
@testable import StrataStorage
import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@Suite(.serialized) struct CrashTests {
    @Test func killedWriterLosesNoAcknowledgedCommitAndLeavesNothingPartial() throws {
        let writer = try crashWriterPath()
        let digest = try runToCompletion(writer, ["--digest", "300"])
        try #require(digest.trimmingCharacters(in: .whitespacesAndNewlines) == String(CrashWorkload.digest(through: 300)),
                     "CrashTests.CrashWorkload differs from the copy in Tools/crash-writer/main.swift")

        let rounds = ProcessInfo.processInfo.environment["STRATA_CRASH_ROUNDS"].flatMap { Int($0) } ?? 50
        let seed = testSeed()
        var rng = SeededGenerator(seed: seed)
        let dir = TemporaryDirectory()
        let path = dir.file()
        let parentOptions = options(cachePages: 64, synchronous: .full, checkpointBytes: 64 << 10)

        var model: [[UInt8]: [UInt8]] = [:]
        var next: UInt64 = 1  // the workload commit the next child starts with
        var acknowledged = 0
        var inFlightSurvived = 0
        var checkpoints = 0
        var spills = 0
        let started = ContinuousClock.now
        for round in 1...rounds {
            let context = "seed \(seed) (STRATA_SEED=\(seed)), round \(round)"
            let delay = Int.random(in: 20...300, using: &rng)
            let run = try runAndKill(writer, [path], afterMilliseconds: delay, stderrPath: dir.file("stderr-\(round).txt"))
            try #require(run.killedBySIGKILL, "\(context): the writer exited on its own (status \(run.status)): \(run.stderr)")

            // The acknowledged commits are consecutive from `next`.
            for (i, a) in run.acks.enumerated() {
                try #require(a == next + UInt64(i), "\(context): ack \(a) where \(next + UInt64(i)) was expected")
            }
            acknowledged += run.acks.count
            checkpoints += run.checkpoints
            spills += run.spills
            var atLastAck = model
            for s in next..<(next + UInt64(run.acks.count)) { CrashWorkload.apply(s, to: &atLastAck) }
            let lastAck = next + UInt64(run.acks.count) - 1
            var withInFlight = atLastAck
            CrashWorkload.apply(lastAck + 1, to: &withInFlight)

            let engine = try StorageEngine.open(path: path, options: parentOptions)
            let found = try contentsMap(engine.snapshot())
            if found == atLastAck {
                model = atLastAck
                next = lastAck + 1
            } else if found == withInFlight {
                model = withInFlight
                next = lastAck + 2
                inFlightSurvived += 1
            } else {
                Issue.record("\(context): after ack \(lastAck) the database is neither the state after commit \(lastAck) nor after \(lastAck + 1): \(describeDifference(found, atLastAck))")
                return
            }
            let problems = engine.integrityCheck()
            try #require(problems == [], "\(context): integrity check after recovery: \(problems)")
            // Alternate between leaving the recovered database as it is and checkpointing it.
            if Bool.random(using: &rng) { try engine.close() }
        }
        let elapsed = ContinuousClock.now - started
        print("CrashTests: \(rounds) kill rounds, \(acknowledged) acknowledged commits, in-flight commit survived \(inFlightSurvived) times, writer checkpoints \(checkpoints), spills \(spills), \(elapsed) (seed \(seed))")
        #expect(acknowledged > 0, "the writer never acknowledged a commit; the kill delays are too short for this machine")
        #expect(checkpoints > 0 && spills > 0, "the writer neither checkpointed nor spilled while running; the test would not kill it there")
    }
}

// MARK: the workload (an identical copy lives in Tools/crash-writer/main.swift)

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

    static func apply(_ s: UInt64, to model: inout [[UInt8]: [UInt8]]) {
        for op in batch(s) { model[op.key] = op.value }
    }
}

// MARK: helpers

/// Every (key, value) of a snapshot as a dictionary; fails on a repeated key.
func contentsMap(_ snapshot: Snapshot) throws -> [[UInt8]: [UInt8]] {
    var out: [[UInt8]: [UInt8]] = [:]
    for (k, v) in try contents(snapshot) {
        guard out.updateValue(v, forKey: k) == nil else {
            throw StrataError(.dataCorrupted, "key \(String(decoding: k, as: UTF8.self)) appears twice in a scan")
        }
    }
    return out
}

/// A short description of how `found` differs from `expected`.
func describeDifference(_ found: [[UInt8]: [UInt8]], _ expected: [[UInt8]: [UInt8]]) -> String {
    let name = { (k: [UInt8]) in String(decoding: k, as: UTF8.self) }
    let missing = expected.keys.filter { found[$0] == nil }.map(name).sorted()
    let extra = found.keys.filter { expected[$0] == nil }.map(name).sorted()
    let changed = expected.keys.filter { found[$0] != nil && found[$0] != expected[$0] }.map(name).sorted()
    let next = found[CrashWorkload.nextKey].map { String(decoding: $0, as: UTF8.self) } ?? "none"
    return "\(missing.count) keys missing \(missing.prefix(5)), \(extra.count) extra \(extra.prefix(5)), \(changed.count) changed \(changed.prefix(5)); stored ~next = \(next)"
}

/// The StrataCrashWriter binary: STRATA_CRASH_WRITER, else next to the test bundle in the build
/// products directory (`swift build --build-tests` builds it).
func crashWriterPath() throws -> String {
    if let p = ProcessInfo.processInfo.environment["STRATA_CRASH_WRITER"] { return p }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    var candidates: [String] = []
    if n > 0 {
        let exe = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        candidates.append((exe as NSString).deletingLastPathComponent + "/StrataCrashWriter")
    }
    let bundle = Bundle.main.bundlePath
    candidates.append(bundle + "/StrataCrashWriter")
    candidates.append((bundle as NSString).deletingLastPathComponent + "/StrataCrashWriter")
    for c in candidates where access(c, X_OK) == 0 { return c }
    throw StrataError(.ioError, "StrataCrashWriter not found (looked at \(candidates)); build it with `swift build --build-tests` or set STRATA_CRASH_WRITER")
}

struct ChildRun {
    var acks: [UInt64]
    /// The largest checkpoint and spill counts the writer reported.
    var checkpoints = 0
    var spills = 0
    var status: Int32
    var stderr: String
    var killedBySIGKILL: Bool { status & 0x7F == SIGKILL }
}

/// Spawns `binary` with `arguments`, stdout to a pipe and stderr to `stderrPath`.
private func spawn(_ binary: String, _ arguments: [String], stderrPath: String) throws -> (pid: pid_t, stdout: Int32) {
    var fds: [Int32] = [0, 0]
    // Close-on-exec (pipe2 is not imported), so no other child holds the write end open.
    guard pipe(&fds) == 0 else { throw StrataError(.ioError, "pipe failed: errno \(errno)") }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, binary, &actions, nil, argv, environ)
    close(fds[1])
    guard rc == 0 else {
        close(fds[0])
        throw StrataError(.ioError, "posix_spawn \(binary) failed: errno \(rc)")
    }
    return (pid, fds[0])
}

private func readAvailable(_ fd: Int32, into out: inout [UInt8]) -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n > 0 {
        out += chunk[0..<n]
        return true
    }
    return n < 0 && errno == EINTR
}

private func waitFor(_ pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status
}

/// Runs the writer for `afterMilliseconds`, kills it with SIGKILL and returns the acknowledged
/// commits it printed (every complete line; a line is written with one write(2), so it is whole).
func runAndKill(_ binary: String, _ arguments: [String], afterMilliseconds delay: Int, stderrPath: String) throws -> ChildRun {
    let (pid, fd) = try spawn(binary, arguments, stderrPath: stderrPath)
    defer { close(fd) }
    var output: [UInt8] = []
    let deadline = ContinuousClock.now + .milliseconds(delay)
    var open = true
    while open {
        let left = deadline - ContinuousClock.now
        if left <= .zero { break }
        let ms = Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let r = poll(&p, 1, ms)
        if r > 0 { open = readAvailable(fd, into: &output) }
    }
    kill(pid, SIGKILL)
    let status = waitFor(pid)
    while readAvailable(fd, into: &output) {}
    let text = String(decoding: output, as: UTF8.self)
    let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    var run = ChildRun(acks: [], status: status, stderr: stderr)
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        let words = line.split(separator: " ")
        if words.count == 2, words[0] == "ack", let n = UInt64(words[1]) { run.acks.append(n) }
        if words.count == 5, words[0] == "stats", let c = Int(words[2]), let s = Int(words[4]) {
            run.checkpoints = max(run.checkpoints, c)
            run.spills = max(run.spills, s)
        }
    }
    return run
}

/// Runs `binary` to completion and returns its standard output.
func runToCompletion(_ binary: String, _ arguments: [String]) throws -> String {
    let (pid, fd) = try spawn(binary, arguments, stderrPath: "/dev/null")
    defer { close(fd) }
    var output: [UInt8] = []
    while readAvailable(fd, into: &output) {}
    let status = waitFor(pid)
    guard status == 0 else { throw StrataError(.ioError, "\(binary) \(arguments) exited with status \(status)") }
    return String(decoding: output, as: UTF8.self)
}
