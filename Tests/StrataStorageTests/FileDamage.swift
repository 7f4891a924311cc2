// Helpers for the corruption and fault tests: damaging files byte by byte, reading pages and WAL
// frames outside the engine, building small databases with a model of their contents, and
// checking that an error is a clear `dataCorrupted` naming the file (and page).

import Foundation
import Testing
@testable import StrataStorage
import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum FileDamage {
    static func readAll(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func writeAll(_ path: String, _ bytes: [UInt8]) {
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func size(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : -1
    }

    /// XORs the byte at `offset` with `mask`.
    static func flip(_ path: String, at offset: Int, mask: UInt8 = 0xFF) {
        var bytes = readAll(path)
        precondition(offset < bytes.count, "flip at \(offset) past the end of \(path) (\(bytes.count) bytes)")
        bytes[offset] ^= mask
        writeAll(path, bytes)
    }

    static func truncate(_ path: String, to size: Int) {
        precondition(Glibc.truncate(path, off_t(size)) == 0, "truncate \(path) failed")
    }

    /// Page `n` as stored (not verified).
    static func page(_ path: String, _ n: PageNumber, pageSize: Int) -> Page {
        let bytes = readAll(path)
        let page = Page(size: pageSize)
        let start = Int(n) * pageSize
        bytes[start..<(start + pageSize)].withUnsafeBytes { page.bytes.copyMemory(from: $0.baseAddress!, byteCount: pageSize) }
        return page
    }

    /// Stores `page` as page `n` (as is: call `page.seal()` first for a valid checksum).
    static func store(_ path: String, _ page: Page, as n: PageNumber) {
        var bytes = readAll(path)
        let start = Int(n) * page.size
        bytes.replaceSubrange(start..<(start + page.size), with: UnsafeRawBufferPointer(start: page.bytes, count: page.size))
        writeAll(path, bytes)
    }

    /// Reads page `n`, lets `edit` change it, re-seals its checksum and stores it: a page whose
    /// checksum is right but whose contents are wrong.
    static func reseal(_ path: String, _ n: PageNumber, pageSize: Int, _ edit: (Page) -> Void) {
        let p = page(path, n, pageSize: pageSize)
        edit(p)
        p.seal()
        store(path, p, as: n)
    }

    /// Both meta slots as decoded by `Meta.read`.
    static func metas(_ path: String, pageSize: Int) -> [Meta.ReadResult] {
        [0, 1].map { Meta.read(page(path, PageNumber($0), pageSize: pageSize), slot: PageNumber($0)) }
    }

    /// The valid meta page with the highest sequence, and its slot.
    static func newestMeta(_ path: String, pageSize: Int) -> (slot: PageNumber, meta: Meta) {
        var best: (PageNumber, Meta)?
        for (slot, r) in metas(path, pageSize: pageSize).enumerated() {
            if case .valid(let m) = r, best == nil || m.sequence > best!.1.sequence { best = (PageNumber(slot), m) }
        }
        return best!
    }

    /// The frames of a write-ahead log: (offset, byte count, commit number).
    static func walFrames(_ path: String) -> [(offset: Int, count: Int, commit: CommitNumber)] {
        let bytes = readAll(path)
        var out: [(Int, Int, CommitNumber)] = []
        var o = WriteAheadLog.headerSize
        while o + WriteAheadLog.frameHeaderSize <= bytes.count {
            let payload = Int(load(bytes, at: o, as: UInt32.self))
            let n = WriteAheadLog.frameHeaderSize + payload
            guard o + n <= bytes.count else { break }
            out.append((o, n, load(bytes, at: o + 8, as: UInt64.self)))
            o += n
        }
        return out
    }

    static func walBase(_ path: String) -> CommitNumber { load(readAll(path), at: 24, as: UInt64.self) }
}

/// A database built by a test, with the model of what it must contain.
struct Fixture {
    let dir = TemporaryDirectory()
    var path: String { dir.file() }
    var wal: String { dir.file() + "-wal" }
    var pageSize = 4096
    var model: [[UInt8]: [UInt8]] = [:]

    init(pageSize: Int = 4096) { self.pageSize = pageSize }

    /// The value the fixtures store under key(i) at revision `r`; every 40th key is an overflow value.
    static func value(_ i: Int, revision r: Int = 0) -> [UInt8] {
        var v = bytes("value \(i) revision \(r) ")
        let length = i % 40 == 7 ? 9000 + i % 3000 : 40 + i % 50
        while v.count < length { v.append(UInt8(truncatingIfNeeded: i &* 31 &+ r &* 7 &+ v.count)) }
        return v
    }

    func open(_ o: StorageOptions? = nil) throws(StrataError) -> StorageEngine {
        try StorageEngine.open(path: path, options: o ?? options(pageSize: pageSize))
    }

    /// Puts key(i) for i in `range` at revision `r` in one commit, and in the model.
    mutating func put(_ engine: StorageEngine, _ range: some Sequence<Int>, revision r: Int = 0) throws(StrataError) {
        var b = WriteBatch()
        for i in range {
            b.put(key(i), Self.value(i, revision: r))
            model[key(i)] = Self.value(i, revision: r)
        }
        try engine.commit(b)
    }

    mutating func delete(_ engine: StorageEngine, _ range: some Sequence<Int>) throws(StrataError) {
        var b = WriteBatch()
        for i in range {
            b.delete(key(i))
            model[key(i)] = nil
        }
        try engine.commit(b)
    }

    /// Applies workload commit `s` (the crash test's workload) and records it in the model.
    mutating func commitWorkload(_ engine: StorageEngine, _ s: UInt64) throws(StrataError) {
        var b = WriteBatch()
        for op in CrashWorkload.batch(s) {
            if let v = op.value { b.put(op.key, v) } else { b.delete(op.key) }
        }
        try engine.commit(b)
        CrashWorkload.apply(s, to: &model)
    }

    /// Opens the database and checks that it holds exactly the model and passes the integrity check.
    func expectIntact(_ o: StorageOptions? = nil, _ context: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let engine = try open(o)
        let found = try contentsMap(engine.snapshot())
        #expect(found == model, "\(context) \(describeDifference(found, model))", sourceLocation: sourceLocation)
        #expect(engine.integrityCheck() == [], "\(context)", sourceLocation: sourceLocation)
    }
}

/// Pages of the tree under `root`, for picking pages to damage.
struct TreePages {
    var root: PageNumber
    var leaves: [PageNumber] = []
    var branches: [PageNumber] = []
    /// Overflow chains: (leaf key, pages in chain order).
    var overflow: [(key: [UInt8], pages: [PageNumber])] = []

    init(_ engine: StorageEngine) throws {
        root = engine.snapshot().root
        try walk(engine.cache, root)
    }

    private mutating func walk(_ cache: PageCache, _ n: PageNumber) throws {
        let page = try cache.page(n)
        if page.kind == .branch {
            branches.append(n)
            for i in 0...page.count { try walk(cache, page.child(i)) }
            return
        }
        leaves.append(n)
        for i in 0..<page.count {
            let o = page.cellOffset(i)
            guard page.isOverflow(atCell: o), page.valueLength(atCell: o) > 0 else { continue }
            var chain: [PageNumber] = []
            var p = page.overflowHead(atCell: o)
            while p != 0 {
                chain.append(p)
                p = try cache.page(p).link
            }
            overflow.append((page.key(i), chain))
        }
    }

    /// Keys stored in leaf `n`.
    static func keys(_ engine: StorageEngine, leaf n: PageNumber) throws -> [[UInt8]] {
        let page = try engine.cache.page(n)
        return (0..<page.count).map { page.key($0) }
    }
}

/// Checks that `error` is `dataCorrupted`, names `file` and, if given, page `page`.
func expectCorruption(_ error: StrataError, file: String, page: PageNumber? = nil, mentioning words: [String] = [],
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(error.code == .dataCorrupted, "\(error)", sourceLocation: sourceLocation)
    #expect(error.message.contains(file), "the error does not name \(file): \(error)", sourceLocation: sourceLocation)
    if let page {
        #expect(error.message.contains("page \(page):") || error.message.contains("page \(page) "),
                "the error does not name page \(page): \(error)", sourceLocation: sourceLocation)
    }
    for w in words {
        #expect(error.message.contains(w), "the error does not say \"\(w)\": \(error)", sourceLocation: sourceLocation)
    }
}

/// Runs `body`, which must throw `dataCorrupted` naming `file` (and page `page`); returns the error.
@discardableResult
func requireCorruption<R>(file: String, page: PageNumber? = nil, mentioning words: [String] = [],
                          sourceLocation: Testing.SourceLocation = #_sourceLocation,
                          _ body: () throws -> R) -> StrataError? {
    do {
        let r = try body()
        Issue.record("expected a dataCorrupted error naming \(file)\(page.map { " page \($0)" } ?? ""), got \(r)", sourceLocation: sourceLocation)
        return nil
    } catch let error as StrataError {
        expectCorruption(error, file: file, page: page, mentioning: words, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a StrataError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
