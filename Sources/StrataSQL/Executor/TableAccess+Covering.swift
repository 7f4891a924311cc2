// Covering reads (Planner/AccessPath+Covering.swift): the rows of an index path made from the
// entries' keys, without reading the table. Each row holds the rowid and the columns the query
// reads (the others are NULL: nothing reads them), in rowid order as every path gives them.
// A key field whose value cannot be told for sure (an integer -2^63 in an INTEGER or NUMERIC
// column: it may be the real -2^63, which those affinities keep a real) reads that row instead.

import StrataCatalog
import StrataCore

extension CompiledAccess {
    /// The rows under the index's keys for these equality values and range, from the keys.
    func coveringRows(_ ix: IndexInfo, _ values: [[Value]], _ lo: Value?, _ hi: Value?, _ layout: CoveringLayout,
                      _ session: ExecutionSession) throws(StrataError) -> [[Value]] {
        let prefixLength = Keys.indexPrefix(ix.id).count
        var rows: [[Value]] = []
        var padding = RowPadding(table)
        var isSorted = true
        var last = Int64.min
        try forEachIndexEntry(ix, values, lo, hi, session) { key throws(StrataError) in
            let rowid = Keys.rowid(fromKey: key)
            let fields = try key.withUnsafeBytes { p in
                Result { () throws(StrataError) in
                    try decodeKey(UnsafeRawBufferPointer(rebasing: p[prefixLength...]), descending: layout.descending).values
                }
            }.get()
            var r = [Value](repeating: .null, count: layout.width)
            r[0] = .integer(rowid)
            for s in layout.rowidSlots { r[s] = .integer(rowid) }
            for (k, field) in layout.fields.enumerated() {
                guard let (slot, affinity) = field else { continue }
                guard let v = Self.storedValue(fields[k], affinity) else {
                    guard let full = try session.row(of: table, rowid: rowid, &padding) else { return }
                    r = full
                    break
                }
                r[slot] = v
            }
            if rowid < last { isSorted = false }
            last = rowid
            rows.append(r)
        }
        if !isSorted { rows.sort { $0[0].integerValue < $1[0].integerValue } }
        return rows
    }

    /// The value a column of `affinity` holds whose key field decodes to `v` (a key gives an
    /// integral number as an integer), or nil when it may be either of two.
    static func storedValue(_ v: Value, _ affinity: Affinity) -> Value? {
        switch (affinity, v) {
        case (_, .null): return v
        // An integral real inside Int64 is stored as an integer, bar -2^63 (Value.integerIfIntegral).
        case (.integer, .integer(let i)), (.numeric, .integer(let i)): return i == Int64.min ? nil : v
        case (.integer, _), (.numeric, _): return v
        // Every number is stored as a real.
        case (.real, .integer(let i)): return .real(Double(i))
        case (.real, _): return v
        // Numbers are stored as text.
        case (.text, .text), (.text, .blob): return v
        default: return nil
        }
    }
}
