// BTreeCursor: ordered iteration over one version of the tree (a pinned snapshot's root).
//
// The cursor keeps the path from the root to its leaf as (page, index) pairs. Pages of a
// published version never change, so the path stays valid for as long as the version is pinned.
// Empty leaves (possible only below a branch with a single child) are skipped.

import StrataCore

package struct BTreeCursor {
    let cache: PageCache
    let root: PageNumber
    private var path: [(page: Page, index: Int)] = []

    package init(cache: PageCache, root: PageNumber) {
        self.cache = cache
        self.root = root
    }

    /// Whether the cursor stands on an entry.
    package var isValid: Bool {
        guard let last = path.last else { return false }
        return last.index >= 0 && last.index < last.page.count
    }

    /// The current entry's key.
    package var key: [UInt8] {
        precondition(isValid, "BTreeCursor.key on an invalid cursor")
        let last = path[path.count - 1]
        return last.page.key(last.index)
    }

    /// Calls `body` with the current key's bytes, without copying them.
    package func withKey<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(isValid, "BTreeCursor.withKey on an invalid cursor")
        let last = path[path.count - 1]
        let o = last.page.cellOffset(last.index)
        return try body(UnsafeRawBufferPointer(start: last.page.keyPointer(atCell: o), count: last.page.keyLength(atCell: o)))
    }

    /// The current entry's value (read from its overflow chain if it has one).
    package func value() throws(StrataError) -> [UInt8] {
        precondition(isValid, "BTreeCursor.value on an invalid cursor")
        let last = path[path.count - 1]
        return try readValue(cache, last.page, cell: last.page.cellOffset(last.index))
    }

    // MARK: positioning

    /// Moves to the first entry with key >= `key`; returns whether there is one.
    @discardableResult
    package mutating func seek(_ key: [UInt8]) throws(StrataError) -> Bool {
        path.removeAll(keepingCapacity: true)
        guard root != 0 else { return false }
        var n = root
        while true {
            let page = try cache.page(n)
            if page.kindByte == PageKind.leaf.rawValue {
                let (i, _) = key.withUnsafeBytes { page.search($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count) }
                path.append((page, i))
                if i >= page.count { return try next() }
                return true
            }
            try checkBranch(page, n)
            let ci = key.withUnsafeBytes { page.childIndex(for: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count) }
            path.append((page, ci))
            n = page.child(ci)
        }
    }

    /// Moves to the smallest key; returns whether the tree has one.
    @discardableResult
    package mutating func first() throws(StrataError) -> Bool {
        path.removeAll(keepingCapacity: true)
        guard root != 0 else { return false }
        try descend(from: root, toEnd: false)
        if isValid { return true }
        return try next()
    }

    /// Moves to the largest key; returns whether the tree has one.
    @discardableResult
    package mutating func last() throws(StrataError) -> Bool {
        path.removeAll(keepingCapacity: true)
        guard root != 0 else { return false }
        try descend(from: root, toEnd: true)
        if isValid { return true }
        return try previous()
    }

    /// Moves to the next key; returns false (and becomes invalid) past the last one.
    @discardableResult
    package mutating func next() throws(StrataError) -> Bool {
        guard !path.isEmpty else { return false }
        path[path.count - 1].index += 1
        while true {
            let top = path[path.count - 1]
            if top.page.kindByte == PageKind.leaf.rawValue {
                if top.index < top.page.count { return true }
            } else if top.index <= top.page.count {
                try descend(from: top.page.child(top.index), toEnd: false)
                continue
            }
            // This page is exhausted: go up and step right.
            if path.count == 1 {
                path[0].index = top.page.count + (top.page.kindByte == PageKind.leaf.rawValue ? 0 : 1)
                return false
            }
            path.removeLast()
            path[path.count - 1].index += 1
        }
    }

    /// Moves to the previous key; returns false (and becomes invalid) before the first one.
    @discardableResult
    package mutating func previous() throws(StrataError) -> Bool {
        guard !path.isEmpty else { return false }
        path[path.count - 1].index -= 1
        while true {
            let top = path[path.count - 1]
            if top.index >= 0 {
                if top.page.kindByte == PageKind.leaf.rawValue { return true }
                try descend(from: top.page.child(top.index), toEnd: true)
                continue
            }
            if path.count == 1 {
                path[0].index = -1
                return false
            }
            path.removeLast()
            path[path.count - 1].index -= 1
        }
    }

    /// Pushes the path from page `n` down to its first (or last) leaf entry.
    private mutating func descend(from n: PageNumber, toEnd: Bool) throws(StrataError) {
        var n = n
        while true {
            let page = try cache.page(n)
            if page.kindByte == PageKind.leaf.rawValue {
                path.append((page, toEnd ? page.count - 1 : 0))
                return
            }
            try checkBranch(page, n)
            let i = toEnd ? page.count : 0
            path.append((page, i))
            n = page.child(i)
        }
    }

    private func checkBranch(_ page: Page, _ n: PageNumber) throws(StrataError) {
        guard page.kindByte == PageKind.branch.rawValue else {
            throw .corrupted(file: cache.file.path, page: n, "expected a B+tree page, found kind \(page.kindByte)")
        }
        guard path.count < 64 else {
            throw .corrupted(file: cache.file.path, page: n, "the tree is deeper than 64 levels (a cycle?)")
        }
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
    guard root != 0 else { return nil }
    let kp = key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
    var n = root
    var depth = 0
    while true {
        let page = try cache.page(n)
        if page.kindByte == PageKind.leaf.rawValue {
            let (i, found) = page.search(kp, key.count)
            return found ? try readValue(cache, page, cell: page.cellOffset(i)) : nil
        }
        guard page.kindByte == PageKind.branch.rawValue, depth < 64 else {
            throw .corrupted(file: cache.file.path, page: n, "expected a B+tree page, found kind \(page.kindByte)")
        }
        n = page.child(page.childIndex(for: kp, key.count))
        depth += 1
    }
}
