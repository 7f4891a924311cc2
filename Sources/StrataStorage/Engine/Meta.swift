// Meta: the two meta pages (page 0 and page 1) that name the durable checkpoint.
//
// FORMAT  (a page of kind 5 with the common 32-byte header; little-endian)
//   32: magic "STRATADB" (8)   40: format version u32   44: page size u32
//   48: sequence u64 (checkpoints so far; the higher valid one wins)
//   56: checkpointed commit u64   64: root page u32   68: page count u32
//   72: free-list head u32   76: free-list chain length u32   80: free-list entries u64
//   88: created-with page size u32 (equal to 44; kept for forward checks)
// INVARIANTS
//   (1) Checkpoint k writes slot k % 2, after the pages it names are synced; the other slot
//       still names a complete older tree, so a torn meta write falls back to it.
//   (2) The write-ahead log's base commit is never above the chosen meta's commit; when it is,
//       the newer meta page was lost and the database is reported corrupt instead of going back
//       in time.

import StrataCore

package struct Meta: Equatable, Sendable {
    package static let magic: [UInt8] = Array("STRATADB".utf8)
    package static let formatVersion: UInt32 = 1

    package var pageSize: Int
    package var sequence: UInt64
    package var commit: CommitNumber
    package var root: PageNumber
    package var pageCount: PageNumber
    package var freeListHead: PageNumber
    package var freeListPages: UInt32
    package var freeListEntries: UInt64

    package func write(to page: Page) {
        page.format(kind: .meta, number: PageNumber(sequence % 2), owner: commit)
        Self.magic.withUnsafeBytes { (page.bytes + 32).copyMemory(from: $0.baseAddress!, byteCount: 8) }
        page.setU32(Self.formatVersion, 40)
        page.setU32(UInt32(pageSize), 44)
        page.setU64(sequence, 48)
        page.setU64(commit, 56)
        page.setU32(root, 64)
        page.setU32(pageCount, 68)
        page.setU32(freeListHead, 72)
        page.setU32(freeListPages, 76)
        page.setU64(freeListEntries, 80)
        page.setU32(UInt32(pageSize), 88)
        page.seal()
    }

    package enum ReadResult {
        case valid(Meta)
        case notStrata
        case newerVersion(UInt32)
        case damaged(String)
    }

    /// Decodes slot `slot` from raw bytes of `page.size` length.
    package static func read(_ page: Page, slot: PageNumber) -> ReadResult {
        let magicOK = Self.magic.withUnsafeBytes { memcmp(page.bytes + 32, $0.baseAddress!, 8) == 0 }
        guard magicOK, page.kind == .meta else { return .notStrata }
        // The checksum first: a damaged version field must read as damage, not as a newer format.
        guard page.checksumIsValid else { return .damaged("checksum mismatch") }
        let version = page.u32(40)
        if version > formatVersion { return .newerVersion(version) }
        guard page.number == slot else { return .damaged("page header names page \(page.number)") }
        let size = Int(page.u32(44))
        guard size == page.size, PageLayout.isValidPageSize(size) else { return .damaged("bad page size \(size)") }
        let meta = Meta(pageSize: size, sequence: page.u64(48), commit: page.u64(56), root: page.u32(64),
                        pageCount: page.u32(68), freeListHead: page.u32(72), freeListPages: page.u32(76),
                        freeListEntries: page.u64(80))
        guard meta.pageCount >= 2, meta.root < meta.pageCount, meta.freeListHead < meta.pageCount else {
            return .damaged("page numbers out of range")
        }
        return .valid(meta)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
