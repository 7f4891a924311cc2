// BTreeCursor: ordered iteration over one version of the tree (a pinned snapshot's root).
//
// The cursor keeps the branches from the root down as (page, child index) pairs, and the leaf
// and slot it stands on; stepping within a leaf touches only those two fields. Pages of a
// published version never change, so the path stays valid for as long as the version is pinned
// (the cursor keeps its Snapshot alive). Empty leaves (possible only below a branch with a
// single child) are skipped.

import StrataCore

package struct BTreeCursor {
    let cache: PageCache
    let root: PageNumber
    /// Keeps the pinned version alive for as long as the cursor is used.
    let owner: AnyObject?
    /// The branches above the current leaf, each with the child index taken.
    private var branches: [(page: Page, index: Int)] = []
    private var leaf: Page?
    /// Slot in `leaf`; -1 = before its first entry, `leaf.count` = after its last.
    private var index = 0

    package init(cache: PageCache, root: PageNumber, owner: AnyObject? = nil) {
        self.cache = cache
        self.root = root
        self.owner = owner
    }

    /// Whether the cursor stands on an entry.
    package var isValid: Bool {
        guard let leaf else { return false }
        return index >= 0 && index < leaf.count
    }

    /// The current entry's key.
    package var key: [UInt8] {
        precondition(isValid, "BTreeCursor.key on an invalid cursor")
        return leaf.unsafelyUnwrapped.key(index)
    }

    /// Calls `body` with the current key's bytes, without copying them.
    package func withKey<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(isValid, "BTreeCursor.withKey on an invalid cursor")
        let page = leaf.unsafelyUnwrapped
        let o = page.cellOffset(index)
        return try body(UnsafeRawBufferPointer(start: page.keyPointer(atCell: o), count: page.keyLength(atCell: o)))
    }

    /// The current entry's value (read from its overflow chain if it has one).
    package func value() throws(StrataError) -> [UInt8] {
        precondition(isValid, "BTreeCursor.value on an invalid cursor")
        let page = leaf.unsafelyUnwrapped
        return try readValue(cache, page, cell: page.cellOffset(index))
    }

    /// Calls `body` with the current value's bytes; a value kept in the page is not copied.
    package func withValue<R>(_ body: (UnsafeRawBufferPointer) -> R) throws(StrataError) -> R {
        precondition(isValid, "BTreeCursor.withValue on an invalid cursor")
        let page = leaf.unsafelyUnwrapped
        let o = page.cellOffset(index)
        if !page.isOverflow(atCell: o) {
            return body(UnsafeRawBufferPointer(start: page.valuePointer(atCell: o), count: page.valueLength(atCell: o)))
        }
        let value = try readValue(cache, page, cell: o)
        return value.withUnsafeBytes { body($0) }
    }

    // MARK: positioning

    /// Moves to the first entry with key >= `key`; returns whether there is one.
    @discardableResult
    package mutating func seek(_ key: [UInt8]) throws(StrataError) -> Bool {
        branches.removeAll(keepingCapacity: true)
        leaf = nil
        guard root != 0 else { return false }
        var n = root
        while true {
            let page = try treePage(n)
            if page.kindByte == PageKind.leaf.rawValue {
                leaf = page
                index = key.withUnsafeBytes { page.search($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count).index }
                if index < page.count { return true }
                return try nextLeaf()
            }
            let ci = key.withUnsafeBytes { page.childIndex(for: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count) }
            branches.append((page, ci))
            n = page.child(ci)
        }
    }

    /// Moves to the smallest key; returns whether the tree has one.
    @discardableResult
    package mutating func first() throws(StrataError) -> Bool {
        branches.removeAll(keepingCapacity: true)
        leaf = nil
        guard root != 0 else { return false }
        try descend(from: root, toEnd: false)
        if isValid { return true }
        return try nextLeaf()
    }

    /// Moves to the largest key; returns whether the tree has one.
    @discardableResult
    package mutating func last() throws(StrataError) -> Bool {
        branches.removeAll(keepingCapacity: true)
        leaf = nil
        guard root != 0 else { return false }
        try descend(from: root, toEnd: true)
        if isValid { return true }
        return try previousLeaf()
    }

    /// Moves to the next key; returns false past the last one (then `previous()` returns to it).
    @discardableResult
    package mutating func next() throws(StrataError) -> Bool {
        guard let page = leaf else { return false }
        if index < page.count { index += 1 }
        if index < page.count { return true }
        return try nextLeaf()
    }

    /// Moves to the previous key; returns false before the first one (then `next()` returns to it).
    @discardableResult
    package mutating func previous() throws(StrataError) -> Bool {
        guard leaf != nil else { return false }
        if index >= 0 { index -= 1 }
        if index >= 0 { return true }
        return try previousLeaf()
    }

    /// Steps to the first entry of the next non-empty leaf; at the end, stays past the last entry.
    private mutating func nextLeaf() throws(StrataError) -> Bool {
        while true {
            var level = branches.count - 1
            while level >= 0 && branches[level].index >= branches[level].page.count { level -= 1 }
            if level < 0 {
                index = leaf?.count ?? 0
                return false
            }
            branches.removeSubrange((level + 1)...)
            branches[level].index += 1
            try descend(from: branches[level].page.child(branches[level].index), toEnd: false)
            if isValid { return true }
        }
    }

    /// Steps to the last entry of the previous non-empty leaf; at the start, stays before the first.
    private mutating func previousLeaf() throws(StrataError) -> Bool {
        while true {
            var level = branches.count - 1
            while level >= 0 && branches[level].index <= 0 { level -= 1 }
            if level < 0 {
                index = -1
                return false
            }
            branches.removeSubrange((level + 1)...)
            branches[level].index -= 1
            try descend(from: branches[level].page.child(branches[level].index), toEnd: true)
            if isValid { return true }
        }
    }

    /// Pushes the path from page `n` down to its first (or last) leaf entry.
    private mutating func descend(from n: PageNumber, toEnd: Bool) throws(StrataError) {
        var n = n
        while true {
            let page = try treePage(n)
            if page.kindByte == PageKind.leaf.rawValue {
                leaf = page
                index = toEnd ? page.count - 1 : 0
                return
            }
            let i = toEnd ? page.count : 0
            branches.append((page, i))
            n = page.child(i)
        }
    }

    private func treePage(_ n: PageNumber) throws(StrataError) -> Page {
        guard n >= 2, branches.count < 64 else {
            throw .corrupted(file: cache.file.path, page: n, "a tree pointer leads to a meta page or loops")
        }
        let page = try cache.page(n)
        guard page.kindByte == PageKind.leaf.rawValue || page.kindByte == PageKind.branch.rawValue else {
            throw .corrupted(file: cache.file.path, page: n, "expected a B+tree page, found kind \(page.kindByte)")
        }
        return page
    }
}

