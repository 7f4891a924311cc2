// Node: the slotted-page layout of B+tree leaves and branches, read and edited in place.
//
// FORMAT  (after the 32-byte page header of Page.swift; little-endian)
//   slot array   u16 cell offsets, sorted by key, from byte 32 upward
//   leaf cell    u16 key length | u32 value field | key | value bytes, or a u32 first overflow page
//                value field: bit 31 set = the value lives in an overflow chain; bits 0-30 = its length
//   branch cell  u16 key length | u32 child page | key
//   A branch with n cells has n+1 children: `link` (leftmost, keys < key 0), then cell i's child
//   (keys >= key i and < key i+1).
// INVARIANTS
//   (1) Keys in a page are strictly increasing by byte order (memcmp, then length).
//   (2) Every key in child i of a branch is >= key i-1 and < key i of that branch.
//   (3) A leaf cell is at most `Limits.maxCell` bytes, so at least four cells fit in any page and
//       a split always succeeds.

import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Compares two byte strings as unsigned bytes, then by length (negative, zero or positive).
/// Eight bytes at a time as big-endian integers: for the short keys of a B+tree this beats a
/// call to memcmp (16% of a point lookup's instructions under callgrind).
@inline(__always)
package func compareKeys(_ a: UnsafeRawPointer, _ aCount: Int, _ b: UnsafeRawPointer, _ bCount: Int) -> Int {
    let n = min(aCount, bCount)
    var i = 0
    while i + 8 <= n {
        let x = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let y = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        if x != y { return x < y ? -1 : 1 }
        i += 8
    }
    while i < n {
        let x = a.load(fromByteOffset: i, as: UInt8.self)
        let y = b.load(fromByteOffset: i, as: UInt8.self)
        if x != y { return x < y ? -1 : 1 }
        i += 1
    }
    return aCount - bCount
}

/// Size limits derived from the page size.
package struct Limits: Sendable {
    package let pageSize: Int
    /// Largest cell (slot included) kept in a page: a quarter of the usable space.
    package let maxCell: Int
    /// Largest key accepted: a leaf cell with an overflow pointer must fit in `maxCell`.
    package let maxKeySize: Int
    /// Bytes of value data per overflow page.
    package let overflowCapacity: Int

    package init(pageSize: Int) {
        self.pageSize = pageSize
        maxCell = (pageSize - PageLayout.headerSize) / 4 - 2
        maxKeySize = maxCell - 10
        overflowCapacity = pageSize - PageLayout.headerSize
    }
}

extension Page {
    @inline(__always) package func cellOffset(_ i: Int) -> Int { u16(PageLayout.headerSize + 2 * i) }
    @inline(__always) package func keyLength(atCell o: Int) -> Int { u16(o) }
    @inline(__always) package func keyPointer(atCell o: Int) -> UnsafeRawPointer { UnsafeRawPointer(bytes + o + 6) }

    package func key(_ i: Int) -> [UInt8] {
        let o = cellOffset(i)
        return [UInt8](UnsafeRawBufferPointer(start: keyPointer(atCell: o), count: keyLength(atCell: o)))
    }

    // Leaf cells
    @inline(__always) package func valueField(atCell o: Int) -> UInt32 { u32(o + 2) }
    @inline(__always) package func isOverflow(atCell o: Int) -> Bool { valueField(atCell: o) & 0x8000_0000 != 0 }
    @inline(__always) package func valueLength(atCell o: Int) -> Int { Int(valueField(atCell: o) & 0x7FFF_FFFF) }
    @inline(__always) package func overflowHead(atCell o: Int) -> PageNumber { u32(o + 6 + keyLength(atCell: o)) }
    @inline(__always) package func valuePointer(atCell o: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(bytes + o + 6 + keyLength(atCell: o))
    }

    /// Bytes of the cell at offset `o` (not counting its slot).
    @inline(__always) package func cellSize(atCell o: Int) -> Int {
        if kindByte == PageKind.branch.rawValue { return 6 + keyLength(atCell: o) }
        return 6 + keyLength(atCell: o) + (isOverflow(atCell: o) ? 4 : valueLength(atCell: o))
    }

