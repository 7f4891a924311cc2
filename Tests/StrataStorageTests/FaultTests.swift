// Fault-injection tests through the one I/O seam (FileIO.swift, `StorageFile.injectFaults`): the
// Nth write (whole, torn after some bytes, or complete but reported failed) or the Nth sync of the
// data file or the log fails, for N = 1, 2, ... until the operation gets through. After each
// failure (StorageEngine (3), GroupCommit (2)):
//   - the engine is fail-stop: every later commit and checkpoint gets that same error;
//   - reopening (recovery) gives an intact database (integrity check empty) that holds every
//     commit acknowledged before the failure, plus at most the commit that failed, never part of it.

import Foundation
import Testing
@testable import StrataStorage
import StrataCore

/// The log's StorageFile of an open engine (the test hook in StorageEngine+Testing.swift).
func walFile(of engine: StorageEngine) throws -> StorageFile {
    let found = engine.walFileForTesting
    try #require(found.path == engine.path + "-wal")
    return found
}

enum FaultTarget: String, CustomTestStringConvertible, Sendable {
    case dataFile = "data file", log
    var testDescription: String { rawValue }
}

enum FaultKind: CustomTestStringConvertible, Sendable {
    /// The Nth write writes `torn` bytes and fails (a write of the whole buffer that still
    /// reports EIO when `torn` is at least its size).
    case write(torn: Int)
    case sync
    var testDescription: String {
        switch self {
        case .write(let t): "write torn at \(t)"
        case .sync: "sync"
        }
    }
    func plan(_ n: Int) -> FaultPlan {
        switch self {
        case .write(let t): FaultPlan(failWrite: n, tornBytes: t)
        case .sync: FaultPlan(failSync: n)
        }
    }
}

struct FaultCase: CustomTestStringConvertible, Sendable {
    var target: FaultTarget
    var kind: FaultKind
    var testDescription: String { "\(target.testDescription), \(kind.testDescription)" }
}

/// N = 1...40 one by one, then steps of an eighth: the later failures differ little from each other.
private func faultNumbers() -> some Sequence<Int> {
    sequence(first: 1) { n in n < 40 ? n + 1 : n + n / 8 }
}

private func inject(_ c: FaultCase, _ n: Int?, _ engine: StorageEngine) throws {
    let file = c.target == .dataFile ? engine.file : try walFile(of: engine)
    file.injectFaults(n.map { c.kind.plan($0) })
}

/// After a failure: commits and checkpoints keep failing with that error.
private func expectFailStop(_ engine: StorageEngine, _ failure: StrataError, _ context: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(failure.code == .ioError, "\(context): \(failure)", sourceLocation: sourceLocation)
    var b = WriteBatch()
    b.put(bytes("after the failure"), bytes("must not be committed"))
    for attempt in ["commit", "checkpoint", "commit again"] {
        do {
            if attempt == "checkpoint" { try engine.checkpoint() } else { try engine.commit(b) }
            Issue.record("\(context): \(attempt) after the failure succeeded", sourceLocation: sourceLocation)
        } catch {
            #expect(error.message == failure.message, "\(context): \(attempt) after the failure: \(error), not the failure \(failure)",
                    sourceLocation: sourceLocation)
        }
    }
}

@Suite struct FaultTests {
    // MARK: checkpoint

    static let checkpointCases: [FaultCase] = [
        FaultCase(target: .dataFile, kind: .write(torn: 0)),
        FaultCase(target: .dataFile, kind: .write(torn: 100)),
        FaultCase(target: .dataFile, kind: .write(torn: 2048)),
        FaultCase(target: .dataFile, kind: .write(torn: 4096)),
        FaultCase(target: .dataFile, kind: .sync),
        FaultCase(target: .log, kind: .write(torn: 0)),
        FaultCase(target: .log, kind: .write(torn: 20)),
        FaultCase(target: .log, kind: .sync),
    ]

