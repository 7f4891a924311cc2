// Page: one fixed-size page in memory, and the byte layout every page shares.
//
// FORMAT  (little-endian; Docs/file-format.md has the full tables)
//    0  u32  CRC32C of bytes 4..<pageSize            (set when the page is written)
//    4  u32  page number                              (catches misdirected reads and writes)
//    8  u8   kind: 1 leaf, 2 branch, 3 overflow, 4 free-list, 5 meta
//    9  u8   reserved (0)
//   10  u16  cell count (leaf, branch) / entry count (free-list)
//   12  u32  cell content start: cells fill [cellStart, pageSize)
//   16  u32  fragmented bytes: dead cell bytes inside [cellStart, pageSize)
//   20  u32  link: leftmost child (branch), next page (overflow, free-list)
//   24  u64  commit number of the transaction that allocated the page
//   32  ...  slot array, u16 offsets of the cells in key order (leaf, branch)
// INVARIANTS
//   (1) A page reachable from a published root is never written in memory again; only pages whose
//       `owner` is the committing transaction are mutated (copy-on-write).
//   (2) Slots are sorted by key; `32 + 2*count <= cellStart <= pageSize`.
// CONCURRENCY  Published pages are immutable and read by any thread. The writer mutates only pages
//   it allocated, which no reader can reach. `isDirty` and the cache bookkeeping live under the
//   page cache's shard lock.

import StrataCore

package typealias PageNumber = UInt32
package typealias CommitNumber = UInt64

package enum PageKind: UInt8 {
    case leaf = 1, branch = 2, overflow = 3, freeList = 4, meta = 5
}

package enum PageLayout {
    package static let headerSize = 32
    package static let minPageSize = 1024
    package static let maxPageSize = 65536
    package static let defaultPageSize = 4096

    package static func isValidPageSize(_ size: Int) -> Bool {
        size >= minPageSize && size <= maxPageSize && size & (size - 1) == 0
    }
}

package final class Page: @unchecked Sendable {
    package let bytes: UnsafeMutableRawPointer
    package let size: Int
    /// Written under the page cache's shard lock. The writer also reads it without the lock, for a
    /// page of the commit it applies, which no other thread writes meanwhile (PageCache (4)).
    var isDirty = false

    /// A zero-filled page.
    package convenience init(size: Int) {
        self.init(uninitializedSize: size)
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    }

    /// A page whose bytes the caller overwrites at once (a copy, or a read from disk).
    package init(uninitializedSize size: Int) {
        self.size = size
        bytes = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    }

    deinit { bytes.deallocate() }

    // MARK: integers at offsets (get/set leave the offset alone)

    @inline(__always) package func u8(_ o: Int) -> UInt8 { bytes.load(fromByteOffset: o, as: UInt8.self) }
    @inline(__always) package func u16(_ o: Int) -> Int {
        Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: o, as: UInt16.self)))
    }
    @inline(__always) package func u32(_ o: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: o, as: UInt32.self))
    }
    @inline(__always) package func u64(_ o: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: o, as: UInt64.self))
    }
    @inline(__always) package func setU8(_ v: UInt8, _ o: Int) { bytes.storeBytes(of: v, toByteOffset: o, as: UInt8.self) }
    @inline(__always) package func setU16(_ v: Int, _ o: Int) {
        bytes.storeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian, toByteOffset: o, as: UInt16.self)
    }
    @inline(__always) package func setU32(_ v: UInt32, _ o: Int) {
        bytes.storeBytes(of: v.littleEndian, toByteOffset: o, as: UInt32.self)
    }
    @inline(__always) package func setU64(_ v: UInt64, _ o: Int) {
        bytes.storeBytes(of: v.littleEndian, toByteOffset: o, as: UInt64.self)
    }

    // MARK: header fields

    package var number: PageNumber {
        get { u32(4) }
        set { setU32(newValue, 4) }
    }
    package var kindByte: UInt8 { u8(8) }
    package var kind: PageKind? { PageKind(rawValue: u8(8)) }
    package var count: Int {
        get { u16(10) }
        set { setU16(newValue, 10) }
    }
    package var cellStart: Int {
        get { Int(u32(12)) }
        set { setU32(UInt32(newValue), 12) }
    }
    package var fragmented: Int {
        get { Int(u32(16)) }
        set { setU32(UInt32(newValue), 16) }
    }
    package var link: PageNumber {
        get { u32(20) }
        set { setU32(newValue, 20) }
    }
    package var owner: CommitNumber {
        get { u64(24) }
        set { setU64(newValue, 24) }
    }

    /// Clears the page and writes a fresh header.
    package func format(kind: PageKind, number: PageNumber, owner: CommitNumber) {
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: PageLayout.headerSize)
        self.number = number
        setU8(kind.rawValue, 8)
        cellStart = size
        self.owner = owner
    }

    /// Copies another page's bytes (for copy-on-write), keeping this page's number.
    package func copyContents(of other: Page) {
        bytes.copyMemory(from: other.bytes, byteCount: size)
    }

    /// Computes and stores the checksum; call just before the page is written to disk.
    package func seal() {
        setU32(CRC32C.update(0, bytes + 4, size - 4), 0)
    }

    /// Whether the stored checksum matches the contents.
    package var checksumIsValid: Bool {
        u32(0) == CRC32C.update(0, bytes + 4, size - 4)
    }
}
