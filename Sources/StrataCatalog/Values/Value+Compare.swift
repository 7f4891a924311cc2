// Value+Compare: SQLite's ordering of values (sqlite3MemCompare) and SQL comparison with NULL.
//
// ORDER  NULL < INTEGER and REAL (one class, compared by exact numeric value) < TEXT (by
//        collation) < BLOB (memcmp, then length).
// INVARIANTS
//   (1) compareValues is a total preorder: 1 and 1.0 are equal, as are 0 and -0.0; NaN, which
//       SQLite never stores (it becomes NULL), compares equal to every number.
//   (2) An integer and a real compare exactly, even where the double cannot hold the integer
//       (9007199254740993 > 9007199254740992.0; 9223372036854775807 < 9223372036854775808.0).
//   (3) encodeKey's byte order agrees with compareValues (Encoding/KeyEncoding.swift).

import StrataCore

/// Compares two values in SQLite's sort order; negative, zero or positive.
///
/// NULLs compare equal to each other and below everything (SQL's unknown is `sqlCompare`).
/// `collation` applies when both values are TEXT.
package func compareValues(_ a: Value, _ b: Value, collation: Collation = .binary) -> Int {
    switch (a, b) {
    case (.integer(let x), .integer(let y)):
        return x < y ? -1 : (x == y ? 0 : 1)
    case (.real(let x), .real(let y)):
        return x < y ? -1 : (x > y ? 1 : 0)
    case (.integer(let x), .real(let y)):
        return compareIntegerToReal(x, y)
    case (.real(let x), .integer(let y)):
        return -compareIntegerToReal(y, x)
    case (.text(let x), .text(let y)):
        return compareText(x, y, collation: collation)
    case (.blob(let x), .blob(let y)):
        return x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in compareBytes(px, py).signum() } }
    default:
        return a.sortClass < b.sortClass ? -1 : (a.sortClass == b.sortClass ? 0 : 1)
    }
}

/// SQL comparison: nil (unknown) if either side is NULL, else as `compareValues`.
@inline(__always)
package func sqlCompare(_ a: Value, _ b: Value, collation: Collation = .binary) -> Int? {
    if a.isNull || b.isNull { return nil }
    return compareValues(a, b, collation: collation)
}

/// `a IS b`: NULL IS NULL is true, and no answer is unknown.
@inline(__always)
package func isSame(_ a: Value, _ b: Value, collation: Collation = .binary) -> Bool {
    if a.isNull || b.isNull { return a.isNull && b.isNull }
    return compareValues(a, b, collation: collation) == 0
}

/// Compares an Int64 with a double exactly (SQLite's sqlite3IntFloatCompare, portable form).
package func compareIntegerToReal(_ i: Int64, _ r: Double) -> Int {
    if r.isNaN { return 0 }
    if r < -9223372036854775808.0 { return 1 }
    if r >= 9223372036854775808.0 { return -1 }
    let y = Int64(r)
    if i < y { return -1 }
    if i > y { return 1 }
    let s = Double(i)
    if s < r { return -1 }
    if s > r { return 1 }
    return 0
}

/// Compares two strings' UTF-8 bytes under `collation`; -1, 0 or 1.
package func compareText(_ a: String, _ b: String, collation: Collation = .binary) -> Int {
    SQLiteNumberText.withUTF8(a) { pa in
        SQLiteNumberText.withUTF8(b) { pb in collation.compare(pa, pb).signum() }
    }
}

extension Value {
    /// The rank of the storage class in the sort order: NULL 0, numbers 1, text 2, blob 3.
    @inline(__always)
    package var sortClass: Int {
        switch self {
        case .null: 0
        case .integer, .real: 1
        case .text: 2
        case .blob: 3
        }
    }
}
