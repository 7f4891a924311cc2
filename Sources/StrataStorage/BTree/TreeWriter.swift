// TreeWriter: applies one commit's changes to the newest tree, copy-on-write.
//
// A page reachable from an earlier version is never changed: the first change a commit makes to
// it copies it to a newly allocated page (owner = this commit) and retires the old number, and the
// copy is changed in place by every later change of the same commit, so each page is copied at
// most once per commit. Changes go bottom-up: a page is copied only when something below it
// changed, so a delete of a missing key copies nothing.
//
// INVARIANTS (in addition to Node.swift's)
//   (1) Only pages with `owner == commit` are written; they are reachable only from `root`,
//       which nobody else sees until the commit publishes it.
//   (2) After `delete`, no non-root page is left underfull next to a sibling it could merge with
//       or borrow from, except when its parent has no other child.
//   (3) Inserting at the end of the rightmost path splits "append-style": the full page stays
//       full and the new page starts with the new cell, so sorted loads fill pages completely.
// CONCURRENCY  Runs under the engine's writer lock, between `PageCache.beginChanges` and
//   `endChanges`, and reads pages with `page(_:writer: true)`: only this thread may spill the pages
//   it changes in place until the commit is applied (PageCache invariant (4)).
// STATES  open (put/delete) -> finished (the engine takes root, retired) | abandoned (rollback)

import StrataCore