    /// A checkpoint of a recovered database (the log's commits are dirty pages, some spilled)
    /// fails at each of its writes or syncs in turn.
    @Test(arguments: checkpointCases)
    func failedCheckpointIsFailStopAndLosesNothing(_ c: FaultCase) throws {
        // The template: a checkpointed tree and commits after it that live only in the log.
        var template = Fixture()
        do {
            let e = try template.open(options(cachePages: 32, synchronous: .full))
            try template.put(e, 0..<600)
            try e.checkpoint()
            for r in 1..<8 { try template.put(e, stride(from: r, to: 600, by: 5), revision: r) }
            try template.delete(e, 100..<160)
        }
        let data = FileDamage.readAll(template.path)
        let log = FileDamage.readAll(template.wal)
        var failures = 0
        for n in faultNumbers() {
            var f = Fixture()
            f.model = template.model
            FileDamage.writeAll(f.path, data)
            FileDamage.writeAll(f.wal, log)
            let context = "\(c.testDescription) #\(n)"
            let o = options(cachePages: 32, synchronous: .full)
            do {
                let e = try f.open(o)
                try inject(c, n, e)
                var failure: StrataError?
                do throws(StrataError) { try e.checkpoint() } catch { failure = error }
                try inject(c, nil, e)
                guard let failure else {
                    // Got through: the fault lies past the checkpoint's last write or sync.
                    #expect(e.stats.durableCommit == e.stats.latestCommit)
                    try e.close()
                    try f.expectIntact(o, context)
                    break
                }
                failures += 1
                expectFailStop(e, failure, context)
                try? e.close()
            }
            try f.expectIntact(o, context)
            // The recovered database takes commits and checkpoints again.
            do {
                let e = try f.open(o)
                try f.put(e, 0..<20, revision: 50)
                try e.checkpoint()
            }
            try f.expectIntact(o, "\(context), after new commits")
            try #require(n < 1000, "\(context): the checkpoint never got through")
        }
        print("FaultTests checkpoint, \(c.testDescription): \(failures) failed checkpoints recovered, then got through")
        #expect(failures > 0, "\(c.testDescription): no fault was ever hit")
    }

    // MARK: commits

    static let commitCases: [FaultCase] = [
        FaultCase(target: .dataFile, kind: .write(torn: 0)),
        FaultCase(target: .dataFile, kind: .write(torn: 2048)),
        FaultCase(target: .dataFile, kind: .write(torn: 4096)),
        FaultCase(target: .dataFile, kind: .sync),
        FaultCase(target: .log, kind: .write(torn: 0)),
        FaultCase(target: .log, kind: .write(torn: 30)),
        FaultCase(target: .log, kind: .write(torn: 1 << 20)),
        FaultCase(target: .log, kind: .sync),
    ]

    /// A run of commits (the crash test's workload: overflow values, runs of deletes) with a
    /// 16-page cache, so commits spill, and 32 KiB checkpoints, so commits checkpoint; the Nth
    /// write or sync fails somewhere in it.
    @Test(arguments: commitCases)
    func failedCommitIsFailStopAndKeepsEveryAcknowledgedCommit(_ c: FaultCase) throws {
        let commits: UInt64 = 30
        var o = options(cachePages: 16, synchronous: .full, checkpointBytes: 32 << 10)
        if c.target == .dataFile, case .write = c.kind { o.synchronous = .normal }  // fewer syncs, same writes
        var failures = 0
        for n in faultNumbers() {
            let context = "\(c.testDescription) #\(n)"
            var f = Fixture()
            var failure: StrataError?
            var acknowledged: [[UInt8]: [UInt8]] = [:]
            var inFlight: UInt64?  // the workload commit that was running when the fault hit
            do {
                let e = try f.open(o)
                try inject(c, n, e)
                do throws(StrataError) {
                    for s in 1...commits {
                        inFlight = s
                        try f.commitWorkload(e, s)
                        acknowledged = f.model
                    }
                    // A spill or an automatic checkpoint that failed after the last commit
                    // surfaces at the next commit or checkpoint.
                    inFlight = nil
                    try e.checkpoint()
                } catch {
                    failure = error
                }
                try inject(c, nil, e)
                if let failure {
                    failures += 1
                    expectFailStop(e, failure, context)
                    try? e.close()
                } else {
                    try e.close()
                }
            }
            // Every acknowledged commit is there; the one that failed may be there too (its frame
            // may have reached the log), but never in part.
            var withInFlight = acknowledged
            if failure != nil, let s = inFlight { CrashWorkload.apply(s, to: &withInFlight) }
            let e = try f.open(o)
            let found = try contentsMap(e.snapshot())
            #expect(found == acknowledged || found == withInFlight,
                    "\(context): after ack \(acknowledged[CrashWorkload.nextKey].map { String(decoding: $0, as: UTF8.self) } ?? "none"): \(describeDifference(found, acknowledged))")
            #expect(e.integrityCheck() == [], "\(context)")
            // The recovered database takes commits again.
            var g = f
            g.model = found
            try g.commitWorkload(e, commits + 1)
            try e.close()
            try g.expectIntact(o, "\(context), after a new commit")
            if failure == nil {
                print("FaultTests commits, \(c.testDescription): got through at N = \(n)")
                break
            }
            try #require(n < 5000, "\(context): the workload never got through")
        }
        print("FaultTests commits, \(c.testDescription): \(failures) failed runs recovered")
        #expect(failures > 0, "\(c.testDescription): no fault was ever hit")
    }
}
