// WriteAheadLog: makes a commit durable before its pages reach the data file.
//
// FORMAT  (file `<database>-wal`, little-endian)
//   header  0: magic "STRATWAL" (8)  8: format version u32  12: reserved u32  16: salt u64
//           24: base commit u64 (frames hold commits after it)  32: CRC32C of bytes 0..<32 (u32)  36: pad (4)
//   frame   0: payload length u32  4: operation count u32  8: commit number u64
//           16: CRC32C of (salt, frame bytes 0..<16, payload) u32  20: reserved u32  24: payload
//   payload operations, each: kind u8 (1 put, 2 delete) | key length u32 | key | [value length u32 | value]
// INVARIANTS
//   (1) A commit is acknowledged (synchronous FULL) only after its frame and every frame before it
//       are synced; frames appear in commit-number order, consecutive from base + 1.
//   (2) Recovery stops at the first frame that is short, fails its checksum, carries another salt,
//       or does not continue the sequence: that is the torn tail, and it is cut off.
//   (3) The log is reset (new salt, new base) only after a checkpoint's meta page is durable.
// STATES  open -> appending <-> syncing (GroupCommit); any I/O error -> failed (sticky until reopen)
// CALLED BY  StorageEngine.commit (append), GroupCommit (sync), Recovery (frames), Checkpointer (reset)

import StrataCore