package final class TreeWriter: @unchecked Sendable {  // touched only under the engine's writer lock
    let cache: PageCache
    let free: FreeSpace
    let limits: Limits
    package let commit: CommitNumber
    package private(set) var root: PageNumber
    /// Page numbers of earlier versions that this commit no longer uses.
    package private(set) var retired: [PageNumber] = []
    /// Pages this commit allocated and still uses (released again on rollback).
    private var allocated = Set<PageNumber>()
    private var cellBuffer: [UInt8] = []

    package init(cache: PageCache, free: FreeSpace, root: PageNumber, commit: CommitNumber) {
        self.cache = cache
        self.free = free
        self.root = root
        self.commit = commit
        limits = Limits(pageSize: cache.pageSize)
    }

    /// Gives back every page this commit allocated (the commit failed and its root is dropped).
    package func rollback() {
        for n in allocated { free.release(n) }
        allocated.removeAll()
        retired.removeAll()
    }

    // MARK: pages

    private func newPage(_ kind: PageKind) -> Page {
        let n = free.allocate()
        allocated.insert(n)
        let page = Page(size: limits.pageSize)
        page.format(kind: kind, number: n, owner: commit)
        cache.installNew(page)
        return page
    }

    /// The page itself if this commit owns it, otherwise a copy that it owns.
    private func writable(_ page: Page) -> Page {
        // Every page reachable from the base root was allocated by an earlier commit, and a failed
        // commit's pages are unreachable, so `owner == commit` means this commit allocated it.
        if page.owner == commit {
            #if STRATA_INTERNAL_CHECKS
            precondition(allocated.contains(page.number), "page \(page.number) claims commit \(commit) but it did not allocate it")
            #endif
            if !page.isDirty { cache.markDirty(page) }
            return page
        }
        let n = free.allocate()
        allocated.insert(n)
        let copy = Page(uninitializedSize: limits.pageSize)
        copy.copyContents(of: page)
        copy.number = n
        copy.owner = commit
        cache.installNew(copy)
        retired.append(page.number)
        return copy
    }

    /// Frees a page this commit no longer uses: at once if it allocated it, else when no version needs it.
    private func drop(_ page: Page) {
        if page.owner == commit && allocated.remove(page.number) != nil {
            free.release(page.number)
        } else {
            retired.append(page.number)
        }
    }

    /// A tree page at `depth` below the root; a pointer to a meta page or a tree deeper than any
    /// real one (a cycle in a damaged file) is a corruption error, not a crash.
    private func treePage(_ n: PageNumber, depth: Int) throws(StrataError) -> Page {
        guard n >= 2, depth < 64 else {
            throw .corrupted(file: cache.file.path, page: n, depth < 64 ? "a tree page points at a meta page" : "the tree is deeper than 64 levels (a cycle?)")
        }
        return try cache.page(n, writer: true)
    }

    // MARK: overflow chains

    /// Writes a value into a new overflow chain and returns its first page. Page numbers are
    /// taken first so each page is complete when it enters the cache and can be spilled at once:
    /// a value larger than the cache must not pin all its pages in memory.
    private func writeOverflow(_ value: UnsafeRawBufferPointer) -> PageNumber {
        let cap = limits.overflowCapacity
        let count = (value.count + cap - 1) / cap
        var numbers: [PageNumber] = []
        numbers.reserveCapacity(count)
        for _ in 0..<count {
            let n = free.allocate()
            allocated.insert(n)
            numbers.append(n)
        }
        for i in 0..<count {
            let page = Page(size: limits.pageSize)
            page.format(kind: .overflow, number: numbers[i], owner: commit)
            page.link = i + 1 < count ? numbers[i + 1] : 0
            let offset = i * cap
            let n = min(cap, value.count - offset)
            (page.bytes + PageLayout.headerSize).copyMemory(from: value.baseAddress! + offset, byteCount: n)
            page.cellStart = n
            cache.installNew(page)
        }
        return numbers[0]
    }

    private func dropOverflow(_ head: PageNumber, length: Int) throws(StrataError) {
        var n = head
        var pages = (length + limits.overflowCapacity - 1) / limits.overflowCapacity
        while n != 0 && pages > 0 {
            pages -= 1
            let page = try cache.page(n, writer: true)
            guard page.kind == .overflow else {
                throw .corrupted(file: cache.file.path, page: n, "expected an overflow page")
            }
            n = page.link
            drop(page)
        }
    }

    /// Builds the leaf cell for key/value in `cellBuffer`, moving a large value to an overflow chain.
    private func buildLeafCell(_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) {
        cellBuffer.removeAll(keepingCapacity: true)
        let inline = 6 + key.count + value.count + 2 <= limits.maxCell
        appendU16(UInt16(key.count))
        appendU32(inline ? UInt32(value.count) : (UInt32(value.count) | 0x8000_0000))
        cellBuffer.append(contentsOf: key)
        if inline {
            cellBuffer.append(contentsOf: value)
        } else {
            appendU32(value.count == 0 ? 0 : writeOverflow(value))
        }
    }

    private func buildBranchCell(_ key: [UInt8], _ child: PageNumber) {
        cellBuffer.removeAll(keepingCapacity: true)
        appendU16(UInt16(key.count))
        appendU32(child)
        cellBuffer.append(contentsOf: key)
    }

    private func appendU16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { cellBuffer.append(contentsOf: $0) } }
    private func appendU32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { cellBuffer.append(contentsOf: $0) } }

    private func insertBuffered(_ page: Page, at index: Int) -> Bool {
        cellBuffer.withUnsafeBytes { page.insertCell(at: index, $0.baseAddress!, $0.count) }
    }

    // MARK: put

    private struct Split {
        var key: [UInt8]
        var right: PageNumber
    }

    /// Inserts or replaces `key`. Throws `programLimitExceeded` for a key over `Limits.maxKeySize`.
    package func put(_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws(StrataError) {
        guard key.count <= limits.maxKeySize else {
            throw StrataError(.programLimitExceeded,
                              "key of \(key.count) bytes exceeds the limit of \(limits.maxKeySize) bytes for \(limits.pageSize)-byte pages")
        }
        guard value.count <= 0x7FFF_FFFF else {
            throw StrataError(.programLimitExceeded, "value of \(value.count) bytes exceeds the limit of 2 GiB")
        }
        buildLeafCell(key, value)
        if root == 0 {
            let leaf = newPage(.leaf)
            _ = insertBuffered(leaf, at: 0)
            root = leaf.number
            return
        }
        let (newRoot, split) = try insert(root, key.baseAddress!, key.count, rightmost: true, depth: 0)
        root = newRoot
        if let split {
            let branch = newPage(.branch)
            branch.link = newRoot
            buildBranchCell(split.key, split.right)
            _ = insertBuffered(branch, at: 0)
            root = branch.number
        }
    }

    private func insert(_ n: PageNumber, _ key: UnsafeRawPointer, _ keyCount: Int, rightmost: Bool, depth: Int)
        throws(StrataError) -> (PageNumber, Split?)
    {
        let page = try treePage(n, depth: depth)
        switch page.kindByte {
        case PageKind.leaf.rawValue:
            let (index, found) = page.search(key, keyCount)
            let p = writable(page)
            if found {
                let o = p.cellOffset(index)
                if p.isOverflow(atCell: o) && p.valueLength(atCell: o) > 0 { try dropOverflow(p.overflowHead(atCell: o), length: p.valueLength(atCell: o)) }
                p.removeCell(at: index)
            }
            if insertBuffered(p, at: index) { return (p.number, nil) }
            return (p.number, splitLeaf(p, at: index, append: rightmost && index == p.count))
        case PageKind.branch.rawValue:
            let ci = page.childIndex(for: key, keyCount)
            let child = page.child(ci)
            // The cell to insert lives in cellBuffer; keep it across the recursion's own use.
            let (newChild, split) = try insert(child, key, keyCount, rightmost: rightmost && ci == page.count, depth: depth + 1)
            if newChild == child && split == nil { return (n, nil) }
            let p = writable(page)
            p.setChild(ci, newChild)
            guard let split else { return (p.number, nil) }
            buildBranchCell(split.key, split.right)
            if insertBuffered(p, at: ci) { return (p.number, nil) }
            return (p.number, splitBranch(p, at: ci, append: rightmost && ci == p.count))
        default:
            throw .corrupted(file: cache.file.path, page: n, "expected a B+tree page, found kind \(page.kindByte)")
        }
    }

    /// Splits a full leaf that cannot take the cell in `cellBuffer` at `index`.
    private func splitLeaf(_ p: Page, at index: Int, append: Bool) -> Split {
        let right = newPage(.leaf)
        if append {
            _ = insertBuffered(right, at: 0)
            return Split(key: right.key(0), right: right.number)
        }
        var cells = CellList()
        for i in 0..<p.count {
            if i == index { cellBuffer.withUnsafeBytes { cells.append($0.baseAddress!, $0.count) } }
            let o = p.cellOffset(i)
            cells.append(p.bytes + o, p.cellSize(atCell: o))
        }
        if index == p.count { cellBuffer.withUnsafeBytes { cells.append($0.baseAddress!, $0.count) } }
        let m = cells.splitPoint(capacity: limits.pageSize - PageLayout.headerSize)
        p.format(kind: .leaf, number: p.number, owner: commit)
        cells.fill(p, 0, m)
        cells.fill(right, m, cells.count)
        return Split(key: cells.key(m), right: right.number)
    }

    /// Splits a full branch that cannot take the cell in `cellBuffer` at `index`; the middle key moves up.
    private func splitBranch(_ p: Page, at index: Int, append: Bool) -> Split {
        let right = newPage(.branch)
        if append {
            let child = PageNumber(littleEndian: cellBuffer.withUnsafeBytes { ($0.baseAddress! + 2).loadUnaligned(as: UInt32.self) })
            right.link = child
            return Split(key: Array(cellBuffer[6...]), right: right.number)
        }
        var cells = CellList()
        for i in 0..<p.count {
            if i == index { cellBuffer.withUnsafeBytes { cells.append($0.baseAddress!, $0.count) } }
            let o = p.cellOffset(i)
            cells.append(p.bytes + o, p.cellSize(atCell: o))
        }
        if index == p.count { cellBuffer.withUnsafeBytes { cells.append($0.baseAddress!, $0.count) } }
        let m = cells.splitPoint(capacity: limits.pageSize - PageLayout.headerSize)
        let leftmost = p.link
        p.format(kind: .branch, number: p.number, owner: commit)
        p.link = leftmost
        cells.fill(p, 0, m)
        right.link = cells.child(m)
        cells.fill(right, m + 1, cells.count)
        return Split(key: cells.key(m), right: right.number)
    }

    // MARK: delete

    /// Removes `key`; returns whether it was there.
    @discardableResult
    package func delete(_ key: UnsafeRawBufferPointer) throws(StrataError) -> Bool {
        guard root != 0, key.count <= limits.maxKeySize else { return false }
        let r = try remove(root, key.baseAddress!, key.count, depth: 0)
        guard r.removed else { return false }
        root = r.page
        if let split = r.split {
            let branch = newPage(.branch)
            branch.link = root
            buildBranchCell(split.key, split.right)
            _ = insertBuffered(branch, at: 0)
            root = branch.number
            return true
        }
        // Shrink the tree from the top: a branch with one child, or an empty leaf root.
        while true {
            let page = try cache.page(root, writer: true)
            if page.kindByte == PageKind.branch.rawValue && page.count == 0 {
                root = page.link
                drop(page)
            } else if page.kindByte == PageKind.leaf.rawValue && page.count == 0 {
                root = 0
                drop(page)
                break
            } else {
                break
            }
        }
        return true
    }

    private struct Removal {
        var page: PageNumber
        var removed: Bool
        var split: Split?
    }

    private func remove(_ n: PageNumber, _ key: UnsafeRawPointer, _ keyCount: Int, depth: Int) throws(StrataError) -> Removal {
        let page = try treePage(n, depth: depth)
        switch page.kindByte {
        case PageKind.leaf.rawValue:
            let (index, found) = page.search(key, keyCount)
            guard found else { return Removal(page: n, removed: false) }
            let p = writable(page)
            let o = p.cellOffset(index)
            if p.isOverflow(atCell: o) && p.valueLength(atCell: o) > 0 { try dropOverflow(p.overflowHead(atCell: o), length: p.valueLength(atCell: o)) }
            p.removeCell(at: index)
            return Removal(page: p.number, removed: true)
        case PageKind.branch.rawValue:
            let ci = page.childIndex(for: key, keyCount)
            let child = page.child(ci)
            let r = try remove(child, key, keyCount, depth: depth + 1)
            guard r.removed else { return Removal(page: n, removed: false) }
            let p = writable(page)
            p.setChild(ci, r.page)
            if let split = r.split {
                buildBranchCell(split.key, split.right)
                if !insertBuffered(p, at: ci) {
                    return Removal(page: p.number, removed: true, split: splitBranch(p, at: ci, append: false))
                }
            } else {
                let childPage = try cache.page(r.page, writer: true)
                if childPage.isUnderfull && p.count > 0 {
                    if let split = try rebalance(p, child: ci) {
                        return Removal(page: p.number, removed: true, split: split)
                    }
                }
            }
            return Removal(page: p.number, removed: true)
        default:
            throw .corrupted(file: cache.file.path, page: n, "expected a B+tree page, found kind \(page.kindByte)")
        }
    }

    /// Merges child `ci` of the (writable) branch `p` with a neighbour, or moves cells between them.
    /// Returns a split of `p` in the rare case a longer separator no longer fits.
    private func rebalance(_ p: Page, child ci: Int) throws(StrataError) -> Split? {
        let li = ci > 0 ? ci - 1 : 0
        let ri = li + 1
        let left = writable(try cache.page(p.child(li), writer: true))
        let right = writable(try cache.page(p.child(ri), writer: true))
        p.setChild(li, left.number)
        p.setChild(ri, right.number)
        let sepIndex = ri - 1
        let capacity = limits.pageSize - PageLayout.headerSize
        var cells = CellList()
        cells.appendCells(of: left)
        let isBranch = left.kindByte == PageKind.branch.rawValue
        if isBranch {
            // The separator comes down, pointing at the right page's leftmost child.
            let so = p.cellOffset(sepIndex)
            var sep = [UInt8](UnsafeRawBufferPointer(start: p.bytes + so, count: p.cellSize(atCell: so)))
            withUnsafeBytes(of: right.link.littleEndian) { sep.replaceSubrange(2..<6, with: $0) }
            sep.withUnsafeBytes { cells.append($0.baseAddress!, $0.count) }
        }
        cells.appendCells(of: right)
        let total = (0..<cells.count).reduce(0) { $0 + cells.footprint($1) }
        let leftmost = left.link
        if total <= capacity {
            // Merge into the left page; the right page and its separator go away.
            left.format(kind: isBranch ? .branch : .leaf, number: left.number, owner: commit)
            left.link = leftmost
            cells.fill(left, 0, cells.count)
            p.removeCell(at: sepIndex)
            drop(right)
            return nil
        }
        // Redistribute: split the combined cells in two halves of about equal size.
        let m = cells.splitPoint(capacity: capacity)
        left.format(kind: isBranch ? .branch : .leaf, number: left.number, owner: commit)
        right.format(kind: isBranch ? .branch : .leaf, number: right.number, owner: commit)
        left.link = leftmost
        cells.fill(left, 0, m)
        let newSeparator: [UInt8]
        if isBranch {
            right.link = cells.child(m)
            cells.fill(right, m + 1, cells.count)
        } else {
            cells.fill(right, m, cells.count)
        }
        newSeparator = cells.key(m)
        p.removeCell(at: sepIndex)
        buildBranchCell(newSeparator, right.number)
        if insertBuffered(p, at: sepIndex) { return nil }
        return splitBranch(p, at: sepIndex, append: false)
    }
}