/// The value of the leaf cell at offset `o` of `page`, following its overflow chain.
package func readValue(_ cache: PageCache, _ page: Page, cell o: Int) throws(StrataError) -> [UInt8] {
    let length = page.valueLength(atCell: o)
    if !page.isOverflow(atCell: o) {
        return [UInt8](UnsafeRawBufferPointer(start: page.valuePointer(atCell: o), count: length))
    }
    var out = [UInt8]()
    out.reserveCapacity(length)
    var n = page.overflowHead(atCell: o)
    while out.count < length {
        guard n != 0 else {
            throw .corrupted(file: cache.file.path, page: page.number, "overflow chain ends early")
        }
        let p = try cache.page(n)
        guard p.kind == .overflow, p.cellStart > 0, p.cellStart <= p.size - PageLayout.headerSize else {
            throw .corrupted(file: cache.file.path, page: n, "expected an overflow page")
        }
        let take = min(p.cellStart, length - out.count)
        out.append(contentsOf: UnsafeRawBufferPointer(start: p.bytes + PageLayout.headerSize, count: take))
        n = p.link
    }
    return out
}

/// Looks `key` up in the tree rooted at `root`.
package func lookup(_ cache: PageCache, root: PageNumber, _ key: UnsafeRawBufferPointer) throws(StrataError) -> [UInt8]? {
    guard let (page, o) = try findLeafCell(cache, root: root, key) else { return nil }
    return try readValue(cache, page, cell: o)
}

/// Looks `key` up and lends its value's bytes to `body` (nil when absent).
package func lookupInPlace<R>(_ cache: PageCache, root: PageNumber, _ key: UnsafeRawBufferPointer,
                              _ body: (UnsafeRawBufferPointer?) -> R) throws(StrataError) -> R {
    guard let (page, o) = try findLeafCell(cache, root: root, key) else { return body(nil) }
    if !page.isOverflow(atCell: o) {
        return withExtendedLifetime(page) {
            body(UnsafeRawBufferPointer(start: page.valuePointer(atCell: o), count: page.valueLength(atCell: o)))
        }
    }
    let value = try readValue(cache, page, cell: o)
    return value.withUnsafeBytes { body($0) }
}

/// The leaf page and cell offset holding `key`, or nil.
@inline(__always)
func findLeafCell(_ cache: PageCache, root: PageNumber, _ key: UnsafeRawBufferPointer) throws(StrataError) -> (Page, Int)? {
    guard root != 0 else { return nil }
    let kp = key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
    var n = root
    var depth = 0
    while true {
        guard n >= 2 else { throw .corrupted(file: cache.file.path, page: n, "a tree pointer leads to a meta page") }
        let page = try cache.page(n)
        if page.kindByte == PageKind.leaf.rawValue {
            let (i, found) = page.search(kp, key.count)
            return found ? (page, page.cellOffset(i)) : nil
        }
        guard page.kindByte == PageKind.branch.rawValue, depth < 64 else {
            throw .corrupted(file: cache.file.path, page: n, "expected a B+tree page, found kind \(page.kindByte)")
        }
        n = page.child(page.childIndex(for: kp, key.count))
        depth += 1
    }
}