/// One change in a commit: a new value for a key, or its removal.
package struct WriteOperation: Sendable, Equatable {
    package var key: [UInt8]
    /// nil deletes the key.
    package var value: [UInt8]?
    package init(key: [UInt8], value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

/// The changes of one commit, applied in order.
package struct WriteBatch: Sendable {
    package var operations: [WriteOperation] = []
    package init() {}
    package init(_ operations: [WriteOperation]) { self.operations = operations }
    package mutating func put(_ key: [UInt8], _ value: [UInt8]) { operations.append(.init(key: key, value: value)) }
    package mutating func delete(_ key: [UInt8]) { operations.append(.init(key: key, value: nil)) }
    package var isEmpty: Bool { operations.isEmpty }
}

package final class WriteAheadLog: @unchecked Sendable {  // touched only under the engine's writer lock
    package static let headerSize = 40
    package static let frameHeaderSize = 24
    static let magic: [UInt8] = Array("STRATWAL".utf8)
    static let formatVersion: UInt32 = 1

    package let file: StorageFile
    package private(set) var salt: UInt64 = 0
    package private(set) var base: CommitNumber = 0
    /// Where the next frame goes: the end of the last valid frame.
    package private(set) var endOffset = 0
    private var buffer: [UInt8] = []

    package init(file: StorageFile) { self.file = file }

    package var byteCount: Int { endOffset }

    // MARK: header

    /// Empties the log and starts it again after commit `base`.
    package func reset(base: CommitNumber, sync: Bool) throws(StrataError) {
        var rng = SystemRandomNumberGenerator()
        salt = rng.next()
        self.base = base
        try file.truncate(to: 0)
        var h = [UInt8](repeating: 0, count: Self.headerSize)
        h.replaceSubrange(0..<8, with: Self.magic)
        store(&h, Self.formatVersion, at: 8)
        store(&h, salt, at: 16)
        store(&h, base, at: 24)
        store(&h, CRC32C.checksum(Array(h[0..<32])), at: 32)
        try file.write(h, at: 0)
        if sync { try file.sync() }
        endOffset = Self.headerSize
    }

    /// Reads the header. Returns false when the file is shorter than a header (a new or
    /// half-created log, which holds nothing); throws when a full header is damaged.
    package func readHeader() throws(StrataError) -> Bool {
        let size = try file.size()
        if size < Self.headerSize { return false }
        var h = [UInt8](repeating: 0, count: Self.headerSize)
        _ = try file.read(into: &h, at: 0)
        guard Array(h[0..<8]) == Self.magic else {
            throw .corrupted(file: file.path, "not a Strata write-ahead log (bad magic)")
        }
        guard load(h, at: 32, as: UInt32.self) == CRC32C.checksum(Array(h[0..<32])) else {
            throw .corrupted(file: file.path, "write-ahead log header checksum mismatch")
        }
        let version = load(h, at: 8, as: UInt32.self)
        guard version == Self.formatVersion else {
            throw StrataError(.dataCorrupted, "write-ahead log \(file.path) has format version \(version); this build reads version \(Self.formatVersion)")
        }
        salt = load(h, at: 16, as: UInt64.self)
        base = load(h, at: 24, as: UInt64.self)
        endOffset = Self.headerSize
        return true
    }

    // MARK: frames

    /// Writes commit `commit`'s frame after the last one (not synced).
    package func append(commit: CommitNumber, _ batch: WriteBatch) throws(StrataError) {
        var size = Self.frameHeaderSize
        for op in batch.operations { size += 5 + op.key.count + (op.value.map { 4 + $0.count } ?? 0) }
        let payload = size - Self.frameHeaderSize
        guard payload <= Int(UInt32.max), batch.operations.count <= Int(UInt32.max) else {
            throw StrataError(.programLimitExceeded, "a commit of \(payload) bytes exceeds the 4 GiB limit of one log frame")
        }
        // Built in place at its exact size: growing an array for a large batch cost 15% of a
        // 1M-key insert (reallocation and page faults).
        if buffer.count < size { buffer = [UInt8](repeating: 0, count: size) }
        buffer.withUnsafeMutableBytes { b in
            let base = b.baseAddress!
            var p = Self.frameHeaderSize
            func put32(_ v: Int) {
                base.storeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian, toByteOffset: p, as: UInt32.self)
                p += 4
            }
            func putBytes(_ a: [UInt8]) {
                a.withUnsafeBytes { src in
                    if src.count > 0 { (base + p).copyMemory(from: src.baseAddress!, byteCount: src.count) }
                }
                p += a.count
            }
            for op in batch.operations {
                base.storeBytes(of: op.value == nil ? UInt8(2) : UInt8(1), toByteOffset: p, as: UInt8.self)
                p += 1
                put32(op.key.count)
                putBytes(op.key)
                if let value = op.value {
                    put32(value.count)
                    putBytes(value)
                }
            }
            base.storeBytes(of: UInt32(payload).littleEndian, toByteOffset: 0, as: UInt32.self)
            base.storeBytes(of: UInt32(batch.operations.count).littleEndian, toByteOffset: 4, as: UInt32.self)
            base.storeBytes(of: commit.littleEndian, toByteOffset: 8, as: UInt64.self)
            base.storeBytes(of: UInt32(0), toByteOffset: 20, as: UInt32.self)
            let crc = frameChecksum(UnsafeRawBufferPointer(start: base, count: size))
            base.storeBytes(of: crc.littleEndian, toByteOffset: 16, as: UInt32.self)
        }
        let offset = endOffset
        var failure: StrataError?
        buffer.withUnsafeBytes { b in
            do throws(StrataError) { try file.write(b.baseAddress!, count: size, at: offset) } catch { failure = error }
        }
        // Keep a large buffer from pinning memory after a bulk commit.
        if buffer.count > 1 << 20 { buffer = [] }
        if let failure { throw failure }
        endOffset += size
    }

    private func frameChecksum(_ frame: UnsafeRawBufferPointer) -> UInt32 {
        var s = salt.littleEndian
        var c = withUnsafeBytes(of: &s) { CRC32C.update(0, $0.baseAddress!, 8) }
        c = CRC32C.update(c, frame.baseAddress!, 16)
        return CRC32C.update(c, frame.baseAddress! + Self.frameHeaderSize, frame.count - Self.frameHeaderSize)
    }

    /// Calls `body` with each valid frame after `after`, in order, then cuts off anything past the
    /// last valid frame (a torn tail). Returns the number of frames replayed.
    package func replay(after: CommitNumber, _ body: (CommitNumber, WriteBatch) throws(StrataError) -> Void) throws(StrataError) -> Int {
        let size = try file.size()
        var offset = Self.headerSize
        var expected = base + 1
        var replayed = 0
        var header = [UInt8](repeating: 0, count: Self.frameHeaderSize)
        while offset + Self.frameHeaderSize <= size {
            let got = try file.read(into: &header, at: offset)
            guard got == Self.frameHeaderSize else { break }
            let payload = Int(load(header, at: 0, as: UInt32.self))
            let count = Int(load(header, at: 4, as: UInt32.self))
            let commit = load(header, at: 8, as: UInt64.self)
            guard commit == expected, offset + Self.frameHeaderSize + payload <= size else { break }
            var frame = [UInt8](repeating: 0, count: Self.frameHeaderSize + payload)
            let read = try file.read(into: &frame, at: offset)
            guard read == frame.count, load(frame, at: 16, as: UInt32.self) == frame.withUnsafeBytes({ frameChecksum($0) }),
                  let batch = Self.decode(frame, count: count)
            else { break }
            if commit > after {
                try body(commit, batch)
                replayed += 1
            }
            offset += frame.count
            expected += 1
        }
        endOffset = offset
        if size > offset { try file.truncate(to: offset) }
        return replayed
    }

    static func decode(_ frame: [UInt8], count: Int) -> WriteBatch? {
        var ops: [WriteOperation] = []
        ops.reserveCapacity(min(count, frame.count / 5))
        var p = frameHeaderSize
        func u32() -> Int? {
            guard p + 4 <= frame.count else { return nil }
            let v = Int(load(frame, at: p, as: UInt32.self))
            p += 4
            return v
        }
        for _ in 0..<count {
            guard p < frame.count else { return nil }
            let kind = frame[p]
            p += 1
            guard let kl = u32(), p + kl <= frame.count else { return nil }
            let key = Array(frame[p..<(p + kl)])
            p += kl
            switch kind {
            case 1:
                guard let vl = u32(), p + vl <= frame.count else { return nil }
                ops.append(WriteOperation(key: key, value: Array(frame[p..<(p + vl)])))
                p += vl
            case 2:
                ops.append(WriteOperation(key: key, value: nil))
            default:
                return nil
            }
        }
        return p == frame.count ? WriteBatch(ops) : nil
    }

}

@inline(__always)
func store<T: FixedWidthInteger>(_ bytes: inout [UInt8], _ value: T, at offset: Int) {
    withUnsafeBytes(of: value.littleEndian) { v in
        for i in 0..<MemoryLayout<T>.size { bytes[offset + i] = v[i] }
    }
}

@inline(__always)
func load<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as: T.Type) -> T {
    bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
}
