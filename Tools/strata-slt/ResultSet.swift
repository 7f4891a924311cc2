// ResultSet: a query's formatted values, sorted and hashed as the reference runner does.
//
//   rowsort    rows ordered by comparing their values' text column by column (strcmp)
//   valuesort  every value ordered on its own, ignoring rows
//   hash       MD5 over each value followed by "\n", reported as "N values hashing to MD5"
//
// Formatted values are printable ASCII only (ValueFormatter turns every other byte into '@'),
// so Swift's String ordering, which compares NFC scalars, is exactly strcmp's byte order here.

import Strata

struct ResultSet {
    /// Row-major formatted values.
    private(set) var values: [String]
    let columnCount: Int

    /// Formats `rows` by `types`; nil with a reason when a row's width is not the type string's.
    static func format(_ rows: [[Value]], types: [ColumnType]) -> Result<ResultSet, SLTError> {
        var values: [String] = []
        values.reserveCapacity(rows.count * types.count)
        for (index, row) in rows.enumerated() {
            guard row.count == types.count else {
                return .failure(SLTError(message: "row \(index + 1) has \(row.count) values, expected \(types.count)"))
            }
            for column in 0..<types.count {
                values.append(ValueFormatter.format(row[column], as: types[column]))
            }
        }
        return .success(ResultSet(values: values, columnCount: types.count))
    }

    init(values: [String], columnCount: Int) {
        self.values = values
        self.columnCount = max(columnCount, 1)
    }

    var rowCount: Int { values.count / columnCount }

    mutating func sort(_ mode: SortMode) {
        switch mode {
        case .nosort:
            break
        case .valuesort:
            values.sort()
        case .rowsort:
            let width = columnCount
            if width == 1 {
                values.sort()
                return
            }
            let values = self.values
            var order = Array(0..<rowCount)
            order.sort { a, b in
                var i = a * width
                var j = b * width
                for _ in 0..<width {
                    let x = values[i]
                    let y = values[j]
                    if x != y { return x < y }
                    i += 1
                    j += 1
                }
                return false
            }
            var sorted: [String] = []
            sorted.reserveCapacity(values.count)
            for row in order { sorted.append(contentsOf: values[(row * width)..<(row * width + width)]) }
            self.values = sorted
        }
    }

    /// MD5 of every value followed by "\n".
    var md5: String {
        var hasher = MD5()
        for value in values {
            hasher.update(value)
            hasher.update(byte: 0x0a)
        }
        return hasher.finalizeHex()
    }

    /// Row `index`'s values joined by single spaces (for files that list a row per line).
    func rowLine(_ index: Int) -> String {
        values[(index * columnCount)..<(index * columnCount + columnCount)].joined(separator: " ")
    }
}

/// Short renderings for failure lines.
enum Preview {
    static let valueLimit = 8

    /// "3 values: 1, 2, 3" (the first `valueLimit` values, then "...").
    static func values(_ values: [String]) -> String {
        if values.isEmpty { return "no values" }
        let shown = values.prefix(valueLimit).map { quoteIfNeeded($0) }.joined(separator: ", ")
        let more = values.count > valueLimit ? ", ..." : ""
        return "\(values.count) value\(values.count == 1 ? "" : "s"): \(shown)\(more)"
    }

    static func hash(count: Int, md5: String) -> String { "\(count) values hashing to \(md5)" }

    /// SQL on one line, white space collapsed, cut after about `limit` bytes (on a character
    /// boundary) with "...". Byte-wise: early engines fail most of 600k records.
    static func sql(_ sql: String, limit: Int = 120) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(sql.utf8.count, limit + 4))
        var pendingSpace = false
        for byte in sql.utf8 {
            if isSpace(byte) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            // Stop at the first character that starts past the limit (continuation bytes 10xxxxxx never start one).
            if out.count >= limit && byte & 0xc0 != 0x80 {
                out.append(contentsOf: "...".utf8)
                break
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A value as shown in a list: quoted when it is empty or has a comma or leading/trailing space.
    private static func quoteIfNeeded(_ value: String) -> String {
        let short = value.count > 40 ? String(value.prefix(40)) + "..." : value
        if short.isEmpty || short.contains(",") || short.first == " " || short.last == " " {
            return "'\(short)'"
        }
        return short
    }
}