    // Branch cells
    @inline(__always) package func childOfCell(_ o: Int) -> PageNumber { u32(o + 2) }

    /// Child `i` of a branch, 0...count.
    @inline(__always) package func child(_ i: Int) -> PageNumber {
        i == 0 ? link : childOfCell(cellOffset(i - 1))
    }

    package func setChild(_ i: Int, _ n: PageNumber) {
        if i == 0 { link = n } else { setU32(n, cellOffset(i - 1) + 2) }
    }

    /// Contiguous free bytes between the slot array and the cells.
    @inline(__always) package var contiguousFree: Int { cellStart - (PageLayout.headerSize + 2 * count) }

    /// Bytes in use by cells and slots.
    package var usedBytes: Int { (size - cellStart - fragmented) + 2 * count }

    /// Whether a delete left this page so empty that it should merge with or borrow from a sibling.
    package var isUnderfull: Bool { usedBytes < (size - PageLayout.headerSize) / 3 }

    /// Binary search for `key`: the index of the first key >= `key`, and whether it is equal.
    @inline(__always)
    package func search(_ key: UnsafeRawPointer, _ keyCount: Int) -> (index: Int, found: Bool) {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let o = cellOffset(mid)
            let c = compareKeys(keyPointer(atCell: o), keyLength(atCell: o), key, keyCount)
            if c < 0 {
                lo = mid + 1
            } else if c > 0 {
                hi = mid
            } else {
                return (mid, true)
            }
        }
        return (lo, false)
    }

    /// The child of a branch whose range holds `key`: the number of separator keys <= `key`.
    @inline(__always)
    package func childIndex(for key: UnsafeRawPointer, _ keyCount: Int) -> Int {
        let (i, found) = search(key, keyCount)
        return found ? i + 1 : i
    }

    /// Inserts a cell (its bytes) as slot `index`; false when it does not fit even after compaction.
    package func insertCell(at index: Int, _ cell: UnsafeRawPointer, _ cellCount: Int) -> Bool {
        if contiguousFree < cellCount + 2 {
            if contiguousFree + fragmented < cellCount + 2 { return false }
            compact()
        }
        let start = cellStart - cellCount
        (bytes + start).copyMemory(from: cell, byteCount: cellCount)
        cellStart = start
        let slots = bytes + PageLayout.headerSize
        if index < count {
            memmove(slots + 2 * (index + 1), slots + 2 * index, 2 * (count - index))
        }
        setU16(start, PageLayout.headerSize + 2 * index)
        count += 1
        return true
    }

    /// Removes slot `index`; its bytes become fragmented space (reclaimed by `compact`).
    package func removeCell(at index: Int) {
        let o = cellOffset(index)
        let n = cellSize(atCell: o)
        if o == cellStart { cellStart += n } else { fragmented += n }
        let slots = bytes + PageLayout.headerSize
        if index < count - 1 {
            memmove(slots + 2 * index, slots + 2 * (index + 1), 2 * (count - index - 1))
        }
        count -= 1
        if count == 0 {
            cellStart = size
            fragmented = 0
        }
    }

    /// Checks the layout of a page just read from disk so that no later access can leave the
    /// page: slot array and cell area in bounds, every cell inside the page. Returns the problem,
    /// or nil. (A checksum catches random damage; this catches a well-checksummed bad page.)
    package func structuralProblem() -> String? {
        switch kindByte {
        case PageKind.leaf.rawValue, PageKind.branch.rawValue:
            let isLeaf = kindByte == PageKind.leaf.rawValue
            let slotsEnd = PageLayout.headerSize + 2 * count
            guard slotsEnd <= cellStart, cellStart <= size, fragmented <= size - cellStart else {
                return "bad slot array or cell area (count \(count), cell start \(cellStart))"
            }
            for i in 0..<count {
                let o = cellOffset(i)
                guard o >= cellStart, o + 6 <= size else { return "cell \(i) lies outside the page" }
                let keyEnd = o + 6 + keyLength(atCell: o)
                let end = isLeaf ? keyEnd + (isOverflow(atCell: o) ? 4 : valueLength(atCell: o)) : keyEnd
                guard keyEnd <= size, end <= size else { return "cell \(i) lies outside the page" }
            }
            return nil
        case PageKind.overflow.rawValue:
            return cellStart <= size - PageLayout.headerSize ? nil : "overflow data length \(cellStart) exceeds the page"
        case PageKind.freeList.rawValue:
            return count <= (size - PageLayout.headerSize) / 4 ? nil : "free-list entry count \(count) exceeds the page"
        case PageKind.meta.rawValue:
            return nil
        default:
            return "unknown page kind \(kindByte)"
        }
    }

    /// Rewrites the cells contiguously at the end of the page, removing fragmented space.
    package func compact() {
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { scratch.deallocate() }
        var end = size
        for i in 0..<count {
            let o = cellOffset(i)
            let n = cellSize(atCell: o)
            end -= n
            (scratch + end).copyMemory(from: bytes + o, byteCount: n)
            setU16(end, PageLayout.headerSize + 2 * i)
        }
        (bytes + end).copyMemory(from: scratch + end, byteCount: size - end)
        cellStart = end
        fragmented = 0
    }
}

