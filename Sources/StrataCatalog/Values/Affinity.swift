/// Column type affinity, as SQLite derives it from a declared type (section 3.1 of its datatype
/// documentation): INTEGER, TEXT, BLOB (none), REAL, NUMERIC.
package enum Affinity: UInt8, Sendable {
    case integer, text, blob, real, numeric

    /// The affinity of a declared column type, by SQLite's five rules in order.
    package init(declaredType: String?) {
        guard let t = declaredType?.uppercased(), !t.isEmpty else {
            self = .blob
            return
        }
        if t.contains("INT") { self = .integer }
        else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") { self = .text }
        else if t.contains("BLOB") { self = .blob }
        else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") { self = .real }
        else { self = .numeric }
    }
}

extension Affinity {
    /// INTEGER, REAL or NUMERIC.
    @inline(__always)
    package var isNumeric: Bool { self == .integer || self == .real || self == .numeric }

    /// The affinity SQLite applies to both operands of a comparison (its datatype doc, section 4.2;
    /// sqlite3CompareAffinity), given each operand's affinity: a column's (BLOB for a column
    /// without one), a CAST's, or nil for any other expression.
    ///
    /// - Both have an affinity: NUMERIC if either is INTEGER, REAL or NUMERIC, else none.
    /// - One has: that one (TEXT converts numbers on the other side to text; BLOB converts nothing).
    /// - Neither: none.
    ///
    /// Returns nil for "no conversion"; apply the result to both values with
    /// `applyComparisonAffinity(_:_:)` (it changes only the operand that needs it).
    package static func comparisonAffinity(left: Affinity?, right: Affinity?) -> Affinity? {
        switch (left, right) {
        case (let l?, let r?):
            return l.isNumeric || r.isNumeric ? .numeric : nil
        case (let a?, nil), (nil, let a?):
            return a == .blob ? nil : a
        case (nil, nil):
            return nil
        }
    }
}
