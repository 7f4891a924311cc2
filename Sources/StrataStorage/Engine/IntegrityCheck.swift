// IntegrityCheck: the engine side of PRAGMA integrity_check.
//
// Walks the newest tree and checks, page by page: the checksum of every page that is on disk
// unchanged (re-read past the cache), the page kind and slot layout, key order inside each page
// and against the separator keys above it (Node.swift (1), (2)), equal leaf depth, overflow
// chains, and page accounting: every page number in [2, pageCount) is either reachable or
// free/pending/free-list, never both and never neither (FreeSpace (1)).

import StrataCore

extension StorageEngine {
    struct TreeCheck {
        var problems: [String] = []
        var pages = Set<PageNumber>()
        var leafDepth: Int?
        var entries = 0
    }

    /// Problems found in the newest tree and the page accounting; empty means intact.
    package func integrityCheck() -> [String] {
        do throws(StrataError) {
            return try withWriterState { (root, free, _) throws(StrataError) in
                var check = checkTree(root: root, verifyChecksums: true)
                for n in 2..<free.pageCount {
                    let reachable = check.pages.contains(n)
                    let unused = free.isUnused(n)
                    if reachable && unused { check.problems.append("page \(n) is both free and reachable") }
                    if !reachable && !unused { check.problems.append("page \(n) is leaked: neither reachable nor free") }
                }
                return check.problems
            }
        } catch {
            return [error.message]
        }
    }

    /// Key count of the newest tree (walks every leaf).
    package func entryCount() throws(StrataError) -> Int {
        try withWriterState { (root, _, _) throws(StrataError) in checkTree(root: root, verifyChecksums: false).entries }
    }

    func checkTree(root: PageNumber, verifyChecksums: Bool) -> TreeCheck {
        var check = TreeCheck()
        if root != 0 { walk(root, lower: nil, upper: nil, depth: 0, verify: verifyChecksums, &check) }
        return check
    }

    private func walk(_ n: PageNumber, lower: [UInt8]?, upper: [UInt8]?, depth: Int, verify: Bool, _ check: inout TreeCheck) {
        guard n >= 2 else {
            check.problems.append("a tree page points at page \(n), a meta page")
            return
        }
        guard check.pages.insert(n).inserted else {
            check.problems.append("page \(n) is reachable twice")
            return
        }
        guard depth < 64 else {
            check.problems.append("page \(n): tree deeper than 64 levels")
            return
        }
        let page: Page
        do throws(StrataError) {
            page = try cache.page(n)
            if verify && !page.isDirty { _ = try cache.readFromDisk(n) }
        } catch {
            check.problems.append(error.message)
            return
        }
        let isLeaf = page.kindByte == PageKind.leaf.rawValue
        guard isLeaf || page.kindByte == PageKind.branch.rawValue else {
            check.problems.append("page \(n): expected a leaf or branch page, found kind \(page.kindByte)")
            return
        }
        let count = page.count
        guard PageLayout.headerSize + 2 * count <= page.cellStart, page.cellStart <= page.size else {
            check.problems.append("page \(n): slot array overlaps the cells (count \(count), cell start \(page.cellStart))")
            return
        }
        var previous: [UInt8]? = lower
        for i in 0..<count {
            let o = page.cellOffset(i)
            guard o >= page.cellStart, o + 6 <= page.size, o + page.cellSize(atCell: o) <= page.size else {
                check.problems.append("page \(n): cell \(i) lies outside the page")
                return
            }
            let key = page.key(i)
            if let previous {
                let c = compareBytes(previous, key)
                if i == 0 ? c > 0 : c >= 0 {
                    check.problems.append("page \(n): key \(i) is out of order")
                }
            }
            if let upper, compareBytes(key, upper) >= 0 {
                check.problems.append("page \(n): key \(i) is not below its parent's separator")
            }
            previous = key
            if isLeaf && page.isOverflow(atCell: o) && page.valueLength(atCell: o) > 0 {
                checkOverflow(page.overflowHead(atCell: o), length: page.valueLength(atCell: o), from: n, &check)
            }
        }
        if isLeaf {
            check.entries += count
            if let d = check.leafDepth, d != depth {
                check.problems.append("page \(n): leaf at depth \(depth), others at depth \(d)")
            }
            check.leafDepth = check.leafDepth ?? depth
            return
        }
        for i in 0...count {
            let lo = i == 0 ? lower : page.key(i - 1)
            let hi = i == count ? upper : page.key(i)
            walk(page.child(i), lower: lo, upper: hi, depth: depth + 1, verify: verify, &check)
        }
    }

    private func checkOverflow(_ head: PageNumber, length: Int, from leaf: PageNumber, _ check: inout TreeCheck) {
        var n = head
        var remaining = length
        while remaining > 0 {
            guard n >= 2, check.pages.insert(n).inserted else {
                check.problems.append("page \(leaf): overflow chain reaches page \(n) twice or a meta page")
                return
            }
            do throws(StrataError) {
                let page = try cache.page(n)
                if !page.isDirty { _ = try cache.readFromDisk(n) }
                guard page.kind == .overflow else {
                    check.problems.append("page \(n): expected an overflow page of page \(leaf)")
                    return
                }
                remaining -= page.cellStart
                n = page.link
            } catch {
                check.problems.append(error.message)
                return
            }
        }
        if n != 0 { check.problems.append("page \(leaf): overflow chain is longer than its value") }
    }
}

func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
    a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in
            compareKeys(x.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, x.count, y.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, y.count)
        }
    }
}