/// An ordered list of cells copied out of pages, used to rebuild pages on split, merge and
/// redistribution (the source pages are overwritten while the list is consumed).
package struct CellList {
    package var storage: [UInt8] = []
    package var spans: [(offset: Int, count: Int)] = []

    package init() {}

    package mutating func append(_ p: UnsafeRawPointer, _ n: Int) {
        spans.append((storage.count, n))
        storage.append(contentsOf: UnsafeRawBufferPointer(start: p, count: n))
    }

    package mutating func appendCells(of page: Page) {
        for i in 0..<page.count {
            let o = page.cellOffset(i)
            append(page.bytes + o, page.cellSize(atCell: o))
        }
    }

    package var count: Int { spans.count }

    /// Bytes cell i needs in a page, slot included.
    package func footprint(_ i: Int) -> Int { spans[i].count + 2 }

    package func withCell<R>(_ i: Int, _ body: (UnsafeRawPointer, Int) -> R) -> R {
        storage.withUnsafeBytes { body($0.baseAddress! + spans[i].offset, spans[i].count) }
    }

    /// Key bytes of cell i.
    package func key(_ i: Int) -> [UInt8] {
        withCell(i) { p, _ in
            let n = Int(UInt16(littleEndian: p.loadUnaligned(as: UInt16.self)))
            return [UInt8](UnsafeRawBufferPointer(start: p + 6, count: n))
        }
    }

    /// Child pointer of branch cell i.
    package func child(_ i: Int) -> PageNumber {
        withCell(i) { p, _ in UInt32(littleEndian: (p + 2).loadUnaligned(as: UInt32.self)) }
    }

    /// Appends cells [from, to) to a freshly formatted page.
    package func fill(_ page: Page, _ from: Int, _ to: Int) {
        for i in from..<to {
            let ok = withCell(i) { p, n in page.insertCell(at: page.count, p, n) }
            precondition(ok, "CellList.fill: cells chosen for a page do not fit")
        }
    }

    /// The index that splits cells [0, count) into two runs of about equal bytes, each fitting in
    /// `capacity`; both runs are non-empty.
    package func splitPoint(capacity: Int) -> Int {
        let total = (0..<count).reduce(0) { $0 + footprint($1) }
        var acc = 0
        var i = 0
        while i < count - 1 {
            let next = acc + footprint(i)
            if next > total / 2 && i > 0 { break }
            acc = next
            i += 1
        }
        // Make sure the right run fits too (cells are at most a quarter page, so moving the point
        // by one is enough to balance any skew).
        while i < count - 1 && total - acc > capacity {
            acc += footprint(i)
            i += 1
        }
        return max(1, i)
    }
}
